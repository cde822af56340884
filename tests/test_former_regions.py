"""Former first-level regions still named in news (incidentmap/data/gazetteer/extra_places.csv): Kenya's provinces
until 2013 ("Rift Valley Province"). Each test failed before its rows and rule."""

from __future__ import annotations

import pytest

from incidentmap.geo import haversine_m
from incidentmap.gazetteer import default_gazetteer
from incidentmap.models import Kind, Precision
from incidentmap.pipeline import analyze


def _regions(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.country_code) for p in analyze(text).places if p.kind == Kind.REGION]


@pytest.mark.parametrize(("text", "name"), [
    ("Clashes erupted in Rift Valley Province, Kenya.", "Rift Valley Province"),
    ("Clashes erupted in Eastern Province, Kenya.", "Eastern Province"),  # not American Samoa's Eastern District
    ("Clashes erupted in North Eastern Province, Kenya.", "North Eastern Province"),
    ("Clashes erupted in Western Province, Kenya.", "Western Province"),
    ("Two killed in a local dispute in Rift Valley.", "Rift Valley Province"),
])
def test_kenyas_former_provinces_are_regions_of_kenya(text, name):
    assert (name, "KE") in _regions(text)


def test_a_former_province_holds_its_counties_within_its_radius():
    gaz = default_gazetteer()
    rift = next(c for c in gaz.lookup("rift valley province") if c.country_code == "KE")
    assert rift.precision == Precision.REGION
    for county in ("turkana", "narok", "kajiado", "nakuru"):
        c = next(c for c in gaz.lookup(county) + gaz.lookup(f"{county} region")
                 if c.country_code == "KE" and c.kind == Kind.REGION)
        assert haversine_m(rift.lat, rift.lon, c.lat, c.lon) + c.uncertainty_m <= rift.uncertainty_m


@pytest.mark.parametrize(("text", "town"), [
    ("Residents of Isiolo town in Eastern Province held a demo over the abduction of several men.", "Isiolo"),
    ("Unidentified assailants forced themselves into the house of a photojournalist in the town of Kitale, Rift "
     "Valley, and shot him dead.", "Kitale"),  # the town, not the province that holds it
])
def test_a_town_in_a_former_province_is_the_scene(text, town):
    found = [i.place.name for i in analyze(text).incidents if i.place is not None]
    assert found and set(found) == {town}


def test_a_region_geonames_misspells_is_named_as_news_spells_it():
    # GeoNames' first-level row is "Sagain"; the town Sagaing keeps the bare name
    found = [(p.name, p.kind) for p in analyze("Clashes in Sagaing region left five dead.").places]
    assert found == [("Sagaing Region", Kind.REGION)]
    assert [(p.name, p.kind) for p in analyze("Clashes in Sagaing left five dead.").places] == [("Sagaing", Kind.CITY)]


# -- DR Congo's provinces of 2015 (GeoNames' first-level codes are the eleven older ones) ---------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Its soldiers had killed 11 rebels in Ituri last week.", "Ituri"),
    ("Militia fighters attacked a camp in Ituri province, Congo.", "Ituri"),
    ("Miners protested in Lualaba province over unpaid wages.", "Lualaba"),
    ("Clashes broke out in Tanganyika province between Twa and Luba militias.", "Tanganyika"),
    ("Violence spread across the Kasai region of Congo.", "Kasaï"),
])
def test_dr_congos_new_provinces_are_regions_of_congo(text, name):
    assert (name, "CD") in _regions(text)


@pytest.mark.parametrize(("province", "towns"), [
    ("ituri", ("bunia", "aru")),
    ("haut uele", ("isiro", "watsa")),
    ("tshopo", ("kisangani", "yangambi")),
    ("tanganyika", ("kalemie", "manono", "kongolo", "moba")),
    ("haut katanga", ("lubumbashi", "likasi", "pweto")),
    ("lualaba", ("kolwezi",)),
    ("kwilu", ("kikwit", "bandundu")),
])
def test_a_new_province_holds_its_towns_within_its_radius(province, towns):
    gaz = default_gazetteer()
    region = next(c for c in gaz.lookup(province) if c.country_code == "CD" and c.kind == Kind.REGION)
    for name in towns:
        town = max((c for c in gaz.lookup(name) if c.country_code == "CD" and c.kind == Kind.CITY),
                   key=lambda c: c.population)
        assert haversine_m(region.lat, region.lon, town.lat, town.lon) <= region.uncertainty_m, name


# -- regions news names in English where GeoNames has another name, or none (round 18) ------------------------------

@pytest.mark.parametrize(("text", "name", "cc"), [
    ("At least 11 people had been killed in Kurdistan province alone, Iranian media said.", "Kordestan", "IR"),
    ("Protests spread to Mahabad in West Azerbaijan province.", "Azarbayjan-e Gharbi", "IR"),
    ("Protesters rallied in Erbil, in the Kurdistan Region of Iraq.", "Kurdistan Region", "IQ"),
])
def test_regions_by_their_english_names(text, name, cc):
    assert (name, cc) in _regions(text)


def test_a_region_named_only_with_its_noun_is_read_with_it():
    # "Kurdistan" alone is the wider region of four countries: only "Kurdistan province" is Iran's province
    assert not [r for r in _regions("Kurdistan has a long history.") if r[1] == "IR"]


def test_the_kurdistan_region_holds_its_towns_within_its_radius():
    gaz = default_gazetteer()
    region = next(c for c in gaz.lookup("kurdistan region") if c.country_code == "IQ")
    for name in ("erbil", "sulaymaniyah", "zakho", "halabja"):
        town = max((c for c in gaz.lookup(name) if c.country_code == "IQ" and c.kind == Kind.CITY),
                   key=lambda c: c.population)
        assert haversine_m(region.lat, region.lon, town.lat, town.lon) <= region.uncertainty_m, name


@pytest.mark.parametrize(("text", "town"), [
    ("Journalists formed a human chain in Noakhali city (Noakhali Sadar, Chittagong).", "Maijdi"),
    ("Students staged a protest in Chapai Nawabganj town, Bangladesh.", "Nawābganj"),
    ("Police fired tear gas at protesters in Moulvibazar, Bangladesh.", "Maulavi Bāzār"),
])
def test_district_seats_named_after_their_district(text, town):
    # Bangladesh's district seats that news names after the district (GeoNames: the town's own name or spelling)
    assert any(p.name == town and p.kind == Kind.CITY for p in analyze(text).places)
