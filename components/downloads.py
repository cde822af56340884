"""Downloads of the *filtered* incidents: GeoJSON, CSV and ACLED-style CSV (incidentmap.export).

Files are generated lazily (Streamlit calls the callable on click), so a rerun with
10,000 incidents does not serialise three files it may never send.
"""

from __future__ import annotations

from typing import Sequence

from incidentmap.export import feature_collection_text, incidents_acled_csv, incidents_csv, incidents_geojson

# The article page's "Article | Downloads" tabs (their state: the chosen tab's label). The Downloads tab
# is built only when chosen: a first view then fetches no download-button code (components/first_view.py).
TABS_KEY = "article_tabs"


def country_names(places: Sequence[dict]) -> dict[str, str]:
    """ISO code -> name, from the country-level places of the analysis."""
    out: dict[str, str] = {}
    for pf in places:
        p = pf.get("properties", {})
        if p.get("kind") == "country" and p.get("country_code"):
            out.setdefault(p["country_code"], p.get("name") or p["country_code"])
    return out


def geojson_text(features: Sequence[dict]) -> str:
    return feature_collection_text(incidents_geojson(list(features)))


def acled_csv_text(features: Sequence[dict], *, source: str = "", places: Sequence[dict] = ()) -> str:
    return incidents_acled_csv(list(features), source=source, country_names=country_names(places))


def render_downloads(features: Sequence[dict], *, basename: str, source: str = "", places: Sequence[dict] = (),
                     container=None) -> None:
    import streamlit as st

    c = container if container is not None else st
    feats = list(features)
    n = len(feats)
    cols = c.columns(3)
    cols[0].download_button(
        f"GeoJSON ({n})", lambda: geojson_text(feats),
        file_name=f"{basename}.geojson", mime="application/geo+json", on_click="ignore",
        key="dl_geojson", disabled=n == 0, icon=":material/map:",
    )
    cols[1].download_button(
        f"CSV ({n})", lambda: incidents_csv(feats).encode("utf-8-sig"),
        file_name=f"{basename}.csv", mime="text/csv", on_click="ignore",
        key="dl_csv", disabled=n == 0, icon=":material/table:",
    )
    cols[2].download_button(
        f"ACLED-style CSV ({n})", lambda: acled_csv_text(feats, source=source, places=places).encode("utf-8-sig"),
        file_name=f"{basename}-acled.csv", mime="text/csv", on_click="ignore",
        key="dl_acled", disabled=n == 0, icon=":material/table_view:",
    )
    c.caption(
        "ACLED-style: ACLED's column names filled from this analysis (event types mapped from the "
        "taxonomy); not ACLED data. CSV cells starting with = + - @ get a leading apostrophe."
    )
