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
from typing import Iterable, Sequence

import folium
from branca.element import MacroElement
from folium.template import Template

from .static_assets import AssetUrls, asset_urls, icon_svg

MAP_KEY = "incident_map"
MAP_HEIGHT = 560
CLUSTER_THRESHOLD = 400
MAX_CIRCLES = 500
MAX_EVIDENCE_CHARS = 600
FOCUS_ZOOM = {"country": 5, "region": 7, "city": 11, "district": 13, "point": 15}
TILE_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


# ---- the Python -> map.js contract, written down only here
# Python sends arrays only (see _inert_json). map.js holds no copy of these lists: the base map's init
# data starts with LAYOUTS, and map.js reads every field by name (F.row.id is where a row keeps its id).
# tests/test_components.py checks that the names map.js reads are exactly the names sent here.
INIT_FIELDS = ("layouts", "outlineUrl", "imagePath", "types", "legend", "legendOpen")  # "layouts" stays first
PAYLOAD_FIELDS = ("rows", "types", "places", "dates", "actors", "sentences", "circles", "muted", "sel", "cluster",
                  "focus")
TYPE_FIELDS = ("slug", "label", "colour", "svg")  # INIT "types": every taxonomy type, in legend order
ROW_FIELDS = ("id", "type", "place", "date", "fatalities", "actors", "sentence", "planned")  # one incident
PLACE_FIELDS = ("name", "precision", "uncertainty_m", "lat", "lon")  # a place with shown incidents
CIRCLE_FIELDS = ("lat", "lon", "radius_m")  # an uncertainty circle
MUTED_FIELDS = ("key", "name", "lat", "lon")  # a place without shown incidents
LAYOUTS = {
    "init": INIT_FIELDS, "payload": PAYLOAD_FIELDS, "type": TYPE_FIELDS, "row": ROW_FIELDS,
    "place": PLACE_FIELDS, "circle": CIRCLE_FIELDS, "muted": MUTED_FIELDS,
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


def base_map(view: dict, *, tiles: bool = True, assets: AssetUrls | None = None) -> folium.Map:
    """The part of the map that does not depend on filters or selection."""
    assets = assets or asset_urls()
    bounds = data_bounds(view["incidents"]) or data_bounds(view["places"])
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
    if tiles:
        folium.TileLayer(
            "OpenStreetMap", attr=TILE_ATTRIBUTION + " | Icons: Font Awesome Free (CC BY 4.0)", max_zoom=19
        ).add_to(m)
    present = {f["properties"].get("incident_type") for f in view["incidents"]}
    types = type_meta()
    legend = [t[0] for t in types if t[0] in present] + sorted(s for s in present if s and s not in {t[0] for t in types})
    _MapInit(
        {
            "layouts": [[name, list(fields)] for name, fields in LAYOUTS.items()],
            "outlineUrl": assets.basemap,
            "imagePath": assets.leaflet_images,
            "types": types,
            "legend": legend,
            "legendOpen": False,  # the same legend, with counts, is shown under the map
        }
    ).add_to(m)
    if bounds:
        if bounds[0] == bounds[1]:
            pad = 0.05
            bounds = [[bounds[0][0] - pad, bounds[0][1] - pad], [bounds[1][0] + pad, bounds[1][1] + pad]]
        m.fit_bounds(bounds, max_zoom=11, padding=(70, 70))
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
    places:  PLACE_FIELDS [name, precision, uncertainty_m, lat, lon]
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
        # one entry per place *and* position (a key seen at two positions stays two markers' places)
        pk = f"{pkey}@{ll[0]:.5f},{ll[1]:.5f}"
        pi = place_idx.get(pk)
        if pi is None:
            pi = place_idx[pk] = len(place_rows)
            unc = int(p.get("uncertainty_m") or 0)
            place_rows.append([str(p.get("place") or "?"), str(p.get("precision") or "?"), unc,  # PLACE_FIELDS
                               round(ll[0], 5), round(ll[1], 5)])
            if p.get("precision") != "point" and unc >= 200:
                circles.append([round(ll[0], 5), round(ll[1], 5), unc])  # CIRCLE_FIELDS
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
                idx("actors", ", ".join(str(a) for a in (p.get("actors") or []))),
                idx("sentences", ev),
                1 if p.get("status") == "planned" else 0,
            ]
        )
    used = {k.rsplit("@", 1)[0] for k in place_idx}
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
):
    """Draw the map; returns streamlit-folium's value (only ``last_active_drawing`` is returned,
    so panning/zooming never reruns the app)."""
    from streamlit_folium import st_folium

    m = base_map(view, tiles=tiles)
    return st_folium(
        m,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        feature_group_to_add=incident_layer(payload),
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
