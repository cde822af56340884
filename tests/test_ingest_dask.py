"""Ingest on Dask: a two-worker LocalCluster (threads, for speed) gives the same store as local processes."""

from __future__ import annotations

import pytest

pytest.importorskip("distributed")

from distributed import Client, LocalCluster  # noqa: E402

from incidentmap.corpus import dask_engine  # noqa: E402
from incidentmap.corpus import ingest as ingest_module  # noqa: E402
from incidentmap.corpus.ingest import ingest, iter_documents  # noqa: E402
from incidentmap.corpus.store import Store  # noqa: E402
from test_ingest import LIMA, NAIROBI, NAIROBI_AGAIN  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with Client(cluster) as c:
            yield c


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nairobi-2025-03-11.txt").write_text(NAIROBI, encoding="utf-8")
    (folder / "again-2025-03-12.txt").write_text(NAIROBI_AGAIN, encoding="utf-8")
    (folder / "lima.txt").write_text(LIMA, encoding="utf-8")  # no date: partition day=unknown
    (folder / "empty.txt").write_text(" ", encoding="utf-8")
    return folder


def _rows(db):
    with Store(db, read_only=True) as s:
        return ([(i.id, i.incident_type, i.place_key, i.date, i.evidence) for i in s.incidents()],
                [(e.id, e.n_sources) for e in s.events()])


def test_dask_gives_the_same_store_and_writes_parquet_by_day(client, corpus, tmp_path):
    local = ingest([corpus], db=tmp_path / "local.duckdb", workers=1)
    parquet = tmp_path / "parts"
    report = ingest([corpus], db=tmp_path / "dask.duckdb", engine="dask", scheduler=client, parquet_dir=parquet)
    assert (report.ingested, report.incidents, report.events) == (local.ingested, local.incidents, local.events)
    assert [s.file_name.rsplit("/", 1)[-1] for s in report.skipped] == ["empty.txt"]
    assert _rows(tmp_path / "dask.duckdb") == _rows(tmp_path / "local.duckdb")
    days = sorted(p.name for p in (parquet / "articles").iterdir())
    assert days == ["day=2025-03-11", "day=2025-03-12", "day=unknown"]
    again = ingest([corpus], db=tmp_path / "dask.duckdb", engine="dask", scheduler=client, parquet_dir=parquet)
    assert (again.ingested, again.already_present) == (0, 3)


def test_partitions_written_by_an_unfinished_run_are_loaded_not_analysed_again(client, corpus, tmp_path, monkeypatch):
    db, parquet = tmp_path / "s.duckdb", tmp_path / "parts"
    with Store(db) as store:  # a run that analysed everything, then stopped before loading
        docs = [d for d in iter_documents([corpus]) if not isinstance(d, ingest_module.Skipped)]
        dask_engine.run(docs, store=store, root=parquet, scheduler=client)
        assert store.counts()["articles"] == 0

    def never(doc):
        raise AssertionError(f"{doc.file_name} analysed twice")

    monkeypatch.setattr(ingest_module, "analyze_document", never)
    report = ingest([corpus], db=db, engine="dask", scheduler=client, parquet_dir=parquet)
    assert report.ingested == 3 and report.incidents > 0
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 3 and store.counts()["events"] > 0
