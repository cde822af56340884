"""Peoples (ethnic groups and clans) of data/lexicon/peoples.csv, read once for both of their readers: the incident
rules (an armed group named by a people is its identity militia) and the geoparser (a people's name before
"militia", "raiders" or "groups" is a people, not the place named after it; a text that names a people is about its
country, see :func:`homelands`). Columns: see that folder's README."""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from .resources import LEXICON, data_file
from .vocabulary import PeopleKind


@lru_cache(maxsize=1)
def peoples() -> dict[str, PeopleKind]:
    """A people's name, case-folded -> its kind."""
    with data_file(LEXICON, "peoples.csv").open(encoding="utf-8", newline="") as fh:
        return {row["name"].casefold(): PeopleKind(row["kind"]) for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def _homeland_table() -> tuple[re.Pattern[str], dict[str, str]]:
    with data_file(LEXICON, "peoples.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = sorted({row["name"] for row in rows}, key=len, reverse=True)
    # As written (capitalised): "the Turkana", not "turkana" in a word; one pass over the text.
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w'’-])")
    return pattern, {row["name"]: row["country"] for row in rows}


def homelands(text: str) -> frozenset[str]:
    """The countries of the peoples ``text`` names ("Pokot raiders", "the Borana and Gabra") (alpha-2 codes)."""
    pattern, country = _homeland_table()
    return frozenset(country[m.group()] for m in pattern.finditer(text))
