"""The article page: one article (the seed, or pasted / uploaded) -> map, table, evidence, downloads.

Wiring only: the pieces live in components/. dashboard.py sets the page up and chooses this page.
"""

from __future__ import annotations

import streamlit as st

from components import article_view, corrections_panel, data, first_view, selection
from components.details import render_details
from components.downloads import TABS_KEY, render_downloads
from components.filters import filter_incidents, peek_filters, render_filters
from components.input_panel import SUBMIT_KEY, current_article, escape_md, open_stored_article, render_input_panel
from components.legend import legend_html, legend_rows
from components.map_view import MAP_KEY, build_payload, focus_view, render_map
from components.notices import render_notices
from components.table import filtered_table, indexed_frame, render_table
from incidentmap.corrections import is_dismissed

TILES_KEY = "tiles"
SHOW_DISMISSED_KEY = "show_dismissed"


@st.cache_data(max_entries=32, show_spinner="Analysing the article…")
def analyse(text: str, published, geocoder: str) -> dict:
    """The pipeline, cached per (text, publication date, geocoder): plain data, never a map."""
    return data.analyse(text, published, geocoder)


@st.cache_resource(max_entries=8, show_spinner=False)
def shared_view(text: str, published, geocoder: str) -> dict:
    """The same result without st.cache_data's per-rerun copy (0.2 s at 10,000 incidents).

    Shared between sessions, so it is treated as read-only: nothing below mutates it
    (tests/test_components.py checks that no component changes the view)."""
    return analyse(text, published, geocoder)


@st.cache_resource(max_entries=8, show_spinner=False)
def full_table(view_key: str, _view: dict):
    """The table of every incident, built once per analysis; filtering picks rows from it."""
    return indexed_frame(_view["incidents"])


# Drawn in page order, filled in script order: the header and the map first, then -- on a session's
# first run, once the map says its markers are drawn -- the sidebar, the table and the rest
# (components/first_view.py says why). The sidebar's places are reserved here: the layout is unchanged.
side_article = st.sidebar.container()
side_filters = st.sidebar.container()

# ----------------------------------------------------------------- article & analysis
open_stored_article(st.query_params.get("article"))  # a link from the corpus page
# "Analyse" pressed: the panel runs the analysis now, in its status box. Otherwise the current article
# is known without drawing the panel, which is drawn after the map.
submitting = bool(st.session_state.get(SUBMIT_KEY))
article = render_input_panel(shared_view, container=side_article) if submitting else current_article()
try:
    view = shared_view(article.text, article.published, article.geocoder)
except Exception as exc:  # noqa: BLE001 - the page must say what went wrong
    st.title("Incident Map")
    st.error(f"The analysis failed: {type(exc).__name__}: {escape_md(exc)}", icon="⚠️")
    st.stop()

if st.session_state.get("_view_key") != view["key"]:  # new article: forget the old selection
    st.session_state["_view_key"] = view["key"]
    selection.reset(st.session_state)

# An analyst's corrections (the corpus store) laid over the machine's incidents: every view below shows them.
corrections = corrections_panel.load(view["text"])
incidents = corrections.apply(view["incidents"])
by_id = {f["properties"]["id"]: f for f in incidents}
places_by_key = {p.get("id"): p for p in view["places"]}

# ----------------------------------------------------------------- filters (values; widgets after the map)
filter_view = {**view, "incidents": incidents} if corrections.corrections else view
fw = peek_filters(filter_view, st.session_state)
tiles = bool(st.session_state.get(TILES_KEY, True))
filtered = filter_incidents(incidents, fw.spec)
# Marked not an event / duplicate: listed (flagged) in the table, off the map unless asked for.
n_dismissed = sum(map(is_dismissed, filtered))
show_dismissed = n_dismissed > 0 and bool(st.session_state.get(SHOW_DISMISSED_KEY, False))
on_map = filtered if show_dismissed or not n_dismissed else [f for f in filtered if not is_dismissed(f)]
filtered_ids = [f["properties"]["id"] for f in filtered]


def render_sidebar() -> None:
    """The article panel and the filter widgets, in the places reserved above; they must say what the
    map was drawn with (read from the session state), else the page is drawn again."""
    drawn = render_input_panel(shared_view, container=side_article) if not submitting else article
    widgets = render_filters(filter_view, side_filters)
    side_filters.divider()
    tiles_now = side_filters.toggle(
        "Online map tiles (OpenStreetMap)", value=True, key=TILES_KEY,
        help="Tiles are the only request that leaves this machine. Off (or offline), the map shows "
        "built-in low-resolution country outlines.",
    )
    dismissed_now = n_dismissed > 0 and side_filters.toggle(
        f"Show the {n_dismissed} incident(s) marked not an event / duplicate on the map", value=False,
        key=SHOW_DISMISSED_KEY)
    drew = (drawn, widgets.spec, widgets.show_muted_places, tiles_now, dismissed_now)
    if drew != (article, fw.spec, fw.show_muted_places, tiles, show_dismissed):
        # A widget disagreed with its session state (e.g. a chosen option that no longer exists), or the
        # article changed: draw the page again with the widgets' values -- once, never in a loop.
        if st.session_state.get(first_view.REDRAWN_KEY) != repr(drew):
            st.session_state[first_view.REDRAWN_KEY] = repr(drew)
            st.session_state[first_view.REDRAWS_KEY] = st.session_state.get(first_view.REDRAWS_KEY, 0) + 1
            st.rerun()
    else:
        st.session_state.pop(first_view.REDRAWN_KEY, None)


# ----------------------------------------------------------------- header & counts
st.markdown("### Incident Map")
pub = view.get("published") or "no publication date"
n_places = len({f["properties"].get("place_key") for f in filtered if f.get("geometry")})
st.caption(
    f"{escape_md(article.label or 'Your article')} · published {escape_md(pub)} · "
    f"geocoder: {escape_md(view.get('geocoder', 'offline'))}"
)
st.markdown(
    f"**{len(filtered)} of {len(incidents)} incidents** at **{n_places} places** "
    f"{'(filtered)' if fw.spec.active else ''}",
    help="Map markers and table rows always show this same set.",
)
if n_dismissed:
    st.caption(f"✎ {n_dismissed} marked not an event or duplicate: flagged in the table"
               + ("." if show_dismissed else ", not on the map."))
render_notices(view)  # online geocoder: places it left at city precision; the analysis' warnings

sel = selection.get(st.session_state)
focus = None
focus_id = sel.get("focus")
if focus_id and focus_id in by_id:
    focus = focus_view(by_id[focus_id], int(sel.get("seq") or 0))

# 5:4: at 1440-1500 px with the sidebar open, the table's first columns (Type, Place, Date, Status,
# Fatalities) fit without scrolling sideways; the card above it shows the rest of the selection.
col_map, col_table = st.columns([5, 4], gap="medium")
with col_map:
    payload = build_payload(
        on_map, places=view["places"], selected_ids=sel.get("ids") or [],
        show_muted=fw.show_muted_places, focus=focus is not None,
    )
    render_map(
        view, payload, tiles=tiles,
        center=focus[0] if focus else None, zoom=focus[1] if focus else None,
        on_change=lambda: (corrections_panel.on_map_click(st.session_state, MAP_KEY),  # picking a point
                           selection.on_map_click(st.session_state, MAP_KEY)),
        extra_layers=[x for x in [corrections_panel.map_layer(st.session_state, sel.get("ids") or [])] if x],
        signal_drawn=True,
    )
if first_view.should_wait(st.session_state, st.context.headers):
    first_view.wait_for_map(side_filters.empty())
render_sidebar()
with col_map:
    st.html(legend_html(legend_rows(incidents, filtered)))
    if tiles:
        st.caption(
            "Background tiles © OpenStreetMap contributors (light grey: © CARTO), loaded from tile.openstreetmap.org "
            "or basemaps.cartocdn.com (choose with the map's layer button) — the only request leaving this machine. "
            "If they cannot load, or you choose them, built-in country outlines are shown. Dashed circles: location "
            "uncertainty; shaded areas with a badge: incidents located only to a country or region; grey dots: "
            "places mentioned without (shown) incidents."
        )
    else:
        st.caption("Online tiles off: nothing leaves this machine. Built-in low-resolution country outlines.")

with col_table:
    # The selection's every field, above the table: a marker click selects a row that may be scrolled
    # out of view (or its actors/evidence off to the right); this card is always in view.
    sel_ids = [i for i in (sel.get("ids") or []) if i in by_id]
    with st.container(border=True, key="selection_card", height=300 if len(sel_ids) > 1 else "content"):
        render_details(
            view["text"], sel_ids, by_id, set(filtered_ids),
            place=places_by_key.get(sel.get("place")) if sel.get("place") else None,
        )
        if len(sel_ids) == 1:
            corrections_panel.render_corrections_panel(
                page=corrections, feature=by_id[sel_ids[0]], features=incidents, places_by_key=places_by_key)
    table_key = f"incident_table_{view['key']}"
    selection.sync_table(st.session_state, table_key, filtered_ids)
    df_all, row_of = full_table(view["key"] + corrections.fingerprint, {"incidents": incidents})
    render_table(
        filtered_table(df_all, row_of, filtered, filtered_ids), key=table_key,
        on_select=lambda: selection.on_table_select(st.session_state, table_key), height=350,
    )
    st.caption(f"{len(filtered)} rows · select rows to focus the map; click a marker to select its row.")

# ----------------------------------------------------------------- article & downloads
# The Downloads tab is built when chosen (a rerun): the first view fetches no download-button code.
tab_article, tab_dl = st.tabs(["Article", "Downloads"], key=TABS_KEY, on_change="rerun")
with tab_article:
    st.html(article_view.LEGEND_HTML)
    lo, hi = article_view.article_window(view["text"], filtered, sel_ids)
    if (lo, hi) != (0, len(view["text"])):
        st.caption(
            f"Long article: showing characters {lo:,}–{hi:,} of {len(view['text']):,} "
            "(select an incident to show the part around it)."
        )
    st.html(article_view.highlight_article(view["text"], view["places"], filtered, sel_ids, window=(lo, hi)))
if tab_dl.open:
    with tab_dl:
        st.caption(f"The {len(filtered)} incidents currently shown (filters applied).")
        render_downloads(filtered, basename=f"incidents-{view['key'][:8]}", source=article.label, places=view["places"])
