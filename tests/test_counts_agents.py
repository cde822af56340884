"""Who is counted: the victims of an active verb, not its agents; a body found is one death."""

from __future__ import annotations

import pytest

from incidentmap.counts import extract_counts


@pytest.mark.parametrize(
    ("sentence", "fatalities", "text"),
    [
        # the figure before an active verb with an object counts the attackers
        ("Five bandits killed two herders near the river on Sunday.", 2, "killed two"),
        ("Three gunmen killed a shopkeeper in the market.", 1, "killed a shopkeeper"),
        ("Two militants shot dead a county council driver on Friday.", 1, "dead a county council driver"),
        ("Four raiders shot dead three pastoralists.", 3, "dead three"),
        # a longer capitalised name before the person ("a Lake Region County Assembly clerk")
        ("Two gunmen shot dead a Lake Region County Assembly clerk.", 1, "dead a Lake Region County Assembly clerk"),
        # passives and headlines keep the figure before the verb
        ("Five herders were killed by bandits.", 5, "Five herders were killed"),
        ("Two men shot dead by police in the slum.", 2, "Two men shot dead"),
        ("12 killed in clashes over water.", 12, "12 killed"),
        ("At least 10 people killed 2 weeks after the vote.", 10, "At least 10 people killed"),
        # an object that is the subject of its own cue is another clause's
        ("Two people killed one injured in a night raid.", 2, "Two people killed"),
        # one body found: one death (ACLED), with a finding verb only
        ("The body of a missing trader was found in the river.", 1, "The body of a missing trader was found"),
        ("The teacher's body was later recovered from a dam.", 1, "teacher's body was later recovered"),
        ("Three bodies were found in the forest.", 3, "Three bodies"),
    ],
)
def test_fatalities_counted_on_the_victims(sentence, fatalities, text):
    c = extract_counts(sentence)
    assert c.fatalities == fatalities
    assert c.texts["fatalities"] == text


def test_arrests_count_the_arrested_not_the_officers():
    assert extract_counts("Two officers arrested three suspects at the border.").arrests == 3


@pytest.mark.parametrize("sentence", [
    "The governing body was found to have broken the rules.",
    "A student body was formed in the college.",
    "The body armour was found in a store.",
])
def test_body_without_a_death_is_not_counted(sentence):
    assert extract_counts(sentence).fatalities is None


@pytest.mark.parametrize(
    ("sentence", "fatalities", "text"),
    [
        # a named person with an appositive from the closed list of persons is one death
        ("Police shot and killed Otieno Omondi, a 19-year-old boda boda rider, near the market.", 1,
         "killed Otieno Omondi, a 19-year-old boda boda rider"),
        ("Achieng, a mother of three, died on Friday after the raid.", 1, "Achieng, a mother of three, died"),
        # "the number of" with the figure before it
        ("The night's violence raised to at least 14 the number of people killed since the vote.", 14,
         "to at least 14 the number of people killed"),
        # an "an ..." after a figure is a group only if it is a person
        ("Soldiers fired on the crowd, killing at least 9 people, an opposition-linked rights group said.", 9,
         "killing at least 9"),
        ("Soldiers fired on the crowd, killing 9 protesters and a police officer.", 10, None),
    ],
)
def test_named_people_tolls_and_groups(sentence, fatalities, text):
    c = extract_counts(sentence)
    assert c.fatalities == fatalities
    if text is not None:
        assert c.texts["fatalities"] == text


@pytest.mark.parametrize("sentence", [
    "The walkout killed Monday's talks, a move that angered the unions.",
    "Nairobi, a city of four million, died down after midnight.",
])
def test_a_name_with_an_appositive_that_is_no_person_is_not_a_death(sentence):
    assert extract_counts(sentence).fatalities is None


@pytest.mark.parametrize(("sentence", "fatalities"), [
    ("One person from each group was killed in the clash.", 2),  # per side: two sides at least
    ("Two fighters on either side were killed.", 4),
    ("Three people from both communities died.", 3),  # "both": a total
])
def test_a_figure_per_side_counts_two_sides(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities
