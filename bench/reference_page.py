"""The reference page for bench/dashboard_speed.py: Streamlit + streamlit-folium showing 5 plain markers,
nothing else. What any Streamlit map page costs; the seed dashboard is reported against it.

Leaflet comes from this repository's local copy (/app/static/vendor/leaflet/, as for the dashboard), not
folium's CDN defaults: the bench is offline, and the comparison is then of the pages, not of the network.
Run by the bench from a folder holding this file, .streamlit/config.toml and static/ (see there).

The markers are Leaflet's own marker image, given explicitly (inlined by folium as a data URL): with the
default icon, Leaflet guesses the image's folder from leaflet.css, which streamlit-folium loads only after
the map is made, so the guess was wrong ("/app/static/vendor/leafletmarker-icon.png", a 404) and the five
"visible" markers were broken images.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

POINTS = [(43.2565, 76.9285), (43.2381, 76.9456), (43.3521, 77.0405), (43.2220, 76.8512), (43.2775, 76.8958)]

st.set_page_config(page_title="Reference map page", layout="wide")
m = folium.Map(location=[43.27, 76.94], zoom_start=10)  # OSM tiles: blocked in the bench, as for the dashboard
m.default_js = [("leaflet", "/app/static/vendor/leaflet/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/vendor/leaflet/leaflet.css")]
MARKER = "static/vendor/leaflet/images/marker-icon.png"  # Leaflet's default marker (25 x 41, tip at 12, 41)
for n, (lat, lon) in enumerate(POINTS):
    icon = folium.CustomIcon(MARKER, icon_size=(25, 41), icon_anchor=(12, 41))
    folium.Marker([lat, lon], tooltip=f"marker {n + 1}", icon=icon).add_to(m)
st_folium(m, height=600, use_container_width=True, returned_objects=[], key="reference_map")
