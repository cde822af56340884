"""Page logic of dashboard.py through Streamlit's AppTest (no browser).

The seed tests run the real pipeline. They assert relationships (table rows ==
map markers == filtered count), never the seed's actual results. Escaping and
error-path tests use a small fake pipeline on purpose (tests/fixtures/dashboard):
they test the dashboard, with inputs chosen to produce incidents from hostile text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys

import dash_helpers as helpers
import pytest

from components import data
from components.actor_text import actor_names
from components.filters import filter_incidents
from components.map_view import PAYLOAD_FIELDS, ROW_FIELDS
from incidentmap import settings

APP = str(helpers.ROOT / "dashboard.py")
TIMEOUT = 120


# ----------------------------------------------------------------- fixtures


def _use_fake(monkeypatch):
    import incidentmap

    import dash_fake_pipeline as fake_pipeline

    monkeypatch.setitem(sys.modules, "incidentmap.pipeline", fake_pipeline)
    monkeypatch.setattr(incidentmap, "pipeline", fake_pipeline, raising=False)


@pytest.fixture
def pipeline(monkeypatch):
    """The real pipeline, with empty caches."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.delenv(settings.ANALYSIS_FIXTURE, raising=False)
    return "real"


@pytest.fixture
def fake(monkeypatch):
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.delenv(settings.ANALYSIS_FIXTURE, raising=False)
    _use_fake(monkeypatch)
    return "fake"


def run_app():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    helpers.open_all(at)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def expected_view(text: str | None = None, published=helpers.SEED_DATE, geocoder="offline") -> dict:
    """What the pipeline (real or patched) says, computed outside the page."""
    return data.analyse(text if text is not None else data.seed_text(), published, geocoder)


def table(at):
    assert len(at.dataframe) == 1
    return at.dataframe[0].value


def map_payload(at) -> dict:
    """The incident layer the page sends to the map iframe (decoded from streamlit-folium's args)."""
    comps = [c for c in at.get("component_instance") if "st_folium" in c.proto.component_name]
    assert len(comps) == 1
    args = json.loads(comps[0].proto.json_args)
    m = re.search(r"window\.IM\.addIncidents\(\w+, (\[.*\])\);", args["feature_group"], re.S)
    assert m, "incident layer missing from the map"
    return dict(zip(PAYLOAD_FIELDS, json.loads(m.group(1))))


def count_line(at) -> tuple[int, int]:
    for md in at.markdown:
        m = re.search(r"\*\*(\d+) of (\d+) incidents\*\*", md.value)
        if m:
            return int(m.group(1)), int(m.group(2))
    raise AssertionError("no 'N of M incidents' line")


def widget(widgets, label):
    found = [w for w in widgets if w.label == label]
    assert found, f"no widget labelled {label!r}: {[w.label for w in widgets]}"
    return found[0]


def all_html(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


# ----------------------------------------------------------------- seed page


def test_seed_page_map_and_table_show_the_same_set(pipeline):
    at = run_app()
    view = expected_view()
    assert not at.error, [e.value for e in at.error]
    df = table(at)
    payload = map_payload(at)
    n = len(view["incidents"])
    assert n > 0, "the seed article should yield incidents"
    assert len(df) == n == len(payload["rows"])
    assert count_line(at) == (n, n)
    assert list(df["ID"]) == [r[ROW_FIELDS.index("id")] for r in payload["rows"]]
    assert "Seed article" in " ".join(c.value for c in at.caption)


def test_type_filter_changes_table_and_map_in_step(pipeline):
    at = run_app()
    view = expected_view()
    types = widget(at.multiselect, "Incident type")
    assert types.options, "type options come from the analysis"
    slug = next(f["properties"]["incident_type"] for f in view["incidents"])
    types.set_value([slug]).run()
    assert not at.exception
    expected = [f for f in view["incidents"] if f["properties"]["incident_type"] == slug]
    df = table(at)
    assert 0 < len(df) == len(expected) == len(map_payload(at)["rows"])
    assert set(df["Type"]) == {expected[0]["properties"]["label"]}
    assert count_line(at) == (len(expected), len(view["incidents"]))
    # clearing the filter restores everything
    widget(at.multiselect, "Incident type").set_value([]).run()
    assert len(table(at)) == len(view["incidents"])


def test_place_precision_and_search_filters(pipeline):
    at = run_app()
    view = expected_view()
    first = view["incidents"][0]["properties"]
    widget(at.multiselect, "Place").set_value([first["place_key"]]).run()
    df = table(at)
    assert len(df) == len(filter_incidents(view["incidents"], places=(first["place_key"],)))
    assert set(df["Place"]) == {first["place"]}
    widget(at.multiselect, "Place").set_value([]).run()

    widget(at.multiselect, "Location precision").set_value([first["precision"]]).run()
    assert set(table(at)["Precision"]) == {first["precision"]}
    widget(at.multiselect, "Location precision").set_value([]).run()

    word = max(re.findall(r"[A-Za-z]{5,}", first["evidence"]), key=len)
    widget(at.text_input, "Search").set_value(word).run()
    df = table(at)
    assert len(df) == len(filter_incidents(view["incidents"], text=word)) >= 1
    assert len(map_payload(at)["rows"]) == len(df)


def test_date_filter(pipeline):
    at = run_app()
    view = expected_view()
    dated = [f for f in view["incidents"] if f["properties"].get("date")]
    if not dated:
        pytest.skip("no dated incidents in this analysis")
    from components.filters import date_bounds

    day = date_bounds(dated[0]["properties"]["date"])[0]
    widget(at.date_input, "Date range").set_value((day, day)).run()
    widget(at.checkbox, "Include undated incidents").uncheck().run()
    df = table(at)
    expected = filter_incidents(view["incidents"], date_from=day, date_to=day, include_undated=False)
    assert 1 <= len(df) == len(expected)


def test_filter_to_nothing_is_handled(pipeline):
    at = run_app()
    widget(at.text_input, "Search").set_value("zzqqxx-no-such-word").run()
    assert not at.exception
    assert len(table(at)) == 0 and map_payload(at)["rows"] == []
    assert count_line(at)[0] == 0
    assert all(b.disabled for b in at.get("download_button"))


def test_muted_places_toggle(pipeline):
    at = run_app()
    view = expected_view()
    used = {f["properties"]["place_key"] for f in view["incidents"]}
    unused = [p for p in view["places"] if p["id"] not in used]
    assert len(map_payload(at)["muted"]) == len(unused)
    widget(at.toggle, "Show places without incidents").set_value(False).run()
    assert map_payload(at)["muted"] == []


def test_selected_incident_shows_sentence_in_context(pipeline):
    at = run_app()
    view = expected_view()
    inc = view["incidents"][-1]["properties"]
    at.session_state["selection"] = {"ids": [inc["id"]], "place": None, "seq": 1, "focus": inc["id"]}
    at.run()
    assert not at.exception
    html = all_html(at)
    assert inc["id"] in html
    assert "im-context" in html
    assert map_payload(at)["sel"] == [inc["id"]]
    # the table's own selection follows (by position of the id)
    df = table(at)
    pos = list(df["ID"]).index(inc["id"])
    key = next(k for k in at.session_state.keys() if k.startswith("incident_table_"))
    assert at.session_state[key]["selection"]["rows"] == [pos]


def test_status_column_and_filter_keep_table_map_and_counts_in_step(pipeline):
    at = run_app()
    view = expected_view()
    df = table(at)
    assert list(df["Status"]) == [str(f["properties"]["status"]) for f in view["incidents"]]
    present = {str(f["properties"]["status"]) for f in view["incidents"]}
    from collections import Counter

    n_by_status = Counter(str(f["properties"]["status"]) for f in view["incidents"])
    assert set(widget(at.multiselect, "Status").options) == {f"{s} ({n_by_status[s]})" for s in present}
    for value in sorted(present):
        widget(at.multiselect, "Status").set_value([value]).run()
        expected = filter_incidents(view["incidents"], statuses=(value,))
        df = table(at)
        assert 0 < len(df) == len(expected) == len(map_payload(at)["rows"])
        assert set(df["Status"]) == {value}
        assert [r[ROW_FIELDS.index("planned")] for r in map_payload(at)["rows"]] == [int(value == "planned")] * len(df)
        assert count_line(at) == (len(expected), len(view["incidents"]))
    widget(at.multiselect, "Status").set_value([]).run()
    assert len(table(at)) == len(view["incidents"])


def test_selection_card_above_the_table_shows_every_field(pipeline):
    """The selected incident's type, status, place, date, actors, fatalities and sentence are shown above the
    table, whatever row it is and however wide the table."""
    at = run_app()
    view = expected_view()
    with_actors = [f for f in view["incidents"] if f["properties"].get("actor2")] or view["incidents"]
    p = with_actors[-1]["properties"]
    at.session_state["selection"] = {"ids": [p["id"]], "place": None, "seq": 0, "focus": None}
    at.run()
    import html as _html

    card = next(h.proto.body for h in at.get("html") if "im-details" in h.proto.body)
    # the coded sides (actor1 vs actor2), not the words the sentence used for them
    for value in (p["label"], p["place"], p["id"], str(p["status"]), *actor_names(p)):
        assert _html.escape(str(value)) in card, value
    assert "fatalities: " + (str(p["fatalities"]) if p.get("fatalities") is not None else "not reported") in card
    assert any(_html.escape(p["evidence"][:40]) in h.proto.body for h in at.get("html") if "im-context" in h.proto.body)


# ----------------------------------------------------------------- your own article


def _choose_source(at, label):
    widget(at.radio, "Source").set_value(label).run()
    assert not at.exception


def test_paste_path_analyses_the_text(pipeline):
    at = run_app()
    text = (
        "Thousands of protesters rallied in Almaty on Tuesday. Police fired tear gas and detained 40 people. "
        "Troops were deployed to the airport."
    )
    _choose_source(at, "Paste text")
    widget(at.text_area, "Article text").input(text)
    widget(at.date_input, "Publication date").set_value(dt.date(2022, 1, 5))
    widget(at.button, "Analyse").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    view = expected_view(text, dt.date(2022, 1, 5))
    assert len(table(at)) == len(view["incidents"]) == len(map_payload(at)["rows"])
    assert "Pasted article" in " ".join(c.value for c in at.caption)
    # the analysis ran with a visible status box
    assert at.status and "complete" in at.status[0].label.lower()


def test_paste_empty_shows_error_and_keeps_map(pipeline):
    at = run_app()
    n = len(table(at))
    _choose_source(at, "Paste text")
    widget(at.button, "Analyse").click().run()
    assert at.error and "empty" in at.error[0].value.lower()
    assert len(table(at)) == n


def test_upload_txt_path(pipeline):
    at = run_app()
    _choose_source(at, "Upload a file")
    up = at.file_uploader[0]
    assert not up.multiple_files  # one file at a time
    up.set_value(("almaty.txt", data.seed_text().encode("utf-8"), "text/plain")).run()
    widget(at.button, "Analyse").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "almaty.txt" in " ".join(c.value for c in at.caption).replace("\\", "")
    assert len(table(at)) == len(map_payload(at)["rows"])


def _errors(at) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]


def test_upload_too_large_says_so_and_the_limit(fake):
    """A 2.3 MB .txt reaches the page (the browser's own limit is higher) and gets the real reason at once,
    and again on Analyse — never "Choose a file first"."""
    from incidentmap.textinput import MAX_UPLOAD_BYTES

    at = run_app()
    n = len(table(at))
    _choose_source(at, "Upload a file")
    big = b"Protesters gathered in Almaty. " * (int(2.3 * 1048576) // 31)
    assert len(big) > MAX_UPLOAD_BYTES
    at.file_uploader[0].set_value(("big.txt", big, "text/plain")).run()
    errs = _errors(at)
    assert len(errs) == 1 and "too large (2.3 MB)" in errs[0] and "limit is 2 MB" in errs[0], errs
    assert "big.txt" in errs[0]
    widget(at.button, "Analyse").click().run()
    errs = _errors(at)
    assert errs and all("too large" in e for e in errs) and not any("Choose" in e for e in errs), errs
    assert len(table(at)) == n  # the previous map stays


def test_refused_upload_does_not_stick_to_the_next_file(fake):
    """Each upload gets its own reason: after a refused file, a good one is accepted and analysed, and the
    page names the file it analysed."""
    at = run_app()
    _choose_source(at, "Upload a file")
    at.file_uploader[0].set_value(("scan.pdf", b"%PDF-1.4 not text", "application/pdf")).run()
    errs = _errors(at)
    assert len(errs) == 1 and "scan.pdf" in errs[0] and "PDF" in errs[0], errs
    at.file_uploader[0].set_value(("notes.csv", b"Protesters gathered in Almaty.", "text/csv")).run()
    errs = _errors(at)
    assert len(errs) == 1 and "notes.csv" in errs[0] and ".csv" in errs[0] and "scan.pdf" not in errs[0], errs
    at.file_uploader[0].set_value(("first.txt", b"Protesters stormed the city hall in Almaty.", "text/plain")).run()
    assert not at.error, _errors(at)
    assert any("Ready: first.txt" in c.value.replace("\\", "") for c in at.caption)
    widget(at.button, "Analyse").click().run()
    assert not at.error, _errors(at)
    at.file_uploader[0].set_value(("second.txt", b"Police fired shots in Almaty.", "text/plain")).run()
    widget(at.button, "Analyse").click().run()
    assert not at.error, _errors(at)
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "Uploaded file: second.txt" in captions and "first.txt" not in captions, captions
    assert list(table(at)["Evidence"]) == ["Police fired shots in Almaty."]


def test_upload_html_strips_markup(fake):
    at = run_app()
    _choose_source(at, "Upload a file")
    page = (
        "<html><head><title>t</title><style>p{color:red}</style><script>var evil=1;</script></head>"
        "<body><h1>Unrest</h1><p>Protesters stormed the parliament in Almaty.</p>"
        "<p>Police fired shots near the <b>main square</b>.</p></body></html>"
    )
    at.file_uploader[0].set_value(("news.html", page.encode(), "text/html")).run()
    widget(at.button, "Analyse").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    html = all_html(at)
    assert "var evil" not in html and "color:red" not in html
    assert "Protesters stormed the parliament" in html
    assert "&lt;p&gt;" not in html  # tags are gone, not escaped into the text
    assert len(table(at)) >= 1


def test_upload_binary_shows_error(pipeline):
    at = run_app()
    n = len(table(at))
    _choose_source(at, "Upload a file")
    at.file_uploader[0].set_value(("x.txt", b"\x00\x01\x02binary\x00" * 50, "text/plain")).run()
    widget(at.button, "Analyse").click().run()
    assert at.error and not at.exception
    assert len(table(at)) == n


def test_upload_without_file_shows_error(pipeline):
    at = run_app()
    _choose_source(at, "Upload a file")
    widget(at.button, "Analyse").click().run()
    assert at.error and "file" in at.error[0].value.lower()


def test_pipeline_failure_is_shown_and_previous_map_kept(fake, monkeypatch):
    import dash_fake_pipeline as fake_pipeline
    from incidentmap.errors import InputError

    at = run_app()
    n = len(table(at))

    original = fake_pipeline.analyze

    def boom(text, **kw):
        if "boom" in text:
            raise InputError("This text cannot be analysed (test).")
        return original(text, **kw)

    monkeypatch.setattr(fake_pipeline, "analyze", boom)
    _choose_source(at, "Paste text")
    widget(at.text_area, "Article text").input("boom boom in Almaty")
    widget(at.button, "Analyse").click().run()
    assert not at.exception
    assert any("cannot be analysed" in e.value for e in at.error)
    assert len(table(at)) == n


def test_hostile_text_is_escaped_everywhere(fake):
    at = run_app()
    _choose_source(at, "Paste text")
    widget(at.text_area, "Article text").input(helpers.HOSTILE)
    widget(at.button, "Analyse").click().run()
    assert not at.exception and not at.error
    assert len(table(at)) >= 3
    inc = table(at)["ID"].iloc[0]
    at.session_state["selection"] = {"ids": [inc], "place": None, "seq": 1, "focus": inc}
    at.run()
    html = all_html(at)
    for bad in ("<script", "<img", "<iframe", "onerror=alert(1)>", "</div><iframe"):
        assert bad not in html, bad
    assert "&lt;script&gt;" in html
    markdown = "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)
    assert "evil.example" not in markdown  # article text never reaches markdown elements
    # the map payload carries the text as JSON data, escaped for a <script> context
    comps = [c for c in at.get("component_instance") if "st_folium" in c.proto.component_name]
    fg = json.loads(comps[0].proto.json_args)["feature_group"]
    assert "<script" not in fg and "<img" not in fg


def test_nominatim_is_opt_in_with_usage_note(pipeline):
    at = run_app()
    geo = widget(at.radio, "Geocoder")
    assert geo.value == "offline"
    assert not any("Nominatim" in w.value for w in at.warning)
    geo.set_value("nominatim").run()
    notes = [w.value for w in at.warning]
    assert any("usage policy" in n.lower() and "operations.osmfoundation.org" in n for n in notes), notes
    # choosing it does not run anything until "Analyse"
    assert count_line(at)[1] == len(expected_view()["incidents"])


def test_tiles_can_be_switched_off(pipeline):
    at = run_app()
    comps = lambda: [c for c in at.get("component_instance") if "st_folium" in c.proto.component_name]  # noqa: E731
    script = json.loads(comps()[0].proto.json_args)["script"]
    assert "tile.openstreetmap.org" in script
    widget(at.toggle, "Online map tiles (OpenStreetMap)").set_value(False).run()
    assert not at.exception
    script = json.loads(comps()[0].proto.json_args)["script"]
    assert "tile.openstreetmap.org" not in script and "initMap" in script
    assert any("nothing leaves this machine" in c.value for c in at.caption)


def test_map_assets_are_local(pipeline):
    at = run_app()
    comps = [c for c in at.get("component_instance") if "st_folium" in c.proto.component_name]
    args = json.loads(comps[0].proto.json_args)
    links = args["js_links"] + args["css_links"]
    assert links and all(u.startswith("/app/static/") for u in links), links
    assert (helpers.ROOT / "static" / "vendor" / "leaflet" / "incidentmap-bundle.js").exists()
    # returns only clicks (not zoom/bounds), so panning never reruns the app
    assert args["returned_objects"] == ["last_active_drawing"]


def test_article_without_incidents_or_places(pipeline):
    at = run_app()
    _choose_source(at, "Paste text")
    widget(at.text_area, "Article text").input("The committee met on Tuesday to discuss the budget. Nothing else happened.")
    widget(at.button, "Analyse").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert len(table(at)) == 0 and map_payload(at)["rows"] == []
    assert count_line(at) == (0, 0)
    assert "im-article" in all_html(at)


def test_user_text_in_messages_is_not_markdown(pipeline):
    """A file name is echoed in error messages: it must not become a link or an image."""
    at = run_app()
    _choose_source(at, "Upload a file")
    name = "![x](http://evil.example/x.png)[y](http://evil.example).txt"
    at.file_uploader[0].set_value((name, b"%PDF-1.4 binary", "text/plain")).run()
    widget(at.button, "Analyse").click().run()
    assert at.error
    msg = at.error[0].value
    assert "](http" not in msg and "![" not in msg, msg


# ----------------------------------------------------------------- online geocoder faults


def _faulty_adapter(fault):
    """A geopy adapter whose every request fails the same way (no network in tests)."""
    import geopy.exc
    from geopy.adapters import BaseSyncAdapter

    class FaultyAdapter(BaseSyncAdapter):
        calls = 0

        def get_json(self, url, *, timeout, headers):
            FaultyAdapter.calls += 1
            if fault == "malformed-json":  # what geopy's own adapters raise for a body that is not JSON
                raise geopy.exc.GeocoderParseError("Could not deserialize using deserializer:\n{not json")
            raise fault

        get_text = get_json

    return FaultyAdapter(proxies=None, ssl_context=None)


def _geocoder_faults():
    import socket

    import geopy.exc
    from geopy.adapters import AdapterHTTPError

    return {
        "timeout": geopy.exc.GeocoderTimedOut("Service timed out"),
        "http-429-retry-after": AdapterHTTPError("429", status_code=429, headers={"retry-after": "30"}, text=""),
        "http-503": AdapterHTTPError("503", status_code=503, headers={}, text=""),
        "malformed-json": "malformed-json",
        "dns-failure": socket.gaierror(-2, "Name or service not known"),
        "dns-failure-geopy": geopy.exc.GeocoderUnavailable("<urlopen error [Errno -2] Name or service not known>"),
    }


def test_city_precision_note_lists_only_what_the_online_geocoder_left(fake, monkeypatch, tmp_path):
    """With the online geocoder, the note above the map names the sites it was asked about and left at
    their city (at_city_only, source context-city), not generic sites of the focus city it never saw."""
    view = helpers.fake_view()
    view["geocoder"] = "nominatim"
    city = view["places"][0]
    for name, source in (("Chui Avenue", "context-city"), ("Almaty government buildings", "focus-city"),
                         ("[Old](javascript:x) Square", "context-city")):
        props = dict(city["properties"], name=name, source=source, at_city_only=True, mentions=[])
        view["places"].append(dict(city, id=f"site:{name}", properties=props))
    path = tmp_path / "view.json"
    path.write_text(json.dumps(view), encoding="utf-8")
    monkeypatch.setenv(settings.ANALYSIS_FIXTURE, str(path))
    at = run_app()
    notes = [w.value for w in at.main.warning]
    assert len(notes) == 1 and notes[0].startswith("Online geocoding left 2 places unresolved"), notes
    assert "Chui Avenue" in notes[0] and "Old" in notes[0] and "government" not in notes[0]
    assert "](javascript" not in notes[0]
    view["geocoder"] = "offline"  # offline, nobody was asked: no note
    path.write_text(json.dumps(view), encoding="utf-8")
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    at = run_app()
    assert not at.main.warning


@pytest.mark.parametrize("fault", list(_geocoder_faults()))
def test_online_geocoder_fault_falls_back_with_a_visible_note(pipeline, monkeypatch, tmp_path, fault):
    """Nominatim chosen, and it fails: the offline answer is shown, never a crash, and the page says
    (visibly, not only inside the collapsed warnings) which places stayed unresolved."""
    from incidentmap import online, pipeline as real_pipeline

    now = [0.0]
    adapter = _faulty_adapter(_geocoder_faults()[fault])
    backend = online.NominatimBackend(cache_path=tmp_path / "nominatim.sqlite", adapter_factory=lambda **_: adapter,
                                      clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    monkeypatch.setattr(real_pipeline, "_online_backend", backend)

    at = run_app()
    text = "BISHKEK, Kyrgyzstan - Protesters gathered on Chui Avenue on Monday. Police fired tear gas there."
    _choose_source(at, "Paste text")
    widget(at.text_area, "Article text").input(text)
    widget(at.radio, "Geocoder").set_value("nominatim")
    widget(at.button, "Analyse").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert adapter.calls >= 1  # it really asked (and failed)
    assert count_line(at)[1] >= 1 and len(table(at)) >= 1  # the offline answer is on the map
    assert "geocoder: nominatim" in " ".join(c.value for c in at.caption)
    notes = [w.value.replace("\\", "") for w in at.main.warning]
    assert any("Chui Avenue" in n and "city" in n for n in notes), notes


# ----------------------------------------------------------------- the publication date an article states


def test_pasted_article_with_a_byline_prefills_the_publication_date(fake):
    at = run_app()
    _choose_source(at, "Paste text")
    text = "Published 8 January 2022\n\nProtesters stormed the city hall in Almaty on Wednesday."
    widget(at.text_area, "Article text").input(text).run()
    assert widget(at.date_input, "Publication date").value == dt.date(2022, 1, 8)
    captions = " ".join(c.value for c in at.caption)
    assert "taken from the byline" in captions and "Published 8 January 2022" in captions.replace("\\", "")
    widget(at.button, "Analyse").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "published 2022\\-01\\-08" in " ".join(c.value for c in at.caption)
    assert not any("no publication date" in w.value for w in at.warning)
    # A date the user sets is kept: the byline only pre-fills once per text.
    widget(at.date_input, "Publication date").set_value(dt.date(2022, 1, 9)).run()
    assert widget(at.date_input, "Publication date").value == dt.date(2022, 1, 9)


def test_uploaded_page_takes_its_date_from_the_metadata(fake):
    at = run_app()
    _choose_source(at, "Upload a file")
    page = ('<html><head><meta property="article:published_time" content="2022-01-08T10:00:00Z"></head>'
            "<body><p>Protesters stormed the city hall in Almaty on Wednesday.</p></body></html>")
    at.file_uploader[0].set_value(("news.html", page.encode(), "text/html")).run()
    assert widget(at.date_input, "Publication date").value == dt.date(2022, 1, 8)
    assert "metadata" in " ".join(c.value for c in at.caption)


def test_article_without_a_date_says_dates_stay_unresolved(fake):
    at = run_app()
    _choose_source(at, "Paste text")
    widget(at.text_area, "Article text").input("Protesters stormed the city hall in Almaty on Wednesday.").run()
    assert widget(at.date_input, "Publication date").value is None
    assert any("stay unresolved until a date is set" in c.value for c in at.caption)  # next to the date field
    widget(at.button, "Analyse").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("no publication date" in w.value and "unresolved" in w.value for w in at.warning)  # above the table


def test_incidents_without_a_location_are_in_the_table_not_on_the_map(pipeline):
    at = run_app()
    _choose_source(at, "Paste text")
    text = "Gunmen attacked a bus, killing 4 passengers. Police arrested two suspects."
    widget(at.text_area, "Article text").input(text)
    widget(at.date_input, "Publication date").set_value(dt.date(2022, 1, 8))
    widget(at.button, "Analyse").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    view = expected_view(text, dt.date(2022, 1, 8))
    assert view["incidents"] and all(f["geometry"] is None for f in view["incidents"])
    rows = table(at)
    assert len(rows) == len(view["incidents"])
    assert set(rows["Place"]) == {"(no location)"}
    assert map_payload(at)["rows"] == []
    assert any("without a location" in i.value for i in at.info)


def test_a_village_the_gazetteer_lacks_is_mapped_in_its_area_and_named_in_a_note(pipeline):
    at = run_app()
    _choose_source(at, "Paste text")
    text = "Gunmen killed four people in a raid on the village of Mbalakoro in Marsabit County on Monday."
    widget(at.text_area, "Article text").input(text)
    widget(at.date_input, "Publication date").set_value(dt.date(2024, 6, 12))
    widget(at.button, "Analyse").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Mbalakoro" in set(table(at)["Place"])
    note = next(i.value for i in at.info if "not in the gazetteer" in i.value)
    assert "Mbalakoro" in note and "area the text names" in note


# ----------------------------------------------------------------- first view (components/first_view.py)


def test_first_view_builds_neither_the_article_panel_nor_the_downloads_until_opened(pipeline):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    labels = {w.label for w in (*at.radio, *at.button, *at.get("download_button"))}
    assert not labels & {"Source", "Geocoder", "Analyse"}, labels  # the panel's widgets: not yet
    assert not at.get("download_button")
    assert any(e.label.startswith("Article · paste or upload") for e in at.expander)
    assert len(table(at)) == len(expected_view()["incidents"])  # the table is there at once
    helpers.open_all(at)  # the user opens the panel, then the Downloads tab
    at.run()
    assert {"Source", "Geocoder"} <= {w.label for w in at.radio}
    assert widget(at.button, "Analyse")
    assert len(at.get("download_button")) >= 3


def test_map_drawn_before_the_filters_agrees_with_them_after_every_change(pipeline):
    """The map is drawn with the filters' values read from the session state before their widgets are
    drawn (components.filters.peek_filters): every change must be drawn in one go, never drawn again."""
    from components.first_view import REDRAWS_KEY

    at = run_app()
    view = expected_view()
    first = view["incidents"][0]["properties"]
    dated = [f for f in view["incidents"] if f["properties"].get("date")]
    steps = [
        lambda: widget(at.multiselect, "Incident type").set_value([first["incident_type"]]),
        lambda: widget(at.multiselect, "Incident type").set_value([]),
        lambda: widget(at.multiselect, "Place").set_value([first["place_key"]]),
        lambda: widget(at.multiselect, "Location precision").set_value([first["precision"]]),
        lambda: widget(at.multiselect, "Place").set_value([]),
        lambda: widget(at.multiselect, "Status").set_value([str(first["status"])]),
        lambda: widget(at.text_input, "Search").set_value("the"),
        lambda: widget(at.toggle, "Show places without incidents").set_value(False),
        lambda: widget(at.toggle, "Online map tiles (OpenStreetMap)").set_value(False),
    ]
    if dated:
        from components.filters import date_bounds

        day = date_bounds(dated[0]["properties"]["date"])[0]
        steps += [lambda: widget(at.date_input, "Date range").set_value((day, day)),
                  lambda: widget(at.checkbox, "Include undated incidents").uncheck()]
    for step in steps:
        step().run()
        assert not at.exception
        assert REDRAWS_KEY not in at.session_state, step  # drawn again: the peek disagreed with a widget
        assert len(map_payload(at)["rows"]) <= len(table(at)) == count_line(at)[0]
