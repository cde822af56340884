"""The article page's first view: the map first, then the sidebar and the table.

Streamlit's frontend fetches each element kind's code (multiselect, date input, table...) when the
first such element arrives, and draws everything that has arrived in one pass. Sent in one go, the
map waited for ~40 files of widget code and their drawing: its markers showed ~2 s after those of a
bare Streamlit + streamlit-folium page (bench/dashboard_speed.py). So, on a browser session's first
run, the page sends the header and the map, then waits -- showing "Loading the filters…" -- until the
map says its first markers are drawn (map.js, ``signalDrawn``). That message is a component value: it
asks for a new run, which stops this one at its next element and draws the whole page at once. If it
does not come, the wait ends at ``max_wait_s`` and the page goes on as before.

The wait sends nothing while it waits: it looks at whether Streamlit has a new run queued
(:func:`rerun_requested`) and only then sends the element at which Streamlit stops this run. It used to
re-send its note every 50 ms as that stopping point: up to 40 page updates for the browser to process on
the main thread the map's iframe shares, while that iframe was loading. (On the shared 2-core machine the
bench's page-load ratio did not show the difference beyond its noise; the updates are simply gone.)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Mapping, MutableMapping

FIRST_VIEW_KEY = "_first_view_done"  # set in the session's first run: later runs never wait
# The map is drawn before the sidebar's widgets, with their values read from the session state
# (components.filters.peek_filters); the page checks the widgets agree and, if not, draws itself again:
REDRAWN_KEY = "_sidebar_redrawn"  # the widget values it last drew again for (never twice in a row)
REDRAWS_KEY = "_sidebar_redraws"  # how often that happened in this session (tests expect 0)


@dataclass(frozen=True)
class FirstViewRules:
    # Longest hold-back of the sidebar and table when the map never says it is drawn (a script error
    # in the map, a very slow machine): about the map's own time on a loaded 2-core machine.
    max_wait_s: float = 2.0
    # How often the wait looks for the map's message (a new run queued): a flag read, nothing sent, so
    # it can be fine -- the table follows the markers within this.
    poll_s: float = 0.01
    # Only when that flag cannot be read (another Streamlit version): how often the wait sends its note,
    # the one point where Streamlit can stop the run -- fine enough not to add much, coarse enough to
    # send few elements.
    note_s: float = 0.05


FIRST_VIEW_RULES = FirstViewRules()


def should_wait(state: MutableMapping, headers: Mapping[str, str]) -> bool:
    """True once per session, in its first run, when a browser is on the other end (AppTest and
    bare-mode runs have no request headers: nothing to draw, nothing to wait for). Marks the session."""
    if state.get(FIRST_VIEW_KEY):
        return False
    state[FIRST_VIEW_KEY] = True
    return bool(headers)


def rerun_requested() -> bool | None:
    """Whether Streamlit has a new run (or a stop) queued for the script running now, read without taking
    it (the script runner takes it at the next element sent). None when it cannot be told: outside a
    script run, or a Streamlit whose ScriptRequests keep it elsewhere (streamlit 1.67: ``_state``)."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        ctx = get_script_run_ctx(suppress_warning=True)
        state = getattr(getattr(ctx, "script_requests", None), "_state", None)
    except Exception:  # noqa: BLE001 - an internal of Streamlit's: unknown is a fine answer
        return None
    if not isinstance(state, ScriptRequestType):
        return None
    return state != ScriptRequestType.CONTINUE


NOTE = "Loading the filters…"


def wait_for_map(placeholder, *, rules: FirstViewRules = FIRST_VIEW_RULES,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 pending: Callable[[], bool | None] = rerun_requested) -> float:
    """Hold the rest of the page back until the map's "drawn" message stops this run or
    ``rules.max_wait_s`` has passed; returns the seconds waited. The note is sent once; when ``pending()``
    says a run is queued, ``placeholder.empty()`` is the element at which Streamlit stops this one
    (it raises out of it). When ``pending()`` cannot tell (None), the note is sent again every
    ``rules.note_s``: those are the stopping points then."""
    t0 = clock()
    placeholder.caption(NOTE)
    last_note = t0
    while clock() - t0 < rules.max_wait_s:
        sleep(rules.poll_s)
        queued = pending()
        if queued:
            break
        if queued is None and clock() - last_note >= rules.note_s:
            placeholder.caption(NOTE)  # also the point where Streamlit can stop this run
            last_note = clock()
    placeholder.empty()
    return clock() - t0
