"""The article page's rough edges, in a real browser (issue 13, items 2, 5, 7, 8): the selection is
readable above the table, the status filter, upload messages, the phone layout.

Same set-up and rules as tests/test_browser.py (its fixtures and helpers are reused): Debian's Chromium
or Playwright's own, tiles blocked, nothing else may leave localhost. Screenshots go to artifacts/.
"""

from __future__ import annotations

import re

import pytest

from tests.test_browser import (  # noqa: F401 - fixtures are used by name
    ARTIFACTS, INCIDENT_MARKS, MAP_FRAME, TIMEOUT_MS, Watch, browser, clickable_marker_index, header_counts, map_frame, map_js,
    open_dropdown, row_count, server, wait_idle, wait_until,
)

SIDEBAR = "[data-testid='stSidebar']"
CARD = ".st-key-selection_card"


@pytest.fixture
def laptop(browser, server):
    """The page at 1440×900, the size an analyst's laptop shows it (issue 13)."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.watch = Watch(pg)
    pg.goto(server)
    map_frame(pg).locator(".im-marker").first.wait_for(state="visible")
    yield pg
    ctx.close()


def in_viewport(pg, locator) -> bool:
    box, vp = locator.bounding_box(), pg.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 120) <= vp["height"] \
        and box["x"] >= 0 and box["x"] + box["width"] <= vp["width"]


def test_clicked_marker_shows_every_field_above_the_table(laptop):
    """A marker click selects a table row that may be scrolled away, with actors and evidence far to the
    right: the card above the table shows that incident — every field — in view at once."""
    pg = laptop
    frame = map_frame(pg)
    # the scanned columns are in view without scrolling sideways
    # (the table arrives after the map's first markers: wait for it rather than read an empty grid)
    headers = wait_until(lambda: pg.locator("[data-testid='stDataFrame'] th").all_inner_texts(), what="the table")
    assert headers[:4] == ["Type", "Place", "Date", "Status"], headers
    wait_idle(pg)
    i = clickable_marker_index(pg)
    frame.locator(".im-marker").nth(i).click()
    iid = frame.locator(".leaflet-popup-content .im-popup-id").inner_text()
    card = pg.locator(CARD)
    wait_until(lambda: iid in card.inner_text(), what="the card to show the clicked incident")
    wait_idle(pg)
    assert in_viewport(pg, card.locator(".im-details")), card.bounding_box()
    want = map_js(pg, f"""() => {{ const d = IM.lastLayer.data, F = IM.F;
        const r = d.rows.find(r => r[F.row.id] === {iid!r});
        return {{type: IM.types[d.types[r[F.row.type]]].label, place: d.places[r[F.row.place]][F.place.name],
                 fatalities: r[F.row.fatalities], actors: d.actors[r[F.row.actors]] || [],
                 sentence: d.sentences[r[F.row.sentence]], planned: r[F.row.planned]}}; }}""")
    text = card.inner_text()
    assert want["type"] in text and want["place"] in text
    assert ("planned" if want["planned"] else "reported") in card.locator(".im-details-status").inner_text()
    counts = card.locator(".im-field-counts").inner_text()
    assert (f"fatalities: {want['fatalities']}" if want["fatalities"] is not None else "not reported") in counts
    actors = card.locator(".im-field-actors").inner_text()
    want_actors = want["actors"] if isinstance(want["actors"], list) else [want["actors"]]
    assert all(a in actors for a in want_actors) and (want_actors or "none named" in actors), (want_actors, actors)
    assert want["sentence"][:60] in card.locator(".im-context").inner_text()
    pg.screenshot(path=str(ARTIFACTS / "dashboard-selection-card.png"))
    pg.watch.check_clean()


def test_status_filter_keeps_map_table_and_counts_in_step(laptop):
    pg = laptop
    frame = map_frame(pg)
    total = header_counts(pg)[1]
    box = pg.locator(f"{SIDEBAR} [data-testid='stMultiSelect']").filter(has=pg.get_by_text("Status", exact=True))
    options = pg.get_by_role("option").filter(has_text=re.compile(r"^(reported|planned) \(\d+\)$"))
    open_dropdown(pg, box, options)
    texts = [t.strip() for t in options.all_inner_texts()]
    choice = min(range(len(texts)), key=lambda k: int(re.search(r"\((\d+)\)", texts[k]).group(1)))
    status, n = re.match(r"(\w+) \((\d+)\)", texts[choice]).groups()
    n = int(n)
    options.nth(choice).click()
    pg.keyboard.press("Escape")
    wait_until(lambda: frame.locator(INCIDENT_MARKS).count() == n, what=f"{n} markers")
    wait_idle(pg)
    assert frame.locator(INCIDENT_MARKS).count() == row_count(pg) == header_counts(pg)[0] == n
    assert n < total or len(texts) == 1
    flags = map_js(pg, "IM.lastLayer.data.rows.map(r => r[IM.F.row.planned])")
    assert flags == [int(status == "planned")] * n  # the map knows which are planned (drawn by map.js)
    rows = pg.locator("[data-testid='stDataFrame'] tr[aria-rowindex]").all_inner_texts()[1:]
    assert rows and all(status in r for r in rows if r.strip()), rows
    pg.watch.check_clean()


def _uploader_files(side) -> list[str]:
    """The file names the upload box lists (Streamlit shows each with its size and any error)."""
    return side.locator("[data-testid='stFileChipName']").all_inner_texts()


def test_each_upload_gets_its_own_reason(laptop):
    """One file at a time. A 2.3 MB .txt is refused as too large (with the limit), not "choose a file";
    a refused file leaves no red entry behind; the good file after it is the one analysed."""
    pg = laptop
    side = pg.locator(SIDEBAR)
    side.get_by_text("Article · paste or upload your own").first.click()
    side.get_by_text("Upload a file").click()
    upload = side.locator("input[type='file']")
    assert upload.get_attribute("multiple") is None
    alerts = side.locator("[data-testid='stAlert']")

    big = b"Protesters gathered in Almaty on Monday. " * (int(2.3 * 1048576) // 41)
    upload.set_input_files(files=[{"name": "big.txt", "mimeType": "text/plain", "buffer": big}])
    wait_until(lambda: alerts.count() == 1, what="the reason for big.txt")
    msg = alerts.first.inner_text()
    assert "big.txt" in msg and "too large (2.3 MB)" in msg and "limit is 2 MB" in msg, msg
    side.get_by_role("button", name="Analyse").click()
    wait_idle(pg)
    assert all("too large" in a for a in alerts.all_inner_texts()), alerts.all_inner_texts()
    assert not any("Choose" in a for a in alerts.all_inner_texts())

    upload.set_input_files(files=[{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 x"}])
    wait_until(lambda: "scan.pdf" in " ".join(alerts.all_inner_texts()), what="the reason for scan.pdf")
    assert alerts.count() == 1 and "PDF" in alerts.first.inner_text()
    assert _uploader_files(side) == ["scan.pdf"]  # one file at a time: big.txt is gone

    good = b"Protesters stormed the city hall in Almaty on Monday. Police fired shots at the crowd."
    upload.set_input_files(files=[{"name": "good.txt", "mimeType": "text/plain", "buffer": good}])
    wait_until(lambda: alerts.count() == 0, what="no refusal left for good.txt")
    assert _uploader_files(side) == ["good.txt"]
    uploader_text = side.locator("[data-testid='stFileUploader']").inner_text()
    assert "Error" not in uploader_text and "not allowed" not in uploader_text, uploader_text
    assert side.locator("[data-testid='stFileChipIconError']").count() == 0  # no red icon left
    side.get_by_text("Ready: good.txt").wait_for()
    side.get_by_role("button", name="Analyse").click()
    pg.get_by_text("Analysis complete").first.wait_for()
    wait_idle(pg)
    pg.get_by_text("Uploaded file: good.txt").first.wait_for()
    assert "Now showing: Uploaded file: good.txt" in side.inner_text()
    wait_until(lambda: map_frame(pg).locator(INCIDENT_MARKS).count() == row_count(pg) > 0, what="map == table")
    pg.screenshot(path=str(ARTIFACTS / "dashboard-upload.png"))
    pg.watch.check_clean()


def test_phone_starts_with_the_sidebar_collapsed(browser, server):
    """On a 390×844 phone the sidebar would cover ~77 % of the screen on open: it starts collapsed, the map
    and the counts are in view, and the sidebar still opens on request."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                              device_scale_factor=2)
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    watch = Watch(pg)
    pg.goto(server)
    map_frame(pg).locator(".im-marker").first.wait_for(state="visible")
    wait_idle(pg)
    side = pg.locator(SIDEBAR)
    box = side.bounding_box()
    covered = 0 if box is None else max(0.0, min(box["x"] + box["width"], 390) - max(box["x"], 0)) / 390
    assert covered < 0.05, box
    title = pg.get_by_text("Incident Map", exact=True).first
    assert title.bounding_box()["y"] >= 40, "the title sits under the header's sidebar button"
    assert in_viewport(pg, pg.locator(MAP_FRAME))
    pg.screenshot(path=str(ARTIFACTS / "dashboard-mobile.png"))
    # the sidebar opens on request
    pg.locator("[data-testid='stExpandSidebarButton'], [data-testid='stSidebarCollapsedControl'] button").first.click()
    wait_until(lambda: (side.bounding_box() or {"width": 0})["width"] > 200, what="the sidebar to open")
    watch.check_clean()
    ctx.close()


def test_first_view_draws_the_map_then_the_whole_page(laptop):
    """components/first_view.py: the map says once that its markers are drawn; that run ends the wait and
    the page then shows everything -- filters, table, legend, the article panel -- and no waiting note."""
    pg = laptop
    side = pg.locator(SIDEBAR)
    wait_until(lambda: pg.locator("[data-testid='stDataFrame'] th").count() > 0, what="the table")
    side.get_by_text("Incident type").first.wait_for(state="visible")
    side.get_by_text("Article · paste or upload your own").first.wait_for(state="visible")
    wait_idle(pg)
    assert pg.get_by_text("Loading the filters…").count() == 0
    timing = map_js(pg, "() => IM.timing")
    assert timing.get("signalled", 0) >= timing["firstLayerEnd"], timing  # after the first markers
    assert pg.evaluate("() => window.__imMapDrawn === true")
    # the article panel's widgets exist once it is opened (built on demand, a rerun)
    side.get_by_text("Article · paste or upload your own").first.click()
    side.get_by_role("button", name="Analyse").wait_for(state="visible")
