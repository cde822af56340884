"""Every article we have (seed, dev set, held-out set) through the whole pipeline: invariants, not scores."""

import datetime as dt
import json
from pathlib import Path

import pytest

from incidentmap.export import incidents_geojson, places_geojson
from incidentmap.pipeline import analyze

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted([*(ROOT / "data" / "devset").glob("*.txt"), *(ROOT / "data" / "heldout2").glob("*.txt"),
                   *(ROOT / "data" / "articles").glob("*.txt")])
POINT_SOURCES = {"landmarks.csv", "airportsdata", "nominatim"}


def published(path: Path):
    meta = path.with_suffix(".json")
    if meta.exists():
        return dt.date.fromisoformat(json.loads(meta.read_text(encoding="utf-8"))["published"])
    return None


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_invariants(path):
    text = path.read_text(encoding="utf-8")
    a = analyze(text, published=published(path))
    assert a.places and a.incidents
    keys = [p.key for p in a.places]
    assert len(keys) == len(set(keys)), "one Place per distinct place"
    for p in a.places:
        assert p.mentions
        for m in p.mentions:
            assert text[m.start:m.end] == m.text
        # Honest precision: only a curated site or an airport may claim a point.
        if p.precision == "point":
            assert p.source in POINT_SOURCES and p.uncertainty_m <= 5_000, p
        if p.precision in ("city", "district"):
            assert p.uncertainty_m >= 1_000, p
    ids = [i.id for i in a.incidents]
    assert len(ids) == len(set(ids))
    for i in a.incidents:
        assert text[i.start:i.end] == i.evidence
        assert i.place.key in keys or i.place.kind == "country"
        assert i.status in ("reported", "planned")
    for fc in (places_geojson(a.places), incidents_geojson(a.incidents)):
        assert json.loads(json.dumps(fc))["type"] == "FeatureCollection"
