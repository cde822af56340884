"""Notes above the map and table: no publication date, places the gazetteer lacks (placed in the area their text
names), places the online geocoder left at city precision, and the analysis' warnings."""

from __future__ import annotations

from typing import Iterable

from incidentmap.models import Source

from .input_panel import escape_md

UNDATED_NOTE = ("This article has no publication date: dates relative to it (\"on Wednesday\", \"yesterday\") "
                "stay unresolved until a date is set (sidebar › Article › Publication date, then Analyse).")


def places_left_at_city(places: Iterable[dict]) -> list[str]:
    """Names (sorted, once each) of the places the online geocoder was asked about and could not place:
    sites the gazetteer does not list (``at_city_only``), still at their city's point (source
    context-city). Generic sites of the focus city ("the government buildings") are also
    ``at_city_only``, but never sent online, so they are not listed."""
    return sorted({str(p["properties"].get("name")) for p in places
                   if p["properties"].get("at_city_only") and p["properties"].get("source") == Source.CONTEXT_CITY})


def left_at_city_note(names: list[str]) -> str:
    """Markdown (names escaped) for :func:`places_left_at_city`'s answer."""
    many = len(names) > 1
    return (
        f"Online geocoding left {len(names)} place{'s' if many else ''} unresolved; "
        f"{'they stay' if many else 'it stays'} at city precision (the offline answer): "
        + ", ".join(escape_md(n) for n in names) + "."
    )


def places_in_context_area(places: Iterable[dict]) -> list[str]:
    """Names (sorted, once each) of the places the offline gazetteer lacks that the text names as a village, a
    town or an area ("the village of Mayimoya"): shown in the area their context names, with its radius
    (source context-area; see incidentmap/unlisted.py)."""
    return sorted({str(p["properties"].get("name")) for p in places
                   if p["properties"].get("source") == Source.CONTEXT_AREA})


def in_area_note(names: list[str], *, online: bool) -> str:
    """Markdown (names escaped) for :func:`places_in_context_area`'s answer."""
    many = len(names) > 1
    ask = ("" if online else " The online geocoder (sidebar › Geocoder) can look "
           f"{'them' if many else 'it'} up.")
    return (f"{len(names)} place{'s' if many else ''} not in the gazetteer: "
            f"{'each is' if many else 'it is'} shown in the area the text names, with that area's radius: "
            + ", ".join(escape_md(n) for n in names) + "." + ask)


def unlocated_note(n: int) -> str:
    """Incidents the article gives no place for: kept, listed in the table and downloads, not on the map."""
    many = n != 1
    return (f"{n} incident{'s' if many else ''} without a location: the article names no place that "
            f"{'they' if many else 'it'} could be put at. Listed in the table and the downloads, not on the map.")


def render_notices(view: dict, container=None) -> None:
    """With the online geocoder, say visibly which places it left at city precision (the reasons are
    in the warnings); then the analysis' warnings, collapsed."""
    import streamlit as st

    c = container if container is not None else st
    if not view.get("published"):
        c.warning(escape_md(UNDATED_NOTE), icon="📅")
    unlocated = sum(1 for f in view.get("incidents", []) if not f.get("geometry"))
    if unlocated:
        c.info(unlocated_note(unlocated), icon="📍")
    rough = places_in_context_area(view.get("places", []))
    if rough:
        c.info(in_area_note(rough, online=view.get("geocoder") == "nominatim"), icon="🗺️")
    if view.get("geocoder") == "nominatim":
        stayed = places_left_at_city(view["places"])
        if stayed:
            c.warning(left_at_city_note(stayed), icon="🌐")
    if view.get("warnings"):
        box = c.expander(f"Warnings from the analysis ({len(view['warnings'])})")
        for w in view["warnings"]:
            box.text(w)
