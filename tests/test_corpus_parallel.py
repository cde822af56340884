"""Ingest with workers: the partitioned, parallel merge and the column batches give exactly the serial store."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import random
from concurrent.futures import ProcessPoolExecutor

import pytest

from bench.corpus import generate, write_jsonl
from bench.merge_eval import ARTICLES, DEFAULT_CORPUS
from incidentmap.corpus.ingest import IngestConfig, ingest
from incidentmap.corpus.merge import _ITEM_SQL, Item, _pack, compatible, merge, merge_store, partitions
from incidentmap.corpus.store import Store

D = dt.date


@pytest.fixture(scope="module")
def pool():
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork")) as executor:
        yield executor


def _ids(groups: list[list[Item]]) -> list[list[str]]:
    return [[m.id for m in g] for g in groups]


def _items(db) -> list[Item]:
    with Store(db, read_only=True) as s:
        return [Item(*row) for row in s.con.execute(_ITEM_SQL).fetchall()]


def _store_rows(db) -> tuple[list, list]:
    """Every event and every membership of a store, in a fixed order."""
    with Store(db, read_only=True) as s:
        events = sorted(s.con.execute("SELECT * FROM events").fetchall(), key=repr)
        members = sorted(s.con.execute("SELECT * FROM event_members").fetchall())
    return events, members


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("dev") / "dev.duckdb"
    ingest([DEFAULT_CORPUS / ARTICLES], db=db, workers=1, merge=False)
    return db


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory):
    """400 synthetic articles (bench.corpus): many cities, days, types and both statuses."""
    folder = tmp_path_factory.mktemp("synthetic")
    write_jsonl(generate(400, seed=3), folder / "corpus.jsonl")
    db = folder / "synthetic.duckdb"
    ingest([folder / "corpus.jsonl"], db=db, workers=1, merge=False)
    return db


@pytest.mark.parametrize("corpus", ["dev_store", "synthetic_store"])
def test_the_parallel_merge_gives_the_serial_events_and_members(corpus, request, pool, tmp_path):
    db = request.getfixturevalue(corpus)
    items = _items(db)
    serial = merge(items)
    serial_db = tmp_path / "serial.duckdb"
    serial_db.write_bytes(db.read_bytes())
    with Store(serial_db) as s:
        merge_store(s)
    for tasks in (1, 2, 5):  # same events, same members, same order, however the partitions are packed
        copy = tmp_path / f"tasks{tasks}.duckdb"
        copy.write_bytes(db.read_bytes())
        with Store(copy) as s:
            assert merge_store(s, executor=pool, tasks=tasks) == len(serial)
        assert _store_rows(copy) == _store_rows(serial_db)
    assert len(serial) < len(items)  # the corpus does merge: the check is not vacuous
    if corpus == "synthetic_store":
        kinds = [(i.incident_type, i.status) for i in items]
        assert len(partitions(kinds)) >= 8 and sum(len(g) > 1 for g in serial) >= 100


def test_merge_store_with_workers_writes_the_same_events(synthetic_store, pool, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(synthetic_store.read_bytes())
    with Store(synthetic_store) as s:
        serial_n = merge_store(s)
    with Store(copy) as s:
        assert merge_store(s, executor=pool) == serial_n
    assert _store_rows(copy) == _store_rows(synthetic_store)


def test_no_event_spans_two_partitions():
    """What makes the partitioned merge exact: compatible() never holds across (type group, status)."""
    rng = random.Random(11)
    types = ["protest", "casualties", "armed_violence", "curfew", "riot", "arrests", "looting"]
    days = [D(2025, 3, 1 + rng.randrange(4)) for _ in range(300)]
    items = [Item(id=f"a{n % 30}:{n}", article_id=f"a{n % 30}", incident_type=rng.choice(types),
                  status=rng.choice(["reported", "reported", "planned"]), place_key=f"geonames:{rng.randrange(3)}",
                  lat=-1.28, lon=36.82, uncertainty_m=28_000.0, precision="city", date_start=day, date_end=day,
                  date_precision=rng.choice(["day", "unknown"]), published=D(2025, 3, 5)) for n, day in enumerate(days)]
    part_of = {n: k for k, part in enumerate(partitions((i.incident_type, i.status) for i in items)) for n in part}
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            if part_of[a] != part_of[b]:
                assert not compatible(items[a], items[b])


def test_ingest_with_two_workers_gives_the_one_worker_store(tmp_path):
    """End to end: chunks analysed by workers, bulk inserts by a writer thread, the merge in the workers."""
    write_jsonl(generate(120, seed=4), tmp_path / "corpus.jsonl")
    one = ingest([tmp_path / "corpus.jsonl"], db=tmp_path / "one.duckdb", workers=1)
    two = ingest([tmp_path / "corpus.jsonl"], db=tmp_path / "two.duckdb", workers=2,
                 config=IngestConfig(batch_size=50, chunk_size=7))  # several commits and uneven chunks
    assert (two.ingested, two.incidents, two.events) == (one.ingested, one.incidents, one.events)
    with Store(tmp_path / "one.duckdb", read_only=True) as a, Store(tmp_path / "two.duckdb", read_only=True) as b:
        for table in ("articles", "places", "incidents"):
            columns = "* EXCLUDE (ingested_at)" if table == "articles" else "*"
            rows = [sorted(s.con.execute(f"SELECT {columns} FROM {table}").fetchall(), key=repr) for s in (a, b)]
            assert rows[0] == rows[1], table
        assert b.one("SELECT count(*) FROM articles WHERE ingested_at IS NULL") == 0
    assert _store_rows(tmp_path / "two.duckdb") == _store_rows(tmp_path / "one.duckdb")


def test_partitions_are_packed_into_balanced_tasks_each_once():
    parts = [list(range(k * 100, k * 100 + size)) for k, size in enumerate([50, 40, 30, 20, 10, 5, 5])]
    packs = _pack(parts, 2)
    assert len(packs) == 2
    assert sorted(map(tuple, (p for pack in packs for p in pack))) == sorted(map(tuple, parts))
    assert sorted(sum(len(p) for p in pack) for pack in packs) == [80, 80]
    assert len(_pack(parts[:1], 4)) == 1  # never an empty task


def test_store_threads_are_limited_while_workers_analyse_and_restored_after(tmp_path):
    from incidentmap.corpus.ingest import _threads

    with Store(tmp_path / "t.duckdb") as s:
        default = s.one("SELECT current_setting('threads')")
        with _threads(s, 1):
            assert s.one("SELECT current_setting('threads')") == 1
        assert s.one("SELECT current_setting('threads')") == default
        with _threads(s, None):  # no workers: DuckDB's default
            assert s.one("SELECT current_setting('threads')") == default
