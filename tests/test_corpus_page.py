"""The corpus page (app_pages/corpus.py) through AppTest, on a small store ingested into a tmp file.

Every test sets ``INCIDENTMAP_DB`` to a tmp path: the user's real store is never opened. Assertions compare
the page with the store it reads (table rows == the store's matching events), never fixed counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
import json
import shutil

import dash_helpers as helpers
import pytest

from components import corpus_data as cd
from components import corpus_selection as sel
from components import corpus_view as cv
from components import timeline
from components.corpus_demo import DEMO_CORPUS, demo_records
from incidentmap import settings
from incidentmap.corpus.ingest import ingest
from incidentmap.corpus.store import CorpusFilter, Store
from incidentmap.taxonomy import incident_types

APP = str(helpers.ROOT / "dashboard.py")
PAGE = "app_pages/corpus.py"
TIMEOUT = 120


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """The merge dev corpus (14 articles, several outlets per event), ingested once for the module."""
    db = tmp_path_factory.mktemp("corpus") / "store.duckdb"
    ingest([DEMO_CORPUS], db=db, workers=1)
    return db


@pytest.fixture
def store_env(small_store, tmp_path, monkeypatch):
    """A private copy of the small store as INCIDENTMAP_DB, with Streamlit's caches emptied."""
    import streamlit as st

    db = tmp_path / "store.duckdb"
    shutil.copy(small_store, db)
    monkeypatch.setenv(settings.DB, str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    return db


def open_page(params: dict | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_ids(at) -> list[str]:
    return list(at.dataframe[0].value["ID"])


def store_ids(db, where: CorpusFilter) -> list[str]:
    with Store(db, read_only=True) as store:
        return [e.id for e in store.events(where=where)]


def multiselect(at, label: str):
    return next(w for w in at.sidebar.multiselect if w.label == label)


def url(at) -> dict[str, list[str]]:
    return {k: at.query_params.get_all(k) if hasattr(at.query_params, "get_all") else [at.query_params[k]]
            for k in at.query_params}


# ----------------------------------------------------------------- view <-> URL (plain data)


def test_view_round_trips_through_url_params():
    view = cv.CorpusView(date_from=dt.date(2025, 3, 1), date_to=dt.date(2025, 3, 31), groups=("Protests",),
                         types=("protest",), countries=("KE", "PE"), actors=("police",), sources=("Coast Wire",),
                         statuses=("reported",), precisions=("city",), event="e:abc:1")
    assert cv.from_params(cv.to_params(view)) == view
    assert cv.to_params(cv.CorpusView()) == {}


def test_bad_url_params_are_ignored_not_fatal():
    view = cv.from_params({"from": ["2025-13-40"], "to": ["yesterday"], "type": ["riot"], "group": ["Protests"],
                           "nonsense": ["x"]})
    assert view.date_from is None and view.date_to is None
    assert view.types == ()  # a riot is not a protest: with the Protests group chosen it cannot be chosen


def test_dates_in_the_wrong_order_are_swapped():
    view = cv.from_params({"from": ["2025-04-01"], "to": ["2025-03-01"]})
    assert (view.date_from, view.date_to) == (dt.date(2025, 3, 1), dt.date(2025, 4, 1))


def test_a_group_stands_for_all_its_types():
    types = cv.types_of(("Riots",), ())
    assert types and all(cd.group_of()[t] == "Riots" for t in types)
    assert cv.types_of(("Riots",), ("mob_violence",)) == ("mob_violence",)
    assert cv.types_of((), ()) == ()


# ----------------------------------------------------------------- the brush


@pytest.mark.parametrize("values", [
    [1741651200000, 1741910400000],  # epoch ms, as Vega-Lite sends temporal selections
    ["2025-03-11T00:00:00.000Z", "2025-03-14T00:00:00.000Z"],
])
def test_brushed_range_reads_days(values):
    state = {"selection": {timeline.BRUSH: {"yearmonthdate_day": values}}}
    assert timeline.brushed_range(state) == (dt.date(2025, 3, 11), dt.date(2025, 3, 14))


def test_apply_brush_sets_and_clears_the_date_filter():
    state = {"chart": {"selection": {timeline.BRUSH: {"day": [1741910400000, 1741651200000]}}}}
    timeline.apply_brush(state, chart_key="chart", from_key="f", to_key="t")
    assert (state["f"], state["t"]) == (dt.date(2025, 3, 11), dt.date(2025, 3, 14))
    state["chart"] = {"selection": {timeline.BRUSH: {}}}
    timeline.apply_brush(state, chart_key="chart", from_key="f", to_key="t")
    assert (state["f"], state["t"]) == (None, None)


# ----------------------------------------------------------------- selection (plain data)


def test_table_row_selects_and_focuses_marker_click_selects_without_moving():
    state: dict = {}
    sel.sync_table(state, "tbl", ["e:a", "e:b", "e:c"])
    state["tbl"] = {"selection": {"rows": [1]}}
    sel.on_table_select(state, "tbl")
    assert sel.get_view(state).event == "e:b" and state[sel.FOCUS_KEY][0] == "e:b"
    state["map"] = {"last_active_drawing": {"properties": {"kind": "incident", "id": "e:c"}}}
    sel.on_map_click(state, "map")
    assert sel.get_view(state).event == "e:c" and sel.FOCUS_KEY not in state
    assert sel.sync_table(state, "tbl", ["e:c", "e:a"]) == [0]
    assert state["tbl"]["selection"]["rows"] == [0]
    state["map"] = {"last_active_drawing": {"properties": {"kind": "incident", "id": cd.AGG_PREFIX + "3"}}}
    sel.on_map_click(state, "map")  # a marker standing for many events selects none of them
    assert sel.get_view(state).event == "e:c"


# ----------------------------------------------------------------- the page


def test_page_shows_every_event_of_the_store_in_the_table(store_env):
    at = open_page()
    assert table_ids(at) == store_ids(store_env, CorpusFilter())
    assert url(at) == {}


def test_filters_narrow_the_table_and_go_into_the_url(store_env):
    at = open_page()
    country = multiselect(at, "Country").options[0].split(" (")[0]
    multiselect(at, "Country").set_value([country]).run()
    assert not at.exception
    expected = store_ids(store_env, CorpusFilter(countries=(country,)))
    assert table_ids(at) == expected and 0 < len(expected) < len(store_ids(store_env, CorpusFilter()))
    assert url(at)["country"] == [country]


def test_a_shared_url_reopens_the_same_view(store_env):
    at = open_page()
    with Store(store_env, read_only=True) as store:
        day = store.timeline()[0][0]
        event = store.events(where=CorpusFilter(date_from=day, date_to=day + dt.timedelta(days=3)))[0]
    at.sidebar.date_input(key="c_from").set_value(day)
    at.sidebar.date_input(key="c_to").set_value(day + dt.timedelta(days=3)).run()
    multiselect(at, "Event type (ACLED)").set_value([cd.group_of()[event.incident_type]]).run()
    assert not at.exception
    shared = url(at)
    assert shared["from"] == [day.isoformat()] and "group" in shared
    again = open_page(shared)
    assert table_ids(again) == table_ids(at)
    assert table_ids(at) == store_ids(store_env, cv.from_params(shared).corpus_filter())
    assert url(again) == shared


def test_the_date_filter_the_brush_sets_filters_table_but_not_timeline(store_env):
    at = open_page()
    with Store(store_env, read_only=True) as store:
        days = sorted({d for d, _, _ in store.timeline()})
    at.sidebar.date_input(key="c_from").set_value(days[0])
    at.sidebar.date_input(key="c_to").set_value(days[0]).run()
    assert table_ids(at) == store_ids(store_env, CorpusFilter(date_from=days[0], date_to=days[0]))
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert len(spec["params"][0]["value"]["x"]) == 2  # the brush is drawn where the range is


def test_url_event_selects_its_row_and_lists_its_articles(store_env):
    with Store(store_env, read_only=True) as store:
        event = max(store.events(), key=lambda e: (e.n_sources, e.id))
        members = store.event_members(event_ids=[event.id])[event.id]
    at = open_page({"event": event.id})
    ids = table_ids(at)
    assert at.session_state[sel.TABLE_IDS_KEY] == ids
    assert at.session_state["corpus_table"]["selection"]["rows"] == [ids.index(event.id)]
    links = [p.proto.query_string for p in at.get("page_link")]
    assert {m.article_id for m in members} <= {q.split("article=")[-1] for q in links if "article=" in q}


def test_empty_store_loads_the_demo_corpus_once(tmp_path, monkeypatch):
    import streamlit as st

    db = tmp_path / "fresh.duckdb"
    monkeypatch.setenv(settings.DB, str(db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = open_page()
    with Store(db, read_only=True) as store:
        n_articles = store.counts()["articles"]
        expected = store_ids(db, CorpusFilter())
    corpus_lines = sum(1 for line in DEMO_CORPUS.read_text(encoding="utf-8").splitlines() if line.strip())
    assert n_articles == len(demo_records()) + corpus_lines
    assert table_ids(at) == expected
    st.cache_resource.clear()  # a new server process: the store has articles, nothing is added
    open_page()
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == n_articles


def test_article_page_opens_a_stored_article_by_id(store_env):
    from streamlit.testing.v1 import AppTest

    with Store(store_env, read_only=True) as store:
        article = store.articles()[0]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["article"] = article.id
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Corpus article" in c.value for c in at.caption)


# ----------------------------------------------------------------- the map at scale (aggregation)


def _distance_m(lat1, lon1, lat2, lon2) -> float:
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


@pytest.mark.parametrize("limit, level", [(10_000, "event"), (20, "place"), (5, "cell")])
def test_map_points_aggregate_beyond_the_limit_and_bound_every_event(small_store, limit, level):
    with Store(small_store, read_only=True) as store:
        located = [e for e in store.events() if e.lat is not None]
        n_places = len({(e.place_key, e.lat, e.lon) for e in located})
        assume = {"event": limit >= len(located), "place": len(located) > limit >= n_places,
                  "cell": n_places > limit}
        assert assume[level], "the small store no longer exercises this level: change the limits"
        points = cd.map_points(store, CorpusFilter(), limits=cd.CorpusLimits(max_map_points=limit, first_cell_deg=0.05))
    assert points.level == level and points.located == len(located)
    assert len(points.features) <= max(limit, 1) or level == "cell" and points.cell_deg >= 90
    if level == "event":
        assert sorted(f["properties"]["id"] for f in points.features) == sorted(e.id for e in located)
        return
    counts = [int(f["properties"]["evidence"].split(" events")[0].replace(",", "")) for f in points.features]
    assert sum(counts) == len(located)
    for e in located:  # every event lies inside the circle of at least one aggregate marker
        assert any(_distance_m(e.lat, e.lon, f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0])
                   <= f["properties"]["uncertainty_m"] + 1 for f in points.features), e


def test_the_largest_unaggregated_map_stays_under_the_payload_target():
    """5,000 events with 5,000 different longest sentences and long names: the worst case before aggregating."""
    from components.map_view import PAYLOAD_FIELDS, _as_arrays, _inert_json, build_payload
    from incidentmap.corpus.store import EventRow

    n = cd.LIMITS.max_map_points
    rows = [EventRow(id=f"e:{k:016x}:{k:012x}", incident_type="protest", place_name=f"Place number {k} " * 3,
                     place_key=f"geonames:{k}", country_code="KE", admin1="30", lat=-1 + k / n, lon=36 + k / n,
                     precision="city", uncertainty_m=5000.0, date="2025-03-11/2025-03-12", date_start=None,
                     date_end=None, date_precision="range", status="reported", fatalities=k % 7, n_sources=3,
                     n_incidents=3, actors=["police", f"Group {k}"], evidence=f"{k} " + "x" * 2000)
            for k in range(n)]
    payload = build_payload([cd.event_feature(r) for r in rows], show_muted=False)
    size = len(_inert_json(_as_arrays(payload, PAYLOAD_FIELDS)).encode())
    assert size <= 3_000_000, size


@pytest.mark.parametrize("url, expected", [
    ("https://ledger.example/kenya/a-b", "https://ledger.example/kenya/a-b"),
    ("https://x.example/a) [click](javascript:alert(1)", "https://x.example/a%29%20%5Bclick%5D%28javascript:alert%281%29"),
    ("javascript:alert(1)", None), ("data:text/html,<b>", None), ("", None), (None, None),
])
def test_article_links_are_http_only_and_cannot_break_out(url, expected):
    assert cv.safe_link(url) == expected


def test_the_view_survives_a_visit_to_the_article_page(store_env):
    at = open_page()
    country = multiselect(at, "Country").options[0].split(" (")[0]
    multiselect(at, "Country").set_value([country]).run()
    filtered = table_ids(at)
    at.switch_page("app_pages/article.py").run()
    assert not at.exception
    at.switch_page(PAGE).run()  # Streamlit forgot the page's widgets meanwhile: the view restores them
    assert not at.exception
    assert table_ids(at) == filtered and url(at)["country"] == [country]


def test_the_page_shows_the_events_as_the_analysts_corrections_make_them(store_env):
    """Corrections made on the article page reach the corpus page's table, map, filters and event card."""
    from incidentmap import corrections as corr
    from incidentmap.corpus.export import incident_feature

    with Store(store_env) as store:
        events = store.events()
        members = store.event_members()
        shared = max(events, key=lambda e: (e.n_sources, e.id))
        alone = next(e for e in events if e.n_incidents == 1 and e.incident_type != "riot")
        mine = members[shared.id]
        gone = [(m, corr.not_an_event, {}) for m in mine if m.article_id == mine[-1].article_id]  # one article's
        targets = [*gone, (members[alone.id][0], corr.retype, {"incident_type": "riot"})]
        for m, make, kw in targets:
            (row,) = store.incidents(ids=[m.incident_id])
            (article,) = store.articles(ids=[row.article_id])
            f = incident_feature(row, article)
            feature = {**f, "id": row.local_id, "properties": {**f["properties"], "id": row.local_id}}
            store.add_correction(make(article_hash=article.hash, feature=feature, **kw))
    at = open_page({"event": shared.id})
    frame = at.dataframe[0].value.set_index("ID")
    assert frame.loc[alone.id, "Type"] != cd.events_frame([alone]).loc[0, "Type"]
    assert frame.loc[alone.id, "Type"] == cd.events_frame([replace(alone, incident_type="riot")]).loc[0, "Type"]
    assert frame.loc[shared.id, "Sources"] == shared.n_sources - 1  # the dismissed report's article no longer counts
    assert set(frame.index[frame["Corrected"]]) == {shared.id, alone.id}
    riot = incident_types()["riot"].label
    n_riots = sum(e.incident_type == "riot" for e in events)
    assert f"{riot} ({n_riots + 1:,})" in multiselect(at, "Incident type").options  # the filter counts it
    card = " ".join(m.value for m in at.markdown)
    assert "corrected by an analyst" in card and "*dismissed (not an event)*" in card
