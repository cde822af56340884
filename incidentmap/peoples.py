"""Peoples (ethnic groups and clans) of data/lexicon/peoples.csv, read once for both of their readers: the incident
rules (an armed group named by a people is its identity militia) and the geoparser (a people's name before
"militia", "raiders" or "groups" is a people, not the place named after it). Columns: see that folder's README."""

from __future__ import annotations

import csv
from functools import lru_cache

from .resources import LEXICON, data_file
from .vocabulary import PeopleKind


@lru_cache(maxsize=1)
def peoples() -> dict[str, PeopleKind]:
    """A people's name, case-folded -> its kind."""
    with data_file(LEXICON, "peoples.csv").open(encoding="utf-8", newline="") as fh:
        return {row["name"].casefold(): PeopleKind(row["kind"]) for row in csv.DictReader(fh)}
