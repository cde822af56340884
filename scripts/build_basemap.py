"""Build data/basemap/countries.geojson: a low-resolution world outline for offline maps.

Run once (the output is committed): ``.venv/bin/python scripts/build_basemap.py``.

Source: the simplified country outlines bundled in the ``countryinfo`` package
(``countryinfo/data/*.json``, key ``geoJSON``; MIT licence). Those outlines carry
Natural Earth-style ISO3 ids (they appear to come from the public-domain
world.geo.json / Natural Earth 1:110m set). We keep one feature per country,
round coordinates to 2 decimals (~1 km, far below the outlines' own accuracy),
drop consecutive duplicate points and tiny rings, and write compact JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "basemap" / "countries.geojson"
DIGITS = 2
MAX_BYTES = 1_500_000


def _source_dir() -> Path:
    import countryinfo

    return Path(countryinfo.__file__).resolve().parent / "data"


def _ring(ring: list) -> list | None:
    out: list[list[float]] = []
    for lon, lat, *_ in ring:
        pt = [round(float(lon), DIGITS), round(float(lat), DIGITS)]
        if not out or out[-1] != pt:
            out.append(pt)
    if len(out) >= 3 and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def _polygon(rings: list) -> list | None:
    rings = [r for r in (_ring(r) for r in rings) if r]
    return rings if rings else None


def _geometry(geom: dict) -> dict | None:
    if geom["type"] == "Polygon":
        poly = _polygon(geom["coordinates"])
        return {"type": "Polygon", "coordinates": poly} if poly else None
    if geom["type"] == "MultiPolygon":
        polys = [p for p in (_polygon(p) for p in geom["coordinates"]) if p]
        if not polys:
            return None
        if len(polys) == 1:
            return {"type": "Polygon", "coordinates": polys[0]}
        return {"type": "MultiPolygon", "coordinates": polys}
    return None


def build() -> dict:
    features: dict[str, dict] = {}
    for path in sorted(_source_dir().glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gj = data.get("geoJSON") or {}
        iso = (data.get("ISO") or {}).get("alpha2", "")
        for feat in gj.get("features", []):
            geom = _geometry(feat.get("geometry") or {})
            if geom is None:
                continue
            fid = str(feat.get("id") or iso or path.stem)
            if fid in features:
                continue
            features[fid] = {
                "type": "Feature",
                "id": fid,
                "properties": {"name": data.get("name") or feat.get("properties", {}).get("name", ""), "iso2": iso},
                "geometry": geom,
            }
    return {
        "type": "FeatureCollection",
        "source": "countryinfo 1.0.1 data/*.json geoJSON (MIT); outlines derived from Natural Earth (public domain)",
        "features": [features[k] for k in sorted(features)],
    }


def main() -> int:
    fc = build()
    text = json.dumps(fc, separators=(",", ":"), ensure_ascii=False)
    if len(text.encode()) > MAX_BYTES:
        print(f"refusing to write {len(text)} bytes (> {MAX_BYTES})", file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(fc['features'])} countries, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
