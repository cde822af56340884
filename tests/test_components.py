"""Unit tests of the dashboard components (no browser, no Streamlit server)."""

from __future__ import annotations

import datetime as dt
import json
import re

import dash_helpers as helpers
import pytest

from components import article_view, downloads, selection
from components.filters import FilterSpec, date_bounds, filter_incidents, place_options
from components.map_view import (
    CIRCLE_FIELDS, INIT_FIELDS, LAYOUTS, MUTED_FIELDS, PAYLOAD_FIELDS, PLACE_FIELDS, ROW_FIELDS, TYPE_FIELDS,
    base_map, build_payload, clicked_object, focus_view, incident_layer,
)
from components.notices import in_area_note, left_at_city_note, places_in_context_area, places_left_at_city
from components.static_assets import asset_urls, ensure_vendor, icon_svg, static_url
from components.table import filtered_table, incidents_frame, indexed_frame
from incidentmap.export import incidents_csv


def feat(i, typ="protest", place="Almaty", key="p:almaty", date="2022-01-05", precision="city", **props):
    p = {
        "id": f"i{i}", "incident_type": typ, "label": typ.title(), "place": place, "place_key": key,
        "precision": precision, "uncertainty_m": 10_000, "date": date, "date_text": "", "actors": [],
        "fatalities": None, "evidence": f"Sentence {i} about {typ} in {place}.", "start": 0, "end": 10,
        "status": "reported",
    }
    p.update(props)
    return {"type": "Feature", "id": p["id"], "geometry": {"type": "Point", "coordinates": [76.9, 43.25]}, "properties": p}


@pytest.fixture
def feats():
    return [
        feat(1, "protest", date="2022-01-05"),
        feat(2, "riot", date="2022-01-06", actors=["mobs"]),
        feat(3, "arrest", place="Moscow", key="p:moscow", date=None),
        feat(4, "protest", place="Kazakhstan", key="c:kz", precision="country", date="2022-01-02/2022-01-08"),
        feat(5, "curfew", date="2022-01", evidence="A curfew is in effect in the evening."),
    ]


# ----------------------------------------------------------------- filtering


def test_no_filter_keeps_everything_in_order(feats):
    assert filter_incidents(feats) == feats
    assert filter_incidents(feats, FilterSpec()) == feats


def test_type_filter(feats):
    out = filter_incidents(feats, types=("protest",))
    assert [f["properties"]["id"] for f in out] == ["i1", "i4"]
    assert filter_incidents(feats, types=("protest", "curfew")) == [feats[0], feats[3], feats[4]]


def test_place_and_precision_filters(feats):
    assert [f["id"] for f in filter_incidents(feats, places=("p:moscow",))] == ["i3"]
    assert [f["id"] for f in filter_incidents(feats, precisions=("country",))] == ["i4"]


def test_status_filter(feats):
    feats[2]["properties"]["status"] = "planned"
    assert [f["id"] for f in filter_incidents(feats, statuses=("planned",))] == ["i3"]
    assert [f["id"] for f in filter_incidents(feats, statuses=("reported",))] == ["i1", "i2", "i4", "i5"]
    assert filter_incidents(feats, statuses=("reported", "planned")) == feats
    assert FilterSpec(statuses=("planned",)).active and not FilterSpec().active


def test_date_range_overlaps_intervals_and_months(feats):
    out = filter_incidents(feats, date_from=dt.date(2022, 1, 6), date_to=dt.date(2022, 1, 6))
    # i2 on the day, i4's interval covers it, i5 is "2022-01" (whole month), i3 undated kept by default
    assert [f["id"] for f in out] == ["i2", "i3", "i4", "i5"]
    out = filter_incidents(feats, date_from=dt.date(2022, 1, 6), date_to=dt.date(2022, 1, 6), include_undated=False)
    assert [f["id"] for f in out] == ["i2", "i4", "i5"]
    assert [f["id"] for f in filter_incidents(feats, date_to=dt.date(2022, 1, 1))] == ["i3", "i5"]


def test_text_search_all_words_case_insensitive(feats):
    assert [f["id"] for f in filter_incidents(feats, text="CURFEW evening")] == ["i5"]
    assert [f["id"] for f in filter_incidents(feats, text="mobs")] == ["i2"]
    assert filter_incidents(feats, text='"evening curfew"') == []
    assert filter_incidents(feats, text="   ") == feats


def test_filter_spec_and_kwargs_are_exclusive(feats):
    with pytest.raises(TypeError):
        filter_incidents(feats, FilterSpec(), types=("x",))


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2022-01-05", (dt.date(2022, 1, 5), dt.date(2022, 1, 5))),
        ("2022-01-05T10:00", (dt.date(2022, 1, 5), dt.date(2022, 1, 5))),
        ("2022-02", (dt.date(2022, 2, 1), dt.date(2022, 2, 28))),
        ("2022", (dt.date(2022, 1, 1), dt.date(2022, 12, 31))),
        ("2022-01-02/2022-01-08", (dt.date(2022, 1, 2), dt.date(2022, 1, 8))),
        ("2022-01/2022-02", (dt.date(2022, 1, 1), dt.date(2022, 2, 28))),
        (None, None),
        ("", None),
        ("last week", None),
        ("2022-13-45", None),
    ],
)
def test_date_bounds(value, expected):
    assert date_bounds(value) == expected


def test_place_options_most_incidents_first(feats):
    opts = place_options(feats)
    assert list(opts)[0] == "p:almaty"
    assert opts["c:kz"] == "Kazakhstan (country)"


# ----------------------------------------------------------------- map


def _leaflet_script(m):
    from streamlit_folium import _get_map_string

    m.get_root().render()
    return _get_map_string(m)


def test_base_map_is_deterministic_and_local_only():
    from streamlit_folium import generate_js_hash

    view = helpers.fake_view()
    a, b = base_map(view, tiles=True), base_map(view, tiles=True)
    ha = generate_js_hash(_leaflet_script(a), "k")
    hb = generate_js_hash(_leaflet_script(b), "k")
    assert ha == hb, "same analysis -> same component key -> the iframe is kept across reruns"
    links = [u for _, u in a.default_js] + [u for _, u in a.default_css]
    assert links and all(u.startswith("/app/static/") for u in links), links
    html = a.get_root().render().lower()
    # tiles are the one allowed network request: the light base map's tile host is the only "cdn" here
    assert "basemaps.cartocdn.com" in html
    assert "cdn" not in html.replace("basemaps.cartocdn.com", "") and "bootstrap" not in html


def test_filtered_layer_goes_to_the_feature_group_not_the_base_map():
    from streamlit_folium import _get_feature_group_string, generate_js_hash

    view = helpers.fake_view()
    hashes = set()
    for subset in (view["incidents"], view["incidents"][:2], []):
        m = base_map(view)
        base = _leaflet_script(m)
        hashes.add(generate_js_hash(base, "k"))
        assert "addIncidents" not in base
        fg_js = _get_feature_group_string(incident_layer(build_payload(subset, places=view["places"])), m)
        assert "window.IM.addIncidents(feature_group_feature_group_0" in fg_js
        for f in subset:
            assert json.dumps(f["properties"]["id"]) in fg_js
    assert len(hashes) == 1


def test_payload_dedupes_sentences_and_places(feats):
    feats[1]["properties"]["evidence"] = feats[0]["properties"]["evidence"]
    places = [
        {"type": "Feature", "id": "p:almaty", "geometry": {"type": "Point", "coordinates": [76.9, 43.25]}, "properties": {"name": "Almaty"}},
        {"type": "Feature", "id": "p:astana", "geometry": {"type": "Point", "coordinates": [71.4, 51.2]}, "properties": {"name": "Astana"}},
    ]
    p = build_payload(feats, places=places, selected_ids=["i2"])
    assert len(p["rows"]) == len(feats)
    assert len(p["sentences"]) == len(feats) - 1
    assert [r[ROW_FIELDS.index("id")] for r in p["rows"]] == [f["id"] for f in feats]
    assert len(p["places"]) == 3  # Almaty, Moscow, Kazakhstan
    assert [m[MUTED_FIELDS.index("key")] for m in p["muted"]] == ["p:astana"]
    assert p["sel"] == ["i2"] and p["cluster"] is False
    assert build_payload(feats, places=places, show_muted=False)["muted"] == []
    assert build_payload(feats, cluster_threshold=2)["cluster"] is True


def test_payload_keeps_each_incidents_own_claim_for_one_place(feats):
    """Two incidents at the same place key and point but with different claims (a town, and the same town
    standing for an area around it) are two places in the payload: the wider one keeps its own radius."""
    wide = json.loads(json.dumps(feats[1]))
    wide["id"] = wide["properties"]["id"] = "i9"
    wide["properties"].update(precision="region", uncertainty_m=55000)
    p = build_payload([feats[0], feats[1], wide])
    P = {f: i for i, f in enumerate(PLACE_FIELDS)}
    claims = sorted((pl[P["precision"]], pl[P["uncertainty_m"]]) for pl in p["places"])
    assert len(p["places"]) == 2
    assert claims[1] == ("region", 55000) and claims[0][0] != "region"
    place_of = {r[ROW_FIELDS.index("id")]: r[ROW_FIELDS.index("place")] for r in p["rows"]}
    assert place_of["i1"] == place_of["i2"] != place_of["i9"]


# ----------------------------------------------------------------- the Python -> map.js contract

MAP_JS = helpers.ROOT / "static" / "incidentmap" / "map.js"


def _map_js_code() -> str:
    """map.js without its comments (which may mention field names)."""
    return re.sub(r"/\*.*?\*/|//[^\n]*", "", MAP_JS.read_text(encoding="utf-8"), flags=re.S)


def test_map_js_reads_exactly_the_fields_python_sends():
    """map.js reads every field by the name components/map_view.LAYOUTS gives it: F.<layout>.<field> in
    rows, opts.<field> in the init data, payload.<field> in the incident layer. A field renamed on either
    side, or read by position, fails here."""
    js = _map_js_code()
    read = set(re.findall(r"\bF\.(\w+)\.(\w+)", js))
    sent = {(layout, f) for layout, fields in LAYOUTS.items() if layout not in ("init", "payload") for f in fields}
    assert read == sent, f"read by map.js, not sent: {read - sent}; sent, never read: {sent - read}"
    assert set(re.findall(r"\bF\.(\w+)\b(?!\.)", js)) == {"init", "payload"}
    assert "F = IM.F = positions(init[0])" in js and INIT_FIELDS[0] == "layouts"  # the one fixed position
    assert set(re.findall(r"\bopts\.(\w+)", js)) == set(INIT_FIELDS) - {"layouts"}
    assert set(re.findall(r"\bpayload\.(\w+)", js)) == set(PAYLOAD_FIELDS)
    # sent arrays are never read by position (local arrays are: the layouts, pairs, index lists)
    positional = set(re.findall(r"(\w+)\[\d+\]", js)) - {"init", "layout", "idx", "x", "selMarkers"}
    assert not positional, positional


def test_init_data_carries_the_layouts_and_type_rows():
    m = base_map(helpers.fake_view())
    init = next(c for c in m._children.values() if hasattr(c, "options_json"))
    opts = dict(zip(INIT_FIELDS, json.loads(init.options_json)))
    assert {name: tuple(fields) for name, fields in opts["layouts"]} == LAYOUTS
    T = {f: i for i, f in enumerate(TYPE_FIELDS)}
    from incidentmap.taxonomy import incident_types

    taxonomy = incident_types()
    assert [t[T["slug"]] for t in opts["types"]] == list(taxonomy)
    for t in opts["types"]:
        assert len(t) == len(TYPE_FIELDS)
        assert t[T["label"]] == taxonomy[t[T["slug"]]].label and t[T["colour"]].startswith("#")
        assert t[T["svg"]].startswith("<svg")
    assert opts["legendOpen"] is False and opts["outlineUrl"].endswith("countries.geojson")


def test_payload_rows_follow_their_layouts(feats):
    """build_payload writes its rows positionally: each position means what LAYOUTS says it does."""
    R, P, C, M = ({f: i for i, f in enumerate(fields)} for fields in (ROW_FIELDS, PLACE_FIELDS, CIRCLE_FIELDS, MUTED_FIELDS))
    feats[1]["properties"].update(fatalities=3, status="planned", date_text="on Thursday")
    feats[3]["geometry"]["coordinates"] = [68.0, 48.0]
    places = [{"type": "Feature", "id": "p:astana", "geometry": {"type": "Point", "coordinates": [71.4, 51.2]},
               "properties": {"name": "Astana"}}]
    p = build_payload(feats, places=places)
    for f, row in zip(feats, p["rows"], strict=True):
        props = f["properties"]
        assert len(row) == len(ROW_FIELDS)
        assert row[R["id"]] == f["id"] and p["types"][row[R["type"]]] == props["incident_type"]
        assert p["dates"][row[R["date"]]].startswith(props["date"] or "")
        assert row[R["fatalities"]] == props["fatalities"] and row[R["planned"]] == (props["status"] == "planned")
        assert p["actors"][row[R["actors"]]] == ", ".join(props["actors"])
        assert p["sentences"][row[R["sentence"]]] == props["evidence"]
        place = p["places"][row[R["place"]]]
        assert len(place) == len(PLACE_FIELDS)
        assert (place[P["name"]], place[P["precision"]], place[P["uncertainty_m"]]) == (
            props["place"], props["precision"], props["uncertainty_m"])
        assert [place[P["lon"]], place[P["lat"]]] == f["geometry"]["coordinates"]
    assert p["dates"][p["rows"][1][R["date"]]] == "2022-01-06 (on Thursday)"
    # the country-level place is an area (drawn as its outline, with a badge), not a pin in a dashed circle
    assert {(c[C["lat"]], c[C["lon"]], c[C["radius_m"]]) for c in p["circles"]} == {(43.25, 76.9, 10_000)}
    assert [(pl[P["name"]], pl[P["area"]], pl[P["country"]]) for pl in p["places"]] == [
        ("Almaty", "", ""), ("Moscow", "", ""), ("Kazakhstan", "disc", "")]  # no country code: no outline
    assert [(m[M["key"]], m[M["name"]], m[M["lat"]], m[M["lon"]]) for m in p["muted"]] == [("p:astana", "Astana", 51.2, 71.4)]
    assert all(len(m) == len(MUTED_FIELDS) for m in p["muted"]) and all(len(c) == len(CIRCLE_FIELDS) for c in p["circles"])


def test_payload_json_cannot_close_a_script_or_reach_jinja():
    from streamlit_folium import _get_feature_group_string

    evil = "</script><script>alert(1)</script> {{ 7*7 }} {% if x %} {# c #} _abc {{''.__class__}}"
    f = feat(1, evidence=evil, actors=["{{ config }}"])
    fg = incident_layer(build_payload([f]))
    child = next(iter(fg._children.values()))
    js = child.payload_json
    for bad in ("</script", "{{", "{%", "{#", "{", "}", "_"):
        assert bad not in js, bad
    m = base_map(helpers.fake_view())
    m.get_root().render()
    out = _get_feature_group_string(fg, m)  # branca compiles script output as a template: must not fail
    data = json.loads(re.search(r"addIncidents\(\w+, (\[.*\])\);", out, re.S).group(1))
    payload = dict(zip(PAYLOAD_FIELDS, data))
    assert payload["sentences"] == [evil] and payload["actors"] == ["{{ config }}"]
    assert "49" not in out


def test_payload_10k_is_compact():
    fs = [feat(i, evidence=f"Sentence {i % 500}.") for i in range(10_000)]
    payload = json.dumps(build_payload(fs))
    assert len(payload) < 800_000
    assert build_payload(fs)["cluster"] is True


def test_clicked_object_and_focus_view(feats):
    assert clicked_object(None) is None
    assert clicked_object({"last_active_drawing": {"properties": {"kind": "incident", "id": "i1"}}}) == ("incident", "i1")
    assert clicked_object({"last_active_drawing": {"properties": {"kind": "country"}}}) is None
    center, zoom = focus_view(feats[0])
    assert center == [43.25, 76.9] and zoom == 11
    assert focus_view(feats[0], 3)[0] != center  # re-selecting moves the map again


def test_icon_svg_is_sanitised():
    svg = icon_svg("bullhorn", "#fff")
    assert svg.startswith("<svg") and "<path" in svg and "script" not in svg
    assert icon_svg("../../etc/passwd") == icon_svg("circle") or "<svg" in icon_svg("../../etc/passwd")
    assert 'fill="#ffffff"' in icon_svg("fire", 'red" onload="x')


# ----------------------------------------------------------------- static assets


def test_ensure_vendor_copies_everything(tmp_path):
    out = ensure_vendor(tmp_path / "vendor")
    for rel in ["leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/images/marker-icon.png",
                "markercluster/leaflet.markercluster.js", "jquery/jquery.min.js", "basemap/countries.geojson"]:
        assert (out / rel).stat().st_size > 0, rel
    ensure_vendor(tmp_path / "vendor")  # idempotent


def test_static_urls_honour_base_path():
    assert static_url("vendor/x.js", "") == "/app/static/vendor/x.js"
    assert static_url("vendor/x.js", "/tools/map/") == "/tools/map/app/static/vendor/x.js"
    urls = asset_urls("")
    assert urls.basemap.endswith("/basemap/countries.geojson")


def test_basemap_is_small_and_valid():
    path = helpers.ROOT / "data" / "basemap" / "countries.geojson"
    assert path.stat().st_size < 1_500_000
    fc = json.loads(path.read_text())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) > 150
    assert (helpers.ROOT / "data" / "basemap" / "README.md").exists()


# ----------------------------------------------------------------- table, article, downloads


def test_table_frame_matches_features(feats):
    df = incidents_frame(feats)
    assert list(df["ID"]) == [f["id"] for f in feats]
    assert list(df.columns) == ["Type", "Place", "Date", "Status", "Fatalities", "Actors", "Precision", "Evidence", "ID"]
    assert list(df["Status"]) == ["reported"] * len(feats)
    assert len(incidents_frame([])) == 0


def test_filtered_table_picks_rows_by_id(feats):
    df_all, row_of = indexed_frame(feats)
    assert row_of == {f["id"]: n for n, f in enumerate(feats)}
    picked = [feats[3], feats[0]]
    df = filtered_table(df_all, row_of, picked, ["i4", "i1"])
    assert list(df["ID"]) == ["i4", "i1"] and list(df.index) == [0, 1]
    assert df.astype(str).values.tolist() == incidents_frame(picked).astype(str).values.tolist()
    assert len(filtered_table(df_all, row_of, [], [])) == 0


def test_filtered_table_with_duplicate_ids_builds_from_the_features(feats):
    feats[1]["properties"]["id"] = feats[1]["id"] = "i1"  # two incidents named i1: an id names no one row
    df_all, row_of = indexed_frame(feats)
    assert len(row_of) < len(df_all)
    df = filtered_table(df_all, row_of, feats[:2], ["i1", "i1"])
    assert list(df["ID"]) == ["i1", "i1"] and list(df["Type"]) == ["Protest", "Riot"]


def _place(name, *, at_city_only=False, source="geonames"):
    props = {"name": name, "kind": "landmark", "precision": "city" if at_city_only else "point", "source": source}
    if at_city_only is not None:
        props["at_city_only"] = at_city_only
    return {"type": "Feature", "id": f"p:{name}", "geometry": {"type": "Point", "coordinates": [74.6, 42.87]},
            "properties": props}


def test_places_left_at_city_are_the_sites_the_online_geocoder_could_not_place():
    places = [
        _place("Chui Avenue", at_city_only=True, source="context-city"),  # asked online, not found
        _place("Ala-Too Square", source="nominatim"),  # placed online
        _place("Almaty government buildings", at_city_only=True, source="focus-city"),  # never sent online
        _place("Bishkek"),
        _place("Old Square", at_city_only=None, source="geonames"),  # a view without the property
        _place("Chui Avenue", at_city_only=True, source="context-city"),  # named twice: listed once
        _place("Erkindik Boulevard", at_city_only=True, source="context-city"),
    ]
    assert places_left_at_city(places) == ["Chui Avenue", "Erkindik Boulevard"]
    assert places_left_at_city([]) == []


def test_places_in_context_area_are_the_unlisted_villages_once_each():
    places = [_place("Mayimoya", source="context-area"), _place("Mayimoya", source="context-area"),
              _place("Beni"), _place("Chui Avenue", at_city_only=True, source="context-city")]
    assert places_in_context_area(places) == ["Mayimoya"]
    one = in_area_note(["Mayimoya"], online=False)
    assert one.startswith("1 place not in the gazetteer: it is shown in the area the text names")
    assert "online geocoder" in one and "online geocoder" not in in_area_note(["Mayimoya"], online=True)
    many = in_area_note(["A", "[x](javascript:alert(1))"], online=False)
    assert "2 places" in many and "](javascript" not in many and "\\[x\\]" in many


def test_left_at_city_note_says_which_and_escapes_them():
    one = left_at_city_note(["Chui Avenue"])
    assert one.startswith("Online geocoding left 1 place unresolved; it stays at city precision")
    many = left_at_city_note(["A", "[x](javascript:alert(1))"])
    assert "left 2 places unresolved; they stay at city precision" in many
    assert "](javascript" not in many and "\\[x\\]" in many


def test_article_highlight_escapes_everything():
    view = helpers.fake_view(helpers.HOSTILE)
    html = article_view.highlight_article(view["text"], view["places"], view["incidents"], [view["incidents"][0]["id"]])
    assert "<script" not in html and "<img" not in html and "<iframe" not in html and "</div><iframe" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<mark" in html  # places highlighted
    assert html.count('title="Incident:') >= 1
    # text content is unchanged apart from escaping
    import html as h

    plain = re.sub(r"<[^>]+>", "", html.replace("<br>", "\n"))
    assert h.unescape(plain) == view["text"]


def test_sentence_in_context():
    text = "First sentence here. Police fired shots at the crowd. Last sentence there."
    props = {"evidence": "Police fired shots at the crowd.", "start": 21, "end": 53}
    assert article_view.sentence_span(text, props) == (21, 53)
    props_bad = {"evidence": "Police fired shots at the crowd.", "start": 0, "end": 5}
    assert article_view.sentence_span(text, props_bad) == (21, 53)
    html = article_view.sentence_in_context(text, props, chars=10)
    assert "Police fired shots at the crowd." in html and html.count("…") == 2


def test_downloads_use_the_filtered_features(feats):
    import csv
    import io

    feats[0]["properties"]["evidence"] = '=HYPERLINK("http://evil")'
    places = [{"type": "Feature", "id": "c:kz", "geometry": {"type": "Point", "coordinates": [68, 48]},
               "properties": {"name": "Kazakhstan", "kind": "country", "country_code": "KZ"}}]
    for f in feats:
        f["properties"]["country_code"] = "KZ"
    rows = list(csv.DictReader(io.StringIO(incidents_csv(feats))))
    assert [r["id"] for r in rows] == [f["id"] for f in feats]
    assert rows[0]["evidence"].startswith("'=")
    acled = list(csv.DictReader(io.StringIO(downloads.acled_csv_text(feats, source="test", places=places))))
    assert len(acled) == len(feats) and acled[0]["country"] == "Kazakhstan" and acled[0]["source"] == "test"
    gj = json.loads(downloads.geojson_text(feats[:2]))
    assert gj["type"] == "FeatureCollection" and [f["id"] for f in gj["features"]] == ["i1", "i2"]


# ----------------------------------------------------------------- selection state


def test_selection_round_trip():
    state: dict = {}
    # marker click -> selected id; table rows follow by position
    state["m"] = {"last_active_drawing": {"properties": {"kind": "incident", "id": "b", "click": 1}}}
    selection.on_map_click(state, "m")
    assert selection.get(state)["ids"] == ["b"] and selection.get(state)["focus"] is None
    rows = selection.sync_table(state, "t", ["a", "b", "c"])
    assert rows == [1] and state["t"]["selection"]["rows"] == [1]
    # filter shifts positions: selection follows the id
    assert selection.sync_table(state, "t", ["c", "b"]) == [1]
    assert selection.sync_table(state, "t", ["b"]) == [0] and state["t"]["selection"]["rows"] == [0]
    # user selects a row -> focus moves to it
    state["t"] = {"selection": {"rows": [0]}}
    selection.sync_table(state, "t", ["x", "b"])
    state["t"] = {"selection": {"rows": [0, 1]}}
    selection.on_table_select(state, "t")
    sel = selection.get(state)
    assert sel["ids"] == ["x", "b"] and sel["focus"] == "x" and sel["seq"] == 1
    # muted place click clears incident selection
    state["m"] = {"last_active_drawing": {"properties": {"kind": "place", "id": "p:1"}}}
    selection.on_map_click(state, "m")
    assert selection.get(state)["ids"] == [] and selection.get(state)["place"] == "p:1"


def test_components_never_mutate_the_shared_view():
    """The analysis view is cached with st.cache_resource and shared: it must stay read-only."""
    import copy

    from components.legend import legend_html, legend_rows

    view = helpers.fake_view()
    before = copy.deepcopy(view)
    inc = view["incidents"]
    sub = filter_incidents(inc, types=(inc[0]["properties"]["incident_type"],), text="a")
    payload = build_payload(sub, places=view["places"], selected_ids=[inc[0]["id"]])
    incident_layer(payload)
    base_map(view)
    incidents_frame(inc)
    article_view.highlight_article(view["text"], view["places"], inc, [inc[0]["id"]])
    article_view.sentence_in_context(view["text"], inc[0]["properties"])
    legend_html(legend_rows(inc, sub))
    incidents_csv(inc), downloads.acled_csv_text(inc), downloads.geojson_text(inc)
    assert view == before


def test_long_article_is_shown_as_a_window_around_the_selection():
    text = " ".join(f"Sentence number {i} happened." for i in range(5000))
    target = "Sentence number 4000 happened."
    start = text.index(target)
    inc = [feat(1, evidence=target, start=start, end=start + len(target))]
    lo, hi = article_view.article_window(text, inc, [], max_chars=2000)
    assert lo == 0 and hi <= 2000
    lo, hi = article_view.article_window(text, inc, ["i1"], max_chars=2000)
    assert lo < start < hi and hi - lo <= 2000
    html = article_view.highlight_article(text, [], inc, ["i1"], window=(lo, hi))
    assert target in html and html.count("…") == 2 and "Sentence number 10 " not in html
    assert article_view.article_window("short", inc, ["i1"]) == (0, 5)


def _no_live_markup(html: str) -> None:
    """Parsed as a browser would: only our own elements and attributes, nothing from the text."""
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect(convert_charrefs=True).feed(html)
    assert found
    for tag, attrs in found:
        assert tag in {"div", "span", "mark", "br", "b", "svg", "path"}, (tag, attrs)
        for name, value in attrs:
            assert name in {"class", "style", "title", "viewbox", "width", "height", "fill", "d", "xmlns",
                            "aria-hidden", "focusable", "role"}, (tag, name, value)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)


def test_every_html_surface_escapes_hostile_strings():
    """Legend bar, details (incident and place), article view and sentence in context, on a view
    whose place names, actors, dates, type slugs/labels, ids and text are all hostile."""
    from components.details import incident_summary_html
    from components.legend import legend_html, legend_rows

    view = helpers.hostile_view()
    inc = view["incidents"]
    rows = legend_rows(inc, inc[:2])
    assert any("onmouseover" in r["label"] for r in rows)  # the hostile, unknown type is in the legend
    legend = legend_html(rows)
    _no_live_markup(legend)
    assert "riot&#x27; onmouseover=&#x27;window.__pwned=&quot;attr&quot;" in legend
    for f in inc:
        _no_live_markup(incident_summary_html(f["properties"], hidden=True))
        _no_live_markup(article_view.sentence_in_context(view["text"], f["properties"]))
    _no_live_markup(article_view.highlight_article(view["text"], view["places"], inc, [inc[2]["id"]]))
    # the downloads carry the strings as data; the CSVs defuse formulas
    assert json.loads(downloads.geojson_text(inc))["features"][2]["id"] == inc[2]["id"]


def test_peek_filters_reads_what_render_filters_will_return():
    from components.filters import FILTER_FIELDS, filter_key, peek_filters

    view = helpers.fake_view()
    fresh = peek_filters(view, {})
    assert not fresh.spec.active and fresh.show_muted_places
    slug = view["incidents"][0]["properties"]["incident_type"]
    state = {filter_key(view, "types"): [slug], filter_key(view, "text"): "word", filter_key(view, "muted"): False}
    peeked = peek_filters(view, state)
    assert peeked.spec.types == (slug,) and peeked.spec.text == "word" and not peeked.show_muted_places
    assert peeked.keys == [filter_key(view, n) for n in FILTER_FIELDS]


def test_only_a_map_asked_to_says_when_it_is_drawn():
    from components.map_view import DRAWN_VALUE

    def init(m):
        c = next(c for c in m._children.values() if hasattr(c, "options_json"))
        return dict(zip(INIT_FIELDS, json.loads(c.options_json)))

    view = helpers.fake_view()
    assert init(base_map(view))["signalDrawn"] == ""  # the corpus page's map: sends nothing
    assert init(base_map(view, signal_drawn=True))["signalDrawn"] == DRAWN_VALUE
    js = (helpers.ROOT / "static" / "incidentmap" / "map.js").read_text(encoding="utf-8")
    assert "value[IM.opts.signalDrawn] = true" in js and "window.parent.__imMapDrawn" in js  # once per page
