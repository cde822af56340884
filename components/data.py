"""Analysis -> plain data (GeoJSON-like dicts) for the UI; the only place that calls the pipeline.

Everything downstream (map, table, filters, article view, downloads) consumes the
plain ``AnalysisView`` dict built here, never pipeline objects, so components are
testable with hand-made fixtures and the pipeline can change underneath.

AnalysisView = {
    "key": str,                 # stable id of (text, published, geocoder)
    "text": str,                # the text every offset refers to
    "published": "YYYY-MM-DD" | None,
    "geocoder": "offline" | "nominatim",
    "incidents": [Feature],     # incident Features (see incidentmap.export)
    "places": [Feature],        # Place.to_feature()
    "focus": place key | None,
    "warnings": [str],
}

This module does not import streamlit at import time; :mod:`dashboard` wraps
:func:`analyse` in ``st.cache_data``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from incidentmap import settings
from incidentmap.pipeline import GEOCODERS

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "data" / "articles" / "almaty-2022-01-08.txt"
SEED_PUBLISHED = dt.date(2022, 1, 8)
SEED_LABEL = "Seed article: Almaty, 8 January 2022 (ABC News)"


def analysis_key(text: str, published: dt.date | None, geocoder: str) -> str:
    h = hashlib.sha256()
    h.update(text.encode("utf-8", "surrogatepass"))
    h.update(f"\x00{published.isoformat() if published else ''}\x00{geocoder}".encode())
    return h.hexdigest()[:16]


def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- conversion


def analysis_to_view(analysis: Any, *, geocoder: str) -> dict:
    """Convert an ``incidentmap.pipeline.Analysis`` into the plain AnalysisView dict.

    Features come from :mod:`incidentmap.export`, so the map and table show exactly
    what the downloads contain.
    """
    from incidentmap.export import incidents_geojson, places_geojson

    published = analysis.published
    return {
        "key": analysis_key(analysis.text, published, geocoder),
        "text": analysis.text,
        "published": published.isoformat() if published else None,
        "geocoder": geocoder,
        "incidents": incidents_geojson(analysis)["features"],
        "places": places_geojson(analysis)["features"],
        "focus": analysis.focus.key if getattr(analysis, "focus", None) is not None else None,
        "warnings": [str(w) for w in (analysis.warnings or [])],
    }


def load_fixture(path: str | os.PathLike) -> dict:
    view = json.loads(Path(path).read_text(encoding="utf-8"))
    view.setdefault("key", "fixture-" + hashlib.sha1(str(path).encode()).hexdigest()[:8])
    view.setdefault("warnings", [])
    view.setdefault("focus", None)
    view.setdefault("geocoder", "offline")
    return view


def analyse(text: str, published: dt.date | None, geocoder: str = "offline") -> dict:
    """Run the pipeline and return an AnalysisView. Raises the pipeline's errors unchanged.

    With the test hook ``settings.ANALYSIS_FIXTURE`` set, the JSON AnalysisView it names is shown instead."""
    fixture = settings.current().analysis_fixture
    if fixture:
        return load_fixture(fixture)
    if geocoder not in GEOCODERS:
        raise ValueError(f"unknown geocoder {geocoder!r}")
    from incidentmap import pipeline  # attribute lookup at call time: tests may patch analyze

    analysis = pipeline.analyze(text, published=published, geocoder=geocoder)
    return analysis_to_view(analysis, geocoder=geocoder)
