"""A correction in a real browser: made on a clicked incident, still there after a reload, undone.

The server gets its own temporary store (INCIDENTMAP_DB): the test never touches the user's store.
Fixtures and helpers are those of tests/test_browser.py.
"""

from __future__ import annotations

import pytest

from bench.streamlit_server import streamlit_server
from incidentmap import settings
from incidentmap.corpus.store import Store

from test_browser import (  # noqa: F401 - browser is a fixture
    ARTIFACTS, ROOT, browser, clickable_marker_index, map_frame, open_page, wait_idle, wait_until,
)


@pytest.fixture(scope="module")
def store_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("corrections") / "corpus.duckdb"
    with streamlit_server(ROOT / "dashboard.py", {settings.DB: str(db)}) as url:
        yield url, db


def _open(browser, url):
    return open_page(browser, url)


def _select_marker(pg, i: int) -> str:
    frame = map_frame(pg)
    frame.locator(".im-marker").nth(i).click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    iid = popup.locator(".im-popup-id").inner_text()
    card = pg.locator(".st-key-selection_card")
    wait_until(lambda: iid in card.inner_text(), what="the card to show the incident")
    wait_idle(pg)
    return iid


def test_correction_survives_a_reload_and_is_undone(browser, store_server):
    url, db = store_server
    ctx, pg = _open(browser, url)
    try:
        i = clickable_marker_index(pg)
        iid = _select_marker(pg, i)
        pg.get_by_text("✎ Correct this incident").click()
        pg.get_by_role("tab", name="Note").click()
        note = pg.locator("textarea[aria-label='Note']")
        note.fill("Checked against the wire copy <b>x</b>")
        note.press("Control+Enter")  # commit the text area before pressing the button
        wait_idle(pg)
        pg.get_by_role("button", name="Add note").click()
        wait_until(lambda: pg.locator(".im-note").first.inner_text() == "note: Checked against the wire copy <b>x</b>",
                   what="the note in the card, as text")
        wait_until(lambda: "✎" in pg.locator("[data-testid='stDataFrame'] tr[aria-selected='true']").first.inner_text(),
                   what="the ✎ mark in the selected row")
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / "correction.png"), full_page=False)
        pg.watch.check_clean()
    finally:
        ctx.close()
    with Store(db, read_only=True) as s:
        assert [c.incident_id for c in s.corrections()] == [iid]

    ctx, pg = _open(browser, url)  # a reload: a new page on the same server and store
    try:
        assert _select_marker(pg, i) == iid
        wait_until(lambda: pg.locator(".im-corrected").count() == 1, what="the correction after a reload")
        undo = pg.get_by_role("button", name="Undo")
        if not undo.is_visible():
            pg.get_by_text("✎ Correct this incident").click()
        undo.click()
        wait_until(lambda: pg.locator(".im-corrected").count() == 0, what="the correction to be undone")
        wait_until(lambda: "✎" not in pg.locator("[data-testid='stDataFrame'] tr[aria-selected='true']").first.inner_text(),
                   what="the ✎ mark to go")
        pg.watch.check_clean()
    finally:
        ctx.close()
    with Store(db, read_only=True) as s:
        assert s.corrections() == [] and len(s.corrections(include_undone=True)) == 1
