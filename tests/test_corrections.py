"""Corrections: each kind laid over machine incidents, stored, undone, kept across re-analysis, exported."""

from __future__ import annotations

import csv
import copy
import io
import json

import pytest

from incidentmap import corrections as corr
from incidentmap.corpus.store import SCHEMA_VERSION, Store
from incidentmap.errors import CorrectionError, StoreError
from incidentmap.export import CORRECTION_CSV_COLUMNS, CSV_COLUMNS, incidents_acled_csv, incidents_csv, incidents_geojson
from incidentmap.gazetteer import default_gazetteer
from incidentmap.models import CorrectionKind, Review
from incidentmap.taxonomy import incident_types

from components import data


@pytest.fixture(scope="module")
def view():
    return data.analyse(data.seed_text(), data.SEED_PUBLISHED)


@pytest.fixture(scope="module")
def h(view):
    return corr.article_hash(view["text"])


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "c.duckdb") as s:
        yield s


def _feature(view, place_key=None):
    for f in view["incidents"]:
        if place_key is None or f["properties"]["place_key"] == place_key:
            return f
    raise AssertionError(place_key)


def _applied(view, h, *cs):
    return {f["properties"]["id"]: f for f in corr.apply_corrections(view["incidents"], cs, article_hash=h)}


def test_the_key_is_the_corpus_hash_of_the_analysed_text(view, h):
    from incidentmap.corpus.ingest import content_hash

    assert h == content_hash(view["text"]) and len(h) == 64


def test_retype_changes_type_label_and_acled_types_and_keeps_the_original(view, h):
    f = _feature(view)
    p = f["properties"]
    other = next(t for t in incident_types().values() if t.slug != p["incident_type"]
                 and t.acled_event_type != p["acled_event_type"])
    before = copy.deepcopy(f)
    c = corr.retype(article_hash=h, feature=f, incident_type=other.slug)
    out = _applied(view, h, c)[p["id"]]["properties"]
    assert (out["incident_type"], out["label"], out["acled_event_type"]) == (other.slug, other.label, other.acled_event_type)
    assert out["corrected"] is True
    assert out["original"]["incident_type"] == p["incident_type"] and out["original"]["label"] == p["label"]
    assert [x["kind"] for x in out["corrections"]] == ["retype"]
    assert f == before  # the machine's Feature (shared, read-only) is untouched
    with pytest.raises(CorrectionError, match="unknown incident type"):
        corr.retype(article_hash=h, feature=f, incident_type="no-such-type")


def test_move_to_candidate_takes_the_candidates_own_precision_and_radius(view, h):
    moscow = next(pl for pl in view["places"] if len(pl["properties"]["candidates"]) > 1)
    cand = moscow["properties"]["candidates"][1]  # not the one the geoparser chose
    entry = default_gazetteer().get(cand["source_id"])
    f = _feature(view, "geonames:1526384")
    c = corr.move_to_candidate(article_hash=h, feature=f, candidate=cand)
    assert c.kind == CorrectionKind.MOVE_TO_CANDIDATE
    out = _applied(view, h, c)[f["properties"]["id"]]
    p = out["properties"]
    assert (p["place"], p["precision"], p["uncertainty_m"]) == (entry.name, str(entry.precision), round(entry.uncertainty_m))
    assert out["geometry"]["coordinates"] == [round(entry.lon, 6), round(entry.lat, 6)]
    assert p["original"]["place_key"] == "geonames:1526384"
    assert p["original"]["lat"] == f["geometry"]["coordinates"][1]
    with pytest.raises(CorrectionError, match="not in the gazetteer"):
        corr.move_to_candidate(article_hash=h, feature=f, candidate={"name": "X", "source_id": "geonames:0"})


def test_move_to_a_place_found_by_name(view, h):
    found = corr.search_places("Nairobi")
    assert found and found[0][1].name == "Nairobi"
    assert [c.population for _, c in found] == sorted((c.population for _, c in found), reverse=True)
    key, entry = found[0]
    f = _feature(view)
    p = _applied(view, h, corr.move_to_place(article_hash=h, feature=f, key=key))[f["properties"]["id"]]["properties"]
    assert (p["place"], p["place_key"], p["country_code"], p["precision"]) == ("Nairobi", key, "KE", "city")
    assert p["uncertainty_m"] == round(entry.uncertainty_m)
    assert corr.search_places("  ") == [] and corr.search_places("Xqzzyville") == []
    with pytest.raises(CorrectionError, match="no gazetteer entry"):
        corr.move_to_place(article_hash=h, feature=f, key="geonames:-1")


def test_move_to_point_is_point_precision_with_the_stated_radius(view, h):
    f = _feature(view)
    c = corr.move_to_point(article_hash=h, feature=f, lat=43.2383, lon=76.9453)
    p = _applied(view, h, c)[f["properties"]["id"]]
    assert p["properties"]["precision"] == "point"
    assert p["properties"]["uncertainty_m"] == corr.SETTINGS.point_uncertainty_m == 1000
    assert p["geometry"]["coordinates"] == [76.9453, 43.2383]
    c2 = corr.move_to_point(article_hash=h, feature=f, lat=43.2, lon=76.9, uncertainty_m=250, name="Gate 3")
    assert (c2.value["uncertainty_m"], c2.value["place"]) == (250, "Gate 3")
    for bad in ({"lat": 91, "lon": 0}, {"lat": 0, "lon": 0, "uncertainty_m": 0},
                {"lat": 0, "lon": 0, "uncertainty_m": 10**6}, {"lat": "x", "lon": 0}):
        with pytest.raises(CorrectionError):
            corr.move_to_point(article_hash=h, feature=f, **bad)


def test_not_an_event_and_duplicate_keep_the_incident_flagged(view, h):
    a, b = view["incidents"][0], view["incidents"][1]
    ia, ib = a["properties"]["id"], b["properties"]["id"]
    out = _applied(view, h, corr.not_an_event(article_hash=h, feature=a),
                   corr.duplicate_of(article_hash=h, feature=b, other_id=ia))
    assert len(out) == len(view["incidents"])  # nothing dropped
    assert out[ia]["properties"]["review"] == Review.NOT_AN_EVENT and corr.is_dismissed(out[ia])
    assert out[ib]["properties"]["review"] == Review.DUPLICATE and out[ib]["properties"]["duplicate_of"] == ia
    assert not corr.is_dismissed(view["incidents"][2])
    with pytest.raises(CorrectionError, match="not of itself"):
        corr.duplicate_of(article_hash=h, feature=a, other_id=ia)


def test_a_note_changes_nothing_but_is_listed(view, h):
    f = _feature(view)
    out = _applied(view, h, corr.note(article_hash=h, feature=f, text="  Checked: <b>same</b> crowd  "))
    p = out[f["properties"]["id"]]["properties"]
    assert p["notes"] == ["Checked: <b>same</b> crowd"] and p["corrected"] is True
    assert {k: v for k, v in p.items() if k not in ("corrected", "original", "corrections", "notes")} == f["properties"]
    with pytest.raises(CorrectionError, match="empty"):
        corr.note(article_hash=h, feature=f, text="   ")


def test_stored_undone_and_history_kept(view, h, store):
    f = _feature(view)
    iid = f["properties"]["id"]
    first = store.add_correction(corr.retype(article_hash=h, feature=f, incident_type="riot"))
    second = store.add_correction(corr.note(article_hash=h, feature=f, text="why"))
    assert first.id and second.id and first.created_at
    assert [c.kind for c in store.corrections(article_hash=h)] == ["retype", "note"]
    undone = store.undo_correction(article_hash=h)  # the latest
    assert undone.id == second.id and undone.undone_at is not None
    assert [c.id for c in store.corrections(article_hash=h)] == [first.id]
    assert [c.id for c in store.corrections(article_hash=h, include_undone=True)] == [first.id, second.id]
    assert store.undo_correction(article_hash=h, correction_id=first.id).id == first.id
    assert store.corrections(article_hash=h) == [] and store.undo_correction(article_hash=h) is None
    out = _applied(view, h, *store.corrections(article_hash=h))[iid]
    assert out is f  # nothing active: the machine's Feature as it is


def test_survives_reanalysis_of_the_same_text_and_ignored_for_another(view, h, store, tmp_path):
    f = _feature(view, "geonames:1526384")
    store.add_correction(corr.retype(article_hash=h, feature=f, incident_type="riot"))
    store.add_correction(corr.not_an_event(article_hash=h, feature=view["incidents"][-1]))
    store.close()
    with Store(tmp_path / "c.duckdb") as again:  # a later session
        stored = again.corrections(article_hash=h)
    fresh = data.analyse(data.seed_text(), data.SEED_PUBLISHED)  # the pipeline run again on the same text
    assert fresh is not view
    fresh_hash = corr.article_hash(fresh["text"])
    out = {x["properties"]["id"]: x for x in corr.apply_corrections(fresh["incidents"], stored, article_hash=fresh_hash)}
    assert out[f["properties"]["id"]]["properties"]["incident_type"] == "riot"
    assert out[view["incidents"][-1]["properties"]["id"]]["properties"]["review"] == "not_an_event"
    assert corr.unmatched(fresh["incidents"], stored, article_hash=fresh_hash) == []
    # Another text (one word more) is another article: none of these corrections apply to it.
    other_text = data.seed_text() + "\nUpdated."
    other = data.analyse(other_text, data.SEED_PUBLISHED)
    other_hash = corr.article_hash(other_text)
    assert other_hash != h
    assert not any(x["properties"].get("corrected")
                   for x in corr.apply_corrections(other["incidents"], stored, article_hash=other_hash))


def test_unmatched_names_corrections_whose_incident_is_gone(view, h):
    gone = corr.Correction(article_hash=h, incident_id="not-there", kind=CorrectionKind.NOT_AN_EVENT)
    assert corr.unmatched(view["incidents"], [gone], article_hash=h) == [gone]


def test_exports_show_corrected_values_flag_and_original(view, h):
    a, b = view["incidents"][0], view["incidents"][1]
    feats = corr.apply_corrections(view["incidents"], [
        corr.retype(article_hash=h, feature=a, incident_type="riot"),
        corr.not_an_event(article_hash=h, feature=b),
    ], article_hash=h)
    gj = json.loads(json.dumps(incidents_geojson(feats)))
    pa = gj["features"][0]["properties"]
    assert pa["incident_type"] == "riot" and pa["corrected"] is True
    assert pa["original"]["incident_type"] == a["properties"]["incident_type"]
    rows = list(csv.DictReader(io.StringIO(incidents_csv(feats))))
    assert tuple(rows[0]) == (*CSV_COLUMNS, *CORRECTION_CSV_COLUMNS)
    assert (rows[0]["incident_type"], rows[0]["corrected"]) == ("riot", "True")
    assert json.loads(rows[0]["original"])["incident_type"] == a["properties"]["incident_type"]
    assert (rows[1]["review"], rows[2]["corrected"]) == ("not_an_event", "False")
    # without corrections the CSV has its usual columns
    assert tuple(next(csv.DictReader(io.StringIO(incidents_csv(view["incidents"]))))) == CSV_COLUMNS
    # ACLED-style: the corrected type; what an analyst says is not an event is left out
    acled = list(csv.DictReader(io.StringIO(incidents_acled_csv(feats, timestamp=0))))
    ids = [r["event_id_cnty"].rsplit("-IM-", 1)[1] for r in acled]
    assert b["properties"]["id"] not in ids
    riot = incident_types()["riot"]
    row = acled[ids.index(a["properties"]["id"])]
    assert (row["event_type"], row["sub_event_type"]) == (riot.acled_event_type, riot.acled_sub_event_type)


def _make_version_1(path):
    with Store(path) as s:
        s.con.execute("DROP TABLE corrections")
        s.con.execute("DROP TABLE merge_state")  # added in version 3
        s.con.execute("UPDATE schema_version SET version = 1")


def test_a_version_1_store_is_read_and_migrated(tmp_path, view, h):
    path = tmp_path / "old.duckdb"
    _make_version_1(path)
    with Store(path, read_only=True) as s:  # read-only: read as it is, no corrections
        assert s.schema_version() == 1 and s.corrections() == [] and s.counts()["articles"] == 0
        with pytest.raises(StoreError, match="read-only"):
            s.add_correction(corr.not_an_event(article_hash=h, feature=view["incidents"][0]))
    with Store(path) as s:  # read-write: migrated
        assert s.schema_version() == SCHEMA_VERSION == 4
        s.add_correction(corr.not_an_event(article_hash=h, feature=view["incidents"][0]))
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION and len(s.corrections(article_hash=h)) == 1
        assert s.one("SELECT count(*) FROM schema_version") == 1


def test_corpus_incident_export_shows_corrections(tmp_path):
    from incidentmap.corpus.export import export_store
    from test_merge import incident, record

    with Store(tmp_path / "corpus.duckdb") as s:
        s.add_articles([record("aaaa", [incident("i1"), incident("i2")], published=None)])
        article = s.articles()[0]
        row = next(r for r in s.incidents() if r.local_id == "i1")
        feature = {"type": "Feature", "id": "i1", "geometry": None,
                   "properties": {"id": "i1", "incident_type": row.incident_type}}
        s.add_correction(corr.retype(article_hash=article.hash, feature=feature, incident_type="curfew"))
        s.add_correction(corr.retype(article_hash="f" * 64, feature=feature, incident_type="riot"))  # another text
        gj = json.loads(export_store(s, what="incidents", fmt="geojson"))
    props = {f["properties"]["id"]: f["properties"] for f in gj["features"]}
    i1 = props[f"{article.id}:i1"]
    assert (i1["incident_type"], i1["corrected"], i1["original"]["incident_type"]) == ("curfew", True, row.incident_type)
    assert "corrected" not in props[f"{article.id}:i2"]


def test_a_retype_is_coded_like_the_machines_own_actors_included():
    """A retyped incident gets ACLED's types and actors by the machine's rules for the new type (not the old
    type's actors under the new type's name); the machine's values are kept in ``original``; the ACLED export
    shows the corrected coding."""
    import datetime as dt

    v = data.analyse("Thousands of protesters marched through Almaty on Wednesday. "
                     "Police fired tear gas at the protesters in Almaty.", dt.date(2022, 1, 8))
    hh = corr.article_hash(v["text"])
    march = next(f for f in v["incidents"] if f["properties"]["incident_type"] == "protest")
    assert (march["properties"]["actor1"], march["properties"]["inter1"]) == ("Protesters (Kazakhstan)", 6)
    (out,) = corr.apply_corrections([march], [corr.retype(article_hash=hh, feature=march, incident_type="riot")],
                                    article_hash=hh)
    p = out["properties"]
    assert (p["acled_event_type"], p["acled_sub_event_type"]) == ("Riots", "Violent demonstration")
    assert (p["actor1"], p["inter1"], p["interaction"]) == ("Rioters (Kazakhstan)", 5, 50)
    assert (p["original"]["actor1"], p["original"]["inter1"], p["original"]["acled_event_type"]) == (
        "Protesters (Kazakhstan)", 6, "Protests")
    (row,) = csv.DictReader(io.StringIO(incidents_acled_csv([out], timestamp=0)))
    assert (row["event_type"], row["actor1"], row["inter1"]) == ("Riots", "Rioters (Kazakhstan)", "5")
    # undone: the machine's coding again
    assert corr.apply_corrections([march], [], article_hash=hh)[0] is march


def test_a_retype_to_casualties_counts_the_dead_like_the_machine():
    """Retyped to casualties, an incident carries its sentence's dead and injured, as a casualties incident the
    machine found would; the machine's (empty) figures are kept in ``original``; undone, they are back."""
    import datetime as dt

    v = data.analyse("Police detained dozens of protesters in Almaty on Wednesday; two people were killed and "
                     "five injured.", dt.date(2022, 1, 8))
    hh = corr.article_hash(v["text"])
    machine = next(f for f in v["incidents"] if f["properties"]["incident_type"] != "casualties")
    assert machine["properties"].get("injuries") is None
    (out,) = corr.apply_corrections([machine], [corr.retype(article_hash=hh, feature=machine,
                                                            incident_type="casualties")], article_hash=hh)
    p = out["properties"]
    assert (p["incident_type"], p["fatalities"], p["injuries"]) == ("casualties", 2, 5)
    assert "killed" in p["count_text"]
    assert p["original"]["injuries"] is None and "fatalities" in p["original"]
    assert corr.apply_corrections([machine], [], article_hash=hh)[0] is machine
