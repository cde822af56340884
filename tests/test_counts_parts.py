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
