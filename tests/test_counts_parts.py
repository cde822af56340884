"""A figure after "including" or "among them" is a part of the toll before it, not a conflicting report (issue 11,
eleventh round; our own sentences)."""

import pytest

from incidentmap.counts import extract_counts


@pytest.mark.parametrize(("sentence", "dead"), [
    ("3 civilians killed, including 2 beheaded.", 3),
    ("Seven people died, among them 4 shot dead by police.", 7),
    ("Nine villagers were killed, of whom two were hacked to death.", 9),
])
def test_a_part_after_including_is_no_second_report(sentence, dead):
    assert extract_counts(sentence).fatalities == dead


def test_two_reports_still_give_the_lowest():
    # Without a word that makes one a part, two figures of the same dead are conflicting reports (ACLED: lowest).
    assert extract_counts("Police said 4 were killed; residents said 6 were killed.").fatalities == 4


@pytest.mark.parametrize(("sentence", "dead"), [
    ("The death toll in Sunday's attack by raiders on a village in the north of the county has risen to 11.", 11),
    ("The death toll from the floods that swept through the region last week reached 30.", 30),
])
def test_a_toll_whose_verb_stands_after_a_long_description(sentence, dead):
    assert extract_counts(sentence).fatalities == dead


@pytest.mark.parametrize("sentence", [
    "The death toll is unclear; the number of injured has risen to 40.",
    "The death toll is not known, but the number of those arrested has risen to 40.",
])
def test_a_toll_verb_across_a_clause_is_another_figure(sentence):
    assert extract_counts(sentence).fatalities is None


@pytest.mark.parametrize("sentence", [
    "Police kill an al Shabaab recruiter during a shootout.",
    "Soldiers killed a suspected militia financier near the border.",
])
def test_a_single_named_role_killed_is_one(sentence):
    assert extract_counts(sentence).fatalities == 1
