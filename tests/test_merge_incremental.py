"""The incremental merge: ingesting A then B gives exactly the events and memberships of ingesting A+B at once."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from bench.corpus import generate, write_jsonl
from bench.merge_eval import ARTICLES, DEFAULT_CORPUS
from incidentmap.corpus import merge as merge_module
from incidentmap.corpus.ingest import ingest
from incidentmap.corpus.merge import Incremental, fingerprint, merge_store
from incidentmap.corpus.store import SCHEMA_VERSION, Store

EVERY_SHARE = Incremental(max_new_share=1.0)  # incremental however much is new: what these tests check


def _store_rows(db) -> tuple[list, list]:
    """Every event and every membership of a store, in a fixed order."""
    with Store(db, read_only=True) as s:
        events = sorted(s.con.execute("SELECT * FROM events").fetchall(), key=repr)
        members = sorted(s.con.execute("SELECT * FROM event_members").fetchall())
    return events, members


def _events(db) -> dict[str, tuple[str, ...]]:
    """event id -> its member incident ids, in order."""
    with Store(db, read_only=True) as s:
        rows = s.con.execute("SELECT event_id, incident_id FROM event_members ORDER BY event_id, position").fetchall()
    out: dict[str, list[str]] = {}
    for event_id, incident_id in rows:
        out.setdefault(event_id, []).append(incident_id)
    return {k: tuple(v) for k, v in out.items()}


def _rebuild(*args, **kwargs):
    raise AssertionError("every event was rebuilt: the incremental merge did not run")


@pytest.fixture
def no_rebuild(monkeypatch):
    """Fails a test that falls back to rebuilding every event (the incremental path must have run)."""
    monkeypatch.setattr(merge_module, "_cluster_rows", _rebuild)


def _chunks(records: list[dict], n: int, folder: Path) -> list[Path]:
    paths = []
    for k in range(n):
        path = folder / f"chunk{k}.jsonl"
        write_jsonl(records[k::n], path)  # interleaved: every chunk spans the whole period (late and early news)
        paths.append(path)
    return paths


def _one_shot(records: list[dict], folder: Path) -> Path:
    write_jsonl(records, folder / "all.jsonl")
    db = folder / "all.duckdb"
    ingest([folder / "all.jsonl"], db=db, workers=1)
    return db


def _in_chunks(paths: list[Path], db: Path, monkeypatch) -> None:
    """Ingest ``paths`` one after the other, each merged incrementally into the events of those before."""
    ingest([paths[0]], db=db, workers=1)
    for path in paths[1:]:
        ingest([path], db=db, workers=1, merge=False)
        with monkeypatch.context() as m:
            m.setattr(merge_module, "_cluster_rows", _rebuild)
            with Store(db) as s:
                merge_store(s, incremental=EVERY_SHARE)


def _dev_records() -> list[dict]:
    lines = (DEFAULT_CORPUS / ARTICLES).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("n", [2, 3])
def test_the_dev_corpus_in_chunks_gives_the_one_shot_events(n, tmp_path, monkeypatch):
    records = _dev_records()
    whole = _one_shot(records, tmp_path)
    db = tmp_path / "chunks.duckdb"
    _in_chunks(_chunks(records, n, tmp_path), db, monkeypatch)
    assert _store_rows(db) == _store_rows(whole)
    assert len(_events(whole)) < sum(map(len, _events(whole).values()))  # the corpus does merge


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """300 synthetic articles (bench.corpus), published over a year, and their one-shot store."""
    folder = tmp_path_factory.mktemp("synthetic")
    records = generate(300, seed=5)
    return records, _one_shot(records, folder)


@pytest.mark.parametrize("n", [2, 3])
def test_a_synthetic_corpus_in_chunks_gives_the_one_shot_events(n, synthetic, tmp_path, monkeypatch):
    records, whole = synthetic
    db = tmp_path / "chunks.duckdb"
    _in_chunks(_chunks(records, n, tmp_path), db, monkeypatch)
    assert _store_rows(db) == _store_rows(whole)
    events = _events(whole)
    assert sum(len(m) > 1 for m in events.values()) >= 50  # many merges: the comparison is not vacuous


def test_a_few_new_articles_touch_few_events_and_the_others_keep_their_ids(synthetic, tmp_path, monkeypatch):
    """The case ingest is for: a few articles into a large store, through ingest itself (no forced share)."""
    records, whole = synthetic
    rng = random.Random(2)
    late = set(rng.sample(range(len(records)), 10))  # backfill: published any day of the year
    write_jsonl([r for k, r in enumerate(records) if k not in late], tmp_path / "first.jsonl")
    write_jsonl([records[k] for k in sorted(late)], tmp_path / "late.jsonl")
    db = tmp_path / "s.duckdb"
    ingest([tmp_path / "first.jsonl"], db=db, workers=1)  # a new store: every event built
    before = _events(db)
    monkeypatch.setattr(merge_module, "_cluster_rows", _rebuild)
    report = ingest([tmp_path / "late.jsonl"], db=db, workers=1)
    after = _events(db)
    assert _store_rows(db) == _store_rows(whole)
    assert report.events == len(after)
    kept = {k: v for k, v in before.items() if after.get(k) == v}
    assert len(kept) > 0.8 * len(before)  # most events untouched, with their ids
    # An event keeps its id whenever its members are unchanged.
    by_members = {v: k for k, v in after.items()}
    assert all(by_members[v] == k for k, v in before.items() if v in by_members)


def test_re_ingesting_the_same_articles_changes_nothing(synthetic, tmp_path, no_rebuild):
    records, whole = synthetic
    db = tmp_path / "again.duckdb"
    db.write_bytes(whole.read_bytes())
    with Store(db, read_only=True) as s:
        state = s.con.execute("SELECT * FROM merge_state").fetchall()
    write_jsonl(records, tmp_path / "again.jsonl")
    report = ingest([tmp_path / "again.jsonl"], db=db, workers=1)
    assert (report.ingested, report.already_present) == (0, len(records))
    assert report.events == len(_events(whole))
    assert _store_rows(db) == _store_rows(whole)
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT * FROM merge_state").fetchall() == state  # not even re-written


def test_an_interrupted_ingest_is_merged_when_resumed(synthetic, tmp_path, monkeypatch):
    """Killed after storing a batch but before its merge: the next run stores the rest and merges all that
    is in no event, and the store is the one-shot store."""
    records, whole = synthetic
    first, second = records[:200], records[200:]
    write_jsonl(first, tmp_path / "first.jsonl")
    write_jsonl(records, tmp_path / "all.jsonl")
    db = tmp_path / "s.duckdb"
    ingest([tmp_path / "first.jsonl"], db=db, workers=1)
    write_jsonl(second[:50], tmp_path / "part.jsonl")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(merge_module, "merge_store", killed)
        with pytest.raises(KeyboardInterrupt):
            ingest([tmp_path / "part.jsonl"], db=db, workers=1)
    with Store(db, read_only=True) as s:
        assert s.one("SELECT count(*) FROM incidents WHERE id NOT IN (SELECT incident_id FROM event_members)") > 0
    report = ingest([tmp_path / "all.jsonl"], db=db, workers=1)  # resumed: the 50 stored, 50 more analysed
    assert (report.ingested, report.already_present) == (50, 250)
    assert _store_rows(db) == _store_rows(whole)


def test_a_merge_that_fails_while_writing_leaves_the_events_as_they_were(synthetic, tmp_path, monkeypatch):
    records, whole = synthetic
    write_jsonl(records[:250], tmp_path / "first.jsonl")
    write_jsonl(records[250:], tmp_path / "rest.jsonl")
    db = tmp_path / "s.duckdb"
    ingest([tmp_path / "first.jsonl"], db=db, workers=1)
    ingest([tmp_path / "rest.jsonl"], db=db, workers=1, merge=False)
    before = _store_rows(db)
    with monkeypatch.context() as m:
        m.setattr(merge_module, "_SOME_EVENTS_SQL", "INSERT INTO events SELECT no_such_column")
        with Store(db) as s, pytest.raises(Exception, match="no_such_column"):
            merge_store(s, incremental=EVERY_SHARE)
    assert _store_rows(db) == before  # all or nothing
    with Store(db) as s:
        merge_store(s, incremental=EVERY_SHARE)
    assert _store_rows(db) == _store_rows(whole)


def test_other_rules_or_unknown_rules_rebuild_every_event(synthetic, tmp_path, monkeypatch):
    records, whole = synthetic
    db = tmp_path / "s.duckdb"
    db.write_bytes(whole.read_bytes())
    calls = []
    original = merge_module._cluster_rows

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    with Store(db) as s:
        assert s.merge_rules() == fingerprint(merge_module.MergeRules())
        s.con.execute("UPDATE merge_state SET rules = 'merged by another version'")
        monkeypatch.setattr(merge_module, "_cluster_rows", counted)
        merge_store(s)  # nothing new, but the events were made by other rules: rebuilt
        assert calls and s.merge_rules() == fingerprint(merge_module.MergeRules())
        calls.clear()
        merge_store(s)  # now up to date: nothing to do
        assert not calls
    assert _store_rows(db) == _store_rows(whole)
    other = merge_module.MergeRules(undated_window_days=3)
    assert fingerprint(other) != fingerprint(merge_module.MergeRules())


def test_a_version_2_store_opens_migrated_and_its_first_merge_rebuilds(synthetic, tmp_path):
    records, whole = synthetic
    db = tmp_path / "v2.duckdb"
    db.write_bytes(whole.read_bytes())
    with Store(db) as s:  # what the previous version wrote: no merge_state table
        s.con.execute("DROP TABLE merge_state")
        s.con.execute("UPDATE schema_version SET version = 2")
    with Store(db, read_only=True) as s:  # the pages read it as it is
        assert s.schema_version() == 2 and s.merge_rules() is None and len(s.events()) == len(_events(whole))
    with Store(db) as s:  # a read-write open migrates it; the events are then rebuilt once
        assert s.schema_version() == SCHEMA_VERSION and s.merge_rules() is None
        merge_store(s)
        assert s.merge_rules() == fingerprint(merge_module.MergeRules())
    assert _store_rows(db) == _store_rows(whole)


@pytest.mark.parametrize("damage", [
    "DELETE FROM events WHERE id = (SELECT min(id) FROM events)",  # an event row lost
    "INSERT INTO event_members SELECT * FROM event_members LIMIT 1",  # an incident in two events
    "DELETE FROM incidents WHERE id = (SELECT min(incident_id) FROM event_members)",  # a member no longer stored
])
def test_memberships_that_do_not_match_the_incidents_are_rebuilt(damage, synthetic, tmp_path):
    records, whole = synthetic
    db = tmp_path / "s.duckdb"
    db.write_bytes(whole.read_bytes())
    with Store(db) as s:
        s.con.execute(damage)
        incidents = s.counts()["incidents"]
        merge_store(s)
        assert s.one("SELECT count(*) FROM event_members") == s.one("SELECT count(DISTINCT incident_id) FROM event_members")
        assert s.one("SELECT count(*) FROM event_members") == incidents
        assert s.one("SELECT count(DISTINCT event_id) FROM event_members") == s.counts()["events"]


def _record(article: str, incidents: list[dict], *, published):
    from incidentmap.corpus.store import ArticleRecord

    return ArticleRecord(
        article={"id": article, "hash": article * 8, "title": article, "url": f"https://x.example/{article}",
                 "source": "Outlet", "published": published, "file_name": f"{article}.txt", "text": "text",
                 "n_places": 0, "n_incidents": len(incidents), "warnings": []},
        incidents=[{"id": f"{article}:{i['local_id']}", "article_id": article, "published": published,
                    "status": "reported", "evidence": "A sentence.", "start_offset": n, "end_offset": n + 1,
                    "actors": [], **i} for n, i in enumerate(incidents)],
    )  # fmt: skip


def _incident(local_id: str, *, key: str, at: tuple[float, float], radius: float, precision: str = "city",
              day=None, end=None, date_precision: str = "day", kind: str = "protest") -> dict:
    import datetime as dt

    start = day or dt.date(2025, 3, 11)
    return {"local_id": local_id, "incident_type": kind, "place_key": key, "lat": at[0], "lon": at[1],
            "uncertainty_m": radius, "precision": precision, "date": start.isoformat(), "date_start": start,
            "date_end": end or start, "date_precision": date_precision}


def test_edge_cases_of_the_search_merge_as_the_rebuild_does(tmp_path):
    """Circles across a latitude band's edge, a region known only by its key, a month-long interval (the
    long time bucket), an undated sentence dated by its article, and a retrospective article published a
    month after the day it tells of: added one article at a time, the events are the rebuild's."""
    import datetime as dt

    D = dt.date
    wide = 60_000.0
    articles = [
        _record("edge1", [_incident("i1", key="g:1", at=(1.95, 30.0), radius=wide)], published=D(2025, 3, 11)),
        _record("edge2", [_incident("i1", key="g:2", at=(2.3, 30.2), radius=wide)], published=D(2025, 3, 12)),
        _record("region1", [_incident("i1", key="g:r", at=(5.0, 31.0), radius=300_000.0, precision="region")],
                published=D(2025, 3, 11)),
        _record("region2", [_incident("i1", key="g:r", at=(5.0, 31.0), radius=300_000.0, precision="region",
                                      date_precision="unknown")], published=D(2025, 3, 12)),
        _record("month", [_incident("i1", key="g:1", at=(1.95, 30.0), radius=wide, day=D(2025, 3, 1),
                                    end=D(2025, 5, 31), date_precision="range")], published=D(2025, 6, 2)),
        _record("lent", [_incident("i1", key="g:2", at=(2.3, 30.2), radius=wide),
                         _incident("i2", key="g:2", at=(2.3, 30.2), radius=wide, day=D(2025, 3, 20),
                                   date_precision="unknown")], published=D(2025, 3, 20)),
        _record("retro", [_incident("i1", key="g:2", at=(2.3, 30.2), radius=wide, day=D(2025, 3, 12))],
                published=D(2025, 4, 15)),
        _record("late", [_incident("i1", key="g:1", at=(1.95, 30.0), radius=wide, day=D(2025, 3, 11))],
                published=D(2025, 3, 14)),
    ]
    whole = tmp_path / "whole.duckdb"
    with Store(whole) as s:
        s.add_articles(articles)
        merge_store(s)
    for order in (articles, articles[::-1], articles[3:] + articles[:3]):
        db = tmp_path / "one_by_one.duckdb"
        db.unlink(missing_ok=True)
        with Store(db) as s:
            s.add_articles(order[:1])
            merge_store(s)
            for record in order[1:]:
                s.add_articles([record])
                merge_store(s, incremental=EVERY_SHARE)
        assert _store_rows(db) == _store_rows(whole)
    events = _events(whole)
    assert any({"edge1:i1", "edge2:i1"} <= set(v) for v in events.values())  # across the band edge: one event
    assert any({"region1:i1", "region2:i1"} <= set(v) for v in events.values())
