"""The corpus store: one embedded DuckDB file holding articles, their places and incidents, and events.

Why DuckDB: a columnar, embedded SQL engine (no server to run), fast at the aggregations a timeline needs
over millions of rows, and it reads and writes Parquet directly (exports, the Dask engine's partitions).

Tables (``SCHEMA_VERSION`` in ``schema_version``; columns in ``_DDL`` below). No secondary indexes: DuckDB
scans columns with zone maps, and ART indexes would slow the bulk rewrites of a merge.

* ``articles``      one row per distinct article text (``hash`` = SHA-256 of the analysed text, unique)
* ``places``        every place an article mentions, as the pipeline resolved it
* ``incidents``     one row per incident, with its article, place, location, date interval and evidence, and
                    ``days``: the days the event spans ("twelve killed in three days of clashes": 3; ACLED exports
                    split its dead over them); ACLED's actor columns (``actor1``, ``assoc_actor_1``, ``inter1``,
                    ``actor2``, ``assoc_actor_2``, ``inter2``, ``interaction``: :data:`ACLED_ACTOR_COLUMNS`) and
                    ``admin2``, as :func:`incidentmap.export.incident_properties` derives them; and ACLED's
                    ``acled_event_type``/``acled_sub_event_type`` (:data:`ACLED_TYPE_COLUMNS`): the pair that
                    function exports, resolved at ingest (:func:`incidentmap.incidents.coding.acled_types`: the
                    recoding by who acted when there is one, a crowd setting fire to a bus being Riots/Violent
                    demonstration, else the taxonomy's mapping of the incident type as it then was). The pair,
                    not only the recoding (``Incident.acled_sub_event_type``, "" for the taxonomy's): a row holds
                    what its ACLED export says, as it holds the actor columns (sided by that event type), so a
                    later change of the taxonomy's mapping does not reach rows already stored (ingest skips stored
                    texts). Added in schema version 4, after the rest (for the rows of an older file ``days`` is 1
                    and the others NULL, not recorded: a read-write open adds the columns, a read-only open of one
                    reads those values; the exports then take the types from the taxonomy's mapping)
* ``events``        incidents from one or more articles merged into one event (:mod:`.merge`); ``n_sources``
                    is the number of distinct articles among its members, ``n_incidents`` of members
* ``event_members`` which incidents make each event: every incident belongs to exactly one event
* ``corrections``   an analyst's corrections (:mod:`incidentmap.corrections`), keyed by (article ``hash``,
                    machine incident id in that article), never joined into the machine's rows: they are
                    laid over them at read time. ``value``/``original`` are JSON text; undo sets ``undone_at``
                    (the history stays). Added in schema version 2: opening a version-1 file read-write adds
                    the table (a read-only open of one reads it without corrections).
* ``merge_state``   one row: the fingerprint of the merge rules the events were built with (:func:`.merge.fingerprint`),
                    so that a later ingest merges only its new incidents into them when the rules are the same,
                    and rebuilds every event when they are not. Added in schema version 3 (empty after the
                    migration: the first merge then rebuilds the events and records it).

Ids are strings: an article's id is the first 16 hex digits of its hash, a place's ``<article>:<key>``,
an incident's ``<article>:<incident id in its article>``, an event's ``e:<its first member's id>``. They
are the same on every machine for the same text, so a re-ingest or a Dask run gives the same ids.

Reading (for the pages and the exports), all keyword-only, all filtered by one :class:`CorpusFilter`::

    with Store(path, read_only=True) as store:
        where = CorpusFilter(date_from=dt.date(2024, 6, 1), types=("riot",), countries=("KE",))
        store.events(where=where)          # list[EventRow]
        store.incidents(where=where)       # list[IncidentRow]
        store.event_members(event_ids=[...])   # {event id: [MemberRow, ...]}
        store.articles(ids=[...])          # list[ArticleRow]
        store.table("events", where=where) # a pyarrow.Table, for large results (to_pandas() for a page)
        store.timeline(where=where)        # [(day, incident type, number of events)], aggregated by DuckDB
        store.article_text(article_id=...) # the analysed text every offset refers to (open it on the article page)
        store.counts()                     # {"articles": n, "incidents": n, "events": n}

A filter on sources, actors or articles keeps an event when any member matches. Open the store
``read_only=True`` in a page: DuckDB lets one process write a file, or many read it.

Writing: :meth:`Store.add_rows` (ingest: a :class:`RowBatch` of Arrow columns built in the workers, bulk-inserted
in one transaction), :meth:`Store.add_articles` (the same from :class:`ArticleRecord` dicts, already stored
hashes skipped) and :meth:`Store.replace_events` (merge); :meth:`Store.add_correction` and :meth:`Store.undo_correction`
(the corrections panel), read back with :meth:`Store.corrections`.
"""

from __future__ import annotations

import atexit
import datetime as dt
import gc
from collections.abc import Iterable, Sequence
import json
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..settings import default_db_path

if TYPE_CHECKING:
    from ..corrections import Correction

__all__ = [
    "SCHEMA_VERSION",
    "ACLED_ACTOR_COLUMNS",
    "ACLED_TYPE_COLUMNS",
    "ArticleRecord",
    "ArticleRow",
    "ROW_TABLES",
    "RowBatch",
    "CorpusFilter",
    "EVENTS_OVERLAID",
    "EventRow",
    "IncidentRow",
    "MemberRow",
    "Store",
    "date_bounds",
]

SCHEMA_VERSION = 4
# Older versions this code still opens: read-write opens migrate them (_MIGRATIONS), read-only ones read them.
READABLE_VERSIONS = (1, 2, 3, 4)
_V4 = 4  # the version that added incidents.days and the ACLED columns (_V4_COLUMNS)
# ACLED's actor columns of an incident, named as incidentmap.export.incident_properties names them.
ACLED_ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction")
# ACLED's event and sub-event type of an incident as incidentmap.export.incident_properties exports them: the
# resolved pair (recoded by who acted, else the taxonomy's mapping of the type), both set or both NULL.
ACLED_TYPE_COLUMNS = ("acled_event_type", "acled_sub_event_type")
# The incidents columns version 4 added, in table order: name -> (SQL type, what a row without it reads). Last in
# the table, so a migrated file (ALTER TABLE … ADD COLUMN appends) and a new one have the same columns in the same
# order. An older file's rows read days 1 and the others NULL: their actors were not recorded (not "no actor"), nor
# their ACLED types (read from the taxonomy then).
_V4_COLUMNS = {
    "days": ("INTEGER DEFAULT 1", "1"),
    **{c: ("INTEGER", "NULL::INTEGER") if c.startswith("inter") else ("VARCHAR", "NULL::VARCHAR")
       for c in ACLED_ACTOR_COLUMNS},
    "admin2": ("VARCHAR", "NULL::VARCHAR"),
    **{c: ("VARCHAR", "NULL::VARCHAR") for c in ACLED_TYPE_COLUMNS},
}
_V4_DDL_COLUMNS = ", ".join(f"{name} {kind}" for name, (kind, _) in _V4_COLUMNS.items())

_DDL = f"""
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, hash VARCHAR NOT NULL UNIQUE, url VARCHAR, title VARCHAR, source VARCHAR,
    published DATE, file_name VARCHAR, text VARCHAR NOT NULL, ingested_at TIMESTAMP,
    n_places INTEGER, n_incidents INTEGER, warnings VARCHAR[]
);
CREATE TABLE IF NOT EXISTS places (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, key VARCHAR NOT NULL, name VARCHAR, kind VARCHAR,
    precision VARCHAR, lat DOUBLE, lon DOUBLE, uncertainty_m DOUBLE, country_code VARCHAR, admin1 VARCHAR,
    source VARCHAR, source_id VARCHAR, geonameid BIGINT, confidence DOUBLE, mention_count INTEGER
);
CREATE TABLE IF NOT EXISTS incidents (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, local_id VARCHAR NOT NULL, incident_type VARCHAR NOT NULL,
    place_id VARCHAR, place_key VARCHAR, place_name VARCHAR, country_code VARCHAR, admin1 VARCHAR,
    lat DOUBLE, lon DOUBLE, precision VARCHAR, uncertainty_m DOUBLE,
    date VARCHAR, date_start DATE, date_end DATE, date_precision VARCHAR, date_text VARCHAR, published DATE,
    status VARCHAR, fatalities INTEGER, injuries INTEGER, arrests INTEGER, count_text VARCHAR, actors VARCHAR[],
    mention VARCHAR, evidence VARCHAR, start_offset INTEGER, end_offset INTEGER, trigger VARCHAR, confidence DOUBLE,
    {_V4_DDL_COLUMNS}
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR NOT NULL, incident_type VARCHAR NOT NULL, place_name VARCHAR, place_key VARCHAR,
    country_code VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, precision VARCHAR, uncertainty_m DOUBLE,
    date VARCHAR, date_start DATE, date_end DATE, date_precision VARCHAR, status VARCHAR, fatalities INTEGER,
    n_sources INTEGER, n_incidents INTEGER, actors VARCHAR[], evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS event_members (event_id VARCHAR NOT NULL, incident_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL, position INTEGER NOT NULL);
"""
_CORRECTIONS_DDL = """
CREATE TABLE IF NOT EXISTS corrections (
    id BIGINT PRIMARY KEY, article_hash VARCHAR NOT NULL, incident_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    value VARCHAR NOT NULL, original VARCHAR, created_at TIMESTAMP NOT NULL, undone_at TIMESTAMP
);
"""
_MERGE_STATE_DDL = """
CREATE TABLE IF NOT EXISTS merge_state (rules VARCHAR NOT NULL, merged_at TIMESTAMP NOT NULL);
"""
_DDL += _CORRECTIONS_DDL + _MERGE_STATE_DDL
_V4_DDL = tuple(f"ALTER TABLE incidents ADD COLUMN IF NOT EXISTS {name} {kind};"
                for name, (kind, _) in _V4_COLUMNS.items())

# version -> the (idempotent) statements that take a file of that version to the next one.
_MIGRATIONS = {1: (_CORRECTIONS_DDL,), 2: (_MERGE_STATE_DDL,), 3: _V4_DDL}


def date_bounds(date: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of an incident's ``date`` ("YYYY-MM-DD" or an ISO interval "a/b")."""
    if not date:
        return None, None
    try:
        if "/" in date:
            a, b = date.split("/", 1)
            return dt.date.fromisoformat(a), dt.date.fromisoformat(b)
        day = dt.date.fromisoformat(date)
        return day, day
    except ValueError:
        return None, None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One analysed article, ready to store: plain dicts keyed by column name (what a worker returns)."""

    article: dict[str, Any]
    places: list[dict[str, Any]] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)


ROW_TABLES = ("articles", "places", "incidents")  # what ingest writes, in this order (a RowBatch's tables)


@dataclass(frozen=True, slots=True)
class RowBatch:
    """Analysed articles as columns: one Arrow table per table of :data:`ROW_TABLES`, typed by the store's
    own schema (:meth:`Store.arrow_schemas`). Why: the one process that writes the store should not turn a
    dict per row into columns; the workers do that, the writer unpickles a few buffers and bulk-inserts them.
    ``articles.ingested_at`` is left empty: :meth:`Store.add_rows` sets it."""

    articles: Any  # pyarrow.Table
    places: Any
    incidents: Any

    @property
    def n_articles(self) -> int:
        return self.articles.num_rows

    @property
    def n_incidents(self) -> int:
        return self.incidents.num_rows

    @classmethod
    def from_records(cls, records: Sequence[ArticleRecord], *, schemas: dict) -> RowBatch:
        import pyarrow as pa

        rows = {"articles": [r.article for r in records], "places": [p for r in records for p in r.places],
                "incidents": [i for r in records for i in r.incidents]}
        return cls(**{t: pa.Table.from_pylist(rows[t], schema=schemas[t]) for t in ROW_TABLES})

    def __reduce__(self):
        # Sent from a worker to the writing process as one Arrow IPC stream per table: a pickled Table is
        # a graph of schema, array and buffer objects that the (serial) writer rebuilds one by one; a
        # stream is one buffer it reads without copying (1,500 articles in chunks of 16: unpickling
        # 0.37 -> 0.16 ms a chunk, and the worker's pickling 0.57 -> 0.34 ms).
        return _row_batch_from_ipc, tuple(_ipc_bytes(getattr(self, t)) for t in ROW_TABLES)

    @classmethod
    def concat(cls, batches: Sequence[RowBatch]) -> RowBatch:
        """One batch of all of ``batches`` (same schemas), each column in one piece: DuckDB inserts a column
        of many small chunks a short vector per chunk, and the one copy here is cheaper than that (a 400-article
        batch from chunks of 16: 0.12-0.14 s of DuckDB's CPU for 1,500 articles, 0.10-0.12 s with the copy)."""
        import pyarrow as pa

        if len(batches) == 1:
            return batches[0]
        return cls(**{t: pa.concat_tables([getattr(b, t) for b in batches]).combine_chunks() for t in ROW_TABLES})


def _ipc_bytes(table):
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _row_batch_from_ipc(*buffers) -> RowBatch:
    import pyarrow as pa

    return RowBatch(*(pa.ipc.open_stream(b).read_all() for b in buffers))


@dataclass(frozen=True, slots=True)
class CorpusFilter:
    """What the pages and exports filter by; empty tuples and None mean "any".

    A date range keeps incidents/events whose date interval overlaps it (undated ones are then left out).
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()  # any of these among the actors
    sources: tuple[str, ...] = ()  # an article from one of these outlets (for an event: any of its members')
    article_ids: tuple[str, ...] = ()  # from one of these articles (for an event: any of its members')

    def sql(self, table: str = "incidents") -> tuple[str, list]:
        """A WHERE clause (or "") and its parameters over ``table``: "incidents" or "events"."""
        if table not in ("incidents", "events"):
            raise StoreError(f"cannot filter {table!r}: incidents or events")
        p = ""
        clauses: list[str] = []
        params: list = []
        if self.date_from is not None:
            clauses.append(f"{p}date_end >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            clauses.append(f"{p}date_start <= ?")
            params.append(self.date_to)
        for column, values in (("incident_type", self.types), ("country_code", self.countries),
                               ("admin1", self.admin1), ("status", self.statuses), ("precision", self.precisions)):
            if values:
                clauses.append(f"{p}{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        if self.actors:
            clauses.append("list_has_any(actors, ?::VARCHAR[])")
            params.append(list(self.actors))
        for column, values in (("source", self.sources), ("id", self.article_ids)):
            if not values:
                continue
            articles = f"SELECT id FROM articles WHERE {column} IN (SELECT unnest(?::VARCHAR[]))"
            if table == "incidents":
                clauses.append(f"article_id IN ({articles})")
            else:
                clauses.append(f"id IN (SELECT event_id FROM event_members WHERE article_id IN ({articles}))")
            params.append(list(values))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    hash: str
    url: str | None
    title: str | None
    source: str | None
    published: dt.date | None
    file_name: str | None
    n_places: int
    n_incidents: int


@dataclass(frozen=True, slots=True)
class IncidentRow:
    id: str
    article_id: str
    local_id: str
    incident_type: str
    place_id: str | None
    place_key: str | None
    place_name: str | None
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    uncertainty_m: float | None
    date: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str | None
    date_text: str | None
    published: dt.date | None
    status: str | None
    fatalities: int | None
    injuries: int | None
    arrests: int | None
    count_text: str | None
    actors: list[str] | None
    mention: str | None
    evidence: str | None
    start_offset: int | None
    end_offset: int | None
    trigger: str | None
    confidence: float | None
    days: int = 1  # the days the event spans (schema version 4; 1 when the file or the row has none)
    # ACLED's actor columns and admin2 (schema version 4; None: not recorded, an older file's row)
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    admin2: str | None = None
    # ACLED's event and sub-event type as exported (schema version 4; None: not recorded, an older file's row)
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    incident_type: str
    place_name: str | None
    place_key: str | None
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    uncertainty_m: float | None
    date: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str | None
    status: str | None
    fatalities: int | None
    n_sources: int
    n_incidents: int
    actors: list[str] | None
    evidence: str | None


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One member incident of an event, with its article: what an event's ``members`` list shows."""

    event_id: str
    incident_id: str
    article_id: str
    title: str | None
    url: str | None
    file_name: str | None
    source: str | None
    published: dt.date | None
    incident_type: str
    place_name: str | None
    evidence: str | None
    start_offset: int | None
    end_offset: int | None
    fatalities: int | None = None  # the member's own figure and span: which one an event's ACLED rows split
    days: int = 1
    place_key: str | None = None  # which member's place the event has (its admin2 is that member's)
    # The member's ACLED actor columns and admin2 (None: not recorded): what an event's ACLED row takes
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    admin2: str | None = None
    # The member's ACLED types (None: not recorded): what an event's ACLED row takes, with its actor columns
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    # The member's id in its article (incidents.local_id): with the article's hash, its corrections' key
    local_id: str | None = None


def _columns(cls) -> list[str]:
    return [f.name for f in fields(cls)]


# The temporary view :meth:`Store.overlay_events` makes: the events as an analyst's corrections make them.
EVENTS_OVERLAID = "events_overlaid"
_INCIDENT_COLUMNS = _columns(IncidentRow)
_EVENT_COLUMNS = _columns(EventRow)
_ARTICLE_COLUMNS = _columns(ArticleRow)


@lru_cache(maxsize=1)
def _unfreeze_at_exit() -> None:
    """The gazetteer freezes the garbage collector's view of every object alive when it loads (gc.freeze in
    gazetteer.default_gazetteer), DuckDB's objects among them if DuckDB came first; frozen objects are never
    freed, and DuckDB's bindings then print "leaked instances" at exit. Unfreezing at exit lets them go."""
    atexit.register(gc.unfreeze)


class Store:
    """A corpus store in one DuckDB file; created (with its schema) on first open unless ``read_only``."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        import duckdb  # imported here: the one-article pipeline does not need it

        _unfreeze_at_exit()

        self.path = Path(path) if path is not None else default_db_path()
        self._schemas: dict | None = None
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif not self.path.exists():
            raise StoreError(f"no corpus store at {self.path}: ingest articles first (python -m incidentmap ingest)")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the corpus store {self.path}: {exc}") from exc
        if not read_only:
            self._create()
        version = self.schema_version()
        if version not in READABLE_VERSIONS:
            self.con.close()
            raise StoreError(f"{self.path} has store schema version {version}; this version of Incident Map "
                             f"reads versions {', '.join(map(str, READABLE_VERSIONS))}. Ingest into a new file (--db).")
        self.version = version

    # --- life cycle ---

    def one(self, sql: str, params: list | None = None):
        """The first column of the first row (None if no row). Fetches the whole result: DuckDB refuses the
        next statement on a connection whose last result was not read to the end."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None

    def _create(self) -> None:
        """Create the tables of a new file, or migrate an older one (one transaction per version step)."""
        found = self.schema_version()  # None: a new file (or not ours: refused below)
        if found == SCHEMA_VERSION or (found is not None and found not in READABLE_VERSIONS):
            return  # up to date (the page opens the store at every rerun: no DDL then), or refused below
        self.con.execute(_DDL)  # CREATE … IF NOT EXISTS: a new file gets everything
        if self.one("SELECT count(*) FROM schema_version") == 0:
            self.con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
            return
        version = self.schema_version()
        while version < SCHEMA_VERSION:
            self.con.execute("BEGIN TRANSACTION")
            try:
                for sql in _MIGRATIONS[version]:
                    self.con.execute(sql)
                self.con.execute("UPDATE schema_version SET version = ?", [version + 1])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
            version += 1

    def schema_version(self) -> int | None:
        try:
            return self.one("SELECT max(version) FROM schema_version")
        except Exception:  # noqa: BLE001 - not a store of ours (no such table)
            return None

    def close(self) -> None:
        self.con.close()

    def checkpoint(self) -> None:
        """Write what is committed from the write-ahead log into the file (closing does it too, for the rest)."""
        self.con.execute("CHECKPOINT")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing ---

    def known_hashes(self, hashes: Iterable[str] | None = None) -> set[str]:
        """The article hashes already stored (all of them, or those among ``hashes``)."""
        if hashes is None:
            return {r[0] for r in self.con.execute("SELECT hash FROM articles").fetchall()}
        wanted = list(set(hashes))
        if not wanted:
            return set()
        rows = self.con.execute("SELECT hash FROM articles WHERE hash IN (SELECT unnest(?))", [wanted]).fetchall()
        return {r[0] for r in rows}

    def arrow_schemas(self) -> dict:
        """The Arrow schema of each table of :data:`ROW_TABLES` and of ``event_members``, read from the
        store itself: what the workers build their :class:`RowBatch` columns with."""
        if self._schemas is None:
            self._schemas = {t: self.con.sql(f"SELECT * FROM {t} LIMIT 0").to_arrow_table().schema
                             for t in (*ROW_TABLES, "event_members")}
        return self._schemas

    def _insert(self, table: str, rows, *, select: str = "*", params: list | None = None) -> None:
        """Bulk-insert ``rows`` (a pyarrow Table, or dicts keyed by column) into ``table``, by column name."""
        import pyarrow as pa

        if not isinstance(rows, pa.Table):
            rows = pa.Table.from_pylist(list(rows))
        if rows.num_rows == 0:
            return
        self.con.register("_batch", rows)
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT {select} FROM _batch", params or [])
        self.con.unregister("_batch")  # on failure the caller rolls back; the next register replaces the view

    def add_rows(self, rows: RowBatch) -> int:
        """Bulk-insert a :class:`RowBatch` in one transaction; returns how many articles were added.

        The caller leaves out articles already stored (ingest reads :meth:`known_hashes` once and keeps the
        hashes it has seen): one stored again breaks the ``hash`` constraint and the whole batch is rolled
        back. All or nothing: an interrupted batch leaves the store as before it.
        """
        if rows.n_articles == 0:
            return 0
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._insert("articles", rows.articles, select="* REPLACE (?::TIMESTAMP AS ingested_at)", params=[now])
            self._insert("places", rows.places)
            self._insert("incidents", rows.incidents)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return rows.n_articles

    def add_articles(self, records: Sequence[ArticleRecord]) -> int:
        """Store analysed articles in one transaction; those whose hash is already stored are skipped.

        Returns how many were added. All or nothing: an interrupted batch leaves the store as before it.
        """
        present = self.known_hashes(r.article["hash"] for r in records)
        fresh: dict[str, ArticleRecord] = {}
        for record in records:
            h = record.article["hash"]
            if h not in present and h not in fresh:
                fresh[h] = record
        if not fresh:
            return 0
        return self.add_rows(RowBatch.from_records(list(fresh.values()), schemas=self.arrow_schemas()))

    def replace_events(self, members, *, events_sql: str, params: list | None = None, rules: str | None = None,
                       drop: Sequence[str] | None = None) -> None:
        """Replace memberships (rows of event_members: a pyarrow Table or dicts) and the events computed
        from them by ``events_sql`` (an INSERT INTO events … over event_members and incidents), in one
        transaction. ``drop``: the ids of the events replaced (the others stay as they are); None: all of
        them. ``rules``: the merge rules' fingerprint, recorded in ``merge_state``."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            if drop is None:
                self.con.execute("DELETE FROM event_members")
                self.con.execute("DELETE FROM events")
            elif drop:
                self.con.execute("DELETE FROM event_members WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [list(drop)])
                self.con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(drop)])
            self._insert("event_members", members)
            self.con.execute(events_sql, params or [])
            if rules is not None:
                now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
                self.con.execute("DELETE FROM merge_state")
                self.con.execute("INSERT INTO merge_state VALUES (?, ?)", [rules, now])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def merge_rules(self) -> str | None:
        """The fingerprint of the rules the events were last merged with (None: unknown, rebuild them)."""
        if self.version < 3:
            return None  # an older file opened read-only
        return self.one("SELECT rules FROM merge_state")

    # --- corrections (incidentmap.corrections) ---

    def add_correction(self, correction: Correction) -> Correction:
        """Store a correction; returns it with its id and time (UTC) set."""
        from ..corrections import with_ids

        self._writable_corrections()
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        value, original = correction.to_json()
        self.con.execute("BEGIN TRANSACTION")
        try:
            new_id = self.one("SELECT coalesce(max(id), 0) + 1 FROM corrections")
            self.con.execute("INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                             [new_id, correction.article_hash, correction.incident_id, str(correction.kind),
                              value, original, now])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return with_ids(correction, id=new_id, created_at=now)

    def corrections(self, *, article_hash: str | None = None, incident_id: str | None = None,
                    include_undone: bool = False) -> list[Correction]:
        """Corrections (of one article, or one incident of it), oldest first; undone ones only if asked."""
        from ..corrections import Correction
        from ..models import CorrectionKind

        if self.version < 2:
            return []  # a version-1 file opened read-only: it has no corrections
        clauses, params = [], []
        for column, value in (("article_hash", article_hash), ("incident_id", incident_id)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if not include_undone:
            clauses.append("undone_at IS NULL")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.con.execute("SELECT id, article_hash, incident_id, kind, value, original, created_at, undone_at"
                                f" FROM corrections{where} ORDER BY created_at, id", params).fetchall()
        return [Correction(article_hash=h, incident_id=i, kind=CorrectionKind(k), value=json.loads(v),
                           original=json.loads(o) if o else {}, created_at=at, id=cid, undone_at=undone)
                for cid, h, i, k, v, o, at, undone in rows]

    def undo_correction(self, *, article_hash: str, incident_id: str | None = None,
                        correction_id: int | None = None) -> Correction | None:
        """Undo one correction of this article: ``correction_id``, else the latest active one (of
        ``incident_id`` if given). It is marked undone, not deleted. Returns it, or None if none was active."""
        self._writable_corrections()
        active = self.corrections(article_hash=article_hash, incident_id=incident_id)
        if correction_id is not None:
            active = [c for c in active if c.id == correction_id]
        if not active:
            return None
        target = active[-1]
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.con.execute("UPDATE corrections SET undone_at = ? WHERE id = ?", [now, target.id])
        return replace(target, undone_at=now)

    def _writable_corrections(self) -> None:
        if self.version < 2:
            raise StoreError(f"{self.path} is a version-{self.version} store opened read-only: "
                             "open it read-write once to add the corrections table")

    # --- reading ---

    def counts(self) -> dict[str, int]:
        return {t: self.one(f"SELECT count(*) FROM {t}")
                for t in ("articles", "incidents", "events")}

    def _v4(self, name: str, prefix: str = "") -> str:
        """What reads ``incidents.<name>``, a column version 4 added: its value where it is missing (an older file
        opened read-only has no column; a row inserted without it has NULL: ``days`` then reads 1)."""
        missing = _V4_COLUMNS[name][1]
        if self.version < _V4:
            return missing
        return f"{prefix}{name}" if missing.startswith("NULL") else f"coalesce({prefix}{name}, {missing})"

    def _star(self, name: str) -> str:
        """Every column of ``name``, those version 4 added read as :meth:`_v4` does (last, as in a version-4 file)."""
        if name != "incidents":
            return "*"
        if self.version < _V4:
            return ", ".join(["*", *(f"{self._v4(c)} AS {c}" for c in _V4_COLUMNS)])
        read = [f"{self._v4(c)} AS {c}" for c in _V4_COLUMNS if self._v4(c) != c]
        return f"* REPLACE ({', '.join(read)})" if read else "*"

    def _rows(self, cls, sql: str, params: list) -> list:
        return [cls(*row) for row in self.con.execute(sql, params).fetchall()]

    def articles(self, *, ids: Sequence[str] | None = None) -> list[ArticleRow]:
        """Articles (all, or those with ``ids``), newest publication first."""
        sql = f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles"
        params: list = []
        if ids is not None:
            sql += " WHERE id IN (SELECT unnest(?))"
            params.append(list(ids))
        return self._rows(ArticleRow, sql + " ORDER BY published DESC NULLS LAST, id", params)

    def article_text(self, *, article_id: str) -> str:
        rows = self.con.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchall()
        if not rows:
            raise StoreError(f"no article {article_id!r} in {self.path}")
        return rows[0][0]

    def incidents(self, *, where: CorpusFilter | None = None, ids: Sequence[str] | None = None) -> list[IncidentRow]:
        clause, params = (where or CorpusFilter()).sql()
        if ids is not None:
            clause += (" AND " if clause else " WHERE ") + "id IN (SELECT unnest(?))"
            params.append(list(ids))
        columns = ", ".join(f"{self._v4(c)} AS {c}" if c in _V4_COLUMNS else c for c in _INCIDENT_COLUMNS)
        sql = f"SELECT {columns} FROM incidents{clause} ORDER BY date_start NULLS LAST, id"
        return self._rows(IncidentRow, sql, params)

    def events(self, *, where: CorpusFilter | None = None, ids: Sequence[str] | None = None) -> list[EventRow]:
        clause, params = (where or CorpusFilter()).sql("events")
        if ids is not None:
            clause += (" AND " if clause else " WHERE ") + "id IN (SELECT unnest(?))"
            params.append(list(ids))
        sql = f"SELECT {', '.join(_EVENT_COLUMNS)} FROM events{clause} ORDER BY date_start NULLS LAST, id"
        return self._rows(EventRow, sql, params)

    def overlay_events(self, rows: Sequence[EventRow], *, hide: Sequence[str] = ()) -> str:
        """A view of ``events`` in which ``rows`` stand in for the stored events of the same ids and the events
        ``hide`` are left out; returns its name (:data:`EVENTS_OVERLAID`), to read in place of ``events``. A
        temporary view of this connection: the stored events are never rewritten (an analyst's corrections are
        laid over them at read time, :mod:`.event_corrections`), and it ends with the connection."""
        import pyarrow as pa

        self.con.execute("CREATE OR REPLACE TEMP TABLE event_overlay AS SELECT * FROM events LIMIT 0")
        table = pa.Table.from_pylist([{c: getattr(r, c) for c in _EVENT_COLUMNS} for r in rows])
        if table.num_rows:
            self.con.register("_overlay", table)
            self.con.execute("INSERT INTO event_overlay BY NAME SELECT * FROM _overlay")
            self.con.unregister("_overlay")
        self.con.execute("CREATE OR REPLACE TEMP TABLE event_hidden AS SELECT unnest(?::VARCHAR[]) AS id",
                         [sorted({*hide, *(r.id for r in rows)})])
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {EVENTS_OVERLAID} AS SELECT * FROM events "
                         "WHERE id NOT IN (SELECT id FROM event_hidden) UNION ALL BY NAME SELECT * FROM event_overlay")
        return EVENTS_OVERLAID

    def event_members(self, *, event_ids: Sequence[str] | None = None) -> dict[str, list[MemberRow]]:
        """Each event's members with their articles, in the merge's order (publication, article, position)."""
        sql = (f"SELECT m.event_id, m.incident_id, m.article_id, a.title, a.url, a.file_name, a.source, a.published,"
               f" i.incident_type, i.place_name, i.evidence, i.start_offset, i.end_offset,"
               f" i.fatalities, {self._v4('days', 'i.')}, i.place_key,"
               f" {', '.join(self._v4(c, 'i.') for c in (*ACLED_ACTOR_COLUMNS, 'admin2', *ACLED_TYPE_COLUMNS))},"
               f" i.local_id"
               f" FROM event_members m JOIN incidents i ON i.id = m.incident_id JOIN articles a ON a.id = m.article_id")
        params: list = []
        if event_ids is not None:
            sql += " WHERE m.event_id IN (SELECT unnest(?))"
            params.append(list(event_ids))
        out: dict[str, list[MemberRow]] = {}
        for row in self._rows(MemberRow, sql + " ORDER BY m.event_id, m.position", params):
            out.setdefault(row.event_id, []).append(row)
        return out

    def table(self, name: str, *, where: CorpusFilter | None = None):
        """``events`` or ``incidents`` as a pyarrow Table (columnar: for large results and Parquet)."""
        if name not in ("events", "incidents"):
            raise StoreError(f"unknown table {name!r}: events or incidents")
        clause, params = (where or CorpusFilter()).sql(name)
        sql = f"SELECT {self._star(name)} FROM {name}{clause} ORDER BY date_start NULLS LAST, id"
        return self.con.sql(sql, params=params).to_arrow_table()

    def timeline(self, *, where: CorpusFilter | None = None, what: str = "events") -> list[tuple[dt.date, str, int]]:
        """(day, incident type, count) of ``what`` ("events", "incidents", or the events as corrected:
        :data:`EVENTS_OVERLAID`, made by :meth:`overlay_events` on this connection) by the first day of their
        date, for the timeline; undated ones are left out. Aggregated by DuckDB, not in Python."""
        if what not in ("events", "incidents", EVENTS_OVERLAID):
            raise StoreError(f"unknown table {what!r}: events or incidents")
        clause, params = (where or CorpusFilter()).sql("incidents" if what == "incidents" else "events")
        clause += (" AND " if clause else " WHERE ") + "date_start IS NOT NULL"
        sql = f"SELECT date_start, incident_type, count(*) FROM {what}{clause} GROUP BY ALL ORDER BY ALL"
        return [tuple(r) for r in self.con.execute(sql, params).fetchall()]

    def write_parquet(self, name: str, path: str | Path, *, where: CorpusFilter | None = None) -> None:
        """``events`` or ``incidents`` (filtered) to a Parquet file, written by DuckDB itself."""
        if name not in ("events", "incidents"):
            raise StoreError(f"unknown table {name!r}: events or incidents")
        clause, params = (where or CorpusFilter()).sql(name)
        target = str(path).replace("'", "''")
        self.con.execute(f"COPY (SELECT {self._star(name)} FROM {name}{clause} ORDER BY date_start NULLS LAST, id) "
                         f"TO '{target}' (FORMAT parquet)", params)
