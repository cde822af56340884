"""The article page's first view: the map first, then the sidebar and the table.

Streamlit's frontend fetches each element kind's code (multiselect, date input, table...) when the
first such element arrives, and draws everything that has arrived in one pass. Sent in one go, the
map waited for ~40 files of widget code and their drawing: its markers showed ~2 s after those of a
bare Streamlit + streamlit-folium page (bench/dashboard_speed.py). So, on a browser session's first
run, the page sends the header and the map, then waits -- showing "Loading the filters…" -- until the
map says its first markers are drawn (map.js, ``signalDrawn``). That message is a component value: it
asks for a new run, which stops this one at its next element and draws the whole page at once. If it
does not come, the wait ends at ``max_wait_s`` and the page goes on as before.
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
    # How often the wait lets Streamlit stop the run for the map's message (it can only stop a run when
    # an element is sent): fine enough not to add much, coarse enough to send few elements.
    poll_s: float = 0.05


FIRST_VIEW_RULES = FirstViewRules()


def should_wait(state: MutableMapping, headers: Mapping[str, str]) -> bool:
    """True once per session, in its first run, when a browser is on the other end (AppTest and
    bare-mode runs have no request headers: nothing to draw, nothing to wait for). Marks the session."""
    if state.get(FIRST_VIEW_KEY):
        return False
    state[FIRST_VIEW_KEY] = True
    return bool(headers)


def wait_for_map(placeholder, *, rules: FirstViewRules = FIRST_VIEW_RULES,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> float:
    """Hold the rest of the page back until the map's "drawn" message stops this run (Streamlit raises
    out of ``placeholder.caption``) or ``rules.max_wait_s`` has passed; returns the seconds waited."""
    t0 = clock()
    while clock() - t0 < rules.max_wait_s:
        placeholder.caption("Loading the filters…")  # also the point where Streamlit can stop this run
        sleep(rules.poll_s)
    placeholder.empty()
    return clock() - t0
