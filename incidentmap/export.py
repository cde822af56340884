"""Exports: GeoJSON (RFC 7946), a flat CSV, and an ACLED-style CSV.

Every incident export accepts ``Incident`` objects, the GeoJSON Features
:func:`incident_feature` makes (what the dashboard keeps after filtering), or an
``Analysis`` (anything with ``.incidents``/``.places``); place exports accept ``Place``
objects, their Features, or an ``Analysis``.

CSV choices:

* Written with the ``csv`` module (RFC 4180 quoting, CRLF line ends); returned as
  ``str``. Encode as UTF-8 to save; "utf-8-sig" makes Excel detect the encoding.
* Formula injection: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR
  gets a leading apostrophe (OWASP's advice), so a spreadsheet shows it as text
  instead of running it. Numbers (negative coordinates) are never touched. The
  apostrophe is visible in the data: strip it when reading the file programmatically.
* ``None`` becomes an empty cell; actors are joined with ``"; "``.

ACLED-style columns (names as in ACLED's export; only those we can fill meaningfully):

* ``event_id_cnty``: ``"<country_code>-IM-<incident id>"``, e.g. ``"KZ-IM-i3"``. ACLED
  uses ISO-3 codes plus a number ("KAZ1234"); ours are ISO alpha-2 (all the pipeline
  has) and "IM" keeps them from ever being mistaken for real ACLED ids.
* ``event_date``: the day; for an interval (range, week, month) its middle day, as
  ACLED codes events known only to a week or a month to the middle of that period
  (the full interval stays in ``date`` of the other exports). Empty if no date.
* ``time_precision``: 1 for a day; 2 for "week" or a range of at most 7 days; 3 for a
  month, a longer range, or a date that is only the publication-day fallback.
* ``disorder_type`` from the event type: Protests and Riots/Violent demonstration ->
  "Demonstrations"; Battles, Explosions/Remote violence, Violence against civilians,
  Riots/Mob violence -> "Political violence"; Strategic developments -> "Strategic
  developments".
* ``actor1``/``actor2`` are the first two actors, ``assoc_actor_1`` the rest.
* ``country``: a name from ``country_names`` if given, else the name of a country-level
  place with that code among the exported incidents (or the Analysis's places), else
  the ISO code itself (no country table is shipped at run time).
* ``admin1``: the chosen gazetteer candidate's admin1 when the exported object is an
  ``Incident`` whose place carries it, else "".
* ``geo_precision``: 1 for point, district and city (ACLED: a named town or part of
  it); 3 for region and country (ACLED: only a larger region is known). 2 is unused.
* ``fatalities``: the figure, 0 when unknown (ACLED has no "unknown"; see
  ``count_text`` in the flat CSV for what was reported).
* ``source`` as given; ``source_scale``, ``tags`` and ``timestamp`` are left empty.

An incident without a location (the article supports no place; ``Incident.place`` is None) is a
Feature with ``"geometry": null`` (RFC 7946, 3.2), its place fields empty (``precision`` and
``uncertainty_m`` null); the CSV exports list it with empty coordinates, and the ACLED-style one with
an empty ``geo_precision`` and country code "XX" in its id.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from .models import Incident, Place
from .taxonomy import incident_types

__all__ = [
    "FEATURE_PROPERTIES",
    "CSV_COLUMNS",
    "ACLED_COLUMNS",
    "PLACE_CSV_COLUMNS",
    "incident_properties",
    "incident_feature",
    "incidents_geojson",
    "places_geojson",
    "places_csv",
    "incidents_csv",
    "incidents_acled_csv",
    "csv_safe",
]

FEATURE_PROPERTIES = (
    "id", "incident_type", "label", "acled_event_type", "acled_sub_event_type", "place", "place_key",
    "mention", "precision", "uncertainty_m", "country_code", "date", "date_precision", "date_text",
    "actors", "fatalities", "injuries", "arrests", "count_text", "status", "evidence", "start", "end",
    "confidence",
)  # fmt: skip
CSV_COLUMNS = (*FEATURE_PROPERTIES, "latitude", "longitude")
PLACE_CSV_COLUMNS = (
    "key", "name", "kind", "precision", "latitude", "longitude", "uncertainty_m", "country_code", "geonameid",
    "source", "source_id", "confidence", "note", "at_city_only", "mention_count", "mention_texts",
)  # fmt: skip
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "tags", "timestamp",
)  # fmt: skip

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GEO_PRECISION = {"point": 1, "district": 1, "city": 1, "region": 3, "country": 3}
_DISORDER = {
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Strategic developments": "Strategic developments",
}


def _coords(place: Place) -> tuple[float, float]:
    """(lon, lat) rounded to 6 decimals (~0.1 m; more digits would only be noise)."""
    return round(place.lon, 6), round(place.lat, 6)


def incident_properties(incident: Incident) -> dict:
    """The exported fields of one incident, in ``FEATURE_PROPERTIES`` order (JSON-ready)."""
    kind = incident_types().get(incident.incident_type)
    place = incident.place
    if place is None:  # no location: the article supports no place
        where = {"place": "", "place_key": "", "precision": None, "uncertainty_m": None, "country_code": ""}
    else:
        where = {"place": place.name, "place_key": place.key, "precision": place.precision,
                 "uncertainty_m": int(round(place.uncertainty_m)), "country_code": place.country_code}
    return {
        "id": incident.id,
        "incident_type": incident.incident_type,
        "label": kind.label if kind else incident.incident_type,
        "acled_event_type": kind.acled_event_type if kind else "",
        "acled_sub_event_type": kind.acled_sub_event_type if kind else "",
        "place": where["place"],
        "place_key": where["place_key"],
        "mention": incident.mention,
        "precision": where["precision"],
        "uncertainty_m": where["uncertainty_m"],
        "country_code": where["country_code"],
        "date": incident.date,
        "date_precision": incident.date_precision,
        "date_text": incident.date_text,
        "actors": list(incident.actors),
        "fatalities": incident.fatalities,
        "injuries": incident.injuries,
        "arrests": incident.arrests,
        "count_text": incident.count_text,
        "status": incident.status,
        "evidence": incident.evidence,
        "start": incident.start,
        "end": incident.end,
        "confidence": round(float(incident.confidence), 3),
    }


def incident_feature(incident: Incident) -> dict:
    """An RFC 7946 Feature: a Point at the incident's place, ``[lon, lat]``; a null geometry without one."""
    geometry = None
    if incident.place is not None:
        lon, lat = _coords(incident.place)
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {
        "type": "Feature",
        "id": incident.id,
        "geometry": geometry,
        "properties": incident_properties(incident),
    }


IncidentLike = Incident | dict  # an Incident, or the Feature incident_feature made of it


def _incident_items(items: Any) -> list[IncidentLike]:
    return list(getattr(items, "incidents", items))


def _as_feature(item: IncidentLike) -> dict:
    return item if isinstance(item, dict) else incident_feature(item)


def incidents_geojson(incidents: Any) -> dict:
    """FeatureCollection of incidents (``Incident`` objects, Features, or an Analysis)."""
    return {"type": "FeatureCollection", "features": [_as_feature(i) for i in _incident_items(incidents)]}


def feature_collection_text(collection: dict) -> str:
    """A FeatureCollection as JSON text, one feature per line.

    Readable and diffable line by line, and written by json's C encoder: ``indent=`` falls back to
    the pure-Python encoder, which took longer than the analysis itself for a 1 MB article.
    """
    dump = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    features = collection.get("features", [])
    head = {k: v for k, v in collection.items() if k != "features"}
    opening = dump(head)[:-1] + (", " if head else "") + '"features": ['
    if not features:
        return opening + "]}\n"
    return opening + "\n" + ",\n".join(dump(f) for f in features) + "\n]}\n"


def _place_features(places: Any) -> list[dict]:
    return [p if isinstance(p, dict) else p.to_feature() for p in getattr(places, "places", places)]


def places_geojson(places: Any) -> dict:
    """FeatureCollection of places via ``Place.to_feature()`` (Places, Features, or an Analysis)."""
    return {"type": "FeatureCollection", "features": _place_features(places)}


def csv_safe(value: object) -> object:
    """Neutralise spreadsheet formulas in text cells; numbers and None pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_csv(columns: tuple[str, ...], rows: Iterable[dict]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else csv_safe(v) for k, v in row.items()})
    return buf.getvalue()


def _lon_lat(feature: dict) -> tuple[Any, Any]:
    try:
        lon, lat = feature["geometry"]["coordinates"][:2]
        return lon, lat
    except (KeyError, TypeError, ValueError):
        return None, None


def incidents_csv(incidents: Any) -> str:
    """One row per incident: the GeoJSON properties plus latitude and longitude."""

    def rows():
        for item in _incident_items(incidents):
            feature = _as_feature(item)
            row = {k: feature["properties"].get(k) for k in FEATURE_PROPERTIES}
            row["actors"] = "; ".join(str(a) for a in row["actors"] or [])
            row["longitude"], row["latitude"] = _lon_lat(feature)
            yield row

    return _write_csv(CSV_COLUMNS, rows())


def places_csv(places: Any) -> str:
    """One row per place: ``Place.to_feature()`` properties without candidates, plus coordinates."""

    def rows():
        for feature in _place_features(places):
            p = feature["properties"]
            lon, lat = _lon_lat(feature)
            mentions = p.get("mentions") or []
            texts = list(dict.fromkeys(m["text"] for m in mentions))  # distinct, in text order
            yield {
                "key": feature.get("id"), "name": p.get("name"), "kind": p.get("kind"),
                "precision": p.get("precision"), "latitude": lat, "longitude": lon,
                "uncertainty_m": p.get("uncertainty_m"), "country_code": p.get("country_code"),
                "geonameid": p.get("geonameid") or "",
                "source": p.get("source"), "source_id": p.get("source_id"), "confidence": p.get("confidence"),
                "note": p.get("note"), "at_city_only": p.get("at_city_only"),
                "mention_count": len(mentions), "mention_texts": "; ".join(texts),
            }  # fmt: skip

    return _write_csv(PLACE_CSV_COLUMNS, rows())


# --- ACLED-style ---


def _event_date(date: str | None) -> dt.date | None:
    """A day, or the middle day of an ISO interval."""
    if not date:
        return None
    try:
        if "/" in date:
            a, b = (dt.date.fromisoformat(x) for x in date.split("/", 1))
            return a + (b - a) // 2
        return dt.date.fromisoformat(date)
    except ValueError:
        return None


def _time_precision(date: str, precision: str) -> int:
    if precision == "day":
        return 1
    if precision == "week":
        return 2
    if precision == "range" and "/" in date:
        a, b = (dt.date.fromisoformat(x) for x in date.split("/", 1))
        return 2 if (b - a).days < 7 else 3
    return 3


def _disorder_type(event_type: str, sub_event_type: str) -> str:
    if event_type == "Riots" and sub_event_type == "Mob violence":
        return "Political violence"
    return _DISORDER.get(event_type, "")


def _admin1(place: Place) -> str:
    for candidate in place.candidates:
        if candidate.source_id == place.source_id and candidate.admin1:
            return candidate.admin1
    return ""


def incidents_acled_csv(
    incidents: Any, *, source: str = "", country_names: Mapping[str, str] | None = None
) -> str:
    """ACLED-style CSV (columns ``ACLED_COLUMNS``; choices in the module docstring)."""
    items = _incident_items(incidents)
    names: dict[str, str] = {}
    for feature in _place_features(getattr(incidents, "places", [])):
        if feature["properties"].get("kind") == "country":
            names.setdefault(feature["properties"].get("country_code", ""), feature["properties"].get("name", ""))
    for item in items:
        if isinstance(item, Incident) and item.place is not None and item.place.kind == "country":
            names.setdefault(item.place.country_code, item.place.name)
    names.update(country_names or {})

    def rows():
        for item in items:
            feature = _as_feature(item)
            p = feature["properties"]
            lon, lat = _lon_lat(feature)
            day = _event_date(p.get("date"))
            actors = [str(a) for a in p.get("actors") or []]
            code = p.get("country_code") or ""
            yield {
                "event_id_cnty": f"{(code or 'XX').upper()}-IM-{p.get('id')}",
                "event_date": day.isoformat() if day else "",
                "year": day.year if day else "",
                "time_precision": _time_precision(p["date"], p.get("date_precision", "")) if day else "",
                "disorder_type": _disorder_type(p.get("acled_event_type", ""), p.get("acled_sub_event_type", "")),
                "event_type": p.get("acled_event_type", ""),
                "sub_event_type": p.get("acled_sub_event_type", ""),
                "actor1": actors[0] if actors else "",
                "assoc_actor_1": "; ".join(actors[2:]),
                "actor2": actors[1] if len(actors) > 1 else "",
                "country": names.get(code) or code,
                "admin1": _admin1(item.place) if isinstance(item, Incident) and item.place is not None else "",
                "location": p.get("place", ""),
                "latitude": lat,
                "longitude": lon,
                "geo_precision": _GEO_PRECISION.get(p.get("precision") or "", 3) if p.get("precision") else "",
                "source": source,
                "source_scale": "",
                "notes": p.get("evidence", ""),
                "fatalities": p.get("fatalities") or 0,
                "tags": "",
                "timestamp": "",
            }

    return _write_csv(ACLED_COLUMNS, rows())
