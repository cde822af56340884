"""Bad input as one corpus, through BOTH front doors: the CLI (`python -m incidentmap incidents FILE`,
a real subprocess) and the dashboard (AppTest, real pipeline, upload + "Analyse").

Every input gets a clear message or a correct result, within 5 s for inputs up to 1 MB. The bound is
checked on CPU time, which is what an input costs (wall time on a shared CI machine also measures its
neighbours, so it only gets a loose sanity bound): for the CLI, the process's CPU time minus that of the
same command on a one-line article (interpreter start-up, gazetteer load: paid by every run, whatever
the input); for the dashboard, the CPU time of the "Analyse" rerun of dashboard.py (see script_cpu);
best of up to three runs, because this 2-core CI host has shown the same run vary by a third as its
neighbours came and went. In the dashboard a rejected input keeps the previous article *and* the
user's filters.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from dash_helpers import counts as _counts, open_all, widget as _widget

from bench.pipeline_speed import real_prose
from incidentmap import settings
from incidentmap.textinput import MAX_CHARS, MAX_UPLOAD_BYTES

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad_input"
TIME_LIMIT_S = 5.0  # for inputs up to 1 MB (issue 5), CPU time
WALL_LIMIT_S = 3 * TIME_LIMIT_S  # sanity only: a loaded CI machine may run us at a fraction of a core

HTML_PAGE = """<!doctype html><html><head><title>Site title Paris</title>
<style>body{font-family:serif} .nav{color:red}</style>
<script>var tracking = "Berlin"; document.write("<p>Tokyo</p>"); alert(1);</script>
<script type="application/ld+json">{"headline": "Madrid"}</script></head>
<body><nav><a href="/">Home</a> <a href="/world/london">London</a> <a href="/rome">Rome</a></nav>
<header>Daily News — Moscow edition</header>
<article><h1>Unrest in Kazakhstan</h1>
<p>ALMATY, Kazakhstan &mdash; Protesters stormed the city hall in Almaty on Wednesday.</p>
<p>Police fired tear gas and arrested 40 people near the main square.</p></article>
<aside>Most read: Lisbon</aside><footer>&copy; Newspaper, Vienna</footer></body></html>"""

LATIN1 = "Protesters gathered in Bogotá and Medellín on Monday; police fired tear gas “at them”.".encode("cp1252")


def _real_prose(chars: int) -> bytes:
    return real_prose(chars).encode("utf-8")


def _largest_accepted() -> bytes:
    data = _real_prose(MAX_CHARS)
    assert MAX_CHARS - 5000 < len(data.decode("utf-8")) <= MAX_CHARS
    return data


def _one_megabyte() -> bytes:
    data = _real_prose(1_000_000)
    assert len(data) > 990_000
    return data


def _two_megabytes() -> bytes:
    """Exactly the upload limit of plain text: passes the byte check, fails the character limit."""
    line = b"Protesters gathered in Almaty on Monday and police fired tear gas at them.\n"
    data = line * (MAX_UPLOAD_BYTES // len(line) + 1)
    return data[:MAX_UPLOAD_BYTES]


# ----------------------------------------------------------------- the corpus


@dataclass
class Case:
    id: str
    data: Callable[[], bytes]
    filename: str = "article.txt"
    error: tuple[str, ...] = ()  # every word must be in the message (lower case); empty: a result
    check: Callable[[list[dict]], None] | None = None  # on the incident features of a result
    warning: str = ""  # a note the user must see with the result
    places: tuple[str, ...] = field(default=())  # names that must be among the places


def _check_html(features):
    assert features, "the article inside the page has incidents"
    for f in features:
        ev = f["properties"]["evidence"]
        assert "tracking" not in ev and "alert" not in ev and "{" not in ev and "<" not in ev


def _check_500(features):
    names = [line.split(" in ", 1)[1].split(",")[0]
             for line in (FIXTURES / "places_500.txt").read_text(encoding="utf-8").split("\n\n") if line.strip()]
    assert len(set(names)) == 500
    # one incident per sentence, at the city it names (GeoNames' "Victoria, Hong Kong" is Hong Kong itself)
    by_sentence = {f["properties"]["evidence"]: f["properties"]["place"] for f in features}
    assert len(features) == len(by_sentence) == 500
    wrong = [(ev, place) for ev, place in by_sentence.items()
             if place != ev.split(" in ", 1)[1].split(",")[0] and place not in ev]
    assert not wrong, wrong[:10]


def _check_large(features):
    assert len(features) > 1000


CASES = [
    Case("empty", lambda: b"", error=("empty",)),
    Case("whitespace-only", lambda: b"  \n\t \r\n \xc2\xa0 \n", error=("empty",)),
    Case("two-megabytes-of-text", _two_megabytes, error=("too long", f"{MAX_CHARS:,}")),
    Case("over-the-upload-limit", lambda: b"a" * (MAX_UPLOAD_BYTES + 1), error=("2 mb",)),
    Case("png-image", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "photo.txt", error=("png image",)),
    Case("binary-with-nul-bytes", lambda: (b"\x00\x01\x02binary\x00" * 60), error=("binary",)),
    Case("pdf-named-txt", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", error=("pdf",)),
    Case("invalid-utf8-after-bom", lambda: b"\xef\xbb\xbfProtesters in Almaty \xff\xfe\xc3\x28 today",
         error=("utf-8", "invalid bytes")),
    Case("invalid-utf8-noise", lambda: bytes(range(0x80, 0x100)) * 40, error=("not look like text",)),
    Case("invalid-utf8-latin1-article", lambda: LATIN1, places=("Bogotá", "Medellín"),
         check=lambda fs: {f["properties"]["place"] for f in fs} >= {"Bogotá"} or pytest.fail(fs)),
    Case("html-with-scripts-styles-navigation", lambda: HTML_PAGE.encode(), "page.html",
         places=("Almaty", "Kazakhstan"), check=_check_html),
    Case("non-english-russian", lambda: "Протестующие собрались в Алматы в среду. Полиция применила газ.".encode(),
         check=lambda fs: fs == [] or pytest.fail(fs), warning="No places found"),
    Case("non-english-french", lambda: "Des manifestants se sont rassemblés à Paris mercredi; heurts à Lyon.".encode(),
         places=("Paris", "Lyon")),
    Case("no-places", lambda: b"The committee met on Tuesday to discuss the budget and agreed to meet again.",
         check=lambda fs: fs == [] or pytest.fail(fs), warning="No places found"),
    Case("article-naming-500-places", lambda: (FIXTURES / "places_500.txt").read_bytes(), check=_check_500),
    Case("largest-accepted-article", _largest_accepted, check=_check_large),
    Case("one-megabyte-article", _one_megabyte, error=("too long", f"{MAX_CHARS:,}", "split")),
]


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("corpus")


def _write(case: Case, folder: Path) -> Path:
    path = folder / case.id / case.filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.data())
    return path


# ----------------------------------------------------------------- CLI


def _run_cli(path: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """(process, CPU seconds, wall seconds) of `python -m incidentmap incidents PATH`."""
    before, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "incidentmap", "incidents", str(path)],
                          capture_output=True, cwd=ROOT, timeout=60)
    wall, after = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
    return proc, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


@pytest.fixture(scope="module")
def cli_startup_cpu(corpus_dir) -> float:
    """CPU seconds every CLI run pays whatever its input (interpreter, imports, gazetteer, lexicon)."""
    path = corpus_dir / "one-line.txt"
    path.write_text("Protesters gathered in Almaty on Monday.", encoding="utf-8")
    proc, cpu, _ = _run_cli(path)
    assert proc.returncode == 0, proc.stderr
    return cpu


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_cli(case, corpus_dir, cli_startup_cpu):
    path = _write(case, corpus_dir)
    assert path.stat().st_size <= 1_100_000 or case.error, "only rejected inputs may be larger than 1 MB"
    limit = TIME_LIMIT_S
    for _attempt in range(3):  # best of up to 3: a transiently contended host is not a slow program
        proc, cpu, wall = _run_cli(path)
        cost = cpu - cli_startup_cpu
        if cost < limit and wall < WALL_LIMIT_S * 1.5:
            break
    print(f"{case.id}: CLI {cost:.2f} s CPU beyond start-up, {wall:.2f} s wall")
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    assert cost < limit and wall < WALL_LIMIT_S * 1.5, \
        f"{case.id}: {cost:.1f} s CPU beyond start-up ({cli_startup_cpu:.1f} s), {wall:.1f} s wall"
    if case.error:
        assert proc.returncode == 2 and proc.stdout == b"", err
        first = err.strip().splitlines()[0]
        assert first.startswith("error: ") and len(err.strip().splitlines()) == 1, err
        for word in case.error:
            assert word in first.lower(), (word, first)
        return
    assert proc.returncode == 0, err
    fc = json.loads(proc.stdout)
    assert fc["type"] == "FeatureCollection"
    if case.check:
        case.check(fc["features"])
    if case.warning:
        assert f"warning: {case.warning}" in err, err
    if case.places:
        places = subprocess.run([sys.executable, "-m", "incidentmap", "places", str(path)],
                                capture_output=True, cwd=ROOT, timeout=60)
        names = {f["properties"]["name"] for f in json.loads(places.stdout)["features"]}
        assert set(case.places) <= names, names
        if case.id.startswith("html"):
            assert not names & {"Paris", "Berlin", "Tokyo", "Madrid", "London", "Rome", "Moscow", "Lisbon", "Vienna"}


# ----------------------------------------------------------------- dashboard


@pytest.fixture(scope="module")
def app_env():
    """The real pipeline, fresh Streamlit caches (module scope: the seed analysis is shared)."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    mp = pytest.MonkeyPatch()
    mp.delenv(settings.ANALYSIS_FIXTURE, raising=False)
    yield
    mp.undo()


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption).replace("\\", "")


@pytest.fixture
def script_cpu(monkeypatch) -> list[float]:
    """CPU seconds of each run of dashboard.py itself, on its own thread: the page's cost (analysis,
    table, map, article view), without AppTest's parsing of the page into its element tree, which a
    browser session does not have and which alone takes about a second for the 1 MB article's 9,000 rows."""
    from streamlit.runtime.scriptrunner import script_runner

    spent: list[float] = []
    real = script_runner.exec_func_with_error_handling

    def timed(func, ctx):
        start = time.thread_time()
        try:
            return real(func, ctx)
        finally:
            spent.append(time.thread_time() - start)

    monkeypatch.setattr(script_runner, "exec_func_with_error_handling", timed)
    return spent


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_dashboard(case, app_env, corpus_dir, script_cpu):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    open_all(at)
    at.run()
    assert not at.exception
    # the user narrowed the seed article to one type before trying their own file
    view_before = at.session_state["_view_key"]
    from components import data as view_data

    seed = view_data.analyse(view_data.seed_text(), view_data.SEED_PUBLISHED, "offline")
    _widget(at.multiselect, "Incident type").set_value([seed["incidents"][-1]["properties"]["incident_type"]]).run()
    chosen = _widget(at.multiselect, "Incident type").value
    assert len(chosen) == 1
    before = _counts(at)
    assert before[0] < before[1]
    rows_before = list(at.dataframe[0].value["ID"])

    _widget(at.radio, "Source").set_value("Upload a file").run()
    data = case.data()
    at.file_uploader[0].set_value((case.filename, data, "text/plain")).run()
    for _attempt in range(3):  # best of up to 3 (see test_cli); a new attempt must not hit the cache
        if _attempt:
            import streamlit as st

            st.cache_data.clear()
            st.cache_resource.clear()
        script_cpu.clear()
        t0 = time.perf_counter()
        _widget(at.button, "Analyse").click().run()
        cpu, wall = sum(script_cpu), time.perf_counter() - t0
        if cpu < TIME_LIMIT_S and wall < WALL_LIMIT_S:
            break
    assert not at.exception, [e.value for e in at.exception]
    print(f"{case.id}: dashboard {cpu:.2f} s CPU, {wall:.2f} s wall")
    assert script_cpu, "the script run was not measured"
    assert cpu < TIME_LIMIT_S and wall < WALL_LIMIT_S, f"{case.id}: {cpu:.1f} s CPU, {wall:.1f} s wall"

    if case.error:
        assert at.error, f"{case.id}: no message"
        msg = at.error[0].value.replace("\\", "").lower()
        assert msg.startswith("cannot use this article"), msg
        for word in case.error:
            assert word in msg, (word, msg)
        # previous article and filters kept
        assert _counts(at) == before
        assert list(at.dataframe[0].value["ID"]) == rows_before
        assert _widget(at.multiselect, "Incident type").value == chosen
        assert at.session_state["_view_key"] == view_before
        assert "Seed article" in _captions(at)
        return

    assert not at.error, [e.value for e in at.error]
    assert f"Uploaded file: {case.filename}" in _captions(at)
    from incidentmap.textinput import load_upload

    shown, total = _counts(at)
    assert shown == len(at.dataframe[0].value) and at.session_state["_view_key"] != view_before
    if len(data) > 100_000:  # the largest article: not analysed a second time here
        assert total > 1000
        return
    view = view_data.analyse(load_upload(data, filename=case.filename), None, "offline")
    assert total == len(view["incidents"]) and at.session_state["_view_key"] == view["key"]
    if case.check:
        case.check(view["incidents"])
    if case.warning:
        expanders = [e for e in at.expander if e.label.startswith("Warnings from the analysis")]
        assert expanders, "the warning is not shown"
        assert any(case.warning in t.value for t in expanders[0].text), [t.value for t in expanders[0].text]
    if case.places:
        assert set(case.places) <= {p["properties"]["name"] for p in view["places"]}
