"""Which incidents are selected, shared by map, table, details and article view.

State lives in ``st.session_state`` (one per browser session):

* ``SEL_KEY`` -> {"ids": [incident ids], "place": place key | None, "seq": int, "focus": id | None}
  ``focus`` is set only when the selection came from the table: the map then moves
  to it (``center``/``zoom``). A click on the map never moves the map.
* the dataframe's own selection (``table_key``) is kept in step programmatically, by
  incident id, so filtering (which shifts row positions) keeps the right rows selected.

Functions take the session-state mapping explicitly so they can be unit-tested with a dict.
"""

from __future__ import annotations

from typing import MutableMapping, Sequence

from .map_view import clicked_object
from .table import selected_rows

SEL_KEY = "selection"
TABLE_IDS_KEY = "_table_ids"


def get(state: MutableMapping) -> dict:
    sel = state.get(SEL_KEY)
    if not isinstance(sel, dict):
        sel = {"ids": [], "place": None, "seq": 0, "focus": None}
        state[SEL_KEY] = sel
    return sel


def reset(state: MutableMapping) -> None:
    state[SEL_KEY] = {"ids": [], "place": None, "seq": 0, "focus": None}


def on_map_click(state: MutableMapping, map_key: str) -> None:
    """st_folium on_change callback: a marker (or muted place) was clicked."""
    hit = clicked_object(state.get(map_key))
    if hit is None:
        return
    kind, oid = hit
    sel = get(state)
    if kind == "incident":
        sel.update(ids=[oid], place=None, focus=None)
    else:
        sel.update(ids=[], place=oid, focus=None)


def on_table_select(state: MutableMapping, table_key: str) -> None:
    """st.dataframe on_select callback: rows were (de)selected by the user."""
    ids_shown: Sequence[str] = state.get(TABLE_IDS_KEY) or []
    rows = selected_rows(state.get(table_key))
    new_ids = [ids_shown[r] for r in rows if 0 <= r < len(ids_shown)]
    sel = get(state)
    old = set(sel.get("ids") or [])
    added = [i for i in new_ids if i not in old]
    sel["ids"] = new_ids
    sel["place"] = None
    if added:
        sel["focus"] = added[-1]
        sel["seq"] = int(sel.get("seq") or 0) + 1
    elif not new_ids:
        sel["focus"] = None


def sync_table(state: MutableMapping, table_key: str, ids_in_table: Sequence[str]) -> list[int]:
    """Before drawing the table: make its selection equal the selected ids (by position now).

    Returns the row positions. Writes the widget state only when it differs, which
    Streamlit allows before the widget is created in this run.
    """
    sel = get(state)
    pos = {i: n for n, i in enumerate(ids_in_table)}
    rows = [pos[i] for i in sel.get("ids") or [] if i in pos]
    state[TABLE_IDS_KEY] = list(ids_in_table)
    current = selected_rows(state.get(table_key)) if table_key in state else []
    if sorted(current) != sorted(rows):
        state[table_key] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    return rows
