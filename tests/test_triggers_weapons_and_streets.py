"""Triggers, eleventh round of issue 11 (our own sentences): a bomb that goes off in its own carriers' hands, and
explosives uncovered or detonated safely, are weapons use disrupted (ACLED: Strategic developments); "stormed the
streets" is a march, not the storming of a place."""

import datetime as dt

import pytest

from incidentmap.incidents.coding import acled_types
from incidentmap.pipeline import analyze

DISRUPTED = ("Strategic developments", "Disrupted weapons use")


def _types(text: str) -> list[tuple[str, str]]:
    return [acled_types(i) for i in analyze(text, published=dt.date(2019, 10, 1)).incidents]


@pytest.mark.parametrize("text", [
    "Two suspected bombers were killed in Garissa when the bomb they were planting blew up.",
    "Three militants died when explosives they were carrying went off near Lamu.",
    "A man lost both hands in Mombasa while assembling a homemade bomb.",
    "Police uncovered and removed an IED on the road to Mandera.",
    "Soldiers found a landmine near Kolbio and detonated the mine safely.",
])
def test_weapons_use_disrupted(text):
    assert DISRUPTED in _types(text)


@pytest.mark.parametrize("text", [
    "A bomb planted by militants exploded near a school in Mandera, killing two children.",
    "Residents removed the bodies after the attack in Lamu.",
    "Police said the attackers had been planting crops before the raid.",
])
def test_a_bomb_that_hits_its_target_or_other_planting_and_removing_is_not(text):
    assert DISRUPTED not in _types(text)


@pytest.mark.parametrize("text", [
    "Residents stormed the streets of Kisumu carrying placards, demanding reforms.",
    "Traders storm streets in Nakuru over new levies.",
])
def test_storming_the_streets_is_a_march(text):
    types = _types(text)
    assert ("Protests", "Peaceful protest") in types and all(t != "Riots" for t, _ in types)


def test_storming_a_building_is_still_a_riot():
    assert ("Riots", "Violent demonstration") in _types("Protesters stormed the county offices in Kisumu.")


@pytest.mark.parametrize("text", [
    "Prison warders in Kakamega boycott work for a second day over pay.",
    "Students boycotted classes at Maseno to protest the killing of a classmate.",
])
def test_a_boycott_of_work_or_classes_is_a_strike(text):
    assert ("Protests", "Peaceful protest") in _types(text)


def test_a_boycott_of_goods_is_no_strike():
    assert ("Protests", "Peaceful protest") not in _types("Shoppers in Nairobi boycott imported sugar, traders say.")


@pytest.mark.parametrize("text", [
    'Students of a secondary school near Migori go on a "rampage" demanding the removal of their principal.',
    "Youths went on the rampage in Kisumu after the results.",
])
def test_a_rampage_in_quotes_or_not_is_a_riot(text):
    assert ("Riots", "Violent demonstration") in _types(text)


def test_forces_that_kill_many_attackers_fight_them():
    assert ("Battles", "Armed clash") in _types("Police pursue raiders near Baragoi; kill many")


@pytest.mark.parametrize("text", [
    "A group of SLDF militia members surrender after a military operation on Mount Elgon.",
    "Forty rebel fighters laid down their arms in Beni on Sunday.",
])
def test_armed_men_who_surrender_make_an_agreement(text):
    assert ("Strategic developments", "Agreement") in _types(text)


def test_a_suspect_who_gives_himself_up_is_no_agreement():
    assert ("Strategic developments", "Agreement") not in _types("A murder suspect surrendered to police in Nakuru.")
