"""The incident map: a deterministic folium base map + one dynamic feature group.

* :func:`base_map` depends only on the analysis (bounds, legend) and the tile switch,
  so its script is identical on every rerun and streamlit-folium keeps the same iframe
  (zoom and pan survive filtering).
* :func:`incident_layer` is the filtered content. It goes in ``feature_group_to_add``;
  the iframe swaps just that layer. The markers are built in the browser by
  ``static/incidentmap/map.js`` from a compact payload (one layer, no per-marker
  folium objects): 10,000 incidents stay fast, and beyond ``CLUSTER_THRESHOLD``
  they are clustered.
* Clicks come back as ``last_active_drawing`` (the marker's GeoJSON, carrying
  ``properties.kind`` and ``properties.id``).

All JS/CSS is local (see :mod:`components.static_assets`); folium's CDN defaults
(Leaflet, jQuery, Bootstrap, awesome-markers, Font Awesome) are replaced.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import folium
from branca.element import MacroElement
from folium.template import Template

from .actor_text import actor_line
from .static_assets import BASEMAP_FILE, AssetUrls, asset_urls, icon_svg

MAP_KEY = "incident_map"
# The map's value once its first markers are drawn (map.js, when asked by base_map(signal_drawn=True)):
# {DRAWN_VALUE: True}, no click in it. components/first_view.py waits for it.
DRAWN_VALUE = "im_drawn"
MAP_HEIGHT = 560
CLUSTER_THRESHOLD = 400
MAX_CIRCLES = 500
MAX_EVIDENCE_CHARS = 600
FOCUS_ZOOM = {"country": 5, "region": 7, "city": 11, "district": 13, "point": 15}
ICONS_ATTRIBUTION = "Icons: Font Awesome Free (CC BY 4.0)"


@dataclass(frozen=True)
class MapRules:
    """How the map frames and draws what it shows (sent to map.js with the base map)."""

    # A country- or region-level incident happened *somewhere in* that area: it is drawn as the
    # area (country outline, or a light disc of its uncertainty) with a "country-wide (N)" badge,
    # never as a pin at a centroid that looks like an event in the middle of the steppe.
    area_precisions: tuple[str, ...] = ("country", "region")
    # Fitting the view: the precise incidents when there are any (the areas only otherwise), each
    # with its uncertainty disc, but never closer than a street block's worth of context.
    fit_max_zoom: int = 13
    fit_padding_px: int = 40
    # Uncertainty discs are drawn as polygons of this many vertices (Leaflet clips polygons to the
    # view, not circles: a 1,500 km dashed circle at street zoom is ~500,000 px and froze the page).
    ring_vertices: int = 96
    # Chips per area in the badge box (the selected ones always show): past this many, "+N more in the
    # table" -- thousands of buttons would slow every filter down and tell the reader nothing more.
    area_chips: int = 60
    # The badge box starts open for up to this many areas, folded to one line beyond (it would cover the map).
    areas_open_max: int = 3


MAP_RULES = MapRules()


@dataclass(frozen=True)
class Basemap:
    """A choice in the map's layer control. ``url`` None = no tiles: the built-in outlines only."""

    name: str
    url: str | None
    attribution: str
    max_zoom: int = 19
    subdomains: str = "abc"


# Tiles are the only requests allowed to leave localhost; these are all of them (the browser tests
# block exactly these hosts). The first online one is the default; the last works with no network.
BASEMAPS = (
    Basemap("OpenStreetMap", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
    Basemap("Light grey (CARTO)", "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
            '&copy; <a href="https://carto.com/attributions">CARTO</a>', max_zoom=20, subdomains="abcd"),
    Basemap("Offline outlines (no network)", None,
            "Outlines: Natural Earth (public domain) via countryinfo (MIT)", max_zoom=19),
)
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com")  # every host a BASEMAPS url names


# ---- the Python -> map.js contract, written down only here
# Python sends arrays only (see _inert_json). map.js holds no copy of these lists: the base map's init
# data starts with LAYOUTS, and map.js reads every field by name (F.row.id is where a row keeps its id).
# tests/test_components.py checks that the names map.js reads are exactly the names sent here.
INIT_FIELDS = ("layouts", "outlineUrl", "imagePath", "types", "legend", "legendOpen",  # "layouts" stays first
               "basemaps", "fitMaxZoom", "fitPadding", "ringVertices", "areaChips",
               "areasOpenMax", "signalDrawn")
PAYLOAD_FIELDS = ("rows", "types", "places", "dates", "actors", "sentences", "circles", "muted", "sel", "cluster",
                  "focus")
TYPE_FIELDS = ("slug", "label", "colour", "svg")  # INIT "types": every taxonomy type, in legend order
ROW_FIELDS = ("id", "type", "place", "date", "fatalities", "actors", "sentence", "planned")  # one incident
PLACE_FIELDS = ("name", "precision", "uncertainty_m", "lat", "lon",  # a place with shown incidents
                "area", "country", "south", "west", "north", "east")  # area: see area_shape; s/w/n/e: place_bounds
BASEMAP_FIELDS = ("name", "url", "attribution", "max_zoom", "subdomains")  # INIT "basemaps": the layer choices
CIRCLE_FIELDS = ("lat", "lon", "radius_m")  # an uncertainty circle
MUTED_FIELDS = ("key", "name", "lat", "lon")  # a place without shown incidents
LAYOUTS = {
    "init": INIT_FIELDS, "payload": PAYLOAD_FIELDS, "type": TYPE_FIELDS, "row": ROW_FIELDS,
    "place": PLACE_FIELDS, "circle": CIRCLE_FIELDS, "muted": MUTED_FIELDS, "basemap": BASEMAP_FIELDS,
}


def _inert_json(values: list) -> str:
    """JSON for data that passes through folium/branca *templates* and streamlit-folium's regexes.

    branca turns every element's rendered script into a new Jinja template, so article text
    containing ``{{``, ``{%`` or ``{#`` would be compiled (and could crash the page, or worse).
    The data are therefore sent as nested *arrays* only (no JSON objects), and inside strings
    ``{ } _ < > &`` and U+2028/9 are written as \\u escapes: no template delimiter, no
    ``</script>``, and nothing for streamlit-folium's ``_<id>`` renaming regex to touch.
    """
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("{", "\\u007b"), ("}", "\\u007d"), ("_", "\\u005f"), ("<", "\\u003c"), (">", "\\u003e"),
                    ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _as_arrays(mapping: dict, fields: Sequence[str]) -> list:
    return [mapping[f] for f in fields]


def type_meta() -> list[list[str]]:
    """Every taxonomy type, in legend order, as TYPE_FIELDS rows: [slug, label, colour, icon svg]."""
    from incidentmap.taxonomy import incident_types

    return [[t.slug, t.label, t.colour, icon_svg(t.icon)] for t in incident_types().values()]


class _MapInit(MacroElement):
    _template = Template(
        """{% macro script(this, kwargs) %}
        window.IM.initMap({{ this._parent.get_name() }}, {{ this.options_json }});
        {% endmacro %}"""
    )

    def __init__(self, options: dict):
        super().__init__()
        self._name = "IncidentMapInit"
        self.options_json = _inert_json(_as_arrays(options, INIT_FIELDS))


class _IncidentData(MacroElement):
    _template = Template(
        """{% macro script(this, kwargs) %}
        window.IM.addIncidents({{ this._parent.get_name() }}, {{ this.payload_json }});
        {% endmacro %}"""
    )

    def __init__(self, payload_json: str):
        super().__init__()
        self._name = "IncidentData"
        self.payload_json = payload_json

    def render(self, **kwargs):
        # streamlit-folium takes this element's script from the template macro directly.
        # branca's MacroElement.render would also wrap the output (the whole payload) in a new
        # Jinja template -- a useless compile of up to ~1 MB per rerun -- so skip it.
        return None


def _lat_lon(feature: dict) -> tuple[float, float] | None:
    try:
        lon, lat = feature["geometry"]["coordinates"][:2]
        lat, lon = float(lat), float(lon)
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return lat, lon


def data_bounds(features: Iterable[dict]) -> list[list[float]] | None:
    pts = [p for p in (_lat_lon(f) for f in features) if p]
    if not pts:
        return None
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


_M_PER_DEG_LAT = 111_320.0


def disc_bounds(lat: float, lon: float, radius_m: float) -> list[float]:
    """[south, west, north, east] of a disc: the box that holds every point the place may be."""
    dlat = radius_m / _M_PER_DEG_LAT
    dlon = min(radius_m / (_M_PER_DEG_LAT * max(math.cos(math.radians(lat)), 0.01)), 180.0)
    return [round(max(lat - dlat, -85.0), 5), round(lon - dlon, 5), round(min(lat + dlat, 85.0), 5), round(lon + dlon, 5)]


def _ring_points(coords):
    if coords and isinstance(coords[0], (int, float)):
        yield coords
    else:
        for c in coords or ():
            yield from _ring_points(c)


@lru_cache(maxsize=1)
def country_bounds() -> dict[str, tuple[float, float, float, float]]:
    """ISO 3166 alpha-2 -> (south, west, north, east) of the bundled offline outline.

    A country across the antimeridian (Russia, Fiji) gets the narrower box, with east > 180
    (Leaflet understands it), not a box round the whole world."""
    data = json.loads(BASEMAP_FILE.read_text(encoding="utf-8"))
    out: dict[str, tuple[float, float, float, float]] = {}
    for f in data.get("features", []):
        iso2 = str((f.get("properties") or {}).get("iso2") or "").upper()
        pts = list(_ring_points((f.get("geometry") or {}).get("coordinates")))
        if not iso2 or not pts:
            continue
        lats = [float(p[1]) for p in pts]
        lons = [float(p[0]) for p in pts]
        wrapped = [x % 360.0 for x in lons]
        if max(wrapped) - min(wrapped) < max(lons) - min(lons):
            lons = wrapped
        out[iso2] = (min(lats), min(lons), max(lats), max(lons))
    return out


def is_area(props: dict, *, rules: MapRules = MAP_RULES) -> bool:
    """A country- or region-level place: drawn as an area with a badge, not as a pin."""
    return str(props.get("precision") or "") in rules.area_precisions


def area_shape(props: dict) -> str:
    """How map.js draws a place (PLACE_FIELDS "area"): "outline" = the country's bundled outline,
    "disc" = a light disc of its uncertainty (a region, or a country the outlines lack), "" = a pin."""
    if not is_area(props):
        return ""
    if props.get("precision") == "country" and str(props.get("country_code") or "").upper() in country_bounds():
        return "outline"
    return "disc"


def place_bounds(props: dict, lat: float, lon: float) -> list[float]:
    """[south, west, north, east] of where an incident may be: a country's outline, else its uncertainty disc."""
    if props.get("precision") == "country":
        box = country_bounds().get(str(props.get("country_code") or "").upper())
        if box:
            return [round(v, 5) for v in box]
    return disc_bounds(lat, lon, float(props.get("uncertainty_m") or 0))


def fit_bounds(features: Iterable[dict]) -> list[list[float]] | None:
    """The view to fit: the precise (point/district/city) incidents with their uncertainty when there are
    any; only when there are none, the country/region areas. None when nothing is located."""
    precise: list[list[float]] = []
    areas: list[list[float]] = []
    for f in features:
        ll = _lat_lon(f)
        if ll is None:
            continue
        props = f.get("properties") or {}
        (areas if is_area(props) else precise).append(place_bounds(props, *ll))
    boxes = precise or areas
    if not boxes:
        return None
    return [[min(b[0] for b in boxes), min(b[1] for b in boxes)], [max(b[2] for b in boxes), max(b[3] for b in boxes)]]


def base_map(view: dict, *, tiles: bool = True, assets: AssetUrls | None = None,
             rules: MapRules = MAP_RULES, signal_drawn: bool = False) -> folium.Map:
    """The part of the map that does not depend on filters or selection.

    ``signal_drawn``: once per browser page, when its first markers are drawn, the map sends the value
    ``{DRAWN_VALUE: True}`` (see components/first_view.py). Fixed per page, so the script stays the same."""
    assets = assets or asset_urls()
    bounds = fit_bounds(view["incidents"]) or data_bounds(view["places"])
    if bounds:
        center = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]
    else:
        center = [20.0, 0.0]
    m = folium.Map(
        location=[round(center[0], 5), round(center[1], 5)],
        zoom_start=4 if bounds else 2,
        tiles=None,
        control_scale=True,
        min_zoom=2,
        world_copy_jump=True,
    )
    # Local assets instead of folium's CDN list (instance attributes: the class lists stay untouched).
    m.default_js = list(assets.js)
    m.default_css = list(assets.css)
    # The tiles and the layer control are made by map.js from this list (online choices only if allowed).
    basemaps = list(BASEMAPS) if tiles else [b for b in BASEMAPS if b.url is None]
    present = {f["properties"].get("incident_type") for f in view["incidents"]}
    types = type_meta()
    legend = [t[0] for t in types if t[0] in present] + sorted(s for s in present if s and s not in {t[0] for t in types})
    if bounds:
        if bounds[0] == bounds[1]:
            pad = 0.05
            bounds = [[bounds[0][0] - pad, bounds[0][1] - pad], [bounds[1][0] + pad, bounds[1][1] + pad]]
        m.fit_bounds(bounds, max_zoom=rules.fit_max_zoom, padding=(rules.fit_padding_px, rules.fit_padding_px))
    # after the first fit: map.js counts later zooms as the user's own (and then keeps their view)
    _MapInit(
        {
            "layouts": [[name, list(fields)] for name, fields in LAYOUTS.items()],
            "outlineUrl": assets.basemap,
            "imagePath": assets.leaflet_images,
            "types": types,
            "legend": legend,
            "legendOpen": False,  # the same legend, with counts, is shown under the map
            "basemaps": [[b.name, b.url, f"{b.attribution} | {ICONS_ATTRIBUTION}", b.max_zoom, b.subdomains]
                         for b in basemaps],  # BASEMAP_FIELDS
            "fitMaxZoom": rules.fit_max_zoom,
            "fitPadding": rules.fit_padding_px,
            "ringVertices": rules.ring_vertices,
            "areaChips": rules.area_chips,
            "areasOpenMax": rules.areas_open_max,
            "signalDrawn": DRAWN_VALUE if signal_drawn else "",  # the value's one key, or "": send nothing
        }
    ).add_to(m)
    return m


def build_payload(
    incidents: Sequence[dict],
    *,
    places: Sequence[dict] = (),
    selected_ids: Iterable[str] = (),
    show_muted: bool = True,
    focus: bool = False,
    cluster_threshold: int = CLUSTER_THRESHOLD,
) -> dict:
    """Compact data for ``IM.addIncidents`` (PAYLOAD_FIELDS): every repeated string is sent once.

    rows:    ROW_FIELDS [id, type#, place#, date#, fatalities, actors#, sentence#, planned]
    types:   [slug, ...]                      (labels/colours/icons come with the base map)
    places:  PLACE_FIELDS [name, precision, uncertainty_m, lat, lon, area, country, south, west, north, east]
    dates / actors / sentences: string tables
    circles: CIRCLE_FIELDS [lat, lon, radius_m]   (uncertainty of approximate places)
    muted:   MUTED_FIELDS [place key, name, lat, lon]  (places without shown incidents)
    """
    tables: dict[str, dict[str, int]] = {"types": {}, "dates": {}, "actors": {}, "sentences": {}}

    def idx(table: str, value: str) -> int:
        t = tables[table]
        i = t.get(value)
        if i is None:
            i = t[value] = len(t)
        return i

    place_idx: dict[str, int] = {}
    place_rows: list[list] = []
    rows: list[list] = []
    circles: list[list] = []
    for f in incidents:
        ll = _lat_lon(f)
        if ll is None:
            continue
        p = f["properties"]
        pkey = str(p.get("place_key") or p.get("place") or "")
        # one entry per place, position *and* claim: a key seen at two positions stays two places, and an
        # incident that widened its place (a town standing for an area around it) keeps its own radius
        pk = f"{pkey}@{ll[0]:.5f},{ll[1]:.5f}@{p.get('precision')}@{int(p.get('uncertainty_m') or 0)}"
        pi = place_idx.get(pk)
        if pi is None:
            pi = place_idx[pk] = len(place_rows)
            unc = int(p.get("uncertainty_m") or 0)
            area = area_shape(p)
            place_rows.append([str(p.get("place") or "?"), str(p.get("precision") or "?"), unc,  # PLACE_FIELDS
                               round(ll[0], 5), round(ll[1], 5), area,
                               str(p.get("country_code") or "").upper(), *place_bounds(p, *ll)])
            circle = [round(ll[0], 5), round(ll[1], 5), unc]  # CIRCLE_FIELDS
            # areas are drawn as areas; two places with the same disc (a city and its "government
            # buildings" at the city's centre) draw it once, not twice as dark
            if not area and p.get("precision") != "point" and unc >= 200 and circle not in circles:
                circles.append(circle)
        ev = str(p.get("evidence") or "")
        if len(ev) > MAX_EVIDENCE_CHARS:
            ev = ev[: MAX_EVIDENCE_CHARS - 1] + "…"
        date = str(p.get("date") or "")
        if p.get("date_text") and p.get("date_text") != date:
            date = f"{date} ({p['date_text']})" if date else str(p["date_text"])
        fat = p.get("fatalities")
        rows.append(
            [  # ROW_FIELDS
                str(p.get("id") or f.get("id")),
                idx("types", str(p.get("incident_type") or "?")),
                pi,
                idx("dates", date),
                fat if isinstance(fat, int) else None,
                idx("actors", actor_line(p)),
                idx("sentences", ev),
                1 if p.get("status") == "planned" else 0,
            ]
        )
    used = {k.rsplit("@", 3)[0] for k in place_idx}
    muted = []
    if show_muted:
        for pf in places:
            key = str(pf.get("id") or "")
            if key in used:
                continue
            ll = _lat_lon(pf)
            if ll is None:
                continue
            pp = pf.get("properties", {})
            muted.append([key, str(pp.get("name") or key), round(ll[0], 5), round(ll[1], 5)])  # MUTED_FIELDS
    if len(circles) > MAX_CIRCLES:
        circles = []
    return {
        "rows": rows,
        "types": list(tables["types"]),
        "places": place_rows,
        "dates": list(tables["dates"]),
        "actors": list(tables["actors"]),
        "sentences": list(tables["sentences"]),
        "circles": circles,
        "muted": muted,
        "sel": [str(s) for s in selected_ids],
        "cluster": len(rows) > cluster_threshold,
        "focus": bool(focus),
    }


def incident_layer(payload: dict) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name="Incidents")
    _IncidentData(_inert_json(_as_arrays(payload, PAYLOAD_FIELDS))).add_to(fg)
    return fg


def focus_view(feature: dict, seq: int = 0) -> tuple[list[float], int] | None:
    """(center, zoom) to show one incident; ``seq`` nudges the centre by ~1 cm so re-selecting
    the same incident after panning away still moves the map (streamlit-folium ignores an
    unchanged centre)."""
    ll = _lat_lon(feature)
    if ll is None:
        return None
    p = feature.get("properties", {})
    zoom = FOCUS_ZOOM.get(p.get("precision"), 10)
    return [ll[0] + (seq % 97) * 1e-7, ll[1]], zoom


def render_map(
    view: dict,
    payload: dict,
    *,
    tiles: bool = True,
    center: Sequence[float] | None = None,
    zoom: int | None = None,
    on_change=None,
    height: int = MAP_HEIGHT,
    key: str = MAP_KEY,
    extra_layers: Sequence[folium.FeatureGroup] = (),
    signal_drawn: bool = False,
):
    """Draw the map; returns streamlit-folium's value (only ``last_active_drawing`` is returned,
    so panning/zooming never reruns the app). ``extra_layers`` go after the incident layer (the
    correction panel's point picking, :mod:`components.map_pick`): like it, they never touch the base map."""
    from streamlit_folium import st_folium

    m = base_map(view, tiles=tiles, signal_drawn=signal_drawn)
    return st_folium(
        m,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        feature_group_to_add=[incident_layer(payload), *extra_layers],
        center=list(center) if center else None,
        zoom=zoom,
        on_change=on_change,
    )


def clicked_object(value: dict | None) -> tuple[str, str] | None:
    """(kind, id) of the map object a streamlit-folium value says was clicked."""
    if not isinstance(value, dict):
        return None
    drawing = value.get("last_active_drawing")
    if not isinstance(drawing, dict):
        return None
    props = drawing.get("properties") or {}
    kind, oid = props.get("kind"), props.get("id")
    if kind in ("incident", "place") and isinstance(oid, str):
        return kind, oid
    return None
