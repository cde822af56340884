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
    """(source file, destination relative to static/vendor) pairs, copied as they are."""
    leaflet = _xstatic_dir("leaflet")
    cluster = _xstatic_dir("leaflet_markercluster")
    jquery = _xstatic_dir("jquery")
    files = [
        (leaflet / "leaflet.js", "leaflet/leaflet.js"),
        (leaflet / "leaflet.css", "leaflet/leaflet.css"),
        (cluster / "leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
        (cluster / "MarkerCluster.css", "markercluster/MarkerCluster.css"),
        (cluster / "MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
        # not loaded by the map (we build popups without folium's jQuery template); kept
        # available locally so a folium.Popup added later does not reach for a CDN
        (jquery / "jquery.min.js", "jquery/jquery.min.js"),
        (BASEMAP_FILE, "basemap/countries.geojson"),
    ]
    for img in sorted((leaflet / "images").glob("*.png")):
        files.append((img, f"leaflet/images/{img.name}"))
    return files


OWN_DIR = STATIC_DIR / "incidentmap"
# One JS and one CSS file for the map iframe: streamlit-folium loads links one after the
# other, so every extra file is a round trip before the first marker can appear.
BUNDLE_JS = "leaflet/incidentmap-bundle.js"  # Leaflet + markercluster + our map.js
BUNDLE_CSS = "leaflet/incidentmap-bundle.css"  # next to leaflet.css: its images/ URLs stay valid


def _bundles() -> list[tuple[list[Path], str]]:
    leaflet = _xstatic_dir("leaflet")
    cluster = _xstatic_dir("leaflet_markercluster")
    return [
        ([leaflet / "leaflet.js", cluster / "leaflet.markercluster.js", OWN_DIR / "map.js"], BUNDLE_JS),
        ([leaflet / "leaflet.css", cluster / "MarkerCluster.css", cluster / "MarkerCluster.Default.css",
          OWN_DIR / "map.css"], BUNDLE_CSS),
    ]


def _signature(files: list[tuple[Path, str]]) -> str:
    h = hashlib.sha1()
    for src, dest in files + [(p, dest) for parts, dest in _bundles() for p in parts]:
        st = src.stat()
        h.update(f"{dest}:{src}:{st.st_size}:{int(st.st_mtime)}\n".encode())
    return h.hexdigest()


def _atomic_write(target: Path, write) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def ensure_vendor(vendor_dir: Path = VENDOR_DIR) -> Path:
    """Copy (and bundle) the vendored assets into ``vendor_dir`` unless already up to date.

    Cheap on every rerun (an in-process flag; a stamp file across processes). Files are
    written under a temporary name and renamed, so a browser never reads a half-written
    file and concurrent servers do not trip each other.
    """
    global _done
    files = _manifest()
    sig = _signature(files)
    if _done == sig and vendor_dir == VENDOR_DIR:
        return vendor_dir
    with _lock:
        stamp = vendor_dir / ".stamp"
        wanted = [d for _, d in files] + [d for _, d in _bundles()]
        try:
            fresh = stamp.read_text() == sig and all((vendor_dir / d).exists() for d in wanted)
        except OSError:
            fresh = False
        if not fresh:
            for src, dest in files:
                _atomic_write(vendor_dir / dest, lambda fh, src=src: fh.write(src.read_bytes()))
            for parts, dest in _bundles():
                def write(fh, parts=parts):
                    for part in parts:
                        fh.write(f"/* ---- {part.name} ---- */\n".encode())
                        data = re.sub(rb"(?m)^[ \t]*//# sourceMappingURL=.*$", b"", part.read_bytes())
                        fh.write(data)
                        fh.write(b"\n;\n" if part.suffix == ".js" else b"\n")
                _atomic_write(vendor_dir / dest, write)
            _atomic_write(stamp, lambda fh: fh.write(sig.encode()))
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
        # Leaflet 1.9.3 + Leaflet.markercluster 1.4.1 + static/incidentmap/map.js, one file
        js=(("incidentmap_bundle", u("vendor/" + BUNDLE_JS)),),
        css=(("incidentmap_bundle_css", u("vendor/" + BUNDLE_CSS)),),
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
