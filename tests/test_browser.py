"""The dashboard in a real browser: Playwright (sync API) driving Debian's /usr/bin/chromium
against `streamlit run dashboard.py`, started here on a free localhost port.

Without /usr/bin/chromium, Playwright's own Chromium is used (installed once, with a time limit, where
the internet is reachable: bench.streamlit_server.find_chromium). No browser at all is a FAILURE with
instructions (CI installs one), not a silent skip; set INCIDENTMAP_SKIP_BROWSER=1 to skip on purpose.
Screenshots go to artifacts/.

Map tiles are the only thing allowed to leave localhost. The tests make the tile
hosts unresolvable (so the "tiles offline" path is exercised the same way with or
without internet) and then require: no other failed request, no request to any other host,
no console error that is not a blocked tile.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.streamlit_server import CHROMIUM_ARGS, find_chromium, streamlit_server
from components.map_view import TILE_HOSTS as MAP_TILE_HOSTS
from incidentmap import settings

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
LOCAL_HOSTS = {"localhost", "127.0.0.1"}
TILE_HOSTS = re.compile("|".join(r"(^|\.)" + re.escape(h) + "$" for h in MAP_TILE_HOSTS))
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
TIMEOUT_MS = 60_000

if settings.current().skip_browser:
    pytest.skip("INCIDENTMAP_SKIP_BROWSER=1: browser tests skipped on request", allow_module_level=True)


@pytest.fixture(scope="module")
def server():
    """`streamlit run dashboard.py` on a free port (settings come from .streamlit/config.toml)."""
    with streamlit_server(ROOT / "dashboard.py") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    found = find_chromium()
    if found.path is None:
        pytest.fail(found.message(), pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=found.path, args=CHROMIUM_ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001 - e.g. Playwright's browser without its system libraries
            pytest.fail(f"Chromium at {found.path} does not start ({str(exc).splitlines()[0]}). "
                        + found.message(), pytrace=False)
        try:
            yield b
        finally:
            b.close()


class Watch:
    """Every request, failure and console message of one page."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.failed: list[tuple[str, str]] = []
        self.console: list[tuple[str, str, str]] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append((r.url, r.failure or "")))
        page.on("console", lambda m: self.console.append((m.type, m.text, (m.location or {}).get("url", ""))))

        def _dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", _dialog)

    @staticmethod
    def is_tile(url: str) -> bool:
        return bool(TILE_HOSTS.search(urlparse(url).hostname or ""))

    @staticmethod
    def is_probe_retry(url: str, failure: str) -> bool:
        """Streamlit's frontend cancels its own connection probes when the server is slow to answer (20
        sessions on 2 cores) and tries again: an aborted probe is its retry, not a broken request."""
        return failure == "net::ERR_ABORTED" and urlparse(url).path in ("/_stcore/health", "/_stcore/host-config")

    @staticmethod
    def is_late_component(text: str) -> bool:
        """Streamlit logs this when a custom component's iframe has not said it is ready within 60 s
        (COMPONENT_READY_WARNING_TIME_MS): twenty sessions starting at once on 2 cores can take that long. The
        map still renders (the test checks its markers); only the twenty-session test allows it."""
        return text == "Client Error: Custom Component streamlit_folium.st_folium timeout error"

    def check_clean(self, *, late_components_ok: bool = False):
        foreign = sorted({urlparse(u).hostname for u in self.requests
                          if urlparse(u).scheme in ("http", "https", "ws", "wss")
                          and urlparse(u).hostname not in LOCAL_HOSTS and not self.is_tile(u)})
        assert not foreign, f"requests left localhost (not tiles): {foreign}"
        failed = [(u, f) for u, f in self.failed if not self.is_tile(u) and not self.is_probe_retry(u, f)]
        assert not failed, f"failed requests other than tiles: {failed}"
        errors = [(t, txt, u) for t, txt, u in self.console if t == "error" and not self.is_tile(u)
                  and not (late_components_ok and self.is_late_component(txt))]
        assert not errors, f"console errors: {errors}"
        assert not self.dialogs, f"a dialog opened (script injection?): {self.dialogs}"


@pytest.fixture
def page(browser, server):
    ctx, pg = open_page(browser, server)
    yield pg
    ctx.close()


def open_page(browser, url: str, *, width: int = 1500, height: int = 1150):
    """A new browser context on ``url``, watched (console errors, requests), once the map shows a marker
    and the table is drawn: the article page draws the map first and the rest in a second run
    (components/first_view.py), and a test acting between the two races that run's redraw."""
    ctx = browser.new_context(viewport={"width": width, "height": height})
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.watch = Watch(pg)
    pg.goto(url)
    pg.frame_locator(MAP_FRAME).locator(".im-marker").first.wait_for(state="visible")
    pg.locator("[data-testid='stDataFrame']").first.wait_for(state="visible")
    return ctx, pg


def map_frame(pg):
    return pg.frame_locator(MAP_FRAME)


def map_js(pg, expr: str, arg=None):
    frame = next(f for f in pg.frames if "streamlit_folium" in f.url)
    return frame.evaluate(expr, arg)


# An incident on the map: a pin, or (located only to a whole country/region) a chip in the area badge box.
INCIDENT_MARKS = ".im-marker, .im-area-chip"


def row_count(pg) -> int:
    return int(pg.locator("[data-testid='stDataFrame'] table[role='grid']").get_attribute("aria-rowcount")) - 1


def header_counts(pg) -> tuple[int, int]:
    text = pg.get_by_text(re.compile(r"\d+ of \d+ incidents")).first.inner_text()
    a, b = re.search(r"(\d+) of (\d+) incidents", text).groups()
    return int(a), int(b)


def wait_until(fn, timeout=20.0, what="condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = fn()
            if last:
                return last
        except Exception as exc:  # noqa: BLE001 - DOM in flux during a rerun
            last = exc
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")


def wait_idle(pg):
    """Streamlit finished the rerun (no 'running' indicator) and the layer settled."""
    time.sleep(0.4)
    wait_until(lambda: pg.locator("[data-testid='stStatusWidget']").count() == 0, what="rerun to finish")
    time.sleep(0.3)


def open_dropdown(pg, box, options, tries: int = 3):
    """Click a multiselect until its options show: a click that lands while Streamlit is still
    re-rendering the sidebar is lost (seen once on the loaded CI host)."""
    for attempt in range(tries):
        wait_idle(pg)
        box.click()
        try:
            options.first.wait_for(timeout=15_000 if attempt + 1 < tries else TIMEOUT_MS)
            return
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: close and try again
            if attempt + 1 == tries:
                raise
            pg.keyboard.press("Escape")


def choose_option(pg, box, options, index: int, tries: int = 3) -> None:
    """Click option ``index`` of an open multiselect and close it, until the box shows the choice: like the
    click that opens it, a click that lands while Streamlit re-renders the sidebar can be lost."""
    label = options.nth(index).inner_text().strip()
    option = options.filter(has_text=label).first  # by its text: a chosen option leaves the list, the indices move
    for attempt in range(tries):
        option.click()
        pg.keyboard.press("Escape")
        try:
            wait_until(lambda: label in box.inner_text(), timeout=10.0, what=f"the choice {label!r}")
            return
        except AssertionError:
            if attempt + 1 == tries:
                raise
            if label in box.inner_text():  # the click landed after all, on a slow rerun
                return
            open_dropdown(pg, box, options)


def clickable_marker_index(pg, selector: str = ".im-marker") -> int:
    """Index of an incident marker (or other map element) whose centre is not covered by another element."""
    idx = map_js(
        pg,
        """(selector) => {
            const ms = [...document.querySelectorAll(selector)];
            for (let i = 0; i < ms.length; i++) {
                const r = ms[i].getBoundingClientRect();
                const el = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                if (el && ms[i].contains(el) && r.x > 60 && r.y > 60) return i;
            }
            return -1;
        }""",
        selector,
    )
    assert idx >= 0, f"no unobstructed {selector}"
    return idx


# ----------------------------------------------------------------- tests


def test_page_renders_offline_with_local_assets_only(page):
    pg = page
    frame = map_frame(pg)
    n_markers = frame.locator(INCIDENT_MARKS).count()
    shown, total = header_counts(pg)
    assert n_markers > 0
    assert n_markers == row_count(pg) == shown == total
    # the offline path: tiles blocked -> honest note + country outlines underneath
    frame.locator(".im-tile-note").wait_for(state="visible")
    assert "unavailable" in frame.locator(".im-tile-note").inner_text()
    wait_until(lambda: frame.locator(".leaflet-im-outline-pane path").count() > 50, what="country outlines")
    # Leaflet etc. came from /app/static, nothing from a CDN
    scripts = [u for u in pg.watch.requests if u.endswith(".js")]
    assert any("/app/static/vendor/leaflet/incidentmap-bundle.js" in u for u in scripts), scripts
    pg.wait_for_timeout(800)
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "dashboard-offline.png"), full_page=True)
    pg.watch.check_clean()


def test_click_marker_shows_popup_and_selects_its_row(page):
    pg = page
    frame = map_frame(pg)
    i = clickable_marker_index(pg)
    marker = frame.locator(".im-marker").nth(i)
    marker.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    label = popup.locator(".im-popup-type").inner_text()
    iid = popup.locator(".im-popup-id").inner_text()
    assert label and iid
    assert popup.locator(".im-popup-evidence").inner_text().strip()
    # the app reruns: the row is selected, the details show the incident, the popup stays open
    sel_rows = pg.locator("[data-testid='stDataFrame'] tr[aria-selected='true']")
    wait_until(lambda: sel_rows.count() == 1, what="selected table row")
    assert label in sel_rows.first.inner_text()
    wait_until(lambda: map_js(pg, "document.querySelector('.im-map').dataset.selected") == iid, what="map selection")
    pg.get_by_text(iid).first.wait_for()
    wait_idle(pg)
    assert frame.locator(".leaflet-popup-content .im-popup-id").inner_text() == iid
    assert frame.locator(".im-marker.im-selected").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=False)
    pg.watch.check_clean()


def test_type_filter_updates_markers_and_rows_without_rebuilding_the_map(page):
    pg = page
    frame = map_frame(pg)
    total = frame.locator(INCIDENT_MARKS).count()
    # mark the iframe's window and change the zoom: both must survive filtering
    map_js(pg, "() => { window.__survivor = 'yes'; IM.map.setZoom(IM.map.getZoom() + 1, {animate: false}); }")
    zoom = map_js(pg, "IM.map.getZoom()")
    box = pg.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    # a single type ("Riots › Riot / storming (3)"), not a whole ACLED event type ("Riots: all (5)")
    options = pg.get_by_role("option").filter(has_text=re.compile(r" › .+\(\d+\)$"))
    open_dropdown(pg, box, options)
    texts = options.all_inner_texts()
    parsed = [re.match(r"(.+) \((\d+)\)$", t.strip()) for t in texts]
    choice = min(range(len(parsed)), key=lambda k: int(parsed[k].group(2)))  # the rarest type
    label, n = parsed[choice].group(1).split(" › ")[-1], int(parsed[choice].group(2))
    choose_option(pg, box, options, choice)
    wait_until(lambda: frame.locator(INCIDENT_MARKS).count() == n, what=f"{n} markers")
    wait_idle(pg)
    assert n < total or total == n
    assert frame.locator(INCIDENT_MARKS).count() == row_count(pg) == n == header_counts(pg)[0]
    assert map_js(pg, "window.__survivor") == "yes", "the map iframe was rebuilt by a filter"
    assert map_js(pg, "IM.map.getZoom()") == zoom, "filtering changed the user's zoom"
    assert map_js(pg, "document.querySelector('.im-legend-row[data-type] .im-legend-count') !== null")
    # the filtered rows are all of that type
    body = pg.locator("[data-testid='stDataFrame'] tr[aria-rowindex]").all_inner_texts()
    assert all(label in row for row in body[1:] if row.strip()), body
    pg.screenshot(path=str(ARTIFACTS / "dashboard-filtered.png"))
    pg.watch.check_clean()


def test_selecting_a_row_focuses_the_map(page):
    pg = page
    grid = pg.locator("[data-testid='stDataFrame'] canvas").first
    box = grid.bounding_box()
    row_h = 35  # Streamlit's default row height (header row has the same height)
    before = map_js(pg, "[IM.map.getCenter().lat, IM.map.getCenter().lng, IM.map.getZoom()]")
    pg.mouse.click(box["x"] + 16, box["y"] + row_h + row_h * 2 + row_h / 2)  # 3rd data row's checkbox
    sel_rows = pg.locator("[data-testid='stDataFrame'] tr[aria-selected='true']")
    wait_until(lambda: sel_rows.count() == 1, what="row selected")
    wait_idle(pg)
    iid = wait_until(lambda: map_js(pg, "document.querySelector('.im-map').dataset.selected"), what="map selection")
    label, place = map_js(
        pg,
        f"""() => {{ const d = IM.lastLayer.data, F = IM.F; const r = d.rows.find(r => r[F.row.id] === {iid!r});
                    return [IM.types[d.types[r[F.row.type]]].label, d.places[r[F.row.place]][F.place.name]]; }}""",
    )
    row_text = sel_rows.first.inner_text()
    assert label in row_text and place in row_text, (label, place, row_text)
    pg.get_by_text(iid).first.wait_for()  # details panel shows the selected incident
    after = wait_until(
        lambda: (lambda c: c if c != before else None)(
            map_js(pg, "[IM.map.getCenter().lat, IM.map.getCenter().lng, IM.map.getZoom()]")),
        what="map to move",
    )
    marker_ll = map_js(
        pg,
        f"""() => {{ const m = IM.lastLayer.markers.find(m => m.feature.properties.id === {iid!r});
                    return [m.getLatLng().lat, m.getLatLng().lng]; }}""",
    )
    # the popup may pan the view a little; the incident must be well inside the view
    assert map_js(pg, f"IM.map.getBounds().contains([{marker_ll[0]}, {marker_ll[1]}])")
    assert after != before
    pg.watch.check_clean()


def test_hostile_pasted_article_is_shown_as_text(page):
    pg = page
    hostile = (
        'Protesters stormed the parliament in Almaty <script>alert("x")</script> on Wednesday. '
        "Police fired shots near the main square <img src=x onerror=alert(1)>. "
        "Security forces set up checkpoints ' \" & ![i](http://evil.example/x.png) <iframe src=//evil.example></iframe>."
    )
    side = pg.locator("[data-testid='stSidebar']")
    side.get_by_text("Article · paste or upload your own").first.click()
    side.get_by_text("Paste text").click()
    area = side.locator("textarea")
    area.fill(hostile)
    area.press("Tab")
    wait_idle(pg)
    side.get_by_role("button", name="Analyse").click()
    pg.get_by_text("Analysis complete").first.wait_for()
    wait_idle(pg)
    art = pg.locator(".im-article")
    art.wait_for()
    text = art.inner_text()
    assert '<script>alert("x")</script>' in text and "<img src=x onerror=alert(1)>" in text
    assert pg.locator(".im-article script, .im-article img, .im-article iframe").count() == 0
    assert not any("evil.example" in u for u in pg.watch.requests)
    # markers and rows still agree on the new article
    wait_until(lambda: map_frame(pg).locator(INCIDENT_MARKS).count() == row_count(pg), what="map == table")
    pg.watch.check_clean()


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    """The dashboard on 1,500 synthetic incidents (clustered map), via INCIDENTMAP_ANALYSIS_FIXTURE."""
    import json

    from bench.dashboard_speed import synthetic_view

    fixture = tmp_path_factory.mktemp("big") / "view.json"
    fixture.write_text(json.dumps(synthetic_view(1_500, n_places=150, n_sentences=300)), encoding="utf-8")
    with streamlit_server(ROOT / "dashboard.py", {settings.ANALYSIS_FIXTURE: str(fixture)}) as url:
        yield url


def test_many_incidents_are_clustered_and_consistent(browser, big_server):
    ctx = browser.new_context(viewport={"width": 1500, "height": 1150})
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    watch = Watch(pg)
    pg.goto(big_server)
    frame = map_frame(pg)
    frame.locator(".marker-cluster").first.wait_for(state="visible")
    n = map_js(pg, "IM.lastLayer.markers.length")
    assert n == row_count(pg) == header_counts(pg)[0] == 1_500
    assert map_js(pg, "IM.lastLayer.data.cluster") is True
    # a cluster click zooms in / spiderfies without errors and without a rerun storm
    # country/region-wide incidents are not clustered pins: the badge box counts them, folded to one line
    n_area = map_js(pg, "IM.lastLayer.markers.filter(m => m.imArea).length")
    assert 0 < n_area < n and map_js(pg, "IM.areaBox.open") is False
    assert f"Country/region-wide: {n_area} incidents" in frame.locator(".im-areas-summary").inner_text()
    zoom = map_js(pg, "IM.map.getZoom()")
    frame.locator(".marker-cluster").nth(clickable_marker_index(pg, ".marker-cluster")).click()
    wait_until(lambda: map_js(pg, "IM.map.getZoom()") > zoom or frame.locator(".im-marker").count() > 0,
               what="cluster to open")
    pg.screenshot(path=str(ARTIFACTS / "dashboard-1500.png"))
    watch.check_clean()
    ctx.close()


# ----------------------------------------------------------------- hostile text everywhere (XSS)

# Every element of the page and of each iframe: inline handlers, javascript: URLs, the marker.
PWN_PROBE = """() => {
    const handlers = [], links = [];
    for (const e of document.querySelectorAll('*')) {
        for (const a of e.attributes) {
            if (a.name.startsWith('on')) handlers.push(e.tagName + '[' + a.name + ']');
            if (/^\\s*javascript:/i.test(a.value) && ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name))
                links.push(e.tagName + '[' + a.name + ']');
        }
    }
    return {pwned: window.__pwned === undefined ? null : String(window.__pwned), handlers, links};
}"""


def assert_not_pwned(pg):
    for frame in pg.frames:
        probe = frame.evaluate(PWN_PROBE)
        assert probe == {"pwned": None, "handlers": [], "links": []}, (frame.url[:80], probe)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The dashboard on a view whose every shown string is hostile (tests/fixtures/dashboard)."""
    import json

    import dash_helpers

    fixture = tmp_path_factory.mktemp("hostile") / "view.json"
    fixture.write_text(json.dumps(dash_helpers.hostile_view(), ensure_ascii=False), encoding="utf-8")
    with streamlit_server(ROOT / "dashboard.py", {settings.ANALYSIS_FIXTURE: str(fixture)}) as url:
        yield url, dash_helpers


def test_hostile_text_never_runs_anywhere(browser, hostile_server):
    """Article text, place names, actors, dates, type labels, ids, warnings and the uploaded file's
    name, all carrying <script>, onerror=, javascript: links and attribute-breaking quotes, through
    popup, tooltip, table, details, article view, legends, filter options, messages and downloads."""
    url, helpers = hostile_server
    ctx = browser.new_context(viewport={"width": 1500, "height": 1150}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    watch = Watch(pg)
    pg.goto(url)
    frame = map_frame(pg)
    frame.locator(".im-marker").first.wait_for(state="visible")
    n = map_js(pg, "IM.lastLayer.markers.length")
    assert n == 6 == row_count(pg)

    # every tooltip and popup, rendered (muted places too), and the in-map legend opened
    texts = map_js(pg, """() => {
        const out = [];
        IM.map.eachLayer(l => {
            if (!l.feature || !l.getTooltip || !l.getTooltip()) return;
            l.openTooltip(); out.push(l.getTooltip().getElement().textContent);
            if (l.getPopup && l.getPopup()) { l.openPopup(); out.push(l.getPopup().getElement().textContent); }
        });
        IM.map.closePopup();
        IM.map.eachLayer(l => l.closeTooltip && l.closeTooltip());
        IM.legend.open = true;
        out.push(IM.legend.textContent);
        IM.legend.open = false;
        return out;
    }""")
    joined = "\n".join(texts)
    for literal in ("<svg onload=", "<img src=x onerror=", "<a href=\"javascript:", "riot' onmouseover="):
        assert literal in joined, literal  # shown as text, not parsed
    assert "no incidents shown" in joined  # a muted place's tooltip was among them

    # a real click: selection -> details panel and highlighted sentence (st.html)
    pg.wait_for_timeout(600)  # popups auto-pan the map: let it settle
    i = clickable_marker_index(pg)
    frame.locator(".im-marker").nth(i).click()
    wait_until(lambda: pg.locator("[data-testid='stDataFrame'] tr[aria-selected='true']").count() == 1,
               what="selected row")
    wait_idle(pg)
    pg.locator(".im-context").first.wait_for()
    assert "<img src=x onerror=" in pg.locator("[data-testid='stMain']").inner_text()

    # article view, legend bar, warnings, filter options
    art = pg.locator(".im-article").inner_text()
    assert helpers.PWN["script"] in art and "javascript:window.__pwned='href'" in art
    assert "riot' onmouseover=" in pg.locator(".im-legend-bar").inner_text()
    pg.get_by_text("Warnings from the analysis").first.click()
    pg.get_by_text("javascript:window.__pwned='md'").first.wait_for()
    open_dropdown(pg, pg.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first,
                  pg.get_by_role("option").filter(has_text="onmouseover"))
    pg.keyboard.press("Escape")

    # downloads: fixed, safe file names whatever the article or upload is called
    pg.get_by_role("tab", name="Downloads").click()
    for label, suffix in (("GeoJSON", ".geojson"), ("ACLED-style CSV", "-acled.csv")):
        with pg.expect_download() as dl:
            pg.get_by_role("button", name=re.compile(f"^{re.escape(label)}")).click()
        assert re.fullmatch(r"incidents-[0-9a-f]{8}" + re.escape(suffix), dl.value.suggested_filename)

    # an upload whose *file name* is hostile: echoed in captions as text only
    side = pg.locator("[data-testid='stSidebar']")
    side.get_by_text("Article · paste or upload your own").first.click()
    side.get_by_text("Upload a file").click()
    side.locator("input[type='file']").set_input_files(
        files=[{"name": helpers.HOSTILE_FILENAME, "mimeType": "text/plain",
                "buffer": helpers.HOSTILE_ARTICLE.encode("utf-8")}])
    wait_idle(pg)
    side.get_by_role("button", name="Analyse").click()
    pg.get_by_text("Analysis complete").first.wait_for()
    wait_idle(pg)
    pg.get_by_text("Uploaded file: ").first.wait_for()
    captions = " ".join(pg.locator("[data-testid='stCaptionContainer']").all_inner_texts())
    # (the browser sends '"' in a file name as %22)
    assert "<img src=x onerror=" in captions and "window.__pwned='file'" in captions, captions
    assert "[x](javascript:alert(1))" in captions, captions
    frame.locator(".im-marker").first.wait_for(state="visible")

    pg.wait_for_timeout(500)  # let anything that was going to fire, fire
    assert_not_pwned(pg)
    assert not any(urlparse(u).path.endswith("/x") for u in watch.requests), "an injected <img src=x> loaded"
    pg.screenshot(path=str(ARTIFACTS / "dashboard-hostile.png"), full_page=True)
    watch.check_clean()
    ctx.close()


# ----------------------------------------------------------------- many users at once

# Twenty real browser tabs, each with its own article, press "Analyse" together on one server: the
# shared Streamlit caches and module globals must keep every session's data to itself. Twenty tabs
# rendering Streamlit's frontend and a map on two cores are slow, hence the longer waits.
N_BROWSER_SESSIONS = 20
SESSIONS_TIMEOUT_MS = 240_000
# Server memory may grow by this much for 19 more sessions (their state, cached analyses, messages);
# measured: under 10 MB, as sessions share the gazetteer and the cached seed analysis.
SESSIONS_RSS_GROWTH_MB = 150


def test_simultaneous_browser_sessions_see_only_their_own_article(browser, server):
    """Twenty browser sessions on one server press "Analyse" on their own article at the same time:
    each sees exactly its own incidents, places and text, never another session's; the server's memory
    grows by less than SESSIONS_RSS_GROWTH_MB while they run, and not further once they close."""
    import dash_helpers
    from bench.streamlit_server import SERVER_PIDS, rss_mb

    pid = SERVER_PIDS[server]
    cities = [c for c, _ in dash_helpers.SESSION_CITIES]
    assert len(set(cities)) >= N_BROWSER_SESSIONS
    ctxs, pages = [], []
    try:
        for n in range(N_BROWSER_SESSIONS):  # the first tab loads alone, then the other 19 at once
            ctx = browser.new_context(viewport={"width": 1200, "height": 900})
            ctxs.append(ctx)
            pg = ctx.new_page()
            pg.set_default_timeout(SESSIONS_TIMEOUT_MS)
            pg.watch = Watch(pg)
            pg.goto(server, wait_until="commit")
            pages.append(pg)
            if n == 0:  # the server has loaded the gazetteer and the seed analysis: memory from here on
                map_frame(pg).locator(".im-marker").first.wait_for(state="visible")
                rss_before = rss_mb(pid)
        for i, pg in enumerate(pages):  # everyone opens the panel and pastes their article
            side = pg.locator("[data-testid='stSidebar']")
            side.get_by_text("Article · paste or upload your own").first.click()
            side.get_by_text("Paste text").click()
            area = side.locator("textarea")
            area.fill(dash_helpers.session_article(i))
            area.press("Tab")
        for pg in pages:
            wait_until(lambda pg=pg: pg.locator("[data-testid='stStatusWidget']").count() == 0,
                       timeout=SESSIONS_TIMEOUT_MS / 1000, what="pasted text to register")
        for pg in pages:  # ... and presses "Analyse" without waiting for the others
            pg.locator("[data-testid='stSidebar']").get_by_role("button", name="Analyse").click()
        rss_peak = rss_mb(pid)
        for i, pg in enumerate(pages):
            pg.get_by_text("Analysis complete").first.wait_for()
            frame = map_frame(pg)
            wait_until(lambda: header_counts(pg) == (2, 2) and frame.locator(".im-marker").count() == 2
                       and row_count(pg) == 2, timeout=SESSIONS_TIMEOUT_MS / 1000,
                       what=f"session {i}: its 2 incidents")
            rss_peak = max(rss_peak, rss_mb(pid))
            places = map_js(pg, "IM.lastLayer.data.places.map(p => p[IM.F.place.name])")
            assert set(places) == {cities[i]}, (i, places)
            evidence = " ".join(map_js(pg, "IM.lastLayer.data.sentences"))
            assert f"(session {i})" in evidence and f"arrested {11 + i} people" in evidence, (i, evidence)
            article = pg.locator(".im-article").inner_text()
            assert f"(session {i})" in article
            others = [c for j, c in enumerate(cities) if j != i and c in article]
            assert not others, (i, others)
            pg.watch.check_clean(late_components_ok=True)
    finally:
        for ctx in ctxs:
            ctx.close()
    time.sleep(2)  # the server notices the closed sockets
    rss_after = rss_mb(pid)
    print(f"server RSS: {rss_before:.0f} MB with one session, {rss_peak:.0f} MB peak, {rss_after:.0f} MB after")
    assert rss_peak - rss_before < SESSIONS_RSS_GROWTH_MB, (rss_before, rss_peak)
    assert rss_after <= rss_peak + 50, (rss_peak, rss_after)  # closing sessions does not grow it
