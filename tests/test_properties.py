"""Property-based tests: the pipeline never crashes on any text and its output always holds together."""

import datetime as dt
import json

from hypothesis import HealthCheck, event, given, settings
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
        if published is not None and inc.status == "reported" and inc.date:
            assert inc.date.split("/")[-1] <= published.isoformat()  # nothing reported happened after publication
    # Valid, serialisable GeoJSON with [lon, lat] points.
    for fc, of_incidents in ((places_geojson(a.places), False), (incidents_geojson(a.incidents), True)):
        json.dumps(fc)
        assert fc["type"] == "FeatureCollection"
        for f in fc["features"]:
            if f["geometry"] is None:  # an incident the article supports no place for (RFC 7946 3.2)
                assert of_incidents and not f["properties"]["place_key"] and f["properties"]["precision"] is None
                continue
            lon, lat = f["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    # Stable ids: the same text gives the same incidents.
    again = analyze(text, published=published)
    assert [i.id for i in again.incidents] == [i.id for i in a.incidents]


# ----------------------------------------------------------------- issue 5: stricter, and the upload path

import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from incidentmap.textinput import load_upload  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = TEXT.map(lambda t: "ALMATY, Kazakhstan — Protesters stormed the city hall in Almaty on Wednesday. "
                   f"{t} Police fired shots near the main square and arrested 40 people.")
BYTES = st.one_of(
    st.binary(max_size=600),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.one_of(TEXT, ARTICLE), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])).map(
        lambda te: te[0].encode(te[1], "replace")),
    st.tuples(ARTICLE, st.binary(max_size=40), st.integers(0, 200)).map(  # article with a binary splinter
        lambda t: (lambda b: b[:t[2]] + t[1] + b[t[2]:])(t[0].encode("utf-8", "replace"))),
    ARTICLE.map(lambda t: f"<html><body><nav>Paris</nav><p>{t}</p><script>{t}</script></body></html>".encode(
        "utf-8", "surrogatepass")),
)


def assert_valid_geojson(fc: dict) -> None:
    """RFC 7946 as our consumers need it: strict JSON (no NaN/Infinity), Features with Point
    geometries in [lon, lat] order and a properties object, ids that are strings."""
    json.loads(json.dumps(fc, allow_nan=False))
    assert fc["type"] == "FeatureCollection" and isinstance(fc["features"], list)
    for f in fc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        assert isinstance(f.get("id"), str) and f["id"]
        g = f["geometry"]
        if g is None:  # RFC 7946 3.2: a Feature without a location; only incidents the article gives no place
            assert f["properties"].get("precision") is None and not f["properties"].get("place_key")
            continue
        assert g["type"] == "Point" and len(g["coordinates"]) == 2
        lon, lat = g["coordinates"]
        assert isinstance(lon, float | int) and isinstance(lat, float | int)
        assert -180 <= lon <= 180 and -90 <= lat <= 90


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BYTES, st.sampled_from(["", "a.txt", "a.html", "a.md"]))
def test_any_upload_gives_a_result_or_a_clear_input_error(data, filename):
    """Arbitrary bytes through the path uploads and the CLI take: decode, prepare, validate, analyse."""
    try:
        text = load_upload(data, filename=filename)
        a = analyze(text)
    except InputError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        event("input error")
        return
    event("analysed" + (" with incidents" if a.incidents else ""))
    for place in a.places:
        for m in place.mentions:
            assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
    for inc in a.incidents:
        assert text[inc.start:inc.end] == inc.evidence
    ids = [i.id for i in a.incidents]
    assert len(ids) == len(set(ids)), "incident ids are unique"
    assert_valid_geojson(places_geojson(a.places))
    assert_valid_geojson(incidents_geojson(a.incidents))


def test_ids_and_output_are_identical_across_processes(tmp_path):
    """Ids are content hashes, not Python's per-process hash(): two runs with different hash seeds
    give byte-identical output (sets and dicts iterated in a different order must not matter)."""
    article = tmp_path / "a.txt"
    article.write_text(
        (ROOT / "data" / "articles" / "almaty-2022-01-08.txt").read_text(encoding="utf-8") + "\n\n"
        + (sorted((ROOT / "data" / "devset").glob("*.txt"))[0]).read_text(encoding="utf-8"), encoding="utf-8")
    outs = []
    for seed in ("0", "4242"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-m", "incidentmap", "incidents", str(article), "--published",
                               "2022-01-08"], capture_output=True, cwd=ROOT, env=env, timeout=60)
        assert proc.returncode == 0, proc.stderr.decode()
        outs.append(proc.stdout)
    assert outs[0] == outs[1]
    assert_valid_geojson(json.loads(outs[0]))
    assert json.loads(outs[0])["features"]
