"""The corpus page's view state (filters + selected event) and its round trip through the URL.

Why the URL: a view can be shared and a reload keeps it. One :class:`CorpusView` is read from
``st.query_params`` on the page's first run, drives the widgets, and is written back after each change.
Plain data only (no streamlit import): tests build views from dicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from incidentmap.corpus.store import CorpusFilter
from incidentmap.taxonomy import incident_types

__all__ = ["CorpusView", "LIST_PARAMS", "from_params", "to_params", "types_of", "safe_link"]

# URL parameter -> CorpusView field, for the multi-valued filters (repeated parameters: ?country=KE&country=BD)
LIST_PARAMS = {
    "group": "groups", "type": "types", "country": "countries", "admin1": "admin1", "actor": "actors",
    "source": "sources", "status": "statuses", "precision": "precisions",
}


@dataclass(frozen=True, slots=True)
class CorpusView:
    """Everything a shared corpus-page URL says: the filters and the selected event."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    groups: tuple[str, ...] = ()  # ACLED event types: every incident type of the group
    types: tuple[str, ...] = ()  # incident type slugs
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()
    event: str | None = None  # the selected event's id

    def corpus_filter(self, *, dates: bool = True) -> CorpusFilter:
        """The store's filter for this view (``dates=False``: all days, for the timeline under the brush)."""
        return CorpusFilter(
            date_from=self.date_from if dates else None, date_to=self.date_to if dates else None,
            types=types_of(self.groups, self.types), countries=self.countries, admin1=self.admin1,
            statuses=self.statuses, precisions=self.precisions, actors=self.actors, sources=self.sources,
        )

    def with_dates(self, date_from: dt.date | None, date_to: dt.date | None) -> CorpusView:
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
        return replace(self, date_from=date_from, date_to=date_to)


def types_of(groups: tuple[str, ...], types: tuple[str, ...]) -> tuple[str, ...]:
    """The incident types a choice of groups and types stands for: the types if any are chosen (the page
    offers only types of the chosen groups: :func:`from_params` drops others), else every type of the
    groups; neither = any type (``()``)."""
    if types or not groups:
        return tuple(types)
    return tuple(s for s, t in incident_types().items() if t.acled_event_type in groups)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None  # a mistyped date in a shared URL is ignored, not an error page


def from_params(params: Mapping[str, list[str]]) -> CorpusView:
    """A view from URL parameters (each name -> all its values); unknown names and bad dates are ignored."""
    def one(name: str) -> str | None:
        values = params.get(name) or []
        return values[-1] if values else None

    lists = {field: tuple(dict.fromkeys(v for v in (params.get(name) or []) if v)) for name, field in LIST_PARAMS.items()}
    if lists["groups"]:  # a type outside the chosen groups cannot be chosen on the page: drop it
        taxonomy = incident_types()
        lists["types"] = tuple(s for s in lists["types"] if s in taxonomy and taxonomy[s].acled_event_type in lists["groups"])
    view = CorpusView(event=one("event") or None, **lists)
    return view.with_dates(_date(one("from")), _date(one("to")))


def to_params(view: CorpusView) -> dict[str, list[str]]:
    """URL parameters for a view: only what is set, so the default view has a clean URL."""
    out: dict[str, list[str]] = {}
    if view.date_from:
        out["from"] = [view.date_from.isoformat()]
    if view.date_to:
        out["to"] = [view.date_to.isoformat()]
    for name, field in LIST_PARAMS.items():
        values = getattr(view, field)
        if values:
            out[name] = list(values)
    if view.event:
        out["event"] = [view.event]
    return out



def safe_link(url: str | None) -> str | None:
    """An article's address as a markdown link target, or None: only http(s), with the characters that could
    end a markdown link or break out of it (spaces, brackets, parentheses, quotes, angle brackets) escaped."""
    from urllib.parse import quote, urlsplit

    if not url or urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
        return None
    return quote(url.strip(), safe=":/?#&=%.-_~+,;@!$*")
