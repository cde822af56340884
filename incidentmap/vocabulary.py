"""The typed vocabularies of :mod:`incidentmap.models`: what sort of place, how precise, from which source.

Their own module, not compiled: mypyc-compiled code (incidentmap/compiled.py, models.py among it) checks every
argument typed with a class of its own group, and callers and tests pass the plain strings members compare
equal to ("city" for Kind.CITY), as they may in plain Python. :mod:`incidentmap.models` re-exports them.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

# The vocabularies below are StrEnums: members compare equal to their strings and serialise as them,
# so exports, CSV files and JSON stay plain text while code names every value it uses.


class Kind(StrEnum):
    """What sort of place an entry is."""

    COUNTRY = "country"
    REGION = "region"  # a first-level region, or a multi-country region ("East Africa")
    CITY = "city"
    DISTRICT = "district"  # a neighbourhood, or a city centre
    LANDMARK = "landmark"  # a square, palace, building or other named site
    AIRPORT = "airport"
    WATER = "water"  # lakes, seas, rivers


class Precision(StrEnum):
    """How finely a location is known, coarsest first: a located thing never claims more than it knows."""

    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    DISTRICT = "district"
    POINT = "point"


class Source(StrEnum):
    """Where an entry comes from. Curated-ness is the ``curated`` field, not a list of these."""

    GEONAMES = "geonames"  # countries, regions, cities (GeoNames extract)
    AIRPORTS = "airportsdata"
    LANDMARKS = "landmarks.csv"  # curated sites with coordinates
    HISTORICAL = "historical.csv"  # states that no longer exist (the Soviet Union): named, never a scene
    WORLD_REGIONS = "world_regions.csv"  # regions across countries (the Sahel, East Africa)
    WATER = "water.csv"
    EXTRA_PLACES = "extra_places.csv"  # places GeoNames lacks or names differently (Kosovo, Gaza Strip)
    UNITS = "units.tsv"  # national sub-county units GeoNames lacks (Kenya's constituencies and wards)
    CONTEXT_CITY = "context-city"  # a named site the gazetteer lacks, placed at the city of its context
    # a village or area the gazetteer lacks, named as one by the text ("the village of Mayimoya"), placed in the
    # area its context names (incidentmap/unlisted.py)
    CONTEXT_AREA = "context-area"
    FOCUS_CITY = "focus-city"  # a generic reference ("the airport", "the city centre") in the focus city
    NOMINATIM = "nominatim"  # the opt-in online geocoder


class DatePrecision(StrEnum):
    """How finely an incident's date is known (see :mod:`incidentmap.dates`)."""

    DAY = "day"
    RANGE = "range"  # an interval of days, both ends inclusive
    WEEK = "week"  # "a few days ago", "last week": about a week
    MONTH = "month"
    UNKNOWN = "unknown"  # no date in the text: the publication date, flagged


class PublishedFrom(StrEnum):
    """Where a publication date found in an article came from (:func:`incidentmap.textinput.byline_date`)."""

    HTML_META = "html-meta"  # <meta property="article:published_time">, name="pubdate"/"date"...
    JSON_LD = "json-ld"  # "datePublished" in a <script type="application/ld+json">
    TIME_ELEMENT = "time-element"  # <time datetime="…"> (one marked pubdate first)
    BYLINE = "byline"  # "Published 8 January 2022", "Updated: 2022-01-08", a date line near the top
    DATELINE = "dateline"  # "ALMATY, Jan 8 (Reuters) -": the year, when not written, is the latest not in the future


class Status(StrEnum):
    REPORTED = "reported"
    PLANNED = "planned"  # announced or called for, not (yet) reported as happening


class CorrectionKind(StrEnum):
    """What an analyst's correction changes (:mod:`incidentmap.corrections`)."""

    RETYPE = "retype"  # another incident type from the taxonomy
    MOVE_TO_CANDIDATE = "move_to_candidate"  # another of the geoparser's candidates for the incident's place
    MOVE_TO_PLACE = "move_to_place"  # a gazetteer entry found by name
    MOVE_TO_POINT = "move_to_point"  # a point with the analyst's own uncertainty radius
    NOT_AN_EVENT = "not_an_event"  # kept, flagged, hidden from the map by default
    DUPLICATE_OF = "duplicate_of"  # kept, flagged as a duplicate of another incident of the article
    NOTE = "note"  # free text, changes nothing else


class Review(StrEnum):
    """An analyst's verdict that an incident should not count (the ``review`` property)."""

    NOT_AN_EVENT = "not_an_event"
    DUPLICATE = "duplicate"


class Inter(IntEnum):
    """ACLED's actor types (its ``inter1``/``inter2`` codes): what sort of actor an actor is."""

    NONE = 0  # no actor on this side
    STATE_FORCES = 1  # police, military, government of the country
    REBEL_GROUP = 2
    POLITICAL_MILITIA = 3  # also ACLED's "Unidentified Armed Group"
    IDENTITY_MILITIA = 4  # ethnic, clan, communal militias
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER = 8  # foreign state forces, peacekeepers, international bodies


class AcledEventType(StrEnum):
    """ACLED's six event types, in its codebook's order (the legend's and the type filter's groups)."""

    BATTLES = "Battles"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


class PeopleKind(StrEnum):
    """The ``kind`` column of data/lexicon/peoples.csv: how ACLED names a people's militia."""

    ETHNIC = "ethnic"  # "Pokot Ethnic Militia (Kenya)"
    CLAN = "clan"  # "Garre Clan Militia (Kenya)"
