"""Small towns a text names as places: read where nothing else in the text contradicts the reading (issue 11).

The gazetteer's towns of fewer than tiny_town_population people need local evidence, unless the text presents
the name as a place ("in X", "residents of X", "X village", "X, Y County") and its other evidence agrees."""

import pytest

from incidentmap.disambiguate import WEIGHTS
from incidentmap.gazetteer import default_gazetteer, normalize
from incidentmap.geo import haversine_m
from incidentmap.geoparse import geoparse


def _town(name: str):
    readings = default_gazetteer().lookup(normalize(name))
    assert len(readings) == 1 and readings[0].population < WEIGHTS.tiny_town_population  # the premise
    return readings[0]


def _names(text: str) -> set[str]:
    return {p.name for p in geoparse(text).places}


@pytest.mark.parametrize("text", [
    "Kenya.\n\nShopkeepers in Runyenjes closed their stalls in protest over new levies.",
    "Residents of Londiani blocked the road on Monday, Kenyan police said.",
    "Kenya: a herder was shot dead near Baragoi village by raiders.",
    "Kenya.\n\nHouses were burned during the governor's visit to Londiani.",
])
def test_a_small_town_named_as_a_place_in_its_country_is_read(text):
    name = next(n for n in ("Runyenjes", "Londiani", "Baragoi") if n in text)
    town = _town(name)
    place = next(p for p in geoparse(text).places if p.name == town.name)
    assert place.precision == "city" and place.country_code == "KE"
    assert place.uncertainty_m == town.uncertainty_m  # the town's own radius, nothing finer


def test_a_small_town_of_one_reading_stands_alone():
    _town("Maungu")
    assert "Maungu" in _names("Traders protested in Maungu over market fees.")


def test_another_country_contradicts_the_reading():
    # The text is about Uganda: a Kenyan hamlet of the same name is not what it means.
    _town("Maungu")
    assert "Maungu" not in _names("Uganda.\n\nThe army and police in Kampala and Gulu said traders protested "
                                  "in Maungu over market fees.")


def test_a_place_far_away_contradicts_the_reading():
    # Named beside a town 400 km away and nothing near it: no evidence the village is the one meant.
    _town("Ortum")
    text = "Kenya.\n\nOfficials in Mombasa said that residents of Ortum had protested."
    assert "Ortum" not in _names(text)
    assert "Ortum" in _names("Kenya.\n\nOfficials in Kapenguria said that residents of Ortum had protested.")


def test_a_small_town_not_named_as_a_place_still_needs_local_evidence():
    _town("Maungu")
    assert "Maungu" not in _names("Kenya.\n\nThe Maungu committee met the governor on Monday.")


def test_a_dateline_elsewhere_still_rules():
    _town("Maungu")
    assert "Maungu" not in _names("KAMPALA, Uganda (AP) — Traders protested in Maungu over market fees.")


def test_a_town_filed_under_an_old_province_code_is_inside_its_county():
    # GeoNames files some Kenyan towns under the first-level codes of the old provinces, which no region of
    # the gazetteer bears; "Town, X County" still places the town, not the county, when it lies within it.
    gaz = default_gazetteer()
    town = next(c for c in gaz.lookup(normalize("Timboroa")) if c.country_code == "KE")
    assert gaz.get(f"geonames-admin1:KE.{town.admin1}") is None  # the premise: an old code
    places = {p.name: p for p in geoparse("Police dispersed a crowd in Timboroa, Baringo County.").places}
    assert places["Timboroa"].precision == "city"


def test_a_town_called_by_its_name_and_town_is_no_alternate_name():
    # GeoNames keys Hobart also as "Hobart town": the town's own name with the word, not a name of another
    # language that needs other evidence for its country.
    places = geoparse("Traders protested in Hobart town on Monday.").places
    assert [(p.name, p.country_code) for p in places] == [("Hobart", "AU")]


def test_in_town_district_is_the_unit_around_the_town():
    # "in Webuye district": the district named after the town, not an unknown quarter of some city; the
    # incident lies somewhere in it, so its radius is wider than the town's and its precision a region's.
    from incidentmap.pipeline import analyze

    town = next(c for c in default_gazetteer().lookup(normalize("Webuye")) if c.country_code == "KE")
    places = [i.place for i in analyze("Kenya.\n\nA mob lynched a suspected thief in Webuye district on "
                                       "Sunday.").incidents if i.place is not None]
    assert places and all(p.name == "Webuye" and p.precision == "region" for p in places)
    assert all(p.uncertainty_m > town.uncertainty_m for p in places)


def test_a_quarter_known_only_by_an_alternate_name_stays_a_part_of_its_city():
    places = geoparse("ATLANTA (AP) — Looters broke into stores in Buckhead district, police said.").places
    assert all(p.country_code == "US" and (p.name in ("Atlanta", "Buckhead")) for p in places)
    assert next(p for p in places if p.name == "Buckhead").at_city_only


def test_where_actors_are_based_is_the_fallback_scene_but_where_a_bus_goes_is_not():
    from incidentmap.pipeline import analyze

    based = analyze("Some forty Eldoret based traders protested against new county levies.").incidents
    assert based and all(i.place is not None and i.place.name == "Eldoret" for i in based)
    bound = analyze("An Eldoret bound bus was attacked by gunmen.").incidents
    assert bound and all(i.place is None for i in bound)
    # A scene the sentence names still wins over the base.
    elsewhere = analyze("An Eldoret-based rights group said police shot two protesters in Kisumu.").incidents
    assert elsewhere and all(i.place is not None and i.place.name == "Kisumu" for i in elsewhere)


def test_a_name_written_without_its_apostrophe_is_the_town():
    # Prose often drops the apostrophe of an East African name ("Olulunga" for "Olulung’a"); the gazetteer
    # keys the town's own name both ways, and the spelling is its own name, not an alternate one.
    town = next(c for c in default_gazetteer().lookup(normalize("Olulunga")) if c.country_code == "KE")
    assert "'" in normalize(town.name)
    places = geoparse("Traders protested in Olulunga over market fees.").places
    assert [p.name for p in places] == [town.name]


@pytest.mark.parametrize("name, country, code, region", [
    ("Noorabad", "Pakistan", "PK", "Sindh"),
    ("Aboh", "Nigeria", "NG", "Imo State"),
])
def test_a_name_of_two_towns_in_the_country_is_pinned_to_neither(name, country, code, region):
    # Two towns of the name in the text's country: the country does not say which, so neither is read at a
    # town's precision on its word alone; a region named that holds only one of them still picks it.
    towns = [c for c in default_gazetteer().lookup(normalize(name)) if c.country_code == code]
    assert len(towns) == 2 and len({c.admin1 for c in towns}) == 2  # the premise
    assert name not in _names(f"{country}: police arrested 12 protesters in {name} on Monday.")
    places = {p.name: p for p in geoparse(f"{country}: police arrested 12 protesters in {name}, {region} on "
                                          "Monday.").places}
    region_place = next(p for p in places.values() if p.precision == "region")
    town = places[name]
    assert town.precision == "city" and town.country_code == code
    inside = [c for c in towns if haversine_m(c.lat, c.lon, region_place.lat, region_place.lon)
              <= region_place.uncertainty_m]
    assert len(inside) == 1 and (town.lat, town.lon) == (inside[0].lat, inside[0].lon)


@pytest.mark.parametrize("text", [
    "A London based rights group said security forces killed 30 people during the protests.",
    "A Nairobi based newspaper reported that police shot dead three protesters.",
    "Police shot dead three protesters, according to a Nairobi based lawyer.",
])
def test_an_organisation_or_speaker_home_city_is_no_fallback_scene(text):
    # Where a group or a speaker is based is where it reports from, not where the event it reports was.
    from incidentmap.pipeline import analyze

    incidents = analyze(text).incidents
    assert incidents and all(i.place is None for i in incidents)
