"""An analyst's corrections of an event's member incidents, laid over the event when it is exported.

Corrections belong to incidents (:mod:`incidentmap.corrections`): an analyst corrects what one article says, not
the merge. An event is the machine's merge of its members (:mod:`.merge`), and is never rewritten; what an export
shows of it follows the corrections of its members, as an incident export shows the corrected incident:

* **Dismissed members** (``not_an_event``, ``duplicate_of``: :func:`incidentmap.corrections.is_dismissed`) no
  longer count. They leave ``members`` and are listed in ``dismissed_members`` (incident and article id, the
  analyst's ``review`` and what it duplicates), and the event is what the merge's own rules make of the members
  left (:func:`.merge.events_of`): its place, date, type, lowest fatality figure, status, evidence, actors,
  ``n_sources`` and ``n_incidents`` are theirs, so a dismissed report's figure, place or sentence does not stay
  on the event. Its id stays (events are found by it).
* **Every member dismissed**: the event keeps the machine's values (as a dismissed incident does), with no
  ``members`` and no sources, flagged ``review``: ``duplicate`` when every member is a duplicate (the event is
  another's), else ``not_an_event``. The ACLED-style export leaves it out (ACLED rows are events that happened,
  :func:`incidentmap.export.incidents_acled_csv` skips what has a ``review``); GeoJSON and CSV keep it, flagged.
* **A moved member** moves the event when it is the member whose place the event has (the first whose
  ``place_key`` is the event's, whose ``admin2`` the event already shows): the event takes its corrected place,
  key, precision, radius, country, admin1, admin2 and point. Another member moved changes only its own entry.
* **A retyped member** retypes the event when it is the event's carrier (:func:`.export.event_carrier`: whose
  fatality figure, span, actor columns and ACLED types the event's row has): the event takes its corrected type,
  label, ACLED types and actor columns, coded by :func:`incidentmap.corrections.correct_feature` as the incident
  export codes the retyped incident (one row's types and actors are one member's coding). Another member
  retyped changes only its own entry.
* **Notes** are listed (``notes``, ``corrections``); nothing else changes.

The merge is not run again: a moved or retyped member stays in its event (the analyst's corrections do not
split or join events), and the figures are the members' as the machine counted them. A member's entry in
``members`` shows its corrected type and place, flagged ``corrected``. A corrected event Feature carries
``corrected: true``, ``original`` (the machine's value of every property that changed, ``lat``/``lon`` for the
point, as a corrected incident does) and ``corrections`` (each member's active ones, oldest first, with the
member's ``incident_id``). An event none of whose members has an active correction is exported as it was.

The corpus page reads the events through the same rules (:func:`corrected_events`, :func:`overlay`): a temporary view of the
store's events with each corrected event's row as its export has it, and the events every member of which an
analyst dismissed left out (an ACLED row is an event that happened; the exports keep them, flagged), so that its
map, table, timeline and filters show what the exports show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..corrections import Correction, correct_feature, is_dismissed
from ..models import CorrectionKind, Review
from .export import event_carrier, event_feature, incident_feature
from .merge import events_of
from .store import ACLED_ACTOR_COLUMNS, ACLED_TYPE_COLUMNS, EventRow, MemberRow, Store, date_bounds

__all__ = ["EVENT_PLACE_FIELDS", "EVENT_TYPE_FIELDS", "CorrectedEvents", "corrected_event_features",
           "corrected_events", "overlay", "overlay_corrections"]

# What a moved place carrier gives its event (the point too), and what a retyped carrier gives it.
EVENT_PLACE_FIELDS = ("place", "place_key", "precision", "uncertainty_m", "country_code", "admin1", "admin2")
EVENT_TYPE_FIELDS = ("incident_type", "label", *ACLED_TYPE_COLUMNS, *ACLED_ACTOR_COLUMNS)
_MOVES = {str(CorrectionKind.MOVE_TO_CANDIDATE), str(CorrectionKind.MOVE_TO_PLACE), str(CorrectionKind.MOVE_TO_POINT)}
# Set here, never the machine's: not compared into ``original``.
_BOOKKEEPING = ("members", "dismissed_members", "corrected", "original", "corrections", "notes")


def corrected_event_features(store: Store, *, events: Sequence[EventRow], members: Mapping[str, list[MemberRow]],
                             corrections: Sequence[Correction]) -> list[dict]:
    """The events' Features (:func:`.export.event_feature`) with their members' active corrections laid over them
    (module docstring), in the same order; those without any are the machine's Features."""
    machine = [event_feature(e, members.get(e.id, [])) for e in events]
    fixed = _corrected_members(store, members, [c for c in corrections if c.active])
    if not fixed:
        return machine
    dismissed = {iid for iid, f in fixed.items() if is_dismissed(f)}
    # Only the events that lost a member are made again, of the members they keep.
    losing = [ms for ms in (members.get(e.id, []) for e in events) if any(m.incident_id in dismissed for m in ms)]
    kept = [m.incident_id for ms in losing for m in ms if m.incident_id not in dismissed]
    remade = events_of(store, incident_ids=kept) if kept else {}
    out = []
    for event, feature in zip(events, machine):
        mine = members.get(event.id, [])
        if any(m.incident_id in fixed for m in mine):
            feature = _corrected_event(event, mine, feature, fixed, remade.get(event.id))
        out.append(feature)
    return out


@dataclass(frozen=True, slots=True)
class CorrectedEvents:
    """The events an analyst's corrections change (:func:`corrected_events`): plain data, to cache beside the store."""

    corrected: Mapping[str, dict] = field(default_factory=dict)  # event id -> its corrected Feature (shown)
    dismissed: Mapping[str, dict] = field(default_factory=dict)  # event id -> its Feature, flagged ``review`` (hidden)
    rows: tuple[EventRow, ...] = ()  # the shown ones as rows of ``events``

    def __bool__(self) -> bool:
        return bool(self.corrected or self.dismissed)


# The events one of whose members has an active correction (keyed as the corrections are: article hash and the
# incident's id in its article).
_TOUCHED_SQL = """
SELECT DISTINCT m.event_id FROM corrections c
JOIN articles a ON a.hash = c.article_hash
JOIN incidents i ON i.article_id = a.id AND i.local_id = c.incident_id
JOIN event_members m ON m.incident_id = i.id
WHERE c.undone_at IS NULL
"""


def corrected_events(store: Store) -> CorrectedEvents:
    """The events whose members have active corrections, as the exports make them (module docstring): those still
    shown and those no member of which counts. One query when nothing is corrected; about a millisecond per
    corrected event otherwise."""
    corrections = store.corrections()
    touched = [r[0] for r in store.con.execute(_TOUCHED_SQL).fetchall()] if corrections else []
    if not touched:
        return CorrectedEvents()
    events = store.events(ids=touched)
    features = corrected_event_features(store, events=events, members=store.event_members(event_ids=touched),
                                        corrections=corrections)
    corrected = {e.id: f for e, f in zip(events, features) if f["properties"].get("corrected")}
    dismissed = {i: f for i, f in corrected.items() if f["properties"].get("review")}
    shown = {i: f for i, f in corrected.items() if i not in dismissed}
    return CorrectedEvents(shown, dismissed, tuple(_event_row(f) for f in shown.values()))


def overlay(store: Store, fixed: CorrectedEvents) -> str:
    """What to read the events from on this connection: ``events`` when nothing is corrected, else a view of them
    with ``fixed``'s rows in place of the stored ones and its dismissed events left out
    (:meth:`.store.Store.overlay_events`)."""
    if not fixed:
        return "events"
    return store.overlay_events(fixed.rows, hide=list(fixed.dismissed))


def overlay_corrections(store: Store) -> tuple[str, CorrectedEvents]:
    """:func:`corrected_events` laid over the events (:func:`overlay`): the relation to read, and what changed."""
    fixed = corrected_events(store)
    return overlay(store, fixed), fixed


def _event_row(feature: dict) -> EventRow:
    """A corrected event's Feature as a row of ``events`` (what the pages read)."""
    p = feature["properties"]
    lon, lat = (feature["geometry"] or {}).get("coordinates") or (None, None)
    start, end = date_bounds(p.get("date"))
    return EventRow(id=p["id"], incident_type=p["incident_type"], place_name=p.get("place"),
                    place_key=p.get("place_key"), country_code=p.get("country_code"), admin1=p.get("admin1"),
                    lat=lat, lon=lon, precision=p.get("precision"), uncertainty_m=p.get("uncertainty_m"),
                    date=p.get("date"), date_start=start, date_end=end, date_precision=p.get("date_precision"),
                    status=p.get("status"), fatalities=p.get("fatalities"), n_sources=p["n_sources"],
                    n_incidents=p["n_incidents"], actors=list(p.get("actors") or []), evidence=p.get("evidence"))


def _corrected_members(store: Store, members: Mapping[str, list[MemberRow]],
                       corrections: Sequence[Correction]) -> dict[str, dict]:
    """Member incident id -> its corrected incident Feature (as the incidents export has it), for the members
    with an active correction. Keys as the incidents export matches them: article hash, id in the article."""
    if not corrections:
        return {}
    by_key: dict[tuple[str, str], list[Correction]] = {}
    for c in corrections:
        by_key.setdefault((c.article_hash, c.incident_id), []).append(c)
    rows_of = [m for ms in members.values() for m in ms]
    articles = {a.id: a for a in store.articles(ids=sorted({m.article_id for m in rows_of}))}
    mine: dict[str, list[Correction]] = {}
    for m in rows_of:
        article = articles.get(m.article_id)
        found = by_key.get((article.hash, m.local_id)) if article is not None and m.local_id is not None else None
        if found:
            mine[m.incident_id] = found
    if not mine:
        return {}
    return {r.id: correct_feature(incident_feature(r, articles.get(r.article_id)), mine[r.id])
            for r in store.incidents(ids=sorted(mine))}


def _kinds(feature: dict) -> set[str]:
    return {c["kind"] for c in feature["properties"].get("corrections") or []}


def _corrected_event(event: EventRow, members: list[MemberRow], machine: dict, fixed: Mapping[str, dict],
                     remade: EventRow | None) -> dict:
    """One event's Feature with its members' corrections (``fixed``: corrected member Features by incident id;
    ``remade``: the event of the members left, when some were dismissed); ``machine``: its Feature as made."""
    dismissed = {iid for iid, f in fixed.items() if is_dismissed(f)}
    kept = [m for m in members if m.incident_id not in dismissed]
    gone = [m for m in members if m.incident_id in dismissed]
    if not kept:  # nothing counts: the machine's event, flagged (an incident marked so keeps its values too)
        duplicates = all(fixed[m.incident_id]["properties"].get("review") == Review.DUPLICATE for m in gone)
        feature = {**machine, "properties": {**machine["properties"], "n_sources": 0, "n_incidents": 0,
                                             "source": "", "members": [],
                                             "review": str(Review.DUPLICATE if duplicates else Review.NOT_AN_EVENT)}}
    else:
        base = remade if gone and remade is not None else event
        feature = event_feature(base, kept)
        props = feature["properties"]
        placed = next((m for m in kept if base.place_key is not None and m.place_key == base.place_key), None)
        moved = fixed.get(placed.incident_id) if placed is not None else None
        if moved is not None and _kinds(moved) & _MOVES:
            props.update({k: moved["properties"].get(k) for k in EVENT_PLACE_FIELDS})
            feature["geometry"] = moved["geometry"]
        carrier = event_carrier(base, kept)
        retyped = fixed.get(carrier.incident_id) if carrier is not None else None
        if retyped is not None and CorrectionKind.RETYPE in _kinds(retyped):
            props.update({k: retyped["properties"].get(k) for k in EVENT_TYPE_FIELDS})
        props["members"] = [_member_entry(entry, fixed.get(m.incident_id)) for entry, m in zip(props["members"], kept)]
    props = feature["properties"]
    if gone:
        props["dismissed_members"] = [_dismissed(m, fixed[m.incident_id]) for m in gone]
    original = {k: machine["properties"].get(k) for k in props
                if k not in _BOOKKEEPING and props[k] != machine["properties"].get(k)}
    if feature["geometry"] != machine["geometry"]:
        coords = (machine["geometry"] or {}).get("coordinates") or [None, None]
        original.update(lon=coords[0], lat=coords[1])
    theirs = [(m.incident_id, fixed[m.incident_id]["properties"]) for m in members if m.incident_id in fixed]
    notes = [n for _, p in theirs for n in p.get("notes") or []]
    props.update(corrected=True, original=original,
                 corrections=[{"incident_id": iid, **c} for iid, p in theirs for c in p["corrections"]])
    if notes:
        props["notes"] = notes
    return feature


def _member_entry(entry: dict, corrected: dict | None) -> dict:
    """A kept member's entry in ``members``: its corrected type and place, flagged."""
    if corrected is None:
        return entry
    p = corrected["properties"]
    return {**entry, "incident_type": p.get("incident_type"), "place": p.get("place"), "corrected": True}


def _dismissed(m: MemberRow, corrected: dict) -> dict:
    p = corrected["properties"]
    out = {"incident_id": m.incident_id, "article_id": m.article_id, "review": p.get("review")}
    if p.get("duplicate_of"):
        out["duplicate_of"] = p["duplicate_of"]
    return out
