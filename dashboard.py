"""Incident Map dashboard: `make run` or `streamlit run dashboard.py`.

This file only wires the pages (app_pages/); the pieces live in components/. Settings (offline:
no usage statistics, static serving for the local Leaflet copy) are in .streamlit/config.toml, so a
bare `streamlit run dashboard.py` behaves the same.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.static_assets import ensure_vendor

PAGES = Path(__file__).resolve().parent / "app_pages"

st.set_page_config(page_title="Incident Map", page_icon="🗺️", layout="wide", initial_sidebar_state="auto")
# "auto": the sidebar starts open on a wide screen and collapsed on a phone, where it would cover most of
# the page (Streamlit's breakpoint, 768 px wide).

ensure_vendor()  # Leaflet & co. -> static/vendor/, served at /app/static/vendor/
# Less empty space above the title, leaving room for the header with the pages' menu (and, on a phone,
# the sidebar button) above it.
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:3.6rem}</style>")

page = st.navigation(
    [st.Page(PAGES / "article.py", title="Article", icon=":material/article:", default=True),
     st.Page(PAGES / "corpus.py", title="Corpus", icon=":material/timeline:", url_path="corpus")],
    position="top",  # two pages: a menu in the header, which keeps the sidebar for each page's filters
)
page.run()
