"""Issue 11, eighteenth round: trigger rules read off the conflict batch of the dev set (each test failed before its
rule; sentences in our own words)."""

from __future__ import annotations

import pytest

from incidentmap.pipeline import analyze


def _types(text: str) -> set[str]:
    return {i.incident_type for i in analyze(text).incidents}


@pytest.mark.parametrize("text", [
    "Army reinforcements from Kisumu reached Kendu Bay on Monday, residents said.",
    "Troops reached the town of Gao late on Tuesday.",
])
def test_forces_that_reach_a_place_are_deployed_there(text):
    assert "troop_deployment" in _types(text)


def test_police_reaching_the_scene_is_no_deployment():
    assert "troop_deployment" not in _types("Police reached the scene an hour later and combed the area.")


@pytest.mark.parametrize("text", [
    "The army said the strike had hit a gathering of rebel fighters near Gao.",
    "Officials said the strike that hit the market in Gao killed nine people.",
])
def test_a_strike_that_hits_is_an_attack_not_a_labour_strike(text):
    assert "protest" not in _types(text)


def test_a_labour_strike_is_still_one():
    assert "protest" in _types("Doctors in Nairobi went on strike on Monday over unpaid wages.")


def test_a_country_in_turmoil_since_an_event_is_no_protest():
    assert "protest" not in _types("Guinea has been in turmoil since the generals overthrew its elected government in "
                                   "September 2021.")
    assert "protest" in _types("Turmoil gripped Bamako on Friday as crowds filled the streets.")
