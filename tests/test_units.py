"""National sub-county units GeoNames lacks (incidentmap/data/gazetteer/units.tsv.gz, scripts/build_units.py):
what the gazetteer reads from them and how a text resolves them."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

from incidentmap import acled
from incidentmap.export import _geo_precision
from incidentmap.gazetteer import default_gazetteer
from incidentmap.models import Kind, Precision, Source
from incidentmap.pipeline import analyze

UNITS = Path(__file__).resolve().parent.parent / "incidentmap" / "data" / "gazetteer" / "units.tsv.gz"
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_units.py"


def _rows() -> list[dict]:
    with gzip.open(UNITS, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _unit(name: str):
    found = [c for c in default_gazetteer().lookup(name) if c.source == Source.UNITS]
    assert len(found) == 1, name
    return found[0]


def test_a_constituency_inside_a_city_is_one_of_its_districts():
    mathare = _unit("mathare")
    assert (mathare.kind, mathare.precision, mathare.country_code) == (Kind.DISTRICT, Precision.DISTRICT, "KE")
    assert mathare.city_id == "geonames:184745"  # Nairobi
    assert 3000 <= mathare.uncertainty_m <= 10_000  # a few square kilometres of Nairobi
    assert abs(mathare.lat - -1.26) < 0.05 and abs(mathare.lon - 36.86) < 0.05
    assert mathare.admin1 == "05"  # GeoNames' Nairobi Area


def test_a_rural_ward_is_a_second_level_unit_of_its_county():
    liboi = _unit("liboi")
    assert (liboi.kind, liboi.precision, liboi.city_id) == (Kind.REGION, Precision.REGION, "")
    assert liboi.admin1 == "16"  # Garissa
    assert liboi.uncertainty_m > 20_000  # Dadaab constituency's radius: far coarser than a village


def test_a_ward_stands_at_its_constituencys_centre_with_its_radius():
    ward, constituency = _unit("kawangware"), _unit("dagoretti north")
    assert (ward.lat, ward.lon, ward.uncertainty_m) == (constituency.lat, constituency.lon, constituency.uncertainty_m)
    assert ward.name == "Kawangware"


def test_every_row_is_honest_and_takes_no_better_known_reading():
    gaz = default_gazetteer()
    rows = _rows()
    assert len(rows) > 1000
    for r in rows:
        assert float(r["radius_m"]) >= 3000 and r["level"] in (
            "constituency", "ward", "sub-county", "constituencies", "district", "upazila", "upazilas")
        assert r["cc"] in ("KE", "BD")
        others = [c for c in gaz.lookup(r["keys"]) if c.source != Source.UNITS]
        # no town or region of that name in the unit's country, no country or region of it anywhere
        assert not any(c.country_code == r["cc"] or c.kind in (Kind.COUNTRY, Kind.REGION) for c in others), r["name"]
    keys = {r["keys"] for r in rows}
    assert not keys & {"central", "township", "london", "hospital", "airport", "kikuyu", "nairobi", "kibera"}


def test_a_text_places_an_event_at_the_unit_with_acleds_precision():
    text = "NAIROBI, Kenya — Police fired tear gas at protesters in Mathare on Tuesday."
    places = [i.place for i in analyze(text).incidents if i.place is not None]
    assert places and places[0].name == "Mathare" and places[0].precision == Precision.DISTRICT
    # a part of a town (geo_precision 1), in the constituency of its name (admin2)
    assert _geo_precision({"precision": str(places[0].precision), "place_key": places[0].key}) == 1
    assert acled.admin_names(places[0]) == ("Nairobi Area", "Mathare")
    text = "Al Shabaab militants attacked a police post in Liboi, Garissa county, Kenya."
    places = [i.place for i in analyze(text).incidents if i.place is not None]
    assert places and places[0].name == "Liboi" and places[0].precision == Precision.REGION
    assert _geo_precision({"precision": str(places[0].precision), "place_key": places[0].key}) == 2
    assert acled.admin_names(places[0]) == ("Garissa", "Dadaab")


def test_a_ward_is_named_with_its_constituency_as_the_second_level_unit():
    text = "Two people were killed in clashes with police in Kawangware, Nairobi, on Monday."
    places = [i.place for i in analyze(text).incidents if i.place is not None]
    assert places and places[0].name == "Kawangware"
    assert acled.admin_names(places[0]) == ("Nairobi Area", "Dagoretti North")


@pytest.fixture(scope="module")
def build():
    pytest.importorskip("kenya_data")
    pytest.importorskip("wordfreq")
    spec = importlib.util.spec_from_file_location("build_units", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_units", module)
    spec.loader.exec_module(module)
    return module


def test_counties_match_geonames_regions_by_their_words(build):
    regions = [{"base": "Marakwet", "admin1": "14"}, {"base": "Nairobi Area", "admin1": "05"},
               {"base": "Tharaka", "admin1": "49"}, {"base": "Nakuru", "admin1": "39"}]
    assert build.admin1_codes(regions, ["Elgeyo-Marakwet", "Nairobi", "Tharaka-Nithi", "Nakuru"]) == {
        "Elgeyo-Marakwet": "14", "Nairobi": "05", "Tharaka-Nithi": "49", "Nakuru": "39"}
    with pytest.raises(SystemExit):
        build.admin1_codes(regions, ["Kisumu"])


@pytest.mark.parametrize(("ward", "area"), [("Eastleigh North", "Eastleigh"), ("Dandora Area II", "Dandora"),
                                            ("Dandora Area Iv", "Dandora"), ("Nyalenda B", "Nyalenda"),
                                            ("Nyalenda 'a'", "Nyalenda")])
def test_a_ward_that_is_part_of_an_area_names_the_area(build, ward, area):
    assert build._PART.match(ward)["base"] == area


@pytest.mark.parametrize("ward", ["Kawangware", "Mountain View", "Kileleshwa"])
def test_a_ward_of_its_own_names_no_larger_area(build, ward):
    assert build._PART.match(ward) is None


def test_a_constituency_named_after_its_town_is_the_constituency_not_the_town():
    # "Lamu East" widened the town Lamu's radius to the area it names; the constituency is known now
    text = "Police beat up residents of a village in Lamu East on Monday."
    places = [i.place for i in analyze(text).incidents if i.place is not None]
    assert places and places[0].name == "Lamu East" and places[0].precision == Precision.REGION
    assert places[0].uncertainty_m >= 40_000


def test_a_known_unit_before_its_county_seat_and_a_comma_is_that_unit():
    # "in Kiunga, Lamu": an unknown name there is somewhere in Lamu's county (tests/test_incidents_locate.py);
    # Kiunga, a ward of Lamu East, is that unit
    found = [i.place for i in analyze("Eight people were killed in a roadside bomb attack in Kiunga, Lamu on Tuesday.")
             .incidents if i.place is not None]
    assert found and {(p.name, str(p.precision)) for p in found} == {("Kiunga", "region")}


def test_a_fused_article_still_reads_the_town_when_a_ward_starts_with_the_name():
    # the wards "Elwak North", "Elwak South" make "elwak" the first word of known names; "Elwak" alone is El Wak
    found = [i.place for i in analyze("Gunmen ambushed a bus outside Elwak on Tuesday.").incidents if i.place]
    assert found and {p.name for p in found} == {"El Wak"}


@pytest.mark.parametrize("text", ["Two people were shot dead in Liboi, Garissa county, on Monday.",
                                  "In Garissa county, gunmen shot dead two people in Liboi on Monday."])
def test_the_county_that_holds_a_unit_is_not_a_second_scene(text):
    # one event at the ward (ACLED codes the finest place), not a second one at its county with the same dead
    found = analyze(text).incidents
    assert found and {i.place.name for i in found if i.place is not None} == {"Liboi"}


def test_a_big_towns_alternate_name_that_is_another_towns_own_name_leaves_the_unit_its_name(build):
    # "Eastleigh" is a GeoNames alternate name of South Africa's Orkney (110,000 people) and the own name of
    # towns in England and South Africa: it reads those towns first, so the Nairobi estate stands beside them;
    # a big town's own name, or an alternate name no other town bears, still takes the key
    taken = build.known_keys()
    assert "eastleigh" not in taken and {"orkney", "mombasa", "london"} <= taken
    assert _unit("eastleigh").city_id == "geonames:184745"


@pytest.mark.parametrize("text", ["Nairobi's Eastleigh hold protest against Mogadishu bombing.",
                                  "Police raided homes in Nairobi's densely populated Eastleigh estate."])
def test_a_citys_possessive_puts_the_name_in_that_city(text):
    # "Nairobi's Eastleigh" is the Nairobi estate, not England's town of that name (the bigger reading)
    found = [p for p in analyze(text).places if p.name == "Eastleigh"]
    assert found and found[0].country_code == "KE" and found[0].precision == Precision.DISTRICT


@pytest.mark.parametrize("text", ["Police said to be targetting Somali residents of Eastleigh after grenade "
                                  "attack on bus.",
                                  "Bomb in Eastleigh injures one; Somali man arrested and charged in the attack."])
def test_a_names_unit_near_the_texts_countries_beats_its_far_foreign_towns(text):
    # Somalia named by its people: England's and South Africa's small Eastleighs lie far beyond it, the
    # Nairobi estate within reach
    found = [p for p in analyze(text).places if p.name == "Eastleigh"]
    assert found and found[0].country_code == "KE"
    # with nothing to say where, the bigger town stands (no country named: no evidence against it)
    bare = [p for p in analyze("Traders in Eastleigh demonstrate over insecurity.").places if p.name == "Eastleigh"]
    assert bare and bare[0].country_code == "GB"


def test_a_sub_county_of_one_constituency_is_a_reading_of_it():
    # KNBS's sub-county "Imenti South" is IEBC's constituency South Imenti: at its centre, with its radius, and
    # the constituency as the second-level unit
    found = [i.place for i in analyze("Youth in Imenti South rioted and destroyed ballot boxes.").incidents if i.place]
    assert found and found[0].name == "Imenti South" and found[0].precision == Precision.REGION
    assert acled.admin_names(found[0]) == ("Meru", "South Imenti")
    assert _unit("loitokitok").name == "Loitokitok"  # Kajiado South's other name


def test_a_name_of_neighbouring_constituencies_of_one_county_is_one_area_holding_both():
    # the wards Kariobangi North (Embakasi North) and Kariobangi South (Embakasi West): one area of Nairobi whose
    # radius holds both constituencies' centres and radii; its second-level unit is unknown, so none is claimed
    kariobangi = _unit("kariobangi")
    assert kariobangi.city_id == "geonames:184745" and kariobangi.precision == Precision.DISTRICT
    for ward in ("kariobangi north", "kariobangi south"):
        w = _unit(ward)
        from incidentmap.geo import haversine_m
        assert haversine_m(kariobangi.lat, kariobangi.lon, w.lat, w.lon) + w.uncertainty_m <= kariobangi.uncertainty_m + 1
    found = [i.place for i in analyze("A driver was shot and killed in Kariobangi on Thursday.").incidents if i.place]
    assert found and found[0].name == "Kariobangi" and acled.admin_names(found[0]) == ("Nairobi Area", "")
    # a name of two counties' units is two places: left out ("Umoja": Nakuru's Bahati, Nairobi's Embakasi West)
    assert not [c for c in default_gazetteer().lookup("umoja") if c.source == Source.UNITS]


def test_the_bare_name_of_constituencies_split_by_compass_points_is_the_former_one():
    # Kuresoi North and Kuresoi South (2013) were Kuresoi: one area of Nakuru county holding both, no constituency
    from incidentmap.geo import haversine_m

    kuresoi = _unit("kuresoi")
    assert kuresoi.precision == Precision.REGION and kuresoi.admin1 == "39"
    for part in ("kuresoi north", "kuresoi south"):
        p = _unit(part)
        assert haversine_m(kuresoi.lat, kuresoi.lon, p.lat, p.lon) + p.uncertainty_m <= kuresoi.uncertainty_m + 1
    found = [i.place for i in analyze("Voters at Kuresoi chased the local MP from the polling station.").incidents
             if i.place]
    assert found and found[0].name == "Kuresoi" and acled.admin_names(found[0]) == ("Nakuru", "")
    # a town's constituencies ("Nakuru Town East" and "West"): "Nakuru town" is the town, no area of them
    assert not [c for c in default_gazetteer().lookup("nakuru town") if c.source == Source.UNITS]


def test_a_constituencys_former_name_is_an_alias_of_it():
    # Kibra was the Kibera constituency until 2013, and the settlement keeps the name (aliases.csv)
    found = [i.place for i in analyze("Police fired tear gas at residents during a forced eviction in Kibera.").incidents
             if i.place]
    assert found and {p.name for p in found} == {"Kibra"} and found[0].precision == Precision.DISTRICT
    assert acled.admin_names(found[0]) == ("Nairobi Area", "Kibra")


# -- Bangladesh: OCHA's districts and upazilas (round 19) -------------------------------------------------------

def test_an_upazila_is_a_second_level_unit_of_its_district():
    belkuchi = _unit("belkuchi")
    assert (belkuchi.kind, belkuchi.precision, belkuchi.country_code) == (Kind.REGION, Precision.REGION, "BD")
    assert belkuchi.admin1 == "83"  # GeoNames' Rajshahi division
    assert 10_000 <= belkuchi.uncertainty_m <= 40_000  # an upazila's few hundred square kilometres
    text = "Rioters burned a bus in front of the police station, Belkuchi upazila (Sirajganj, Rajshahi) on Monday."
    places = [i.place for i in analyze(text).incidents if i.place is not None]
    # the upazila, not the district town in its bracket (which only says whose it is)
    assert places and {p.name for p in places} == {"Belkuchi"}
    assert acled.admin_names(places[0]) == ("Rajshahi", "Sirajganj")


def test_a_district_whose_seat_town_the_extract_lacks_is_the_district():
    jhenaidah = _unit("jhenaidah")
    assert (jhenaidah.kind, jhenaidah.country_code, jhenaidah.admin1) == (Kind.REGION, "BD", "82")
    assert jhenaidah.uncertainty_m >= 40_000


def test_a_town_the_extract_knows_keeps_its_name_from_the_unit():
    assert not [c for c in default_gazetteer().lookup("sirajganj") if c.source == Source.UNITS]
    assert any(c.kind == Kind.CITY and c.country_code == "BD" for c in default_gazetteer().lookup("sirajganj"))


def test_bangladeshs_divisions_map_to_geonames_first_level_codes(build):
    regions = {r["admin1"] for r in csv.DictReader(gzip.open(UNITS.parent / "regions.tsv.gz", "rt", encoding="utf-8"),
                                                   delimiter="\t") if r["cc"] == "BD"}
    # every division's code is a GeoNames region of the extract, but Mymensingh's (2015): its towns bear "H"
    assert set(build.BD_DIVISIONS.values()) - regions == {"H"}


@pytest.mark.parametrize("text", [
    "Party members staged a rally in Bijoynagar area, Dhaka city, on Monday.",
    "Rioters set fire to 3 buses in Gabtali, Agargaon, and Sayedabad areas of Dhaka city on Monday.",
    "Rioters set fire to buses in Ndorwexa, Kimbutoro and Gabtali areas (Dhaka city) overnight.",
])
def test_a_units_name_the_text_puts_inside_a_town_is_an_area_of_that_town(text):
    # Bijoynagar and Gabtali are upazilas far from Dhaka (Brahmanbaria's, Bogura's), and quarters of Dhaka too:
    # the text says which, so the place is somewhere in Dhaka, with Dhaka's radius
    places = analyze(text).places
    dhaka = next(p for p in places if p.name == "Dhaka")
    quarter = next(p for p in places if p.name in ("Bijoynagar", "Gabtali"))
    assert (quarter.lat, quarter.lon, quarter.uncertainty_m) == (dhaka.lat, dhaka.lon, dhaka.uncertainty_m)
    assert quarter.precision == Precision.CITY


@pytest.mark.parametrize("text, site, unit", [
    ("Organizers assaulted a trader at Banpara market, Baraigram upazila (Natore, Rajshahi) on Friday.",
     "Banpara market", "Baraigram"),
    ("Staff assaulted journalists at the Trishal Upazila Health Complex (Mymensingh) on Monday.",
     "Trishal Upazila Health Complex", "Trishal"),
])
def test_a_site_in_a_known_upazila_lies_in_its_area(text, site, unit):
    upazila = _unit(unit.casefold())
    found = next(p for p in analyze(text).places if p.name == site)
    assert (found.lat, found.lon, found.uncertainty_m) == (upazila.lat, upazila.lon, upazila.uncertainty_m)
    assert found.precision == Precision.REGION


def test_a_river_named_after_a_unit_is_not_the_unit():
    text = "Fishers assaulted a mobile court in Tentulia river of Mehendiganj upazila (Barisal) on Monday."
    assert _unit("tentulia")  # an upazila 460 km north
    assert "Tentulia" not in {p.name for p in analyze(text).places}
