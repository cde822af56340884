"""Property-based tests: the pipeline never crashes on any text and its output always holds together."""

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidentmap.errors import InputError
from incidentmap.export import incidents_geojson, places_geojson
from incidentmap.pipeline import analyze

# Real article vocabulary mixed with arbitrary characters, so that places and triggers actually occur.
WORDS = st.sampled_from([
    "ALMATY", "Kazakhstan", "Almaty", "the", "city", "airport", "main", "square", "protesters", "stormed",
    "Police", "fired", "tear", "gas", "in", "on", "Wednesday", "dozens", "killed", "no", "arrested", "(Reuters)",
    "—", "-", ",", ".", "\n\n", "Georgia", "Tbilisi", "Córdoba", "Argentina", "curfew", "internet", "blackout",
    "from", "Belarus", "troops", "arrived", "’s", "'s", "“", "”", "<script>", "&amp;", "Ī", "į", "U.S.",
])
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(WORDS, st.text(max_size=6)), max_size=120).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))))
def test_any_text_gives_a_result_or_a_clear_input_error(text, published):
    try:
        a = analyze(text, published=published)
    except InputError as exc:
        assert str(exc)  # a message for the user, never a traceback
        return
    for place in a.places:
        assert place.precision in ("country", "region", "city", "district", "point")
        assert place.uncertainty_m > 0
        for m in place.mentions:
            assert text[m.start:m.end] == m.text
    for inc in a.incidents:
        assert 0 <= inc.start < inc.end <= len(text)
        assert text[inc.start:inc.end] == inc.evidence
    # Valid, serialisable GeoJSON with [lon, lat] points.
    for fc in (places_geojson(a.places), incidents_geojson(a.incidents)):
        json.dumps(fc)
        assert fc["type"] == "FeatureCollection"
        for f in fc["features"]:
            lon, lat = f["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    # Stable ids: the same text gives the same incidents.
    again = analyze(text, published=published)
    assert [i.id for i in again.incidents] == [i.id for i in a.incidents]
