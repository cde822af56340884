"""The corpus timeline: events per day stacked by ACLED event type, with a date brush.

The chart (Altair, shipped with Streamlit) carries one interval selection on x, ``BRUSH``. Streamlit returns
it as ``{"selection": {BRUSH: {"day": [start, end]}}}`` with epoch milliseconds (UTC) or ISO strings;
:func:`brushed_range` turns that into whole days. The brush starts at the view's date range, so a shared
URL shows the same brush.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

__all__ = ["BRUSH", "timeline_chart", "brushed_range", "apply_brush", "timeline_frame"]

BRUSH = "brush"
HEIGHT = 150


def timeline_frame(rows: Sequence[tuple[dt.date, str, int]]):
    import pandas as pd

    return pd.DataFrame({"day": pd.to_datetime([r[0] for r in rows]), "group": [r[1] for r in rows],
                         "events": [int(r[2]) for r in rows]}, columns=["day", "group", "events"])


def timeline_chart(rows: Sequence[tuple[dt.date, str, int]], *, order: Sequence[str],
                   brushed: tuple[dt.date | None, dt.date | None] = (None, None)):
    """A stacked bar chart of (day, group, events) with the date brush (initially ``brushed`` if both ends set).

    Groups keep ``order`` (ACLED's) and Vega's tableau10 colours: six clearly different colours, where the
    groups' first types' colours (two dark reds) could not be told apart."""
    import altair as alt

    df = timeline_frame(rows)
    present = set(df["group"])
    groups = [g for g in order if g in present] + sorted(present - set(order))
    days = (df["day"].max() - df["day"].min()).days + 1 if len(df) else 1
    start, end = brushed
    value = None
    if start and end:
        value = {"x": [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in (start, end)]}
    brush = alt.selection_interval(name=BRUSH, encodings=["x"], value=value) if value else \
        alt.selection_interval(name=BRUSH, encodings=["x"])
    return (
        alt.Chart(df)
        .mark_bar(size=max(1.0, min(12.0, 900 / days)))  # a day's bar: as wide as the days allow
        .encode(
            x=alt.X("yearmonthdate(day):T", title=None),
            y=alt.Y("sum(events):Q", title="events per day"),
            color=alt.Color("group:N", title="ACLED event type",
                            scale=alt.Scale(domain=groups, scheme="tableau10"),
                            legend=alt.Legend(orient="right")),
            tooltip=[alt.Tooltip("yearmonthdate(day):T", title="day"), alt.Tooltip("group:N", title="type"),
                     alt.Tooltip("sum(events):Q", title="events")],
        )
        .add_params(brush)
        .properties(height=HEIGHT)
    )  # the legend on the right: below, Streamlit's fixed chart height would squeeze the bars out


def _day(value) -> dt.date | None:
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC).date()
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            return None
    if isinstance(value, Mapping) and "year" in value:  # a Vega DateTime object (months from 1 in Altair's)
        try:
            return dt.date(int(value["year"]), int(value.get("month", 1)), int(value.get("date", 1)))
        except (TypeError, ValueError):
            return None
    return None


def brushed_range(state) -> tuple[dt.date, dt.date] | None:
    """The days a chart selection state covers (both inclusive), or None when nothing is brushed."""
    try:
        selection = state["selection"]
    except (KeyError, TypeError):
        selection = getattr(state, "selection", None)
    if not isinstance(selection, Mapping):
        return None
    brush = selection.get(BRUSH)
    if not isinstance(brush, Mapping) or not brush:
        return None
    values = next((v for k, v in brush.items() if "day" in str(k)), None)
    if not isinstance(values, Sequence) or len(values) < 2:
        return None
    days = [_day(values[0]), _day(values[-1])]
    if days[0] is None or days[1] is None:
        return None
    return min(days), max(days)


def apply_brush(state, *, chart_key: str, from_key: str, to_key: str) -> None:
    """The chart's on_select: the brushed days become the date filter's (an emptied brush clears it)."""
    brushed = brushed_range(state.get(chart_key))
    state[from_key], state[to_key] = brushed if brushed else (None, None)
