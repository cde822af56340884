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
def homeland_names() -> dict[str, str]:
    """A people's name as written ("Pokot", "Habar Gidir") -> the alpha-2 code of its country (peoples.csv)."""
    with data_file(LEXICON, "peoples.csv").open(encoding="utf-8", newline="") as fh:
        return {row["name"]: row["country"] for row in csv.DictReader(fh)}


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?")


def homelands(text: str) -> frozenset[str]:
    """The countries of the peoples ``text`` names as written ("Pokot raiders", "the Borana and Gabra"), alpha-2
    codes. (The geoparser reads them off the capitalised words it splits anyway: mentions.scan_names.)"""
    names = homeland_names()
    found = set()
    for m in _CAPITALISED.finditer(text):
        words = m.group()
        first = words.split(" ", 1)[0]
        for name in (words, first):
            if name in names:
                found.add(names[name])
    return frozenset(found)
