"""An analyst's corrections, layered over the machine's incidents at read time.

The machine's output is never overwritten: a :class:`Correction` is a row (in the corpus store's
``corrections`` table, :meth:`incidentmap.corpus.store.Store.add_correction`) and
:func:`apply_corrections` lays the active ones over the incident Features when they are read, for the
map, the table, the details card and every export.

Keys: a correction belongs to (``article_hash``, ``incident_id``). ``article_hash`` is the corpus'
content hash of the analysed text (:func:`article_hash`, the hash :mod:`incidentmap.corpus.ingest`
stores); ``incident_id`` the machine's id of the incident in that article, which is the same for the same
text (``_stable_id`` in :mod:`incidentmap.incidents.extract`). So a correction survives re-analysing the
same article and never touches another text's incidents.

Kinds (:class:`incidentmap.models.CorrectionKind`) and their ``value``:

* ``retype``            ``{"incident_type": slug}`` (a taxonomy slug: the label follows it; ACLED's types and
  actors are coded from the incident's sentence by the machine's rules for that type, :func:`_coding`)
* ``move_to_candidate`` ``move_to_place``  the place: ``{"place", "place_key", "precision", "uncertainty_m",
  "country_code", "admin1", "admin2", "lat", "lon"}``, the gazetteer entry's own precision and radius
* ``move_to_point``     the same, precision ``point`` and the radius the analyst states (default
  ``CorrectionSettings.point_uncertainty_m``); ``place`` is the analyst's label or "lat, lon"; a point
  clicked on the map also keeps ``click_zoom``, the map's zoom at the click (what :func:`click_uncertainty_m`
  reads: how precise the click itself could be)
* ``not_an_event``      ``{}``: the incident stays, flagged ``review: not_an_event``
* ``duplicate_of``      ``{"of": incident id}``: flagged ``review: duplicate``, ``duplicate_of`` set
* ``note``              ``{"text": …}``: listed in ``notes``, nothing else changes

A corrected Feature gets ``corrected: true``, ``original`` (the machine's value of every property a
correction changed, ``lat``/``lon`` for the geometry) and ``corrections`` (the active ones, oldest
first). Undo marks a correction undone (``undone_at``); it stays in the store's history.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .geo import format_distance
from .errors import CorrectionError
from .models import Candidate, CorrectionKind, Kind, Place, Precision, Review

__all__ = [
    "SETTINGS",
    "PLACE_FIELDS",
    "CorrectionSettings",
    "Correction",
    "article_hash",
    "retype",
    "move_to_candidate",
    "move_to_place",
    "move_to_point",
    "click_uncertainty_m",
    "not_an_event",
    "duplicate_of",
    "note",
    "search_places",
    "apply_corrections",
    "correct_feature",
    "unmatched",
    "is_dismissed",
    "machine_value",
]


@dataclass(frozen=True, slots=True)
class CorrectionSettings:
    # A point the analyst types or clicks is known to about a block, not to the metre: 1 km unless they
    # state another radius (a click at city zoom is off by hundreds of metres).
    point_uncertainty_m: float = 1_000.0
    # A "point" wider than this is not a point: state a place (region, country) instead.
    max_point_uncertainty_m: float = 50_000.0
    # Notes are for a sentence or two of reasoning, not for pasting documents into the store.
    max_note_chars: int = 2_000
    # How many gazetteer entries a name search offers (the most populous first).
    search_limit: int = 25
    # A click on the map lands within a few pixels of the spot meant (a fingertip or a hurried mouse): a point
    # clicked at a zoom where this many pixels are more than point_uncertainty_m is only known to that many
    # metres (at zoom 5 near the equator 10 px are ~49 km; at zoom 15 ~48 m).
    click_px: float = 10.0


SETTINGS = CorrectionSettings()

# The properties (and coordinates) a move changes, in incidentmap.export's names.
PLACE_FIELDS = ("place", "place_key", "precision", "uncertainty_m", "country_code", "admin1", "admin2", "lat", "lon")


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction of one machine incident. ``original``: the machine's values it replaces (as made)."""

    article_hash: str
    incident_id: str
    kind: CorrectionKind
    value: dict = field(default_factory=dict)
    original: dict = field(default_factory=dict)
    created_at: dt.datetime | None = None  # UTC; set by the store (no author is recorded)
    id: int | None = None  # set by the store
    undone_at: dt.datetime | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def summary(self) -> str:
        """One line saying what the correction does (plain text: escape it to show it)."""
        v = self.value
        if self.kind == CorrectionKind.RETYPE:
            from .taxonomy import incident_types

            kind = incident_types().get(v.get("incident_type", ""))
            return f"type → {kind.label if kind else v.get('incident_type')}"
        if self.kind in (CorrectionKind.MOVE_TO_CANDIDATE, CorrectionKind.MOVE_TO_PLACE, CorrectionKind.MOVE_TO_POINT):
            return f"moved to {v.get('place')} ({v.get('precision')}, ±{format_distance(v.get('uncertainty_m')) or '?'})"
        if self.kind == CorrectionKind.NOT_AN_EVENT:
            return "marked not an event"
        if self.kind == CorrectionKind.DUPLICATE_OF:
            return f"marked duplicate of {v.get('of')}"
        return f"note: {v.get('text', '')}"

    def as_dict(self) -> dict:
        """JSON-ready (what a corrected Feature lists under ``corrections``)."""
        return {
            "id": self.id, "kind": str(self.kind), "value": dict(self.value), "summary": self.summary(),
            "at": self.created_at.isoformat(timespec="seconds") if self.created_at else None,
        }  # fmt: skip

    def to_json(self) -> tuple[str, str]:
        return json.dumps(self.value, ensure_ascii=False), json.dumps(self.original, ensure_ascii=False)


def article_hash(text: str) -> str:
    """The key of an article's corrections: the corpus store's content hash of the analysed text."""
    from .corpus.ingest import content_hash

    return content_hash(text)


# ----------------------------------------------------------------------------- making corrections


def _props(feature: Mapping) -> Mapping:
    return feature.get("properties") or {}


def machine_value(feature: Mapping, key: str) -> Any:
    """The machine's value of a property (or ``lat``/``lon``) of a Feature, corrected or not."""
    p = _props(feature)
    original = p.get("original") or {}
    if key in original:
        return original[key]
    if key in ("lat", "lon"):
        coords = (feature.get("geometry") or {}).get("coordinates")
        return (coords[1] if key == "lat" else coords[0]) if coords else None
    return p.get(key)


def _make(kind: CorrectionKind, *, article_hash: str, feature: Mapping, value: dict, changes: Iterable[str]) -> Correction:
    if not article_hash:
        raise CorrectionError("a correction needs the article's hash")
    iid = _props(feature).get("id") or feature.get("id")
    if not iid:
        raise CorrectionError("a correction needs the machine's incident id")
    return Correction(article_hash=article_hash, incident_id=str(iid), kind=kind, value=value,
                      original={k: machine_value(feature, k) for k in changes})


def retype(*, article_hash: str, feature: Mapping, incident_type: str) -> Correction:
    from .taxonomy import incident_types

    if incident_type not in incident_types():
        raise CorrectionError(f"unknown incident type {incident_type!r}: not in the taxonomy")
    return _make(CorrectionKind.RETYPE, article_hash=article_hash, feature=feature,
                 value={"incident_type": incident_type}, changes=("incident_type",))


def _place_value(entry: Candidate, gazetteer) -> dict:
    """A gazetteer entry as a move's value: its own precision and radius, its admin names."""
    from .acled import admin_names
    from .gazetteer import entry_key

    place = Place(key=entry_key(entry), name=entry.name, kind=entry.kind, precision=entry.precision, lat=entry.lat,
                  lon=entry.lon, uncertainty_m=entry.uncertainty_m, country_code=entry.country_code,
                  source=entry.source, source_id=entry.source_id, confidence=1.0, city_id=entry.city_id,
                  admin1=entry.admin1, geonameid=entry.geonameid)
    admin1, admin2 = admin_names(place, gazetteer)
    return {"place": place.name, "place_key": place.key, "precision": str(place.precision),
            "uncertainty_m": int(round(place.uncertainty_m)), "country_code": place.country_code,
            "admin1": admin1, "admin2": admin2, "lat": round(place.lat, 6), "lon": round(place.lon, 6)}


def _gazetteer(gazetteer):
    if gazetteer is not None:
        return gazetteer
    from .gazetteer import default_gazetteer

    return default_gazetteer()


def move_to_candidate(*, article_hash: str, feature: Mapping, candidate: Mapping, gazetteer=None) -> Correction:
    """Move to one of the geoparser's candidates for the incident's place (a ``Candidate.as_dict()``)."""
    g = _gazetteer(gazetteer)
    source_id = str(candidate.get("source_id") or "")
    entry = g.get(source_id) if source_id else None
    if entry is None and candidate.get("kind") == Kind.COUNTRY and candidate.get("country_code"):
        entry = g.get(f"country:{candidate['country_code']}")  # countries are keyed by their code
    if entry is None:
        raise CorrectionError(f"the candidate {candidate.get('name')!r} ({source_id}) is not in the gazetteer")
    return _make(CorrectionKind.MOVE_TO_CANDIDATE, article_hash=article_hash, feature=feature,
                 value=_place_value(entry, g), changes=PLACE_FIELDS)


def move_to_place(*, article_hash: str, feature: Mapping, key: str, gazetteer=None) -> Correction:
    """Move to a gazetteer entry by its key (from :func:`search_places`)."""
    g = _gazetteer(gazetteer)
    entry = g.get(key)
    if entry is None:
        raise CorrectionError(f"no gazetteer entry {key!r}")
    return _make(CorrectionKind.MOVE_TO_PLACE, article_hash=article_hash, feature=feature,
                 value=_place_value(entry, g), changes=PLACE_FIELDS)


def move_to_point(*, article_hash: str, feature: Mapping, lat: float, lon: float,
                  uncertainty_m: float = SETTINGS.point_uncertainty_m, name: str = "",
                  country_code: str | None = None, click_zoom: int | None = None) -> Correction:
    """Move to a point; precision ``point`` and the analyst's radius (1 km unless stated). ``click_zoom``:
    the map's zoom when the point was clicked on the map (kept with the correction; None when typed)."""
    try:
        lat, lon, radius = float(lat), float(lon), float(uncertainty_m)
    except (TypeError, ValueError) as exc:
        raise CorrectionError(f"a point needs numbers: {exc}") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CorrectionError(f"({lat}, {lon}) is not a latitude/longitude")
    if not (0 < radius <= SETTINGS.max_point_uncertainty_m):
        raise CorrectionError(f"a point's uncertainty must be between 0 and {SETTINGS.max_point_uncertainty_m:,.0f} m "
                              "(for more, move it to a region or country)")
    cc = country_code if country_code is not None else (machine_value(feature, "country_code") or "")
    value = {"place": name.strip() or f"{lat:.5f}, {lon:.5f}", "place_key": f"point:{lat:.6f},{lon:.6f}",
             "precision": str(Precision.POINT), "uncertainty_m": int(round(radius)), "country_code": cc,
             "admin1": "", "admin2": "", "lat": round(lat, 6), "lon": round(lon, 6)}
    if click_zoom is not None:
        value["click_zoom"] = int(click_zoom)
    return _make(CorrectionKind.MOVE_TO_POINT, article_hash=article_hash, feature=feature, value=value,
                 changes=PLACE_FIELDS)


# Web Mercator (the map's projection, 256-px tiles): metres per pixel at the equator at zoom 0.
_M_PER_PX_Z0 = 156_543.034


def click_uncertainty_m(*, lat: float, zoom: float, settings: CorrectionSettings = SETTINGS) -> float:
    """The radius a point clicked on the map at ``zoom`` is known to: ``settings.click_px`` pixels in metres
    there, and never less than ``settings.point_uncertainty_m`` (an analyst's click is not a survey)."""
    import math

    try:
        lat, zoom = float(lat), float(zoom)
    except (TypeError, ValueError) as exc:
        raise CorrectionError(f"a clicked point needs a latitude and the map's zoom: {exc}") from exc
    if not (-90 <= lat <= 90 and math.isfinite(zoom) and 0 <= zoom <= 30):
        raise CorrectionError(f"({lat}, zoom {zoom}) is not a point clicked on the map")
    per_px = _M_PER_PX_Z0 * math.cos(math.radians(lat)) / 2 ** zoom
    return max(settings.point_uncertainty_m, settings.click_px * per_px)


def not_an_event(*, article_hash: str, feature: Mapping) -> Correction:
    return _make(CorrectionKind.NOT_AN_EVENT, article_hash=article_hash, feature=feature, value={},
                 changes=("review",))


def duplicate_of(*, article_hash: str, feature: Mapping, other_id: str) -> Correction:
    own = _props(feature).get("id") or feature.get("id")
    if not other_id or str(other_id) == str(own):
        raise CorrectionError("an incident is a duplicate of another incident, not of itself")
    return _make(CorrectionKind.DUPLICATE_OF, article_hash=article_hash, feature=feature,
                 value={"of": str(other_id)}, changes=("review", "duplicate_of"))


def note(*, article_hash: str, feature: Mapping, text: str) -> Correction:
    text = (text or "").strip()
    if not text:
        raise CorrectionError("the note is empty")
    if len(text) > SETTINGS.max_note_chars:
        raise CorrectionError(f"a note holds at most {SETTINGS.max_note_chars:,} characters")
    return _make(CorrectionKind.NOTE, article_hash=article_hash, feature=feature, value={"text": text}, changes=())


def search_places(name: str, *, gazetteer=None, limit: int = SETTINGS.search_limit) -> list[tuple[str, Candidate]]:
    """Gazetteer entries named ``name`` (any spelling the gazetteer knows), most populous first, as
    (key, entry): the key is what :func:`move_to_place` takes."""
    from .gazetteer import entry_key, normalize

    name = (name or "").strip()
    if not name:
        return []
    g = _gazetteer(gazetteer)
    entries = sorted(g.lookup(normalize(name)), key=lambda c: (-c.population, c.name, c.source_id))
    out: dict[str, Candidate] = {}
    for c in entries:
        out.setdefault(entry_key(c), c)
    return list(out.items())[:limit]


# ----------------------------------------------------------------------------- applying them


def _changes(c: Correction) -> dict:
    """Property -> new value (``lat``/``lon`` for the geometry) of one correction."""
    v = c.value
    if c.kind == CorrectionKind.RETYPE:  # its ACLED coding: _coding, once every correction is laid
        from .taxonomy import incident_types

        kind = incident_types().get(v["incident_type"])
        return {"incident_type": v["incident_type"], "label": kind.label if kind else v["incident_type"]}
    if c.kind in (CorrectionKind.MOVE_TO_CANDIDATE, CorrectionKind.MOVE_TO_PLACE, CorrectionKind.MOVE_TO_POINT):
        return {k: v.get(k) for k in PLACE_FIELDS}
    if c.kind == CorrectionKind.NOT_AN_EVENT:
        return {"review": str(Review.NOT_AN_EVENT)}
    if c.kind == CorrectionKind.DUPLICATE_OF:
        return {"review": str(Review.DUPLICATE), "duplicate_of": v.get("of")}
    return {}


def _coding(props: Mapping) -> dict:
    """A retyped incident's ACLED coding, by the rules the machine codes its own with
    (:func:`incidentmap.incidents.coding.code_sentence`), from its sentence and (corrected) country: ACLED's
    types by who acts, and, where the Feature carries them, the actor columns sided by that event type (a
    protest retyped a riot has rioters on side 1, not protesters)."""
    from .incidents.coding import code_sentence

    event_type, sub_event_type, coded = code_sentence(str(props.get("incident_type") or ""),
                                                      str(props.get("evidence") or ""),
                                                      country_code=str(props.get("country_code") or ""))
    out = {"acled_event_type": event_type, "acled_sub_event_type": sub_event_type}
    # The article's Features (incidentmap.export) and the corpus store's (incidentmap.corpus.export.incident_feature)
    # both carry the actor columns: a corpus row of an older file has them null (not recorded) and gets them coded
    # here all the same. A Feature made elsewhere without them is given none.
    if "actor1" in props:
        from .export import _actor_columns  # the one place actor columns are made from coded actors

        out.update(_actor_columns(coded))
    return out


def _counts(props: Mapping) -> dict:
    """A retyped incident's figures, by the rules the machine counts its own with
    (:func:`incidentmap.incidents.extract._extract_trigger`): a casualties incident carries its sentence's dead
    and injured, an arrest its arrests. Other types: nothing here (their figures stay as they were)."""
    kind = props.get("incident_type")
    if kind not in ("casualties", "arrest"):
        return {}
    from .counts import extract_counts

    counts = extract_counts(str(props.get("evidence") or ""))
    keys = ("fatalities", "injuries") if kind == "casualties" else ("arrests",)
    return {**{k: getattr(counts, k) for k in keys},
            "count_text": "; ".join(counts.texts[k] for k in keys if counts.texts.get(k))}


def _order(c: Correction):
    return (c.created_at or dt.datetime.min, c.id if c.id is not None else 0)


def correct_feature(feature: dict, corrections: Sequence[Correction]) -> dict:
    """``feature`` with these corrections (all of this incident) laid over it, oldest first; a new dict
    when any is active (the machine's Feature is never changed), else ``feature`` itself."""
    active = sorted((c for c in corrections if c.active), key=_order)
    if not active:
        return feature
    props = dict(_props(feature))
    original = dict(props.get("original") or {})
    coords = list((feature.get("geometry") or {}).get("coordinates") or [])
    lon, lat = (coords[0], coords[1]) if coords else (None, None)
    notes = list(props.get("notes") or [])
    for c in active:
        for key, value in _changes(c).items():
            if key not in original:
                original[key] = machine_value(feature, key)
            if key == "lat":
                lat = value
            elif key == "lon":
                lon = value
            else:
                props[key] = value
        if c.kind == CorrectionKind.NOTE:
            notes.append(c.value.get("text", ""))
    if any(c.kind == CorrectionKind.RETYPE for c in active):
        for key, value in {**_coding(props), **_counts(props)}.items():
            if value != props.get(key) and key not in original:
                original[key] = machine_value(feature, key)
            props[key] = value
    props.update(corrected=True, original=original,
                 corrections=[*(props.get("corrections") or []), *(c.as_dict() for c in active)])
    if notes:
        props["notes"] = notes
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {**feature, "geometry": geometry, "properties": props}


def _by_incident(corrections: Iterable[Correction], article: str) -> dict[str, list[Correction]]:
    out: dict[str, list[Correction]] = {}
    for c in corrections:
        if c.article_hash == article and c.active:
            out.setdefault(c.incident_id, []).append(c)
    return out


def apply_corrections(features: Sequence[dict], corrections: Iterable[Correction], *, article_hash: str) -> list[dict]:
    """The article's incident Features with its active corrections laid over them (same order). Corrections
    of other articles are ignored; uncorrected Features are passed through unchanged (not copied)."""
    mine = _by_incident(corrections, article_hash)
    if not mine:
        return list(features)
    return [correct_feature(f, mine.get(str(_props(f).get("id") or f.get("id")), ())) for f in features]


def unmatched(features: Sequence[dict], corrections: Iterable[Correction], *, article_hash: str) -> list[Correction]:
    """Active corrections of this article whose incident this analysis no longer finds (the pipeline changed)."""
    ids = {str(_props(f).get("id") or f.get("id")) for f in features}
    return [c for cs in _by_incident(corrections, article_hash).values() for c in cs if c.incident_id not in ids]


def is_dismissed(feature: Mapping) -> bool:
    """Marked not an event or a duplicate: listed (flagged) in the table, left off the map by default."""
    return bool(_props(feature).get("review"))


def with_ids(c: Correction, *, id: int, created_at: dt.datetime) -> Correction:  # noqa: A002 - the column's name
    return replace(c, id=id, created_at=created_at)
