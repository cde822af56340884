"""NominatimBackend without a network: a fake geopy adapter serves recorded answers.

tests/fixtures/nominatim/README.md describes the fixture files.
"""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import geopy.exc
import pytest
from geopy.adapters import AdapterHTTPError, BaseSyncAdapter, URLLibAdapter
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentmap import online
from incidentmap.errors import GeocoderBadResponse, GeocoderError, GeocoderRateLimited, GeocoderUnavailable
from incidentmap.models import Candidate, Precision
from incidentmap.online import NominatimBackend, candidate_from_nominatim

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "nominatim"
REPO_ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- no network, ever


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any DNS lookup or connect fails loudly and is recorded; a test that reached out fails."""
    attempts: list[str] = []

    def refuse(what: str):
        def blocked(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise RuntimeError(f"network access attempted in tests: {what}")
        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    yield attempts
    assert attempts == [], f"a test tried to use the network: {attempts}"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's own settings must not change what the tests see.
    monkeypatch.delenv(online.ENV_USER_AGENT, raising=False)
    monkeypatch.delenv(online.ENV_CACHE_DIR, raising=False)


# --------------------------------------------------------------------------- fake adapter


def slug(query: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", query.lower()).strip("-")


class RecordedAdapter(BaseSyncAdapter):
    """Serves tests/fixtures/nominatim/<slug(q)>.json; `faults` are raised first, in order.

    Mimics geopy's URLLibAdapter: get_json parses get_text and turns bad JSON into
    GeocoderParseError; HTTP errors are AdapterHTTPError, which geopy itself maps.
    """

    def __init__(self, *, proxies=None, ssl_context=None, delay: float = 0.0) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self.calls: list[dict[str, list[str]]] = []
        self.headers: list[dict] = []
        self.faults: list[BaseException] = []
        self.delay = delay
        self._lock = threading.Lock()

    def get_text(self, url, *, timeout, headers):
        params = parse_qs(urlsplit(url).query)
        with self._lock:
            self.calls.append(params)
            self.headers.append(dict(headers))
            fault = self.faults.pop(0) if self.faults else None
        if self.delay:
            time.sleep(self.delay)  # widens the window for the concurrency test
        if fault is not None:
            raise fault
        path = FIXTURES / f"{slug(params['q'][0])}.json"
        if not path.exists():
            raise AssertionError(f"no recorded answer for {params['q'][0]!r} ({path.name})")
        return path.read_text(encoding="utf-8")

    def get_json(self, url, *, timeout, headers):
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text)
        except ValueError:
            raise geopy.exc.GeocoderParseError(f"Could not deserialize: {text[:60]}") from None


def http_error(status: int, headers: dict | None = None) -> AdapterHTTPError:
    return AdapterHTTPError(f"Non-successful status code {status}", status_code=status,
                            headers=headers or {}, text="")


class FakeTime:
    """Clock and sleep for the rate limiter: sleeping advances the clock, instantly."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def adapter() -> RecordedAdapter:
    return RecordedAdapter()


@pytest.fixture
def make_backend(tmp_path: Path, adapter: RecordedAdapter, fake_time: FakeTime):
    def make(*, adapter: RecordedAdapter = adapter, cache_path: Path | None = None, **kwargs) -> NominatimBackend:
        kwargs.setdefault("clock", fake_time.clock)
        kwargs.setdefault("sleep", fake_time.sleep)
        return NominatimBackend(
            cache_path=cache_path or tmp_path / "nominatim.sqlite",
            adapter_factory=lambda **_: adapter,
            **kwargs,
        )
    return make


@pytest.fixture
def backend(make_backend) -> NominatimBackend:
    return make_backend()


# --------------------------------------------------------------------------- conversion


@pytest.mark.parametrize(
    ("query", "kind", "precision", "source_id", "uncertainty_km"),
    [
        ("Almaty", "city", "city", "osm:relation/2746576", (20, 35)),
        ("Republic Square, Almaty", "landmark", "point", "osm:way/86345121", (0.1, 0.2)),
        ("Almaty International Airport", "airport", "point", "osm:way/32856390", (2.5, 4)),
        ("Medeu District", "district", "district", "osm:relation/5501311", (10, 20)),
        ("Kazakhstan", "country", "country", "osm:relation/214665", (1500, 1900)),
        ("Lake Balkhash", "water", "region", "osm:relation/1633296", (200, 300)),
    ],
)
def test_lookup_converts_recorded_answers(backend, query, kind, precision, source_id, uncertainty_km):
    best = backend.lookup(query)[0]
    assert isinstance(best, Candidate)
    assert (best.kind, best.precision, best.source_id) == (kind, precision, source_id)
    assert best.source == "nominatim"
    assert best.country_code == "KZ"
    assert uncertainty_km[0] * 1000 <= best.uncertainty_m <= uncertainty_km[1] * 1000
    assert 0 < best.score <= 1


def test_almaty_city_fields(backend):
    city, region = backend.lookup("Almaty")
    assert city.name == "Almaty"
    assert (city.lat, city.lon) == pytest.approx((43.2363924, 76.9457275))
    assert city.score == pytest.approx(0.6856017315155834)
    assert (region.kind, region.precision, region.name) == ("region", "region", "Almaty Region")
    assert city.score > region.score  # Nominatim's order is kept


def test_landmark_gets_admin1_and_point_minimum():
    place = json.loads((FIXTURES / "republic-square-almaty.json").read_text())[0]
    place = {**place, "boundingbox": [place["lat"]] * 2 + [place["lon"]] * 2,
             "address": {**place["address"], "state": "Almaty"}}
    candidate = candidate_from_nominatim(place)
    assert candidate.uncertainty_m == 50.0  # a zero-size box still is not a pinpoint
    assert candidate.admin1 == "Almaty"


def test_missing_fields_fall_back_sensibly():
    candidate = candidate_from_nominatim(
        {"place_id": 42, "lat": "1.5", "lon": "2.5", "display_name": "Somewhere, Far Away", "place_rank": 18}
    )
    assert candidate.name == "Somewhere"
    assert (candidate.kind, candidate.precision) == ("city", "city")
    assert candidate.uncertainty_m == 10_000.0  # no bounding box: the precision's default
    assert candidate.source_id == "nominatim:42"
    assert candidate.country_code == ""
    assert candidate.score == 0.0


@pytest.mark.parametrize(
    "place",
    [
        {"lat": "43.2", "display_name": "No longitude"},
        {"lat": "north", "lon": "76.9", "display_name": "Words"},
        {"lat": "143.2", "lon": "76.9", "display_name": "Off the globe"},
        {"lat": "43.2", "lon": "76.9", "display_name": ""},
        "Almaty",
    ],
)
def test_unreadable_result_is_bad_response(place):
    with pytest.raises(GeocoderBadResponse):
        candidate_from_nominatim(place)


@settings(max_examples=60, deadline=None)
@given(
    south=st.floats(-89, 89), height=st.floats(0, 1),
    west=st.floats(-179, 179), width=st.floats(0, 1),
    rank=st.integers(0, 30),
)
def test_uncertainty_is_finite_and_respects_minimums(south, height, west, width, rank):
    north, east = south + height, min(west + width, 180)
    candidate = candidate_from_nominatim({
        "lat": str(south), "lon": str(west), "name": "x", "place_rank": rank,
        "boundingbox": [str(south), str(north), str(west), str(east)],
    })
    assert candidate.precision in set(Precision)
    assert online._MIN_UNCERTAINTY_M[candidate.precision] <= candidate.uncertainty_m <= 10_000_000


# --------------------------------------------------------------------------- the request


def test_request_parameters_and_user_agent(backend, adapter):
    backend.lookup("Almaty", country_codes=["KZ"], viewbox=((43.4, 77.2), (43.0, 76.7)), limit=3)
    (params,) = adapter.calls
    assert params["q"] == ["Almaty"]
    assert params["format"] == ["json"]
    assert params["addressdetails"] == ["1"]
    assert params["accept-language"] == ["en"]
    assert params["countrycodes"] == ["kz"]
    assert params["limit"] == ["3"]
    assert params["viewbox"] == ["76.7,43.0,77.2,43.4"]  # lon1,lat1,lon2,lat2, corners normalised
    assert adapter.headers[0]["User-Agent"] == online.DEFAULT_USER_AGENT


def test_user_agent_from_environment(monkeypatch, make_backend, adapter):
    monkeypatch.setenv(online.ENV_USER_AGENT, "incident-map-test/1.0 (ops@example.org)")
    make_backend().lookup("Almaty")
    assert adapter.headers[0]["User-Agent"] == "incident-map-test/1.0 (ops@example.org)"


@pytest.mark.parametrize("agent", ["", "   ", "geopy/2.5.0"])
def test_unusable_user_agent_is_refused(make_backend, agent):
    with pytest.raises(ValueError):
        make_backend(user_agent=agent)


def test_limit_is_applied(backend):
    assert len(backend.lookup("Almaty", limit=1)) == 1


def test_bad_arguments_raise_value_error(backend, adapter):
    for kwargs in ({"limit": 0}, {"country_codes": ["KAZ"]}, {"viewbox": ((43.0,), (1, 2))},
                   {"viewbox": ((95.0, 0.0), (1.0, 1.0))}):
        with pytest.raises(ValueError):
            backend.lookup("Almaty", **kwargs)
    assert backend.lookup("   ") == []
    assert adapter.calls == []


# --------------------------------------------------------------------------- cache


def test_identical_lookup_is_served_from_cache(backend, adapter):
    first = backend.lookup("Almaty")
    assert backend.lookup("Almaty") == first
    assert backend.lookup("  ALMATY ") == first  # same normalised request
    assert len(adapter.calls) == 1
    backend.lookup("Almaty", country_codes=["kz"])  # different request, asked once
    assert len(adapter.calls) == 2


def test_empty_answers_are_cached(backend, adapter):
    assert backend.lookup("Xyzzy Nowhere") == []
    assert backend.lookup("Xyzzy Nowhere") == []
    assert len(adapter.calls) == 1


def test_cache_survives_a_new_backend(make_backend):
    make_backend().lookup("Republic Square, Almaty")
    second_adapter = RecordedAdapter()
    again = make_backend(adapter=second_adapter).lookup("Republic Square, Almaty")
    assert again[0].name == "Republic Square"
    assert second_adapter.calls == []


def test_cache_survives_a_process_restart(make_backend, tmp_path):
    cache = tmp_path / "nominatim.sqlite"
    make_backend(cache_path=cache).lookup("Almaty International Airport")
    # A fresh interpreter whose adapter fails on any call: only the file can answer.
    script = (
        "from geopy.adapters import BaseSyncAdapter\n"
        "from incidentmap.online import NominatimBackend\n"
        "class A(BaseSyncAdapter):\n"
        "    def get_json(self, *a, **k): raise AssertionError('adapter used')\n"
        "    get_text = get_json\n"
        f"b = NominatimBackend(cache_path={str(cache)!r}, adapter_factory=A)\n"
        "print(b.lookup('Almaty International Airport')[0].kind)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "airport"


def test_corrupt_cache_file_falls_back_to_memory(make_backend, adapter, tmp_path):
    cache = tmp_path / "nominatim.sqlite"
    cache.write_bytes(b"this is not a SQLite database\n" * 200)
    backend = make_backend(cache_path=cache)
    assert backend.lookup("Almaty")[0].kind == "city"
    assert backend.lookup("Almaty")[0].kind == "city"
    assert len(adapter.calls) == 1  # memory still keeps the "ask once" promise
    assert not backend.persistent_cache
    assert len(backend.warnings) == 1 and str(cache) in backend.warnings[0]


def test_locked_cache_file_falls_back_to_memory(make_backend, adapter, tmp_path):
    cache = tmp_path / "nominatim.sqlite"
    holder = sqlite3.connect(cache, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the file
    try:
        backend = make_backend(cache_path=cache, cache_busy_timeout=0.01)
        assert backend.lookup("Almaty")[0].name == "Almaty"
        assert backend.warnings and "locked" in backend.warnings[0]
    finally:
        holder.close()


def test_damaged_cache_row_is_refetched(backend, adapter, tmp_path):
    backend.lookup("Almaty")
    with sqlite3.connect(tmp_path / "nominatim.sqlite") as conn:
        conn.execute("UPDATE responses SET response = '{not json'")
    fresh = NominatimBackend(cache_path=tmp_path / "nominatim.sqlite", adapter_factory=lambda **_: adapter)
    assert fresh.lookup("Almaty")[0].name == "Almaty"
    assert len(adapter.calls) == 2


def test_concurrent_identical_lookups_ask_once(make_backend):
    slow = RecordedAdapter(delay=0.02)
    backend = make_backend(adapter=slow)
    results: list[list[Candidate]] = []
    threads = [threading.Thread(target=lambda: results.append(backend.lookup("Almaty"))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(slow.calls) == 1
    assert len(results) == 8 and all(r == results[0] for r in results)


def test_default_cache_locations(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert NominatimBackend().cache_path == tmp_path / ".cache" / "incidentmap" / "nominatim.sqlite"
    monkeypatch.setenv(online.ENV_CACHE_DIR, str(tmp_path / "elsewhere"))
    assert NominatimBackend().cache_path == tmp_path / "elsewhere" / "nominatim.sqlite"
    assert not (tmp_path / "elsewhere").exists()  # no file I/O before the first lookup


# --------------------------------------------------------------------------- rate limit


def test_rate_limiter_is_one_request_per_second(backend, fake_time):
    assert backend.rate_limiter.min_delay_seconds == 1.0
    backend.lookup("Almaty")
    backend.lookup("Almaty")  # cached: no request, no wait
    backend.lookup("Medeu District")
    backend.lookup("Kazakhstan")
    assert fake_time.sleeps == [pytest.approx(1.0), pytest.approx(1.0)]


def test_public_server_refuses_faster_rates(make_backend):
    with pytest.raises(ValueError):
        make_backend(min_delay_seconds=0.5)
    assert make_backend(domain="nominatim.example.org", min_delay_seconds=0.0).rate_limiter.min_delay_seconds == 0


# --------------------------------------------------------------------------- errors


def test_timeout_is_retried_then_unavailable(backend, adapter, fake_time):
    adapter.faults = [geopy.exc.GeocoderTimedOut("Service timed out")] * 2
    with pytest.raises(GeocoderUnavailable) as info:
        backend.lookup("Almaty")
    assert type(info.value) is GeocoderUnavailable
    assert len(adapter.calls) == 2  # max_retries=1
    assert pytest.approx(2.0) in fake_time.sleeps  # waited before retrying, on the fake clock
    assert backend.lookup("Almaty")[0].name == "Almaty"  # errors are not cached


def test_a_failed_lookup_logs_one_line_per_place(backend, adapter, caplog):
    """Nominatim down: one warning line per place asked about, with no traceback (geopy's retry loop
    used to log each retried failure with its full traceback); the retry itself still happens."""
    import logging

    adapter.faults = [geopy.exc.GeocoderTimedOut("Service timed out\nsecond line")] * 4
    with caplog.at_level(logging.DEBUG):
        for place in ("Almaty", "Republic Square, Almaty"):
            with pytest.raises(GeocoderUnavailable):
                backend.lookup(place)
    assert len(adapter.calls) == 4  # each place tried twice
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in loud] == ["incidentmap.online"] * 2, [(r.name, r.getMessage()) for r in loud]
    assert "'Almaty'" in loud[0].getMessage() and "'Republic Square, Almaty'" in loud[1].getMessage()
    for r in loud:
        assert r.exc_info is None and "\n" not in r.getMessage() and "timed out" in r.getMessage()
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"


def test_default_adapter_does_not_retry_on_its_own(tmp_path):
    """The rate limiter's spaced retry is the only one: geopy's requests adapter would retry a refused
    connection twice at once, each with a warning line."""
    pytest.importorskip("requests")
    b = NominatimBackend(cache_path=tmp_path / "n.sqlite", domain="nominatim.example.org", min_delay_seconds=0)
    assert b._geocoder.adapter.session.get_adapter("https://nominatim.example.org").max_retries.total == 0


def test_transient_error_then_success(backend, adapter):
    adapter.faults = [http_error(502)]
    assert backend.lookup("Almaty")[0].name == "Almaty"
    assert len(adapter.calls) == 2


@pytest.mark.parametrize("status", [500, 503, 504])
def test_server_errors_are_unavailable(backend, adapter, status):
    adapter.faults = [http_error(status)] * 2
    with pytest.raises(GeocoderUnavailable):
        backend.lookup("Almaty")


@pytest.mark.parametrize(
    "fault",
    [
        geopy.exc.GeocoderUnavailable("Service not available"),
        geopy.exc.GeocoderServiceError("[Errno -2] Name or service not known"),
        ConnectionResetError(104, "Connection reset by peer"),
    ],
)
def test_network_errors_are_unavailable(backend, adapter, fault):
    adapter.faults = [fault] * 2
    with pytest.raises(GeocoderUnavailable):
        backend.lookup("Almaty")


def test_403_is_unavailable_without_retry(backend, adapter):
    adapter.faults = [http_error(403)]
    with pytest.raises(GeocoderUnavailable, match="user agent"):
        backend.lookup("Almaty")
    assert len(adapter.calls) == 1  # a block does not lift by insisting


def test_429_carries_retry_after_and_pauses_requests(backend, adapter, fake_time):
    adapter.faults = [http_error(429, {"retry-after": "30"})]
    with pytest.raises(GeocoderRateLimited) as info:
        backend.lookup("Almaty")
    assert info.value.retry_after == 30
    assert len(adapter.calls) == 1  # not retried

    fake_time.now += 10
    with pytest.raises(GeocoderRateLimited) as info:
        backend.lookup("Kazakhstan")  # still cooling down: the server is not asked
    assert info.value.retry_after == pytest.approx(20)
    assert len(adapter.calls) == 1

    fake_time.now += 21
    assert backend.lookup("Almaty")[0].name == "Almaty"
    assert len(adapter.calls) == 2


def test_429_without_retry_after(backend, adapter):
    adapter.faults = [http_error(429)]
    with pytest.raises(GeocoderRateLimited) as info:
        backend.lookup("Almaty")
    assert info.value.retry_after is None


@pytest.mark.parametrize("query", ["Broken JSON", "Odd Shape", "Odd Shape List"])
def test_unreadable_answers_are_bad_response(backend, adapter, query):
    with pytest.raises(GeocoderBadResponse):
        backend.lookup(query)
    with pytest.raises(GeocoderBadResponse):
        backend.lookup(query)  # not cached: a bad answer is never stored
    assert len(adapter.calls) == 2  # and not retried within one lookup


def test_error_body_is_bad_response(backend, adapter):
    adapter.faults = [http_error(400)]
    with pytest.raises(GeocoderBadResponse):
        backend.lookup("Almaty")


def test_unexpected_exception_does_not_leak(backend, adapter):
    adapter.faults = [RuntimeError("adapter bug")]
    with pytest.raises(GeocoderError):
        backend.lookup("Almaty")


def test_real_adapter_cannot_reach_the_network(make_backend, no_network):
    """The guard itself: geopy's stdlib adapter hits the blocked socket and maps to our error."""
    backend = NominatimBackend(cache_path=make_backend().cache_path, adapter_factory=URLLibAdapter,
                               max_retries=0, clock=lambda: 0.0, sleep=lambda s: None)
    with pytest.raises(GeocoderUnavailable):
        backend.lookup("Almaty")
    assert no_network, "the guard should have recorded the attempt"
    no_network.clear()
