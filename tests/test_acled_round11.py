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


@pytest.mark.parametrize("text", [
    "Three suspects linked to the bus attacks were shot dead by police in Garissa.",
    "Police shot dead two suspects behind a spate of robberies in Kisumu.",
])
def test_forces_killing_suspects_of_armed_crimes_fight_an_armed_group(text):
    incidents = _incidents(text)
    assert "Battles" in [acled_types(i)[0] for i in incidents]
    assert any(a.inter == 3 for i in incidents for a in i.coded_actors)


def test_suspects_somewhere_after_a_crime_are_no_armed_group():
    # "suspects in Kisumu after a robbery": the place is no crime they are linked to.
    incidents = _incidents("A mob lynched two suspects in Kisumu after a robbery.")
    assert not any(a.inter == 3 for i in incidents for a in i.coded_actors)


@pytest.mark.parametrize("text", [
    "Fighting over boreholes left four dead near Wajir.",
    "Two people died in fighting over grazing land in Isiolo.",
])
def test_fighting_over_land_water_or_pasture_is_a_battle(text):
    assert "Battles" in [acled_types(i)[0] for i in _incidents(text)]


def test_deaths_in_community_clashes_are_the_battles_dead():
    incidents = _incidents("Three were killed in community clashes near Marsabit.")
    dead = [i for i in incidents if i.fatalities]
    assert dead and all(acled_types(i)[0] == "Battles" for i in dead)
