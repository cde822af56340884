"""Triggers, eleventh round (issue 11): headline present tense "X shoot Y" and peoples that "battle", in our own
sentences."""

import datetime as dt

import pytest

from incidentmap.incidents.coding import acled_types
from incidentmap.pipeline import analyze


def _incidents(text: str):
    return analyze(text, published=dt.date(2019, 10, 1)).incidents


@pytest.mark.parametrize(("text", "event_type"), [
    ("Robbers shoot a shopkeeper in Eldoret.", "Violence against civilians"),
    ("Thugs shoot a bodaboda rider on the highway near Kisumu.", "Violence against civilians"),
    ("Bandits reportedly shoot two soldiers guarding a school in Baringo.", "Battles"),
])
def test_a_headline_shoot_by_an_armed_actor_is_an_attack(text, event_type):
    assert event_type in [acled_types(i)[0] for i in _incidents(text)]


@pytest.mark.parametrize("text", [
    "Police shoot down a drone over the airport.",
    "Soldiers shoot a video of the parade in Nairobi.",
    "The photographer shoots scenes of the market.",
])
def test_shoot_without_a_victim_is_no_attack(text):
    assert not any(acled_types(i)[0] in ("Violence against civilians", "Battles") for i in _incidents(text))


def test_two_clans_that_battle_fight_each_other():
    incidents = _incidents("Ajuran and Degodia clans battle near Wajir.")
    battle = next(i for i in incidents if acled_types(i)[0] == "Battles")
    assert [a.name.split(" (")[0] for a in battle.coded_actors] == ["Ajuran Clan Militia", "Degodia Clan Militia"]
