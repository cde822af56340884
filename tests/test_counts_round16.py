"""Issue 11, sixteenth round: fatality rules (each test failed before its rule)."""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.counts import lowest_of_reports
from incidentmap.pipeline import analyze

_FIRST = "Gunmen killed three people in Nakuru on Monday."


@pytest.mark.parametrize("later", [
    "A conflicting report by the Nairobi Star holds two police deaths.",
    "One source indicates that two people were killed in the attack.",
    "Another report from KNA gives 2 dead.",
    "A separate account puts the toll at 2.",
])
def test_one_other_source_named_or_not_is_another_report_of_the_same_dead(later):
    # ACLED keeps the lowest of conflicting reports; a single source ("a report by …", "one source") is one too
    assert lowest_of_reports([(0, _FIRST, "", 3), (60, later, "", 2)]) == [2, None]


@pytest.mark.parametrize("later", [
    "Another attack killed two people in Molo.",
    "A report by the Star says two more people died in a separate raid.",
    "One report of the police says two officers were also killed.",
])
def test_a_further_event_or_group_in_a_sources_words_keeps_its_figure(later):
    assert lowest_of_reports([(0, _FIRST, "", 3), (60, later, "", 2)]) == [3, 2]


def test_in_an_article_the_lowest_report_is_the_events_toll():
    text = ("Al Shabaab fighters attacked the police camp in Mandera. Initial casualty reports indicate that two "
            "police officers were killed and one seriously wounded. A conflicting report by the Nairobi Star holds "
            "three police deaths.")
    dead = [i.fatalities for i in analyze(text, published=dt.date(2015, 9, 28)).incidents if i.fatalities]
    assert dead == [2]


@pytest.mark.parametrize("text, dead", [
    ("A prominent cleric is kidnapped and later found dead (28/12).", 1),
    ("Two men were abducted and later found dead.", 2),
    ("Two men were abducted and found dead in a forest.", 2),
    ("Three people were abducted and later killed by gunmen.", 3),
    ("The teacher was abducted and later released unharmed.", None),
    ("Two people were arrested and later released.", None),
])
def test_a_victim_taken_and_later_found_dead_or_killed_is_counted(text, dead):
    # the verb joined to the death cue by "and", with "later" or "found" between: one event's victims
    from incidentmap.counts import extract_counts

    assert extract_counts(text).fatalities == dead
