"""Ingest on a Dask cluster: the same per-article function, other executors.

    python -m incidentmap ingest PATH… --engine dask [--scheduler tcp://host:8786] [--parquet DIR] [--db FILE]

Without ``--scheduler`` a ``LocalCluster`` of ``--workers`` processes is started on this machine. Each Dask
worker loads the gazetteer once (a worker plugin, at start-up), analyses batches of articles with
:func:`incidentmap.corpus.ingest.analyze_document`, and writes each batch's rows as Parquet files
partitioned by publication date::

    DIR/articles/day=2025-03-11/<batch>.parquet    (and places/, incidents/; day=unknown when undated)

The client then loads the new partitions into the DuckDB store (DuckDB reads Parquet itself; articles
already stored are skipped by hash) and rebuilds the events. On a real cluster ``DIR`` must be a folder
every worker and the client can reach (a shared file system); the articles travel to the workers with
their tasks. Re-running resumes: articles stored, or already written to ``DIR``, are not analysed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from distributed import WorkerPlugin  # this module is imported only for --engine dask

from .store import Store

__all__ = ["TABLES", "partition_glob", "parquet_hashes", "run", "load_parquet"]

TABLES = ("articles", "places", "incidents")
_UNDATED = "unknown"


def partition_glob(root: Path, table: str) -> str:
    return str(root / table / "day=*" / "*.parquet")


def _schemas(store: Store) -> dict:
    """The Arrow schema of each table, from the store itself: every batch file has the same columns and types."""
    return {t: store.con.sql(f"SELECT * FROM {t} LIMIT 0").to_arrow_table().schema for t in TABLES}


def parquet_hashes(store: Store, root: Path) -> set[str]:
    """Hashes of the articles already written under ``root`` (analysed by an earlier, unfinished run)."""
    if not any((root / "articles").glob("day=*/*.parquet")):
        return set()
    sql = f"SELECT hash FROM read_parquet('{_quoted(partition_glob(root, 'articles'))}')"
    return {r[0] for r in store.con.execute(sql).fetchall()}


def _quoted(path: str) -> str:
    return path.replace("'", "''")


class _LoadGazetteer(WorkerPlugin):
    """Dask worker plugin: the gazetteer is loaded once per worker, before its first task."""

    name = "incidentmap-gazetteer"

    def setup(self, worker=None) -> None:
        from ..gazetteer import default_gazetteer

        default_gazetteer()


def _analyse_batch(docs: list, root: str, schemas: dict) -> list:
    """Runs on a worker: analyse, write one Parquet file per table and publication day; return the skips."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .ingest import Skipped, analyze_document

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows: dict[tuple[str, str], list[dict]] = {}
    skipped = []
    for doc in docs:
        result = analyze_document(doc)
        if isinstance(result, Skipped):
            skipped.append(result)
            continue
        day = doc.published.isoformat() if doc.published else _UNDATED
        rows.setdefault(("articles", day), []).append({**result.article, "ingested_at": now})
        rows.setdefault(("places", day), []).extend(result.places)
        rows.setdefault(("incidents", day), []).extend(result.incidents)
    batch = hashlib.sha256("".join(d.hash for d in docs).encode()).hexdigest()[:16]  # same batch, same file
    for (table, day), table_rows in rows.items():
        if not table_rows:
            continue
        folder = Path(root) / table / f"day={day}"
        folder.mkdir(parents=True, exist_ok=True)
        schema = schemas[table]
        data = pa.Table.from_pylist([{name: r.get(name) for name in schema.names} for r in table_rows], schema=schema)
        tmp = folder / f".{batch}.parquet.tmp"
        pq.write_table(data, tmp)
        tmp.replace(folder / f"{batch}.parquet")  # a reader never sees half a file
    return skipped


def _batches(docs: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(docs: Iterable, *, store: Store, root: Path, scheduler=None, workers: int = 2, batch_size: int = 50,
        on_batch: Callable[[int, list], None] | None = None) -> list:
    """Analyse ``docs`` on Dask, writing Parquet under ``root``; returns the skipped ones.

    ``scheduler``: a scheduler address ("tcp://host:8786"), a ``distributed.Client``, or None for a local
    cluster of ``workers`` processes. ``on_batch(n_docs, skipped)`` is called as each batch finishes.
    ``docs`` is read as the work goes: a few batches per worker thread are in flight, not the whole corpus.
    """
    from distributed import Client, LocalCluster, as_completed

    batches = _batches(docs, batch_size)
    first = next(batches, None)
    if first is None:
        return []  # nothing to analyse: no cluster to start
    root.mkdir(parents=True, exist_ok=True)
    schemas = _schemas(store)
    own_cluster = None
    if isinstance(scheduler, Client):
        client = scheduler
    elif scheduler:
        client = Client(scheduler)
    else:
        own_cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(own_cluster)
    try:
        client.register_plugin(_LoadGazetteer())
        in_flight = 4 * max(1, sum(client.nthreads().values()))
        sizes: dict = {}

        def submit(batch: list):
            future = client.submit(_analyse_batch, batch, str(root), schemas, pure=False)
            sizes[future] = len(batch)
            return future

        pending = as_completed([submit(first)] + [submit(b) for b in itertools.islice(batches, in_flight - 1)])
        skipped: list = []
        for future in pending:
            batch_skipped = future.result()
            skipped.extend(batch_skipped)
            if on_batch:
                on_batch(sizes.pop(future), batch_skipped)
            following = next(batches, None)
            if following is not None:
                pending.add(submit(following))
        return skipped
    finally:
        if client is not scheduler:
            client.close()
        if own_cluster is not None:
            own_cluster.close()


def load_parquet(store: Store, root: Path) -> int:
    """Load the Parquet partitions under ``root`` into the store, skipping articles it has; returns how many
    articles were added. One transaction: all or nothing."""
    if not any((root / "articles").glob("day=*/*.parquet")):
        return 0
    src = {t: _quoted(partition_glob(root, t)) for t in TABLES}
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        # An article analysed twice (two runs racing) is in two files: keep one copy.
        con.execute(f"""CREATE TEMP TABLE _new AS
            SELECT * FROM read_parquet('{src['articles']}', hive_partitioning = false)
            WHERE hash NOT IN (SELECT hash FROM articles)
            QUALIFY row_number() OVER (PARTITION BY hash ORDER BY ingested_at) = 1""")
        added = store.one("SELECT count(*) FROM _new")
        con.execute("INSERT INTO articles BY NAME SELECT * FROM _new")
        for table in ("places", "incidents"):
            if any((root / table).glob("day=*/*.parquet")):
                con.execute(f"""INSERT INTO {table} BY NAME
                    SELECT DISTINCT ON (id) * FROM read_parquet('{src[table]}', hive_partitioning = false)
                    WHERE article_id IN (SELECT id FROM _new)""")
        con.execute("DROP TABLE _new")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return added
