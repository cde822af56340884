"""Sites and generic references (incidentmap/sites.py): a national institution sits in its country's capital."""

from __future__ import annotations

import pytest

from incidentmap.geo import haversine_m
from incidentmap.geoparse import geoparse
from incidentmap.pipeline import analyze

NAIROBI = (-1.2833, 36.8167)
KAMPALA = (0.3163, 32.5822)
KYIV = (50.4501, 30.5234)
SANTIAGO = (-33.4489, -70.6693)


def _place_of(text: str, mention: str):
    r = geoparse(text)
    return next(p for p in r.places if any(m.text == mention for m in p.mentions))


def _km(place, point) -> float:
    return haversine_m(place.lat, place.lon, *point) / 1000


@pytest.mark.parametrize(("text", "mention"), [
    # a generic name for a head of state's residence, in a text about another town of its country
    ("Activists marched in Garissa. Police stopped them near State House.", "State House"),
    ("Teachers in Kisumu went on strike. Their leaders met outside Parliament Buildings.", "Parliament Buildings"),
    # a generic phrase for a national institution
    ("Teachers in Kisumu went on strike. Their leaders marched to the office of the president.",
     "the office of the president"),
    ("Teachers in Kisumu went on strike. Their leaders marched to the president's office.", "the president's office"),
])
def test_a_national_institution_is_in_the_capital_not_the_focus_city(text, mention):
    place = _place_of(text, mention)
    assert place.country_code == "KE" and _km(place, NAIROBI) < 5


@pytest.mark.parametrize(("text", "mention", "capital"), [
    # a seat the gazetteer knows by name (landmarks.csv, seat national), in a text about another town
    ("Farmers protested in Lviv. Police stopped them near the Verkhovna Rada.", "Verkhovna Rada", KYIV),
    ("Students marched in Valparaiso. Their leaders met outside La Moneda.", "La Moneda", SANTIAGO),
])
def test_a_known_national_seat_is_drawn_where_it_stands(text, mention, capital):
    assert _km(_place_of(text, mention), capital) < 5


def test_a_seat_unknown_by_name_is_the_capital_of_the_texts_country():
    place = _place_of("Protesters gathered in Jinja. Their leaders later marched to State House.", "State House")
    assert place.country_code == "UG" and _km(place, KAMPALA) < 5
    assert place.precision == "city"  # the gazetteer does not know that site: the capital's radius


def test_a_city_named_with_the_seat_holds_it():
    place = _place_of("Youths marched to State House in Mombasa on Monday.", "State House")
    assert _km(place, (-4.0547, 39.6636)) < 20 and _km(place, NAIROBI) > 300


def test_a_known_seat_in_a_city_of_the_paragraph_stays_there():
    # Almaty has a (former) presidential residence of its own (landmarks.csv): not the capital's
    place = _place_of("Thousands gathered in Almaty. Protesters stormed the presidential residence.",
                      "the presidential residence")
    assert place.name == "Former presidential residence"


def test_a_named_seat_of_another_country_is_not_moved_there():
    # "State House" is also the name of a Kenyan seat; a text about Uganda means Uganda's
    place = _place_of("Protesters in Kampala marched to State House.", "State House")
    assert place.country_code == "UG"


def test_the_incident_at_a_national_seat_is_drawn_in_the_capital():
    text = ("Farmers protested in Lviv against the land reform. Police dispersed the crowd when they "
            "neared the Verkhovna Rada building.")
    found = [i for i in analyze(text).incidents if i.place is not None and "Rada" in i.place.name]
    assert found and all(_km(i.place, KYIV) < 5 for i in found)
