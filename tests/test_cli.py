"""The command-line contract: `python -m incidentmap places|incidents FILE …` as our checks call it."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from incidentmap.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "almaty-2022-01-08.txt"
ARTICLE = ("KHARTOUM, Sudan (Reuters) — Security forces fired tear gas at protesters in Omdurman on Monday "
           "and arrested at least 12 people. Internet services were cut across Sudan.")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_places_geojson_is_rfc7946_with_exact_offsets(capsys, article):
    code, out, _ = run(capsys, "places", str(article), "--published", "2019-06-04")
    assert code == 0
    fc = json.loads(out)
    assert fc["type"] == "FeatureCollection" and fc["features"]
    text = article.read_text(encoding="utf-8")
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        props = f["properties"]
        for key in ("name", "kind", "precision", "uncertainty_m", "country_code", "source", "source_id",
                    "confidence", "mentions", "candidates"):
            assert key in props, key
        for m in props["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    names = {f["properties"]["name"] for f in fc["features"]}
    assert {"Khartoum", "Omdurman", "Sudan"} <= names


def test_incidents_in_three_formats(capsys, article):
    code, out, _ = run(capsys, "incidents", str(article), "--published", "2019-06-04")
    assert code == 0
    features = json.loads(out)["features"]
    types = {f["properties"]["incident_type"] for f in features}
    assert {"armed_violence", "arrest", "comms_blackout"} <= types
    code, out, _ = run(capsys, "incidents", str(article), "--published", "2019-06-04", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(features)
    code, out, _ = run(capsys, "incidents", str(article), "--published", "2019-06-04", "--format", "acled")
    rows = list(csv.DictReader(io.StringIO(out)))
    # one event per event: a sentence's incidents of one ACLED type at one place are one ACLED row
    assert code == 0 and 0 < len(rows) <= len(features)
    assert {"event_date", "event_type", "sub_event_type", "latitude", "longitude", "geo_precision"} <= set(rows[0])
    assert {r["country"] for r in rows} == {"Sudan"}


def test_places_csv(capsys, article):
    code, out, _ = run(capsys, "places", str(article), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {"Khartoum", "Omdurman"} <= {r["name"] for r in rows}


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"   \n\t  ", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "png image"),
])
def test_bad_input_is_a_clear_error_not_a_traceback(capsys, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "incidents", str(path))
    assert code == 2 and out == ""
    assert err.startswith("error:") and message in err.lower()


def test_missing_file_and_bad_date(capsys, tmp_path):
    code, _, err = run(capsys, "places", str(tmp_path / "nope.txt"))
    assert code == 2 and "cannot read" in err
    with pytest.raises(SystemExit):
        main(["places", str(tmp_path / "nope.txt"), "--published", "08/01/2022"])


def test_stdin_and_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "incidentmap", "incidents", "-", "--published", "2022-01-08"],
                          input=SEED.read_bytes(), capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    features = json.loads(proc.stdout)["features"]
    assert features and all(f["properties"]["evidence"] for f in features)
    seed = SEED.read_text(encoding="utf-8")
    for f in features:
        p = f["properties"]
        assert seed[p["start"]:p["end"]] == p["evidence"]


def test_html_input_is_stripped(capsys, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><script>alert(1)</script><style>p{}</style></head><body><nav>Home</nav>"
                    "<p>KHARTOUM, Sudan (Reuters) — Police arrested 12 people in Omdurman.</p></body></html>",
                    encoding="utf-8")
    code, out, _ = run(capsys, "incidents", str(page))
    assert code == 0
    features = json.loads(out)["features"]
    assert features and all("alert" not in f["properties"]["evidence"] for f in features)


def test_offsets_match_text_mode_reading_with_bom_and_crlf(capsys, tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "KHARTOUM, Sudan (Reuters) — Police arrested 12 people in Omdurman.\r\n"
                     "\r\nTroops guarded the airport.\r\n".encode("utf-8"))
    code, out, _ = run(capsys, "places", str(path))
    assert code == 0
    text = path.read_text(encoding="utf-8")
    mentions = [m for f in json.loads(out)["features"] for m in f["properties"]["mentions"]]
    assert {m["text"] for m in mentions} >= {"KHARTOUM", "Omdurman", "the airport"}
    for m in mentions:
        assert text[m["start"]:m["end"]] == m["text"]


def test_without_published_the_articles_own_date_is_used_and_said(capsys, tmp_path):
    path = tmp_path / "byline.txt"
    path.write_text("Published 8 January 2022\n\nPolice fired tear gas at protesters in Almaty on Wednesday.",
                    encoding="utf-8")
    code, out, err = run(capsys, "incidents", str(path))
    assert code == 0 and "2022-01-08" in err and "byline" in err
    assert {f["properties"]["date"] for f in json.loads(out)["features"]} == {"2022-01-05"}
    code, out, err = run(capsys, "incidents", str(path), "--published", "2022-01-14")
    assert code == 0 and "byline" not in err
    assert {f["properties"]["date"] for f in json.loads(out)["features"]} == {"2022-01-12"}


def test_without_any_date_the_cli_says_dates_stay_unresolved(capsys, article):
    code, out, err = run(capsys, "incidents", str(article))
    assert code == 0 and "stay unresolved" in err
