"""ACLED's vocabulary: countries' numeric ISO codes and ACLED regions, interaction codes, admin names.

The country table is incidentmap/data/acled/countries.csv (its README lists the columns), read by column
name. ACLED's codebook fixes the codes: ``inter1``/``inter2`` are :class:`~incidentmap.models.Inter`, the
interaction is the two codes as a two-digit number, lower first (16: state forces and protesters; 60:
protesters alone).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from .models import Inter, Kind, Place
from .resources import ACLED, data_file

__all__ = ["REGIONS", "AcledCountry", "admin_names", "countries", "country_by_name", "interaction"]

# ACLED's region names (its codebook); countries.csv uses exactly these.
REGIONS = frozenset({
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "South Asia",
    "Southeast Asia", "East Asia", "Middle East", "Europe", "Caucasus and Central Asia", "Central America",
    "South America", "Caribbean", "North America", "Oceania", "Antarctica",
})


@dataclass(frozen=True, slots=True)
class AcledCountry:
    code: str  # ISO 3166-1 alpha-2, the pipeline's country code
    iso3: str
    iso: int  # ISO 3166-1 numeric, ACLED's ``iso`` (0 for Kosovo, which has none)
    name: str  # as ACLED names it
    region: str
    demonym: str  # "Kenyan": a nationality word naming the country's forces


@lru_cache(maxsize=1)
def countries() -> dict[str, AcledCountry]:
    """alpha-2 code -> the country's ACLED row."""
    with data_file(ACLED, "countries.csv").open(encoding="utf-8", newline="") as fh:
        return {r["code"]: AcledCountry(r["code"], r["iso3"], int(r["iso"]), r["country"], r["region"], r["demonym"])
                for r in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    """Country names and demonyms, casefolded -> alpha-2 code."""
    index: dict[str, str] = {}
    for c in countries().values():
        for word in (c.name, c.demonym):
            if word:
                index.setdefault(word.casefold(), c.code)
    return index


_THE = re.compile(r"^the\s+", re.I)


def country_by_name(word: str) -> str | None:
    """The alpha-2 code of a country name or demonym ("Belarus", "Russian"), or None."""
    return _name_index().get(_THE.sub("", " ".join(word.split())).casefold())


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: both actor types, lower digit first; one actor alone is its type × 10."""
    if not inter2:
        return 10 * inter1
    if not inter1:
        return 10 * inter2
    return 10 * min(inter1, inter2) + max(inter1, inter2)


# A second-level unit's key names it: GeoNames' ("geonames-admin2:US.CA:Los Angeles County") and the national units'
# ("unit:KE.05:Mathare", a ward "unit:KE.05:Dagoretti North/Kawangware": its constituency).
_ADMIN2_KEY = re.compile(r"^(?:geonames-admin2|unit):[^.]+\.[^:]*:([^/]+)")


def admin_names(place: Place, gazetteer=None) -> tuple[str, str]:
    """(admin1, admin2) names of a place from the gazetteer: its first-level region (for a town, a district or
    site in it, or the region itself) and, for a second-level unit, its own name. Empty where unknown."""
    if gazetteer is None:
        from .gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
    code, cc = place.admin1, place.country_code
    if not code and place.city_id:  # a landmark, airport or district: its city's region
        city = gazetteer.get(place.city_id if ":" in place.city_id else f"geonames:{place.city_id}")  # key or id
        code = city.admin1 if city is not None else ""
    admin2 = ""
    m = _ADMIN2_KEY.match(place.key) or _ADMIN2_KEY.match(place.source_id)
    if m:
        admin2 = m.group(1)
    admin1 = ""
    if code and cc:
        region = gazetteer.get(f"geonames-admin1:{cc}.{code}")
        admin1 = region.name if region is not None else ""
    if not admin1 and place.kind == Kind.REGION and place.key.startswith("geonames-admin1:"):
        admin1 = place.name
    return admin1, admin2


def inter_name(inter: Inter) -> str:
    """ACLED's label of an actor type ("State forces"), as its newer exports write ``inter1``."""
    return _INTER_NAMES[Inter(inter)]


_INTER_NAMES = {
    Inter.NONE: "", Inter.STATE_FORCES: "State forces", Inter.REBEL_GROUP: "Rebel group",
    Inter.POLITICAL_MILITIA: "Political militia", Inter.IDENTITY_MILITIA: "Identity militia",
    Inter.RIOTERS: "Rioters", Inter.PROTESTERS: "Protesters", Inter.CIVILIANS: "Civilians",
    Inter.EXTERNAL_OTHER: "External/Other forces",
}
