"""incidentmap/acled.py and its data file: ACLED's country codes, regions and admin names."""

from __future__ import annotations

import csv

from incidentmap.acled import REGIONS, admin_names, countries
from incidentmap.gazetteer import default_gazetteer
from incidentmap.models import Place
from incidentmap.resources import ACLED, GAZETTEER, data_file


def test_every_gazetteer_country_has_an_acled_row():
    with data_file(GAZETTEER, "countries.tsv").open(encoding="utf-8", newline="") as fh:
        codes = {r["code"] for r in csv.DictReader(fh, delimiter="\t")}
    assert codes | {"XK"} <= set(countries())


def test_country_rows_follow_the_readme():
    rows = list(countries().values())
    assert all(r.region in REGIONS for r in rows)
    assert REGIONS == {r.region for r in rows}  # every ACLED region has its countries
    numeric = [r.iso for r in rows if r.iso]
    assert len(numeric) == len(set(numeric)) and all(0 < n < 1000 for n in numeric)
    assert len({r.iso3 for r in rows}) == len(rows) and all(len(r.iso3) == 3 for r in rows)
    assert countries()["XK"].iso == 0  # Kosovo has no ISO numeric code
    with data_file(ACLED, "countries.csv").open(encoding="utf-8", newline="") as fh:
        assert csv.DictReader(fh).fieldnames == ["code", "iso3", "iso", "country", "region", "demonym"]


def test_acled_groups_some_countries_unlike_the_un():
    table = countries()
    assert {table[c].region for c in ("AM", "AZ", "GE", "KZ", "UZ")} == {"Caucasus and Central Asia"}
    assert (table["IR"].region, table["TR"].region, table["SD"].region) == ("Middle East", "Middle East", "Northern Africa")
    assert (table["MZ"].region, table["KE"].region, table["CD"].region) == ("Southern Africa", "Eastern Africa", "Middle Africa")


def test_admin_names_for_a_town_a_site_in_it_and_a_region():
    gaz = default_gazetteer()
    city = gaz.get("geonames:1526384")  # Almaty
    town = Place("geonames:1526384", "Almaty", "city", "city", city.lat, city.lon, 18_000, "KZ", "geonames", "1526384",
                 0.9, admin1=city.admin1)
    site = Place("landmark:x", "Republic Square", "landmark", "point", city.lat, city.lon, 500, "KZ", "landmarks.csv",
                 "x", 0.9, city_id="geonames:1526384")  # its city's key, as the pipeline gives it
    region = Place("geonames-admin1:KZ.02", "Almaty Qalasy", "region", "region", city.lat, city.lon, 200_000, "KZ",
                   "geonames", "geonames-admin1:KZ.02", 0.9, admin1="02")
    nowhere = Place("world:sahel", "Sahel", "region", "region", 15.0, 5.0, 2_000_000, "", "world_regions.csv", "x", 0.5)
    assert admin_names(town) == admin_names(site) == admin_names(region) == ("Almaty Qalasy", "")
    assert admin_names(nowhere) == ("", "")
