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

ACLED-shaped columns (names, order and codes as in ACLED's codebook; ``ACLED_COLUMNS``):

* Planned events (``status: planned``) are left out: ACLED codes what happened. Our exports keep them.
  So are incidents an analyst marked not an event or a duplicate (``review``); a corrected incident
  appears with its corrected values.
* One event per event: ACLED codes one event per type, place and day, so the incidents of one sentence with
  the same place, date and ACLED event type are one row (a crowd's protest and the tear gas used on it;
  "occupied by security forces and blocked off"): the most confident one's, with the group's largest
  fatality figure. A casualties incident is its sentence's event's count: it joins the most confident other
  event of its sentence and place (not a strategic development). Our other exports keep every analyst type.
* ``event_id_cnty``: ``"<ISO-3>-IM-<incident id>"``, e.g. ``"KAZ-IM-i3"``. ACLED's ids are ISO-3 plus a
  number ("KAZ1234"); "IM" keeps ours from ever being mistaken for real ACLED ids.
* ``event_date``: the day; for an interval (range, week, month) its middle day, as ACLED codes events
  known only to a week or a month to the middle of that period (the full interval stays in ``date`` of
  the other exports). Empty if no date.
* ``time_precision``: 1 for a day; 2 for "week" or a range of at most 7 days; 3 for a month, a longer
  range, or a date that is only the publication-day fallback.
* ``event_type`` / ``sub_event_type`` (and ``acled_event_type`` / ``acled_sub_event_type`` of the other
  exports): the incident type's ACLED mapping, unless who acted recodes it
  (:func:`incidentmap.incidents.coding.acled_types`: a crowd setting fire to a bus is a violent
  demonstration, our ``looting_arson``).
* ``disorder_type`` from the event type: Protests and Riots/Violent demonstration -> "Demonstrations";
  Battles, Explosions/Remote violence, Violence against civilians, Riots/Mob violence -> "Political
  violence"; Strategic developments -> "Strategic developments".
* ``actor1``/``actor2``, ``assoc_actor_1/2``, ``inter1/2``, ``interaction``: the incident's coded actors
  (:func:`incidentmap.incidents.actors.code_actors`): ACLED-style names ("Police Forces of Kenya",
  "Protesters (Kenya)"), actor types 1-8 (0: no second actor), the interaction as both codes lower first
  (16, or 60 for protesters alone). ACLED's names carry date ranges ("(2013-2022)"): ours do not. An
  incident whose text names no actor and whose type implies none has an empty actor1 and inter1 0.
  The same columns (and ``admin1``/``admin2``) are properties of every GeoJSON Feature and flat CSV row.
* ``civilian_targeting``: "Civilian targeting" for political violence whose second actor is civilians.
* ``iso`` (ISO 3166-1 numeric), ``region`` (ACLED's region) and ``country`` (ACLED's spelling) from
  incidentmap/data/acled/countries.csv; ``country_names`` names the codes that table lacks.
* ``admin1``/``admin2``: names from the gazetteer (the place's first-level region, for a town, a site in
  it or the region itself; a second-level unit's own name). ``admin3`` is always empty.
* ``geo_precision``: 1 for point, district and city (a named town or part of it); 2 for a second-level
  unit (a county or district); 3 for a first-level region or a country.
* One row per day of a multi-day event (``days`` > 1: "two days of clashes", "over a 36-hour period"; see
  ``counts.days_spanned``): the days of the incident's interval when it has that many (``time_precision`` 1),
  else the days ending on its day (2, or 3 beyond a week); the dead divided evenly among the days, the
  remainder to the first ones (``counts.daily_shares``: 17 over two days is 9 and 8), as ACLED splits a
  multi-day toll; ids end ``-1``, ``-2``….
* ``fatalities``: the figure, 0 when unknown (ACLED has no "unknown"; see ``count_text`` in the flat CSV
  for what was reported).
* ``source``: the Feature's ``source`` property if it has one (the corpus exports: the article's outlet, or
  an event's outlets joined by "; " as ACLED does), else as given; ``source_scale`` and ``tags`` empty;
  ``timestamp`` the export time (Unix seconds).

An incident without a location (the article supports no place; ``Incident.place`` is None) is a
Feature with ``"geometry": null`` (RFC 7946, 3.2), its place fields empty (``precision`` and
``uncertainty_m`` null); the CSV exports list it with empty coordinates, and the ACLED-shaped one with
an empty ``geo_precision`` and "XX" for the country in its id.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from collections.abc import Iterable, Mapping
from typing import Any

from .acled import admin_names, countries, interaction
from .counts import daily_shares
from .incidents.coding import acled_types
from .models import CodedActor, Incident, Inter, Place, Status
from .taxonomy import incident_types

__all__ = [
    "FEATURE_PROPERTIES",
    "CSV_COLUMNS",
    "CORRECTION_CSV_COLUMNS",
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
    "mention", "precision", "uncertainty_m", "country_code", "admin1", "admin2", "date", "date_precision",
    "date_text", "actors", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "fatalities", "injuries", "arrests", "count_text", "days", "status", "evidence", "start", "end",
    "confidence",
)  # fmt: skip
CSV_COLUMNS = (*FEATURE_PROPERTIES, "latitude", "longitude")
# Added to the flat CSV only when an incident was corrected: the flag, the analyst's verdict, the machine's
# values (JSON) and the notes. (A corrected Feature's GeoJSON properties carry them as they are.)
CORRECTION_CSV_COLUMNS = ("corrected", "review", "original", "notes")
PLACE_CSV_COLUMNS = (
    "key", "name", "kind", "precision", "latitude", "longitude", "uncertainty_m", "country_code", "geonameid",
    "source", "source_id", "confidence", "note", "at_city_only", "mention_count", "mention_texts",
)  # fmt: skip
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "tags", "timestamp",
)  # fmt: skip (ACLED's codebook order)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ACLED's geo_precision: 1 the town (or a part of it) is known; 2 a district / second-level unit (or near a
# town); 3 only the province or a larger region.
_GEO_PRECISION = {"point": 1, "district": 1, "city": 1, "region": 3, "country": 3}
_ADMIN2_KEY = ("geonames-admin2:", "unit:")  # second-level units: GeoNames' and the national units
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
    admin1, admin2 = admin_names(place) if place is not None else ("", "")
    if place is None:  # no location: the article supports no place
        where = {"place": "", "place_key": "", "precision": None, "uncertainty_m": None, "country_code": ""}
    else:
        where = {"place": place.name, "place_key": place.key, "precision": place.precision,
                 "uncertainty_m": int(round(place.uncertainty_m)), "country_code": place.country_code}
    return {
        "id": incident.id,
        "incident_type": incident.incident_type,
        "label": kind.label if kind else incident.incident_type,
        **dict(zip(("acled_event_type", "acled_sub_event_type"), acled_types(incident), strict=True)),
        "place": where["place"],
        "place_key": where["place_key"],
        "mention": incident.mention,
        "precision": where["precision"],
        "uncertainty_m": where["uncertainty_m"],
        "country_code": where["country_code"],
        "admin1": admin1,
        "admin2": admin2,
        "date": incident.date,
        "date_precision": incident.date_precision,
        "date_text": incident.date_text,
        "actors": list(incident.actors),
        **_actor_columns(incident.coded_actors),
        "fatalities": incident.fatalities,
        "injuries": incident.injuries,
        "arrests": incident.arrests,
        "count_text": incident.count_text,
        "days": incident.days,
        "status": incident.status,
        "evidence": incident.evidence,
        "start": incident.start,
        "end": incident.end,
        "confidence": round(float(incident.confidence), 3),
    }


def _actor_columns(coded: list[CodedActor]) -> dict:
    """ACLED's actor columns from an incident's coded actors: each side's first actor, its associates, types."""
    sides = {side: [a for a in coded if a.side == side] for side in (1, 2)}
    inter = {side: int(actors[0].inter) if actors else int(Inter.NONE) for side, actors in sides.items()}
    return {
        "actor1": sides[1][0].name if sides[1] else "",
        "assoc_actor_1": "; ".join(a.name for a in sides[1][1:]),
        "inter1": inter[1],
        "actor2": sides[2][0].name if sides[2] else "",
        "assoc_actor_2": "; ".join(a.name for a in sides[2][1:]),
        "inter2": inter[2],
        "interaction": interaction(inter[1], inter[2]),
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
    """One row per incident: the GeoJSON properties plus latitude and longitude; when any incident carries an
    analyst's corrections (:mod:`incidentmap.corrections`), also ``CORRECTION_CSV_COLUMNS``."""
    features = [_as_feature(item) for item in _incident_items(incidents)]
    corrected = any(f["properties"].get("corrected") for f in features)

    def rows():
        for feature in features:
            p = feature["properties"]
            row = {k: p.get(k) for k in FEATURE_PROPERTIES}
            row["actors"] = "; ".join(str(a) for a in row["actors"] or [])
            row["longitude"], row["latitude"] = _lon_lat(feature)
            if corrected:
                row.update(_correction_cells(p))
            yield row

    return _write_csv((*CSV_COLUMNS, *CORRECTION_CSV_COLUMNS) if corrected else CSV_COLUMNS, rows())


def _correction_cells(p: Mapping) -> dict:
    if not p.get("corrected"):
        return {"corrected": False, "review": "", "original": "", "notes": ""}
    return {"corrected": True, "review": p.get("review") or "",
            "original": json.dumps(p.get("original") or {}, ensure_ascii=False, sort_keys=True),
            "notes": " | ".join(str(n) for n in p.get("notes") or [])}


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


def _span_days(date: str, days: int) -> list[dt.date]:
    """The ``days`` days of a multi-day event dated ``date``: the days of its interval when it has that many, else
    the days ending on its (last) day ("two days of clashes" reported on the 8th: the 7th and the 8th)."""
    try:
        last = dt.date.fromisoformat(date.split("/", 1)[-1])
    except ValueError:
        return []  # no day to count from: one row, as any event
    return [last - dt.timedelta(days=days - 1 - k) for k in range(days)]


def _span_precision(date: str, days: int) -> int:
    """ACLED's time precision of each day of a multi-day event: 1 when the text's interval gives exactly those days,
    else the days are counted back from a day, known to a week (2) or, for more than a week, a month (3)."""
    if "/" in date:
        a, b = (dt.date.fromisoformat(x) for x in date.split("/", 1))
        if (b - a).days + 1 == days:
            return 1
    return 2 if days <= 7 else 3


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


def _geo_precision(p: dict) -> int:
    if p.get("precision") == "region" and str(p.get("place_key", "")).startswith(_ADMIN2_KEY):
        return 2
    return _GEO_PRECISION.get(p.get("precision", ""), 3)


_CASUALTIES, _STRATEGIC = "casualties", "Strategic developments"
_PROTEST_ORDER = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")
_PEACEFUL = _PROTEST_ORDER[0]


def _one_event_per_event(features: list[dict]) -> list[dict]:
    """Features of one sentence with the same place, date and ACLED event type merged into one (see the module
    docstring); features without a sentence offset stay as they are."""
    def where(p: dict) -> tuple:
        return p.get("source_id") or p.get("source"), p.get("start"), p.get("place_key"), p.get("date")

    # The dead and injured a sentence reports are its event's (ACLED puts fatalities on the event): a casualties
    # incident joins the sentence's most confident other event at its place, unless that is only a strategic
    # development or a peaceful protest: deaths are never a peaceful protest's ("Gunmen killed three villagers
    # …, and protesters blocked a road" is an attack with 3 dead and a protest without).
    events: dict[tuple, dict] = {}
    for f in features:
        p = f["properties"]
        if p.get("start") is not None and p.get("incident_type") != _CASUALTIES and \
                p.get("acled_event_type") != _STRATEGIC and p.get("acled_sub_event_type") != _PEACEFUL:
            best = events.get(where(p))
            if best is None or (p.get("confidence") or 0.0) > (best.get("confidence") or 0.0):
                events[where(p)] = p
    groups: dict[tuple, list[dict]] = {}
    for n, f in enumerate(features):
        p = f["properties"]
        event_type = p.get("acled_event_type")
        if p.get("incident_type") == _CASUALTIES and where(p) in events:
            event_type = events[where(p)].get("acled_event_type")
        key = (n,) if p.get("start") is None else (*where(p), event_type)
        groups.setdefault(key, []).append(f)
    out = []
    for group in groups.values():
        best = max(group, key=lambda f: (f["properties"].get("incident_type") != _CASUALTIES,
                                         f["properties"].get("confidence") or 0.0))
        dead = [f["properties"] for f in group if f["properties"].get("fatalities") is not None]
        most = max(dead, key=lambda p: p["fatalities"]) if dead else None
        if most is not None and best["properties"].get("fatalities") != most["fatalities"]:
            best = {**best, "properties": {**best["properties"], "fatalities": most["fatalities"],
                                           "days": most.get("days") or 1}}  # (the figure's span goes with it)
        # A protest met with force is ACLED's intervention (or excessive force), not a peaceful protest.
        subs = [f["properties"].get("acled_sub_event_type") for f in group]
        worst = max(subs, key=lambda sub: _PROTEST_ORDER.index(sub) if sub in _PROTEST_ORDER else -1)
        if worst in _PROTEST_ORDER and worst != best["properties"].get("acled_sub_event_type"):
            best = {**best, "properties": {**best["properties"], "acled_sub_event_type": worst}}
        out.append(best)
    return out


def incidents_acled_csv(
    incidents: Any, *, source: str = "", country_names: Mapping[str, str] | None = None,
    timestamp: int | None = None,
) -> str:
    """ACLED-shaped CSV (columns ``ACLED_COLUMNS``; choices in the module docstring). Planned events are left
    out: ACLED codes events that happened. ``timestamp`` (Unix seconds) defaults to now."""
    items = _one_event_per_event(
        [f for f in map(_as_feature, _incident_items(incidents))
         if f["properties"].get("status") != Status.PLANNED
         and not f["properties"].get("review")])  # an analyst said: not an event, or a duplicate
    table = countries()
    # ACLED's spelling first; the caller's names only for codes the table lacks.
    names: dict[str, str] = {**(country_names or {}), **{code: c.name for code, c in table.items()}}
    stamp = int(time.time()) if timestamp is None else int(timestamp)

    def rows():
        for item in items:
            feature = _as_feature(item)
            p = feature["properties"]
            days = int(p.get("days") or 1)
            span = _span_days(p.get("date") or "", days) if days > 1 else []
            if span:
                # One event per day (ACLED): the days of the span, the dead divided evenly among them.
                for k, (day, shares) in enumerate(zip(span, daily_shares(p.get("fatalities") or 0, days),
                                                      strict=True)):
                    yield {**row_of(feature, p, day, _span_precision(p["date"], days)),
                           "event_id_cnty": f"{_id_of(p)}-{k + 1}", "fatalities": shares}
                continue
            day = _event_date(p.get("date"))
            yield row_of(feature, p, day, _time_precision(p["date"], p.get("date_precision", "")) if day else "")

    def _id_of(p: dict) -> str:
        code = p.get("country_code") or ""
        row = table.get(code)
        return f"{row.iso3 if row else (code or 'XX').upper()}-IM-{p.get('id')}"

    def row_of(feature: dict, p: dict, day: dt.date | None, precision: int | str) -> dict:
        lon, lat = _lon_lat(feature)
        code = p.get("country_code") or ""
        row = table.get(code)
        event_type, sub_event_type = p.get("acled_event_type", ""), p.get("acled_sub_event_type", "")
        disorder = _disorder_type(event_type, sub_event_type)
        return {
            "event_id_cnty": _id_of(p),
            "event_date": day.isoformat() if day else "",
            "year": day.year if day else "",
            "time_precision": precision,
            "disorder_type": disorder,
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            **{k: p.get(k, "") for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")},
            **{k: p.get(k) or 0 for k in ("inter1", "inter2", "interaction")},
            "civilian_targeting": "Civilian targeting"
            if disorder == "Political violence" and p.get("inter2") == Inter.CIVILIANS else "",
            "iso": row.iso if row else "",
            "region": row.region if row else "",
            "country": names.get(code) or code,
            "admin1": p.get("admin1", ""),
            "admin2": p.get("admin2", ""),
            "admin3": "",
            "location": p.get("place", ""),
            "latitude": lat,
            "longitude": lon,
            "geo_precision": _geo_precision(p) if p.get("precision") else "",
            "source": p.get("source") or source,
            "source_scale": "",
            "notes": p.get("evidence", ""),
            "fatalities": p.get("fatalities") or 0,
            "tags": "",
            "timestamp": stamp,
        }

    return _write_csv(ACLED_COLUMNS, rows())
