"""An analyst's corrections of an event's member incidents reach the store's event exports (GeoJSON, CSV,
ACLED-style CSV; :mod:`incidentmap.corpus.event_corrections`): a dismissed member leaves its event, an event with
no member left is flagged and left out of the ACLED export, the member whose place the event has moves it, the
carrier retyped retypes it, undo gives the machine's event back, and events no correction touches are as they
were."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil

import pytest

from incidentmap import corrections as corr
from incidentmap.corpus.event_corrections import overlay_corrections
from incidentmap.corpus.export import event_carrier, export_store, incident_feature
from incidentmap.corpus.ingest import ingest
from incidentmap.corpus.merge import events_of, merge_store
from incidentmap.corpus.store import Store
from incidentmap.taxonomy import incident_types
from test_merge import NAIROBI, incident, record

D = dt.date
# Two outlets report one march (one event, two sources); a third article reports a curfew elsewhere.
ARTICLES = [
    {"text": "Hundreds of traders marched through Kisumu, Kenya, on Tuesday to protest against new market fees.",
     "published": "2025-03-13", "source": "Lakeside Times", "title": "Traders march"},
    {"text": "Market traders staged a protest in Kisumu on Tuesday against the fees, the Kenyan county government "
             "said.", "published": "2025-03-13", "source": "Rift Valley Post", "title": "Fees protest"},
    {"text": "A curfew was imposed in Eldoret, Kenya, on Wednesday, the county commissioner said.",
     "published": "2025-03-13", "source": "Highland Courier", "title": "Eldoret curfew"},
]
POINT = {"lat": -0.0917, "lon": 34.768, "uncertainty_m": 500, "name": "Jomo Kenyatta Sports Ground"}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "corpus.duckdb"
    report = ingest([folder], db=db, workers=1)
    assert (report.ingested, report.skipped) == (3, [])
    return db


@pytest.fixture
def store(ingested, tmp_path, monkeypatch):
    monkeypatch.setattr("incidentmap.corpus.export._country_names", lambda: {})  # the ACLED table's names suffice
    path = tmp_path / "corpus.duckdb"
    shutil.copy(ingested, path)  # every test corrects its own copy
    with Store(path) as s:
        yield s


def _feature(s: Store, incident_id: str) -> tuple[str, dict]:
    """A stored incident's article hash and its Feature as its article has it (its id in the article): what the
    corrections panel makes corrections of."""
    (row,) = s.incidents(ids=[incident_id])
    (article,) = s.articles(ids=[row.article_id])
    f = incident_feature(row, article)
    return article.hash, {**f, "id": row.local_id, "properties": {**f["properties"], "id": row.local_id}}


def _correct(s: Store, incident_id: str, make, **kw) -> corr.Correction:
    h, feature = _feature(s, incident_id)
    return s.add_correction(make(article_hash=h, feature=feature, **kw))


def _geojson(s: Store) -> dict[str, dict]:
    return {f["id"]: f for f in json.loads(export_store(s, what="events", fmt="geojson"))["features"]}


def _csv(s: Store, fmt: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(export_store(s, what="events", fmt=fmt))))


def _acled(s: Store) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "timestamp"} for r in _csv(s, "acled")]  # (the time of export)


def _march(s: Store):
    """The march's event and its two members (one per outlet), and the curfew's event and its member: what the
    articles make, as the tests need it."""
    members = s.event_members()
    march = next(e for e in s.events() if e.n_sources == 2)
    curfew = next(e for e in s.events() if e.incident_type == "curfew")
    (first, second), (alone,) = members[march.id], members[curfew.id]
    assert (march.incident_type, march.place_name, march.n_incidents) == ("protest", "Kisumu", 2)
    assert first.place_key == second.place_key == march.place_key  # the first member is the place's
    assert event_carrier(march, [first, second]) == first  # no figure: the first member carries the row
    assert (first.source, second.source) == ("Lakeside Times", "Rift Valley Post")
    return march, (first, second), curfew, alone


def test_a_dismissed_member_leaves_its_event(store):
    march, (first, second), _, _ = _march(store)
    _correct(store, second.incident_id, corr.not_an_event)
    p = _geojson(store)[march.id]["properties"]
    assert [m["incident_id"] for m in p["members"]] == [first.incident_id]
    assert p["dismissed_members"] == [{"incident_id": second.incident_id, "article_id": second.article_id,
                                       "review": "not_an_event"}]
    assert (p["n_sources"], p["n_incidents"], p["source"]) == (1, 1, "Lakeside Times")
    assert (p["corrected"], p["original"]["n_sources"], p["original"]["n_incidents"]) == (True, 2, 2)
    assert [c["kind"] for c in p["corrections"]] == ["not_an_event"]
    assert p["corrections"][0]["incident_id"] == second.incident_id
    assert "review" not in p  # the event itself still happened
    (row,) = [r for r in _csv(store, "csv") if r["id"] == march.id]
    assert (row["incident_ids"], row["dismissed_incident_ids"], row["corrected"]) == (
        first.incident_id, second.incident_id, "True")
    assert (row["n_sources"], row["article_titles"]) == ("1", "Traders march")
    (acled,) = [r for r in _acled(store) if r["event_id_cnty"].endswith(march.id)]
    assert acled["source"] == "Lakeside Times"


def test_an_event_is_what_the_merge_makes_of_the_members_left(tmp_path, monkeypatch):
    """The dismissed report gave the event its lowest figure, its most precise place and its sentence (the
    first member's): they go with it, and the event has the other report's, as the merge would give them."""
    monkeypatch.setattr("incidentmap.corpus.export._country_names", lambda: {})
    with Store(tmp_path / "s.duckdb") as s:
        s.add_articles([
            record("aaaa", [incident("i1", fatalities=2, evidence="Two people were shot dead on Kenyatta Avenue.",
                                     place_key="landmarks:kenyatta-avenue", place_name="Kenyatta Avenue",
                                     lat=-1.2841, lon=36.8219, uncertainty_m=300.0, precision="point")],
                   published=D(2025, 3, 11)),
            record("bbbb", [incident("i1", fatalities=5, evidence="Five people were killed in Nairobi.")],
                   published=D(2025, 3, 12)),
        ])  # fmt: skip
        assert merge_store(s) == 1
        (event,) = s.events()
        assert (event.fatalities, event.place_name, event.evidence[:3]) == (2, "Kenyatta Avenue", "Two")
        _correct(s, "aaaa:i1", corr.duplicate_of, other_id="i7")
        (feature,) = _geojson(s).values()
        (acled,) = _acled(s)
    p = feature["properties"]
    assert (p["fatalities"], p["place"], p["precision"], p["evidence"]) == (5, "Nairobi", "city",
                                                                          "Five people were killed in Nairobi.")
    assert feature["geometry"]["coordinates"] == [round(NAIROBI[1], 6), round(NAIROBI[0], 6)]
    assert (p["original"]["fatalities"], p["original"]["place"], p["original"]["lat"]) == (2, "Kenyatta Avenue",
                                                                                          -1.2841)
    assert p["dismissed_members"][0]["duplicate_of"] == "i7"
    assert (acled["fatalities"], acled["location"], acled["notes"]) == ("5", "Nairobi",
                                                                        "Five people were killed in Nairobi.")


@pytest.mark.parametrize(("make", "kw", "review"), [(corr.not_an_event, {}, "not_an_event"),
                                                     (corr.duplicate_of, {"other_id": "x1"}, "duplicate")])
def test_an_event_with_every_member_dismissed_is_flagged_and_not_an_acled_row(store, make, kw, review):
    march, _, curfew, member = _march(store)
    before = _geojson(store)[curfew.id]
    _correct(store, member.incident_id, make, **kw)
    p = _geojson(store)[curfew.id]["properties"]
    assert (p["review"], p["members"], p["n_sources"], p["n_incidents"]) == (review, [], 0, 0)
    assert [m["incident_id"] for m in p["dismissed_members"]] == [member.incident_id]
    # It keeps the machine's values, as a dismissed incident does.
    for key in ("incident_type", "label", "place", "date", "evidence", "acled_event_type"):
        assert p[key] == before["properties"][key]
    assert p["original"]["review"] is None
    (row,) = [r for r in _csv(store, "csv") if r["id"] == curfew.id]
    assert (row["review"], row["incident_ids"], row["dismissed_incident_ids"]) == (review, "", member.incident_id)
    assert [r["event_id_cnty"].split("-IM-")[1] for r in _acled(store)] == [march.id]


def test_a_moved_place_member_moves_the_event(store):
    march, (first, second), _, _ = _march(store)
    _correct(store, first.incident_id, corr.move_to_point, **POINT)
    f = _geojson(store)[march.id]
    p = f["properties"]
    assert (p["place"], p["precision"], p["uncertainty_m"], p["country_code"]) == (POINT["name"], "point", 500, "KE")
    assert p["place_key"] == "point:-0.091700,34.768000" and (p["admin1"], p["admin2"]) == ("", "")
    assert f["geometry"]["coordinates"] == [POINT["lon"], POINT["lat"]]
    assert (p["original"]["place"], p["original"]["precision"], p["original"]["admin1"]) == ("Kisumu", "city", "Kisumu")
    assert {"lat", "lon"} <= set(p["original"]) and p["incident_type"] == "protest"
    assert [m["place"] for m in p["members"]] == [POINT["name"], "Kisumu"] and p["members"][0]["corrected"]
    (acled,) = [r for r in _acled(store) if r["event_id_cnty"].endswith(march.id)]
    assert (acled["location"], acled["latitude"], acled["geo_precision"]) == (POINT["name"], str(POINT["lat"]), "1")


def test_another_member_moved_changes_only_its_own_entry(store):
    march, (first, second), _, _ = _march(store)
    before = _geojson(store)[march.id]
    _correct(store, second.incident_id, corr.move_to_point, **POINT)
    after = _geojson(store)[march.id]
    assert after["geometry"] == before["geometry"] and after["properties"]["place"] == "Kisumu"
    assert after["properties"]["original"] == {}
    assert [m["place"] for m in after["properties"]["members"]] == ["Kisumu", POINT["name"]]


def test_a_retyped_carrier_retypes_the_event_as_the_incident_export_codes_it(store):
    march, (first, second), _, _ = _march(store)
    _correct(store, first.incident_id, corr.retype, incident_type="riot")
    p = _geojson(store)[march.id]["properties"]
    incident = next(f["properties"] for f in json.loads(export_store(store, what="incidents", fmt="geojson"))[
        "features"] if f["id"] == first.incident_id)
    assert (p["incident_type"], p["label"]) == ("riot", incident_types()["riot"].label)
    assert (p["acled_event_type"], p["acled_sub_event_type"]) == (incident["acled_event_type"],
                                                                  incident["acled_sub_event_type"])
    assert (p["acled_event_type"], p["actor1"]) == ("Riots", incident["actor1"])  # rioters now, not protesters
    assert (p["original"]["incident_type"], p["original"]["acled_event_type"]) == ("protest", "Protests")
    assert [m["incident_type"] for m in p["members"]] == ["riot", "protest"]
    (acled,) = [r for r in _acled(store) if r["event_id_cnty"].endswith(march.id)]
    assert (acled["event_type"], acled["sub_event_type"], acled["actor1"]) == (
        incident["acled_event_type"], incident["acled_sub_event_type"], incident["actor1"])
    (row,) = [r for r in _csv(store, "csv") if r["id"] == march.id]
    assert (row["incident_type"], row["label"], row["acled_event_type"]) == ("riot", p["label"], "Riots")


def test_another_member_retyped_leaves_the_events_type(store):
    march, (first, second), _, _ = _march(store)
    _correct(store, second.incident_id, corr.retype, incident_type="riot")
    p = _geojson(store)[march.id]["properties"]
    assert (p["incident_type"], p["acled_event_type"], p["original"]) == ("protest", "Protests", {})
    assert [m["incident_type"] for m in p["members"]] == ["protest", "riot"]


def test_undoing_the_corrections_gives_the_machines_events_back(store):
    march, (first, second), curfew, member = _march(store)
    before = (export_store(store, what="events", fmt="geojson"), export_store(store, what="events", fmt="csv"),
              _acled(store))
    _correct(store, first.incident_id, corr.retype, incident_type="riot")
    _correct(store, first.incident_id, corr.move_to_point, **POINT)
    _correct(store, second.incident_id, corr.not_an_event)
    _correct(store, member.incident_id, corr.not_an_event)
    assert export_store(store, what="events", fmt="geojson") != before[0] and _acled(store) != before[2]
    for m in (first, second, member):
        h, _ = _feature(store, m.incident_id)
        while store.undo_correction(article_hash=h) is not None:
            pass
    assert store.corrections() == [] and len(store.corrections(include_undone=True)) == 4
    after = (export_store(store, what="events", fmt="geojson"), export_store(store, what="events", fmt="csv"),
             _acled(store))
    assert after == before


def test_only_the_events_of_corrected_members_change_and_a_note_changes_nothing_else(store):
    march, _, curfew, member = _march(store)
    before = _geojson(store)
    before_csv = {r["id"]: r for r in _csv(store, "csv")}
    _correct(store, member.incident_id, corr.note, text="Announced the evening before.")
    after = _geojson(store)
    assert after[march.id] == before[march.id]
    p = after[curfew.id]["properties"]
    assert (p["corrected"], p["original"], p["notes"]) == (True, {}, ["Announced the evening before."])
    assert [c["kind"] for c in p["corrections"]] == ["note"]
    assert {k: v for k, v in p.items() if k not in ("corrected", "original", "corrections", "notes", "members")} == {
        k: v for k, v in before[curfew.id]["properties"].items() if k != "members"}
    rows = {r["id"]: r for r in _csv(store, "csv")}
    assert rows[curfew.id]["notes"] == "Announced the evening before."
    assert {k: rows[march.id][k] for k in before_csv[march.id]} == before_csv[march.id]


def test_events_of_is_the_merges_own_event_of_the_members_given(store):
    events = {e.id: e for e in store.events()}
    members = store.event_members()
    every = [m.incident_id for ms in members.values() for m in ms]
    assert events_of(store, incident_ids=every) == events
    march, (first, second), _, _ = _march(store)
    alone = events_of(store, incident_ids=[second.incident_id])
    assert list(alone) == [march.id] and (alone[march.id].n_sources, alone[march.id].n_incidents) == (1, 1)
    assert alone[march.id].evidence == ARTICLES[1]["text"]


# ----------------------------------------------------------------- the pages' view (overlay_corrections)


def _overlaid(s: Store) -> dict[str, tuple]:
    """The events as the corpus page reads them: id -> (type, place, lat, lon, precision, n_sources, evidence)."""
    rel, _ = overlay_corrections(s)
    return {r[0]: tuple(r[1:]) for r in s.con.execute(
        f"SELECT id, incident_type, place_name, lat, lon, precision, n_sources, evidence FROM {rel}").fetchall()}


def test_without_corrections_the_pages_read_the_stored_events(store):
    rel, fixed = overlay_corrections(store)
    assert (rel, bool(fixed), fixed.rows) == ("events", False, ())


def test_the_pages_view_of_events_is_the_exports(store):
    march, (first, second), curfew, member = _march(store)
    machine = _overlaid(store)
    _correct(store, first.incident_id, corr.retype, incident_type="riot")
    _correct(store, first.incident_id, corr.move_to_point, **POINT)
    _correct(store, second.incident_id, corr.not_an_event)
    _correct(store, member.incident_id, corr.duplicate_of, other_id="x1")
    rel, fixed = overlay_corrections(store)
    view = _overlaid(store)
    exported = _geojson(store)
    assert set(fixed.corrected) == {march.id} and set(fixed.dismissed) == {curfew.id}
    assert curfew.id not in view and curfew.id in exported  # dismissed: not shown, the export keeps it flagged
    p = exported[march.id]["properties"]
    lon, lat = exported[march.id]["geometry"]["coordinates"]
    assert view[march.id] == (p["incident_type"], p["place"], lat, lon, p["precision"], p["n_sources"], p["evidence"])
    assert view[march.id][:3] == ("riot", POINT["name"], POINT["lat"]) and view[march.id][5] == 1
    assert {k: v for k, v in view.items() if k not in (march.id, curfew.id)} == {
        k: v for k, v in machine.items() if k not in (march.id, curfew.id)}
    (row,) = store.con.execute(f"SELECT date_start, date_end FROM {rel} WHERE id = ?", [march.id]).fetchall()
    assert row == (march.date_start, march.date_end)
    for m in (first, second, member):  # undone: the stored events again
        h, _ = _feature(store, m.incident_id)
        while store.undo_correction(article_hash=h) is not None:
            pass
    assert overlay_corrections(store)[0] == "events" and _overlaid(store) == machine
