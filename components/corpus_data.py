"""What the corpus page reads from the store, as plain data: filter options, the timeline by type group,
the map's points (aggregated when there are many), the event table and an event's articles.

Everything is computed by DuckDB over the open store of a :func:`components.corpus_store.store_session`,
filtered by the store's own :class:`~incidentmap.corpus.store.CorpusFilter` SQL: a filter change on a
million incidents costs a few column scans, never a Python loop over the rows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, fields

import pandas as pd

from incidentmap.corpus.store import CorpusFilter, EventRow, Store
from incidentmap.taxonomy import incident_types, types_by_event_type

__all__ = ["CorpusLimits", "LIMITS", "MapPoints", "AGG_PREFIX", "filter_options", "group_of", "group_order",
           "timeline_by_group", "count_events", "table_events", "event_by_id", "map_points", "event_feature",
           "events_frame", "articles_of", "TABLE_COLUMNS"]


@dataclass(frozen=True, slots=True)
class CorpusLimits:
    """How much the corpus page sends to the browser."""

    # Beyond this many located events the map gets one marker per place, then per grid cell: the issue's
    # map payload target is <= 3 MB, and one marker row costs ~150-250 bytes (5,000 -> ~1 MB).
    max_map_points: int = 5_000
    # A marker's evidence sentence, cut to this many characters in its popup (the event's card shows them
    # whole): 5,000 markers x (300 characters + ~150 of the rest) stays under the 3 MB payload target even
    # when no two events share a sentence.
    map_evidence_chars: int = 300
    # The first grid cell tried when places are too many (degrees); doubled until the cells are few enough.
    first_cell_deg: float = 0.25
    # Rows the event table shows (by date): more is not read by a person and costs seconds to send;
    # the caption says how many match, and the exports take them all.
    max_table_rows: int = 2_000
    # Articles listed under the map (newest first) for the current filter.
    max_articles: int = 200


LIMITS = CorpusLimits()
AGG_PREFIX = "agg:"  # the id of a marker standing for several events (never an event id: those start "e:")
# The precision a grid-cell marker shows ("grid cell, ±N km" in its popup): a display label, never stored. Not
# "region": the map draws region-level places as areas with a badge, which a cell of many events is not.
AGG_PRECISION = "grid cell"
_EVENT_COLUMNS = [f.name for f in fields(EventRow)]
_METRES_PER_DEGREE = 111_320.0


# --------------------------------------------------------------------------- groups


def group_of() -> dict[str, str]:
    """incident type slug -> its ACLED event type (the timeline's and the filter's groups)."""
    return {t.slug: str(group) for group, members in types_by_event_type().items() for t in members}


def group_order() -> list[str]:
    """The ACLED event types in ACLED's order (the timeline's stacking and legend order)."""
    return [str(group) for group in types_by_event_type()]


# --------------------------------------------------------------------------- reading


def filter_options(store: Store, *, events: str = "events") -> dict[str, list[tuple[str, int]]]:
    """(value, number of events) of every filterable column, most frequent first (``events``: the relation the
    events are read from, :func:`incidentmap.corpus.event_corrections.overlay_corrections`)."""
    con = store.con
    out: dict[str, list[tuple[str, int]]] = {}
    for name, column in (("countries", "country_code"), ("admin1", "admin1"), ("statuses", "status"),
                         ("precisions", "precision"), ("types", "incident_type")):
        out[name] = [(str(v), n) for v, n in con.execute(
            f"SELECT {column}, count(*) n FROM {events} WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1"
        ).fetchall()]
    out["actors"] = [(str(v), n) for v, n in con.execute(
        f"SELECT a, count(*) n FROM (SELECT unnest(actors) a FROM {events}) WHERE a IS NOT NULL AND a <> '' "
        "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 500").fetchall()]
    out["sources"] = [(str(v), n) for v, n in con.execute(
        "SELECT a.source, count(DISTINCT m.event_id) n FROM event_members m JOIN articles a ON a.id = m.article_id "
        f"WHERE a.source IS NOT NULL AND m.event_id IN (SELECT id FROM {events}) GROUP BY 1 ORDER BY n DESC, 1"
    ).fetchall()]
    return out


def timeline_by_group(store: Store, where: CorpusFilter, *, events: str = "events") -> list[tuple[dt.date, str, int]]:
    """(day, ACLED event type, events) for the stacked timeline, aggregated by DuckDB (by the first day of an
    event's date; undated ones are left out)."""
    groups = group_of()
    totals: dict[tuple[dt.date, str], int] = defaultdict(int)
    for day, slug, n in store.timeline(where=where, what=events):
        totals[(day, groups.get(slug, "Other"))] += n
    return [(day, group, n) for (day, group), n in sorted(totals.items())]


def count_events(store: Store, where: CorpusFilter, *, events: str = "events") -> int:
    clause, params = where.sql("events")
    return int(store.one(f"SELECT count(*) FROM {events}{clause}", params) or 0)


def table_events(store: Store, where: CorpusFilter, *, limit: int = LIMITS.max_table_rows,
                 events: str = "events") -> list[EventRow]:
    """The first ``limit`` matching events by date (then id): the table's rows."""
    clause, params = where.sql("events")
    sql = f"SELECT {', '.join(_EVENT_COLUMNS)} FROM {events}{clause} ORDER BY date_start NULLS LAST, id LIMIT ?"
    return [EventRow(*r) for r in store.con.execute(sql, [*params, int(limit)]).fetchall()]


def event_by_id(store: Store, event_id: str, *, events: str = "events") -> EventRow | None:
    rows = store.con.execute(f"SELECT {', '.join(_EVENT_COLUMNS)} FROM {events} WHERE id = ?", [event_id]).fetchall()
    return EventRow(*rows[0]) if rows else None


def articles_of(store: Store, event_ids: list[str], *, limit: int = LIMITS.max_articles) -> tuple[list[dict], int]:
    """The articles reporting these events (the table's: at most ``max_table_rows``, so this stays cheap
    on any store), newest first, at most ``limit``; and how many there are."""
    base = "SELECT DISTINCT article_id FROM event_members WHERE event_id IN (SELECT unnest(?::VARCHAR[]))"
    ids = list(event_ids)
    total = int(store.one(f"SELECT count(*) FROM ({base})", [ids]) or 0)
    rows = store.con.execute(
        f"SELECT id, title, url, source, published, file_name, n_incidents FROM articles WHERE id IN ({base}) "
        f"ORDER BY published DESC NULLS LAST, id LIMIT ?", [ids, int(limit)]).fetchall()
    keys = ("id", "title", "url", "source", "published", "file_name", "n_incidents")
    return [dict(zip(keys, r)) for r in rows], total


# --------------------------------------------------------------------------- the map


@dataclass(frozen=True, slots=True)
class MapPoints:
    features: list[dict]  # GeoJSON-like features for components.map_view.build_payload
    level: str  # "event" (one marker per event), "place" (per place) or "cell" (per grid cell)
    located: int  # matching events with a location
    cell_deg: float | None = None


def event_feature(row: EventRow, *, evidence_chars: int = LIMITS.map_evidence_chars) -> dict:
    """An event as the map's incident feature: the same properties the article page's incidents carry."""
    label = incident_types().get(row.incident_type)
    evidence = row.evidence or ""
    if len(evidence) > evidence_chars:
        evidence = evidence[: evidence_chars - 1] + "…"
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]} if row.lat is not None and row.lon is not None
        else None,
        "properties": {
            "id": row.id, "incident_type": row.incident_type, "label": label.label if label else row.incident_type,
            "place": row.place_name, "place_key": row.place_key, "precision": row.precision,
            "uncertainty_m": row.uncertainty_m, "date": row.date, "status": row.status, "fatalities": row.fatalities,
            "actors": list(row.actors or []), "evidence": evidence, "n_sources": row.n_sources,
        },
    }


def map_points(store: Store, where: CorpusFilter, *, limits: CorpusLimits = LIMITS, events: str = "events") -> MapPoints:
    """The map's markers: every located event, or, beyond ``limits.max_map_points``, one marker per place and
    then per grid cell (the coarsest that fits). An aggregate marker's circle bounds every event in it."""
    clause, params = where.sql("events")
    located = clause + (" AND " if clause else " WHERE ") + "lat IS NOT NULL AND lon IS NOT NULL"
    # Counting distinct places or cells stops at limit + 1 (DuckDB then ends the scan early): a million
    # events cost milliseconds, where a full distinct count of places costs ~0.3 s.
    cap = limits.max_map_points + 1

    def distinct(columns: str, extra: list) -> int:
        return int(store.one(f"SELECT count(*) FROM (SELECT DISTINCT {columns} FROM {events}{located} LIMIT ?)",
                             [*extra, *params, cap]) or 0)

    n = int(store.one(f"SELECT count(*) FROM {events}{located}", params) or 0)
    if n <= limits.max_map_points:
        sql = f"SELECT {', '.join(_EVENT_COLUMNS)} FROM {events}{located} ORDER BY date_start NULLS LAST, id"
        return MapPoints([event_feature(EventRow(*r), evidence_chars=limits.map_evidence_chars)
                          for r in store.con.execute(sql, params).fetchall()], "event", n)
    if distinct("place_key, lat, lon", []) <= limits.max_map_points:
        sql = (f"SELECT any_value(place_name), any_value(precision), lat, lon, max(coalesce(uncertainty_m, 0)), "
               f"count(*), mode(incident_type), sum(fatalities), min(date_start), max(date_end) "
               f"FROM {events}{located} GROUP BY place_key, lat, lon ORDER BY 6 DESC")
        rows = store.con.execute(sql, params).fetchall()
        return MapPoints([_aggregate(k, *r) for k, r in enumerate(rows)], "place", n)
    size = limits.first_cell_deg
    while size < 90 and distinct("floor(lat / ?), floor(lon / ?)", [size, size]) > limits.max_map_points:
        size *= 2
    # The cell's centre, and a radius from it that reaches every corner (a degree of longitude is never longer
    # than one of latitude) plus the largest uncertainty inside: the circle bounds every event of the cell.
    half_diagonal = size * _METRES_PER_DEGREE * math.sqrt(2) / 2
    sql = (f"SELECT count(DISTINCT place_key) || ' places, most events at ' || mode(place_name), ?, "
           f"(cy + 0.5) * ?, (cx + 0.5) * ?, ? + max(coalesce(uncertainty_m, 0)), "
           f"count(*), mode(incident_type), sum(fatalities), min(date_start), max(date_end) "
           f"FROM (SELECT *, floor(lat / ?) AS cy, floor(lon / ?) AS cx FROM {events}{located}) "
           f"GROUP BY cy, cx ORDER BY 6 DESC")
    rows = store.con.execute(sql, [AGG_PRECISION, size, size, half_diagonal, size, size, *params]).fetchall()
    return MapPoints([_aggregate(k, *r) for k, r in enumerate(rows)], "cell", n, cell_deg=size)


def _aggregate(k: int, place, precision, lat, lon, uncertainty, n, top_type, fatalities, first, last) -> dict:
    taxonomy = incident_types()
    label = taxonomy[top_type].label if top_type in taxonomy else str(top_type)
    span = first.isoformat() if first and first == last else (f"{first.isoformat()}/{last.isoformat()}" if first else "")
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
        "properties": {
            "id": f"{AGG_PREFIX}{k}", "incident_type": top_type, "label": label, "place": place or "?",
            "place_key": f"{AGG_PREFIX}{k}", "precision": precision, "uncertainty_m": float(uncertainty or 0),
            "date": span, "status": None, "fatalities": int(fatalities) if fatalities is not None else None,
            "actors": [], "evidence": f"{n:,} events here (most often: {label}). Zoom in with the filters to see each one.",
        },
    }


# --------------------------------------------------------------------------- the table

TABLE_COLUMNS = ["Type", "Place", "Country", "Date", "Status", "Fatalities", "Sources", "Actors", "Precision",
                 "Evidence", "Corrected", "ID"]


def events_frame(rows: list[EventRow], *, corrected: Collection[str] = ()) -> pd.DataFrame:
    """One table row per event, in the given order (the map's order); ``corrected``: the ids of the events an
    analyst's corrections of their members changed."""
    taxonomy = incident_types()
    df = pd.DataFrame({
        "Type": [taxonomy[r.incident_type].label if r.incident_type in taxonomy else r.incident_type for r in rows],
        "Place": [r.place_name or "(no location)" for r in rows],
        "Country": [" · ".join(x for x in (r.country_code, r.admin1) if x) for r in rows],
        "Date": [r.date or "" for r in rows],
        "Status": [r.status or "" for r in rows],
        "Fatalities": pd.array([r.fatalities for r in rows], dtype="Int64"),
        "Sources": pd.array([r.n_sources for r in rows], dtype="Int64"),
        "Actors": [list(r.actors or []) for r in rows],
        "Precision": [r.precision or "" for r in rows],
        "Evidence": [r.evidence or "" for r in rows],
        "Corrected": [r.id in corrected for r in rows],
        "ID": [r.id for r in rows],
    }, columns=TABLE_COLUMNS)
    return df
