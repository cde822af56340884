"""The store's events and incidents as GeoJSON, CSV, ACLED-style CSV or Parquet.

    python -m incidentmap export --db FILE --what events|incidents --format geojson|csv|acled|parquet
                                 [--from DATE --to DATE --type T --country CC] [--output FILE]

Incidents are exported by :mod:`incidentmap.export` (the one-article exports), from Features built out of
store rows with the analyst's corrections laid over them (:mod:`incidentmap.corrections`), plus their article's ``article_id``, ``title``, ``url``, ``file_name`` and ``source`` (outlet),
``source_id`` (the article's id: the one-article ACLED export folds the incidents of one sentence of one source into
one event, and ``source`` is only the outlet, which two articles can share), and ``admin1``; ``days``, ``admin2`` and
ACLED's actor columns (``actor1`` … ``interaction``) are stored as the one-article export derives them (schema version
4; null for the rows of an older file, which did not record them: empty ACLED cells, types 0). So are
``acled_event_type``/``acled_sub_event_type`` (ACLED's ``event_type``/``sub_event_type``): the stored pair, recoded
by who acted as the one-article export codes it (a crowd setting fire to a bus is Riots/Violent demonstration, not
the taxonomy's Looting/property destruction of ``looting_arson``); a row of an older file, which did not record
them, takes its type's taxonomy mapping. An event's Feature
(``EVENT_PROPERTIES``) carries its type, place, precision, ``admin1``/``admin2``, date, fatalities, ``days``, the
actor columns, ``n_sources``, ``source`` (the members' outlets joined by "; ", as ACLED's ``source`` column) and ``members``:
one entry per member incident with its article (id, title, url, file name), incident id, evidence sentence
and offsets into that article's text. The events CSV has one row per event, with the member incident
ids and article titles joined by "; ". ACLED-style CSV: one row per incident or event, as
:func:`incidentmap.export.incidents_acled_csv` writes it (``notes``: the evidence; for an event, its first
member's). A multi-day incident or event (``days`` > 1) is one ACLED row per day, its dead divided among them,
as in the one-article export. An event's ``days`` are those of the member whose fatality figure it carries
(:mod:`.merge` keeps the lowest reported; the first such member), so that a toll is split over the days its own
report gives ("twelve killed in three days" merged with "four killed on Saturday" carries 4 over one day);
an event without a figure takes its first member's (whose evidence is its notes). Its actor columns are that same
member's (:func:`event_carrier`: the report whose toll the row carries says who did it to whom), and its ``admin2``
the member's whose place it has (the merge takes the event's place and ``admin1`` from one member; none: empty).
Its ``acled_event_type``/``acled_sub_event_type`` are that carrier's too: the actor columns are sided by the event
type (a riot's rioters are actor 1, a protest's protesters), so the types and actors of one row are one member's
coding. The merge does not group by these types (:func:`.merge.type_group` reads the taxonomy's mapping of the
incident type, never the recoding), so the members of one event may be coded differently ("protesters set fire to
a bus" a violent demonstration, "a bus was set on fire" looting): no member's coding is the event's by the merge,
and the carrier's is chosen as for its span. When the carrier has none recorded (an older file's row), the event's
type's taxonomy mapping, as before.
The analyst's corrections reach the events through their members (:mod:`.event_corrections` says how): an
analyst corrects what an article says, one incident at a time, and an event is the merge of such incidents, so
a correction of a member changes the event where the event takes that value from that member, and nowhere else.
A member marked not an event or a duplicate no longer counts: it leaves ``members`` (listed in
``dismissed_members``) and the event is what the merge's own rules make of the members left (its place, date,
figure, evidence, sources); an event with none left keeps its values, flagged ``review`` as a dismissed incident
is, and is left out of the ACLED-style export. The member whose place the event has, moved, moves the event; the
carrier (:func:`event_carrier`), retyped, retypes it (label, ACLED types and actor columns as the incident export
codes the retyped incident). A corrected event carries ``corrected``, ``original`` and ``corrections``, and the
events CSV then adds ``EVENT_CORRECTION_CSV_COLUMNS``. The merge itself is not run again: corrections neither
split nor join events.
Parquet: the store's table as it is (columns in :mod:`.store`), written by DuckDB: the machine's rows, without
the corrections.
"""

from __future__ import annotations

from pathlib import Path

from .. import export as article_export
from ..errors import InputError
from ..taxonomy import incident_types
from .store import (ACLED_ACTOR_COLUMNS, ACLED_TYPE_COLUMNS, ArticleRow, CorpusFilter, EventRow, IncidentRow,
                    MemberRow, Store)

__all__ = ["WHATS", "FORMATS", "EVENT_PROPERTIES", "EVENT_CSV_COLUMNS", "EVENT_CORRECTION_CSV_COLUMNS",
           "incident_feature", "event_carrier", "event_days", "event_feature", "export_store"]

WHATS = ("events", "incidents")
FORMATS = ("geojson", "csv", "acled", "parquet")
EVENT_PROPERTIES = (
    "id", "incident_type", "label", "acled_event_type", "acled_sub_event_type", "place", "place_key", "precision",
    "uncertainty_m", "country_code", "admin1", "admin2", "date", "date_precision", "status", "fatalities", "days",
    "n_sources", "n_incidents", "actors", *ACLED_ACTOR_COLUMNS, "evidence", "source", "members",
)  # fmt: skip
EVENT_CSV_COLUMNS = (*[p for p in EVENT_PROPERTIES if p != "members"], "latitude", "longitude", "incident_ids",
                     "article_titles")
# Added to the events CSV only when an event was corrected (as to the incidents CSV), with the members that no
# longer count: nothing an analyst dismissed is lost from the file.
EVENT_CORRECTION_CSV_COLUMNS = (*article_export.CORRECTION_CSV_COLUMNS, "dismissed_incident_ids")
ARTICLE_PROPERTIES = ("article_id", "title", "url", "file_name")


def _point(lat: float | None, lon: float | None) -> dict | None:
    if lat is None or lon is None:
        return None  # RFC 7946: a Feature without a location has a null geometry
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def _kind(slug: str, coded: IncidentRow | MemberRow | None = None) -> dict:
    """The type's label and ACLED types: those stored with ``coded`` (an incident or an event's carrier) when it
    has them, else the taxonomy's mapping of ``slug`` (a row of an older file: not recorded)."""
    kind = incident_types().get(slug)
    out = {"label": kind.label if kind else slug, "acled_event_type": kind.acled_event_type if kind else "",
           "acled_sub_event_type": kind.acled_sub_event_type if kind else ""}
    if coded is not None and all(getattr(coded, c) is not None for c in ACLED_TYPE_COLUMNS):
        out.update({c: getattr(coded, c) for c in ACLED_TYPE_COLUMNS})
    return out


def incident_feature(row: IncidentRow, article: ArticleRow | None) -> dict:
    """A stored incident as the Feature :func:`incidentmap.export.incident_feature` makes, plus its article."""
    props = {
        "id": row.id, "incident_type": row.incident_type, **_kind(row.incident_type, row), "place": row.place_name,
        "place_key": row.place_key, "mention": row.mention, "precision": row.precision,
        "uncertainty_m": int(round(row.uncertainty_m)) if row.uncertainty_m is not None else None,
        "country_code": row.country_code, "date": row.date, "date_precision": row.date_precision,
        "date_text": row.date_text, "actors": list(row.actors or []), "fatalities": row.fatalities,
        "injuries": row.injuries, "arrests": row.arrests, "count_text": row.count_text, "days": row.days,
        "status": row.status, "evidence": row.evidence, "start": row.start_offset, "end": row.end_offset,
        "confidence": round(row.confidence, 3) if row.confidence is not None else None,
        "article_id": row.article_id, "title": article.title if article else None,
        "url": article.url if article else None, "file_name": article.file_name if article else None,
        "source": article.source if article else None, "source_id": row.article_id, "admin1": row.admin1,
        "admin2": row.admin2, **{c: getattr(row, c) for c in ACLED_ACTOR_COLUMNS},
    }  # fmt: skip
    return {"type": "Feature", "id": row.id, "geometry": _point(row.lat, row.lon), "properties": props}


def _member(m: MemberRow) -> dict:
    return {"article_id": m.article_id, "title": m.title, "url": m.url, "file_name": m.file_name,
            "source": m.source, "published": m.published.isoformat() if m.published else None,
            "incident_id": m.incident_id, "incident_type": m.incident_type, "place": m.place_name,
            "evidence": m.evidence, "start": m.start_offset, "end": m.end_offset}


def event_carrier(event: EventRow, members: list[MemberRow]) -> MemberRow | None:
    """The member whose fatality figure the event carries (the first such), else its first member (None: none):
    whose span, actor columns and ACLED types the event's ACLED rows take (module docstring)."""
    if not members:
        return None
    return next((m for m in members if event.fatalities is not None and m.fatalities == event.fatalities),
                members[0])


def event_days(event: EventRow, members: list[MemberRow]) -> int:
    """The days an event spans (module docstring): its fatality figure's member's, else its first member's."""
    carrier = event_carrier(event, members)
    return (carrier.days or 1) if carrier is not None else 1


def _event_acled(event: EventRow, members: list[MemberRow]) -> dict:
    """An event's ACLED actor columns (its carrier's) and admin2 (the member's whose place it has)."""
    carrier = event_carrier(event, members)
    placed = next((m for m in members if event.place_key is not None and m.place_key == event.place_key), None)
    return {**{c: getattr(carrier, c) if carrier is not None else None for c in ACLED_ACTOR_COLUMNS},
            "admin2": placed.admin2 if placed is not None else None}


def event_feature(event: EventRow, members: list[MemberRow]) -> dict:
    props = {
        "id": event.id, "incident_type": event.incident_type,
        **_kind(event.incident_type, event_carrier(event, members)),
        "place": event.place_name, "place_key": event.place_key, "precision": event.precision,
        "uncertainty_m": int(round(event.uncertainty_m)) if event.uncertainty_m is not None else None,
        "country_code": event.country_code, "admin1": event.admin1, "date": event.date,
        "date_precision": event.date_precision, "status": event.status, "fatalities": event.fatalities,
        "days": event_days(event, members), "n_sources": event.n_sources, "n_incidents": event.n_incidents,
        "actors": list(event.actors or []), **_event_acled(event, members),
        "evidence": event.evidence, "source": "; ".join(dict.fromkeys(m.source for m in members if m.source)),
        "members": [_member(m) for m in members],
    }  # fmt: skip
    return {"type": "Feature", "id": event.id, "geometry": _point(event.lat, event.lon), "properties": props}


def _events_csv(features: list[dict]) -> str:
    corrected = any(f["properties"].get("corrected") for f in features)

    def rows():
        for f in features:
            p = f["properties"]
            row = {k: p.get(k) for k in EVENT_CSV_COLUMNS if k in p and k != "members"}
            row["actors"] = "; ".join(p["actors"])
            coords = (f["geometry"] or {}).get("coordinates") or [None, None]
            row["longitude"], row["latitude"] = coords[0], coords[1]
            row["incident_ids"] = "; ".join(m["incident_id"] for m in p["members"])
            row["article_titles"] = "; ".join(dict.fromkeys(m["title"] or m["file_name"] or "" for m in p["members"]))
            if corrected:
                row.update(article_export._correction_cells(p),
                           dismissed_incident_ids="; ".join(m["incident_id"] for m in p.get("dismissed_members") or []))
            yield row

    return article_export._write_csv((*EVENT_CSV_COLUMNS, *EVENT_CORRECTION_CSV_COLUMNS) if corrected
                                     else EVENT_CSV_COLUMNS, rows())


def _corrected(features: list[dict], rows: list[IncidentRow], articles: dict[str, ArticleRow],
               corrections: list) -> list[dict]:
    """The analyst's corrections laid over the stored incidents (keyed by article hash and the incident's id
    in its article, ``local_id``): exports show the corrected values, flagged, with the machine's kept."""
    if not corrections:
        return features
    from ..corrections import correct_feature

    by_key: dict[tuple[str, str], list] = {}
    for c in corrections:
        by_key.setdefault((c.article_hash, c.incident_id), []).append(c)
    out = []
    for feature, row in zip(features, rows):
        article = articles.get(row.article_id)
        mine = by_key.get((article.hash, row.local_id)) if article is not None else None
        out.append(correct_feature(feature, mine) if mine else feature)
    return out


def _country_names() -> dict[str, str]:
    from ..gazetteer import default_gazetteer

    return {cc: c.name for cc, c in default_gazetteer().countries.items()}


def export_store(store: Store, *, what: str, fmt: str, where: CorpusFilter | None = None,
                 output: str | Path | None = None) -> str | None:
    """The export as text, or ``None`` when it was written to ``output`` (required for Parquet)."""
    if what not in WHATS:
        raise InputError(f"cannot export {what!r}: choose one of {', '.join(WHATS)}")
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if output is None:
            raise InputError("Parquet is binary: give a file to write it to (--output FILE)")
        store.write_parquet(what, output, where=where)
        return None
    if what == "incidents":
        rows = store.incidents(where=where)
        articles = {a.id: a for a in store.articles(ids=sorted({r.article_id for r in rows}))}
        features = _corrected([incident_feature(r, articles.get(r.article_id)) for r in rows], rows, articles,
                              store.corrections())
        if fmt == "csv":
            text = article_export.incidents_csv(features)
        elif fmt == "acled":
            text = article_export.incidents_acled_csv(features, country_names=_country_names())
        else:
            text = article_export.feature_collection_text(article_export.incidents_geojson(features))
    else:
        from .event_corrections import corrected_event_features  # (it builds on this module's Features)

        events = store.events(where=where)
        members = store.event_members(event_ids=[e.id for e in events])
        features = corrected_event_features(store, events=events, members=members, corrections=store.corrections())
        if fmt == "csv":
            text = _events_csv(features)
        elif fmt == "acled":
            text = article_export.incidents_acled_csv(features, country_names=_country_names())
        else:
            text = article_export.feature_collection_text({"type": "FeatureCollection", "features": features})
    if output is not None:
        Path(output).write_text(text, encoding="utf-8", newline="")
        return None
    return text
