"""The corpus store: schema, location, idempotent writes, filters, and the exports of events and incidents."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import pickle

import pytest

from incidentmap import settings
from incidentmap.cli import main
from incidentmap.corpus.export import EVENT_CSV_COLUMNS, export_store
from incidentmap.corpus.merge import merge_store
from incidentmap.corpus.store import SCHEMA_VERSION, CorpusFilter, RowBatch, Store, date_bounds
from incidentmap.errors import InputError, StoreError
from incidentmap.export import ACLED_COLUMNS, CSV_COLUMNS
from test_merge import incident, record

D = dt.date


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "corpus.duckdb") as s:
        s.add_articles([
            record("aaaa", [incident("i1", fatalities=3, evidence="=HYPERLINK(1) Two killed.", start_offset=5,
                                     end_offset=30),
                            incident("i2", incident_type="curfew", date="2025-03-20", date_start=D(2025, 3, 20),
                                     date_end=D(2025, 3, 20))], published=D(2025, 3, 12)),
            record("bbbb", [incident("i1", fatalities=2, country_code="KE")], published=D(2025, 3, 11)),
            record("cccc", [incident("i1", incident_type="protest", country_code="UG", place_key="geonames:232422",
                                     place_name="Kampala", lat=0.3476, lon=32.5825)], published=D(2025, 3, 11)),
        ])  # fmt: skip
        merge_store(s)
        yield s


def test_schema_tables_columns_and_version(store):
    tables = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "places", "incidents", "events", "event_members", "schema_version"} <= tables
    columns = {r[0] for r in store.con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'incidents'").fetchall()}
    assert {"article_id", "incident_type", "place_name", "lat", "lon", "precision", "uncertainty_m", "date",
            "date_precision", "status", "fatalities", "actors", "evidence", "start_offset", "end_offset"} <= columns
    assert store.schema_version() == SCHEMA_VERSION


def test_another_schema_version_is_refused(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.con.execute("UPDATE schema_version SET version = 999")
    with pytest.raises(StoreError, match="schema version 999"):
        Store(path)


def test_reading_a_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="ingest articles first"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_default_location_and_override(monkeypatch, tmp_path):
    monkeypatch.delenv(settings.DB, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert settings.default_db_path() == tmp_path / "data" / "incidentmap" / "corpus.duckdb"
    monkeypatch.setenv(settings.DB, str(tmp_path / "elsewhere.duckdb"))
    assert settings.default_db_path() == tmp_path / "elsewhere.duckdb"
    with Store() as s:
        assert s.path == tmp_path / "elsewhere.duckdb"
    assert (tmp_path / "elsewhere.duckdb").exists()


def test_adding_the_same_hash_again_changes_nothing(store):
    before = store.counts()
    again = record("aaaa", [incident("i9")], published=D(2025, 3, 12))
    assert store.add_articles([again]) == 0
    assert store.counts() == before


def test_a_row_batch_pickles_to_the_same_typed_columns(tmp_path):
    """What a worker sends the writing process (as Arrow IPC streams) arrives as it was sent: every table,
    its store schema, its values (nulls, dates and lists included), and stores the same rows."""
    records = [record("aaaa", [incident("i1", fatalities=3, actors=["Police", "Students"]),
                               incident("i2", date=None, date_start=None, date_end=None, date_precision="unknown",
                                        place_key=None, lat=None, lon=None)], published=D(2025, 3, 12)),
               record("bbbb", [], published=None)]  # fmt: skip
    with Store(tmp_path / "a.duckdb") as a, Store(tmp_path / "b.duckdb") as b:
        batch = RowBatch.from_records(records, schemas=a.arrow_schemas())
        sent = pickle.loads(pickle.dumps(batch))
        for table in ("articles", "places", "incidents"):
            assert getattr(sent, table).schema == a.arrow_schemas()[table]
            assert getattr(sent, table).to_pylist() == getattr(batch, table).to_pylist()
        assert (sent.n_articles, sent.n_incidents) == (2, 2)
        assert a.add_rows(batch) == b.add_rows(sent) == 2
        query = "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id"
        assert a.con.execute(query).fetchall() == b.con.execute(query).fetchall()
        query = "SELECT * FROM incidents ORDER BY id"
        assert a.con.execute(query).fetchall() == b.con.execute(query).fetchall()


def test_a_failed_batch_leaves_the_store_as_it_was(store):
    before = store.counts()
    broken = record("dddd", [incident("i1"), incident("i1")], published=D(2025, 3, 12))  # duplicate primary key
    with pytest.raises(Exception):
        store.add_articles([broken])
    assert store.counts() == before
    assert "dddd" * 8 not in store.known_hashes()


def test_filters(store):
    assert {i.id for i in store.incidents(where=CorpusFilter(types=("curfew",)))} == {"aaaa:i2"}
    assert {i.id for i in store.incidents(where=CorpusFilter(countries=("UG",)))} == {"cccc:i1"}
    march_11 = CorpusFilter(date_from=D(2025, 3, 11), date_to=D(2025, 3, 11))
    assert {i.id for i in store.incidents(where=march_11)} == {"aaaa:i1", "bbbb:i1", "cccc:i1"}
    assert {e.incident_type for e in store.events(where=march_11)} == {"casualties", "protest"}
    assert store.events(where=CorpusFilter(date_from=D(2025, 4, 1))) == []
    table = store.table("events", where=CorpusFilter(types=("protest",)))
    assert table.num_rows == 1 and "n_sources" in table.column_names


def test_date_bounds():
    assert date_bounds("2025-03-11") == (D(2025, 3, 11), D(2025, 3, 11))
    assert date_bounds("2025-03-01/2025-03-31") == (D(2025, 3, 1), D(2025, 3, 31))
    assert date_bounds(None) == (None, None) and date_bounds("soon") == (None, None)


def test_events_geojson_carries_members_with_their_articles(store):
    data = json.loads(export_store(store, what="events", fmt="geojson"))
    (merged,) = [f for f in data["features"] if f["properties"]["n_sources"] == 2]
    p = merged["properties"]
    assert merged["geometry"]["type"] == "Point"
    assert (p["incident_type"], p["place"], p["precision"], p["date"], p["fatalities"]) == (
        "casualties", "Nairobi", "city", "2025-03-11", 2)
    assert sorted(m["incident_id"] for m in p["members"]) == ["aaaa:i1", "bbbb:i1"]
    member = next(m for m in p["members"] if m["incident_id"] == "aaaa:i1")
    expected = {"article_id": "aaaa", "title": "Title aaaa", "url": "https://x.example/aaaa", "file_name": "aaaa.txt",
                "start": 5, "end": 30}
    assert expected.items() <= member.items()
    assert member["evidence"] == "=HYPERLINK(1) Two killed."


def test_events_csv_and_acled_and_incidents_csv(store, monkeypatch):
    monkeypatch.setattr("incidentmap.corpus.export._country_names", lambda: {"KE": "Kenya"})
    rows = list(csv.DictReader(io.StringIO(export_store(store, what="events", fmt="csv"))))
    assert tuple(rows[0]) == EVENT_CSV_COLUMNS and len(rows) == 3
    merged = next(r for r in rows if r["n_sources"] == "2")
    assert merged["incident_ids"] == "bbbb:i1; aaaa:i1"  # in publication order
    assert merged["evidence"] == "A sentence."  # the first member's (in publication order)
    acled = list(csv.DictReader(io.StringIO(export_store(store, what="events", fmt="acled"))))
    assert tuple(acled[0]) == ACLED_COLUMNS
    assert {r["country"] for r in acled} == {"Kenya", "Uganda"}  # ACLED's spelling, from its country table
    incidents = list(csv.DictReader(io.StringIO(export_store(store, what="incidents", fmt="csv",
                                                             where=CorpusFilter(countries=("KE",))))))
    assert tuple(incidents[0]) == CSV_COLUMNS and {r["id"] for r in incidents} == {"aaaa:i1", "aaaa:i2", "bbbb:i1"}
    assert next(r for r in incidents if r["id"] == "aaaa:i1")["evidence"].startswith("'=")  # formula defused


def test_parquet_export_needs_a_file_and_round_trips(store, tmp_path):
    with pytest.raises(InputError, match="--output"):
        export_store(store, what="events", fmt="parquet")
    out = tmp_path / "events.parquet"
    export_store(store, what="events", fmt="parquet", output=out)
    rows = store.con.execute(f"SELECT id, n_sources FROM read_parquet('{out}') ORDER BY id").fetchall()
    assert len(rows) == 3 and max(n for _, n in rows) == 2


def test_cli_export(store, tmp_path, capsys):
    path = store.path
    store.close()
    assert main(["export", "--db", str(path), "--what", "incidents", "--format", "geojson", "--type", "protest"]) == 0
    features = json.loads(capsys.readouterr().out)["features"]
    assert [f["id"] for f in features] == ["cccc:i1"] and features[0]["properties"]["title"] == "Title cccc"
    assert main(["export", "--db", str(path), "--type", "nonsense"]) == 2
    assert "unknown incident type" in capsys.readouterr().err
    assert main(["export", "--db", str(tmp_path / "missing.duckdb")]) == 2
    assert "ingest articles first" in capsys.readouterr().err
    store.con = Store(path).con  # the fixture closes it again


def test_a_fresh_store_answers_any_first_call_and_gives_article_texts(tmp_path):
    # DuckDB refuses a statement while the previous result is unread: opening must read its results to the end
    with Store(tmp_path / "fresh.duckdb") as s:
        assert s.table("incidents").num_rows == 0
    with Store(tmp_path / "fresh.duckdb", read_only=True) as s:
        assert s.table("events").num_rows == 0


def test_article_text(store):
    assert store.article_text(article_id="aaaa") == "text"
    with pytest.raises(StoreError, match="no article"):
        store.article_text(article_id="zzzz")


def test_filters_by_source_actor_and_article_reach_events_through_their_members(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        a, b = (record("aaaa", [incident("i1", actors=["police"])], published=D(2025, 3, 11)),
                record("bbbb", [incident("i1", actors=["protesters"])], published=D(2025, 3, 11)))
        b.article["source"] = "Other Outlet"
        s.add_articles([a, b])
        merge_store(s)
        (event,) = s.events()
        assert event.n_sources == 2 and event.actors == ["police", "protesters"]
        for where in (CorpusFilter(sources=("Other Outlet",)), CorpusFilter(actors=("police",)),
                      CorpusFilter(article_ids=("aaaa",))):
            assert [e.id for e in s.events(where=where)] == [event.id]
        assert [i.id for i in s.incidents(where=CorpusFilter(sources=("Other Outlet",)))] == ["bbbb:i1"]
        assert [i.id for i in s.incidents(where=CorpusFilter(actors=("police",)))] == ["aaaa:i1"]
        assert s.events(where=CorpusFilter(sources=("Nobody",))) == []


def test_timeline_counts_per_day_and_type(store):
    assert store.timeline() == [(D(2025, 3, 11), "casualties", 1), (D(2025, 3, 11), "protest", 1),
                                (D(2025, 3, 20), "curfew", 1)]
    assert store.timeline(what="incidents", where=CorpusFilter(countries=("KE",))) == [
        (D(2025, 3, 11), "casualties", 2), (D(2025, 3, 20), "curfew", 1)]


def test_acled_source_is_the_outlets_of_the_event_or_the_article(store, monkeypatch):
    monkeypatch.setattr("incidentmap.corpus.export._country_names", lambda: {})
    store.con.execute("UPDATE articles SET source = 'Wire' WHERE id = 'bbbb'")
    events = list(csv.DictReader(io.StringIO(export_store(store, what="events", fmt="acled"))))
    assert sorted(r["source"] for r in events) == ["Outlet", "Outlet", "Wire; Outlet"]  # members' outlets, in order
    incidents = list(csv.DictReader(io.StringIO(export_store(store, what="incidents", fmt="acled"))))
    assert sorted(r["source"] for r in incidents) == ["Outlet", "Outlet", "Outlet", "Wire"]
