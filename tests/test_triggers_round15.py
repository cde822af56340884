"""Triggers, fifteenth round (issue 11): classes found on the dev pool of ACLED notes (held seeds left out), tested in
our own sentences."""

import pytest

from incidentmap.pipeline import analyze


def types(text: str) -> list[str]:
    return sorted({i.incident_type for i in analyze(text).incidents})


@pytest.mark.parametrize("text", [
    "Police gun down a robbery suspect in Kisumu.",
    "Officers guns down a wanted man outside his house in Nakuru.",
    "Gunmen gunning down a farmer near Eldoret sparked protests.",
    "An unidentified man shoots a refugee inside Dadaab camp.",
])
def test_the_present_tense_of_gun_down_and_shoot_a_person_report_an_attack(text):
    incidents = analyze(text).incidents
    assert incidents, text


@pytest.mark.parametrize("text", [
    "The officer put his gun down and surrendered to the crowd.",
    "Soldiers were ordered to lay their guns down.",
])
def test_a_gun_put_down_is_no_attack(text):
    assert not analyze(text).incidents


@pytest.mark.parametrize("text", [
    "Rival clans fight over stolen cattle near Moyale.",
    "Pokot and Turkana herders fought near Kapedo on Sunday.",
    "Two militias fought in the hills above the town of Bunia.",
])
def test_armed_groups_or_communities_that_fight_report_a_clash(text):
    assert "armed_clash" in types(text)


@pytest.mark.parametrize("text", [
    "Raiders stole cattle from Turkana herders, sparking a fierce battle.",
    "A raid on the village led to a battle that lasted the whole night.",
    "Police engage the bandits in a battle near Baringo.",
])
def test_a_battle_set_off_or_engaged_in_is_a_clash(text):
    assert "armed_clash" in types(text)


@pytest.mark.parametrize("text", [
    "Herders fight drought in Marsabit by moving their cattle.",
    "Rebels fight for independence, their leader said in Nairobi.",
    "The ruling sparked a battle for control of the party in Nairobi.",
    "Police fight crime in Nairobi with new patrols.",
])
def test_a_fight_against_a_thing_or_for_a_cause_is_no_clash(text):
    assert "armed_clash" not in types(text)
