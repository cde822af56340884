"""Dashboard speed, printed (not asserted): `.venv/bin/python -m bench.dashboard_speed`.

1. Seed page: navigation -> incident markers visible, against the reference page (bench/reference_page.py:
   Streamlit + streamlit-folium with 5 plain markers, nothing else; navigation -> its markers visible),
   in --pairs interleaved pairs (reference and seed back to back, each first in turn), same browser, fresh
   context (empty HTTP cache) each load. Timed in the page (PROBE_JS: the browser's clock, the same
   definition for both pages) and, as before, by Playwright's wait (wall). Printed: medians, the median of
   the per-pair ratios and their spread, and where the time goes (iframe creation, the iframe's requests,
   long tasks). Target: <= 1.15x the reference page. Also a bare Streamlit page (st.title + st.write), the
   seed page's table (it comes after the map's first markers: components/first_view.py) and the same
   dashboard without the map (what the rest of the page costs on its own), median of --runs.
2. Filter change: server time of the rerun (AppTest, in-process) and, for reference,
   the browser round trip until the markers have changed. Target: <= 0.3 s server.
3. 10,000 synthetic incidents (1,000 places, 2,000 distinct sentences; loaded through
   INCIDENTMAP_ANALYSIS_FIXTURE, so this measures the UI, not the pipeline):
   server time of a page run and of a filter change, page payload (HTTP bodies +
   websocket frames), time to visible markers. Targets: <= 0.5 s server, <= 2.5 MB,
   visible <= 3 s.

Needs /usr/bin/chromium (or INCIDENTMAP_CHROMIUM; otherwise Playwright's own Chromium, installed if it can be).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from bench.streamlit_server import CHROMIUM_ARGS as ARGS, find_chromium, streamlit_server
from incidentmap import settings

ROOT = Path(__file__).resolve().parent.parent

MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
BARE_APP = 'import streamlit as st\nst.title("Bare page")\nst.write("hello from a bare Streamlit page")\n'
# The same dashboard with the map call replaced by an empty placeholder: what the rest of the page costs.
# It runs from a temporary folder, so it puts the repository root on sys.path itself (for components/,
# which is not an installed package, and this checkout's incidentmap). No map, so nothing to wait for on
# the first view (components/first_view.py).
NO_MAP_APP = f"""import runpy, sys
sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
import components.first_view as fv
import components.map_view as mv
mv.render_map = lambda *a, **k: st.empty()
fv.should_wait = lambda *a, **k: False
runpy.run_path({str(ROOT / 'dashboard.py')!r}, run_name="__main__")
"""


# ----------------------------------------------------------------- servers


# ----------------------------------------------------------------- browser measurements


def _is_tile(url: str) -> bool:
    return "tile.openstreetmap.org" in url


# In-page timing, one definition for every page: a script installed in every frame before the page's own
# polls (every 4 ms) the map iframe for its markers and notes the first moment `count` of them are visible
# by Playwright's own test (a non-empty box, not visibility:hidden) -- and, for an image, loaded (the
# reference's markers are images; ours are drawn). Navigation start -> that moment, in the
# browser's clock. Playwright's wait_for() alone also measures how soon its round trips get a turn on a busy
# main thread: after the seed page's markers are drawn, Streamlit draws the sidebar and the table
# (components/first_view.py), which delays the check, not the markers. Both are printed.
PROBE_JS = """
(() => {
  const B = (window.__imBench = {longtasks: []});
  if (window === window.top) {  // the page: main-thread long tasks (its frames' too), websocket messages
    const WS = window.WebSocket;
    B.ws = [];
    const Wrapped = function (...args) {
      const sock = new WS(...args);
      sock.addEventListener('message', e => B.ws.push([performance.now(), e.data.byteLength || e.data.size || 0]));
      return sock;
    };
    Wrapped.prototype = WS.prototype;
    Object.assign(Wrapped, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
    window.WebSocket = Wrapped;
    try {
      new PerformanceObserver(l => l.getEntries().forEach(e => B.longtasks.push([e.startTime, e.duration])))
        .observe({type: 'longtask', buffered: true});
    } catch (e) { /* no long-task timing in this browser */ }
    return;
  }
  const sel = %s, need = %d;
  const visible = e => {  // an image marker counts once its image is there (a broken image is no marker)
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'
      && (e.tagName !== 'IMG' || (e.complete && e.naturalWidth > 0));
  };
  const iv = setInterval(() => {
    let n = 0;
    for (const e of document.querySelectorAll(sel)) if (visible(e) && ++n >= need) break;
    if (n >= need) { clearInterval(iv); B.ready = performance.now(); }
  }, 4);
})();
"""


@dataclass(frozen=True)
class MapReady:
    """When a map page counts as drawn: ``count`` elements matching ``selector`` visible in its map iframe."""

    selector: str
    count: int


SEED_MARKERS = MapReady(".im-marker, .marker-cluster", 1)  # all drawn in one go (map.js addIncidents)
REFERENCE_MARKERS = MapReady(".leaflet-marker-icon", 5)  # all 5 folium markers


def _in_page_timing(page, ready: MapReady) -> dict:
    """Seconds from navigation start to ``ready`` (browser clock), and what happened before it."""
    frame = next(f for f in page.frames if "/component/streamlit_folium" in f.url)
    frame.wait_for_function("() => window.__imBench && window.__imBench.ready != null", timeout=10_000)
    f = frame.evaluate("""() => ({origin: performance.timeOrigin, ready: window.__imBench.ready,
        res: performance.getEntriesByType('resource').map(e => [e.startTime, e.encodedBodySize])})""")
    top = page.evaluate("() => ({origin: performance.timeOrigin, longtasks: window.__imBench.longtasks, "
                        "ws: window.__imBench.ws})")
    offset = f["origin"] - top["origin"]  # iframe navigation start, on the page's clock
    ready_ms = offset + f["ready"]
    ws = top["ws"] or [[offset, 0]]
    # the map element's message: the largest before the iframe (it carries the map's whole script)
    map_msg = max([m for m in ws if m[0] <= offset] or ws[:1], key=lambda m: m[1])[0]
    before = [r for r in f["res"] if r[0] < f["ready"]]
    return {
        "painted": ready_ms / 1000,
        "iframe_start": offset / 1000,
        "first_message": ws[0][0] / 1000,  # the server's first message: the frontend is up, the session started
        "message_to_iframe": (offset - map_msg) / 1000,
        "iframe_to_ready": f["ready"] / 1000,
        "iframe_requests": len(before),
        "iframe_bytes": sum(r[1] for r in before),
        "longtasks_ms": sum(d for start, d in top["longtasks"] if start < ready_ms),
    }


def measure_load(browser, url: str, ready, *, payload: bool = False, probe: MapReady | None = None) -> dict:
    """Fresh context (cold HTTP cache); seconds from goto() to ready(page); bytes received.
    With ``probe``: also the in-page timing of the map's markers (PROBE_JS, _in_page_timing)."""
    ctx = browser.new_context(viewport={"width": 1500, "height": 1100})
    if probe is not None:
        ctx.add_init_script(PROBE_JS % (json.dumps(probe.selector), probe.count))
    page = ctx.new_page()
    http = {"bytes": 0}
    ws = {"bytes": 0}
    responses = []
    if payload:
        page.on("requestfinished", lambda req: responses.append(req))

        def on_ws(sock):
            sock.on("framereceived", lambda f: ws.__setitem__("bytes", ws["bytes"] + len(f if isinstance(f, (bytes, str)) else b"")))

        page.on("websocket", on_ws)
    t0 = time.perf_counter()
    page.goto(url)
    ready(page)
    elapsed = time.perf_counter() - t0
    out = {"seconds": elapsed}
    if probe is not None:
        out.update(_in_page_timing(page, probe))
    if payload:
        page.wait_for_timeout(1500)  # let lazy pieces (outline, table chunks) arrive
        streamlit_static = ours = 0
        for req in responses:
            try:
                size = req.sizes()["responseBodySize"]
            except Exception:  # noqa: BLE001
                continue
            http["bytes"] += size
            path = urlparse(req.url).path
            if path.startswith(("/app/static/", "/component/")):
                ours += size  # map iframe: streamlit-folium's page + our bundle, css, outline
            else:
                streamlit_static += size  # Streamlit's own frontend (same for any app)
        out.update(http_bytes=http["bytes"], ws_bytes=ws["bytes"], streamlit_static=streamlit_static, map_assets=ours)
    ctx.close()
    return out


def markers_visible(page, timeout=60_000):
    page.frame_locator(MAP_FRAME).locator(".im-marker, .marker-cluster").first.wait_for(state="visible", timeout=timeout)


def table_visible(page, timeout=60_000):
    page.locator("[data-testid='stDataFrame'] canvas").first.wait_for(state="visible", timeout=timeout)


def reference_visible(page, timeout=60_000):
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-marker-icon").nth(4).wait_for(state="visible", timeout=timeout)  # all 5 markers


def reference_app(folder: Path) -> Path:
    """bench/reference_page.py in ``folder`` beside the config and a link to static/ (Streamlit serves the
    static/ folder next to the script it runs: the local Leaflet copy, as for the dashboard)."""
    script = folder / "reference.py"
    shutil.copy(ROOT / "bench" / "reference_page.py", script)
    (folder / "static").symlink_to(ROOT / "static", target_is_directory=True)
    return script


def bare_visible(page, timeout=60_000):
    page.get_by_text("hello from a bare Streamlit page").wait_for(state="visible", timeout=timeout)


def browser_filter_roundtrip(browser, url: str) -> float:
    ctx = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = ctx.new_page()
    page.goto(url)
    markers_visible(page)
    frame = page.frame_locator(MAP_FRAME)
    before = frame.locator(".im-marker").count()
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.click()
    opt = page.get_by_role("option").filter(has_text="(").first
    t0 = time.perf_counter()
    opt.click()
    deadline = time.monotonic() + 30
    while frame.locator(".im-marker").count() == before and time.monotonic() < deadline:
        time.sleep(0.01)
    elapsed = time.perf_counter() - t0
    ctx.close()
    return elapsed


# ----------------------------------------------------------------- server-side (AppTest)


def apptest_times(env: dict | None = None, runs: int = 5) -> dict:
    """Median seconds of: first page run (cache warm), and a rerun after a type-filter change."""
    from streamlit.testing.v1 import AppTest

    old = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        at.run()  # warm: analysis cached, modules imported
        assert not at.exception, at.exception
        first = []
        for _ in range(runs):
            at2 = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
            t0 = time.perf_counter()
            at2.run()
            first.append(time.perf_counter() - t0)
        from components import data

        view = data.analyse(data.seed_text(), data.SEED_PUBLISHED, "offline")
        known = sorted({f["properties"]["incident_type"] for f in view["incidents"]})
        assert len(at.dataframe[0].value) == len(view["incidents"]), "AppTest is not showing the expected analysis"
        narrow, widen = [], []
        for i in range(runs * 2):
            w = next(w for w in at.multiselect if w.label == "Incident type")
            value = [known[(i // 2) % len(known)]] if i % 2 == 0 else []
            t0 = time.perf_counter()
            w.set_value(value).run()
            (narrow if value else widen).append(time.perf_counter() - t0)
            assert not at.exception, at.exception
        return {"page_run": statistics.median(first), "narrow": statistics.median(narrow),
                "widen": statistics.median(widen), "filter_change": max(statistics.median(narrow), statistics.median(widen))}
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# ----------------------------------------------------------------- synthetic 10k


def synthetic_view(n: int = 10_000, n_places: int = 1_000, n_sentences: int = 2_000, seed: int = 7) -> dict:
    from incidentmap.taxonomy import incident_types

    from components import data

    rng = random.Random(seed)
    base = data.analyse(data.seed_text(), data.SEED_PUBLISHED, "offline")
    seed_sentences = sorted({f["properties"]["evidence"] for f in base["incidents"]}) or ["Something happened."]
    types = list(incident_types().values())
    places = []
    for i in range(n_places):
        lat, lon = rng.uniform(36, 55), rng.uniform(50, 88)
        prec = rng.choice(["city", "city", "district", "point", "region", "country"])
        unc = {"city": 10_000, "district": 3_000, "point": 300, "region": 100_000, "country": 800_000}[prec]
        places.append({
            "type": "Feature", "id": f"synthetic:{i}",
            "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
            "properties": {"name": f"Place {i}", "kind": "city", "precision": prec, "uncertainty_m": unc,
                           "country_code": "KZ", "mentions": []},
        })
    sentences, spans, pos = [], [], 0
    for i in range(n_sentences):
        s = f"{rng.choice(seed_sentences)} [report {i}]"
        sentences.append(s)
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1
    text = " ".join(sentences)
    day0 = dt.date(2022, 1, 1)
    incidents = []
    for i in range(n):
        t = types[i % len(types)]
        pl = places[rng.randrange(n_places)]
        si = rng.randrange(n_sentences)
        p = pl["properties"]
        incidents.append({
            "type": "Feature", "id": f"syn-{i:05d}", "geometry": pl["geometry"],
            "properties": {
                "id": f"syn-{i:05d}", "incident_type": t.slug, "label": t.label,
                "acled_event_type": t.acled_event_type, "acled_sub_event_type": t.acled_sub_event_type,
                "place": p["name"], "place_key": pl["id"], "mention": p["name"], "precision": p["precision"],
                "uncertainty_m": p["uncertainty_m"], "country_code": "KZ",
                "date": (day0 + dt.timedelta(days=rng.randrange(30))).isoformat() if i % 7 else None,
                "date_precision": "day", "date_text": "", "actors": ["security forces"] if i % 3 == 0 else [],
                "fatalities": rng.randrange(10) if i % 11 == 0 else None, "injuries": None, "arrests": None,
                "count_text": "", "status": "reported", "evidence": sentences[si],
                "start": spans[si][0], "end": spans[si][1], "confidence": 0.5,
            },
        })
    return {"key": "synthetic-10k", "text": text, "published": "2022-01-31", "geocoder": "offline",
            "incidents": incidents, "places": places, "focus": None, "warnings": ["synthetic benchmark data"]}


# ----------------------------------------------------------------- report


def _runs(xs) -> str:
    return ", ".join(f"{x:.2f}" for x in xs)


def _spread(xs) -> str:
    """min / quartiles / max: how far apart the runs are."""
    q = statistics.quantiles(xs, n=4) if len(xs) > 1 else [xs[0]] * 3
    return f"min {min(xs):.2f}, q1 {q[0]:.2f}, median {q[1]:.2f}, q3 {q[2]:.2f}, max {max(xs):.2f}"


def report_pairs(pairs: list[tuple[dict, dict]]) -> None:
    """The seed page against the reference, load by load (each pair loaded back to back)."""
    med = statistics.median
    print(f"\n== seed page vs reference page: {len(pairs)} interleaved pairs, fresh browser context each load ==")
    print("reference: bench/reference_page.py, Streamlit + streamlit-folium with 5 plain markers")
    for key, what in (("painted", "navigation start -> markers visible, in-page (browser clock)"),
                      ("seconds", "goto() -> Playwright sees the markers visible (wall)")):
        ref = [r[key] for r, _ in pairs]
        seed = [s[key] for _, s in pairs]
        ratios = [s / r for s, r in zip(seed, ref)]
        print(f"-- {what}")
        print(f"   reference : median {med(ref):.3f} s  (runs: {_runs(ref)})")
        print(f"   seed      : median {med(seed):.3f} s  (runs: {_runs(seed)})")
        print(f"   seed / reference: median of per-pair ratios {med(ratios):.2f}x, ratio of medians "
              f"{med(seed) / med(ref):.2f}x   (target <= 1.15x)")
        print(f"   per-pair ratios: {_spread(ratios)};  {sum(x <= 1.15 for x in ratios)}/{len(ratios)} pairs <= 1.15x")
    print("-- where the time goes (medians; the same in-page definitions for both pages)")
    for key, what, fmt in (
        ("iframe_start", "navigation -> map iframe created (frontend, websocket, script run, header)", "{:.3f} s"),
        ("first_message", "  of which navigation -> the server's first message (frontend up, session started)",
         "{:.3f} s"),
        ("message_to_iframe", "  of which the map element's message -> iframe created (drawing header and map)",
         "{:.3f} s"),
        ("iframe_to_ready", "map iframe created -> markers visible (streamlit-folium, map assets, map script)",
         "{:.3f} s"),
        ("iframe_requests", "requests the map iframe started before its markers were visible", "{:.0f}"),
        ("iframe_bytes", "bytes of those (encoded bodies)", "{:,.0f}"),
        ("longtasks_ms", "main-thread long tasks (> 50 ms) before the markers, page and iframe, ms", "{:.0f}"),
    ):
        r = med(x[key] for x, _ in pairs)
        s_ = med(x[key] for _, x in pairs)
        print(f"   {what}: reference {fmt.format(r)}, seed {fmt.format(s_)}")


# ----------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="loads of the bare page, the table, the page without map")
    ap.add_argument("--pairs", type=int, default=10, help="interleaved reference/seed load pairs")
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed-only", action="store_true", help="only part 1 (seed page against the reference)")
    args = ap.parse_args()
    chromium = find_chromium()
    if chromium.path is None:
        print(chromium.message(), file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from components.static_assets import ensure_vendor

    ensure_vendor()
    tmp = Path(tempfile.mkdtemp(prefix="im-bench-"))
    try:
        (tmp / ".streamlit").mkdir()
        shutil.copy(ROOT / ".streamlit" / "config.toml", tmp / ".streamlit" / "config.toml")
        (tmp / "bare.py").write_text(BARE_APP)
        (tmp / "nomap.py").write_text(NO_MAP_APP)
        reference = reference_app(tmp)
        fixture = tmp / "synthetic.json"
        fixture.write_text(json.dumps(synthetic_view(args.n), ensure_ascii=False))
        print(f"synthetic fixture: {fixture.stat().st_size / 1e6:.2f} MB JSON ({args.n:,} incidents)")

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium.path, args=ARGS, headless=True)
            # 1. seed vs reference (and bare)
            with streamlit_server(tmp / "bare.py") as bare_url, streamlit_server(ROOT / "dashboard.py") as dash_url, \
                    streamlit_server(tmp / "nomap.py") as nomap_url, streamlit_server(reference) as ref_url:
                cold = measure_load(browser, dash_url, markers_visible)["seconds"]  # first visit: analysis not cached
                measure_load(browser, bare_url, bare_visible)
                measure_load(browser, nomap_url, table_visible)
                measure_load(browser, ref_url, reference_visible)

                def load_ref():
                    return measure_load(browser, ref_url, reference_visible, probe=REFERENCE_MARKERS)

                def load_seed():
                    return measure_load(browser, dash_url, markers_visible, probe=SEED_MARKERS)

                pairs = []
                for i in range(args.pairs):  # interleaved, each going first in turn: drift affects both alike
                    if i % 2 == 0:
                        r = load_ref()
                        pairs.append((r, load_seed()))
                    else:
                        s_ = load_seed()
                        pairs.append((load_ref(), s_))
                bare, seed_table, nomap = [], [], []
                for _ in range(args.runs):
                    bare.append(measure_load(browser, bare_url, bare_visible)["seconds"])
                    seed_table.append(measure_load(browser, dash_url, table_visible)["seconds"])
                    nomap.append(measure_load(browser, nomap_url, table_visible)["seconds"])
                bare_pl = measure_load(browser, bare_url, bare_visible, payload=True)
                seed_pl = measure_load(browser, dash_url, markers_visible, payload=True)
                rt = statistics.median(browser_filter_roundtrip(browser, dash_url) for _ in range(3))
            report_pairs(pairs)
            mb = statistics.median(bare)
            ms = statistics.median(s["seconds"] for _, s in pairs)
            mr = statistics.median(r["seconds"] for r, _ in pairs)
            print(f"bare Streamlit page (wall, goto -> text visible): {mb:.3f} s  (runs: {_runs(bare)});  "
                  f"seed / bare {ms / mb:.2f}x, reference / bare {mr / mb:.2f}x (wall)")
            mt, mn = statistics.median(seed_table), statistics.median(nomap)
            print(f"same dashboard without the map -> table visible: {mn:.3f} s; with the map -> table visible: "
                  f"{mt:.3f} s (wall), markers visible {ms:.3f} s (wall)")
            print(f"first visit (analysis not cached yet): {cold:.3f} s")
            for name, pl in (("bare", bare_pl), ("seed", seed_pl)):
                print(f"payload {name:5s}: Streamlit frontend {pl['streamlit_static'] / 1e6:.2f} MB, map assets "
                      f"{pl['map_assets'] / 1e6:.2f} MB, websocket {pl['ws_bytes'] / 1e6:.3f} MB")

            if args.seed_only:
                browser.close()
                return 0
            # 2. filter change
            t = apptest_times(runs=args.runs)
            print("\n== filter change (seed) ==")
            print(f"server (AppTest, in-process): page run {t['page_run']:.3f} s; filter change: one type {t['narrow']:.3f} s, "
                  f"back to all {t['widen']:.3f} s (target <= 0.3 s)")
            print(f"browser round trip (click option -> markers changed): {rt:.3f} s")

            # 3. 10k incidents
            env = {settings.ANALYSIS_FIXTURE: str(fixture)}
            t10 = apptest_times(env=env, runs=max(3, args.runs // 2))
            with streamlit_server(ROOT / "dashboard.py", env) as big_url:
                measure_load(browser, big_url, markers_visible)  # warm the cache
                big = [measure_load(browser, big_url, markers_visible, probe=SEED_MARKERS) for _ in range(3)]
                vis = [b["seconds"] for b in big]
                painted = [b["painted"] for b in big]
                pl = measure_load(browser, big_url, markers_visible, payload=True)
            print(f"\n== {args.n:,} incidents (synthetic) ==")
            print(f"server (AppTest, in-process): page run {t10['page_run']:.3f} s; filter change: one type "
                  f"{t10['narrow']:.3f} s, back to all {t10['widen']:.3f} s (target <= 0.5 s)")
            app = pl["ws_bytes"] + pl["map_assets"]
            print(f"payload (app): {app / 1e6:.2f} MB = {pl['ws_bytes'] / 1e6:.2f} MB websocket (map layer, table, "
                  f"article, widgets) + {pl['map_assets'] / 1e6:.2f} MB map iframe assets   (target <= 2.5 MB)")
            print(f"  + Streamlit's own frontend (any app, cacheable): {pl['streamlit_static'] / 1e6:.2f} MB")
            print(f"navigation -> markers visible: in-page {statistics.median(painted):.3f} s "
                  f"(runs: {_runs(painted)}); wall {statistics.median(vis):.3f} s (runs: {_runs(vis)}) (target <= 3 s)")
            browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
