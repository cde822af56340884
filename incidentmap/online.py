"""Opt-in online geocoding with OpenStreetMap Nominatim (through geopy).

The offline gazetteer is the default; this backend is only used when the user
asks for it. It talks to a *public, volunteer-run* service, so it follows the
Nominatim usage policy (https://operations.osmfoundation.org/policies/nominatim/):

* **Identify the application.** Every request carries a real User-Agent
  (``DEFAULT_USER_AGENT``, or ``$INCIDENTMAP_USER_AGENT``); geopy's sample
  agents are refused.
* **At most one request per second.** Requests go through a geopy
  ``RateLimiter`` with ``min_delay_seconds=1.0``; a smaller delay is refused for
  the public server (self-hosted instances may go faster).
* **Cache results.** Answers, including empty ones, are kept in a SQLite file
  (``~/.cache/incidentmap/nominatim.sqlite`` or ``$INCIDENTMAP_CACHE_DIR``), so a
  distinct query is sent once, ever. If the file is unusable we fall back to
  memory and say so in ``NominatimBackend.warnings``.
* **Back off when asked.** HTTP 429 becomes ``GeocoderRateLimited`` carrying
  ``retry_after``; until then new queries fail fast without contacting the server.
* **No bulk geocoding** and **attribution**: results are © OpenStreetMap
  contributors (ODbL); show ``ATTRIBUTION`` wherever they are displayed.

``USAGE_NOTE`` is a one-paragraph summary for the dashboard.

Every failure leaves this module as an ``incidentmap.errors.GeocoderError``
subclass, so callers can fall back to the offline answer with one ``except``.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sqlite3
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopy.exc
from geopy.adapters import AdapterHTTPError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from . import settings
from .errors import GeocoderBadResponse, GeocoderError, GeocoderRateLimited, GeocoderUnavailable
from .geo import haversine_m
from .models import Candidate

__all__ = [
    "ATTRIBUTION",
    "DEFAULT_DOMAIN",
    "DEFAULT_USER_AGENT",
    "ENV_CACHE_DIR",
    "ENV_USER_AGENT",
    "USAGE_NOTE",
    "USAGE_POLICY_URL",
    "NominatimBackend",
    "candidate_from_nominatim",
    "default_cache_path",
]

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "incident-map/0.1 (+https://github.com/incident-map)"
DEFAULT_DOMAIN = "nominatim.openstreetmap.org"
ENV_USER_AGENT = settings.USER_AGENT
ENV_CACHE_DIR = settings.CACHE_DIR
CACHE_FILENAME = "nominatim.sqlite"
USAGE_POLICY_URL = "https://operations.osmfoundation.org/policies/nominatim/"
ATTRIBUTION = "Geocoding: Nominatim. Data © OpenStreetMap contributors, ODbL."
USAGE_NOTE = (
    "Online geocoding uses the public OpenStreetMap Nominatim service. To respect its "
    "usage policy, Incident Map identifies itself, sends at most one request per second, "
    "caches every answer on this machine (each place name is looked up once) and backs "
    "off when the service asks it to. Do not use it for bulk geocoding. "
    "Data © OpenStreetMap contributors, ODbL."
)

# The policy's "absolute maximum of 1 request per second" for the public server.
_PUBLIC_MIN_DELAY_S = 1.0
_LANGUAGE = "en"
_MAX_LIMIT = 40  # Nominatim's own cap on `limit`
# Bump when the request parameters change, so old cache rows are not reused for a different request.
_CACHE_VERSION = 1
_MEMORY_CACHE_SIZE = 4096  # bounded: the dashboard is a long-lived process
# When a 429 carries no Retry-After we still pause: hammering a throttled server gets us blocked.
_DEFAULT_COOLDOWN_S = 60.0


# --------------------------------------------------------------------------- conversion

# Nominatim's "addresstype" (or, for older output, the place/boundary "type") -> (kind, precision).
_ADDRESSTYPE_KIND: dict[str, tuple[str, str]] = {
    "country": ("country", "country"),
    "state": ("region", "region"),
    "region": ("region", "region"),
    "province": ("region", "region"),
    "state_district": ("region", "region"),
    "county": ("region", "region"),
    "municipality": ("city", "city"),
    "city": ("city", "city"),
    "town": ("city", "city"),
    "village": ("city", "city"),
    "hamlet": ("city", "city"),
    "isolated_dwelling": ("city", "city"),
    "city_district": ("district", "district"),
    "district": ("district", "district"),
    "borough": ("district", "district"),
    "suburb": ("district", "district"),
    "subdivision": ("district", "district"),
    "quarter": ("district", "district"),
    "neighbourhood": ("district", "district"),
    "city_block": ("district", "district"),
    "residential": ("district", "district"),
    "square": ("landmark", "point"),
}
# OSM keys whose objects are things you can stand next to: a landmark at a point.
_POI_CLASSES = frozenset({
    "amenity", "building", "tourism", "historic", "leisure", "shop", "office", "man_made",
    "railway", "public_transport", "craft", "emergency", "healthcare", "military", "club",
    "sport", "bridge", "memorial",
})
_AIRPORT_TYPES = frozenset({"aerodrome", "airport", "international_airport", "terminal", "heliport"})
_WATER_TYPES = frozenset({"water", "bay", "strait", "lake", "reservoir", "sea", "ocean", "river",
                          "canal", "stream", "lagoon", "wetland", "spring", "coastline"})
_WATER_CLASSES = frozenset({"waterway"})

# Smallest honest uncertainty per precision: a point result is still a building or a square.
_MIN_UNCERTAINTY_M = {"point": 50.0, "district": 500.0, "city": 2_000.0, "region": 10_000.0, "country": 50_000.0}
# Used when the answer has no usable bounding box.
_DEFAULT_UNCERTAINTY_M = {"point": 250.0, "district": 2_000.0, "city": 10_000.0, "region": 100_000.0,
                          "country": 500_000.0}
_MAX_UNCERTAINTY_M = 10_000_000.0  # ~half the longest great-circle distance: nothing on Earth is vaguer


def _classify(place: Mapping[str, Any]) -> tuple[str, str | None]:
    """(kind, precision) from Nominatim's tags; precision None means "judge by the extent"."""
    osm_class = str(place.get("class") or place.get("category") or "")  # "category" in jsonv2
    osm_type = str(place.get("type") or "")
    addresstype = str(place.get("addresstype") or "")

    if osm_class == "aeroway":
        return ("airport" if osm_type in _AIRPORT_TYPES else "landmark"), "point"
    if osm_class in _WATER_CLASSES or (osm_class in {"natural", "place"} and osm_type in _WATER_TYPES):
        return "water", None  # a river or a lake is not a point: size decides
    if addresstype in _ADDRESSTYPE_KIND:
        return _ADDRESSTYPE_KIND[addresstype]
    if osm_class in {"place", "boundary"} and osm_type in _ADDRESSTYPE_KIND:
        return _ADDRESSTYPE_KIND[osm_type]
    if osm_class in _POI_CLASSES:
        return "landmark", "point"
    return _classify_by_rank(place.get("place_rank"))


def _classify_by_rank(rank: Any) -> tuple[str, str | None]:
    """Fallback on Nominatim's search rank (4 country, 8-12 state/county, 16-20 settlements, 30 POI)."""
    try:
        rank = int(rank)
    except (TypeError, ValueError):
        return "landmark", None
    if rank <= 4:
        return "country", "country"
    if rank <= 12:
        return "region", "region"
    if rank <= 20:
        return "city", "city"
    if rank <= 25:
        return "district", "district"
    return "landmark", None


def _precision_from_extent(radius_m: float | None) -> str:
    if radius_m is None:
        return "point"
    for limit, precision in ((1_000, "point"), (5_000, "district"), (30_000, "city"), (300_000, "region")):
        if radius_m <= limit:
            return precision
    return "country"


def _bbox_radius_m(bbox: Any) -> float | None:
    """Half the diagonal of Nominatim's [south, north, west, east]; None if absent or unreadable.

    The box only refines the uncertainty, so a bad one is ignored rather than rejecting the answer.
    """
    if not isinstance(bbox, Sequence) or isinstance(bbox, str) or len(bbox) != 4:
        return None
    try:
        south, north, west, east = (float(v) for v in bbox)
    except (TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in (south, north, west, east)):
        return None
    return haversine_m(south, west, north, east) / 2


def _coordinate(place: Mapping[str, Any], key: str, bound: float) -> float:
    try:
        value = float(place[key])
    except (KeyError, TypeError, ValueError) as exc:
        raise GeocoderBadResponse(f"Nominatim result without a usable {key!r}: {place.get(key)!r}") from exc
    if not math.isfinite(value) or abs(value) > bound:
        raise GeocoderBadResponse(f"Nominatim result with {key} out of range: {value!r}")
    return value


def _score(value: Any) -> float:
    try:
        score = float(value)
    except (TypeError, ValueError):
        return 0.0
    return score if math.isfinite(score) and score > 0 else 0.0


def candidate_from_nominatim(place: Mapping[str, Any]) -> Candidate:
    """One Nominatim result (format json or jsonv2, with addressdetails) -> Candidate.

    Raises GeocoderBadResponse when the result lacks what a map needs (coordinates, a name).
    """
    if not isinstance(place, Mapping):
        raise GeocoderBadResponse(f"Nominatim result is not an object: {type(place).__name__}")
    lat = _coordinate(place, "lat", 90.0)
    lon = _coordinate(place, "lon", 180.0)
    display_name = str(place.get("display_name") or "")
    name = str(place.get("name") or "").strip() or display_name.split(",")[0].strip()
    if not name:
        raise GeocoderBadResponse("Nominatim result without a name")

    kind, precision = _classify(place)
    radius = _bbox_radius_m(place.get("boundingbox"))
    if precision is None:
        precision = _precision_from_extent(radius)
    if radius is None:
        uncertainty = _DEFAULT_UNCERTAINTY_M[precision]
    else:
        uncertainty = min(max(radius, _MIN_UNCERTAINTY_M[precision]), _MAX_UNCERTAINTY_M)

    address = place.get("address")
    address = address if isinstance(address, Mapping) else {}
    admin1 = ""
    if kind not in {"country", "region"}:
        admin1 = next((str(address[k]) for k in ("state", "province", "region") if address.get(k)), "")

    osm_type, osm_id = place.get("osm_type"), place.get("osm_id")
    # Some results (postcodes, interpolations) have no OSM object; the place_id is then the only handle.
    source_id = f"osm:{osm_type}/{osm_id}" if osm_type and osm_id is not None else f"nominatim:{place.get('place_id')}"

    return Candidate(
        name=name,
        kind=kind,
        lat=lat,
        lon=lon,
        country_code=str(address.get("country_code") or "").upper(),
        source="nominatim",
        source_id=source_id,
        precision=precision,
        uncertainty_m=float(uncertainty),
        admin1=admin1,
        score=_score(place.get("importance")),
    )


def _candidates(places: Any) -> list[Candidate]:
    if not isinstance(places, list):
        raise GeocoderBadResponse(f"Nominatim answer is not a list: {type(places).__name__}")
    return [candidate_from_nominatim(place) for place in places]


# --------------------------------------------------------------------------- requests


@dataclass(frozen=True, slots=True)
class _Request:
    """A normalised request: the cache key and the parameters actually sent are the same object."""

    domain: str
    query: str
    country_codes: tuple[str, ...]
    viewbox: tuple[tuple[float, float], tuple[float, float]] | None
    limit: int
    language: str = _LANGUAGE

    def key(self) -> str:
        return json.dumps(
            {
                "v": _CACHE_VERSION,
                "domain": self.domain,
                # Nominatim ignores case, so "ALMATY" and "Almaty" share one cache row.
                "q": self.query.casefold(),
                "countrycodes": self.country_codes,
                "viewbox": self.viewbox,
                "limit": self.limit,
                "lang": self.language,
            },
            sort_keys=True,
            ensure_ascii=False,
        )


def _normalise_query(query: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", query).split())


def _normalise_country_codes(codes: Sequence[str] | None) -> tuple[str, ...]:
    if not codes:
        return ()
    if isinstance(codes, str):  # a lone "kz" would otherwise be read as ("k", "z")
        codes = [codes]
    out = sorted({str(c).strip().lower() for c in codes})
    bad = [c for c in out if len(c) != 2 or not c.isalpha() or not c.isascii()]
    if bad:
        raise ValueError(f"country codes must be ISO 3166-1 alpha-2, got {bad!r}")
    return tuple(out)


def _normalise_viewbox(viewbox: Sequence[Any] | None) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """((lat1, lon1), (lat2, lon2)) in any corner order -> ((south, west), (north, east)), rounded for the key."""
    if viewbox is None:
        return None
    try:
        (lat1, lon1), (lat2, lon2) = ((float(a), float(b)) for a, b in viewbox)
    except (TypeError, ValueError) as exc:
        raise ValueError("viewbox must be ((lat1, lon1), (lat2, lon2))") from exc
    if not all(math.isfinite(v) for v in (lat1, lon1, lat2, lon2)) or max(abs(lat1), abs(lat2)) > 90 \
            or max(abs(lon1), abs(lon2)) > 180:
        raise ValueError(f"viewbox out of range: {viewbox!r}")
    # ~10 cm: finer digits only split the cache without changing the answer.
    return ((round(min(lat1, lat2), 6), round(min(lon1, lon2), 6)),
            (round(max(lat1, lat2), 6), round(max(lon1, lon2), 6)))


# --------------------------------------------------------------------------- errors


class _Transient(GeocoderUnavailable):
    """A failure worth retrying (timeout, 5xx, network). Only these go through RateLimiter's retries."""


def _http_status(exc: BaseException) -> int | None:
    cause = exc.__cause__
    return cause.status_code if isinstance(cause, AdapterHTTPError) else None


def _map_error(exc: Exception) -> GeocoderError:
    """geopy/adapter/parsing exceptions -> our tree. Order matters: geopy's classes nest."""
    if isinstance(exc, geopy.exc.GeocoderRateLimited):
        retry_after = float(exc.retry_after) if exc.retry_after is not None else None
        return GeocoderRateLimited(f"Nominatim rate limit (HTTP 429): {exc}", retry_after=retry_after)
    if isinstance(exc, geopy.exc.GeocoderQuotaExceeded):
        return GeocoderRateLimited(f"Nominatim quota exceeded: {exc}")
    if isinstance(exc, (geopy.exc.GeocoderTimedOut, geopy.exc.GeocoderUnavailable)):
        return _Transient(f"Nominatim unavailable: {exc}")
    if isinstance(exc, geopy.exc.GeocoderParseError):
        return GeocoderBadResponse(f"Nominatim answered with malformed JSON: {exc}")
    if isinstance(exc, geopy.exc.GeocoderQueryError):
        # An {"error": ...} body where results were expected: nothing we can read as places.
        return GeocoderBadResponse(f"Nominatim rejected the request: {exc}")
    if isinstance(exc, (geopy.exc.GeocoderAuthenticationFailure, geopy.exc.GeocoderInsufficientPrivileges)):
        # 401/403 from Nominatim means "blocked" (usually policy); retrying makes it worse.
        return GeocoderUnavailable(f"Nominatim refused the request (check the user agent; {USAGE_POLICY_URL}): {exc}")
    if isinstance(exc, geopy.exc.GeocoderServiceError):
        status = _http_status(exc)
        if status is None or status >= 500:
            return _Transient(f"Nominatim server error ({status or 'no status'}): {exc}")
        return GeocoderUnavailable(f"Nominatim answered HTTP {status}: {exc}")
    if isinstance(exc, geopy.exc.GeopyError):
        return GeocoderUnavailable(f"Nominatim request failed: {exc}")
    if isinstance(exc, OSError):  # raw socket/SSL/connection errors from an adapter
        return _Transient(f"network error talking to Nominatim: {exc}")
    if isinstance(exc, (ValueError, TypeError, KeyError, AttributeError, IndexError)):
        # geopy's parser chokes on an unexpected shape (e.g. a list of strings).
        return GeocoderBadResponse(f"Nominatim answer has an unexpected shape: {exc!r}")
    return GeocoderError(f"unexpected error from the Nominatim client: {exc!r}")


def _one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quiet_adapter_factory() -> Callable[..., Any]:
    """geopy's default HTTP adapter without its own retries: with requests installed, geopy retries a
    refused connection twice at once inside urllib3 (a warning line each) before our rate limiter's
    single, spaced retry. The rate limiter's retry is the one policy."""
    from functools import partial

    from geopy.adapters import RequestsAdapter, URLLibAdapter

    try:
        import requests  # noqa: F401 - only whether it is there
    except ImportError:
        return URLLibAdapter  # no retries of its own
    return partial(RequestsAdapter, max_retries=0)


# --------------------------------------------------------------------------- rate limiter


class _InjectableRateLimiter(RateLimiter):
    """geopy's RateLimiter with an injectable clock and sleep (tests must not sleep for real),
    retrying only transient failures: a 429 or a bad answer does not improve by asking again."""

    _retry_exceptions = (_Transient,)

    def __init__(self, func: Callable[..., Any], *, clock: Callable[[], float],
                 sleep: Callable[[float], None], **kwargs: Any) -> None:
        super().__init__(func, **kwargs)
        self._injected_clock = clock
        self._injected_sleep = sleep

    def __call__(self, request: Any) -> Any:
        # geopy's own retry loop logs every retried failure as a warning *with its traceback*; a failed
        # lookup is logged once, on one line, by NominatimBackend.lookup instead (the same tries and waits).
        for attempt in range(self.max_retries + 1):
            self._acquire_request_slot()
            try:
                return self.func(request)
            except self._retry_exceptions as exc:
                if attempt == self.max_retries:
                    raise
                log.debug("Nominatim: %s; retrying in %.0f s", exc, self.error_wait_seconds)
                self._sleep(self.error_wait_seconds)
        raise AssertionError("unreachable")  # pragma: no cover

    def _clock(self) -> float:
        return self._injected_clock()

    def _sleep(self, seconds: float) -> None:
        self._injected_sleep(seconds)


# --------------------------------------------------------------------------- cache


def default_cache_path() -> Path:
    """$INCIDENTMAP_CACHE_DIR/nominatim.sqlite, else $XDG_CACHE_HOME or ~/.cache, under incidentmap/."""
    return settings.cache_base() / CACHE_FILENAME


class _ResponseCache:
    """Raw Nominatim answers by request key: an in-memory LRU in front of a SQLite file.

    Raw JSON, not Candidates, is stored so that a better conversion applies to old answers
    without asking Nominatim again. Connections are opened per call (sqlite3 objects must not
    cross threads) and serialised by a lock. Any SQLite/OS trouble switches the file off for
    the rest of the process; the memory layer keeps the "ask once" promise meanwhile.
    """

    def __init__(self, path: Path, *, busy_timeout: float, warnings: list[str]) -> None:
        self.path = path
        self._busy_timeout = busy_timeout
        self._warnings = warnings
        self._lock = threading.Lock()
        self._memory: OrderedDict[str, str] = OrderedDict()
        self._disk_ok: bool | None = None  # None: not tried yet (no file I/O until the first lookup)

    @property
    def persistent(self) -> bool:
        return self._disk_ok is not False

    def get(self, key: str) -> str | None:
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
            row = self._disk(lambda c: c.execute("SELECT response FROM responses WHERE key = ?", (key,)).fetchone())
            if row is None:
                return None
            self._remember(key, row[0])
            return row[0]

    def put(self, key: str, response: str) -> None:
        with self._lock:
            self._remember(key, response)
            self._disk(lambda c: c.execute(
                "INSERT OR REPLACE INTO responses (key, response, fetched_at) VALUES (?, ?, ?)",
                (key, response, time.time()),
            ))

    def forget(self, key: str) -> None:
        with self._lock:
            self._memory.pop(key, None)
            self._disk(lambda c: c.execute("DELETE FROM responses WHERE key = ?", (key,)))

    def _remember(self, key: str, response: str) -> None:
        self._memory[key] = response
        self._memory.move_to_end(key)
        while len(self._memory) > _MEMORY_CACHE_SIZE:
            self._memory.popitem(last=False)

    def _disk(self, operation: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run one operation in its own connection and transaction; None if the file is unusable."""
        if self._disk_ok is False:
            return None
        try:
            if self._disk_ok is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=self._busy_timeout)) as conn, conn:
                if self._disk_ok is None:
                    conn.execute("CREATE TABLE IF NOT EXISTS responses "
                                 "(key TEXT PRIMARY KEY, response TEXT NOT NULL, fetched_at REAL NOT NULL)")
                    self._disk_ok = True
                return operation(conn)
        except (sqlite3.Error, OSError) as exc:
            self._disk_ok = False
            message = (f"Nominatim cache {self.path} is unusable ({type(exc).__name__}: {exc}); "
                       "caching in memory for this session only.")
            self._warnings.append(message)
            log.warning(message)
            return None


# --------------------------------------------------------------------------- backend


def _resolve_user_agent(user_agent: str | None) -> str:
    agent = (user_agent if user_agent is not None else settings.current().user_agent or DEFAULT_USER_AGENT).strip()
    if not agent:
        raise ValueError("Nominatim requires an identifying user agent")
    return agent


class NominatimBackend:
    """Nominatim lookups -> Candidates, rate limited and cached.

    Share one instance per process (e.g. streamlit's ``st.cache_resource``): the
    one-request-per-second limit is kept per instance.
    """

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        domain: str = DEFAULT_DOMAIN,
        timeout: float = 10.0,
        min_delay_seconds: float = _PUBLIC_MIN_DELAY_S,
        cache_path: str | os.PathLike[str] | None = None,
        adapter_factory: Callable[..., Any] | None = None,
        max_retries: int = 1,
        retry_wait_seconds: float = 2.0,
        cache_busy_timeout: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.domain = domain.strip().strip("/")
        if self.domain == DEFAULT_DOMAIN and min_delay_seconds < _PUBLIC_MIN_DELAY_S:
            raise ValueError(f"the public Nominatim allows at most 1 request/s ({USAGE_POLICY_URL})")
        if timeout <= 0 or max_retries < 0 or min_delay_seconds < 0:
            raise ValueError("timeout must be > 0; max_retries and min_delay_seconds >= 0")
        self.user_agent = _resolve_user_agent(user_agent)
        self.warnings: list[str] = []
        self._clock = clock
        try:
            self._geocoder = Nominatim(user_agent=self.user_agent, domain=self.domain, timeout=timeout,
                                       adapter_factory=adapter_factory or _quiet_adapter_factory())
        except geopy.exc.ConfigurationError as exc:  # e.g. geopy's sample user agent
            raise ValueError(str(exc)) from exc
        self.rate_limiter: RateLimiter = _InjectableRateLimiter(
            self._request,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=max(retry_wait_seconds, min_delay_seconds),  # geopy asserts >=
            swallow_exceptions=False,
            clock=clock,
            sleep=sleep,
        )
        path = Path(cache_path).expanduser() if cache_path is not None else default_cache_path()
        self._cache = _ResponseCache(path, busy_timeout=cache_busy_timeout, warnings=self.warnings)
        self._state_lock = threading.Lock()
        self._inflight: dict[str, threading.Lock] = {}
        self._cooldown_until: float | None = None

    @property
    def cache_path(self) -> Path:
        return self._cache.path

    @property
    def persistent_cache(self) -> bool:
        """False once the SQLite file proved unusable (answers are then kept in memory only)."""
        return self._cache.persistent

    def lookup(
        self,
        query: str,
        *,
        country_codes: list[str] | None = None,
        viewbox: tuple | None = None,
        limit: int = 5,
    ) -> list[Candidate]:
        """Candidates for ``query``, best first (Nominatim's order).

        ``viewbox`` is ((lat1, lon1), (lat2, lon2)); it biases, it does not restrict.
        Raises ValueError for bad arguments, and only GeocoderError subclasses otherwise.
        """
        if not isinstance(limit, int) or limit < 1:
            raise ValueError(f"limit must be a positive int, got {limit!r}")
        text = _normalise_query(query)
        if not text:
            return []  # nothing to ask; Nominatim would answer with an error
        request = _Request(
            domain=self.domain,
            query=text,
            country_codes=_normalise_country_codes(country_codes),
            viewbox=_normalise_viewbox(viewbox),
            limit=min(limit, _MAX_LIMIT),
        )
        key = request.key()
        with self._state_lock:
            key_lock = self._inflight.setdefault(key, threading.Lock())
        try:
            # Per-key lock: concurrent identical lookups wait for the first instead of all asking.
            with key_lock:
                return self._lookup_locked(request, key)
        except GeocoderError as exc:
            # One line per failed place (the caller falls back and says so); no traceback in the log.
            log.warning("Nominatim lookup failed for %r: %s: %s", text, type(exc).__name__, _one_line(exc))
            raise
        finally:
            with self._state_lock:
                self._inflight.pop(key, None)

    def _lookup_locked(self, request: _Request, key: str) -> list[Candidate]:
        cached = self._cache.get(key)
        if cached is not None:
            try:
                return _candidates(json.loads(cached))[: request.limit]
            except (ValueError, GeocoderBadResponse):
                self._cache.forget(key)  # a damaged row: ask again rather than fail forever

        self._check_cooldown()
        try:
            places = self.rate_limiter(request)
        except _Transient as exc:
            raise GeocoderUnavailable(str(exc)) from exc.__cause__
        except GeocoderRateLimited as exc:
            self._start_cooldown(exc.retry_after)
            raise
        candidates = _candidates(places)  # validate before caching: never store what we cannot read
        self._cache.put(key, json.dumps(places, ensure_ascii=False))
        return candidates[: request.limit]

    def _request(self, request: _Request) -> list[Any]:
        """One HTTP request (called by the rate limiter); every failure mapped to our tree."""
        try:
            locations = self._geocoder.geocode(
                request.query,
                exactly_one=False,
                limit=request.limit,
                addressdetails=True,
                language=request.language,
                country_codes=list(request.country_codes) or None,
                viewbox=request.viewbox,
            )
        except Exception as exc:  # noqa: BLE001 - the point is to let nothing but GeocoderError out
            raise _map_error(exc) from exc
        if locations is None:  # geopy's "no results"
            return []
        if not isinstance(locations, list):
            raise GeocoderBadResponse(f"unexpected geopy result: {type(locations).__name__}")
        return [location.raw for location in locations]

    def _check_cooldown(self) -> None:
        with self._state_lock:
            until = self._cooldown_until
        if until is None:
            return
        remaining = until - self._clock()
        if remaining > 0:
            raise GeocoderRateLimited(
                f"Nominatim asked us to wait; {remaining:.0f} s left before the next request",
                retry_after=remaining,
            )
        with self._state_lock:
            self._cooldown_until = None

    def _start_cooldown(self, retry_after: float | None) -> None:
        wait = retry_after if retry_after is not None else _DEFAULT_COOLDOWN_S
        with self._state_lock:
            self._cooldown_until = self._clock() + max(wait, 0.0)
