"""Fatalities, thirteenth round (issue 11): classes found on the dev pool of ACLED notes (held seeds left out),
tested in our own sentences."""

import pytest

from incidentmap.counts import extract_counts


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # "either N or M": two reports of one figure, the lowest kept (ACLED).
        ("Troops repelled the raid, killing either two or five gunmen.", 2),
        ("Either one or three guards died in the attack.", 1),
        # A relative clause in brackets says who the dead were, not what this event did.
        ("3 robbers (who had killed 4 traders last month) were shot dead by police.", 3),
        ("2 herders (whose cattle had been stolen) were killed in the ambush.", 2),
        # ", as was one of the attackers": a further dead person after the figure's clause.
        ("Two guards were killed, as was one of the robbers.", 3),
        ("Five villagers died in the raid, as did 2 policemen sent to help.", 7),
        ("A farmer was shot dead, as was his neighbour.", 2),
        # ... not a comparison.
        ("Two guards were killed, as was the case in May.", 2),
        # A time phrase between the auxiliary and the verb.
        ("Three traders were in the evening hours shot dead near the market.", 3),
        ("Two herders were in the early hours of Sunday killed by raiders.", 2),
        ("A chief was at night hacked to death.", 1),
        ("Twelve people from the clan were during the nighttime hours killed by raiders.", 12),
    ],
)
def test_figures_round13(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # The killer's own death counts (ACLED): added to the dead he killed, or one of its own.
        ("A guard shot dead his supervisor before turning the gun on himself.", 2),
        ("The constable killed three colleagues and then took his own life.", 4),
        ("A soldier shot a comrade before committing suicide at the barracks.", 1),
        ("The gunman killed himself as police closed in.", 1),
        # ... not a threat or an attempt, nor a death already in the figure.
        ("The man tried to kill himself after the raid.", None),
        ("He threatened to take his own life.", None),
        ("Ten people died, including the gunman who shot himself.", 10),
        # ... nor a suicide bomber (whether a bombing's toll counts the bomber, reports differ).
        ("Ten people died when a suicide bomber, who killed himself, struck the market.", 10),
    ],
)
def test_the_killers_own_death(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


def test_the_suicide_text_is_a_span_of_the_sentence():
    sentence = "An officer shot dead his boss before turning the gun on himself in the camp."
    counts = extract_counts(sentence)
    assert counts.fatalities == 2
    assert counts.texts["fatalities"] in sentence and counts.texts["fatalities"].endswith("on himself")


@pytest.mark.parametrize("number", ["eleven", "fifteen", "twenty", "12"])
def test_a_headline_kill_with_a_number_word_is_an_incident(number):
    from incidentmap.pipeline import analyze

    incidents = analyze(f"Raiders kill {number} herders near the lake").incidents
    assert any(i.incident_type == "casualties" and i.fatalities for i in incidents)


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # animals are no people: "killed two goats"
        ("The raiders also killed two goats and a cow.", None),
        ("Bandits stole 40 cattle and killed two herders.", 2),
        ("Gunmen shot dead 3 camels near the well.", None),
        # ... but herders and thieves of animals are people
        ("Four villagers and six cattle thieves were killed overnight.", 10),
        ("9 cattle rustlers shot dead by police.", 9),
        ("Two camel herders were killed near the well.", 2),
        # ... while a bracket on the event itself gives its toll
        ("The attack (which left 7 dead) shocked the town.", 7),
    ],
)
def test_animals_are_no_toll(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize("source", ["Shabelle Media Network", "The Daily Monitor", "Citizen TV", "The Guardian"])
def test_a_media_outlets_figure_is_another_report(source):
    # ACLED keeps the lowest of conflicting reports: the outlet's higher figure does not replace the first one
    from incidentmap.pipeline import analyze

    text = (f"Gunmen attacked a police post in the town on Monday. One officer was reported dead and two others "
            f"injured. {source} reports nine officers dead.")
    tolls = [i.fatalities for i in analyze(text).incidents if i.fatalities]
    assert tolls and max(tolls) == 1


@pytest.mark.parametrize("headline", ["Militants kill mobile phone company employee",
                                      "Gunmen kill Mungiki sect spokesman",
                                      "Bandits kill local government official"])
def test_a_headline_kill_of_a_person_with_modifiers_is_one_death(headline):
    from incidentmap.pipeline import analyze

    assert [i.fatalities for i in analyze(headline).incidents if i.fatalities] == [1]


def test_a_headline_kill_of_a_thing_is_no_incident():
    from incidentmap.pipeline import analyze

    assert analyze("MPs vowed to kill the bill in parliament").incidents == []


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # killed "with his wife and son": the companions died too
        ("A trader was killed by gunmen with his wife and son near the market.", 3),
        ("The chief was shot dead with his bodyguard.", 2),
        ("A woman died with her two children in the fire.", 3),
        # ... not a thing, nor people on the other side
        ("A man was killed with his own gun.", 1),
        ("A trader was killed in a clash with his rivals.", 1),
        # "… and son" without a determiner is one more person; a verb after "and" is not
        ("A farmer was killed along with his brother and son.", 3),
        ("A grenade attack kills a public works officer and injures a member of the Red Cross.", 1),
    ],
)
def test_companions_killed_with_the_one_counted(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # a singular person and whose they are, then the passive: one
        ("Close aide of opposition leader Raila Odinga killed by knife wound.", 1),
        ("Wife of a local chief shot dead in Nyeri.", 1),
        ("The son of a former councillor was killed in the raid.", 1),
        # ... not plural persons, nor a relative clause's object
        ("Relatives of the victims killed in the raid protested.", None),
    ],
)
def test_a_person_of_someone_killed_is_one(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # irregular participles before "and died": "was caught in the fighting and died"
        ("A taxi driver was caught in the fighting and died from the injuries.", 1),
        ("A boy was struck by a stray bullet and died.", 1),
        # a list of participles: "was beaten, stabbed and killed"
        ("A man was beaten, stabbed and killed by a mob.", 1),
        ("The suspect was arrested, questioned and released.", None),
        # burnt alive: killed
        ("Two suspects were burnt alive by a mob in Kisii.", 2),
        ("Residents burned alive a suspected thief.", 1),
        # a person linked with a group, then the passive
        ("Muslim cleric linked with Al Shabaab killed in shoot-out with police.", 1),
    ],
)
def test_participles_burnt_alive_and_linked_persons(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


def test_burnt_alive_is_a_death_incident():
    from incidentmap.pipeline import analyze

    assert [i.fatalities for i in analyze("Residents burned alive a suspected thief.").incidents if i.fatalities] == [1]


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # a list of singular persons as the object: each is one
        ("Gunmen killed a trader, his wife and their son.", 3),
        ("Raiders killed a herder, a teacher, a nurse and a boy.", 4),
        ("Attackers killed the chairman, his driver, and personal assistant, and set his house alight.", 3),
        # ... not a clause after the comma
        ("Police shot dead a robber, who had a gun.", 1),
        ("Gunmen killed a chief, police said.", 1),
    ],
)
def test_a_list_of_persons_killed(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # "a/an" after a comma that no "and" continues says who the one was: no second group
        ("Gunmen killed a trader, a father of three, in Kisumu.", 1),
        ("Armed men killed a village official, an unarmed community watch officer, at the market.", 1),
        # ... a list goes on with "and"
        ("Raiders killed two herders, a teacher and a nurse.", 4),
        ("Police killed 12 protesters, a journalist and two children.", 15),
    ],
)
def test_an_apposition_is_no_second_group(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # two coordinated persons, each with whose unit they are
        ("An inspector with the Anti-Stock Theft Unit and a corporal with the Kenya Wildlife Service were shot dead.", 2),
        ("A sergeant of the General Service Unit and a constable were killed in the ambush.", 2),
        ("A teacher and a nurse were shot dead at a roadblock.", 2),
    ],
)
def test_two_persons_with_their_units(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # the group's members named after its figure, up to the verb
        ("Two local leaders, MCA John Kamau and a party hopeful Peter Otieno were shot dead at a bar.", 2),
        ("Two officers, John Kamau and Peter Otieno were killed in the ambush.", 2),
        # an aside in commas before "were shot dead"
        ("Two soldiers, on patrol near the border, were shot dead.", 2),
        # ... the agent's aside is not the dead
        ("Five gunmen, armed with rifles, shot dead a trader.", 1),
    ],
)
def test_named_members_and_asides_before_shot_dead(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # a singular person with a relative clause, then "died": one
        ("A woman who was accused of harbouring a suspect in the port city died in custody on Monday night.", 1),
        ("A man who had been arrested for the murder of two people later died in custody.", 1),
        # ... not when the relative clause ended in a clause of its own
        ("The woman who was injured said her neighbours died.", None),
    ],
)
def test_a_person_with_a_relative_clause_died(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities
