"""The gazetteer's cache contract and the rows it builds (incidentmap/gazetteer.py)."""

import dataclasses
import marshal

import pytest

from incidentmap import gazetteer as gz
from incidentmap.models import Candidate, Kind, Precision, Source


def test_rows_follow_the_candidate_fields():
    assert gz.ROW_FIELDS == tuple(f.name for f in dataclasses.fields(Candidate) if f.name != "score")
    row = gz._row(name="X", kind=Kind.CITY, lat=1.0, lon=2.0, country_code="KZ", source=Source.GEONAMES,
                  source_id="geonames:1")
    assert Candidate(*row) == Candidate("X", Kind.CITY, 1.0, 2.0, "KZ", Source.GEONAMES, "geonames:1")
    assert all(type(v) in (str, int, float, bool) for v in row)  # marshal stores no enum members


def test_row_maker_matches_row():
    make = gz._row_maker("source_id", "name", "lat", kind=Kind.CITY, source=Source.GEONAMES, country_code="KZ",
                         lon=2.0)
    assert make("geonames:1", "X", 1.0) == gz._row(name="X", kind=Kind.CITY, lat=1.0, lon=2.0, country_code="KZ",
                                                   source=Source.GEONAMES, source_id="geonames:1")


def test_cache_round_trip_and_stale_layout(tmp_path):
    built = gz.Gazetteer(cache_dir=tmp_path)
    (cache,) = tmp_path.glob("gazetteer-*.marshal")
    tables = gz._read_cache(cache)
    assert isinstance(tables, gz.GazetteerTables) and len(tables.rows) == len(built)
    assert gz.Gazetteer(cache_dir=tmp_path).lookup("almaty") == built.lookup("almaty")
    cache.write_bytes(marshal.dumps(tuple(tables)[:-1]))  # an older layout: rebuilt, not misread
    assert gz._read_cache(cache) is None
    cache.write_bytes(b"not marshal")
    assert gz._read_cache(cache) is None


@pytest.fixture(scope="module")
def gaz():
    return gz.default_gazetteer()


def test_entries_carry_vocabulary_members(gaz):
    almaty = max(gaz.lookup("almaty"), key=lambda c: c.population)
    assert type(almaty.kind) is Kind and almaty.kind == "city"
    assert type(almaty.source) is Source and type(almaty.precision) is Precision
    assert gaz.countries["KZ"].kind is Kind.COUNTRY and gaz.countries["KZ"].precision is Precision.COUNTRY


def test_curated_files_load(gaz):
    sahel = gaz.get("world:sahel")
    assert sahel is not None and sahel.curated and sahel.source is Source.WORLD_REGIONS
    assert gaz.capital("KZ").name == "Astana"
    assert gaz.main_airport(max(gaz.lookup("almaty"), key=lambda c: c.population)).kind is Kind.AIRPORT


def test_a_bare_region_name_is_the_region_where_its_namesake_town_is_a_small_part_of_a_wide_region(gaz):
    # Quebec City holds ~5 % of the people of Quebec's towns: a bare "Quebec" is the province; the city
    # keeps "Quebec City". Almaty, Khartoum and Nairobi are most of their regions: the bare name is the city.
    quebec = gaz.lookup("quebec")
    assert any(c.kind is Kind.REGION and (c.country_code, c.admin1) == ("CA", "10") for c in quebec)
    assert not any(c.kind is Kind.CITY and c.country_code == "CA" for c in quebec)
    assert any(c.kind is Kind.CITY and c.country_code == "CA" for c in gaz.lookup("quebec city"))
    for name, cc in (("almaty", "KZ"), ("khartoum", "SD"), ("nairobi", "KE")):
        city = max(gaz.lookup(name), key=lambda c: c.population)
        assert city.kind is Kind.CITY and city.country_code == cc
        assert not any(c.kind is Kind.REGION and (c.country_code, c.admin1) == (cc, city.admin1)
                       for c in gaz.lookup(name))


def test_a_country_named_with_the_article_is_found_by_its_name_alone(gaz):
    # "exports to the Netherlands": prose writes the article in lower case.
    assert any(c.kind is Kind.COUNTRY and c.country_code == "NL" for c in gaz.lookup("netherlands"))


def test_a_curated_area_is_no_common_word(gaz):
    # A Philippine town named Asia made "asia" a frequent English word that needs context; the continent
    # is named on purpose.
    assert "asia" not in gaz.common_words
    assert any(c.source is Source.WORLD_REGIONS for c in gaz.lookup("asia"))


def test_chinese_provinces_and_autonomous_regions_are_found_by_their_names(gaz):
    # GeoNames writes "Zhejiang Sheng", "Guangxi Zhuangzu Zizhiqu": the press writes "Zhejiang", "Guangxi".
    for name in ("zhejiang", "guizhou", "guangxi", "xinjiang", "jiangsu"):
        assert any(c.kind is Kind.REGION and c.country_code == "CN" for c in gaz.lookup(name)), name


def test_a_curated_region_carries_its_geonames_first_level_code(gaz):
    # The curated "England" outranks GeoNames' GB.ENG; it must still hold England's towns.
    england = gaz.get("region:GB-ENG")
    assert england is not None and england.curated and (england.country_code, england.admin1) == ("GB", "ENG")
    assert gaz.get("region:SO-SL").admin1 == ""  # Somaliland is no GeoNames first-level region
    new_england = [c for c in gaz.lookup("new england") if c.kind is Kind.REGION]
    assert [c.country_code for c in new_england] == ["US"]


def test_a_curated_region_with_an_unknown_first_level_code_stops_the_load(tmp_path):
    b = gz._TableBuilder()
    path = tmp_path / "extra_places.csv"
    path.write_text("key,name,aliases,kind,precision,lat,lon,uncertainty_m,country_code,admin1,source,note\n"
                    "region:GB-XX,Nowhere,,region,region,52,-1,1000,GB,XX,curated,\n")
    with pytest.raises(ValueError, match="GB.XX"):
        gz._load_extra_places(b, path, {})


def test_an_abbreviated_name_holds_every_town_of_the_name_spelt_out(gaz):
    # Only a few Mount Pleasants list "Mt Pleasant" as an alternate name; the one in Iowa does not.
    spelt = {c.source_id for c in gaz.lookup("mount pleasant") if c.kind is Kind.CITY}
    abbreviated = {c.source_id for c in gaz.lookup("mt pleasant")}
    assert spelt <= abbreviated
    assert any(c.admin1 == "IA" for c in gaz.lookup("mt pleasant"))
    # Towns only: no parish or county joins an abbreviated name it was not listed under.
    assert not any(c.kind is Kind.REGION and c.source_id.startswith("geonames-admin2")
                   for c in gaz.lookup("st paul"))


def test_a_remembered_lookup_is_the_full_one_and_each_caller_gets_its_own_list(gaz):
    # The memo must answer exactly what the index holds, on first and later calls, for hits and misses.
    for name in ("nairobi", "paris", "georgia", "london", "kenya", "springfield", "no such place xyz", ""):
        full = [gaz._entry(i) for i in gaz.index.get(name, ())]
        first = gaz.lookup(name)
        assert first == full
        first.append(first[0] if first else None)  # a caller extending its list changes no later answer
        assert gaz.lookup(name) == full
    assert "no such place xyz" not in gaz._found  # misses are not remembered: the memo stays within the index


def test_usual_english_spellings_of_somali_places_read_their_gazetteer_rows():
    from incidentmap.gazetteer import default_gazetteer as _gaz

    gaz = _gaz()
    for spelling, name in (("jowhar", "Jawhar"), ("galkayo", "Gaalkacyo"), ("garowe", "Garoowe"),
                           ("middle shabelle", "Middle Shabele"), ("lower shabelle", "Lower Shabeelle")):
        assert [c.name for c in gaz.lookup(spelling) if c.country_code == "SO"] == [name], spelling


def test_north_kivu_reads_the_province_geonames_names_nord_kivu():
    from incidentmap.gazetteer import default_gazetteer as _gaz

    assert [c.name for c in _gaz().lookup("north kivu") if c.country_code == "CD"] == ["Nord Kivu"]
