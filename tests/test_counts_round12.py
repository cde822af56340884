"""Fatalities, twelfth round (issue 11): classes found on a larger dev pool of ACLED notes (held seeds left out),
tested in our own sentences."""

import pytest

from incidentmap.counts import extract_counts, lowest_of_reports


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # "including" right after the cue, without a comma, is a part of the figure, not the verb's object.
        ("9 killed including one policeman.", 9),
        ("At least 12 people died among them a chief.", 12),
        # "N others" / "N more" in a clause of their own are further dead, not another report of the same ones.
        ("A trader was gunned down in the market, 3 others were gunned down near the bridge.", 4),
        ("Two soldiers were killed in the north and two others were killed in the south.", 4),
        ("Four herders were killed on Monday, and 2 more were killed on the way to the river.", 6),
        # ... not where the others were hurt, or where "others" is the subject of another verb.
        ("Ten people were killed, 3 others were injured.", 10),
        ("Police shot dead two robbers and three others escaped.", 2),
        # Two singular persons, coordinated, as the subject: two deaths.
        ("A farmer and his son were killed by gunmen in the village.", 2),
        ("Bus driver and conductor killed in an ambush on the highway.", 2),
        ("A teacher and a nurse were shot dead at a roadblock.", 2),
        # ... one person and a thing is one.
        ("A chief and his car were burnt in the attack.", None),
        ("Herder killed and cattle stolen in a raid near the border.", 1),
        # An age in abbreviated years is no figure of people.
        ("7 yr old girl was shot dead during a raid on the farm.", 1),
        ("A 12 yrs old boy was killed by a stray bullet.", 1),
        # Adverbs between the auxiliary and the verb: "was then killed", "was subsequently shot dead".
        ("The suspect was then killed by police.", 1),
        ("The robber was subsequently shot dead by officers.", 1),
        ("A driver was shot and later died in hospital.", 1),
        ("A watchman was attacked and eventually died of his wounds.", 1),
        # A singular pronoun as the subject of a death: one.
        ("He later died in hospital.", 1),
        ("She was killed by a stray bullet.", 1),
        # ... not in reported speech about someone counted already, nor as the agent.
        ("He killed two herders.", 2),
        ("He said nobody died.", 0),
        # "Both" counts two, as the subject of the death.
        ("Both women were killed in the attack.", 2),
        ("Both men (relatives) were hacked to death.", 2),
        # ... not "both" coordinating groups.
        ("Both soldiers and civilians were killed in the attack.", None),
        # A pronoun between "shot" and "dead".
        ("Gunmen stormed the house and shot him dead.", 1),
        ("Before leaving, the attackers shot her dead.", 1),
        # Beheaded, decapitated; a list of verbs ending in one.
        ("Three members of the patrol were hacked and decapitated by an armed group.", 3),
        ("The gang decapitated two herders.", 2),
        # Two verbs joined before the object: "lynched and burned two men".
        ("A mob lynched and burned two men in the market.", 2),
        ("A vigilante mob lynches and burns a suspected robber in the town.", 1),
        # Present-tense verbs split around "to death": ACLED notes are written in the present.
        ("Villagers stone three suspected thieves to death.", 3),
        ("A mob beats a suspected thief to death.", 1),
        # ... a threat is no death.
        ("Residents threatened to stone two suspects to death.", None),
        # A claim "to kill", "proceed to kill": what was done (not a purpose).
        ("Soldiers claim to kill three militants after being ambushed.", 3),
        ("Police rescue a man from a mob, then proceed to kill him.", 1),
        # ... a purpose still is not.
        ("Gunmen came to kill two witnesses.", None),
        # An adjective before "bodies" after a figure.
        ("Police recovered 16 charred bodies from the burnt houses.", 16),
        ("12 mutilated bodies were taken to the mortuary.", 12),
        # "many" as an active verb's object: ACLED's 10, like "several".
        ("Police pursue raiders and kill many.", 10),
        ("The bandits killed many villagers.", 10),
        # ... not "many more", "many times", "many years".
        ("The gunmen killed a man many years ago.", 1),
        # A participial or relative clause between the figure's noun and its verb.
        ("Seven fishermen fishing in the lake have been killed by militiamen.", 7),
        ("Four traders travelling along the highway were shot dead.", 4),
        ("Two women who were accused of theft are lynched in the village.", 2),
        ("Three boys who had gone to graze cattle were killed by raiders.", 3),
    ],
)
def test_fatalities_round12(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


def test_claim_by_the_perpetrators_is_another_report():
    """A group's claim of its own toll reports the same dead as the article's figure: ACLED keeps the lowest."""
    first = "Five police officers were killed when their vehicle struck a landmine near the border."
    claim = "Al Shabaab, in taking credit, claims twenty dead."
    figures = [(0, first, "", 5), (len(first) + 1, claim, "", 20)]
    assert lowest_of_reports(figures) == [5, None]
    lower = "The militia claimed it killed only 3."
    assert lowest_of_reports([(0, first, "", 5), (len(first) + 1, lower, "", 3)]) == [3, None]
    # ... anywhere in a later sentence
    radio = "It was not clear who planted the device, though a radio station subsequently claimed 20 were killed."
    assert lowest_of_reports([(0, first, "", 5), (len(first) + 1, radio, "", 20)]) == [5, None]
    # ... not a toll in other words
    lives = "The blast claimed the lives of 7 people."
    assert lowest_of_reports([(0, first, "", 5), (len(first) + 1, lives, "", 7)]) == [5, 7]
    # ... not a claim about another group
    counter = "Military sources claimed that 10 Al-Shabaab fighters had been killed."
    assert lowest_of_reports([(0, first, "", 5), (len(first) + 1, counter, "", 10)]) == [5, 10]
    # ... while after a figure of "people" the claim's group may be the same dead
    people = "At least 10 people were killed in the attack."
    claim20 = "The militants claimed they had killed 20 police officers."
    assert lowest_of_reports([(0, people, "", 10), (len(people) + 1, claim20, "", 20)]) == [10, None]
    # ... not a claim of another attack
    other = "The group also claimed another attack that killed 12."
    assert lowest_of_reports([(0, first, "", 5), (len(first) + 1, other, "", 12)]) == [5, 12]


@pytest.mark.parametrize("sentence", ["A mob beat him to death.", "Villagers stoned her to death.",
                                      "The gang stabs him to death."])
def test_pronoun_split_from_to_death_is_one(sentence):
    assert extract_counts(sentence).fatalities == 1



@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # Headlines and present-tense notes: one person without a determiner.
        ("Militia kill butcher and torch houses in the estate.", 1),
        ("A mob lynched a former robbery convict after a break-in.", 1),
        ("An officer shot dead his boss at the station.", 1),
        ("Party representative killed at his home.", 1),
        ("Terror suspect found dead on the side of the road.", 1),
        # A bare weekday between the auxiliary and the verb.
        ("A suspect was Friday lynched in the village.", 1),
        # The -ing form split around "to death".
        ("Residents burnt his house before stoning him to death.", 1),
        ("The mob chased them, beating two men to death.", 2),
    ],
)
def test_fatalities_round12_headlines(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize("text", ["Gunmen kill woman near a police station.", "Bandits kill herder in the valley.",
                                  "Militia kill driver on the highway."])
def test_present_tense_kill_with_a_bare_person_is_an_incident(text):
    from incidentmap.pipeline import analyze

    incidents = analyze(text).incidents
    assert [i.fatalities for i in incidents] == [1]


def test_kill_time_is_no_incident():
    from incidentmap.pipeline import analyze

    assert analyze("The delegates tried to kill time before the vote.").incidents == []


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # Two noun phrases of up to three words joined by "and" stay linked to their verb, "feared" included.
        ("At least 24 police officers and Kenya Police Reservists (KPR) are feared dead, 17 injured.", 24),
        ("9 herders and their sons were killed in the raid.", 9),
        # ... not verbs joined by "and".
        ("15 captured and 1 killed.", 1),
        ("Two arrested and killed.", None),
    ],
)
def test_noun_pairs_of_several_words(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        ("A body has been found dumped in a pit latrine near the village.", 1),
        ("The mutilated and tortured body of a suspect (a trader) is discovered in a ditch.", 1),
        ("Gunmen killed county executive, John Doe, at his gate.", 1),
        # a body that is no corpse
        ("The council is a body that was found wanting.", None),
    ],
)
def test_bodies_and_persons_round12(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


def test_a_body_found_is_an_incident():
    from incidentmap.pipeline import analyze

    assert [i.fatalities for i in analyze("A body has been found dumped in a pit latrine near the village.").incidents] == [1]
    assert analyze("A body was formed to investigate the claims.").incidents == []


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # Three or more singular persons listed before a passive cue.
        ("A 7 year old boy, a pregnant woman, and a demonstrator were killed by police bullets.", 3),
        ("In the attack, a chief, a teacher and a herder were killed.", 3),
        # ... a group with its own figure in the list is summed as before
        ("Two soldiers, a teacher and a farmer were killed.", 4),
        # ... not things, nor groups without a figure
        ("Cattle, goats and a herder were killed.", None),
        # "N more bodies"
        ("Four more bodies were found in the bush.", 4),
    ],
)
def test_lists_of_persons_and_more_bodies(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(("text", "figures"), [
    # A next sentence's "others"/"more" adds to the event's toll (ACLED sums the groups a report names one by one)
    ("Ten people were killed in an attack by cattle rustlers in Baragoi. Four more bodies were found in the days "
     "after the raid.", [14]),
    ("Two police officers were attacked and killed on the road in Mandera county. Two others were reported dead as "
     "well.", [4]),
    # ... not at another place
    ("Ten people were killed in Mandera on Monday. Two more were killed in Nakuru.", [10, 2]),
])
def test_further_dead_in_the_next_sentence(text, figures):
    from incidentmap.pipeline import analyze

    assert [i.fatalities for i in analyze(text).incidents if i.fatalities is not None] == figures
