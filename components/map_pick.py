"""Choosing a point by clicking the map: the correction panel's "Move to a point on the map".

How it reaches Python. streamlit-folium (0.27) returns ``last_clicked`` only when it is in
``returned_objects``, and its frontend reads that list once, when the map is first built: changing it on a
rerun neither rebuilds the iframe nor takes effect (and asking for ``last_clicked`` all the time would rerun
the page at every click on the map). So the mode rides on what the page already listens to: while picking,
a small layer is added to the map next to the incident layer (``feature_group_to_add``; the base map is
untouched, so the view and the layers stay). Its script listens to the map's clicks and reports one the way
a marker click is reported, as ``last_active_drawing``: a GeoJSON Point with ``properties.kind == "point"``
and the map's zoom (:func:`clicked_point` reads it). Out of the mode the layer is not there: an ordinary
click on the map reruns nothing, and a click on a marker selects it as before.

While picking, markers let the click through (so a click on a pin picks that spot instead of selecting
another incident), the cursor is a crosshair, a banner says what to do, and Esc (with the map focused)
leaves the mode, reported as ``kind == "pickcancel"``. A picked point not yet applied is drawn with its
uncertainty radius (:func:`pick_layer` ``pending``). The selected incident's popup is closed meanwhile (it
would cover the spot; the details card shows the same).

Only numbers go into the script (never text from an article or an analyst).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import folium
from branca.element import MacroElement
from folium.template import Template

POINT_KIND = "point"
CANCEL_KIND = "pickcancel"
BANNER = "Click the map where the incident happened (Esc: cancel)"


@dataclass(frozen=True, slots=True)
class ClickedPoint:
    lat: float
    lon: float
    zoom: int


class _Pick(MacroElement):
    # No "]);" in this script: tests/test_app.py finds the incident layer's data with a greedy regex ending
    # there. No "_x" names either (streamlit-folium renames folium's "_<id>" variables in these scripts).
    _template = Template(
        """{% macro script(this, kwargs) %}
        (function (group, picking, lat, lon, radius) {
          var map = window.map;
          if (!map) return;
          if (!document.getElementById("im-pick-style")) {
            var st = document.createElement("style");
            st.id = "im-pick-style";
            st.textContent =
              ".im-picking, .im-picking .leaflet-grab, .im-picking .leaflet-interactive" +
              " { cursor: crosshair !important; }" +
              ".im-picking .leaflet-marker-pane *, .im-picking .leaflet-overlay-pane .leaflet-interactive" +
              " { pointer-events: none !important; }" +
              ".im-pick-banner { background: #fff8e1; border: 1px solid #c9a227; border-radius: 4px;" +
              " padding: 4px 8px; font: 13px sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }" +
              ".im-pick-point { box-sizing: border-box; border-radius: 50%; background: #ffd54f;" +
              " border: 3px solid #7a5c00;" +
              " box-shadow: 0 0 0 2px #fff; }";
            document.head.appendChild(st);
          }
          window.IMpickSeq = window.IMpickSeq || 0;
          /* the selected incident's popup (re-opened by the incident layer just before) would hide the spot */
          setTimeout(function () { map.closePopup(); }, 0);
          function report(kind, ll) {
            var stand = L.marker(ll);  /* not drawn: carries the click to streamlit-folium */
            /* a click id unique even across a rebuilt iframe: the same spot picked again is a new value */
            var id = Date.now() + "-" + (++window.IMpickSeq);
            stand.feature = { type: "Feature", properties: { kind: kind, zoom: map.getZoom(), click: id } };
            group.fire("click", { layer: stand, latlng: ll, sourceTarget: stand });
          }
          if (picking) {
            var Mode = L.Layer.extend({
              onAdd: function (m) {
                m.getContainer().classList.add("im-picking");
                m.on("click", this.pick, this);
                L.DomEvent.on(document, "keydown", this.key, this);
                this.banner = L.control({ position: "topright" });
                this.banner.onAdd = function () {
                  var d = L.DomUtil.create("div", "im-pick-banner");
                  d.textContent = "BANNER";
                  L.DomEvent.disableClickPropagation(d);
                  return d;
                };
                this.banner.addTo(m);
              },
              onRemove: function (m) {
                m.getContainer().classList.remove("im-picking");
                m.off("click", this.pick, this);
                L.DomEvent.off(document, "keydown", this.key, this);
                if (this.banner) m.removeControl(this.banner);
              },
              pick: function (e) { report("POINT", map.wrapLatLng(e.latlng)); },
              key: function (e) { if (e.key === "Escape") report("CANCEL", map.getCenter()); }
            });
            group.addLayer(new Mode());
          } else if (radius > 0) {
            var pts = [], dlat = radius / 111320, k = Math.max(Math.cos(lat * Math.PI / 180), 0.01);
            for (var i = 0; i < 64; i++) {
              var a = 2 * Math.PI * i / 64;
              pts.push(L.latLng(lat + dlat * Math.sin(a), lon + dlat / k * Math.cos(a)));
            }
            L.polygon(pts, { color: "#c9a227", weight: 2, dashArray: "6 4", fillOpacity: 0.08, interactive: false,
                             className: "im-pick-radius" }).addTo(group);
            /* above the pins (a pin may be where the point is), and not clickable: clicks go through it */
            L.marker(L.latLng(lat, lon), { interactive: false, keyboard: false, zIndexOffset: 5000,
              icon: L.divIcon({ className: "im-pick-point", iconSize: [16, 16], iconAnchor: [8, 8], html: "" })
            }).addTo(group);
          }
        })({{ this._parent.get_name() }}, {{ this.args }});
        {% endmacro %}""".replace("BANNER", BANNER).replace('"POINT"', f'"{POINT_KIND}"').replace(
            '"CANCEL"', f'"{CANCEL_KIND}"')
    )

    def __init__(self, *, picking: bool, lat: float = 0.0, lon: float = 0.0, radius_m: float = 0.0):
        super().__init__()
        self._name = "IncidentMapPick"
        nums = [float(lat), float(lon), float(radius_m)]
        if not all(math.isfinite(x) for x in nums):
            raise ValueError(f"not a point: {nums}")
        self.args = ", ".join(["1" if picking else "0", *(f"{x:.6f}" for x in nums)])


def pick_layer(*, picking: bool, pending: tuple[float, float, float] | None = None) -> folium.FeatureGroup | None:
    """The layer to add to the map: the picking mode, or the picked point (lat, lon, radius in m) waiting to
    be applied; None when neither."""
    if not picking and pending is None:
        return None
    fg = folium.FeatureGroup(name="Correction point", control=False)
    if picking:
        _Pick(picking=True).add_to(fg)
    else:
        lat, lon, radius = pending
        _Pick(picking=False, lat=lat, lon=lon, radius_m=radius).add_to(fg)
    return fg


def _drawing(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    drawing = value.get("last_active_drawing")
    return drawing if isinstance(drawing, dict) else None


def clicked_point(value) -> ClickedPoint | None:
    """The point a streamlit-folium value says was clicked in picking mode (longitude wrapped to
    [-180, 180)), or None."""
    drawing = _drawing(value)
    if drawing is None:
        return None
    props = drawing.get("properties") or {}
    if props.get("kind") != POINT_KIND:
        return None
    try:
        lon, lat = (float(x) for x in (drawing.get("geometry") or {}).get("coordinates")[:2])
        zoom = int(props.get("zoom"))
    except (TypeError, ValueError, IndexError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90):
        return None
    lon = (lon + 180.0) % 360.0 - 180.0
    return ClickedPoint(round(lat, 6), round(lon, 6), zoom)


def cancelled(value) -> bool:
    """The value says Esc was pressed on the map in picking mode."""
    drawing = _drawing(value)
    return bool(drawing) and (drawing.get("properties") or {}).get("kind") == CANCEL_KIND

