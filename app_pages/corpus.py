"""The corpus page: every stored event on a timeline, a map and a table, filtered and linked together.

Wiring only: the pieces live in components/. The view (filters + selected event) lives in the URL
(components.corpus_view), the store is opened only through components.corpus_store.store_session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import streamlit as st

from components import corpus_data as cd
from components import corpus_selection as sel
from components import corpus_view as cv
from components import timeline
from components.corpus_demo import load_demo
from components.corpus_store import StoreBusy, store_path, store_session
from components.input_panel import escape_md
from components.map_view import build_payload, focus_view, render_map
from incidentmap.corpus.event_corrections import CorrectedEvents, corrected_events, overlay
from incidentmap.taxonomy import incident_types

MAP_KEY = "corpus_map"
TABLE_KEY = "corpus_table"
CHART_KEY = "corpus_timeline"
ARTICLE_PAGE = "app_pages/article.py"
W = {name: f"c_{name}" for name in ("from", "to", *cv.LIST_PARAMS.values())}  # widget keys


@st.cache_resource(show_spinner=False, max_entries=4)
def demo_loaded(db: str) -> str:
    """Load the demo corpus into an empty store, once per server process and store (concurrent first visits
    wait for the one load)."""
    with store_session(db) as store:
        if store.counts()["articles"]:
            return "present"
    return load_demo(db).summary()


def store_stamp(path: Path) -> tuple[str, int]:
    """What changes when the store does: cached option lists and map frame are keyed by it."""
    try:
        return str(path), path.stat().st_mtime_ns
    except OSError:
        return str(path), 0


@st.cache_data(show_spinner=False, max_entries=4)
def corrections_of(stamp: tuple[str, int]) -> CorrectedEvents:
    """The events the analyst's corrections change (made on the article page; each one changes the store's file,
    hence the stamp)."""
    with store_session(stamp[0]) as store:
        return corrected_events(store)


@st.cache_data(show_spinner=False, max_entries=4)
def options_and_frame(stamp: tuple[str, int]) -> dict:
    """Filter options, the store's date span and the map's frame (bounds and types of every event), of the events
    as the analyst's corrections make them (the store's file changes with each correction: a new stamp)."""
    fixed = corrections_of(stamp)
    with store_session(stamp[0]) as store:
        events = overlay(store, fixed)
        opts = cd.filter_options(store, events=events)
        span = store.con.execute(f"SELECT min(date_start), max(date_end) FROM {events}").fetchall()[0]
        bounds = store.con.execute(f"SELECT min(lat), min(lon), max(lat), max(lon) FROM {events}").fetchall()[0]
        counts = store.counts()  # the stored events (the caption counts those an analyst dismissed apart)
    frame: list[dict] = []
    if bounds[0] is not None:
        corners = ([bounds[1], bounds[0]], [bounds[3], bounds[2]])
        for n, (slug, _) in enumerate(opts["types"] or [("?", 0)]):
            frame.append({"geometry": {"type": "Point", "coordinates": corners[n % 2]},
                          "properties": {"incident_type": slug}})
        if len(frame) == 1:
            frame.append({"geometry": {"type": "Point", "coordinates": corners[1]}, "properties": frame[0]["properties"]})
    return {"options": opts, "span": span, "frame": frame, "counts": counts}


# ----------------------------------------------------------------- store & demo corpus
st.markdown("### Incident Map · corpus")
db = store_path()
try:
    with st.spinner("First start: loading the demo corpus (the project's annotated articles)…"):
        demo_loaded(str(db))
    stamp = store_stamp(db)
    info = options_and_frame(stamp)
    fixed = corrections_of(stamp)
except StoreBusy as exc:
    st.warning(f"The corpus store is busy or cannot be opened (an ingest may be running): {escape_md(exc)}",
               icon="⏳")
    st.stop()

opts = info["options"]
if not info["counts"]["events"]:
    st.info("The corpus store has no events yet. Ingest articles: `python -m incidentmap ingest FOLDER`.")
    st.stop()

# ----------------------------------------------------------------- view from the URL, widgets
state = st.session_state
if sel.VIEW_KEY not in state:  # first run of this session: the URL says what to show
    sel.set_view(state, cv.from_params({k: st.query_params.get_all(k) for k in st.query_params}))
view = sel.get_view(state)
for field, key in W.items():  # widgets forgotten (another page was shown, or first run): from the view
    if key not in state:
        state[key] = (getattr(view, "date_from" if field == "from" else "date_to") if field in ("from", "to")
                      else list(getattr(view, field)))


def counted(values: list[tuple[str, int]]):
    n = dict(values)
    return lambda v: f"{v} ({n.get(v, 0):,})"


sb = st.sidebar
sb.subheader("Filters")
span = info["span"]
c_from, c_to = sb.columns(2)
c_from.date_input("From", key=W["from"], min_value=dt.date(1900, 1, 1), format="YYYY-MM-DD",
                  help=f"Events whose date overlaps the range; brushing the timeline sets it. The store's events "
                  f"span {span[0] or '?'} to {span[1] or '?'}.")
c_to.date_input("To", key=W["to"], min_value=dt.date(1900, 1, 1), format="YYYY-MM-DD")
taxonomy = incident_types()
groups_present = list(dict.fromkeys(cd.group_of().get(s, "Other") for s, _ in opts["types"]))
group_n = {g: sum(n for s, n in opts["types"] if cd.group_of().get(s, "Other") == g) for g in groups_present}
state[W["groups"]] = [g for g in state[W["groups"]] if g in groups_present]
groups = sb.multiselect("Event type (ACLED)", groups_present, key=W["groups"], placeholder="All event types",
                        format_func=lambda g: f"{g} ({group_n.get(g, 0):,})")
type_opts = [s for s, _ in opts["types"] if not groups or cd.group_of().get(s, "Other") in groups]
state[W["types"]] = [t for t in state[W["types"]] if t in type_opts]
sb.multiselect("Incident type", type_opts, key=W["types"], placeholder="All types of these",
               format_func=lambda s: f"{taxonomy[s].label if s in taxonomy else s} ({dict(opts['types']).get(s, 0):,})")
sb.multiselect("Country", [v for v, _ in opts["countries"]], key=W["countries"], placeholder="Any country",
               format_func=counted(opts["countries"]))
sb.multiselect("First-level region (admin1 code)", [v for v, _ in opts["admin1"]], key=W["admin1"],
               placeholder="Any region", format_func=counted(opts["admin1"]),
               help="GeoNames admin1 codes; choose the country too, codes repeat across countries.")
sb.multiselect("Actor", [v for v, _ in opts["actors"]], key=W["actors"], placeholder="Any actor",
               format_func=counted(opts["actors"]), help="The 500 most frequent actors.")
sb.multiselect("Source (outlet)", [v for v, _ in opts["sources"]], key=W["sources"], placeholder="Any outlet",
               format_func=counted(opts["sources"]), help="Events reported by at least one article of these outlets.")
sb.multiselect("Status", [v for v, _ in opts["statuses"]], key=W["statuses"], placeholder="Any status",
               format_func=counted(opts["statuses"]))
sb.multiselect("Location precision", [v for v, _ in opts["precisions"]], key=W["precisions"],
               placeholder="Any precision", format_func=counted(opts["precisions"]))
sb.divider()
tiles = sb.toggle("Online map tiles (OpenStreetMap)", value=True, key="c_tiles",
                  help="Tiles are the only request that leaves this machine.")

view = cv.CorpusView(
    **{field: tuple(state[W[field]]) for field in cv.LIST_PARAMS.values()}, event=view.event,
).with_dates(state[W["from"]], state[W["to"]])
sel.set_view(state, view)

# ----------------------------------------------------------------- read the store for this view
# Every view reads the events as the analyst's corrections (made on the article page) make them, as the exports do.
where = view.corpus_filter()
with store_session(str(db)) as store:
    ev = overlay(store, fixed)
    timeline_rows = cd.timeline_by_group(store, view.corpus_filter(dates=False), events=ev)
    n_events = cd.count_events(store, where, events=ev)
    points = cd.map_points(store, where, events=ev)
    rows = cd.table_events(store, where, events=ev)
    articles, n_articles = cd.articles_of(store, [r.id for r in rows])
    chosen = cd.event_by_id(store, view.event, events=ev) if view.event else None
    members = store.event_members(event_ids=[chosen.id]).get(chosen.id, []) if chosen else []

ids_in_table = [r.id for r in rows]
if view.event and chosen is None:  # a shared URL naming an event no longer in the store
    view = replace(view, event=None)
    sel.set_view(state, view)
st.query_params.from_dict(cv.to_params(view))  # the URL now says exactly this view

# ----------------------------------------------------------------- timeline
st.caption(
    f"**{n_events:,} events** match ({info['counts']['events']:,} in the store, from "
    f"{info['counts']['articles']:,} articles) · "
    + ("brush the timeline to choose days" if not (view.date_from or view.date_to)
       else f"days {view.date_from or '…'} to {view.date_to or '…'}")
    + (f" · {len(fixed.corrected):,} corrected by an analyst" if fixed.corrected else "")
    + (f" · {len(fixed.dismissed):,} dismissed by an analyst (not an event, or a duplicate) not shown; the "
       f"exports keep them, flagged" if fixed.dismissed else "")
)
st.altair_chart(
    timeline.timeline_chart(timeline_rows, order=cd.group_order(), brushed=(view.date_from, view.date_to)),
    key=CHART_KEY, selection_mode=timeline.BRUSH, width="stretch", height=timeline.HEIGHT + 40,
    on_select=lambda: timeline.apply_brush(state, chart_key=CHART_KEY, from_key=W["from"], to_key=W["to"]),
)

# ----------------------------------------------------------------- map & table, linked both ways
by_id = {f["properties"]["id"]: f for f in points.features}
focus_state = state.get(sel.FOCUS_KEY)
focus = None
if focus_state and focus_state[0] == view.event and view.event in by_id:
    focus = focus_view(by_id[view.event], int(focus_state[1]))
col_map, col_table = st.columns([5, 4], gap="medium")
with col_map:
    payload = build_payload(points.features, selected_ids=[view.event] if view.event else [], show_muted=False,
                            focus=focus is not None)
    render_map({"incidents": info["frame"], "places": []}, payload, tiles=tiles, key=MAP_KEY,
               center=focus[0] if focus else None, zoom=focus[1] if focus else None,
               on_change=lambda: sel.on_map_click(state, MAP_KEY))
    if points.level == "event":
        st.caption(f"{points.located:,} located events, one marker each; dashed circles: location uncertainty.")
    else:
        where_word = "place" if points.level == "place" else f"{points.cell_deg:g}° grid cell"
        st.caption(f"{points.located:,} located events: one marker per {where_word} ({len(points.features):,} "
                   f"markers); each circle bounds every event it stands for. Narrow the filters to see each event.")

with col_table:
    with st.container(border=True, key="corpus_event_card"):
        if chosen is None:
            st.caption("Select a row, or click a marker, to see the event and the articles that report it.")
        else:
            label = taxonomy[chosen.incident_type].label if chosen.incident_type in taxonomy else chosen.incident_type
            corrected = fixed.corrected.get(chosen.id, {}).get("properties", {})
            st.markdown(f"**{escape_md(label)}** · {escape_md(chosen.place_name or 'no location')} · "
                        f"{escape_md(chosen.date or 'undated')} · {chosen.n_sources} source(s)"
                        + (" · corrected by an analyst" if corrected else ""))
            dismissed = {d["incident_id"]: d.get("review") for d in corrected.get("dismissed_members") or []}
            changed = {m["incident_id"] for m in corrected.get("members") or [] if m.get("corrected")}
            for m in members:
                title = m.title or m.file_name or m.article_id
                link = cv.safe_link(m.url)
                outlet = escape_md(m.source or "unknown outlet")
                flag = (f" · *dismissed ({escape_md(str(dismissed[m.incident_id]).replace('_', ' '))})*"
                        if m.incident_id in dismissed else " · *corrected*" if m.incident_id in changed else "")
                st.markdown(f"- {f'[{outlet}]({link})' if link else outlet} · {escape_md(m.published or 'undated')}"
                            f"{flag}: “{escape_md(m.evidence or '')}”")
                st.page_link(ARTICLE_PAGE, label=f"Open “{escape_md(title[:80])}” on the article page",
                             query_params={"article": m.article_id}, icon=":material/article:")
    sel.sync_table(state, TABLE_KEY, ids_in_table)
    st.dataframe(
        cd.events_frame(rows, corrected=fixed.corrected), key=TABLE_KEY, hide_index=True, on_select=lambda: sel.on_table_select(state, TABLE_KEY),
        selection_mode="single-row", height=380, width="stretch", column_order=cd.TABLE_COLUMNS,
        column_config={"Fatalities": st.column_config.NumberColumn(format="%d"),
                       "Actors": st.column_config.ListColumn("Actors"),
                       "Corrected": st.column_config.CheckboxColumn(
                           "Corrected", help="An analyst corrected one of the event's reports (article page)"),
                       "Evidence": st.column_config.TextColumn("Evidence", width="large")},
    )
    st.caption(f"{len(rows):,} of {n_events:,} events" + (" (the first, by date)" if len(rows) < n_events else "")
               + " · select a row to focus the map; click a marker to select its row.")

# ----------------------------------------------------------------- articles
with st.expander(f"Articles ({n_articles:,}) reporting the events in the table", expanded=False):
    if n_articles > len(articles):
        st.caption(f"The {len(articles):,} newest of {n_articles:,}.")
    for a in articles:
        title = a["title"] or a["file_name"] or a["id"]
        st.page_link(ARTICLE_PAGE, label=escape_md(f"{title[:100]} — {a['source'] or 'unknown outlet'}, "
                                                   f"{a['published'] or 'undated'}"), query_params={"article": a["id"]}, icon=":material/article:")
