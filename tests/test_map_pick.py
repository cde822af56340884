"""Picking a point on the map for a correction: the layer's script, the click's value, the panel's state."""

from __future__ import annotations

import re

import folium
import pytest
from streamlit_folium import _get_feature_group_string

from components import corrections_panel as panel
from components import map_pick
from incidentmap import corrections as corr
from incidentmap.errors import CorrectionError


def _value(kind="point", lat=43.25, lon=76.95, zoom=12, click=1):
    return {"last_active_drawing": {"type": "Feature", "properties": {"kind": kind, "zoom": zoom, "click": click},
                                    "geometry": {"type": "Point", "coordinates": [lon, lat]}}}


def _script(fg) -> str:
    return _get_feature_group_string(fg, folium.Map(), idx=1)


def test_no_layer_unless_picking_or_a_point_is_pending():
    assert map_pick.pick_layer(picking=False) is None
    picking = _script(map_pick.pick_layer(picking=True))
    assert re.search(r"\}\)\(feature_group_feature_group_1, 1, 0\.000000, 0\.000000, 0\.000000\);", picking)
    pending = _script(map_pick.pick_layer(picking=False, pending=(-1.5, 36.8, 2500)))
    assert "feature_group_feature_group_1, 0, -1.500000, 36.800000, 2500.000000);" in pending
    # what the incident layer's test helper and streamlit-folium's renaming must never meet in this script
    assert "]);" not in picking and "{{" not in picking
    with pytest.raises(ValueError):
        map_pick.pick_layer(picking=False, pending=(float("nan"), 0.0, 1.0))


def test_clicked_point_reads_only_picking_clicks_and_wraps_longitude():
    assert map_pick.clicked_point(_value(lon=76.95)) == map_pick.ClickedPoint(43.25, 76.95, 12)
    assert map_pick.clicked_point(_value(lon=436.95)).lon == pytest.approx(76.95)  # a world copy to the east
    assert map_pick.clicked_point(_value(lon=-190.0)).lon == pytest.approx(170.0)
    for bad in (None, {}, _value(kind="incident"), _value(lat=95), _value(zoom=None),
                {"last_active_drawing": {"properties": {"kind": "point", "zoom": 3}, "geometry": None}}):
        assert map_pick.clicked_point(bad) is None
    assert map_pick.cancelled(_value(kind=map_pick.CANCEL_KIND)) and not map_pick.cancelled(_value())
    from components.map_view import clicked_object

    assert clicked_object(_value()) is None  # a picked point never selects anything


def test_a_clicks_radius_is_what_the_zoom_allows_never_below_the_point_default():
    assert corr.click_uncertainty_m(lat=0, zoom=18) == corr.SETTINGS.point_uncertainty_m
    assert corr.click_uncertainty_m(lat=0, zoom=5) == pytest.approx(10 * 156_543.034 / 32)  # ~49 km
    # the same zoom is finer away from the equator (Mercator)
    assert corr.click_uncertainty_m(lat=60, zoom=7) == pytest.approx(corr.click_uncertainty_m(lat=0, zoom=7) / 2)
    for bad in ({"lat": 91, "zoom": 5}, {"lat": 0, "zoom": -1}, {"lat": "x", "zoom": 5}):
        with pytest.raises(CorrectionError):
            corr.click_uncertainty_m(**bad)


def test_the_panel_state_follows_the_click():
    state = {"m": _value()}
    panel.on_map_click(state, "m")  # not picking: nothing happens
    assert state == {"m": _value()}
    panel.start_pick(state, "i1")
    assert panel.map_layer(state, ["i1"]) is not None and panel.map_layer(state, ["i2"]) is None
    assert panel.map_layer(state, ["i1", "i2"]) is None
    state["m"] = _value(zoom=3)  # ~190 km at 43°N: too far out for a point
    panel.on_map_click(state, "m")
    assert state[panel.PICK_KEY]["mode"] == "picking" and "zoom in" in state[panel.MESSAGE_KEY][1]
    state["m"] = _value(zoom=9)
    panel.on_map_click(state, "m")
    assert state[panel.PICK_KEY] == {"id": "i1", "mode": "picked", "lat": 43.25, "lon": 76.95, "zoom": 9,
                                     "radius_m": pytest.approx(corr.click_uncertainty_m(lat=43.25, zoom=9))}
    # the inputs get the point, and the radius in km rounded up (2,227 m -> 2.23 km): never a smaller claim
    assert (state["corr_lat_i1"], state["corr_lon_i1"], state["corr_radius_i1"]) == (43.25, 76.95, 2.23)
    panel.on_map_click(state, "m")  # picked already: a later change of the value is not a new pick
    assert state[panel.PICK_KEY]["mode"] == "picked"
    panel.start_pick(state, "i1")
    state["m"] = _value(kind=map_pick.CANCEL_KIND)
    panel.on_map_click(state, "m")
    assert panel.PICK_KEY not in state and "cancelled" in state[panel.MESSAGE_KEY][1]
