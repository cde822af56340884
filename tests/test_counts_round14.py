"""Fatalities, fourteenth round (issue 11): classes found on the dev pool of ACLED notes (held seeds left out),
tested in our own sentences."""

import pytest

from incidentmap.counts import extract_counts
from incidentmap.pipeline import analyze


def tolls(text: str) -> list[int]:
    return sorted(i.fatalities for i in analyze(text).incidents if i.fatalities)


@pytest.mark.parametrize("report", ["Conflicting reports hold 18 deaths.", "Other sources speak of 18 dead.",
                                    "Some reports cited 18 deaths.", "Local media estimated 18 dead."])
def test_other_reports_that_hold_cite_or_speak_of_a_higher_figure_leave_the_lowest(report):
    # ACLED keeps the lowest of conflicting reports, however the other reports are said to give theirs
    text = f"Twelve villagers were killed when militia raided a village near Wajir. Seven others were injured. {report}"
    assert tolls(text) == [12]


def test_another_report_at_the_level_of_the_region_holding_the_place_is_of_the_same_dead():
    # the county holds the town: the outlet's figure for the county is another report of the same dead (lowest kept)
    same = "Three police officers were killed in an ambush in Mandera town. The Star reports five dead in Mandera county."
    assert tolls(same) == [3]
    # ... another county's is another event
    other = "Three police officers were killed in an ambush in Mandera town. The Star reports five dead in Garissa county."
    assert tolls(other) == [3, 5]


@pytest.mark.parametrize(("sentence", "fatalities"), [
    # an of-phrase between the figure's noun and its verb ("members of the X initiative")
    ("Four members of the Nyumba Kumi initiative were shot, hacked and decapitated by gunmen.", 4),
    ("Four members of the Kenya Police Reserve were shot dead by raiders.", 4),
    ("Two supporters of the opposition leader Raila Odinga were shot dead.", 2),
    # ... a part of a group is still its own figure
    ("Two of the attackers were shot dead.", 2),
])
def test_an_of_phrase_between_the_figure_and_the_verb(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(("sentence", "fatalities"), [
    # two singular persons found dead: two
    ("The chief and his driver were found dead in the forest.", 2),
    ("A teacher and his wife were later found dead.", 2),
    # the bodies of singular persons listed: one each
    ("The bodies of a teacher and his wife were found in a thicket.", 2),
    ("The bodies of the commission's ICT manager, Chris Msando, and another youth were found in a thicket.", 2),
    ("The bodies of a man, his wife and their son were found.", 3),
    ("The bodies of the Road Safety and Transport Authority inspector and his driver were recovered.", 2),
    # ... not found alive, and no figure from nouns without persons counted
    ("The chief and his driver were found alive.", None),
    ("The bodies of victims and suspects were taken to the mortuary.", None),
])
def test_two_persons_found_dead_and_the_bodies_of_listed_persons(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(("sentence", "fatalities"), [
    # "they" as the subject of a death later in the sentence: the persons counted before it
    ("7 men were detained by police - they were handed over to the army and later found dead.", 7),
    ("Two men were abducted on Monday and they were later found dead.", 2),
    ("Police shot three robbers, and they died in hospital.", 3),
    # ... not when they were not, nor when "they" acted
    ("Two police officers were attacked but they were not killed.", None),
    ("Police arrested five suspects after they killed a guard.", 1),
])
def test_they_as_the_subject_of_a_death_counts_the_persons_before_it(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities
