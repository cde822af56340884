"""The map's framing and drawing decisions (components/map_view.py), without a browser."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import dash_helpers as helpers

from components.map_view import (
    BASEMAP_FIELDS, BASEMAPS, INIT_FIELDS, MAP_RULES, PLACE_FIELDS, TILE_HOSTS, area_shape, base_map,
    build_payload, country_bounds, disc_bounds, fit_bounds, place_bounds,
)

P = {f: i for i, f in enumerate(PLACE_FIELDS)}


def feat(i, *, place, precision, lat, lon, unc, cc="KZ", typ="protest"):
    p = {"id": f"i{i}", "incident_type": typ, "place": place, "place_key": f"k:{place}", "precision": precision,
         "uncertainty_m": unc, "country_code": cc, "evidence": f"Sentence {i}.", "actors": [], "status": "reported"}
    return {"type": "Feature", "id": p["id"], "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": p}


ALMATY = dict(place="Almaty", precision="city", lat=43.25, lon=76.91, unc=18_000)
SQUARE = dict(place="Republic Square", precision="point", lat=43.238, lon=76.945, unc=300)
KAZAKHSTAN = dict(place="Kazakhstan", precision="country", lat=48.0, lon=68.0, unc=1_591_394)
REGION = dict(place="Almaty Region", precision="region", lat=45.0, lon=78.0, unc=200_000)


def inside(box, lat, lon):
    (s, w), (n, e) = box
    return s <= lat <= n and w <= lon <= e


def test_first_view_fits_the_precise_incidents_not_the_country_centroid():
    feats = [feat(1, **KAZAKHSTAN), feat(2, **ALMATY), feat(3, **SQUARE), feat(4, **REGION)]
    box = fit_bounds(feats)
    assert inside(box, 43.25, 76.91) and inside(box, 43.238, 76.945)
    assert not inside(box, 48.0, 68.0), "the country's centroid (the steppe) must not pull the view"
    # the city's whole uncertainty disc is in view, and no more than that
    assert box[1][0] - box[0][0] < 0.5 and box[0][0] < 43.25 - 0.15


def test_only_areas_fit_the_areas():
    box = fit_bounds([feat(1, **KAZAKHSTAN)])
    s, w, n, e = country_bounds()["KZ"]
    assert box == [[s, w], [n, e]]
    assert 40 < s < 42 and 55 < n < 56 and 46 < w < 47 and 87 < e < 88  # Kazakhstan's real extent
    assert fit_bounds([]) is None


def test_country_bounds_do_not_wrap_round_the_world():
    s, w, n, e = country_bounds()["RU"]
    assert e - w < 180 and e > 180  # across the antimeridian, not -180..180
    s, w, n, e = country_bounds()["FR"] if "FR" in country_bounds() else country_bounds()["DE"]
    assert e - w < 60


def test_disc_bounds_contain_the_disc():
    s, w, n, e = disc_bounds(60.0, 30.0, 111_320)
    assert abs((n - s) - 2.0) < 1e-6 and abs((e - w) - 4.0) < 1e-3  # 1 degree of latitude; 2 of longitude at 60N
    assert place_bounds({"precision": "point", "uncertainty_m": 0}, 1.0, 2.0) == [1.0, 2.0, 1.0, 2.0]


def test_area_places_are_areas_in_the_payload_not_pins_in_circles():
    feats = [feat(1, **KAZAKHSTAN), feat(2, **ALMATY), feat(3, **REGION), feat(4, **KAZAKHSTAN, typ="riot"),
             feat(5, place="Nowhereland", precision="country", lat=1.0, lon=1.0, unc=100_000, cc="ZZ")]
    p = build_payload(feats)
    shapes = {pl[P["name"]]: pl[P["area"]] for pl in p["places"]}
    assert shapes == {"Kazakhstan": "outline", "Almaty": "", "Almaty Region": "disc", "Nowhereland": "disc"}
    assert [c[:2] for c in p["circles"]] == [[43.25, 76.91]]  # only the city's uncertainty is a dashed disc
    kz = next(pl for pl in p["places"] if pl[P["name"]] == "Kazakhstan")
    assert [kz[P[k]] for k in ("south", "west", "north", "east")] == [round(v, 5) for v in country_bounds()["KZ"]]
    assert kz[P["country"]] == "KZ"
    assert {area_shape(f["properties"]) for f in feats} == {"outline", "", "disc"}
    assert set(MAP_RULES.area_precisions) == {"country", "region"}


def test_identical_uncertainty_discs_are_drawn_once():
    a, b = feat(1, **ALMATY), feat(2, **ALMATY)
    b["properties"]["place_key"] = "government_buildings:almaty"
    assert len(build_payload([a, b])["circles"]) == 1


def _init(m) -> dict:
    init = next(c for c in m._children.values() if hasattr(c, "options_json"))
    return dict(zip(INIT_FIELDS, json.loads(init.options_json)))


def test_base_map_choices_and_tile_hosts():
    view = helpers.fake_view()
    B = {f: i for i, f in enumerate(BASEMAP_FIELDS)}
    online = _init(base_map(view, tiles=True))["basemaps"]
    names = [b[B["name"]] for b in online]
    assert len(names) == 3 and names[0] == "OpenStreetMap" and any("light" in n.lower() for n in names)
    assert online[-1][B["url"]] is None  # the built-in outlines: no network at all
    hosts = {urlparse(b.url.replace("{s}.", "a.")).hostname for b in BASEMAPS if b.url}
    assert all(any(h == t or h.endswith("." + t) for t in TILE_HOSTS) for h in hosts), (hosts, TILE_HOSTS)
    offline = _init(base_map(view, tiles=False))["basemaps"]
    assert [b[B["url"]] for b in offline] == [None]
    script = base_map(view, tiles=False).get_root().render()
    assert not any(h in script for h in TILE_HOSTS)


def test_base_map_fits_first_then_hands_over_to_map_js():
    """The first fit runs before IM.initMap, so map.js does not take it for the user's own zoom."""
    view = helpers.fake_view()
    html = base_map(view).get_root().render()
    fit, init = html.find(".fitBounds("), html.find("IM.initMap(")
    assert 0 < fit < init
    box = json.loads(re.search(r"\.fitBounds\(\s*(\[\[.*?\]\])", html, re.S).group(1))
    assert box == fit_bounds(view["incidents"])
