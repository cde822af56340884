"""The corpus page's selected event, shared by map, table and details; and its widget state from the URL.

State lives in ``st.session_state`` (one per browser session), apart from the article page's selection:

* ``VIEW_KEY`` -> the current :class:`~components.corpus_view.CorpusView` (filters + selected event). It
  outlives the page's widgets (Streamlit forgets a widget's state when another page is shown), so coming
  back to the page, or reloading it from a shared URL, restores the same view.
* ``FOCUS_KEY`` -> (event id, n): set when the selection came from the table, so the map moves to it;
  a marker click never moves the map.

Functions take the session-state mapping explicitly so they can be unit-tested with a dict.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from dataclasses import replace

from .corpus_data import AGG_PREFIX
from .corpus_view import CorpusView
from .map_view import clicked_object
from .table import selected_rows

VIEW_KEY = "corpus_view"
FOCUS_KEY = "_corpus_focus"
TABLE_IDS_KEY = "_corpus_table_ids"


def get_view(state: MutableMapping) -> CorpusView:
    view = state.get(VIEW_KEY)
    return view if isinstance(view, CorpusView) else CorpusView()


def set_view(state: MutableMapping, view: CorpusView) -> None:
    state[VIEW_KEY] = view


def select(state: MutableMapping, event_id: str | None, *, focus: bool) -> None:
    set_view(state, replace(get_view(state), event=event_id))
    if focus and event_id:
        n = (state.get(FOCUS_KEY) or (None, 0))[1] + 1
        state[FOCUS_KEY] = (event_id, n)
    else:
        state.pop(FOCUS_KEY, None)


def on_map_click(state: MutableMapping, map_key: str) -> None:
    """st_folium on_change: a marker was clicked. An aggregate marker (many events) selects nothing."""
    hit = clicked_object(state.get(map_key))
    if hit is None or hit[0] != "incident" or hit[1].startswith(AGG_PREFIX):
        return
    select(state, hit[1], focus=False)


def on_table_select(state: MutableMapping, table_key: str) -> None:
    """st.dataframe on_select: a row was (de)selected by the user; the map moves to it."""
    ids_shown: Sequence[str] = state.get(TABLE_IDS_KEY) or []
    rows = [r for r in selected_rows(state.get(table_key)) if 0 <= r < len(ids_shown)]
    select(state, ids_shown[rows[-1]] if rows else None, focus=bool(rows))


def sync_table(state: MutableMapping, table_key: str, ids_in_table: Sequence[str]) -> list[int]:
    """Before drawing the table: make its selection the selected event's row (by id: filters move rows)."""
    event = get_view(state).event
    rows = [n for n, i in enumerate(ids_in_table) if i == event][:1]
    state[TABLE_IDS_KEY] = list(ids_in_table)
    current = selected_rows(state.get(table_key)) if table_key in state else []
    if current != rows:
        state[table_key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    return rows
