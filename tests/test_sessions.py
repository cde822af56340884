"""Many users at once: sessions never see each other's data, memory stays bounded, and the
process-wide caches (Streamlit caches, the gazetteer, the Nominatim backend and its SQLite
file, the pipeline's own lru_caches) are safe under concurrency.

20 dashboard sessions run here as 20 AppTests on 20 threads of one process: the same
st.cache_data / st.cache_resource and module globals a Streamlit server shares between its
browser sessions (tests/test_browser.py does the same with 20 real browser tabs at once).
"""

from __future__ import annotations

import ast
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import dash_helpers as helpers
import pytest

from components import data
from incidentmap import settings

ROOT = helpers.ROOT
_widget, _counts = helpers.widget, helpers.counts
N_SESSIONS = 20


def _what_session_sees(at) -> dict:
    df = at.dataframe[0].value
    html = "\n".join(h.proto.body for h in at.get("html"))
    article = next(h for h in html.split('<div class="im-article"')[1:])
    return {"counts": _counts(at), "places": set(df["Place"]), "evidence": " ".join(df["Evidence"]),
            "article": article}


def _entries(caches) -> dict[str, int]:
    """Entries per cached function in Streamlit's process-wide caches (st.cache_data/cache_resource)."""
    out: dict[str, int] = {}
    with caches._caches_lock:
        all_caches = [c for per_fn in caches._function_caches.values() for c in per_fn.values()]
    for cache in all_caches:
        name = cache.display_name if hasattr(cache, "display_name") else repr(cache)
        n = len(cache._mem_cache) if hasattr(cache, "_mem_cache") else sum(
            len(v) for v in cache.get_stats().values())
        out[name.rsplit(".", 1)[-1]] = out.get(name.rsplit(".", 1)[-1], 0) + n
    return out


@pytest.fixture
def fresh_caches(monkeypatch):
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.delenv(settings.ANALYSIS_FIXTURE, raising=False)
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_twenty_sessions_see_only_their_own_article(fresh_caches):
    """20 sessions alive at once, interleaved step by step (all open the page, all analyse their
    article, all look again): each sees only its own data. (AppTest keeps a process-wide mock
    runtime, so its runs cannot overlap in time; truly simultaneous sessions are in test_browser.py
    and the thread-safety of the shared caches is tested below.)"""
    from streamlit.runtime.caching.cache_data_api import _data_caches
    from streamlit.runtime.caching.cache_resource_api import _resource_caches
    from streamlit.testing.v1 import AppTest

    cities = [c for c, _ in helpers.SESSION_CITIES]
    sessions = []
    for _ in range(N_SESSIONS):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        helpers.open_all(at)
        at.session_state["in_source"] = "Paste text"
        at.run()
        sessions.append(at)
    first = []
    for i, at in enumerate(sessions):
        _widget(at.text_area, "Article text").input(helpers.session_article(i))
        _widget(at.button, "Analyse").click().run()
        assert not at.exception and not at.error, (i, [e.value for e in at.exception], [e.value for e in at.error])
        first.append(_what_session_sees(at))
    again = []
    for at in sessions:  # after everybody else analysed theirs
        at.run()
        again.append(_what_session_sees(at))

    for i in range(N_SESSIONS):
        for seen in (first[i], again[i]):
            assert seen["counts"] == (2, 2), (i, seen["counts"])
            assert seen["places"] == {cities[i]}, (i, seen["places"])
            assert f"(session {i})" in seen["evidence"] and f"arrested {11 + i} people" in seen["evidence"]
            assert f"(session {i})" in seen["article"]
            assert not [c for j, c in enumerate(cities) if j != i and c in seen["article"] + seen["evidence"]]

    # memory stays bounded: 21 analyses (seed + 20) went through caches capped by max_entries
    data_entries, resource_entries = _entries(_data_caches), _entries(_resource_caches)
    assert 0 < data_entries.get("analyse", 0) <= 32, data_entries
    assert 0 < resource_entries.get("shared_view", 0) <= 8, resource_entries
    assert resource_entries.get("full_table", 0) <= 8, resource_entries


def test_every_streamlit_cache_is_bounded():
    """No unbounded st.cache_data / st.cache_resource anywhere in the app: a long-lived server
    analysing many users' articles must not grow without limit."""
    files = [ROOT / "dashboard.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "components").glob("*.py"))]
    found = 0
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("cache_data", "cache_resource"):
                found += 1
                kw = {k.arg: k.value for k in node.keywords}
                assert "max_entries" in kw or "ttl" in kw, f"{path.name}:{node.lineno} unbounded cache"
                assert isinstance(kw.get("max_entries"), ast.Constant) and kw["max_entries"].value <= 64
    assert found >= 3


# ----------------------------------------------------------------- process-wide caches of the pipeline


def test_default_gazetteer_is_built_once_under_concurrency(monkeypatch):
    from incidentmap import gazetteer

    built = []
    real = gazetteer.Gazetteer

    class Counting(real):
        def __init__(self, *a, **kw):
            built.append(threading.get_ident())
            super().__init__(*a, **kw)

    monkeypatch.setattr(gazetteer, "_default", None)
    monkeypatch.setattr(gazetteer, "Gazetteer", Counting)
    start = threading.Barrier(12)

    def get(_):
        start.wait()
        return gazetteer.default_gazetteer()

    with ThreadPoolExecutor(12) as pool:
        got = list(pool.map(get, range(12)))
    assert len(built) == 1, f"built {len(built)} times"
    assert all(g is got[0] for g in got)


def test_shared_online_backend_is_one_instance_under_concurrency(monkeypatch, tmp_path):
    from incidentmap import pipeline

    monkeypatch.setenv(settings.CACHE_DIR, str(tmp_path))
    monkeypatch.setattr(pipeline, "_online_backend", None)
    start = threading.Barrier(8)

    def get(_):
        start.wait()
        return pipeline.shared_online_backend()

    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(get, range(8)))
    assert all(g is got[0] for g in got)


def test_concurrent_analyses_equal_sequential_ones():
    """The pipeline keeps no per-call state in shared objects (gazetteer object cache, lru_caches):
    analysing many articles on many threads gives exactly what one thread gives."""
    from incidentmap.export import incidents_geojson, places_geojson
    from incidentmap.pipeline import analyze

    texts = [helpers.session_article(i) for i in range(N_SESSIONS)] + [data.seed_text()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "devset").glob("*.txt"))[:6]]

    def run(text):
        a = analyze(text, published=helpers.SEED_DATE)
        return json.dumps([places_geojson(a.places), incidents_geojson(a.incidents), a.warnings], sort_keys=True)

    sequential = [run(t) for t in texts]
    with ThreadPoolExecutor(8) as pool:
        concurrent = list(pool.map(run, texts * 3))
    assert concurrent == sequential * 3


def test_nominatim_sqlite_cache_is_safe_under_concurrency(tmp_path):
    """Several backends (as several server processes would) and several threads each, sharing one
    SQLite file: no lookup fails, the file never falls back to memory, every answer is persisted."""
    from test_online import RecordedAdapter

    from incidentmap.online import NominatimBackend

    cache = tmp_path / "nominatim.sqlite"
    queries = ["Almaty", "Kazakhstan", "Republic Square, Almaty", "Almaty International Airport",
               "Medeu District", "Lake Balkhash", "Xyzzy Nowhere"]

    now, lock = [0.0], threading.Lock()

    def sleep(seconds):  # a fake clock: waiting is instant, time still moves on
        with lock:
            now[0] += seconds

    def backend(adapter):
        return NominatimBackend(cache_path=cache, adapter_factory=lambda **_: adapter, min_delay_seconds=1.0,
                                clock=lambda: now[0], sleep=sleep)

    adapters = [RecordedAdapter(delay=0.005) for _ in range(4)]
    backends = [backend(a) for a in adapters]
    start = threading.Barrier(16)

    def work(k):
        start.wait()
        b = backends[k % len(backends)]
        return [(q, [c.source_id for c in b.lookup(q)]) for q in queries[k % 3:] + queries[: k % 3]]

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(work, range(16)))
    answers = {}
    for run in results:
        for q, ids in run:
            assert answers.setdefault(q, ids) == ids, q
    assert all(not b.warnings and b.persistent_cache for b in backends), [b.warnings for b in backends]
    # each backend asked each query at most once; a fresh backend with a dead adapter answers from the file
    for a in adapters:
        asked = [c["q"][0] for c in a.calls]
        assert len(asked) == len(set(asked)), asked

    class Dead(RecordedAdapter):
        def get_text(self, *a, **k):
            raise AssertionError("the cache file should have answered")

    fresh = backend(Dead())
    assert {q: [c.source_id for c in fresh.lookup(q)] for q in queries} == answers
