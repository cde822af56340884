"""Plain data types passed between pipeline stages, the CLI and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    CONTEXT_CITY = "context-city"  # a named site the gazetteer lacks, placed at the city of its context
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


@dataclass(frozen=True, slots=True)
class CodedActor:
    """An actor as ACLED names and codes it ("Police Forces of Kenya", inter 1), on side 1 or 2 of an event.

    The first actor of a side is ACLED's ``actor1``/``actor2``, the rest its associated actors. ``phrase`` is
    the text's words ("riot police"); empty when the event type alone implies the actor (a protest's
    protesters).
    """

    name: str
    inter: Inter
    side: int  # 1 or 2
    phrase: str = ""
class AcledEventType(StrEnum):
    """ACLED's six event types, in its codebook's order (the legend's and the type filter's groups)."""

    BATTLES = "Battles"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the input text: ``text[start:end] == self.text``."""

    text: str
    start: int
    end: int
    # A reference that names no place ("the city", "the capital", "the airport"), resolved against the
    # article's focus: a place's mention for the reader, not a toponym.
    generic: bool = False

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "generic": self.generic}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a mention could refer to."""

    name: str
    kind: Kind
    lat: float
    lon: float
    country_code: str
    source: Source
    source_id: str
    population: int = 0
    precision: Precision = Precision.CITY
    uncertainty_m: float = 10_000.0
    admin1: str = ""
    city_id: str = ""  # for landmarks/airports/districts: the GeoNames id of the city they belong to
    curated: bool = False  # named on purpose by this project's curated files: beats a same-named village
    geonameid: int = 0  # GeoNames' id of a GeoNames place (countries, cities); 0 when it has none or we lack it
    score: float = 0.0

    def with_score(self, score: float) -> Candidate:
        """This entry scored ``score``: ``dataclasses.replace(self, score=score)`` in half the time (the geoparser
        copies the top readings of every mention; replace() walks the fields in Python first).
        tests/test_models.py checks that it copies every field."""
        return Candidate(self.name, self.kind, self.lat, self.lon, self.country_code, self.source, self.source_id,
                         self.population, self.precision, self.uncertainty_m, self.admin1, self.city_id, self.curated,
                         self.geonameid, score)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "country_code": self.country_code,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "source_id": self.source_id,
            "score": round(self.score, 3),
        }


@dataclass(slots=True)
class Place:
    """A distinct place the article mentions, resolved to one location."""

    key: str  # stable identity, e.g. "geonames:1526384"
    name: str
    kind: Kind
    precision: Precision
    lat: float
    lon: float
    uncertainty_m: float
    country_code: str
    source: Source
    source_id: str
    confidence: float
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    population: int = 0
    city_id: str = ""
    note: str = ""  # e.g. "generic reference resolved to the focus city"
    admin1: str = ""  # first-level region code (GeoNames), when known: "is this city in that region?"
    geonameid: int = 0  # GeoNames' id, for places taken from GeoNames (countries, cities); 0 otherwise
    # A site the gazetteer does not list, placed at its city's point with the city's radius: the online
    # geocoder (when chosen) is asked about these, and the page names those it left there.
    at_city_only: bool = False

    def to_feature(self) -> dict:
        return {
            "type": "Feature",
            "id": self.key,
            "geometry": {"type": "Point", "coordinates": [round(self.lon, 6), round(self.lat, 6)]},
            "properties": {
                "name": self.name,
                "kind": self.kind,
                "precision": self.precision,
                "uncertainty_m": int(round(self.uncertainty_m)),
                "country_code": self.country_code,
                "geonameid": self.geonameid or None,
                "source": self.source,
                "source_id": self.source_id,
                "confidence": round(self.confidence, 3),
                "note": self.note,
                "at_city_only": self.at_city_only,
                "mentions": [m.as_dict() for m in sorted(self.mentions, key=lambda m: m.start)],
                "candidates": [c.as_dict() for c in self.candidates],
            },
        }


@dataclass(slots=True)
class Incident:
    """One thing that happened, somewhere, some time, traceable to a sentence.

    ``place`` is None when the article supports no place at all (it names none the gazetteer knows and
    has no dateline): the incident is still reported, without a location (a GeoJSON Feature with a null
    geometry), rather than dropped."""

    id: str
    incident_type: str
    place: Place | None
    mention: str
    evidence: str
    start: int
    end: int
    date: str | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    date_text: str = ""
    actors: list[str] = field(default_factory=list)
    coded_actors: list[CodedActor] = field(default_factory=list)  # ACLED's actors (incidents/actors.py)
    fatalities: int | None = None
    injuries: int | None = None
    arrests: int | None = None
    count_text: str = ""
    status: Status = Status.REPORTED
    trigger: str = ""
    confidence: float = 0.5
    # ACLED's sub-event type where who acts recodes the analyst type (a crowd setting fire to a bus is ACLED's
    # violent demonstration, our looting_arson); "" means the taxonomy's. See incidentmap/incidents/coding.py.
    acled_sub_event_type: str = ""
