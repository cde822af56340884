"""GeoJSON, flat CSV and ACLED-style CSV exports of hand-built incidents."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentmap.export import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    FEATURE_PROPERTIES,
    csv_safe,
    incident_feature,
    incidents_acled_csv,
    incidents_csv,
    incidents_geojson,
    places_geojson,
)
from incidentmap.models import Candidate, CodedActor, Incident, Inter, Mention, Place
from incidentmap.taxonomy import incident_types


def almaty() -> Place:
    return Place(
        key="geonames:1526384",
        name="Almaty",
        kind="city",
        precision="city",
        lat=43.25654,
        lon=76.92848,
        uncertainty_m=12_000.4,
        country_code="KZ",
        source="geonames",
        source_id="1526384",
        confidence=0.91234,
        mentions=[Mention("Almaty", 10, 16)],
        candidates=[Candidate("Almaty", "city", 43.25654, 76.92848, "KZ", "geonames", "1526384", admin1="02")],
        admin1="02",  # GeoNames' code of Almaty Qalasy, the city's first-level region
    )


def kazakhstan() -> Place:
    return Place("geonames:1522867", "Kazakhstan", "country", "country", 48.0, 68.0, 900_000, "KZ", "geonames", "1522867", 0.8)


def west_place() -> Place:
    # negative coordinates must not be mistaken for formulas
    return Place("geonames:3936456", "Lima", "city", "city", -12.04318, -77.02824, 10_000, "PE", "geonames", "3936456", 0.7)


def incident(**overrides) -> Incident:
    fields = dict(
        id="i1",
        incident_type="casualties",
        place=almaty(),
        mention="Almaty",
        evidence='Security forces "cleared" the streets, over the past three days,\nleaving dozens killed.',
        start=100,
        end=180,
        date="2022-01-06/2022-01-08",
        date_precision="range",
        date_text="over the past three days",
        actors=["Security forces", "Protesters"],
        coded_actors=[CodedActor("Military Forces of Kazakhstan", Inter.STATE_FORCES, 1, "Security forces"),
                      CodedActor("Protesters (Kazakhstan)", Inter.PROTESTERS, 2, "Protesters")],
        fatalities=12,
        injuries=None,
        arrests=None,
        count_text="dozens killed",
        status="reported",
        trigger="killed",
        confidence=0.87654,
    )
    fields.update(overrides)
    return Incident(**fields)


def test_incident_feature_is_rfc7946():
    f = incident_feature(incident())
    assert f["type"] == "Feature"
    assert f["id"] == "i1"
    assert f["geometry"] == {"type": "Point", "coordinates": [76.92848, 43.25654]}  # lon, lat
    assert tuple(f["properties"]) == FEATURE_PROPERTIES
    p = f["properties"]
    assert p["label"] == "Casualties"
    assert (p["acled_event_type"], p["acled_sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (p["place"], p["place_key"], p["precision"], p["country_code"]) == ("Almaty", "geonames:1526384", "city", "KZ")
    assert p["uncertainty_m"] == 12000 and isinstance(p["uncertainty_m"], int)
    assert p["confidence"] == 0.877
    assert p["actors"] == ["Security forces", "Protesters"]
    assert (p["fatalities"], p["injuries"], p["arrests"]) == (12, None, None)
    assert json.loads(json.dumps(f)) == f


def test_coordinates_rounded_to_six_decimals():
    place = almaty()
    place.lat, place.lon = 43.123456789, -76.987654321
    assert incident_feature(incident(place=place))["geometry"]["coordinates"] == [-76.987654, 43.123457]


def test_every_taxonomy_type_exports():
    for slug, kind in incident_types().items():
        p = incident_feature(incident(incident_type=slug))["properties"]
        assert (p["label"], p["acled_event_type"]) == (kind.label, kind.acled_event_type)


def test_feature_collections():
    fc = incidents_geojson([incident(), incident(id="i2", place=west_place())])
    assert fc["type"] == "FeatureCollection"
    assert [f["id"] for f in fc["features"]] == ["i1", "i2"]
    json.dumps(fc)
    pc = places_geojson([almaty(), kazakhstan()])
    assert pc["type"] == "FeatureCollection"
    assert [f["id"] for f in pc["features"]] == ["geonames:1526384", "geonames:1522867"]
    assert pc["features"][0]["geometry"]["coordinates"] == [76.92848, 43.25654]
    assert incidents_geojson([]) == {"type": "FeatureCollection", "features": []}


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_round_trip():
    rows = read_csv(incidents_csv([incident(), incident(id="i2", place=west_place(), actors=[], fatalities=None)]))
    assert len(rows) == 2
    assert tuple(rows[0]) == CSV_COLUMNS
    first, second = rows
    assert first["evidence"] == incident().evidence  # quotes, comma and newline survive
    assert first["actors"] == "Security forces; Protesters"
    assert (first["latitude"], first["longitude"]) == ("43.25654", "76.92848")
    assert (first["fatalities"], first["injuries"]) == ("12", "")
    assert first["confidence"] == "0.877"
    # negative numbers are numbers, not formulas
    assert (second["latitude"], second["longitude"]) == ("-12.04318", "-77.02824")
    assert (second["actors"], second["fatalities"]) == ("", "")


@pytest.mark.parametrize("evil", ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tX", "\rX"])
def test_formula_injection_is_neutralised(evil):
    rows = read_csv(incidents_csv([incident(evidence=evil, mention=evil, actors=[evil])]))
    assert rows[0]["evidence"] == "'" + evil
    assert rows[0]["mention"] == "'" + evil
    assert rows[0]["actors"] == "'" + evil
    acled = read_csv(incidents_acled_csv([incident(evidence=evil)]))
    assert acled[0]["notes"] == "'" + evil


def test_csv_safe():
    assert csv_safe("=1") == "'=1"
    assert csv_safe("a=1") == "a=1"
    assert csv_safe(-3.5) == -3.5
    assert csv_safe(None) is None


def test_acled_csv_columns_and_values():
    text = incidents_acled_csv(
        [incident(), incident(id="i2", incident_type="arrest", place=kazakhstan(), date="2022-01-05", date_precision="day",
                              fatalities=None, arrests=5800, actors=["Police"],
                              coded_actors=[CodedActor("Police Forces of Kazakhstan", Inter.STATE_FORCES, 1, "Police")])],
        source="ABC News", timestamp=1_641_600_000,
    )
    rows = read_csv(text)
    assert tuple(rows[0]) == ACLED_COLUMNS
    a, b = rows
    assert a["event_id_cnty"] == "KAZ-IM-i1"  # ISO-3 like ACLED's ids; "IM" keeps it from passing for one of theirs
    assert (a["event_date"], a["year"], a["time_precision"]) == ("2022-01-07", "2022", "2")  # middle of the 3-day range
    assert (a["disorder_type"], a["event_type"], a["sub_event_type"]) == ("Political violence", "Violence against civilians", "Attack")
    assert (a["actor1"], a["inter1"], a["actor2"], a["inter2"], a["interaction"]) == (
        "Military Forces of Kazakhstan", "1", "Protesters (Kazakhstan)", "6", "16")
    assert (a["assoc_actor_1"], a["assoc_actor_2"], a["civilian_targeting"]) == ("", "", "")
    assert (a["iso"], a["region"], a["country"]) == ("398", "Caucasus and Central Asia", "Kazakhstan")
    assert (a["admin1"], a["admin2"], a["admin3"], a["location"]) == ("Almaty Qalasy", "", "", "Almaty")  # name, not code
    assert (a["latitude"], a["longitude"], a["geo_precision"]) == ("43.25654", "76.92848", "1")
    assert (a["source"], a["notes"], a["fatalities"]) == ("ABC News", incident().evidence, "12")
    assert (a["source_scale"], a["tags"], a["timestamp"]) == ("", "", "1641600000")
    assert (b["event_date"], b["time_precision"], b["disorder_type"]) == ("2022-01-05", "1", "Strategic developments")
    assert (b["geo_precision"], b["fatalities"], b["actor2"]) == ("3", "0", "")
    assert (b["actor1"], b["inter1"], b["inter2"], b["interaction"]) == ("Police Forces of Kazakhstan", "1", "0", "10")


def test_acled_export_leaves_out_planned_events():
    planned = incident(id="i2", incident_type="protest", status="planned", date="2022-01-09", date_precision="day")
    rows = read_csv(incidents_acled_csv([incident(), planned]))
    assert [r["event_id_cnty"] for r in rows] == ["KAZ-IM-i1"]
    ours = read_csv(incidents_csv([incident(), planned]))  # our own exports keep it, marked
    assert [r["status"] for r in ours] == ["reported", "planned"]


def test_acled_civilian_targeting_and_associated_actors():
    coded = [CodedActor("Unidentified Armed Group (Kazakhstan)", Inter.POLITICAL_MILITIA, 1, "gunmen"),
             CodedActor("Al-Qaeda", Inter.POLITICAL_MILITIA, 1, "Al-Qaeda fighters"),
             CodedActor("Civilians (Kazakhstan)", Inter.CIVILIANS, 2, "villagers")]
    row = read_csv(incidents_acled_csv([incident(coded_actors=coded)]))[0]
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"]) == (
        "Unidentified Armed Group (Kazakhstan)", "Al-Qaeda", "Civilians (Kazakhstan)")
    assert (row["inter1"], row["inter2"], row["interaction"], row["civilian_targeting"]) == ("3", "7", "37", "Civilian targeting")
    riot = read_csv(incidents_acled_csv([incident(incident_type="riot", coded_actors=[
        CodedActor("Rioters (Kazakhstan)", Inter.RIOTERS, 1), coded[2]])]))[0]
    assert (riot["disorder_type"], riot["interaction"], riot["civilian_targeting"]) == ("Demonstrations", "57", "")


def test_acled_geo_precision_by_place():
    from incidentmap.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    unit = next(c for k, c in ((k, gaz.get(k)) for k in gaz.by_key if k.startswith("geonames-admin2:UG.")))
    county = Place(unit.source_id, unit.name, "region", "region", unit.lat, unit.lon, unit.uncertainty_m, "UG",
                   "geonames", unit.source_id, 0.8, admin1=unit.admin1)
    region = gaz.get("geonames-admin1:KZ.02")
    province = Place(region.source_id, region.name, "region", "region", region.lat, region.lon, region.uncertainty_m,
                     "KZ", "geonames", region.source_id, 0.8, admin1="02")
    rows = read_csv(incidents_acled_csv([incident(), incident(id="i2", place=county), incident(id="i3", place=province)]))
    assert [r["geo_precision"] for r in rows] == ["1", "2", "3"]  # the town; a district; only the province
    assert rows[1]["admin2"] == unit.name and rows[1]["admin1"]  # a county knows its province
    assert (rows[2]["admin1"], rows[2]["admin2"]) == ("Almaty Qalasy", "")  # a region-level place has its own admin1


def test_acled_export_loads_as_acled_shaped_data():
    """Read with pandas as an analyst would, and check names, dtypes and codes against ACLED's codebook."""
    pd = pytest.importorskip("pandas")
    from incidentmap.acled import REGIONS

    coded = [CodedActor("Rioters (Peru)", Inter.RIOTERS, 1), CodedActor("Police Forces of Peru", Inter.STATE_FORCES, 2)]
    items = [incident(), incident(id="i2", incident_type="riot", place=west_place(), coded_actors=coded, fatalities=None),
             incident(id="i3", incident_type="protest", place=kazakhstan(), date="2022-01-04", date_precision="day",
                      coded_actors=[CodedActor("Protesters (Kazakhstan)", Inter.PROTESTERS, 1)])]
    df = pd.read_csv(io.StringIO(incidents_acled_csv(items, source="Reuters")), keep_default_na=False)
    assert list(df.columns) == list(ACLED_COLUMNS)
    for column in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
                   "timestamp"):
        assert pd.api.types.is_integer_dtype(df[column]), column
    for column in ("latitude", "longitude"):
        assert pd.api.types.is_float_dtype(df[column]), column
    assert set(df["time_precision"]) <= {1, 2, 3} and set(df["geo_precision"]) <= {1, 2, 3}
    assert set(df["inter1"]) <= set(range(1, 9)) and set(df["inter2"]) <= set(range(0, 9))
    assert all(i == (10 * min(a, b) + max(a, b) if b else 10 * a)
               for a, b, i in zip(df["inter1"], df["inter2"], df["interaction"], strict=True))
    assert list(df["interaction"]) == [16, 15, 60]
    assert set(df["disorder_type"]) <= {"Political violence", "Demonstrations", "Strategic developments"}
    kinds = {(k.acled_event_type, k.acled_sub_event_type) for k in incident_types().values()}
    assert set(zip(df["event_type"], df["sub_event_type"], strict=True)) <= kinds
    assert set(df["region"]) <= REGIONS and list(df["iso"]) == [398, 604, 398]
    assert set(df["civilian_targeting"]) <= {"", "Civilian targeting"}
    assert pd.to_datetime(df["event_date"], format="%Y-%m-%d").notna().all()
    assert (df["fatalities"] >= 0).all() and df["event_id_cnty"].is_unique


@pytest.mark.parametrize(
    ("date", "precision", "event_date", "time_precision"),
    [
        ("2022-01-05", "day", "2022-01-05", "1"),
        ("2022-01-01", "week", "2022-01-01", "2"),
        ("2022-01-03/2022-01-08", "range", "2022-01-05", "2"),
        ("2021-12-01/2021-12-31", "month", "2021-12-16", "3"),
        ("2021-12-01/2022-01-08", "range", "2021-12-20", "3"),
        ("2022-01-08", "unknown", "2022-01-08", "3"),  # publication-day fallback
        (None, "unknown", "", ""),
    ],
)
def test_acled_dates(date, precision, event_date, time_precision):
    row = read_csv(incidents_acled_csv([incident(date=date, date_precision=precision)]))[0]
    assert (row["event_date"], row["time_precision"]) == (event_date, time_precision)


def test_acled_disorder_types_and_country_names():
    protest = incident(incident_type="protest", place=west_place(), coded_actors=[
        CodedActor("Protesters (Peru)", Inter.PROTESTERS, 1), CodedActor("Police Forces of Peru", Inter.STATE_FORCES, 2),
        CodedActor("Students (Peru)", Inter.PROTESTERS, 1), CodedActor("Military Forces of Peru", Inter.STATE_FORCES, 2)])
    row = read_csv(incidents_acled_csv([protest], country_names={"PE": "República del Perú"}))[0]
    assert (row["disorder_type"], row["country"], row["event_id_cnty"]) == ("Demonstrations", "Peru", "PER-IM-i1")
    congo = Place("g:1", "Goma", "city", "city", -1.68, 29.22, 10_000, "CD", "geonames", "1", 0.8)
    unknown = Place("g:2", "Atlantis", "city", "city", 0.0, 0.0, 10_000, "QQ", "geonames", "2", 0.8)
    rows = read_csv(incidents_acled_csv([incident(place=congo), incident(id="i2", place=unknown)],
                                        country_names={"CD": "Democratic Republic of the Congo", "QQ": "Qqland"}))
    assert [r["country"] for r in rows] == ["Democratic Republic of Congo", "Qqland"]  # ACLED's spelling first
    assert (rows[1]["iso"], rows[1]["region"], rows[1]["event_id_cnty"]) == ("", "", "QQ-IM-i2")
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"], row["assoc_actor_2"]) == (
        "Protesters (Peru)", "Students (Peru)", "Police Forces of Peru", "Military Forces of Peru")
    riot = read_csv(incidents_acled_csv([incident(incident_type="riot", place=west_place())]))[0]
    assert (riot["disorder_type"], riot["country"], riot["region"], riot["admin1"]) == ("Demonstrations", "Peru", "South America", "")


@settings(max_examples=150, deadline=None)
@given(st.text(), st.lists(st.text(), max_size=3))
def test_any_text_survives_csv(evidence, actors):
    actors = [a.replace("; ", " ") for a in actors]  # the separator itself cannot round-trip
    row = read_csv(incidents_csv([incident(evidence=evidence, actors=actors)]))[0]
    assert row["evidence"] == csv_safe(evidence)  # exact, including "\r", quotes and NUL
    assert row["actors"] == csv_safe("; ".join(actors))
    json.dumps(incidents_geojson([incident(evidence=evidence, actors=actors)]))


def test_exports_accept_features_and_an_analysis():
    from types import SimpleNamespace

    incidents = [incident(), incident(id="i2", place=west_place())]
    features = [incident_feature(i) for i in incidents]
    analysis = SimpleNamespace(incidents=incidents, places=[almaty(), kazakhstan(), west_place()])
    assert incidents_geojson(features) == incidents_geojson(incidents) == incidents_geojson(analysis)
    assert incidents_csv(features) == incidents_csv(incidents) == incidents_csv(analysis)
    from_features = read_csv(incidents_acled_csv(features, source="s"))
    from_analysis = read_csv(incidents_acled_csv(analysis, source="s"))
    assert from_features == from_analysis  # a Feature carries everything the ACLED columns need
    assert (from_features[0]["country"], from_features[0]["admin1"]) == ("Kazakhstan", "Almaty Qalasy")
    assert places_geojson(analysis) == places_geojson(analysis.places)
    assert places_geojson([p.to_feature() for p in analysis.places]) == places_geojson(analysis)


def test_places_csv():
    from incidentmap.export import PLACE_CSV_COLUMNS, places_csv

    place = almaty()
    place.mentions = [Mention("Almaty", 10, 16), Mention("=Almaty", 40, 47), Mention("Almaty", 90, 96)]
    rows = read_csv(places_csv([place, west_place()]))
    assert tuple(rows[0]) == PLACE_CSV_COLUMNS
    assert rows[0]["key"] == "geonames:1526384"
    assert (rows[0]["latitude"], rows[0]["longitude"], rows[0]["uncertainty_m"]) == ("43.25654", "76.92848", "12000")
    assert (rows[0]["mention_count"], rows[0]["mention_texts"]) == ("3", "Almaty; =Almaty")
    assert (rows[1]["latitude"], rows[1]["longitude"]) == ("-12.04318", "-77.02824")


def test_feature_collection_text_round_trips_one_feature_per_line():
    from incidentmap.export import feature_collection_text

    features = [{"type": "Feature", "id": str(i), "geometry": None,
                 "properties": {"evidence": f"line {i}\n<script>“quoted”</script>", "n": i}} for i in range(3)]
    collection = {"type": "FeatureCollection", "features": features}
    text = feature_collection_text(collection)
    assert json.loads(text) == collection
    lines = text.splitlines()
    assert len(lines) == 2 + len(features)  # opening, one line per feature, closing
    assert "“quoted”" in text  # not \\u-escaped: the file stays readable
    assert json.loads(feature_collection_text({"type": "FeatureCollection", "features": []})) == \
        {"type": "FeatureCollection", "features": []}


# ----------------------------------------------------------------- incidents without a location (issue 11 item 4)


def test_an_incident_without_a_location_is_a_null_geometry_feature():
    f = incident_feature(incident(place=None, mention=""))
    assert f["geometry"] is None  # RFC 7946 3.2
    p = f["properties"]
    assert (p["place"], p["place_key"], p["precision"], p["uncertainty_m"], p["country_code"]) == ("", "", None, None, "")
    json.loads(json.dumps(incidents_geojson([incident(place=None)]), allow_nan=False))


def test_an_incident_without_a_location_is_listed_in_both_csvs_with_empty_coordinates():
    items = [incident(place=None, mention="", id="nowhere"), incident(id="almaty")]
    rows = list(csv.DictReader(io.StringIO(incidents_csv(items))))
    assert [r["id"] for r in rows] == ["nowhere", "almaty"]
    assert (rows[0]["latitude"], rows[0]["longitude"], rows[0]["precision"]) == ("", "", "")
    assert rows[1]["latitude"] and rows[1]["longitude"]
    acled = list(csv.DictReader(io.StringIO(incidents_acled_csv(items))))
    assert [r["event_id_cnty"] for r in acled] == ["XX-IM-nowhere", "KAZ-IM-almaty"]
    assert (acled[0]["latitude"], acled[0]["longitude"], acled[0]["location"], acled[0]["geo_precision"]) == ("",) * 4
    assert acled[1]["geo_precision"] == "1"


def test_acled_rows_never_give_a_peaceful_protest_the_dead_of_another_event():
    """One sentence, two events: an attack with three dead and a protest. The casualties join the attack's
    row (ACLED puts fatalities on the event), never the peaceful protest's."""
    import datetime as dt

    from incidentmap.pipeline import analyze

    text = "Gunmen killed three villagers on Monday, local officials said, and protesters blocked a road in Garissa."
    rows = list(csv.DictReader(io.StringIO(incidents_acled_csv(analyze(text, published=dt.date(2024, 5, 6))))))
    by_type = {(r["event_type"], r["sub_event_type"]): r for r in rows}
    assert by_type[("Violence against civilians", "Attack")]["fatalities"] == "3"
    assert by_type[("Protests", "Peaceful protest")]["fatalities"] == "0"
