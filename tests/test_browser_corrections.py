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
    ARTIFACTS, ROOT, browser, clickable_marker_index, map_frame, map_js, open_page, wait_idle, wait_until,
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


def test_move_to_a_point_clicked_on_the_map_and_undo(browser, store_server):
    """Picking mode: the map is not rebuilt (same iframe, same view); the click lands on the spot (through a
    marker, if one is there), fills the point, Move stores it, the card and the table show the new place."""
    url, db = store_server
    ctx, pg = _open(browser, url)
    try:
        iid = _select_marker(pg, clickable_marker_index(pg))
        pg.get_by_text("✎ Correct this incident").click()
        pg.get_by_role("tab", name="Place").click()
        frame = map_frame(pg)
        # outside picking mode a click on the bare map sends nothing to the app (no rerun)
        bare = map_js(pg, """() => {
            const c = window.map.getContainer(), r = c.getBoundingClientRect();
            for (let fy = 0.25; fy < 0.9; fy += 0.1) for (let fx = 0.1; fx < 0.9; fx += 0.1) {
                const e = document.elementFromPoint(r.x + r.width * fx, r.y + r.height * fy);
                if (e && c.contains(e) && !e.closest(
                    '.leaflet-interactive, .leaflet-marker-icon, .leaflet-control, .leaflet-popup, .leaflet-tooltip'))
                    return [Math.round(r.width * fx), Math.round(r.height * fy)];
            }
            return null;
        }""")
        assert bare, "no bare spot on the map"
        sent = map_js(pg, "() => JSON.stringify(window.__GLOBAL_DATA__.previous_data)")
        frame.locator(".leaflet-container").click(position={"x": bare[0], "y": bare[1]})
        pg.wait_for_timeout(800)  # streamlit-folium debounces by 250 ms
        assert map_js(pg, "() => JSON.stringify(window.__GLOBAL_DATA__.previous_data)") == sent
        map_js(pg, "() => { window.imProbe = 'same iframe'; }")
        where = "() => [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"
        view = map_js(pg, where)
        pin = clickable_marker_index(pg)  # a pin nothing covers (in picking mode, clicks go through pins)
        pg.get_by_role("button", name="Pick the point on the map").click()
        wait_until(lambda: map_js(pg, "() => window.map.getContainer().classList.contains('im-picking')"),
                   what="the map in picking mode")
        frame.locator(".im-pick-banner").wait_for(state="visible")
        wait_idle(pg)
        assert map_js(pg, "() => window.imProbe") == "same iframe"  # not rebuilt: view and layers kept
        assert map_js(pg, where) == view
        # the spot where that pin is: the click goes through it to the map; where that is, give or take 3 px
        x, y, lat, lon, tol_lat, tol_lon, zoom = map_js(pg, """(i) => {
            const m = window.map, c = m.getContainer().getBoundingClientRect();
            const r = document.querySelectorAll('.im-marker')[i].getBoundingClientRect();
            const x = Math.round(r.x + r.width / 2 - c.x), y = Math.round(r.y + r.height / 2 - c.y);
            const ll = m.wrapLatLng(m.containerPointToLatLng([x, y]));
            const off = m.containerPointToLatLng([x + 3, y + 3]);
            return [x, y, ll.lat, ll.lng, Math.abs(off.lat - ll.lat), Math.abs(off.lng - ll.lng), m.getZoom()];
        }""", pin)
        frame.locator(".leaflet-container").click(position={"x": x, "y": y})
        lat_box, lon_box = pg.locator("input[aria-label='Latitude']"), pg.locator("input[aria-label='Longitude']")
        wait_until(lambda: abs(float(lat_box.input_value()) - lat) < tol_lat, what="the clicked latitude in the panel")
        assert abs(float(lon_box.input_value()) - lon) < tol_lon
        lat, lon = float(lat_box.input_value()), float(lon_box.input_value())
        wait_until(lambda: frame.locator(".im-pick-point").count() == 1, what="the picked point on the map")
        wait_until(lambda: frame.locator(".leaflet-popup").count() == 0, what="the popup out of the way")
        assert not map_js(pg, "() => window.map.getContainer().classList.contains('im-picking')")
        assert map_js(pg, "() => window.imProbe") == "same iframe"
        assert iid in pg.locator(".st-key-selection_card").inner_text()  # still the same incident selected
        wait_idle(pg)
        # the map with the picked point and the panel with it filled in (docs/correction-click.png)
        boxes = [pg.locator("iframe[title='streamlit_folium.st_folium']").bounding_box(),
                 pg.locator(".st-key-selection_card").bounding_box()]
        x0, y0 = min(b["x"] for b in boxes), min(b["y"] for b in boxes)
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / "correction-click.png"), clip={
            "x": x0, "y": y0, "width": max(b["x"] + b["width"] for b in boxes) - x0,
            "height": max(b["y"] + b["height"] for b in boxes) - y0})
        pg.get_by_role("button", name="Move to this point").click()
        card = pg.locator(".st-key-selection_card")
        wait_until(lambda: "point, ±" in card.inner_text(), what="the card to show the move")
        with Store(db, read_only=True) as s:
            (c,) = [c for c in s.corrections() if c.kind == "move_to_point"]
        assert (c.incident_id, c.value["click_zoom"]) == (iid, zoom)
        assert abs(c.value["lat"] - lat) < 1e-5 and abs(c.value["lon"] - lon) < 1e-5  # as the inputs showed them
        label = c.value["place"]  # "lat, lon"
        wait_until(lambda: label in card.inner_text(), what="the card to show the clicked point")
        row = pg.locator("[data-testid='stDataFrame'] tr[aria-selected='true']").first
        wait_until(lambda: label in row.inner_text(), what="the table row at the clicked point")
        assert frame.locator(".im-pick-point").count() == 0
        wait_idle(pg)
        pg.get_by_role("button", name="Undo").last.click()
        wait_until(lambda: card.locator(".im-corrected").count() == 0, what="the move to be undone")
        wait_until(lambda: label not in row.inner_text(), what="the table row back at the machine's place")
        # Esc on the map leaves picking mode (the panel's Cancel does the same from the page)
        wait_idle(pg)
        pg.get_by_role("tab", name="Place").click()
        pg.get_by_role("button", name="Pick the point on the map").click()
        wait_until(lambda: map_js(pg, "() => window.map.getContainer().classList.contains('im-picking')"),
                   what="picking mode again")
        wait_idle(pg)
        frame.locator(".leaflet-container").focus()
        frame.locator(".leaflet-container").press("Escape")
        wait_until(lambda: not map_js(pg, "() => window.map.getContainer().classList.contains('im-picking')"),
                   what="Esc to leave picking mode")
        pg.get_by_text("Picking cancelled").wait_for(state="visible")
        pg.watch.check_clean()
    finally:
        ctx.close()
    with Store(db, read_only=True) as s:
        assert not [c for c in s.corrections() if c.kind == "move_to_point"]
