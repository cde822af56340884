"""The incident table: one row per filtered incident, in the same order the map receives them."""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from .actor_text import actor_names

# What an analyst scans first comes first (type, place, date, status, fatalities, actors), so it is in
# view without scrolling sideways in a narrow column; Type and Place stay pinned when scrolling right.
COLUMNS = ["Type", "Place", "Date", "Status", "Fatalities", "Actors", "Precision", "Evidence", "ID"]
PINNED = ("Type", "Place")


CATEGORICAL = ("Type", "Place", "Date", "Status", "Precision", "Evidence")
NO_LOCATION = "(no location)"  # an incident the article gives no place for: in the table, not on the map


CORRECTED_MARK = "✎"  # an analyst corrected this incident (incidentmap.corrections)
_REVIEW = {"not_an_event": "not an event", "duplicate": "duplicate"}


def _type_cell(p: dict) -> str:
    """The type's label; a corrected incident's is marked ✎, and one marked not an event / duplicate says so."""
    label = p.get("label") or p.get("incident_type") or ""
    if not p.get("corrected"):
        return label
    review = _REVIEW.get(str(p.get("review") or ""))
    return f"{CORRECTED_MARK} {label}" + (f" ({review})" if review else "")


def incidents_frame(incidents: Sequence[dict]) -> pd.DataFrame:
    """Plain DataFrame of incident Features, one row per incident, in the given order.

    Repeated strings (type, place, date, precision, evidence sentence) are categoricals:
    Arrow then sends each distinct value once, which keeps 10,000 rows small on the wire.
    """
    props = [f["properties"] for f in incidents]
    cols = {
        "Type": [_type_cell(p) for p in props],
        "Place": [p.get("place") or ("" if f.get("geometry") else NO_LOCATION) for p, f in zip(props, incidents)],
        "Date": [p.get("date") or "" for p in props],
        "Status": [str(p.get("status") or "") for p in props],
        "Precision": [p.get("precision") or "" for p in props],
        "Actors": [actor_names(p) for p in props],
        "Fatalities": pd.array([p.get("fatalities") for p in props], dtype="Int64"),
        "Evidence": [p.get("evidence") or "" for p in props],
        "ID": [str(p.get("id") or f.get("id") or "") for p, f in zip(props, incidents)],
    }
    df = pd.DataFrame(cols, columns=COLUMNS)
    for c in CATEGORICAL:
        df[c] = df[c].astype("category")
    return df


def column_config() -> dict:
    import streamlit as st

    cc = st.column_config
    pin = {c: c in PINNED for c in COLUMNS}
    # Pixel widths for the scanned columns: Type to Status fit (with the selection checkboxes) in the
    # table's ~420 px at 1440 px with the sidebar open, Fatalities from ~1500 px; free text (actors,
    # evidence) gets the room after, and the card above the table shows all of the selection.
    return {
        "Type": cc.TextColumn("Type", width=112, help="Incident type (taxonomy label); ✎: corrected by an analyst", pinned=pin["Type"]),
        "Place": cc.TextColumn("Place", width=96, pinned=pin["Place"]),
        "Date": cc.TextColumn("Date", width=82, help="ISO date or interval A/B; empty when unknown"),
        "Status": cc.TextColumn("Status", width=68,
                                help="reported: said to have happened · planned: announced or called for"),
        "Fatalities": cc.NumberColumn("Fatalities", format="%d", width=62, help="Empty when not reported"),
        "Actors": cc.ListColumn("Actors", width="medium"),
        "Precision": cc.TextColumn("Precision", width="small", help="country < region < city < district < point"),
        "Evidence": cc.TextColumn("Evidence", width="large", help="The sentence the incident was read from"),
        "ID": cc.TextColumn("ID", width="small"),
    }


def render_table(df: pd.DataFrame, *, key: str, on_select=None, height: int = 420):
    import streamlit as st

    return st.dataframe(
        df,
        key=key,
        hide_index=True,
        column_config=column_config(),
        column_order=COLUMNS,
        on_select=on_select or "rerun",
        selection_mode="multi-row",
        height=height,
        width="stretch",
        placeholder="",
    )


def selected_rows(state) -> list[int]:
    """Row positions from a dataframe selection state (dict or DataframeState)."""
    try:
        rows = state["selection"]["rows"]
    except (KeyError, TypeError):
        try:
            rows = state.selection.rows
        except AttributeError:
            return []
    return [int(r) for r in rows if isinstance(r, int) or str(r).isdigit()]


def indexed_frame(incidents: Sequence[dict]) -> tuple[pd.DataFrame, dict[str, int]]:
    """The table of every incident and ``row_of`` (incident id -> row position), for :func:`filtered_table`."""
    df = incidents_frame(incidents)
    return df, {iid: n for n, iid in enumerate(df["ID"])}


def filtered_table(df_all: pd.DataFrame, row_of: dict[str, int], filtered: Sequence[dict],
                   filtered_ids: Sequence[str]) -> pd.DataFrame:
    """The table of the filtered incidents (ids ``filtered_ids``, in that order), picked from ``df_all``
    (the table of every incident, built once per analysis): a filter change converts no features.

    With duplicate incident ids (``row_of`` then has fewer entries than ``df_all`` has rows) an id does
    not name one row: the table is built from ``filtered`` instead."""
    if len(row_of) == len(df_all):
        return df_all.iloc[[row_of[i] for i in filtered_ids]].reset_index(drop=True)
    return incidents_frame(filtered)
