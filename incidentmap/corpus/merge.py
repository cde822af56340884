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

An event takes the most precise place (smallest uncertainty) and the most precise date (finest date
precision, then the narrowest interval) among its members, and ACLED's rule for fatalities: the lowest
figure reported. Every member incident stays in ``incidents`` and is listed in ``event_members``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import math
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, fields, replace
from functools import lru_cache

from ..models import DatePrecision, Precision
from ..taxonomy import incident_types
from .store import Store

__all__ = ["MergeRules", "Item", "compatible", "merge", "merge_store", "partitions", "type_group"]


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


# An event's values from its members (module docstring): the most precise place (smallest circle, then
# finest precision), the most precise date (finest date precision, then narrowest interval), the lowest
# fatality figure, the commonest type (ties: the taxonomy's order), the first member's status and evidence.
# Computed by DuckDB over event_members: a million incidents take seconds, not minutes.
def _case(column: str, ranks: dict) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {rank}" for value, rank in ranks.items())
    return f"CASE {column} {whens} ELSE 9 END"


_EVENTS_SQL = f"""
INSERT INTO events BY NAME
WITH m AS (
    SELECT em.event_id, em.position, i.*,
           {_case("i.precision", _PRECISION_RANK)} AS precision_rank,
           {_case("i.date_precision", _DATE_RANK)} AS date_rank
    FROM event_members em JOIN incidents i ON i.id = em.incident_id
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


def merge_store(store: Store, *, rules: MergeRules = MergeRules(), executor: Executor | None = None,
                tasks: int = 2) -> int:
    """Rebuild every event of the store from its incidents; returns the number of events. ``executor``:
    merge the :func:`partitions` in parallel there, in ``tasks`` tasks (the same events as without).

    What this process does alone is kept to column operations: it reads the incidents as one Arrow table
    and sends that (a few buffers, pickled at memory speed) with each task; a worker builds the items,
    lends dates and clusters its partitions, and returns its events as three integer columns (member row,
    the event's first row, position), from which the memberships are taken column-wise.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    table = store.con.sql(_ITEM_SQL).to_arrow_table()
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
    store.replace_events(members, events_sql=_EVENTS_SQL, params=[list(incident_types())])
    return pc.count_distinct(found.column("first")).as_py() if found.num_rows else 0


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
    import pyarrow.compute as pc

    mine = sorted(n for part in parts for n in part)
    if len(mine) == table.num_rows:
        needed = pa.array(mine, pa.int64())
    else:
        articles = pc.unique(table.column("article_id").take(pa.array(mine, pa.int64())))
        lenders = pc.and_(pc.is_in(table.column("article_id"), value_set=articles),
                          pc.is_in(table.column("date_precision"), value_set=pa.array(list(map(str, _LENDING)))))
        needed = pc.unique(pa.concat_arrays([pa.array(mine, pa.int64()),
                                             pc.indices_nonzero(lenders).cast(pa.int64())]))
    sub = table.take(needed)
    rows: list[int] = []
    firsts: list[int] = []
    positions: list[int] = []
    with _collector_paused():
        columns = [sub.column(name).to_pylist() for name in _ITEM_FIELDS]
        lent = with_article_dates([Item(*row) for row in zip(*columns)], rules)
        items = dict(zip(needed.to_pylist(), lent))  # row of ``table`` -> its item
        for part in parts:
            for event in _cluster([items[n] for n in part], rules):
                first = part[event[0]]
                for position, k in enumerate(event):
                    rows.append(part[k])
                    firsts.append(first)
                    positions.append(position)
    return pa.array(rows, pa.int64()), pa.array(firsts, pa.int64()), pa.array(positions, pa.int64())
