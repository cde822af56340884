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
    ARTIFACTS, MAP_FRAME, ROOT, TIMEOUT_MS, Watch, browser, map_js, row_count, wait_idle, wait_until,
)

CHART = "[data-testid='stVegaLiteChart']"


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("corpus-browser") / "store.duckdb"
    ingest([DEMO_CORPUS], db=db, workers=1)
    with streamlit_server(ROOT / "dashboard.py", {settings.DB: str(db)}) as url:
        yield url, db


def open_corpus(browser, url: str):
    ctx = browser.new_context(viewport={"width": 1500, "height": 1150})
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.watch = Watch(pg)
    pg.goto(url)
    pg.frame_locator(MAP_FRAME).locator(".im-marker").first.wait_for(state="visible")
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
    return pg.frame_locator(MAP_FRAME).locator(".im-marker").count()


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
