"""The corpus store keeps an incident's ACLED actor columns and admin2 (schema version 4), so its ACLED exports fill
them as the one-article export does; two articles of one outlet stay two ACLED events; older store files are
migrated (their rows' actors empty: not recorded) or read as they are."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from incidentmap.corpus.export import export_store
from incidentmap.corpus.ingest import ingest
from incidentmap.corpus.store import ACLED_ACTOR_COLUMNS, SCHEMA_VERSION, CorpusFilter, Store
from incidentmap.export import incident_properties, incidents_acled_csv
from incidentmap.pipeline import analyze
from store_versions import V4_COLUMNS, old_copy

PUBLISHED = dt.date(2025, 3, 15)
MARKET = "Gunmen shot dead three traders at a market in Garissa, Kenya, on Monday, police said."
# A second actor on side 1 (assoc_actor_1) and a second-level place (admin2).
DISTRICT = "Soldiers and police clashed with ADF rebels in Kayunga District, Uganda, on Tuesday, killing two civilians."
ARTICLES = {"market": MARKET, "district": DISTRICT}
# What the actor and admin columns of an ACLED row say (the rest is the days/figure tests' business).
COMPARED = (*ACLED_ACTOR_COLUMNS, "admin1", "admin2")


def _acled(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _columns(rows: list[dict]) -> list[tuple]:
    return sorted(tuple(r[c] for c in COMPARED) for r in rows)


def _write_jsonl(folder, records: list[dict]) -> None:
    (folder / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A store of the two articles, from two outlets; {name: article id} by the article's source."""
    folder = tmp_path_factory.mktemp("in")
    _write_jsonl(folder, [{"text": text, "published": PUBLISHED.isoformat(), "source": name}
                          for name, text in ARTICLES.items()])
    db = folder / "corpus.duckdb"
    report = ingest([folder], db=db, workers=1)
    assert (report.ingested, report.skipped) == (2, [])
    with Store(db, read_only=True) as s:
        ids = dict(s.con.execute("SELECT source, id FROM articles").fetchall())
    return db, ids


def test_ingest_stores_the_actor_columns_as_the_one_article_export_derives_them(corpus):
    db, ids = corpus
    with Store(db, read_only=True) as s:
        assert s.schema_version() == SCHEMA_VERSION == 4
        for name, text in ARTICLES.items():
            stored = {r.local_id: r for r in s.incidents(where=CorpusFilter(article_ids=(ids[name],)))}
            expected = {i.id: incident_properties(i) for i in analyze(text, published=PUBLISHED).incidents}
            assert sorted(stored) == sorted(expected) and expected
            for local_id, p in expected.items():
                row = stored[local_id]
                assert {c: getattr(row, c) for c in ACLED_ACTOR_COLUMNS} == {c: p[c] for c in ACLED_ACTOR_COLUMNS}
                assert row.admin2 == (p["admin2"] or None)  # no admin2 is NULL, as no admin1 is


@pytest.mark.parametrize("what", ["incidents", "events"])
@pytest.mark.parametrize("name", list(ARTICLES))
def test_corpus_acled_actor_columns_are_the_one_article_exports(corpus, what, name):
    db, ids = corpus
    with Store(db, read_only=True) as s:
        rows = _acled(export_store(s, what=what, fmt="acled", where=CorpusFilter(article_ids=(ids[name],))))
    one_article = _acled(incidents_acled_csv(analyze(ARTICLES[name], published=PUBLISHED)))
    assert any(r["actor1"] and r["inter1"] != "0" for r in one_article)  # something to compare
    if what == "incidents":
        assert _columns(rows) == _columns(one_article)
    else:  # the merge may keep a sentence's casualties apart from its clash (two events where the export has one
        # row): each event still says who did it to whom as the article's row does
        assert rows and set(_columns(rows)) == set(_columns(one_article))


def test_the_columns_compared_are_filled(corpus):
    """Both sides of the comparison above carry an associate actor and an admin2 (not only empty cells)."""
    db, _ = corpus
    with Store(db, read_only=True) as s:
        rows = _acled(export_store(s, what="incidents", fmt="acled"))
        events = _acled(export_store(s, what="events", fmt="acled"))
    for table in (rows, events):
        assert any(r["assoc_actor_1"] for r in table) and any(r["admin2"] for r in table)


def test_geojson_features_carry_the_one_article_property_names(corpus):
    db, _ = corpus
    with Store(db, read_only=True) as s:
        incidents = json.loads(export_store(s, what="incidents", fmt="geojson"))["features"]
        events = json.loads(export_store(s, what="events", fmt="geojson"))["features"]
    for feature in (*incidents, *events):
        assert set(COMPARED) <= set(feature["properties"])
    assert {f["properties"]["source_id"] for f in incidents} == {f["properties"]["article_id"] for f in incidents}


def test_two_articles_of_one_outlet_are_two_acled_events(tmp_path):
    """The one-article export folds one sentence's incidents of one source into one event: the corpus' features
    name their article (source_id), so two articles of one outlet with the same sentence stay two."""
    follow_up = MARKET + " The market reopened on Wednesday."  # another text (another hash), the same first sentence
    texts = [MARKET, follow_up]
    _write_jsonl(tmp_path, [{"text": t, "published": PUBLISHED.isoformat(), "source": "Daily Courier"} for t in texts])
    db = tmp_path / "corpus.duckdb"
    assert ingest([tmp_path], db=db, workers=1, merge=False).ingested == 2
    with Store(db, read_only=True) as s:
        rows = _acled(export_store(s, what="incidents", fmt="acled"))
    per_article = [_acled(incidents_acled_csv(analyze(t, published=PUBLISHED))) for t in texts]
    assert len(rows) == sum(len(r) for r in per_article) >= 2
    assert _columns(rows) == sorted(_columns(per_article[0]) + _columns(per_article[1]))


@pytest.fixture
def old_store(corpus, tmp_path, request):
    return old_copy(corpus[0], tmp_path, request.param), request.param


@pytest.mark.parametrize("old_store", [1, 2, 3], indirect=True)
def test_an_older_store_reads_no_actors_read_only(old_store, tmp_path):
    path, version = old_store
    with Store(tmp_path / "new.duckdb") as new:
        schema = new.table("incidents").schema
    with Store(path, read_only=True) as s:  # the pages read it as it is
        assert s.schema_version() == version
        incidents = s.incidents()
        assert incidents and all(getattr(i, c) is None for i in incidents for c in (*ACLED_ACTOR_COLUMNS, "admin2"))
        members = [m for ms in s.event_members().values() for m in ms]
        assert members and all(m.actor1 is None and m.admin2 is None for m in members)
        assert s.table("incidents").schema == schema  # a new file's columns, in its order and types
        for what in ("incidents", "events"):
            rows = _acled(export_store(s, what=what, fmt="acled"))
            assert rows and {(r["actor1"], r["inter1"], r["interaction"], r["admin2"]) for r in rows} == {("", "0", "0", "")}
        assert export_store(s, what="incidents", fmt="geojson") and export_store(s, what="events", fmt="csv")


@pytest.mark.parametrize("old_store", [3], indirect=True)
def test_an_older_store_opened_read_write_gains_the_columns(old_store, tmp_path):
    path, _ = old_store
    with Store(path) as s:  # migrated: the old rows' actors were not recorded
        assert s.schema_version() == SCHEMA_VERSION
        old = s.con.execute(f"SELECT {', '.join(V4_COLUMNS)} FROM incidents").fetchall()
        assert old and set(old) == {(1, *[None] * (len(V4_COLUMNS) - 1))}
    with Store(tmp_path / "new.duckdb") as new, Store(path, read_only=True) as migrated:
        assert migrated.table("incidents").schema == new.table("incidents").schema
    folder = tmp_path / "more"
    folder.mkdir()
    _write_jsonl(folder, [{"text": "Police shot dead two robbers in Garissa, Kenya, on Friday.",
                           "published": PUBLISHED.isoformat(), "source": "later"}])
    assert ingest([folder], db=path, workers=1).ingested == 1
    with Store(path, read_only=True) as s:  # what is ingested after the migration has them
        later = s.incidents(where=CorpusFilter(sources=("later",)))
        assert later and all(i.inter1 is not None and i.interaction is not None for i in later)
