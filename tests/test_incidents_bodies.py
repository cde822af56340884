"""A body found is a reported death: a casualties incident with one fatality (own sentences)."""

from __future__ import annotations

import pytest

from incidentmap.pipeline import analyze


@pytest.mark.parametrize("text", [
    "The body of a missing trader was found in a river near Kisumu on Sunday.",
    "The student's body was later recovered from a dam in Machakos.",
    "Her body was found in a thicket outside Nakuru.",
])
def test_a_body_found_is_one_death(text):
    found = [i for i in analyze(text).incidents if i.incident_type == "casualties"]
    assert [i.fatalities for i in found] == [1]


@pytest.mark.parametrize("text", [
    "The governing body was found to have broken its own rules.",
    "A student body was formed at the college in Eldoret.",
])
def test_a_body_that_is_no_corpse_is_no_incident(text):
    assert not [i for i in analyze(text).incidents if i.incident_type == "casualties"]
