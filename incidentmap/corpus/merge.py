"""Merge incidents that report the same event, across articles, into events.

Two incidents may be one event when all of these hold (:func:`compatible`; thresholds in :class:`MergeRules`):

* **type**: compatible types: the same type, or two types ACLED codes as the same event and sub-event
  type (gunfire and the casualties it caused are one "Violence against civilians / Attack"). The catch-all
  sub-event "Other" does not make types compatible (a curfew is not an internet shutdown), and a few
  sub-event types are one act told at different detail (``MergeRules.one_act``: a rally broken up by
  police is the rally). Read from the taxonomy file, so a new type needs no change here.
* **status**: both reported, or both planned: an announced protest is not the protest reported later.
* **place**: the same gazetteer place, or places whose uncertainty circles overlap, when both are known
  to a city or better (a district inside a city merges with the city; two cities do not).
* **date**: when both are dated, their date intervals overlap. An incident dated only by its publication
  (date precision "unknown") happened, as far as we know, in the ``undated_window_days`` before it was
  published: a dated incident must fall in that window (a retrospective article published a week later
  does not reach back), and two undated ones must be published at most that many days apart.

  An incident its sentence does not date takes, for merging only, the dates of the dated incidents of
  its own article at the same place (from the first to the last of them): a news story states the day
  once ("on Thursday") and the sentences after it ("Police fired tear gas near Parliament Road") tell of
  that day, not of any day around the publication. The stored incident keeps its "unknown" date.

Merging is complete-linkage: an incident joins an event only if it is compatible with *every* member,
so a chain of near neighbours (Monday ~ Tuesday ~ Wednesday) never becomes one event. Incidents are taken
in a fixed order (publication, article, position), so a full rebuild always gives the same events.

Every rule above needs the same type group and the same status, so an event never spans two
(type group, status) partitions, and within one the events come out the same whoever else is merged: the
partitions are merged independently, in parallel when an executor is given (:func:`merge_store`), and the
result is the serial one, event for event and member for member (tests/test_corpus_parallel.py checks it).

**Incremental merge.** An ingest into a store that already has events merges only what its new incidents
can touch (:func:`merge_store`). The merge above decomposes over the connected components of the graph
linking every two compatible incidents whose index days meet (the pairs the blocked merge ever compares):
an incident joins the first event, in the order events are made, whose members are all compatible with it,
so what it does depends only on the events inside its own component, and each component comes out the same
whatever else is merged. The new incidents' components are found from them by a breadth-first search
through that graph (at each step DuckDB proposes the candidates, by partition, time bucket and latitude band
or place, and compatible() decides); only the incidents of those components are merged again, in the same
order, and only their old events are replaced. Every other event keeps its
members and its id. The result is the full rebuild's, event ids included (an event's id is its first
member's: an event a new, earlier-published incident joins at its head takes that incident's id, as a
rebuild would give it). Which incidents are new: those in no event (an interrupted ingest left its stored
incidents unmerged: the next run merges them). The events are rebuilt instead when the rules differ from
those recorded in the store (:func:`fingerprint`), when memberships do not match the incidents, or when
the new incidents are a large share of the store (:class:`Incremental`).

An event takes the most precise place (smallest uncertainty) and the most precise date (finest date
precision, then the narrowest interval) among its members, and ACLED's rule for fatalities: the lowest
figure reported. Every member incident stays in ``incidents`` and is listed in ``event_members``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, fields, replace
from functools import lru_cache

from ..models import DatePrecision, Precision
from ..taxonomy import incident_types
from .store import EventRow, Store

__all__ = ["MergeRules", "Incremental", "Item", "compatible", "events_of", "fingerprint", "merge", "merge_store",
           "partitions", "type_group"]


@dataclass(frozen=True, slots=True)
class MergeRules:
    """Every threshold of the merge, with why."""

    # Undated incidents carry only their article's publication day; wire reports of one event appear
    # over a day or two after it (the issue: "publication within a couple of days").
    undated_window_days: int = 2
    # Dated intervals must overlap; a day of slack would merge "Monday's" and "Tuesday's" protests in a city
    # with daily protests, which are separate events for ACLED.
    date_slack_days: int = 0
    # The overlapping-circles rule is for places known to a city or better (city radii in the gazetteer run
    # from 3 to 67 km). A region's or country's circle overlaps every town in it: such places merge only
    # with the same place.
    overlap_precisions: tuple[str, ...] = (Precision.POINT, Precision.DISTRICT, Precision.CITY)
    # A date interval longer than this (a month, "in recent weeks") is indexed only over its first this-many
    # days: it bounds the work per incident; such incidents still merge with anything dated inside that span.
    max_index_days: int = 62
    # Undated incidents borrow the dates of their article's dated incidents at the same place (module
    # docstring), but only day/range/week dates: a month says too little about which day the story is about.
    lend_article_dates: bool = True
    # ACLED sub-event types that are one act told at different detail, so two outlets' codings of one event
    # meet: a rally "broken up by police" (protest with intervention) is the rally another outlet reports as a
    # protest; protesters shot (excessive force against protesters) is the shooting another outlet reports as
    # gunfire on people (an attack). Each pair reads as its second type's group.
    one_act: tuple[tuple[str, str], ...] = (
        ("Protests/Protest with intervention", "Protests/Peaceful protest"),
        ("Protests/Excessive force against protesters", "Violence against civilians/Attack"),
    )


@dataclass(frozen=True, slots=True)
class Incremental:
    """When an ingest merges only its new incidents (module docstring) and when it rebuilds every event."""

    # The incremental path runs in this process (serial), the rebuild in the workers: when the new incidents
    # are more than this share of the store (a first ingest, or one after many --no-merge runs), rebuilding
    # is as fast. Measured on a 5,000-article store (33,555 incidents), 2 workers: 3,536 new incidents (10 %)
    # 3.0 s incremental vs 5.6 s rebuilt; 7,104 (17 %) 4.4 s vs 5.7 s. A speed threshold only: both give
    # the same events.
    max_new_share: float = 0.25


# Bumped when the merge's behaviour changes in code (not through MergeRules): stores merged by an older
# version then rebuild their events on the next ingest instead of mixing two versions' events.
_ALGORITHM = 1


def fingerprint(rules: MergeRules) -> str:
    """What the events of a store were merged with: the rules, the type groups they read, the algorithm."""
    import hashlib

    text = repr((_ALGORITHM, rules, sorted(_groups().items()), _CELL_DEG))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_DATE_RANK = {DatePrecision.DAY: 0, DatePrecision.RANGE: 1, DatePrecision.WEEK: 2, DatePrecision.MONTH: 3,
              DatePrecision.UNKNOWN: 4}  # fmt: skip
_PRECISION_RANK = {Precision.POINT: 0, Precision.DISTRICT: 1, Precision.CITY: 2, Precision.REGION: 3,
                   Precision.COUNTRY: 4}  # fmt: skip


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    out, one_act = {}, dict(MergeRules().one_act)
    for slug, kind in incident_types().items():
        shared = kind.acled_sub_event_type and kind.acled_sub_event_type != "Other"
        group = f"{kind.acled_event_type}/{kind.acled_sub_event_type}" if shared else slug
        out[slug] = one_act.get(group, group)
    return out


def type_group(incident_type: str) -> str:
    """Types with the same group are compatible (see the module docstring)."""
    return _groups().get(incident_type, incident_type)


@dataclass(frozen=True, slots=True)
class Item:
    """What the merge needs of one stored incident."""

    id: str
    article_id: str
    incident_type: str
    status: str
    place_key: str | None
    lat: float | None
    lon: float | None
    uncertainty_m: float | None
    precision: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str
    published: dt.date | None
    fatalities: int | None = None

    @property
    def dated(self) -> bool:
        return self.date_precision != DatePrecision.UNKNOWN and self.date_start is not None

    @property
    def day(self) -> dt.date | None:
        """The publication day (the only date an undated incident has)."""
        return self.published or self.date_start


_ITEM_FIELDS = tuple(f.name for f in fields(Item))


def _km(a: Item, b: Item) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: Item, b: Item, rules: MergeRules) -> bool:
    if a.place_key and a.place_key == b.place_key:
        return True
    if None in (a.lat, a.lon, b.lat, b.lon, a.uncertainty_m, b.uncertainty_m):
        return False
    if a.precision not in rules.overlap_precisions or b.precision not in rules.overlap_precisions:
        return False
    return _km(a, b) * 1000 <= a.uncertainty_m + b.uncertainty_m


def same_time(a: Item, b: Item, rules: MergeRules) -> bool:
    if a.dated and b.dated:
        slack = dt.timedelta(days=rules.date_slack_days)
        return a.date_start <= b.date_end + slack and b.date_start <= a.date_end + slack
    if a.day is None or b.day is None:
        return False
    window = dt.timedelta(days=rules.undated_window_days)
    if a.dated or b.dated:
        dated, undated = (a, b) if a.dated else (b, a)
        return dated.date_start <= undated.day and undated.day - window <= dated.date_end
    return abs(a.day - b.day) <= window


def compatible(a: Item, b: Item, rules: MergeRules = MergeRules()) -> bool:
    """Could ``a`` and ``b`` be reports of one event? (The rules in the module docstring.)"""
    return (type_group(a.incident_type) == type_group(b.incident_type) and a.status == b.status
            and same_place(a, b, rules) and same_time(a, b, rules))


def _index_days(item: Item, rules: MergeRules) -> list[dt.date]:
    """The days under which an incident is filed and looked up (a superset of the days it can match)."""
    if item.dated:
        first, last = item.date_start, item.date_end
    elif item.day is not None:
        first = item.day - dt.timedelta(days=rules.undated_window_days)
        last = item.day + dt.timedelta(days=rules.undated_window_days)
    else:
        return []
    n = min((last - first).days, rules.max_index_days)
    return [first + dt.timedelta(days=k) for k in range(n + 1)]


_LENDING = (DatePrecision.DAY, DatePrecision.RANGE, DatePrecision.WEEK)


def with_article_dates(items: Sequence[Item], rules: MergeRules = MergeRules()) -> list[Item]:
    """``items`` with each undated one given the dates of its article's dated incidents at its place."""
    if not rules.lend_article_dates:
        return list(items)
    by_article: dict[str, list[Item]] = {}
    for item in items:
        if item.dated and item.date_precision in _LENDING:
            by_article.setdefault(item.article_id, []).append(item)
    out = []
    for item in items:
        lenders = [] if item.dated else [d for d in by_article.get(item.article_id, ()) if same_place(item, d, rules)]
        if lenders:
            item = replace(item, date_start=min(d.date_start for d in lenders),
                           date_end=max(d.date_end for d in lenders), date_precision=DatePrecision.RANGE)
        out.append(item)
    return out


_CELL_DEG = 2.0  # the spatial index's cell: 2 degrees of latitude (222 km), wider than two city circles
_KM_PER_DEG = 111.2


def _where(item: Item, rules: MergeRules) -> tuple | None:
    """The spatial key an incident is filed under: a grid cell when the overlap rule applies, else its place."""
    if item.precision in rules.overlap_precisions and None not in (item.lat, item.lon, item.uncertainty_m):
        return ("cell", math.floor(item.lat / _CELL_DEG), math.floor(item.lon / _CELL_DEG))
    return ("key", item.place_key) if item.place_key else None


def _near(item: Item, rules: MergeRules, reach_km: float) -> list[tuple]:
    """Every spatial key under which a place compatible with ``item`` can be filed."""
    home = _where(item, rules)
    if home is None or home[0] == "key":
        return [home] if home else []
    out = [("key", item.place_key)] if item.place_key else []
    radius_km = item.uncertainty_m / 1000 + reach_km
    k_lat = math.ceil(radius_km / (_KM_PER_DEG * _CELL_DEG))
    width = _KM_PER_DEG * _CELL_DEG * max(math.cos(math.radians(min(89.0, abs(item.lat) + k_lat))), 1e-3)
    k_lon = min(math.ceil(radius_km / width), int(180 / _CELL_DEG))
    _, row, col = home
    out += [("cell", row + i, col + j) for i in range(-k_lat, k_lat + 1) for j in range(-k_lon, k_lon + 1)]
    return out


def _days(item: Item, rules: MergeRules) -> set[dt.date]:
    # Dated and undated incidents are compared on different days (interval vs publication), so every
    # incident is filed, and looks, under both: the days its interval covers and its undated window.
    days = set(_index_days(item, rules))
    if item.day is not None:
        window = rules.undated_window_days
        days.update(item.day + dt.timedelta(days=k) for k in range(-window, window + 1))
    return days


def partitions(kinds: Iterable[tuple[str, str]]) -> list[list[int]]:
    """Positions of the (incident type, status) pairs by (type group, status), in input order:
    :func:`compatible` never holds across two partitions, so no event spans two and each can be merged on
    its own (:func:`merge_store` with workers)."""
    out: dict[tuple[str, str], list[int]] = {}
    for n, (incident_type, status) in enumerate(kinds):
        out.setdefault((type_group(incident_type), status), []).append(n)
    return list(out.values())


def merge(items: Sequence[Item], *, rules: MergeRules = MergeRules()) -> list[list[Item]]:
    """Group incidents into events (lists of members, each in input order); see the module docstring."""
    items = with_article_dates(items, rules)  # per article, across types
    return [[items[n] for n in event] for event in _cluster(items, rules)]


def _pack(parts: list[list[int]], tasks: int) -> list[list[list[int]]]:
    """``parts`` in at most ``tasks`` packs of about equal size: the largest first, each into the lightest."""
    packs: list[list[list[int]]] = [[] for _ in range(max(1, min(tasks, len(parts))))]
    sizes = [0] * len(packs)
    for part in sorted(parts, key=len, reverse=True):
        lightest = sizes.index(min(sizes))
        packs[lightest].append(part)
        sizes[lightest] += len(part)
    return packs


def _cluster(items: Sequence[Item], rules: MergeRules) -> list[list[int]]:
    """The complete-linkage merge of ``items`` (their dates already lent), in input order: each event as
    the positions of its members in ``items`` (what a worker sends back: a few integers per incident)."""
    # Blocking: an event is filed under (type group, day, spatial key) for each member, and an incident only
    # compares itself with the events filed under its own group, days and nearby keys; the result is the
    # same as comparing with every event, only faster.
    reach_km = max((i.uncertainty_m / 1000 for i in items
                    if i.uncertainty_m is not None and i.precision in rules.overlap_precisions), default=0.0)
    events: list[list[int]] = []
    # (group, spatial key) -> day -> events: most nearby keys hold nothing, and are skipped without a look
    # at each day.
    index: dict[tuple, dict[dt.date, list[int]]] = {}
    for position, item in enumerate(items):
        group = type_group(item.incident_type)
        days = _days(item, rules)
        candidates: set[int] = set()
        for where in _near(item, rules, reach_km):
            filed = index.get((group, where))
            if filed:
                for day in days:
                    there = filed.get(day)
                    if there:
                        candidates.update(there)
        chosen = None
        for event_no in sorted(candidates):
            if all(compatible(item, items[member], rules) for member in events[event_no]):
                chosen = event_no
                break
        if chosen is None:
            events.append([position])
            chosen = len(events) - 1
        else:
            events[chosen].append(position)
        home = _where(item, rules)
        homes = [home]
        if home is not None and home[0] == "cell" and item.place_key:
            homes.append(("key", item.place_key))
        for where in homes:
            filed = index.setdefault((group, where), {})
            for day in days:
                filed.setdefault(day, []).append(chosen)
    return events


# --- the store ---

_ITEM_SQL = """
SELECT id, article_id, incident_type, status, place_key, lat, lon, uncertainty_m, precision,
       date_start, date_end, date_precision, published, fatalities
FROM incidents ORDER BY published NULLS LAST, article_id, start_offset, id
"""
# The same rows, in the same order, with the event each is in (NULL: not merged yet) and, for the search of
# what new incidents can touch (:func:`_neighbours`), two day intervals that hold every day an incident is
# filed under (:func:`_days`): [a1, b1] its date interval (an undated one's: the hull of the dates its article
# can lend it, or NULL) plus the date slack, [a2, b2] its publication window.
_STATE_SQL = """
WITH s AS (
    SELECT i.*, em.event_id,
           min(i.date_start) FILTER (WHERE i.date_precision IN ({lending})) OVER (PARTITION BY i.article_id) AS lend_lo,
           max(i.date_end) FILTER (WHERE i.date_precision IN ({lending})) OVER (PARTITION BY i.article_id) AS lend_hi
    FROM incidents i LEFT JOIN event_members em ON em.incident_id = i.id
)
SELECT id, article_id, incident_type, status, place_key, lat, lon, uncertainty_m, precision,
       date_start, date_end, date_precision, published, fatalities, event_id,
       CASE WHEN date_precision != '{unknown}' AND date_start IS NOT NULL THEN date_start ELSE lend_lo END AS a1,
       CASE WHEN date_precision != '{unknown}' AND date_start IS NOT NULL THEN date_end ELSE lend_hi END
           + ?::INTEGER AS b1,
       coalesce(published, date_start) - ?::INTEGER AS a2, coalesce(published, date_start) + ?::INTEGER AS b2
FROM s ORDER BY published NULLS LAST, article_id, start_offset, id
""".format(lending=", ".join(f"'{p}'" for p in _LENDING), unknown=DatePrecision.UNKNOWN)
# The search for what new incidents can touch works on two temporary tables: ``_state`` (_STATE_SQL's rows
# with their row number, partition number and latitude band: the index's cells' rows) and ``_slots``, one
# row per (incident, time bucket its day intervals cover, place cell it is filed under: its latitude band
# when the overlapping-circles rule applies, and its place), the keys its neighbours are looked up by. A
# cell is a hash of band or place: two cells sharing a hash only bring more candidates, never fewer.
_BUCKET_DAYS = 8  # a bucket's width: a publication window (5 days) falls in one or two
_LONG_BUCKETS = 8  # an interval over more buckets than this ("in recent months") is in bucket -1, met by all
_SLOTS_SQL = f"""
CREATE OR REPLACE TEMP TABLE _slots AS
WITH spans AS (
    SELECT row, a1 AS a, b1 AS b FROM _state WHERE a1 IS NOT NULL AND b1 IS NOT NULL
    UNION ALL
    SELECT row, a2, b2 FROM _state WHERE a2 IS NOT NULL
), buckets AS (
    SELECT DISTINCT row, unnest(CASE WHEN last - first > {_LONG_BUCKETS} THEN [-1] ELSE range(first, last + 1) END)
           AS bucket
    FROM (SELECT row, (a - DATE '1970-01-01') // {_BUCKET_DAYS} AS first,
                 (b - DATE '1970-01-01') // {_BUCKET_DAYS} AS last FROM spans)
), cells AS (
    SELECT row, part, hash('b', band) AS cell, band FROM _state WHERE band IS NOT NULL
    UNION ALL
    SELECT row, part, hash('k', place_key), NULL FROM _state WHERE place_key IS NOT NULL
)
SELECT cells.*, buckets.bucket, FALSE AS found FROM cells JOIN buckets USING (row)
"""
# The rows not yet ``found`` each of the rows ``?`` may be compatible with: joined on equal keys (partition,
# time bucket, place cell: the same place, or a latitude band at most ``?`` bands away: circles that overlap
# are no further apart), then kept if their day intervals meet and they are the same place or their circles
# can overlap (a metre of slack over compatible()'s own test, against rounding: this only narrows the
# search, compatible() decides).
_NEIGHBOURS_SQL = """
WITH f AS (SELECT * FROM _slots WHERE row IN (SELECT unnest(?::BIGINT[]))),
     looks AS (
         SELECT row, part, bucket, hash('b', band + d) AS near
         FROM f, (SELECT unnest(range(-?::BIGINT, ?::BIGINT + 1)) AS d) WHERE band IS NOT NULL
         UNION ALL
         SELECT row, part, bucket, cell FROM f WHERE band IS NULL
     ),
     pairs AS (
         SELECT l.row AS f, m.row AS m FROM _slots m JOIN looks l ON m.part = l.part AND m.cell = l.near
             AND m.bucket = l.bucket WHERE NOT m.found AND l.bucket >= 0
         UNION
         SELECT l.row, m.row FROM (SELECT * FROM _slots WHERE bucket = -1 AND NOT found) m
             JOIN looks l ON m.part = l.part AND m.cell = l.near
         UNION
         SELECT l.row, m.row FROM _slots m JOIN (SELECT * FROM looks WHERE bucket = -1) l
             ON m.part = l.part AND m.cell = l.near WHERE NOT m.found
     )
SELECT pairs.f, pairs.m FROM pairs JOIN _state f ON f.row = pairs.f JOIN _state m ON m.row = pairs.m
WHERE ((m.a1 <= f.b1 AND f.a1 <= m.b1) OR (m.a1 <= f.b2 AND f.a2 <= m.b1)
       OR (m.a2 <= f.b1 AND f.a1 <= m.b2) OR (m.a2 <= f.b2 AND f.a2 <= m.b2))
  AND (m.place_key = f.place_key
       OR (m.band IS NOT NULL AND f.band IS NOT NULL AND 2 * 6371.0088 * asin(least(1.0, sqrt(
              sin(radians(m.lat - f.lat) / 2) ^ 2
              + cos(radians(f.lat)) * cos(radians(m.lat)) * sin(radians(m.lon - f.lon) / 2) ^ 2))) * 1000
           <= m.uncertainty_m + f.uncertainty_m + 1.0))
"""
# Memberships the incremental merge can build on (every one names a stored incident, none twice, one event
# row per event), how many there are, and how many incidents are in no event.
_CONSISTENT_SQL = """
SELECT count(*) = count(i.id) AND count(*) = count(DISTINCT em.incident_id)
           AND count(DISTINCT em.event_id) = (SELECT count(*) FROM events), count(*),
       (SELECT count(*) FROM incidents WHERE id NOT IN (SELECT incident_id FROM event_members))
FROM event_members em LEFT JOIN incidents i ON i.id = em.incident_id
"""


# An event's values from its members (module docstring): the most precise place (smallest circle, then
# finest precision), the most precise date (finest date precision, then narrowest interval), the lowest
# fatality figure, the commonest type (ties: the taxonomy's order), the first member's status and evidence.
# Computed by DuckDB over event_members: a million incidents take seconds, not minutes.
def _case(column: str, ranks: dict) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {rank}" for value, rank in ranks.items())
    return f"CASE {column} {whens} ELSE 9 END"


_EVENT_VALUES_SQL = f"""
WITH m AS (
    SELECT em.event_id, em.position, i.*,
           {_case("i.precision", _PRECISION_RANK)} AS precision_rank,
           {_case("i.date_precision", _DATE_RANK)} AS date_rank
    FROM event_members em JOIN incidents i ON i.id = em.incident_id {{where}}
),
place AS (
    SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY event_id
                   ORDER BY uncertainty_m NULLS LAST, precision_rank, position) AS r FROM m) WHERE r = 1
),
day AS (
    SELECT * FROM (SELECT event_id, date, date_start, date_end, date_precision, row_number() OVER (
                   PARTITION BY event_id ORDER BY date_rank, date_end - date_start NULLS LAST, position) AS r FROM m)
    WHERE r = 1
),
kind AS (
    SELECT * FROM (SELECT event_id, incident_type, row_number() OVER (PARTITION BY event_id
                   ORDER BY count(*) DESC, coalesce(list_position(?, incident_type), 999)) AS r
                   FROM m GROUP BY event_id, incident_type) WHERE r = 1
),
agg AS (
    SELECT event_id, min(fatalities) AS fatalities, count(DISTINCT article_id) AS n_sources, count(*) AS n_incidents,
           list_sort(list_distinct(flatten(list(coalesce(actors, []))))) AS actors,
           arg_min(status, position) AS status, arg_min(evidence, position) AS evidence
    FROM m GROUP BY event_id
)
SELECT agg.event_id AS id, kind.incident_type, place.place_name, place.place_key, place.country_code, place.admin1,
       place.lat, place.lon, place.precision, place.uncertainty_m, day.date, day.date_start, day.date_end,
       day.date_precision, agg.status, agg.fatalities, agg.n_sources, agg.n_incidents, agg.actors, agg.evidence
FROM agg JOIN place USING (event_id) JOIN day USING (event_id) JOIN kind USING (event_id)
"""
_EVENTS_SQL = "\nINSERT INTO events BY NAME" + _EVENT_VALUES_SQL
_ALL_EVENTS_SQL = _EVENTS_SQL.format(where="")
_SOME_EVENTS_SQL = _EVENTS_SQL.format(where="WHERE em.event_id IN (SELECT unnest(?::VARCHAR[]))")
# The same values made of only some members of their events (events_of).
_MEMBERS_EVENTS_SQL = _EVENT_VALUES_SQL.format(where="WHERE em.incident_id IN (SELECT unnest(?::VARCHAR[]))")


def events_of(store: Store, *, incident_ids: Sequence[str]) -> dict[str, EventRow]:
    """What the merge makes of each event from only these of its members (an incident belongs to one event),
    by the merge's own rules and SQL: event id -> the event they make (its id, and its members' positions, kept).
    An event none of whose members is given is absent. For the exports, which leave out the members an analyst
    dismissed (:mod:`.event_corrections`); the store is only read."""
    columns = ", ".join(f.name for f in fields(EventRow))
    rows = store.con.execute(f"SELECT {columns} FROM ({_MEMBERS_EVENTS_SQL})",
                             [list(incident_ids), list(incident_types())]).fetchall()
    return {row[0]: EventRow(*row) for row in rows}


def merge_store(store: Store, *, rules: MergeRules = MergeRules(), executor: Executor | None = None,
                tasks: int = 2, full: bool = False, incremental: Incremental = Incremental()) -> int:
    """Bring the store's events up to date with its incidents; returns the number of events.

    Merges only the incidents in no event yet, and what they can touch (the module docstring), unless
    ``full`` or that cannot be done (then, or when ``full``, every event is rebuilt). ``executor``: rebuild
    the :func:`partitions` in parallel there, in ``tasks`` tasks (the same events as without).

    What this process does alone is kept to column operations: it reads the incidents as one Arrow table
    and sends that (a few buffers, pickled at memory speed) with each task; a worker builds the items,
    lends dates and clusters its partitions, and returns its events as three integer columns (member row,
    the event's first row, position), from which the memberships are taken column-wise.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not full:
        merged = _merge_new(store, rules, incremental)
        if merged is not None:
            return merged
    table = store.con.sql(_ITEM_SQL).to_arrow_table()
    with _checkpointing(store):
        if executor is None:
            results = [_cluster_rows(table, [list(range(table.num_rows))], rules)]
        else:
            kinds = zip(table.column("incident_type").to_pylist(), table.column("status").to_pylist())
            packs = _pack(partitions(kinds), tasks)
            results = [f.result() for f in [executor.submit(_cluster_rows, table, pack, rules) for pack in packs]]
    found = pa.table({name: pa.concat_arrays([r[k] for r in results]) if results else pa.array([], pa.int64())
                      for k, name in enumerate(("row", "first", "position"))})
    # The serial order: events by their first member (the order they are made in), members in input order.
    found = found.sort_by([("first", "ascending"), ("row", "ascending")])
    ids = table.column("id")
    schema = store.arrow_schemas()["event_members"]
    members = pa.table({
        "event_id": pc.binary_join_element_wise("e:", ids.take(found.column("first")), ""),
        "incident_id": ids.take(found.column("row")),
        "article_id": table.column("article_id").take(found.column("row")),
        "position": found.column("position"),
    }).cast(schema)  # fmt: skip
    store.replace_events(members, events_sql=_ALL_EVENTS_SQL, params=[list(incident_types())], rules=fingerprint(rules))
    return pc.count_distinct(found.column("first")).as_py() if found.num_rows else 0


@contextlib.contextmanager
def _checkpointing(store: Store) -> Iterator[None]:
    """The store checkpointed (its write-ahead log written into the file) on a thread of its own during the
    block, which must not use the store: the clustering works on an Arrow table, in the workers or in
    Python here, while DuckDB writes the file with the GIL released. Else the checkpoint of a whole ingest
    runs when the store closes, after the merge, with nothing else to do (1,500 articles: 0.05-0.07 s);
    closing then writes only the events. Leaving the block waits for it and raises what it raised."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="incidentmap-checkpoint") as thread:
        done = thread.submit(store.checkpoint)
        try:
            yield
        finally:
            done.result()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off in the block: the merge makes many objects (items, index entries)
    that all live to its end and hold no cycles, so the collections their allocation sets off find nothing
    to free, and cost 12-15 % of the clustering (5000 articles). Back on afterwards, if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _cluster_rows(table, parts: list[list[int]], rules: MergeRules) -> tuple:
    """Runs in a worker (or here, serially): :func:`_cluster` of each part (rows of ``table``), its items'
    dates lent first. Returns (member row, its event's first row, its position in the event) as int64 arrays.

    Only the rows of ``parts`` are made items, and the rows that can lend them dates (day/range/week-dated
    incidents of their articles, of any type): the other workers' rows are not built here again.
    """
    import pyarrow as pa

    with _collector_paused():
        items = _items(table, sorted(n for part in parts for n in part), rules)
        rows, firsts, positions = _events_in(items, parts, rules)
    return pa.array(rows, pa.int64()), pa.array(firsts, pa.int64()), pa.array(positions, pa.int64())


def _events_in(items: Mapping[int, Item] | Sequence[Item], parts: list[list[int]],
               rules: MergeRules) -> tuple[list[int], list[int], list[int]]:
    """:func:`_cluster` of each part (keys of ``items``): (member, its event's first member, its position in
    the event) for every member, events by part in the order they are made."""
    rows: list[int] = []
    firsts: list[int] = []
    positions: list[int] = []
    for part in parts:
        for event in _cluster([items[n] for n in part], rules):
            first = part[event[0]]
            for position, k in enumerate(event):
                rows.append(part[k])
                firsts.append(first)
                positions.append(position)
    return rows, firsts, positions


def _items(table, mine: list[int], rules: MergeRules) -> dict[int, Item]:
    """The items of rows ``mine`` of ``table`` (sorted), their dates lent: row -> item. Only those rows are
    built, and the rows that can lend them dates (day/range/week-dated incidents of their articles, of any
    type), not the whole table."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(mine) == table.num_rows:
        needed = pa.array(mine, pa.int64())
    else:
        articles = pc.unique(table.column("article_id").take(pa.array(mine, pa.int64())))
        lenders = pc.and_(pc.is_in(table.column("article_id"), value_set=articles),
                          pc.is_in(table.column("date_precision"), value_set=pa.array(list(map(str, _LENDING)))))
        needed = pc.unique(pa.concat_arrays([pa.array(mine, pa.int64()),
                                             pc.indices_nonzero(lenders).cast(pa.int64())]))
    sub = table.take(needed)
    columns = [sub.column(name).to_pylist() for name in _ITEM_FIELDS]
    lent = with_article_dates([Item(*row) for row in zip(*columns)], rules)
    return dict(zip(needed.to_pylist(), lent))


def _neighbours(store: Store, items: dict[int, Item], table, start: list[int], rules: MergeRules, *,
                bands: int) -> list[int]:
    """Every row linked to the rows ``start`` through pairs of compatible incidents whose index days meet
    (module docstring), ``start`` included, in merge order. DuckDB narrows each step's candidates
    (``_NEIGHBOURS_SQL`` over the temporary tables ``_state`` and ``_slots``); only those are made items
    (into ``items``)."""
    found = set(start)
    frontier = sorted(start)
    items.update(_items(table, frontier, rules))
    days: dict[int, set[dt.date]] = {}
    while frontier:
        store.con.execute("UPDATE _slots SET found = TRUE WHERE row IN (SELECT unnest(?::BIGINT[]))", [frontier])
        pairs = store.con.execute(_NEIGHBOURS_SQL, [frontier, bands, bands]).fetchall()
        unbuilt = sorted({n for pair in pairs for n in pair} - items.keys())
        if unbuilt:
            items.update(_items(table, unbuilt, rules))
        following = []
        for f, m in pairs:
            if m in found:
                continue
            for n in (f, m):
                if n not in days:
                    days[n] = _days(items[n], rules)
            if days[f] & days[m] and compatible(items[f], items[m], rules):
                found.add(m)
                following.append(m)
        frontier = sorted(set(following))
    return sorted(found)


def _merge_new(store: Store, rules: MergeRules, limits: Incremental) -> int | None:
    """Merge the incidents in no event into the events (module docstring); returns the number of events, or
    None when every event must be rebuilt instead (other rules, memberships not matching, too much new)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if store.merge_rules() != fingerprint(rules):
        return None
    ((consistent, n_members, n_new),) = store.con.execute(_CONSISTENT_SQL).fetchall()
    if not n_members or not consistent:
        return None
    if not n_new:
        return store.one("SELECT count(*) FROM events")
    if n_new > limits.max_new_share * (n_members + n_new):
        return None
    window = rules.undated_window_days
    table = store.con.sql(_STATE_SQL, params=[rules.date_slack_days, window, window]).to_arrow_table()
    new_rows = pc.indices_nonzero(pc.is_null(table.column("event_id"))).to_pylist()
    # Each row's partition, (type group, status), as one string; whether the overlapping-circles rule applies.
    kinds = pc.unique(table.column("incident_type"))
    groups = pa.array([type_group(t) for t in kinds.to_pylist()], pa.string())
    group = groups.take(pc.index_in(table.column("incident_type"), value_set=kinds))
    status = pc.fill_null(table.column("status"), "")  # compatible() compares None statuses equal too
    part = pc.dictionary_encode(pc.binary_join_element_wise(group, status, "\x1f").combine_chunks()).indices
    overlap = pc.and_(pc.is_in(table.column("precision"), value_set=pa.array(list(map(str, rules.overlap_precisions)))),
                      pc.and_(pc.is_valid(table.column("uncertainty_m")),
                              pc.and_(pc.is_valid(table.column("lat")), pc.is_valid(table.column("lon")))))
    overlap = pc.fill_null(overlap, False)
    # Latitude bands of the index's cell height, for the circles the overlap rule applies to (else NULL):
    # two overlapping circles are at most two of the widest radii apart, so at most ``bands`` bands (a degree
    # of latitude taken as 111.0 km, a little less than it is: the count errs wide).
    band = pc.if_else(overlap, pc.floor(pc.divide(table.column("lat"), _CELL_DEG)).cast(pa.int64()), None)
    widest = pc.max(pc.if_else(overlap, table.column("uncertainty_m"), None)).as_py() or 0.0
    bands = math.ceil(2 * widest / 1000 / 111.0 / _CELL_DEG)
    state = (table.select(["place_key", "lat", "lon", "uncertainty_m", "a1", "b1", "a2", "b2"])
             .append_column("part", part).append_column("band", band)
             .append_column("row", pa.array(range(table.num_rows), pa.int64())))
    # A temporary table, not the Arrow table registered as a view: DuckDB joins its own tables many times
    # faster (a step of the search took seconds over the view).
    store.con.register("_arrow_state", state)
    store.con.execute("CREATE OR REPLACE TEMP TABLE _state AS SELECT * FROM _arrow_state")
    store.con.unregister("_arrow_state")
    store.con.execute(_SLOTS_SQL)
    items: dict[int, Item] = {}
    try:
        with _collector_paused():
            again = _neighbours(store, items, table, new_rows, rules, bands=bands)
    finally:
        store.con.execute("DROP TABLE IF EXISTS _state")
        store.con.execute("DROP TABLE IF EXISTS _slots")
    event_of = table.column("event_id").to_pylist()
    dropped = {event_of[n] for n in again if event_of[n] is not None}
    with _collector_paused():
        parts = partitions((items[n].incident_type, items[n].status) for n in again)  # again: in merge order
        out_rows, out_firsts, out_positions = _events_in(items, [[again[i] for i in p] for p in parts], rules)
    # A component holds whole events, so every member of a replaced event is merged again; if one is not,
    # the memberships were not this merge's own: rebuild.
    if dropped:
        members_of_dropped = pc.indices_nonzero(pc.is_in(table.column("event_id"), value_set=pa.array(sorted(dropped))))
        if not set(members_of_dropped.to_pylist()) <= set(out_rows):
            return None
    ids = table.column("id")
    found = pa.table({"row": pa.array(out_rows, pa.int64()), "first": pa.array(out_firsts, pa.int64()),
                      "position": pa.array(out_positions, pa.int64())})
    event_ids = pc.binary_join_element_wise("e:", ids.take(found.column("first")), "")
    members = pa.table({
        "event_id": event_ids,
        "incident_id": ids.take(found.column("row")),
        "article_id": table.column("article_id").take(found.column("row")),
        "position": found.column("position"),
    }).cast(store.arrow_schemas()["event_members"])  # fmt: skip
    store.replace_events(members, events_sql=_SOME_EVENTS_SQL, params=[pc.unique(event_ids).to_pylist(),
                         list(incident_types())], drop=sorted(dropped), rules=fingerprint(rules))
    return store.one("SELECT count(*) FROM events")
