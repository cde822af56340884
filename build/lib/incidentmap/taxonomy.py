"""Incident types, read from the one data file that drives labels, colours, icons, legend, ACLED mapping and filters."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from .errors import GazetteerError
from .resources import TAXONOMY, data_file

TAXONOMY_FILE = data_file(TAXONOMY, "incident_types.csv")


@dataclass(frozen=True, slots=True)
class IncidentType:
    slug: str
    label: str
    definition: str
    colour: str
    icon: str
    acled_event_type: str
    acled_sub_event_type: str
    plover_event: str
    plover_mode: str


@lru_cache(maxsize=1)
def incident_types() -> dict[str, IncidentType]:
    """All incident types by slug, in file order (the legend's order)."""
    try:
        with TAXONOMY_FILE.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:  # pragma: no cover - a broken checkout
        raise GazetteerError(f"cannot read taxonomy {TAXONOMY_FILE}: {exc}") from exc
    return {row["slug"]: IncidentType(**row) for row in rows}


def incident_type(slug: str) -> IncidentType:
    return incident_types()[slug]
