"""Corrections on the article page (AppTest): made, shown in the table, the card, the map and the downloads'
data, surviving a rerun, a new session and a re-analysis, undone. Every test has its own store
(INCIDENTMAP_DB in a tmp dir): tests never touch the user's store."""

from __future__ import annotations

import html
import pytest

from components import data
from components.map_view import ROW_FIELDS
from components.table import CORRECTED_MARK
from incidentmap import settings
from incidentmap.corpus.store import Store
from incidentmap.taxonomy import incident_types

from dash_helpers import open_all
from test_app import TIMEOUT, all_html, expected_view, map_payload, table, widget

APP = "dashboard.py"


@pytest.fixture
def db(monkeypatch, tmp_path):
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.delenv(settings.ANALYSIS_FIXTURE, raising=False)
    path = tmp_path / "corpus.duckdb"
    monkeypatch.setenv(settings.DB, str(path))
    return path


def new_session():
    from streamlit.testing.v1 import AppTest

    from test_app import APP as app_path

    at = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    open_all(at)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def select(at, iid: str):
    at.session_state["selection"] = {"ids": [iid], "place": None, "seq": 0, "focus": None}
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def click(at, label: str):
    widget(at.button, label).click().run()
    assert not at.exception, [e.value for e in at.exception]


def type_cell(at, iid: str) -> str:
    df = table(at)
    return str(df["Type"][list(df["ID"]).index(iid)])


def card(at) -> str:
    return next(h.proto.body for h in at.get("html") if "im-details" in h.proto.body)


def map_type(at, iid: str) -> str | None:
    payload = map_payload(at)
    for r in payload["rows"]:
        if r[ROW_FIELDS.index("id")] == iid:
            return payload["types"][r[ROW_FIELDS.index("type")]]
    return None


def _other_type(p: dict) -> str:
    return next(t.slug for t in incident_types().values() if t.slug != p["incident_type"])


def test_retype_is_shown_everywhere_survives_rerun_session_and_reanalysis_and_is_undone(db):
    at = new_session()
    view = expected_view()
    p = view["incidents"][-1]["properties"]
    iid, new = p["id"], _other_type(p)
    new_label = incident_types()[new].label
    assert not db.exists()  # reading the page creates no store
    select(at, iid)
    widget(at.selectbox, "Type").set_value(new).run()
    click(at, "Change type")
    assert db.exists()
    assert type_cell(at, iid) == f"{CORRECTED_MARK} {new_label}"
    assert html.escape(new_label) in card(at) and "im-corrected" in card(at)
    assert html.escape(p["label"]) in card(at)  # the machine's value, kept
    assert map_type(at, iid) == new
    # the rest is the machine's
    others = [f["properties"] for f in view["incidents"] if f["properties"]["id"] != iid]
    assert all(not type_cell(at, o["id"]).startswith(CORRECTED_MARK) for o in others)

    at.run()  # a rerun
    assert type_cell(at, iid) == f"{CORRECTED_MARK} {new_label}"

    import streamlit as st

    st.cache_data.clear()  # the analysis runs again on the same text, in a new session
    st.cache_resource.clear()
    again = new_session()
    assert type_cell(again, iid) == f"{CORRECTED_MARK} {new_label}"
    assert map_type(again, iid) == new

    # the page's downloads are built from the Features the page shows: the stored correction, exported
    with Store(db) as s:
        from incidentmap.corrections import apply_corrections, article_hash
        from incidentmap.export import incidents_csv

        h = article_hash(data.seed_text())
        feats = apply_corrections(view["incidents"], s.corrections(article_hash=h), article_hash=h)
    assert '"corrected"' not in incidents_csv(view["incidents"]) and ",True," in incidents_csv(feats)

    select(again, iid)
    click(again, "Undo")
    assert type_cell(again, iid) == p["label"]
    assert "im-corrected" not in card(again)
    with Store(db) as s:  # history kept
        assert [c.active for c in s.corrections(include_undone=True)] == [False]


def test_not_an_event_stays_in_the_table_flagged_and_leaves_the_map(db):
    at = new_session()
    view = expected_view()
    p = view["incidents"][0]["properties"]
    n = len(view["incidents"])
    select(at, p["id"])
    click(at, "Not an event")
    assert len(table(at)) == n
    assert type_cell(at, p["id"]) == f"{CORRECTED_MARK} {p['label']} (not an event)"
    assert len(map_payload(at)["rows"]) == n - 1 and map_type(at, p["id"]) is None
    assert "marked not an event" in card(at)
    next(t for t in at.toggle if "marked not an event" in t.label).set_value(True).run()
    assert len(map_payload(at)["rows"]) == n


def test_moving_a_place_can_move_the_incidents_that_inherited_it(db):
    at = new_session()
    view = expected_view()
    from collections import Counter

    key, count = Counter(f["properties"]["place_key"] for f in view["incidents"]).most_common(1)[0]
    assert count > 1
    group = [f["properties"]["id"] for f in view["incidents"] if f["properties"]["place_key"] == key]
    select(at, group[0])
    widget(at.text_input, "Find a place by name (offline gazetteer)").input("Nairobi").run()
    assert "Nairobi" in widget(at.selectbox, "Matches").options[0]
    widget(at.checkbox, f"Also move the {count - 1} other incident(s) placed at the same place").check().run()
    click(at, "Move to this place")
    df = table(at)
    moved = {i for i, place in zip(df["ID"], df["Place"]) if place == "Nairobi"}
    assert moved == set(group)
    assert all(str(t).startswith(CORRECTED_MARK) for i, t in zip(df["ID"], df["Type"]) if i in moved)


def test_a_point_with_its_radius_and_a_hostile_note_is_escaped(db):
    at = new_session()
    view = expected_view()
    p = view["incidents"][0]["properties"]
    select(at, p["id"])
    widget(at.number_input, "Latitude").set_value(43.25).run()
    widget(at.number_input, "Longitude").set_value(76.95).run()
    widget(at.number_input, "± km").set_value(0.5).run()
    click(at, "Move to this point")
    assert "point, ±500 m" in card(at)
    hostile = '<img src=x onerror="alert(1)"> **bold**'
    widget(at.text_area, "Note").input(hostile).run()
    click(at, "Add note")
    body = all_html(at)
    assert "<img src=x" not in body and html.escape(hostile, quote=True) in body
    assert not [e for e in at.error]


def test_duplicate_of_another_incident_is_flagged_in_table_and_card(db):
    at = new_session()
    view = expected_view()
    a, b = (f["properties"] for f in view["incidents"][:2])
    select(at, b["id"])
    widget(at.selectbox, "Duplicate of").set_value(a["id"]).run()
    click(at, "Mark as duplicate")
    assert type_cell(at, b["id"]) == f"{CORRECTED_MARK} {b['label']} (duplicate)"
    assert f"marked duplicate of {a['id']}" in card(at)
    assert map_type(at, b["id"]) is None and map_type(at, a["id"]) is not None


def test_an_unreadable_store_is_said_and_the_page_still_works(db):
    db.write_text("not a database", encoding="utf-8")
    at = new_session()
    view = expected_view()
    assert len(table(at)) == len(view["incidents"])
    select(at, view["incidents"][0]["properties"]["id"])
    assert any("cannot be saved or read" in w.value for w in at.warning)
    click(at, "Not an event")  # refused with its reason, nothing lost
    assert any(e.value for e in at.error)
    assert db.read_text(encoding="utf-8") == "not a database"


def _map_args(at) -> dict:
    import json

    comps = [c for c in at.get("component_instance") if "st_folium" in c.proto.component_name]
    assert len(comps) == 1
    return json.loads(comps[0].proto.json_args)


def _pick_layer(at) -> tuple | None:
    """(picking, lat, lon, radius_m) of the map's picking layer (components/map_pick.py), None without one."""
    import re

    m = re.search(r"\}\)\(\w+, ([01]), ([-\d.]+), ([-\d.]+), ([-\d.]+)\);", _map_args(at)["feature_group"])
    return (m.group(1) == "1", *map(float, m.groups()[1:])) if m else None


def _click_map(at, lat: float, lon: float, zoom: int) -> None:
    """What streamlit-folium does when the picking layer reports a click: the map's value under the page's
    map key, then the page's on_change callbacks (AppTest cannot click inside the component's iframe)."""
    from components import corrections_panel, selection
    from components.map_view import MAP_KEY

    state = {k: at.session_state[k] for k in (corrections_panel.PICK_KEY, selection.SEL_KEY)}
    state[MAP_KEY] = {"last_active_drawing": {
        "type": "Feature", "properties": {"kind": "point", "zoom": zoom, "click": 1},
        "geometry": {"type": "Point", "coordinates": [lon, lat]}}}
    corrections_panel.on_map_click(state, MAP_KEY)
    selection.on_map_click(state, MAP_KEY)
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_point_clicked_on_the_map_is_stored_shown_exported_and_undone(db):
    from components.corrections_panel import PICK_KEY
    from incidentmap.corrections import apply_corrections, article_hash
    from incidentmap.export import incidents_csv, incidents_geojson

    at = new_session()
    view = expected_view()
    p = view["incidents"][0]["properties"]
    iid = p["id"]
    machine_lon, machine_lat = view["incidents"][0]["geometry"]["coordinates"]
    select(at, iid)
    base = _map_args(at)["script"]
    assert _pick_layer(at) is None  # no picking layer: an ordinary click reruns nothing
    click(at, "Pick the point on the map")
    assert _pick_layer(at)[0] is True and _map_args(at)["script"] == base  # the base map (and view) untouched
    assert len(map_payload(at)["rows"]) == len(view["incidents"])  # the incident layer is still there
    assert any("Click the map where the incident happened" in i.value for i in at.info)

    _click_map(at, -1.28333, 36.81667, zoom=14)  # a click at street zoom: the 1 km default holds
    assert at.session_state["selection"]["ids"] == [iid]  # the click picked a point, it selected nothing
    assert widget(at.number_input, "Latitude").value == pytest.approx(-1.28333)
    assert widget(at.number_input, "Longitude").value == pytest.approx(36.81667)
    assert widget(at.number_input, "± km").value == pytest.approx(1.0)
    assert _pick_layer(at) == (False, -1.28333, 36.81667, 1000.0)  # the picked point, shown until applied
    assert not db.exists()  # nothing stored until applied
    widget(at.number_input, "± km").set_value(3.0).run()
    click(at, "Move to this point")
    assert "point, ±3 km" in card(at) and "im-corrected" in card(at)
    assert _pick_layer(at) is None and at.session_state.get(PICK_KEY) is None
    with Store(db) as s:
        (c,) = s.corrections(article_hash=article_hash(data.seed_text()))
        feats = apply_corrections(view["incidents"], [c], article_hash=c.article_hash)
    assert (c.value["lat"], c.value["lon"], c.value["uncertainty_m"], c.value["click_zoom"]) == (
        -1.28333, 36.81667, 3000, 14)
    moved = next(f for f in incidents_geojson(feats)["features"] if f["properties"]["id"] == iid)
    assert moved["geometry"]["coordinates"] == [36.81667, -1.28333]
    assert moved["properties"]["corrected"] is True and moved["properties"]["precision"] == "point"
    was = moved["properties"]["original"]
    assert (was["lat"], was["lon"]) == (machine_lat, machine_lon)
    assert ",True," in incidents_csv(feats)
    # the map draws the incident at the clicked point
    payload = map_payload(at)
    row = next(r for r in payload["rows"] if r[ROW_FIELDS.index("id")] == iid)
    place = payload["places"][row[ROW_FIELDS.index("place")]]
    assert place[3:5] == [-1.28333, 36.81667]

    click(at, "Undo")
    assert "im-corrected" not in card(at)
    with Store(db) as s:
        assert s.corrections() == [] and len(s.corrections(include_undone=True)) == 1


def test_a_click_too_far_out_is_refused_and_picking_can_be_cancelled(db):
    from components.corrections_panel import PICK_KEY

    at = new_session()
    view = expected_view()
    select(at, view["incidents"][0]["properties"]["id"])
    click(at, "Pick the point on the map")
    _click_map(at, 10.0, 20.0, zoom=3)  # ~200 km a click at zoom 3: not a point
    assert any("zoom in and click again" in e.value for e in at.error)
    assert at.session_state[PICK_KEY]["mode"] == "picking"  # still picking
    click(at, "Cancel picking")
    assert at.session_state.get(PICK_KEY) is None and _pick_layer(at) is None
    assert any("Picking cancelled" in m.value for m in at.success)
    assert not db.exists()
