"""Ingest many articles into the corpus store, analysing them in parallel.

    python -m incidentmap ingest PATH… [--db FILE] [--workers N] [--no-merge]

Inputs (a PATH is a file or a folder, searched recursively):

* ``.txt``, ``.md``, ``.html``/``.htm``: one article per file, read like an upload (``textinput``:
  encoding detection, HTML to text). Its title is its first line when that is short; its publication
  date is a ``YYYY-MM-DD`` in the file name, if there is one ("nairobi-2024-06-26.txt"), else unknown.
  In a folder, files of other kinds and ``README.*`` are passed over (a file named itself is always read).
* ``.jsonl``: one JSON object per line; ``.csv``: a header row. Each record needs ``text`` and may have
  ``title``, ``url``, ``source`` and ``published`` (ISO date, or date-time whose day is taken).

A file or record that cannot be read (binary, empty, no ``text``, a bad date) is reported and skipped; the
rest go on. Articles are keyed by the SHA-256 of the analysed text: one already in the store (or seen
earlier in the same run) is not analysed again, so re-ingesting changes nothing and an interrupted run
resumes where it stopped (each batch is committed on its own). The pipeline runs in worker processes (a
``ProcessPoolExecutor`` whose initializer loads the gazetteer once per worker); ``workers=1`` runs in this
process. After the articles are stored their incidents are merged into the store's events (:mod:`.merge`)
unless ``merge=False``: only what the new incidents can touch is merged again (every event is built on a
first ingest, or when the merge rules changed), and the events come out as if everything had been
ingested at once.

What this process does itself is the part that does not scale with workers, so it is kept small: it reads
and hashes the articles and hands them out in chunks; a worker analyses a chunk and returns its rows as
Arrow columns (:class:`~.store.RowBatch`), which this process bulk-inserts; the merge runs partitioned in
the same workers (:func:`.merge.merge_store`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..acled import admin_names
from ..errors import IncidentMapError, InputError
from ..export import incident_properties
from ..pipeline import analyze
from ..textinput import decode_upload, prepare_text, validate_text
from .store import ACLED_ACTOR_COLUMNS, ACLED_TYPE_COLUMNS, ArticleRecord, RowBatch, Store, date_bounds

__all__ = ["Document", "Skipped", "IngestConfig", "IngestReport", "iter_documents", "analyze_document",
           "analyze_chunk", "ingest"]

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".csv")
RECORD_FIELDS = ("text", "title", "url", "source", "published")
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_MAX_RECORD_FILE_BYTES = 4 * 1024**3  # a JSONL/CSV file is read line by line; this only stops a runaway


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """How ingest runs; the defaults suit a laptop."""

    # Articles per store transaction: large enough that DuckDB's per-commit cost is small, small enough that
    # an interrupted run loses little work (at most one batch is analysed again: about a second of it).
    # The commits run in the writing process, whose CPU the workers share: 1,500 articles inserted in
    # batches of 200 took 0.14 s of its CPU, of 400 0.10-0.11 s, of 800 0.10 s.
    batch_size: int = 400
    # Articles a worker analyses per task and returns as one RowBatch: the writing process then handles a
    # few Arrow buffers per chunk, not a dict per row and a future per article. The last chunks of a run are
    # smaller (down to a quarter of this), so that the workers finish together (_chunks). 32, not 16: half
    # the tasks, whose handling is this process's CPU (2 workers, 1,500 articles: 0.57 -> 0.51 s in all).
    chunk_size: int = 32
    # Chunks handed to each worker ahead of the one it is analysing: keeps workers busy while this process
    # commits a batch, without queueing the whole corpus in memory.
    queue_per_worker: int = 4
    # DuckDB threads for the bulk inserts while worker processes analyse: the workers already keep every core
    # busy, and DuckDB's own threads (one per core by default) only contend with them, for inserts of a
    # 200-article batch that have little to parallelise (2 workers, 1500 articles: this process's CPU in the
    # store phase 0.47 s -> 0.37 s). With no workers (analysis in this process) DuckDB keeps its default:
    # its threads then use the cores the analysis leaves. The merge, after the workers are idle, too.
    store_threads_with_workers: int = 1
    # A title longer than this is the article's first paragraph, not a headline.
    max_title_chars: int = 200


@dataclass(frozen=True, slots=True)
class Document:
    """One article to analyse: its analysable text and what is known about it."""

    file_name: str  # the file, plus "#<line>" or "#<row>" for a record of a JSONL/CSV file
    text: str
    hash: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    file_name: str
    reason: str


@dataclass(slots=True)
class IngestReport:
    ingested: int = 0
    already_present: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    incidents: int = 0
    events: int | None = None  # after the merge; None when it did not run
    # Where the time went, per phase ("store": reading, analysing, storing; "merge"): (wall seconds, CPU
    # seconds of this process). This process's CPU is the part more workers do not share out.
    timings: dict[str, tuple[float, float]] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"ingested {self.ingested} article(s) ({self.incidents} incidents), "
                 f"{self.already_present} already present, {len(self.skipped)} skipped"]
        if self.events is not None:
            lines[0] += f"; {self.events} events after merging"
        lines += [f"  skipped {s.file_name}: {s.reason}" for s in self.skipped]
        return "\n".join(lines)


# --- reading ---


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _published(value: object) -> dt.date | None:
    """An ISO date or date-time (its day); None for empty. Raises InputError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"published is not an ISO date (YYYY-MM-DD): {text[:40]!r}") from None


def _title_of(text: str, config: IngestConfig) -> str | None:
    for line in text.splitlines():
        if line.strip():
            line = line.strip().lstrip("#").strip()
            return line if len(line) <= config.max_title_chars else None
    return None


def _document(file_name: str, text: str, meta: dict, config: IngestConfig) -> Document:
    validate_text(text)
    title = (meta.get("title") or "").strip() or _title_of(text, config)
    return Document(file_name=file_name, text=text, hash=content_hash(text), title=title,
                    url=(meta.get("url") or "").strip() or None, source=(meta.get("source") or "").strip() or None,
                    published=_published(meta.get("published")))


def _article_file(path: Path, config: IngestConfig) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    text = prepare_text(decode_upload(data, filename=path.name), filename=path.name)
    found = _DATE_IN_NAME.search(path.stem)
    meta = {"published": found.group(1) if found else None}
    try:
        return _document(str(path), text, meta, config)
    except InputError as exc:
        if found and "published" in str(exc):  # "2024-13-45" in a name is not a date: no date, not an error
            return _document(str(path), text, {}, config)
        raise


def _records(path: Path) -> Iterator[tuple[str, dict | None, str]]:
    """(label, record or None, reason) for each record of a JSONL or CSV file."""
    with path.open(encoding="utf-8-sig", newline="" if path.suffix.lower() == ".csv" else None) as fh:
        if path.suffix.lower() == ".csv":
            csv.field_size_limit(2**31 - 1)  # an article is one (large) cell
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "text" not in reader.fieldnames:
                raise InputError("a CSV corpus needs a header row with a 'text' column")
            for n, row in enumerate(reader, start=2):
                yield f"{path}#{n}", row, ""
        else:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield f"{path}#{n}", None, f"not valid JSON ({exc.msg})"
                    continue
                if not isinstance(row, dict):
                    yield f"{path}#{n}", None, "not a JSON object"
                    continue
                yield f"{path}#{n}", row, ""


def _record_documents(path: Path, config: IngestConfig) -> Iterator[Document | Skipped]:
    try:
        for label, row, reason in _records(path):
            if row is None:
                yield Skipped(label, reason)
                continue
            text = row.get("text")
            if not isinstance(text, str):
                yield Skipped(label, "no 'text' field")
                continue
            meta = {k: (str(row[k]) if row.get(k) is not None else None) for k in RECORD_FIELDS if k != "text"}
            try:
                yield _document(label, prepare_text(text), meta, config)
            except InputError as exc:
                yield Skipped(label, str(exc))
    except UnicodeDecodeError:
        yield Skipped(str(path), "not UTF-8 text")
    except (OSError, InputError, csv.Error) as exc:
        yield Skipped(str(path), str(getattr(exc, "strerror", None) or exc))


def _files(paths: Sequence[str | Path]) -> Iterator[Path | Skipped]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                # A folder's README describes its files (every data folder here has one): not an article.
                if child.suffix.lower() in ARTICLE_SUFFIXES + RECORD_SUFFIXES and child.stem.upper() != "README":
                    yield child
        elif path.is_file():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def iter_documents(paths: Sequence[str | Path], *, config: IngestConfig = IngestConfig()) -> Iterator[Document | Skipped]:
    """Every article under ``paths``, or why a file or record was skipped, in a stable order."""
    for item in _files(paths):
        if isinstance(item, Skipped):
            yield item
        elif item.suffix.lower() in RECORD_SUFFIXES:
            yield from _record_documents(item, config)
        elif item.suffix.lower() in ARTICLE_SUFFIXES:
            try:
                yield _article_file(item, config)
            except InputError as exc:
                yield Skipped(str(item), str(exc))
        else:
            yield Skipped(str(item), f"unknown kind of file ({item.suffix or 'no extension'}): "
                                     f"use {', '.join(ARTICLE_SUFFIXES + RECORD_SUFFIXES)}")


# --- analysing (runs in the workers) ---


def _worker_init() -> None:
    """Load the gazetteer once per worker process, before its first article."""
    from ..gazetteer import default_gazetteer

    default_gazetteer()


def _where(article_id: str, place) -> dict:
    """An incident's place columns; all empty for an incident the article gives no place for (no location)."""
    if place is None:
        return {"place_id": None, "place_key": None, "place_name": None, "country_code": None, "admin1": None,
                "lat": None, "lon": None, "precision": None, "uncertainty_m": None}
    return {"place_id": f"{article_id}:{place.key}", "place_key": place.key, "place_name": place.name,
            "country_code": place.country_code, "admin1": admin_names(place)[0] or None, "lat": place.lat,
            "lon": place.lon, "precision": str(place.precision), "uncertainty_m": float(place.uncertainty_m)}


def _acled_columns(incident) -> dict:
    """The incident's ACLED actor columns, admin2 and ACLED event/sub-event type, as the one-article export derives
    them (one place makes them: :func:`incidentmap.export.incident_properties`; the types resolved: recoded by who
    acted, else the taxonomy's); no admin2 is NULL, as no admin1 is, and so are no types (a type the taxonomy
    does not know: the export reads the taxonomy's, none, as it does for an older file's rows)."""
    props = incident_properties(incident)
    types = {c: props[c] or None for c in ACLED_TYPE_COLUMNS}
    if None in types.values():
        types = dict.fromkeys(ACLED_TYPE_COLUMNS)  # both or neither
    return {**{c: props[c] for c in ACLED_ACTOR_COLUMNS}, "admin2": props["admin2"] or None, **types}


def analyze_document(doc: Document) -> ArticleRecord | Skipped:
    """Run the one-article pipeline and turn its result into store rows (picklable both ways)."""
    try:
        analysis = analyze(doc.text, published=doc.published)
    except IncidentMapError as exc:
        return Skipped(doc.file_name, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a corpus; it is reported
        return Skipped(doc.file_name, f"the pipeline failed: {type(exc).__name__}: {exc}")
    article_id = doc.hash[:16]
    article = {
        "id": article_id, "hash": doc.hash, "url": doc.url, "title": doc.title, "source": doc.source,
        "published": doc.published, "file_name": doc.file_name, "text": doc.text,
        "n_places": len(analysis.places), "n_incidents": len(analysis.incidents), "warnings": list(analysis.warnings),
    }  # fmt: skip
    places = [{
        "id": f"{article_id}:{p.key}", "article_id": article_id, "key": p.key, "name": p.name, "kind": str(p.kind),
        "precision": str(p.precision), "lat": p.lat, "lon": p.lon, "uncertainty_m": float(p.uncertainty_m),
        "country_code": p.country_code, "admin1": admin_names(p)[0] or None, "source": str(p.source),
        "source_id": p.source_id,
        "geonameid": p.geonameid or None, "confidence": float(p.confidence), "mention_count": len(p.mentions),
    } for p in analysis.places]  # fmt: skip
    incidents = []
    for i in analysis.incidents:
        start, end = date_bounds(i.date)
        place = i.place
        incidents.append({
            "id": f"{article_id}:{i.id}", "article_id": article_id, "local_id": i.id, "incident_type": i.incident_type,
            **_where(article_id, place),
            "date": i.date, "date_start": start, "date_end": end, "date_precision": str(i.date_precision),
            "date_text": i.date_text, "published": doc.published, "status": str(i.status),
            "fatalities": i.fatalities, "injuries": i.injuries, "arrests": i.arrests, "count_text": i.count_text,
            "actors": list(i.actors), "mention": i.mention, "evidence": i.evidence, "start_offset": i.start,
            "end_offset": i.end, "trigger": i.trigger, "confidence": float(i.confidence), "days": i.days,
            **_acled_columns(i),
        })  # fmt: skip
    return ArticleRecord(article=article, places=places, incidents=incidents)


def analyze_chunk(docs: Sequence[Document], *, schemas: dict) -> tuple[RowBatch | None, list[Skipped]]:
    """Runs in a worker: analyse ``docs`` and return their rows as one RowBatch (None if every one was
    skipped) typed by ``schemas`` (:meth:`Store.arrow_schemas`), and the skipped ones."""
    records, skipped = [], []
    for doc in docs:
        result = analyze_document(doc)
        (skipped if isinstance(result, Skipped) else records).append(result)
    return (RowBatch.from_records(records, schemas=schemas) if records else None), skipped


def _serialized(schemas: dict) -> tuple[tuple[str, bytes], ...]:
    """``schemas`` as Arrow IPC bytes: what each task carries (see :func:`_analyze_chunk_of`)."""
    return tuple((name, schema.serialize().to_pybytes()) for name, schema in schemas.items())


@lru_cache(maxsize=4)
def _deserialized(schemas: tuple[tuple[str, bytes], ...]) -> dict:
    import pyarrow as pa

    return {name: pa.ipc.read_schema(pa.py_buffer(data)) for name, data in schemas}


def _analyze_chunk_of(docs: Sequence[Document], schemas: tuple[tuple[str, bytes], ...]):
    """:func:`analyze_chunk` in a worker, the schemas sent as bytes and rebuilt once per worker: pickling the
    schema objects with every chunk cost 0.13 ms in the writing process and as much in the worker."""
    return analyze_chunk(docs, schemas=_deserialized(schemas))


# --- running ---


def _progress(total: int | None, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, disable=not enabled, dynamic_ncols=True)


@contextlib.contextmanager
def _worker_pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """The worker processes, forked before the caller opens the store (they load the gazetteer meanwhile).

    Forked, which works from any caller (a script, a notebook, standard input) and shares the parent's
    memory; but forked *before* DuckDB starts its threads in this process, because forking a threaded
    process can leave a child waiting for a lock a thread held at that moment. Elsewhere than Linux and
    macOS the platform's default start method is used.

    pyarrow (the workers build their RowBatches with it) and the merge are imported before the fork, so
    the workers share them instead of each importing pyarrow again (0.13 s of CPU per worker).
    pyarrow's import leaves two idle threads (its allocator's), which hold no lock of ours; jemalloc's own
    locks are fork-safe (it registers fork handlers).
    """
    if workers <= 1:
        yield None
        return
    import pyarrow  # noqa: F401 - shared with the workers (above)

    from . import merge  # noqa: F401 - the workers run its partitions
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                             mp_context=multiprocessing.get_context(method)) as pool:
        # With fork, the first submit forks every worker before it returns (the executor knows their
        # sentinels from the start); not waiting for them to be ready lets the caller open the store while
        # they start and load the gazetteer (their initializer), instead of after.
        for _ in range(workers):
            pool.submit(_worker_init)
        yield pool


def _chunks(docs: Iterable[Document], size: int, *, workers: int) -> Iterator[list[Document]]:
    """``docs`` in chunks of ``size``, but the last ones smaller and smaller, down to a quarter of ``size``.

    Why: the run ends when the last worker finishes its last chunk, and until then the others wait; the
    smaller the last chunks, the sooner they all finish (guided scheduling: each of the last chunks is
    the remaining articles' share of twice the workers). It reads ``2 × workers`` chunks ahead to see the
    end coming (the corpus is still read as the workers ask for it, a few hundred articles ahead).
    """
    ahead = 2 * workers * size
    smallest = max(1, size // 4)
    buffer: deque[Document] = deque()
    for doc in docs:
        buffer.append(doc)
        if len(buffer) >= ahead + size:
            yield [buffer.popleft() for _ in range(size)]
    while buffer:
        n = min(len(buffer), max(smallest, min(size, -(-len(buffer) // (2 * workers)))))
        yield [buffer.popleft() for _ in range(n)]


def _results(docs: Iterable[Document], pool: ProcessPoolExecutor | None, workers: int, config: IngestConfig,
             schemas: dict) -> Iterator[ArticleRecord | RowBatch | Skipped]:
    """Analysed articles in completion order: one by one in this process (``pool`` None), else chunks from
    the workers, keeping at most ``workers × queue_per_worker`` chunks in flight."""
    if pool is None:
        for doc in docs:
            yield analyze_document(doc)
        return

    def unpack(future: Future) -> Iterator[RowBatch | Skipped]:
        rows, skipped = future.result()
        yield from skipped
        if rows is not None:
            yield rows

    limit = workers * config.queue_per_worker
    pending: set[Future] = set()
    sent = _serialized(schemas)
    for chunk in _chunks(docs, config.chunk_size, workers=workers):
        pending.add(pool.submit(_analyze_chunk_of, chunk, sent))
        if len(pending) >= limit:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield from unpack(f)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for f in done:
            yield from unpack(f)


ENGINES = ("processes", "dask")


def ingest(paths: Sequence[str | Path], *, db: str | Path | None = None, workers: int | None = None,
           merge: bool = True, progress: bool = False, config: IngestConfig = IngestConfig(),
           on_skip: Callable[[Skipped], None] | None = None, engine: str = "processes", scheduler=None,
           parquet_dir: str | Path | None = None) -> IngestReport:
    """Analyse every article under ``paths`` not yet in the store ``db`` and store it; then merge events.

    ``workers`` defaults to the number of CPUs. ``on_skip`` is told of each skipped file or record as it
    happens (the CLI prints them); all of them are also in the report. ``engine="dask"`` analyses on a
    Dask cluster (``scheduler``: an address or a Client; None starts a local one) through Parquet files
    under ``parquet_dir`` (default: beside the store, ``<db>.parquet/``); see :mod:`.dask_engine`.
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
    report = IngestReport()
    with _worker_pool(workers if engine == "processes" else 1) as pool, Store(db) as store:
        stored = store.known_hashes()
        root = Path(parquet_dir) if parquet_dir is not None else store.path.with_suffix(".parquet")
        if engine == "dask":
            try:
                from . import dask_engine
            except ImportError as exc:
                raise InputError(f"--engine dask needs Dask: pip install 'incident-map[dask]' ({exc})") from exc
            stored |= dask_engine.parquet_hashes(store, root)  # analysed by an unfinished run: only to load
        seen: set[str] = set()

        def todo() -> Iterator[Document]:
            """The articles to analyse, read as the workers ask for them (the corpus is never all in memory)."""
            for item in iter_documents(paths, config=config):
                if isinstance(item, Skipped):
                    skip(item)
                elif item.hash in stored or item.hash in seen:
                    report.already_present += 1
                else:
                    seen.add(item.hash)
                    yield item

        def skip(item: Skipped) -> None:
            report.skipped.append(item)
            if on_skip:
                on_skip(item)

        clock = _Clock()
        if engine == "dask":
            _ingest_dask(store, todo(), root=root, scheduler=scheduler, workers=workers, progress=progress,
                         report=report, skip=skip)
        else:
            schemas = store.arrow_schemas()
            records: list[ArticleRecord] = []  # analysed in this process (one worker)
            chunks: list[RowBatch] = []  # analysed by the workers
            waiting = 0  # articles in records and chunks

            def flush() -> None:
                nonlocal waiting
                parts = chunks + ([RowBatch.from_records(records, schemas=schemas)] if records else [])
                if parts:
                    writer.write(RowBatch.concat(parts))
                records.clear()
                chunks.clear()
                waiting = 0

            # The thread count is set before the writer thread starts and reset after it ends: never while
            # it is using the connection.
            with _threads(store, config.store_threads_with_workers if pool is not None else None), \
                    _progress(None, progress) as bar, _Writer(store, report) as writer:
                for result in _results(todo(), pool, workers, config, schemas):
                    if isinstance(result, Skipped):
                        bar.update(1)
                        skip(result)
                        continue
                    if isinstance(result, RowBatch):
                        chunks.append(result)
                        n = result.n_articles
                    else:
                        records.append(result)
                        n = 1
                    bar.update(n)
                    waiting += n
                    if waiting >= config.batch_size:
                        flush()
                flush()
        report.timings["store"] = clock.lap()
        if merge:
            from .merge import merge_store

            report.events = merge_store(store, executor=pool, tasks=workers)
            report.timings["merge"] = clock.lap()
    return report


class _Clock:
    """Wall and CPU (this process, all its threads) seconds since the last lap."""

    def __init__(self) -> None:
        import time

        self._time = time
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = self._time.perf_counter(), self._time.process_time()
        out = (wall - self._wall, cpu - self._cpu)
        self._wall, self._cpu = wall, cpu
        return out


@contextlib.contextmanager
def _threads(store: Store, threads: int | None) -> Iterator[None]:
    """DuckDB's thread count set to ``threads`` in the block (None: left alone), then back to its default."""
    if threads is None:
        yield
        return
    store.con.execute(f"SET threads = {int(threads)}")
    try:
        yield
    finally:
        store.con.execute("RESET threads")


class _Writer:
    """Commits batches on a thread of its own, one at a time and in order: DuckDB releases the GIL while it
    inserts and syncs, so this process goes on handing out and collecting articles meanwhile: the workers
    have queued chunks to analyse instead of waiting for a commit. At most one batch waits while another
    is written (memory stays bounded); leaving the block, even on an error or Ctrl-C, waits for the last."""

    def __init__(self, store: Store, report: IngestReport):
        from concurrent.futures import ThreadPoolExecutor

        self._store, self._report = store, report
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="incidentmap-store")
        self._writing: Future | None = None

    def _add(self, rows: RowBatch) -> None:
        self._report.ingested += self._store.add_rows(rows)
        self._report.incidents += rows.n_incidents

    def write(self, rows: RowBatch) -> None:
        self.wait()
        self._writing = self._thread.submit(self._add, rows)

    def wait(self) -> None:
        """Until the batch being written is committed; raises what writing it raised."""
        if self._writing is not None:
            writing, self._writing = self._writing, None
            writing.result()

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.wait()
        finally:
            self._thread.shutdown(wait=True)


def _ingest_dask(store: Store, todo: Iterator[Document], *, root: Path, scheduler, workers: int, progress: bool,
                 report: IngestReport, skip: Callable[[Skipped], None]) -> None:
    from . import dask_engine

    with _progress(None, progress) as bar:
        def done(n: int, skipped: list) -> None:
            bar.update(n)
            for s in skipped:
                skip(s)

        dask_engine.run(todo, store=store, root=root, scheduler=scheduler, workers=workers, on_batch=done)
    before = store.counts()["incidents"]
    report.ingested += dask_engine.load_parquet(store, root)
    report.incidents += store.counts()["incidents"] - before
