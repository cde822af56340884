"""The corpus store keeps an incident's ACLED event and sub-event type as the one-article export resolves them
(recoded by who acted: a crowd burning a bus is a violent demonstration, not the taxonomy's looting), schema
version 4, so its ACLED exports code them as that export does; an event takes its carrier's; older store files
are migrated (their rows' types not recorded) or read as they are, their types then the taxonomy's."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from incidentmap.corpus.export import export_store
from incidentmap.corpus.ingest import ingest
from incidentmap.corpus.merge import merge_store
from incidentmap.corpus.store import ACLED_TYPE_COLUMNS, SCHEMA_VERSION, CorpusFilter, Store
from incidentmap.export import incident_properties, incidents_acled_csv
from incidentmap.incidents.coding import acled_types
from incidentmap.pipeline import analyze
from incidentmap.taxonomy import incident_types
from store_versions import old_copy, one_article_store
from test_merge import incident, record

D = dt.date
PUBLISHED = D(2025, 3, 15)
# A crowd sets fire to a bus: the taxonomy maps looting_arson to Strategic developments/Looting/property
# destruction, who acted recodes it Riots/Violent demonstration.
BUS = "Protesters set fire to a bus and looted shops in Kisumu, Kenya, on Monday, police said."
RIOT = ("Riots", "Violent demonstration")
LOOTING = ("Strategic developments", "Looting/property destruction")


def _acled(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _types(rows: list[dict]) -> list[tuple[str, str]]:
    return sorted((r["event_type"], r["sub_event_type"]) for r in rows)


def _taxonomy(slug: str) -> tuple[str, str]:
    kind = incident_types()[slug]
    return kind.acled_event_type, kind.acled_sub_event_type


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return one_article_store(tmp_path_factory.mktemp("in"), text=BUS, published=PUBLISHED, source="Lakeside Times")


def test_ingest_stores_the_types_the_one_article_export_gives(corpus):
    # What these tests need: an incident whose ACLED types are not its type's taxonomy mapping.
    incidents = analyze(BUS, published=PUBLISHED).incidents
    assert [(i.incident_type, acled_types(i)) for i in incidents] == [("looting_arson", RIOT)]
    assert _taxonomy("looting_arson") == LOOTING
    with Store(corpus, read_only=True) as s:
        assert s.schema_version() == SCHEMA_VERSION == 4
        stored = {r.local_id: r for r in s.incidents()}
        members = [m for ms in s.event_members().values() for m in ms]
    expected = {i.id: incident_properties(i) for i in incidents}
    assert sorted(stored) == sorted(expected) and expected
    for local_id, p in expected.items():
        row = stored[local_id]
        assert (row.acled_event_type, row.acled_sub_event_type) == (p["acled_event_type"], p["acled_sub_event_type"])
        assert (row.acled_event_type, row.acled_sub_event_type) == RIOT
    assert members and {(m.acled_event_type, m.acled_sub_event_type) for m in members} == {RIOT}


@pytest.mark.parametrize("what", ["incidents", "events"])
def test_corpus_acled_types_are_the_one_article_exports(corpus, what):
    with Store(corpus, read_only=True) as s:
        rows = _acled(export_store(s, what=what, fmt="acled"))
    one_article = _acled(incidents_acled_csv(analyze(BUS, published=PUBLISHED)))
    assert _types(one_article) == [RIOT]
    assert _types(rows) == _types(one_article)
    assert {r["disorder_type"] for r in rows} == {r["disorder_type"] for r in one_article} == {"Demonstrations"}


@pytest.mark.parametrize("what", ["incidents", "events"])
def test_geojson_and_csv_carry_the_recoded_types(corpus, what):
    with Store(corpus, read_only=True) as s:
        features = json.loads(export_store(s, what=what, fmt="geojson"))["features"]
        flat = _acled(export_store(s, what=what, fmt="csv"))
    assert features and {(f["properties"]["acled_event_type"], f["properties"]["acled_sub_event_type"])
                         for f in features} == {RIOT}
    assert flat and {(r["acled_event_type"], r["acled_sub_event_type"]) for r in flat} == {RIOT}
    assert {f["properties"]["incident_type"] for f in features} == {"looting_arson"}  # the type itself stays


def _arson(local_id: str, types: tuple[str, str] | None, **kw) -> dict:
    coded = dict(zip(ACLED_TYPE_COLUMNS, types, strict=True)) if types is not None else {}
    return incident(local_id, incident_type="looting_arson", **coded, **kw)


def _event_types(store: Store) -> list[tuple[str, str]]:
    (feature,) = json.loads(export_store(store, what="events", fmt="geojson"))["features"]
    p = feature["properties"]
    return [(p["acled_event_type"], p["acled_sub_event_type"])]


def test_an_event_takes_the_types_of_the_member_whose_figure_it_carries(tmp_path):
    """Two reports of one fire, one recoded (a crowd did it), one not: the event's types are those of the member
    whose toll it carries (the one whose actor columns it has), not the first member's nor the taxonomy's."""
    with Store(tmp_path / "s.duckdb") as s:
        s.add_articles([record("aaaa", [_arson("i1", LOOTING, fatalities=3)], published=D(2025, 3, 12)),
                        record("bbbb", [_arson("i1", RIOT, fatalities=1)], published=D(2025, 3, 13))])
        assert merge_store(s) == 1
        (event,) = s.events()
        assert event.fatalities == 1 and s.event_members()[event.id][0].incident_id == "aaaa:i1"
        assert _event_types(s) == [RIOT]
        assert _types(_acled(export_store(s, what="events", fmt="acled"))) == [RIOT]


def test_an_event_without_a_figure_takes_its_first_members_types(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.add_articles([record("aaaa", [_arson("i1", RIOT)], published=D(2025, 3, 12)),
                        record("bbbb", [_arson("i1", LOOTING)], published=D(2025, 3, 13))])
        assert merge_store(s) == 1
        assert _event_types(s) == [RIOT]


def test_a_row_stored_without_types_reads_its_types_taxonomy_mapping(tmp_path):
    """NULL types (not recorded) are not "no type": the exports take the incident type's taxonomy mapping."""
    with Store(tmp_path / "s.duckdb") as s:
        s.add_articles([record("aaaa", [_arson("i1", None, fatalities=2)], published=D(2025, 3, 12))])
        merge_store(s)
        (row,) = s.incidents()
        assert (row.acled_event_type, row.acled_sub_event_type) == (None, None)
        assert _types(_acled(export_store(s, what="incidents", fmt="acled"))) == [LOOTING]
        assert _event_types(s) == [LOOTING]


@pytest.fixture
def old_store(corpus, tmp_path, request):
    return old_copy(corpus, tmp_path, request.param), request.param


@pytest.mark.parametrize("old_store", [1, 2, 3], indirect=True)
def test_an_older_store_reads_the_taxonomys_types_read_only(old_store, tmp_path):
    path, version = old_store
    with Store(tmp_path / "new.duckdb") as new:
        schema = new.table("incidents").schema
    with Store(path, read_only=True) as s:  # the pages read it as it is
        assert s.schema_version() == version
        incidents = s.incidents()
        assert incidents and all(getattr(i, c) is None for i in incidents for c in ACLED_TYPE_COLUMNS)
        members = [m for ms in s.event_members().values() for m in ms]
        assert members and all(getattr(m, c) is None for m in members for c in ACLED_TYPE_COLUMNS)
        assert s.table("incidents").schema == schema  # a new file's columns, in its order and types
        for what in ("incidents", "events"):  # not recorded: the taxonomy's mapping, as before version 4
            assert _types(_acled(export_store(s, what=what, fmt="acled"))) == [LOOTING]


@pytest.mark.parametrize("old_store", [3], indirect=True)
def test_an_older_store_opened_read_write_gains_the_columns(old_store, tmp_path):
    path, _ = old_store
    with Store(path) as s:  # migrated: the old rows' types were not recorded
        assert s.schema_version() == SCHEMA_VERSION
        old = s.con.execute(f"SELECT {', '.join(ACLED_TYPE_COLUMNS)} FROM incidents").fetchall()
        assert old and set(old) == {(None, None)}
        assert _types(_acled(export_store(s, what="incidents", fmt="acled"))) == [LOOTING]
    with Store(tmp_path / "new.duckdb") as new, Store(path, read_only=True) as migrated:
        assert migrated.table("incidents").schema == new.table("incidents").schema
    folder = tmp_path / "more"
    folder.mkdir()
    later_text = "Protesters set fire to a bus in Kisumu, Kenya, on Tuesday, police said."
    (folder / "later.jsonl").write_text(json.dumps({"text": later_text, "published": PUBLISHED.isoformat(),
                                                    "source": "later"}) + "\n", encoding="utf-8")
    assert ingest([folder], db=path, workers=1).ingested == 1
    with Store(path, read_only=True) as s:  # what is ingested after the migration has them
        later = s.incidents(where=CorpusFilter(sources=("later",)))
        assert later and {(i.acled_event_type, i.acled_sub_event_type) for i in later} == {RIOT}
        rows = _acled(export_store(s, what="incidents", fmt="acled", where=CorpusFilter(sources=("later",))))
        assert _types(rows) == _types(_acled(incidents_acled_csv(analyze(later_text, published=PUBLISHED))))
