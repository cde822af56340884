"""Issue 11, seventeenth round: trigger and cue rules read off the conflict batch of the dev set (each test failed
before its rule; sentences in our own words)."""

from __future__ import annotations

import pytest

from incidentmap.pipeline import analyze


def _types(text: str) -> set[str]:
    return {i.incident_type for i in analyze(text).incidents}


@pytest.mark.parametrize(("text", "kind"), [
    ("Gunmen shot two guards in Kankara before abducting hundreds of pupils.", "abduction"),
    ("Militants attacked a village in Mandera and killed a chief before abducting two police reservists.", "abduction"),
])
def test_before_a_gerund_is_what_was_done_next_not_a_time_anchor(text, kind):
    assert kind in _types(text)


def test_before_an_event_noun_is_still_a_time_anchor():
    assert "protest" not in _types("Police arrested ten activists in Nairobi before the protests.")


@pytest.mark.parametrize("text", [
    "Gunmen raided a school in Kankara, trading fire with the police guarding it.",
    "Soldiers traded heavy gunfire with militants outside Jowhar.",
])
def test_trading_fire_is_exchanging_fire(text):
    assert "armed_clash" in _types(text)


def test_an_armed_groups_attack_may_describe_its_attackers_in_two_words():
    assert "armed_violence" in _types("Armed men riding motorcycles raided a village near Faskari on Friday.")


def test_a_dead_city_day_is_a_stay_at_home_protest_not_a_death():
    found = analyze('Civil society groups called a "dead city" day in Beni for Thursday, urging residents to stay home.')
    assert {i.incident_type for i in found.incidents} == {"protest"}
    assert all(i.fatalities is None for i in found.incidents)


def test_a_claim_of_an_event_told_already_is_no_second_event():
    text = ("Gunmen abducted hundreds of pupils from a school in Kankara on Friday. Boko Haram, whose stronghold is "
            "in Borno state, claimed the kidnapping in an audio message.")
    assert [i.incident_type for i in analyze(text).incidents if i.incident_type == "abduction"] == ["abduction"]


def test_a_claim_that_is_the_only_report_of_its_event_keeps_it():
    text = "Al Shabaab claimed responsibility for the kidnapping of two teachers in Mandera on Sunday."
    assert "abduction" in _types(text)


def test_roads_to_be_closed_to_traffic_are_a_checkpoint():
    text = "Police in Mogadishu sealed off the area. They said all roads leading to the beach would be closed to traffic."
    closures = [i for i in analyze(text).incidents if i.incident_type == "checkpoint" and "closed to" in i.evidence]
    assert closures and closures[0].place is not None and closures[0].place.name == "Mogadishu"
