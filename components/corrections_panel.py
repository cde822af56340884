"""The "Correct" panel of the article page, and the corrections every view of the page shows.

Corrections live in the corpus store (:mod:`incidentmap.corrections`, opened through
:func:`components.corpus_store.store_session`): the page reads this article's corrections at every run and
lays them over the machine's incidents (:func:`load`, :meth:`PageCorrections.apply`), so the map, the
table, the details card and the downloads all show the corrected values. The panel writes a correction
in a button's callback; the rerun that follows reads it back. Nothing is kept between runs but the store.

A page that has never corrected anything does not create the store file: reading needs an existing file.

Moving to a point: "Pick the point on the map" puts the map in picking mode for the selected incident
(:mod:`components.map_pick`; the page passes :func:`map_layer` to the map and :func:`on_map_click` to its
on_change); the next click there fills the latitude/longitude with the clicked point and the radius with what
a click at that zoom is good to (:func:`incidentmap.corrections.click_uncertainty_m`, never less than 1 km);
the analyst checks the radius and presses "Move to this point". Typing the latitude/longitude is the
keyboard's way to the same correction. Cancel (or Esc on the map) leaves the mode.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping, Sequence

from incidentmap import corrections as corr
from incidentmap.errors import CorrectionError, StoreError
from incidentmap.geo import format_distance

from . import map_pick
from .corpus_store import store_path, store_session

MESSAGE_KEY = "_correction_message"  # (ok: bool, text) of the last write, shown once in the panel
# Picking a point on the map: {"id": incident id, "mode": "picking"}, then, once clicked,
# {"id", "mode": "picked", "lat", "lon", "zoom", "radius_m"} until it is applied, cancelled or another incident
# is chosen.
PICK_KEY = "_correction_pick"


def _key(name: str, iid: str) -> str:
    """A panel widget's key: one set per incident (the widgets reset for another incident)."""
    return f"corr_{name}_{iid}"


@lru_cache(maxsize=16)
def _hash(text: str) -> str:
    return corr.article_hash(text)


@dataclass(frozen=True)
class PageCorrections:
    """This article's active corrections (oldest first), or why they could not be read."""

    article_hash: str
    corrections: tuple[corr.Correction, ...] = ()
    error: str | None = None
    fingerprint: str = field(default="", compare=False)

    def apply(self, features: Sequence[dict]) -> list[dict]:
        return corr.apply_corrections(features, self.corrections, article_hash=self.article_hash)

    def of(self, incident_id: str) -> list[corr.Correction]:
        return [c for c in self.corrections if c.incident_id == incident_id]


def _stamp(path: Path) -> tuple:
    """When the store file (and its write-ahead log) last changed: unchanged files hold the same corrections."""
    out = []
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            st = p.stat()
            out.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(p), None, None))
    return tuple(out)


_READ: dict[str, tuple[tuple, PageCorrections]] = {}  # article hash -> (store stamp, what was read)
_READ_MAX = 64


def load(text: str) -> PageCorrections:
    """Read the article's corrections from the store (none if it does not exist yet).

    Opening DuckDB costs ~40 ms, at every rerun of the page: what was read is reused while the store's
    files are unchanged (any write, from this page or another process, changes them)."""
    h = _hash(text)
    path = store_path()
    if not path.exists():
        return PageCorrections(h)
    stamp = _stamp(path)
    cached = _READ.get(h)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        with store_session() as store:
            found = tuple(store.corrections(article_hash=h))
    except StoreError as exc:
        return PageCorrections(h, error=str(exc))
    page = PageCorrections(h, found, fingerprint=",".join(str(c.id) for c in found))
    if len(_READ) >= _READ_MAX:
        _READ.clear()
    _READ[h] = (_stamp(path), page)  # after closing: closing may checkpoint the log into the file
    return page


# ----------------------------------------------------------------------------- writing (callbacks)


def _say(state, ok: bool, text: str) -> None:
    state[MESSAGE_KEY] = (ok, text)


def _write(state, make: Callable[[], list[corr.Correction]]) -> bool:
    """Make corrections and store them; any refusal is said in the panel, nothing half-written."""
    try:
        made = make()
        with store_session() as store:
            for c in made:
                store.add_correction(c)
        _READ.clear()  # re-read at the rerun (a file's time may not move within its clock's tick)
    except (CorrectionError, StoreError) as exc:
        _say(state, False, str(exc))
        return False
    _say(state, True, "; ".join(dict.fromkeys(c.summary() for c in made)) + (
        f" ({len(made)} incidents)" if len(made) > 1 else ""))
    return True


def _undo(state, article_hash: str, correction_id: int) -> None:
    try:
        with store_session() as store:
            undone = store.undo_correction(article_hash=article_hash, correction_id=correction_id)
        _READ.clear()
    except StoreError as exc:
        _say(state, False, str(exc))
        return
    _say(state, True, f"undone: {undone.summary()}" if undone else "nothing to undo")


# ----------------------------------------------------------------------------- a point clicked on the map


def _pick(state, iid: str) -> dict | None:
    pick = state.get(PICK_KEY)
    return pick if isinstance(pick, dict) and pick.get("id") == iid else None


def start_pick(state, iid: str) -> None:
    """Button callback: the next click on the map chooses the point for incident ``iid``."""
    state[PICK_KEY] = {"id": iid, "mode": "picking"}


def cancel_pick(state, *, say: bool = False) -> None:
    if state.pop(PICK_KEY, None) is not None and say:
        _say(state, True, "Picking cancelled: a click on the map selects incidents again.")


def on_map_click(state, map_key: str) -> None:
    """The map's on_change callback (before the selection's): in picking mode, a click fills the point.

    The clicked point goes into the panel's latitude/longitude inputs and the radius becomes what a click at
    that zoom is good to; a click at a zoom too far out for a point (more than the largest radius a point
    may have) is refused with a message, and the mode stays on for a click closer in."""
    pick = state.get(PICK_KEY)
    if not isinstance(pick, dict) or pick.get("mode") != "picking":
        return
    value = state.get(map_key)
    if map_pick.cancelled(value):
        cancel_pick(state, say=True)
        return
    point = map_pick.clicked_point(value)
    if point is None:
        return
    try:
        radius = corr.click_uncertainty_m(lat=point.lat, zoom=point.zoom)
    except CorrectionError as exc:
        _say(state, False, str(exc))
        return
    if radius > corr.SETTINGS.max_point_uncertainty_m:
        _say(state, False,
             f"At this zoom a click is only good to ±{format_distance(radius)}: zoom in and click again.")
        return
    iid = pick["id"]
    state[PICK_KEY] = {"id": iid, "mode": "picked", "lat": point.lat, "lon": point.lon, "zoom": point.zoom,
                       "radius_m": radius}
    state[_key("lat", iid)] = point.lat
    state[_key("lon", iid)] = point.lon
    state[_key("radius", iid)] = _km(radius)


def _km(metres: float) -> float:
    """A radius in km to 2 decimals, rounded up: the input never claims more precision than the click has."""
    return math.ceil(metres / 10) / 100


def map_layer(state, selected_ids: Sequence[str]):
    """The layer the map adds for the picking (None when not picking for the one selected incident): the
    picking mode, or the point in the inputs, with its radius, until it is applied."""
    if len(selected_ids) != 1:
        return None
    iid = str(selected_ids[0])
    pick = _pick(state, iid)
    if pick is None:
        return None
    if pick["mode"] == "picking":
        return map_pick.pick_layer(picking=True)
    try:
        lat, lon = float(state.get(_key("lat", iid), pick["lat"])), float(state.get(_key("lon", iid), pick["lon"]))
        radius = float(state.get(_key("radius", iid), pick["radius_m"] / 1000)) * 1000
        return map_pick.pick_layer(picking=False, pending=(lat, lon, radius))
    except (TypeError, ValueError):
        return None


def _move_to_point(state, article_hash: str, iid: str, targets: Callable[[], list[dict]]) -> None:
    """"Move to this point": the point in the inputs; a point picked on the map keeps the zoom it was clicked at."""
    lat, lon = state[_key("lat", iid)], state[_key("lon", iid)]
    pick = _pick(state, iid)
    picked = pick is not None and pick["mode"] == "picked" and (pick["lat"], pick["lon"]) == (lat, lon)
    if _write(state, lambda: [
            corr.move_to_point(article_hash=article_hash, feature=f, lat=lat, lon=lon,
                               uncertainty_m=state[_key("radius", iid)] * 1000,
                               click_zoom=pick["zoom"] if picked else None) for f in targets()]):
        cancel_pick(state)


def same_place(feature: Mapping, features: Sequence[dict]) -> list[dict]:
    """The other incidents the machine put at this incident's place (same machine place_key)."""
    key = corr.machine_value(feature, "place_key")
    own = feature["properties"]["id"]
    if not key:
        return []
    return [f for f in features if f["properties"]["id"] != own and corr.machine_value(f, "place_key") == key]


# ----------------------------------------------------------------------------- the panel


def _type_options() -> tuple[list[str], dict[str, str]]:
    from incidentmap.taxonomy import types_by_event_type

    options, labels = [], {}
    for event_type, members in types_by_event_type().items():
        for t in members:
            options.append(t.slug)
            labels[t.slug] = f"{event_type} › {t.label}"
    return options, labels


def render_corrections_panel(
    *,
    page: PageCorrections,
    feature: dict,
    features: Sequence[dict],
    places_by_key: Mapping[str, dict],
    container=None,
) -> None:
    """The Correct panel for one selected (possibly corrected) incident of the article."""
    import streamlit as st

    c = container if container is not None else st
    state = st.session_state
    p = feature["properties"]
    iid = str(p["id"])
    h = page.article_hash
    k = lambda name: _key(name, iid)  # noqa: E731 - widgets reset for another incident
    if state.get(PICK_KEY) is not None and _pick(state, iid) is None:
        cancel_pick(state)  # another incident was chosen while picking
    pick = _pick(state, iid)

    with c.expander("✎ Correct this incident",
                    expanded=bool(page.of(iid)) or MESSAGE_KEY in state or pick is not None):
        message = state.pop(MESSAGE_KEY, None)
        if message:
            (st.success if message[0] else st.error)(message[1], icon=":material/check_circle:" if message[0] else ":material/error:")
        if page.error:
            st.warning("Corrections cannot be saved or read now (the store is busy or unreadable).", icon="⚠️")
            st.caption(page.error)

        _history(page.of(iid), h, state, k)
        tab_type, tab_place, tab_count, tab_note = st.tabs(["Type", "Place", "Not an event / duplicate", "Note"])

        # --- type
        with tab_type:
            options, labels = _type_options()
            current = p.get("incident_type")
            chosen = st.selectbox("Type", options, index=options.index(current) if current in options else None,
                                  format_func=lambda s: labels.get(s, s), key=k("type"))
            st.button("Change type", key=k("retype"), disabled=chosen in (None, current), on_click=_write, args=(
                state, lambda: [corr.retype(article_hash=h, feature=feature, incident_type=state[k("type")])]))

        # --- place
        with tab_place:
            others = same_place(feature, features)
            if others:
                st.checkbox(f"Also move the {len(others)} other incident(s) placed at the same place",
                            key=k("also"), help="Incidents the analysis put at the same place (they inherited it).")

            def targets() -> list[dict]:  # read when the button is pressed: the widgets' values then
                return [feature, *others] if others and state.get(k("also")) else [feature]

            machine_key = corr.machine_value(feature, "place_key")
            place = places_by_key.get(machine_key) or {}
            chosen_id = place.get("properties", {}).get("source_id")
            candidates = [cd for cd in place.get("properties", {}).get("candidates") or []
                          if cd.get("source_id") != chosen_id]
            if candidates:
                st.selectbox("Another candidate the geoparser considered", range(len(candidates)),
                             format_func=lambda i: _candidate_label(candidates[i]), key=k("cand"))
                st.button("Move to this candidate", key=k("move_cand"), on_click=_write, args=(state, lambda: [
                    corr.move_to_candidate(article_hash=h, feature=f, candidate=candidates[state[k("cand")]])
                    for f in targets()]))
            name = st.text_input("Find a place by name (offline gazetteer)", key=k("search"))
            if name.strip():
                found = corr.search_places(name)
                if found:
                    st.selectbox("Matches", range(len(found)), format_func=lambda i: _entry_label(found[i][1]),
                                 key=k("found"))
                    st.button("Move to this place", key=k("move_place"), on_click=_write, args=(state, lambda: [
                        corr.move_to_place(article_hash=h, feature=f, key=found[state[k("found")]][0]) for f in targets()]))
                else:
                    st.caption("No place of that name in the offline gazetteer.")
            _point_inputs(feature, iid, pick, state)
            st.button("Move to this point", key=k("move_point"), on_click=_move_to_point, args=(state, h, iid, targets))

        # --- verdicts and notes
        with tab_count:
            st.button("Not an event", key=k("not_event"), on_click=_write, args=(
                state, lambda: [corr.not_an_event(article_hash=h, feature=feature)]),
                help="Kept in the table, flagged; hidden from the map and left out of the ACLED-style export.")
            ids = [str(f["properties"]["id"]) for f in features if str(f["properties"]["id"]) != iid]
            by_id = {str(f["properties"]["id"]): f["properties"] for f in features}
            if ids:
                dup = st.selectbox("Duplicate of", ids, index=None, placeholder="another incident of this article",
                                   format_func=lambda i: f"{i} · {by_id[i].get('label')} · {by_id[i].get('place') or '-'}",
                                   key=k("dup"))
                st.button("Mark as duplicate", key=k("mark_dup"), disabled=dup is None, on_click=_write, args=(
                    state, lambda: [corr.duplicate_of(article_hash=h, feature=feature, other_id=state[k("dup")])]))
        with tab_note:
            st.text_area("Note", key=k("note"), max_chars=corr.SETTINGS.max_note_chars, height=68)
            st.button("Add note", key=k("add_note"), on_click=_write, args=(
                state, lambda: [corr.note(article_hash=h, feature=feature, text=state[k("note")])]))


def _point_inputs(feature: Mapping, iid: str, pick: dict | None, state) -> None:
    """Pick the point on the map (or type it) and state its radius."""
    import streamlit as st

    k = lambda name: _key(name, iid)  # noqa: E731
    if pick is not None and pick["mode"] == "picking":
        st.info("Click the map where the incident happened (zoom in first for a precise point).",
                icon=":material/my_location:")
        st.button("Cancel picking", key=k("pick_cancel"), on_click=cancel_pick, args=(state,), kwargs={"say": True})
    else:
        st.button("Pick the point on the map", key=k("pick"), on_click=start_pick, args=(state, iid),
                  icon=":material/my_location:", help="Your next click on the map fills the latitude and longitude "
                  "below (or type them).")
    if pick is not None and pick["mode"] == "picked":
        st.caption(f"Picked on the map at zoom {pick['zoom']}: {pick['lat']:.5f}, {pick['lon']:.5f} — a click there "
                   f"is good to ±{_km(pick['radius_m']):g} km. State the radius you can vouch for, then move it.")
    # The inputs' values live in the session state (a click fills them): set once, never passed as `value`.
    coords = (feature.get("geometry") or {}).get("coordinates") or [0.0, 0.0]
    state.setdefault(k("lat"), float(coords[1]))
    state.setdefault(k("lon"), float(coords[0]))
    state.setdefault(k("radius"), corr.SETTINGS.point_uncertainty_m / 1000)
    cols = st.columns(3)
    cols[0].number_input("Latitude", -90.0, 90.0, format="%.5f", key=k("lat"))
    cols[1].number_input("Longitude", -180.0, 180.0, format="%.5f", key=k("lon"))
    cols[2].number_input(
        "± km", 0.01, corr.SETTINGS.max_point_uncertainty_m / 1000, key=k("radius"),
        help="How far the incident may be from this point (its uncertainty radius).")


def _history(mine: Sequence[corr.Correction], article_hash: str, state, k) -> None:
    """This incident's active corrections, oldest first, each with its Undo button."""
    import streamlit as st

    if not mine:
        return
    st.markdown("**Corrections of this incident** (oldest first)")
    for cr in mine:
        row = st.columns([3, 1], vertical_alignment="center")
        at = cr.created_at.strftime("%Y-%m-%d %H:%M UTC") if cr.created_at else ""
        row[0].html(f'<div class="im-correction">{html.escape(cr.summary())}'
                    f' <span style="color:#888;font-size:12px">{html.escape(at)}</span></div>')
        row[1].button("Undo", key=k(f"undo_{cr.id}"), on_click=_undo, args=(state, article_hash, cr.id))


def _candidate_label(cd: Mapping) -> str:
    return f"{cd.get('name')} ({cd.get('kind')}, {cd.get('country_code') or '?'})"


def _entry_label(entry) -> str:
    pop = f", pop. {entry.population:,}" if entry.population else ""
    return f"{entry.name} ({entry.kind}, {entry.country_code or '?'}{pop})"
