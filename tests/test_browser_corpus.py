"""The corpus page in a real browser: a timeline brush changes map and table together, and the shared URL
reopens the same view. Same browser, server and network rules as tests/test_browser.py; the server's
store (INCIDENTMAP_DB) is a tmp file prepared here, never the user's.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest

from bench.streamlit_server import streamlit_server
from components.corpus_demo import DEMO_CORPUS
from incidentmap import settings
from incidentmap.corpus.ingest import ingest
from incidentmap.corpus.store import CorpusFilter, Store
from tests.test_browser import (  # noqa: F401 - the browser fixture is used by name
    ARTIFACTS, INCIDENT_MARKS, MAP_FRAME, ROOT, Watch, browser, clickable_marker_index, map_js, open_page, row_count,
    wait_idle, wait_until,
)

CHART = "[data-testid='stVegaLiteChart']"


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("corpus-browser") / "store.duckdb"
    ingest([DEMO_CORPUS], db=db, workers=1)
    with streamlit_server(ROOT / "dashboard.py", {settings.DB: str(db)}) as url:
        yield url, db


def open_corpus(browser, url: str):
    ctx, pg = open_page(browser, url)
    pg.locator(CHART).first.wait_for(state="visible")
    wait_idle(pg)
    return ctx, pg


def check_clean(pg) -> None:
    """tests/test_browser.Watch.check_clean, less one thing of Streamlit's own: opened at a page's address
    (/corpus), its frontend first probes /corpus/_stcore/health and /host-config (404) before finding the
    server's root; those two probes are not the page's requests."""
    probe = re.compile(r"/corpus/_stcore/(health|host-config)$")
    pg.watch.console = [c for c in pg.watch.console if not probe.search(urlparse(c[2]).path)]
    pg.watch.check_clean()


def href(pg) -> str:
    """The address bar (Streamlit rewrites it with history.replaceState, which page.url may not follow)."""
    return pg.evaluate("location.href")


def markers(pg) -> int:
    """Events on the map: pins, and chips of the events located only to a country or region."""
    return pg.frame_locator(MAP_FRAME).locator(INCIDENT_MARKS).count()


def matching(pg) -> int:
    text = pg.get_by_text(re.compile(r"[\d,]+ events\s+match")).first.inner_text()
    return int(re.search(r"([\d,]+) events\s+match", text).group(1).replace(",", ""))


def test_timeline_brush_filters_map_and_table_and_the_url_reopens_the_view(browser, corpus_server):
    url, db = corpus_server
    ctx, pg = open_corpus(browser, url + "/corpus")
    try:
        total = row_count(pg)
        with Store(db, read_only=True) as store:
            everything = store.events()
        assert total == matching(pg) == len(everything) > 0
        assert markers(pg) == sum(1 for e in everything if e.lat is not None)
        map_js(pg, "() => { window.__survivor = 'yes'; }")
        box = pg.locator(CHART).first.bounding_box()
        # drag over the first third of the plot (right of the y axis, above the legend)
        y = box["y"] + 60
        pg.mouse.move(box["x"] + 70, y)
        pg.mouse.down()
        pg.mouse.move(box["x"] + 70 + (box["width"] - 250) * 0.5, y, steps=12)
        pg.mouse.up()
        wait_until(lambda: "from=" in href(pg), what="the brushed days in the URL")
        wait_until(lambda: row_count(pg) < total, what="the table to be filtered")
        wait_idle(pg)
        # what the page shows is what the store holds for the brushed days
        q = parse_qs(urlparse(href(pg)).query)
        where = CorpusFilter(date_from=dt.date.fromisoformat(q["from"][0]), date_to=dt.date.fromisoformat(q["to"][0]))
        with Store(db, read_only=True) as store:
            events = store.events(where=where)
        n, located = len(events), sum(1 for e in events if e.lat is not None)
        assert 0 < n < total
        wait_until(lambda: row_count(pg) == n and markers(pg) == located, what=f"{n} rows and {located} markers")
        assert matching(pg) == n
        assert map_js(pg, "window.__survivor") == "yes", "the brush rebuilt the map iframe"
        pg.screenshot(path=str(ARTIFACTS / "corpus-brushed.png"))
        check_clean(pg)
        shared = href(pg)
    finally:
        ctx.close()

    ctx, pg = open_corpus(browser, shared)  # a new browser session: only the URL carries the view
    try:
        wait_until(lambda: row_count(pg) == n, what="the shared view's rows")
        assert markers(pg) == located and matching(pg) == n
        assert parse_qs(urlparse(href(pg)).query) == q
        check_clean(pg)
    finally:
        ctx.close()


def test_map_and_table_are_linked_both_ways(browser, corpus_server):
    url, db = corpus_server
    ctx, pg = open_corpus(browser, url + "/corpus")
    try:
        frame = pg.frame_locator(MAP_FRAME)
        sel_rows = pg.locator("[data-testid='stDataFrame'] tr[aria-selected='true']")
        # a row -> the map moves to its event and the URL names it
        before = map_js(pg, "[IM.map.getCenter().lat, IM.map.getCenter().lng, IM.map.getZoom()]")
        box = pg.locator("[data-testid='stDataFrame'] canvas").first.bounding_box()
        pg.mouse.click(box["x"] + 16, box["y"] + 35 * 3 + 17)  # the 3rd data row's checkbox
        wait_until(lambda: sel_rows.count() == 1, what="row selected")
        wait_idle(pg)
        eid = wait_until(lambda: map_js(pg, "document.querySelector('.im-map').dataset.selected"), what="map selection")
        assert parse_qs(urlparse(href(pg)).query)["event"] == [eid]
        wait_until(lambda: map_js(pg, "[IM.map.getCenter().lat, IM.map.getCenter().lng, IM.map.getZoom()]") != before,
                   what="the map to move")
        with Store(db, read_only=True) as store:
            members = store.event_members(event_ids=[eid])[eid]
        pg.get_by_text("on the article page").first.wait_for()  # the event's articles, linked
        assert pg.locator("a[href*='article=" + members[0].article_id + "']").count() >= 1
        # a marker -> its row is selected and the URL names its event
        box = pg.locator("[data-testid='stDataFrame'] canvas").first.bounding_box()  # the card above grew
        pg.mouse.click(box["x"] + 16, box["y"] + 35 * 3 + 17)  # deselect: back to the whole map
        wait_until(lambda: sel_rows.count() == 0, what="row deselected")
        wait_idle(pg)
        i = clickable_marker_index(pg)
        frame.locator(".im-marker").nth(i).click()
        popup_id = frame.locator(".leaflet-popup-content .im-popup-id")
        popup_id.wait_for(state="visible")
        clicked = popup_id.inner_text()
        wait_until(lambda: sel_rows.count() == 1, what="the marker's row selected")
        wait_until(lambda: parse_qs(urlparse(href(pg)).query).get("event") == [clicked], what="event in the URL")
        pg.get_by_text("on the article page").first.wait_for()
        check_clean(pg)
    finally:
        ctx.close()
