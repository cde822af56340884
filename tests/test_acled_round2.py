"""Issue 11, round 2: the failure classes of bench.acled, each fixed by a general rule (sentences written here)."""

import pytest

from incidentmap.counts import extract_counts


# -- class 1: fatalities ACLED's way --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # one person without a numeral, as the object of an active verb
    ("Unknown gunmen kill member of a rival gang in the slums.", 1),
    ("A gang kills a shopkeeper from a rival clan.", 1),
    ("Police officer shoots and kills a university student during an argument.", 1),
    ("The attackers killed a man and his daughter in the village.", 2),
    # ... as the subject of a passive or intransitive cue
    ("Trader killed during a quarrel with a neighbour.", 1),
    ("A student leader was assaulted and killed by rival activists.", 1),
    # lynching is killing
    ("A man accused of stealing goats is lynched near the market.", 1),
    ("Villagers lynch two suspected thieves.", 2),
    ("A crowd lynches three men.", 3),
    # "to death" after its object, more verbs
    ("Residents beat a man to death after a theft.", 1),
    ("Youths beat up and burnt to death a suspected thief.", 1),
    ("One hacked to death in a fight between two clans.", 1),
    ("One speared to death in a fight between two clans.", 1),
    # "die", "one death"
    ("5 die in fighting between two militias.", 5),
    ("The two communities clash over land. One death reported.", 1),
    # a short parenthetical does not cut the figure from its cue
    ("Three Kenya Navy (KN) sailors have been killed during a gunfight at the lake.", 3),
    ("Four suspected robbers (or members of another gang) were shot dead by police.", 4),
])
def test_one_death_without_a_numeral_and_other_grammar(sentence, expected):
    assert extract_counts(sentence).fatalities == expected


@pytest.mark.parametrize("sentence", [
    "A policeman killed protesters in the square.",  # active, plural bare object: number unknown
    "Parliament killed the bill on Monday.",
    "The company said the deal killed a bid by rivals.",
    "Three men were sentenced to death on Monday.",
    "Protesters were beaten by police.",
])
def test_no_death_figure_where_none_is_given(sentence):
    assert extract_counts(sentence).fatalities is None


def test_a_bare_death_is_not_a_fatalities_cue():
    assert "fatalities" not in extract_counts("Three men were sentenced to death on Monday.").texts


def test_a_parenthetical_with_a_figure_still_counts_and_the_lowest_wins():
    c = extract_counts("3 gunmen were shot dead by police (a later report gave 4 deaths).")
    assert c.fatalities == 3
