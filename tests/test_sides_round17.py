"""Issue 11, seventeenth round: who fights whom, read off the conflict batch of the dev set (each test failed
before its rule; sentences in our own words)."""

from __future__ import annotations

import pytest

from incidentmap.pipeline import analyze


def _types(text: str) -> set[str]:
    return {i.incident_type for i in analyze(text).incidents}


@pytest.mark.parametrize("text", [
    "Suspected Islamist militants attacked an army post in Tessit on Sunday, setting off hours of fighting.",
    "Gunmen raided a police station in Mandera overnight.",
])
def test_an_armed_group_named_in_the_trigger_attacking_forces_is_a_battle(text):
    # the armed groups' trigger names the attackers before the verb ("militants attacked"): still an attack word
    assert "armed_clash" in _types(text) and "armed_violence" not in _types(text)


def test_an_armed_group_attacking_civilians_stays_an_attack():
    assert "armed_violence" in _types("Gunmen attacked a village near Bandiagara, killing six villagers.")


@pytest.mark.parametrize("text", [
    "Twenty pupils died on Monday when a Myanmar air force jet bombed their school in Sagaing region.",
    "A drone struck a column of fighters near Ansongo on Monday.",
])
def test_an_aircraft_bombing_is_an_air_strike(text):
    assert "air_strike" in _types(text) and "remote_explosive" not in _types(text)


def test_a_bomb_that_hit_an_aircraft_is_no_air_strike():
    assert "air_strike" not in _types("A roadside bomb hit the convoy after planes were grounded in Gao.")


def test_the_army_regaining_a_town_retakes_territory():
    text = "Reinforcements reached Tessit on Monday, and the army said it had regained full control of the town."
    assert "government_regains_territory" in _types(text)


def test_police_regaining_the_streets_after_a_riot_is_control():
    assert "government_regains_territory" not in _types("Police regained control of the streets after riots in Nairobi.")
