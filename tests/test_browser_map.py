"""The map in a real browser (issue 13: first view, re-framing, street zoom, base-map choice).

Same set-up as tests/test_browser.py (its fixtures and helpers): Chromium against `streamlit run
dashboard.py` on the seed article, tile hosts unresolvable. Screenshots go to artifacts/.
"""

from __future__ import annotations

import re

from components.map_view import BASEMAPS, TILE_HOSTS
from tests.test_browser import (  # noqa: F401 - fixtures are used by name
    ARTIFACTS, INCIDENT_MARKS, MAP_FRAME, browser, header_counts, map_frame, map_js, open_dropdown, page,
    row_count, server, wait_idle, wait_until,
)

# Every incident on the map, as the map itself sees it: its place's name and whether it is an area.
KINDS_JS = """() => {
    const d = IM.lastLayer.data, F = IM.F;
    return d.rows.map(r => {
        const p = d.places[r[F.row.place]];
        return {id: r[F.row.id], label: IM.types[d.types[r[F.row.type]]].label, place: p[F.place.name],
                precision: p[F.place.precision], area: !!p[F.place.area], lat: p[F.place.lat], lon: p[F.place.lon]};
    });
}"""


def incidents(pg) -> list[dict]:
    return map_js(pg, KINDS_JS)


def in_view(pg, lat, lon) -> bool:
    return map_js(pg, f"IM.map.getBounds().contains([{lat}, {lon}])")


def view_state(pg):
    return map_js(pg, "[IM.map.getCenter().lat, IM.map.getCenter().lng, IM.map.getZoom()]")


def fits(pg) -> int:
    return int(map_js(pg, "document.querySelector('.im-map').dataset.fits || '0'"))


def pick_type(pg, label: str):
    """Add one incident type to the sidebar's type filter (typed, so the option is the first shown)."""
    box = pg.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.locator("input")
    open_dropdown(pg, box, pg.get_by_role("option"))  # the input, not the middle of the box (a chosen type)
    pg.keyboard.type(label)
    option = pg.get_by_role("option").filter(has_text=re.compile(re.escape(label) + r" \(\d+\)"))
    option.first.click()
    pg.keyboard.press("Escape")


def test_first_view_shows_country_incidents_as_an_area_and_fits_the_precise_ones(page):
    pg = page
    frame = map_frame(pg)
    inc = incidents(pg)
    area = [i for i in inc if i["area"]]
    precise = [i for i in inc if not i["area"]]
    assert area and precise, "the seed has country-level and precise incidents"
    # every incident is on the map once: precise ones as pins, country-level ones as badge chips
    assert frame.locator(".im-marker").count() == len(precise)
    assert frame.locator(".im-area-chip").count() == len(area)
    assert frame.locator(INCIDENT_MARKS).count() == row_count(pg) == header_counts(pg)[0]
    # the view: all the precise incidents, not the country's centroid (the steppe, far from Almaty)
    assert all(in_view(pg, i["lat"], i["lon"]) for i in precise)
    assert not any(in_view(pg, i["lat"], i["lon"]) for i in area)
    assert view_state(pg)[2] >= 8
    # the country is its shaded outline, and a badge says how many incidents are country-wide
    wait_until(lambda: frame.locator("path.im-area-shape").count() >= 1, what="the country's shaded outline")
    badge = frame.locator(".im-areas").inner_text()
    for name in {i["place"] for i in area}:
        n = sum(1 for i in area if i["place"] == name)
        assert name in badge and f"country-wide ({n})" in badge, badge
    pg.wait_for_timeout(500)
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "map-first-view.png"))

    # a chip is the incident: clicking it selects the row and shows the incident's details in the badge box
    chip = frame.locator(".im-area-chip").first
    iid = chip.get_attribute("data-id")
    before = view_state(pg)
    chip.click()
    frame.locator(".im-area-detail .im-popup-id").wait_for()
    assert frame.locator(".im-area-detail .im-popup-id").inner_text() == iid
    assert frame.locator(".im-area-detail .im-popup-evidence").inner_text().strip()
    sel_rows = pg.locator("[data-testid='stDataFrame'] tr[aria-selected='true']")
    wait_until(lambda: sel_rows.count() == 1, what="selected table row")
    wait_until(lambda: map_js(pg, "document.querySelector('.im-map').dataset.selected") == iid, what="map selection")
    wait_idle(pg)
    assert area[0]["place"] in sel_rows.first.inner_text()
    assert frame.locator(".im-area-chip.im-selected").get_attribute("data-id") == iid  # still, after the rerun
    assert frame.locator(".im-area-detail .im-popup-id").inner_text() == iid
    assert view_state(pg) == before, "a click on the map does not move it"
    pg.screenshot(path=str(ARTIFACTS / "map-country-wide-selected.png"))
    frame.locator(".im-area-close").click()  # the details can be put away; the selection stays
    assert frame.locator(".im-area-detail").count() == 0 and frame.locator(".im-area-chip.im-selected").count() == 1
    pg.watch.check_clean()


def test_filtering_reframes_the_map_unless_the_user_moved_it(page):
    pg = page
    frame = map_frame(pg)
    inc = incidents(pg)
    labels = {i["label"] for i in inc}
    area_only = sorted(t for t in labels if all(i["area"] for i in inc if i["label"] == t))
    precise_only = sorted(t for t in labels if not any(i["area"] for i in inc if i["label"] == t))
    assert area_only and len(precise_only) >= 2, (area_only, precise_only)
    country = next(i for i in inc if i["area"])

    # only country-wide incidents: the map shows the country
    f0 = fits(pg)
    pick_type(pg, area_only[0])
    wait_until(lambda: fits(pg) > f0, what="the map to fit the filtered incidents")
    wait_idle(pg)
    assert in_view(pg, country["lat"], country["lon"]) and view_state(pg)[2] <= 6
    pg.screenshot(path=str(ARTIFACTS / "map-filtered-country.png"))

    # add precise incidents: the map fits them (not the country)
    f1 = fits(pg)
    pick_type(pg, precise_only[0])
    wait_until(lambda: fits(pg) > f1, what="the map to fit again")
    wait_idle(pg)
    shown = incidents(pg)
    assert all(in_view(pg, i["lat"], i["lon"]) for i in shown if not i["area"])
    assert not in_view(pg, country["lat"], country["lon"])

    # the user drags the map: the next filter keeps their view
    box = pg.locator(MAP_FRAME).bounding_box()
    x, y = box["x"] + box["width"] * 0.35, box["y"] + box["height"] * 0.3
    pg.mouse.move(x, y)
    pg.mouse.down()
    for k in range(1, 11):
        pg.mouse.move(x + 15 * k, y + 8 * k)
    pg.mouse.up()
    assert map_js(pg, "IM.userMoved") is True

    def settled():  # the drag's inertia has run out
        a = view_state(pg)
        pg.wait_for_timeout(300)
        return a == view_state(pg)

    wait_until(settled, what="the drag to settle")
    moved, f2, n = view_state(pg), fits(pg), len(shown)
    pick_type(pg, precise_only[1])
    wait_until(lambda: len(incidents(pg)) > n, what="the filter to apply")
    wait_idle(pg)
    assert view_state(pg) == moved and fits(pg) == f2, "filtering moved the map the user had moved"

    # the fit button brings every incident shown back into view
    frame.locator(".im-fit a").click()
    wait_until(lambda: fits(pg) > f2, what="fit button")
    assert all(in_view(pg, i["lat"], i["lon"]) for i in incidents(pg) if not i["area"])
    assert map_js(pg, "IM.userMoved") is False
    pg.watch.check_clean()


def test_pan_at_street_zoom_stays_fast(page):
    """Selecting a point-precision row zooms to 15; the country- and city-sized uncertainty shapes
    are clipped to the view (they used to be a ~500,000 px dashed circle: ~6 s per frame)."""
    pg = page
    point = next(i for i in incidents(pg) if i["precision"] == "point")
    # narrow the table to that place so its row is the first one
    side = pg.locator("[data-testid='stSidebar']")
    search = side.get_by_placeholder(re.compile("words in sentence"))
    search.fill(point["place"])
    search.press("Enter")
    wait_until(lambda: row_count(pg) < len(incidents(pg)) or row_count(pg) == len(
        [i for i in incidents(pg) if point["place"] in i["place"]]), what="search to apply")
    wait_idle(pg)
    idx = next(k for k, i in enumerate(incidents(pg)) if i["precision"] == "point")
    grid = pg.locator("[data-testid='stDataFrame'] canvas").first.bounding_box()
    row_h = 35
    pg.mouse.click(grid["x"] + 16, grid["y"] + row_h + row_h * idx + row_h / 2)
    wait_until(lambda: map_js(pg, "IM.map.getZoom()") == 15, what="zoom 15 on the selected point")
    wait_idle(pg)
    # show every incident again (the selection stays, and so does the view): the country's shape and
    # the city's uncertainty disc are now drawn around a street-level view
    total = header_counts(pg)[1]
    search.fill("")
    search.press("Enter")
    wait_until(lambda: len(incidents(pg)) == total, what="all incidents back")
    wait_idle(pg)
    assert map_js(pg, "IM.map.getZoom()") == 15
    assert map_js(pg, "document.querySelectorAll('path.im-area-shape, path.im-uncertainty').length") >= 2
    ms = map_js(pg, """async () => {
        const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        await frame();
        const out = [];
        for (const [dx, dy] of [[300, 120], [-300, -120], [0, 250], [0, -250]]) {
            const t0 = performance.now();
            IM.map.panBy([dx, dy], {animate: false});
            await frame();
            out.push(performance.now() - t0);
        }
        return out;
    }""")
    print(f"pans at zoom 15 with every shape drawn: {[round(m) for m in ms]} ms")
    assert max(ms) < 1000, f"a pan took {max(ms):.0f} ms at street zoom ({ms})"
    # nothing drawn is far larger than the view
    biggest, view = map_js(pg, """() => {
        const s = IM.map.getSize();
        const sizes = [...document.querySelectorAll('.leaflet-overlay-pane path')].map(p => {
            const b = p.getBBox(); return Math.max(b.width, b.height); });
        return [Math.max(0, ...sizes), Math.max(s.x, s.y)];
    }""")
    assert biggest < 3 * view, (biggest, view)
    pg.watch.check_clean()


def test_base_map_choice_online_tiles_and_offline_outlines(page):
    pg = page
    frame = map_frame(pg)
    layers = frame.locator(".leaflet-control-layers")
    layers.hover()
    names = [t.strip() for t in frame.locator(".leaflet-control-layers-base label").all_inner_texts()]
    assert names == [b.name for b in BASEMAPS]
    assert map_js(pg, "document.querySelector('.im-map').dataset.basemap") == BASEMAPS[0].name
    host_of = {b.name: next(h for h in TILE_HOSTS if h in b.url) for b in BASEMAPS if b.url}

    def tile_requests(host):
        return [u for u in pg.watch.requests if host in u]

    # the light grey base map: its tiles are requested (and, here, blocked: the note says so)
    light = next(b.name for b in BASEMAPS if b.url and "light" in b.name.lower())
    frame.locator(".leaflet-control-layers-base label").filter(has_text=light).click()
    wait_until(lambda: tile_requests(host_of[light]), what="light tiles requested")
    wait_until(lambda: map_js(pg, "document.querySelector('.im-map').dataset.tiles") == "offline",
               what="the light tiles to fail (blocked)")
    assert "unavailable" in frame.locator(".im-tile-note").inner_text()

    # the built-in outlines: no tile request at all from then on, and the note says what is shown
    offline = next(b.name for b in BASEMAPS if b.url is None)
    frame.locator(".leaflet-control-layers-base label").filter(has_text=offline).click()
    wait_until(lambda: map_js(pg, "document.querySelector('.im-map').dataset.tiles") == "off", what="outlines only")
    assert "outlines" in frame.locator(".im-tile-note").inner_text()
    assert frame.locator(".leaflet-tile-pane img").count() == 0
    n_tiles = len([u for u in pg.watch.requests if any(h in u for h in TILE_HOSTS)])
    map_js(pg, "IM.map.panBy([400, 200], {animate: false}); IM.map.setZoom(IM.map.getZoom() - 2, {animate: false})")
    pg.wait_for_timeout(800)
    assert len([u for u in pg.watch.requests if any(h in u for h in TILE_HOSTS)]) == n_tiles
    wait_until(lambda: frame.locator(".leaflet-im-outline-pane path").count() > 50, what="country outlines")
    pg.mouse.move(5, 5)  # let the layer control collapse
    pg.wait_for_timeout(300)
    pg.screenshot(path=str(ARTIFACTS / "map-offline-outlines.png"))
    pg.watch.check_clean()

    # the choice is remembered (next visit, same browser)
    pg.reload()
    frame.locator(INCIDENT_MARKS).first.wait_for(state="visible")
    wait_until(lambda: map_js(pg, "document.querySelector('.im-map').dataset.basemap") == offline,
               what="the remembered base map")
