"""Local copies of Leaflet & co., served by Streamlit at /app/static/vendor/ (no CDN).

At start-up :func:`ensure_vendor` copies the files the map needs out of the
installed XStatic packages (and the shipped offline basemap) into
``static/vendor/`` (generated, git-ignored). Streamlit serves ``static/`` at
``/app/static/`` when ``server.enableStaticServing`` is on (see
``.streamlit/config.toml``). The iframe that streamlit-folium creates lives on
the same origin, so absolute ``/app/static/...`` URLs work inside it.

Icons are not served as a web font: :func:`icon_svg` reads the few Font Awesome
SVGs the taxonomy names from XStatic-Font-Awesome and inlines them, which is
smaller than the 80 kB CSS + 150 kB font and has no load-order race.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = ROOT / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
BASEMAP_FILE = ROOT / "data" / "basemap" / "countries.geojson"

_lock = threading.Lock()
_done: str | None = None  # signature of the last successful copy in this process


def _xstatic_dir(module: str) -> Path:
    import importlib

    mod = importlib.import_module(f"xstatic.pkg.{module}")
    return Path(mod.BASE_DIR)


def _manifest() -> list[tuple[Path, str]]:
    """(source file, destination relative to static/vendor) pairs."""
    leaflet = _xstatic_dir("leaflet")
    cluster = _xstatic_dir("leaflet_markercluster")
    jquery = _xstatic_dir("jquery")
    files = [
        (leaflet / "leaflet.js", "leaflet/leaflet.js"),
        (leaflet / "leaflet.css", "leaflet/leaflet.css"),
        (cluster / "leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
        (cluster / "MarkerCluster.css", "markercluster/MarkerCluster.css"),
        (cluster / "MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
        (jquery / "jquery.min.js", "jquery/jquery.min.js"),
        (BASEMAP_FILE, "basemap/countries.geojson"),
    ]
    for img in sorted((leaflet / "images").glob("*.png")):
        files.append((img, f"leaflet/images/{img.name}"))
    return files


def _signature(files: list[tuple[Path, str]]) -> str:
    h = hashlib.sha1()
    for src, dest in files:
        st = src.stat()
        h.update(f"{dest}:{st.st_size}:{int(st.st_mtime)}\n".encode())
    return h.hexdigest()


def ensure_vendor(vendor_dir: Path = VENDOR_DIR) -> Path:
    """Copy the vendored assets into ``vendor_dir`` unless they are already there.

    Cheap on every rerun (one in-process flag; a stamp file across processes).
    Files are written to a temporary name and renamed, so a browser never
    reads a half-written file and concurrent servers do not trip each other.
    """
    global _done
    files = _manifest()
    sig = _signature(files)
    if _done == sig and vendor_dir == VENDOR_DIR:
        return vendor_dir
    with _lock:
        stamp = vendor_dir / ".stamp"
        try:
            if stamp.read_text() == sig and all((vendor_dir / d).exists() for _, d in files):
                _done = sig if vendor_dir == VENDOR_DIR else _done
                return vendor_dir
        except OSError:
            pass
        for src, dest in files:
            target = vendor_dir / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            os.close(fd)
            try:
                shutil.copyfile(src, tmp)
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        fd, tmp = tempfile.mkstemp(dir=vendor_dir, prefix=".tmp-")
        with os.fdopen(fd, "w") as fh:
            fh.write(sig)
        os.replace(tmp, stamp)
        if vendor_dir == VENDOR_DIR:
            _done = sig
    return vendor_dir


def static_url(rel: str, base_url_path: str | None = None) -> str:
    """Absolute URL path of ``static/<rel>``, honouring ``server.baseUrlPath``."""
    if base_url_path is None:
        try:
            import streamlit as st

            base_url_path = st.get_option("server.baseUrlPath") or ""
        except Exception:  # pragma: no cover - outside streamlit
            base_url_path = ""
    base = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    return f"{base}/app/static/{rel.lstrip('/')}"


@dataclass(frozen=True)
class AssetUrls:
    js: tuple[tuple[str, str], ...]
    css: tuple[tuple[str, str], ...]
    basemap: str
    leaflet_images: str


def asset_urls(base_url_path: str | None = None) -> AssetUrls:
    u = lambda rel: static_url(rel, base_url_path)  # noqa: E731
    return AssetUrls(
        js=(
            ("leaflet", u("vendor/leaflet/leaflet.js")),
            # folium's own Popup template uses jQuery; served locally in case one is added.
            ("jquery", u("vendor/jquery/jquery.min.js")),
            ("markercluster", u("vendor/markercluster/leaflet.markercluster.js")),
            ("incidentmap", u("incidentmap/map.js")),
        ),
        css=(
            ("leaflet_css", u("vendor/leaflet/leaflet.css")),
            ("markercluster_css", u("vendor/markercluster/MarkerCluster.css")),
            ("markercluster_default_css", u("vendor/markercluster/MarkerCluster.Default.css")),
            ("incidentmap_css", u("incidentmap/map.css")),
        ),
        basemap=u("vendor/basemap/countries.geojson"),
        leaflet_images=u("vendor/leaflet/images/"),
    )


_SVG_VIEWBOX = re.compile(r'viewBox="([0-9. -]+)"')
_SVG_PATH = re.compile(r'<path[^>]*\sd="([^"]+)"')


@lru_cache(maxsize=256)
def icon_svg(name: str, colour: str = "#ffffff", size: int = 14) -> str:
    """Inline SVG markup for a Font Awesome 6 solid icon (falls back to a circle).

    Only the viewBox and path data are taken from the package file; the markup
    around them is ours, so nothing else from the file reaches the page.
    """
    folder = _xstatic_dir("font_awesome") / "svgs" / "solid"
    name = re.sub(r"[^a-z0-9-]", "", (name or "").lower()) or "circle"
    path = folder / f"{name}.svg"
    if not path.exists():
        path = folder / "circle.svg"
    raw = path.read_text(encoding="utf-8")
    vb = _SVG_VIEWBOX.search(raw)
    d = _SVG_PATH.search(raw)
    if not vb or not d or not re.fullmatch(r"[0-9A-Za-z.,\- ]+", d.group(1)):
        return ""
    colour = colour if re.fullmatch(r"#[0-9a-fA-F]{3,8}", colour or "") else "#ffffff"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{vb.group(1)}" width="{size}" '
        f'height="{size}" aria-hidden="true" focusable="false"><path fill="{colour}" d="{d.group(1)}"/></svg>'
    )
