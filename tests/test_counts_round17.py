"""Issue 11, seventeenth round: fatality rules (each test failed before its rule)."""

from __future__ import annotations

import pytest

from incidentmap.counts import extract_counts


@pytest.mark.parametrize(("sentence", "dead"), [
    ("Police shot dead John Kamau on Monday.", 1),
    ("Gunmen killed Jane Wanjiru and Peter Otieno outside their home.", 2),
    ("A mob lynched Abdi Hassan Omar in Garissa.", 1),
    ("Unknown assailants murdered Ahmed Ali bin Salim, the imam said.", 1),
    ("A policeman has been arrested after shooting dead Mwenda Itaeba.", 1),
])
def test_a_persons_bare_name_as_the_object_of_a_death_verb_is_one_death(sentence, dead):
    assert extract_counts(sentence).fatalities == dead


@pytest.mark.parametrize("sentence", [
    "Troops killed Boko Haram in the north.",  # an armed group (the actors lexicon)
    "KDF killed Al Shabaab in Lamu.",
    "Police killed Turkana Herders.",  # a people
    "Gunmen killed Kenya Power staff on Monday.",  # a modifier, not a name
    "The raiders killed Monday Night revellers.",  # a day
    "Floods killed Red Cross volunteers.",
])
def test_no_death_from_a_group_a_people_or_a_modifier(sentence):
    assert extract_counts(sentence).fatalities is None


@pytest.mark.parametrize(("sentence", "dead"), [
    ("They killed 1 person, before police opened fire, killing 2 of the attackers.", 3),
    ("Gunmen killed five people before police shot dead two of the attackers.", 7),
    ("The raiders killed three herders and police killed four of the raiders.", 7),
    ("A guard is killed while the GSU kill one of the attackers.", 2),
])
def test_the_attackers_dead_and_their_victims_add_up(sentence, dead):
    # the dead of the side that attacked are never their victims: two groups, summed (ACLED), not conflicting figures
    assert extract_counts(sentence).fatalities == dead


@pytest.mark.parametrize(("sentence", "dead"), [
    ("Police killed 5 militants, two of the attackers were killed later.", 2),  # fighters both: may be the same
    ("Five people were killed, including two of the attackers.", 5),  # a part of the figure
])
def test_the_attackers_part_of_fighters_or_of_the_figure_is_no_further_group(sentence, dead):
    assert extract_counts(sentence).fatalities == dead


def _tolls(text: str) -> list[int]:
    from incidentmap.pipeline import analyze

    return [i.fatalities for i in analyze(text).incidents if i.fatalities]


def test_some_of_the_injured_who_die_later_join_the_events_toll():
    text = ("Kenya. Two soldiers were killed and 11 were injured in clashes with militants in Mandera. Three of the "
            "injured died the next day from their wounds.")
    assert _tolls(text) == [5]


def test_the_attackers_dead_in_a_battle_join_its_toll_sentence_after_sentence():
    text = ("Kenya. During battles with Al-Shabaab two Kenyan soldiers are killed and 11 are injured. Three of the "
            "injured die the next day from their wounds. Three of the Al Shabaab gunmen are killed during the day.")
    assert _tolls(text) == [8]  # the event a sentence's dead joined is the one the next sentence's join


@pytest.mark.parametrize("text", [
    # after a one-sided attack, police killing the attackers is another event (ACLED: two rows, 5 and 2)
    "Kenya. Gunmen killed five villagers in Garsen on Sunday. Two of the attackers were shot dead by police.",
    # the toll counts fighters: the attackers may be among them
    "Kenya. Soldiers and militants clashed in Garsen on Sunday, killing five militants. Two of the attackers were "
    "shot dead near the river.",
])
def test_the_attackers_dead_stay_apart_after_an_attack_or_a_toll_of_fighters(text):
    assert sorted(_tolls(text)) == [2, 5]


@pytest.mark.parametrize(("text", "tolls"), [
    ("Kenya. A vigilante mob burned the home of a suspected murderer in Kisii, killing his two children. Several days "
     "later the suspect died of injuries sustained from the fire.", [3]),
    ("Kenya. Gunmen killed three people in Garsen on Sunday. A fourth victim later succumbed to his injuries in "
     "hospital.", [4]),
    # one of the dead already counted: no further death
    ("Kenya. Three people died in the attack in Garsen. One of them died of injuries in hospital.", [3, 1]),
])
def test_a_later_death_of_the_events_wounds_joins_its_toll(text, tolls):
    assert _tolls(text) == tolls


@pytest.mark.parametrize(("sentence", "dead"), [
    ("Residents set a suspected thief alight.", 1),
    ("A vigilante group attacked and set alight four robbery suspects.", 4),
    ("Four robbery suspects were set on fire at Kamwimbi by a vigilante group.", 4),
    ("Two Administration Police officers were attacked and set ablaze in Voi.", 2),
    ("Villagers set ablaze a matatu driver after the crash.", 1),
])
def test_persons_set_alight_are_killed(sentence, dead):
    # ACLED codes a crowd's burning of a person as a killing
    assert extract_counts(sentence).fatalities == dead


@pytest.mark.parametrize("sentence", [
    "Residents set three houses ablaze.",  # things, not persons
    "Unidentified persons set ablaze the house of the member of Ward No. 2.",
    "Rioters set tyres alight.",
    "Five men were attacked and set alight; all five were treated in hospital.",  # survival told
    "The mob beat him up and set him on fire.",  # a pronoun: the person an earlier sentence counted
])
def test_no_death_from_burnt_things_survivors_or_a_pronoun(sentence):
    assert extract_counts(sentence).fatalities is None


def test_killed_and_wounded_in_action_in_capitals():
    counts = extract_counts("Two soldiers KIA and three WIA in the ambush.")
    assert (counts.fatalities, counts.injuries) == (2, 3)
    assert extract_counts("A Kia car was burnt in Kiambu.").fatalities is None  # the name, not the abbreviation
    text = "Kenya. Al Shabaab fighters attacked a truck near Mandera. Twelve reportedly KIA."
    assert _tolls(text) == [12]  # a trigger of its own: the sentence is read
