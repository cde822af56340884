"""Incident filters: a pure function (no streamlit needed) plus the sidebar widgets that drive it.

``filter_incidents(features, spec)`` is the one definition of "the filtered set":
the map, the table, the counts and the downloads all use its result.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from incidentmap.models import Precision, Status
from incidentmap.taxonomy import incident_types, types_by_event_type

from .actor_text import actor_names


@dataclass(frozen=True)
class FilterSpec:
    """What the user asked for. Empty selections mean "no restriction"."""

    types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # place keys
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_undated: bool = True
    precisions: tuple[str, ...] = ()
    text: str = ""
    statuses: tuple[str, ...] = ()  # Status values (reported, planned)

    @property
    def active(self) -> bool:
        return bool(
            self.types or self.places or self.precisions or self.text.strip() or self.statuses
            or self.date_from or self.date_to or not self.include_undated
        )


# --------------------------------------------------------------------------- dates


def _parse_one(part: str) -> tuple[dt.date, dt.date] | None:
    part = part.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", part[:10]) and (len(part) == 10 or part[10] in "T "):
            d = dt.date.fromisoformat(part[:10])
            return d, d
        if re.fullmatch(r"\d{4}-\d{2}", part):
            y, m = int(part[:4]), int(part[5:7])
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        if re.fullmatch(r"\d{4}", part):
            y = int(part)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        return None
    return None


def date_bounds(value: object) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) an incident's ``date`` may refer to; ``None`` when unknown.

    Accepts ISO dates, ``YYYY-MM``, ``YYYY`` and ISO intervals ``A/B``.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value
    text = str(value).strip()
    if not text:
        return None
    if "/" in text:
        a, _, b = text.partition("/")
        ra, rb = _parse_one(a), _parse_one(b)
        if ra and rb:
            lo, hi = ra[0], rb[1]
            return (lo, hi) if lo <= hi else (rb[0], ra[1])
        return ra or rb
    return _parse_one(text)


def data_date_range(features: Iterable[dict]) -> tuple[dt.date, dt.date] | None:
    lo = hi = None
    for f in features:
        b = date_bounds(f["properties"].get("date"))
        if b:
            lo = b[0] if lo is None or b[0] < lo else lo
            hi = b[1] if hi is None or b[1] > hi else hi
    return (lo, hi) if lo else None


# --------------------------------------------------------------------------- search


def _haystack(p: dict) -> str:
    parts = [
        p.get("label"), p.get("incident_type"), p.get("place"), p.get("mention"),
        p.get("evidence"), p.get("date_text"), p.get("date"), p.get("id"),
        p.get("count_text"), p.get("status"), " ".join(str(a) for a in (p.get("actors") or [])),
        " ".join(actor_names(p)),
    ]
    return " ".join(str(x) for x in parts if x).casefold()


def _terms(text: str) -> list[str]:
    # "quoted phrases" stay together; other words must all appear (AND)
    terms = [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', text or "")]
    return [t.casefold() for t in terms if t.strip()]


# --------------------------------------------------------------------------- the filter


def filter_incidents(features: Sequence[dict], spec: FilterSpec | None = None, **kwargs) -> list[dict]:
    """Incident Features matching ``spec`` (or keyword arguments of :class:`FilterSpec`), in input order.

    * ``types``: incident_type slugs; ``places``: place keys; ``precisions``: precision levels;
      ``statuses``: :class:`~incidentmap.models.Status` values
    * ``date_from``/``date_to``: keep incidents whose (possibly interval) date overlaps the range;
      undated incidents are kept only while ``include_undated`` is true
    * ``text``: case-insensitive; every word (or "quoted phrase") must occur in the type, place,
      mention, actors, date text or evidence sentence
    """
    if spec is None:
        spec = FilterSpec(**kwargs)
    elif kwargs:
        raise TypeError("pass either a FilterSpec or keyword arguments, not both")
    types = set(spec.types)
    places = set(spec.places)
    precisions = set(spec.precisions)
    statuses = set(spec.statuses)
    terms = _terms(spec.text)
    check_dates = spec.date_from is not None or spec.date_to is not None or not spec.include_undated
    out = []
    for f in features:
        p = f["properties"]
        if types and p.get("incident_type") not in types:
            continue
        if places and p.get("place_key") not in places:
            continue
        if precisions and p.get("precision") not in precisions:
            continue
        if statuses and p.get("status") not in statuses:
            continue
        if check_dates:
            b = date_bounds(p.get("date"))
            if b is None:
                if not spec.include_undated:
                    continue
            else:
                if spec.date_from is not None and b[1] < spec.date_from:
                    continue
                if spec.date_to is not None and b[0] > spec.date_to:
                    continue
        if terms:
            hay = _haystack(p)
            if not all(t in hay for t in terms):
                continue
        out.append(f)
    return out


def type_counts(features: Iterable[dict]) -> Counter:
    return Counter(f["properties"].get("incident_type") for f in features)


def place_options(features: Iterable[dict]) -> dict[str, str]:
    """place_key -> display label, most incidents first."""
    counts: Counter = Counter()
    names: dict[str, str] = {}
    for f in features:
        p = f["properties"]
        key = p.get("place_key") or p.get("place") or "?"
        counts[key] += 1
        names.setdefault(key, f"{p.get('place') or key} ({p.get('precision') or '?'})")
    return {k: names[k] for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]].casefold()))}


# --------------------------------------------------------------------------- type choices, grouped

GROUP_PREFIX = "event:"  # a whole ACLED event type among the type choices; slugs never contain ":"


def type_choices(counts: Counter) -> list[str]:
    """The type filter's options: per ACLED event type present, the whole group then its types (taxonomy
    order); types the taxonomy does not know come last, ungrouped."""
    out: list[str] = []
    for event_type, members in types_by_event_type([s for s in counts if counts.get(s)]).items():
        out.append(GROUP_PREFIX + event_type)
        out += [t.slug for t in members]
    taxonomy = incident_types()
    return out + sorted(str(s) for s in counts if s not in taxonomy)


def type_choice_label(choice: str, counts: Counter) -> str:
    """"Battles: all (5)" for a group, "Battles › Armed clash (3)" for a type."""
    taxonomy = incident_types()
    if choice.startswith(GROUP_PREFIX):
        group = choice[len(GROUP_PREFIX):]
        n = sum(c for s, c in counts.items() if s in taxonomy and taxonomy[s].acled_event_type == group)
        return f"{group}: all ({n})"
    t = taxonomy.get(choice)
    n = counts.get(choice, 0)
    return f"{t.acled_event_type} › {t.label} ({n})" if t else f"{choice} ({n})"


def chosen_types(choices: Iterable[str]) -> tuple[str, ...]:
    """The slugs a type-filter selection stands for: a group is every type of its ACLED event type."""
    taxonomy = incident_types()
    out: list[str] = []
    for c in choices:
        if c.startswith(GROUP_PREFIX):
            group = c[len(GROUP_PREFIX):]
            out += [s for s, t in taxonomy.items() if t.acled_event_type == group]
        else:
            out.append(c)
    return tuple(dict.fromkeys(out))


# --------------------------------------------------------------------------- widgets


@dataclass
class FilterWidgets:
    spec: FilterSpec
    show_muted_places: bool = True
    keys: list[str] = field(default_factory=list)


FILTER_FIELDS = ("types", "places", "dates", "undated", "precision", "status", "text", "muted")  # widget key names


def filter_key(view: dict, name: str, *, prefix: str = "f") -> str:
    """A filter widget's key. It carries the analysis key, so a new article starts with fresh filters
    (old options cannot linger in a widget whose options changed)."""
    return f"{prefix}_{name}_{view['key']}"


def _widgets_from(values: dict, rng: tuple[dt.date, dt.date] | None, keys: list[str]) -> FilterWidgets:
    """The one reading of the widgets' values (FILTER_FIELDS -> value), for :func:`render_filters`
    and :func:`peek_filters` alike."""
    date_from = date_to = None
    include_undated = True
    if rng:
        value = values["dates"]
        if isinstance(value, (tuple, list)):
            if len(value) >= 1 and value[0]:
                date_from = value[0]
            if len(value) == 2 and value[1]:
                date_to = value[1]
        elif isinstance(value, dt.date):
            date_from = date_to = value
        # the untouched full range is no restriction
        if (date_from, date_to) == rng:
            date_from = date_to = None
        include_undated = bool(values["undated"])
    spec = FilterSpec(
        types=chosen_types(values["types"] or ()), places=tuple(values["places"] or ()), date_from=date_from,
        date_to=date_to, include_undated=include_undated, precisions=tuple(values["precision"] or ()),
        text=values["text"] or "", statuses=tuple(values["status"] or ()),
    )
    return FilterWidgets(spec=spec, show_muted_places=bool(values["muted"]), keys=keys)


def peek_filters(view: dict, state, *, prefix: str = "f") -> FilterWidgets:
    """What :func:`render_filters` will return in this run, read from the session state before the widgets
    are drawn (a widget that has not been drawn yet has its default). The page uses it to draw the map
    before the sidebar widgets (see app_pages/article.py); it checks the two agree afterwards."""
    defaults = {"types": [], "places": [], "dates": None, "undated": True, "precision": [], "status": [],
                "text": "", "muted": True}
    rng = data_date_range(view["incidents"])
    if rng:
        defaults["dates"] = (rng[0], rng[1])
    keys = [filter_key(view, n, prefix=prefix) for n in FILTER_FIELDS]
    values = {n: state[key] if key in state else defaults[n] for n, key in zip(FILTER_FIELDS, keys)}
    return _widgets_from(values, rng, keys)


def render_filters(view: dict, container=None, *, prefix: str = "f") -> FilterWidgets:
    """Sidebar filter widgets for one analysis; returns the resulting :class:`FilterSpec`.

    Widget keys carry the analysis key (:func:`filter_key`), so a new article starts with fresh filters.
    """
    import streamlit as st

    c = container if container is not None else st.sidebar
    features = view["incidents"]
    k = lambda name: filter_key(view, name, prefix=prefix)  # noqa: E731
    counts = type_counts(features)
    values: dict = {"dates": None, "undated": True}

    c.subheader("Filters")
    values["types"] = c.multiselect(
        "Incident type",
        type_choices(counts),
        format_func=lambda s: type_choice_label(s, counts),
        placeholder="All types",
        key=k("types"),
        help="Show only these incident types (empty = all); types are grouped under ACLED's event types, "
        "and a whole event type can be chosen at once.",
    )
    popts = place_options(features)
    values["places"] = c.multiselect(
        "Place", list(popts), format_func=lambda key: popts.get(key, key), placeholder="All places", key=k("places")
    )
    rng = data_date_range(features)
    if rng:
        values["dates"] = c.date_input(
            "Date range",
            value=(rng[0], rng[1]),
            min_value=rng[0] - dt.timedelta(days=366),
            max_value=rng[1] + dt.timedelta(days=366),
            key=k("dates"),
            help="Incidents whose date (or date interval) overlaps this range.",
        )
        values["undated"] = c.checkbox("Include undated incidents", value=True, key=k("undated"))
    prec_present = {f["properties"].get("precision") for f in features}
    prec_opts = [p.value for p in Precision if p in prec_present] + sorted(p for p in prec_present if p and p not in set(Precision))
    values["precision"] = c.multiselect(
        "Location precision", prec_opts, placeholder="Any precision", key=k("precision"),
        help="country < region < city < district < point",
    )
    status_counts = Counter(f["properties"].get("status") for f in features)
    status_opts = [s.value for s in Status if status_counts.get(s)] + sorted(
        str(s) for s in status_counts if s and s not in set(Status))
    values["status"] = c.multiselect(
        "Status", status_opts, format_func=lambda s: f"{s} ({status_counts.get(s, 0)})",
        placeholder="Any status", key=k("status"),
        help="reported: said to have happened · planned: announced or called for, not (yet) reported as happening",
    )
    values["text"] = c.text_input("Search", key=k("text"), placeholder="words in sentence, actors, place…")
    values["muted"] = c.toggle("Show places without incidents", value=True, key=k("muted"))
    return _widgets_from(values, rng, [k(n) for n in FILTER_FIELDS])
