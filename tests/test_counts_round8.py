"""Issue 11, round 8 (K8f): fatality figures in the wording of Kenyan reports, ACLED's way (the sentences are ours)."""

from __future__ import annotations

import pytest

from incidentmap.counts import extract_counts


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # "shoot dead" in the present and the participle is the active "shot dead": what follows is the object
        ("Officers ended the raid, shooting dead 3 and injuring four others.", 3),
        ("Police shoot dead leader of a gang in a village raid.", 1),
        ("Rangers shoot dead a poacher near the park gate.", 1),
        # a headline's person shot dead: one
        ("Police detective shot dead while on patrol", 1),
        ("A teacher shot dead by unknown gunmen", 1),
        # a possessive before an object figure
        ("Arsonists torched the house, killing his two children inside.", 2),
        ("The fire killed their four occupants overnight.", 4),
        # a particle between the verb and its object
        ("Villagers beat up two men to death over a theft.", 2),
        # a part of another cue's group
        ("Two of the injured later died in hospital.", 2),
        ("Three of those arrested were later found dead in a forest.", 3),
        # a school year is no head count
        ("A form four student was killed by a stray bullet in the protests.", 1),
        ("Gunmen killed a form three student.", 1),
        ("A class 8 pupil died in the stampede.", 1),
        # another source's figure in brackets: the lowest
        ("At least 20 (some reports 30) have been killed in clashes between two clans.", 20),
        # a label with words that say it is an estimate
        ("FATALITIES: reported estimates include 12, according to local reports", 12),
        # one death in an "after" clause is the cause: the sentence's own figure wins
        ("Four rioters die during riot after local politician killed", 4),
        ("Three people died in the riots after a boda boda rider was killed.", 3),
        # ... and where it is the only death, it stays
        ("Residents rioted after a local trader was killed by police.", 1),
        # a purpose is not what happened, but something done "to kill" is
        ("Police fired on a mob that stormed the station to lynch two women; three people were shot dead.", 3),
        ("The gang went on to kill two guards.", 2),
        ("The machete was used to kill a herder.", 1),
        # denied reports are not counted, the event's own figure is
        ("A woman was killed in a shootout; the commissioner dismissed reports that 14 people were shot dead.", 1),
    ],
)
def test_fatalities_round8(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    "sentence",
    [
        # passive: the words after "by" name who did it, not the dead
        "Somali refugees shot dead by unknown gunmen",
        # a denied figure
        "Police denied claims that five people were killed in the raid.",
        # a period's toll is not one event's
        "In the last two months 10 people have been killed in raids on villages.",
        "The two were shot on their farms, bringing the number of people killed in the past week to four.",
    ],
)
def test_no_figure_but_noted(sentence):
    c = extract_counts(sentence)
    assert c.fatalities is None
    assert "fatalities" in c.texts  # the death is still noted: "fatalities reported, number unknown"


def test_a_purpose_is_no_death():
    c = extract_counts("Youths marched to the station to lynch the suspect.")
    assert c.fatalities is None and "fatalities" not in c.texts


def test_a_purpose_is_no_arrest_count():
    assert extract_counts("Officers were ordered to arrest 12 protesters.").arrests is None
    assert extract_counts("Officers arrested 12 protesters.").arrests == 12


def test_a_period_toll_beside_the_event_s_own_figure():
    # the event's own figure stays; only the period's is dropped
    assert extract_counts("Two more people were killed on Sunday, bringing the number killed in the last week "
                          "to six.").fatalities == 2


def test_another_source_s_figure_gives_way_to_the_lowest():
    from incidentmap.counts import lowest_of_reports

    first = "At least three people were killed when their car hit a landmine."
    later = "The Daily Star reports four dead."
    assert lowest_of_reports([(0, first, "", 3), (70, later, "", 4)]) == [3, None]
    # the lower figure of the other source is the event's
    assert lowest_of_reports([(0, first, "", 3), (70, "Local media recorded 2 deaths.", "", 2)]) == [2, None]
    # a police statement is how a report gives its one figure: not another source's
    assert lowest_of_reports([(0, first, "", 3), (70, "Police said five people died.", "", 5)]) == [3, 5]
    # another place: another event
    assert lowest_of_reports([(0, first, "ke:a", 3), (70, later, "ke:b", 4)]) == [3, 4]


def test_conflicting_reports_in_an_article_reach_the_event_once():
    import datetime as dt

    from incidentmap.pipeline import analyze

    text = ("Police shot dead a man who attacked them in Nakuru on Friday. "
            "Local media recorded 2 deaths in the shootout.")
    dead = [i.fatalities for i in analyze(text, published=dt.date(2024, 3, 9)).incidents if i.fatalities]
    assert dead == [1]


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # one more person killed with the one counted
        ("A police officer was killed along with his driver in the ambush.", 2),
        ("Gunmen killed a chief along with his son.", 2),
        ("Two soldiers were killed along with their commander.", 3),
        ("Mr. Juma Ole Mpoe, the manager of the farm in the valley, died on the spot together with his passenger.", 2),
        # ... a person only
        ("A herder was killed along with 20 goats.", 1),
        ("Police along with residents killed a thief.", 1),
        # one corpse is one death
        ("A man was shot with arrows and his corpse beheaded by attackers.", 1),
        ("The corpse of a herder was found in the forest.", 1),
        # a toll coded across several events: each event's share where it divides evenly
        ("Clashes between two groups resulted in 6 deaths (coded across 6 events) and 17 injuries.", 1),
        ("Clashes between two groups resulted in 8 deaths (coded across 4 events).", 2),
        ("Clashes resulted in 7 deaths (coded across 3 events).", None),
    ],
)
def test_fatalities_round8_more(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


def test_along_with_is_no_further_arrest():
    assert extract_counts("A man was arrested along with his accomplice.").arrests == 1


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # a seller, a buyer are persons
        ("Villagers beat and killed a fruit seller at the market on suspicion of theft.", 1),
        # a total and its breakdown: the total (not the lowest of the parts)
        ("30 people were killed in the riots - 18 died at the scene while 12 died later in hospital.", 30),
        # ... while two conflicting figures still give the lowest
        ("Officials say 12 were killed while activists say 40 were killed.", 12),
        # a subset listing several up to the verb
        ("5 people, including a vendor, a rickshaw puller and a student were killed in the firing.", 5),
        ("2 people, including a protester, and a shopkeeper, were killed in the town.", 2),
    ],
)
def test_fatalities_round8_lists_and_totals(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


def test_a_subset_list_does_not_swallow_the_next_clause():
    c = extract_counts("Ten people, including two officers, were injured there, and police detained 23 people.")
    assert (c.injuries, c.arrests) == (10, 23)


def test_a_corpse_in_a_charge_is_no_death():
    assert extract_counts("He pleaded guilty to interfering with a corpse.").fatalities is None


@pytest.mark.parametrize("sentence, dead", [
    ("Gunmen beheaded a man in the village on Monday.", 1),
    ("Two men were beheaded by militants.", 2),
    ("A herder was beheaded.", 1),
    ("Attackers beheaded three farmers and torched homes.", 3),
    ("The militants threatened to behead 5 hostages.", None),  # a threat kills no one
])
def test_beheading_is_a_death_verb(sentence, dead):
    assert extract_counts(sentence).fatalities == dead
