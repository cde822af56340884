"""Plain data types passed between pipeline stages, the CLI and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field

# The vocabularies are StrEnums (and ACLED's actor types an IntEnum), kept in their own module: this one is
# compiled with mypyc (incidentmap/compiled.py), which would check every argument typed with one of them, while
# callers may pass the plain strings the members compare equal to. Import them from here or from there.
from .vocabulary import (AcledEventType, CorrectionKind, DatePrecision, Inter, Kind, Precision, PublishedFrom,
                         Review, Source, Status)

# Speed: the dataclasses here (and the other compiled modules' records made per word or per mention: segment.Span,
# dates.ResolvedDate) are declared with ``init=False`` and write their own ``__init__``. mypyc compiles a written
# ``__init__`` (a frozen one's ``object.__setattr__`` becomes a store into the object), whereas the one the
# dataclasses module generates is Python code run by the interpreter: about a tenth of the cost per object. The
# ``__init__`` takes the fields in order with the same defaults (a ``default_factory`` field: None gives a new
# one); tests/test_models.py checks each against the fields. Equality, hash, repr, replace() stay the dataclass's.
__all__ = ["AcledEventType", "Candidate", "CodedActor", "CorrectionKind", "DatePrecision", "Incident", "Inter",
           "Kind", "Mention", "Place", "Precision", "PublishedFrom", "Review", "Source", "Status", "entry_key"]


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(self, name: str, inter: Inter, side: int, phrase: str = "") -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "inter", inter)
        object.__setattr__(self, "side", side)
        object.__setattr__(self, "phrase", phrase)


@dataclass(frozen=True, slots=True, init=False)
class Mention:
    """A span of the input text: ``text[start:end] == self.text``."""

    text: str
    start: int
    end: int
    # A reference that names no place ("the city", "the capital", "the airport"), resolved against the
    # article's focus: a place's mention for the reader, not a toponym.
    generic: bool = False

    def __init__(self, text: str, start: int, end: int, generic: bool = False) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "generic", generic)

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "generic": self.generic}


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(self, name: str, kind: Kind, lat: float, lon: float, country_code: str, source: Source,
                 source_id: str, population: int = 0, precision: Precision = Precision.CITY,
                 uncertainty_m: float = 10_000.0, admin1: str = "", city_id: str = "", curated: bool = False,
                 geonameid: int = 0, score: float = 0.0) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "lat", lat)
        object.__setattr__(self, "lon", lon)
        object.__setattr__(self, "country_code", country_code)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "source_id", source_id)
        object.__setattr__(self, "population", population)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "uncertainty_m", uncertainty_m)
        object.__setattr__(self, "admin1", admin1)
        object.__setattr__(self, "city_id", city_id)
        object.__setattr__(self, "curated", curated)
        object.__setattr__(self, "geonameid", geonameid)
        object.__setattr__(self, "score", score)

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


def entry_key(entry: Candidate) -> str:
    """The stable key of an entry: 'country:KZ', 'geonames:1526384', 'iata:ALA', 'landmark:…'.
    (Here, not in gazetteer.py, which re-exports it: this module is compiled, and the rules call it for nearly
    every candidate; from plain Python each call went through the interpreter.)"""
    if entry.kind == _COUNTRY and entry.source == _GEONAMES:
        return f"country:{entry.country_code}"
    return entry.source_id


# Bound once for entry_key: reading Kind.COUNTRY goes through the enum class (~60 ns), a module global costs a few.
_COUNTRY, _GEONAMES = Kind.COUNTRY, Source.GEONAMES


@dataclass(slots=True, init=False)
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
    # A town that names the first-level unit it is the seat of (Kenya's Kilifi, Lamu, Marsabit counties): how
    # far from the town's point that unit reaches (0: none). "Kisiwani (Kilifi)" is somewhere in the county.
    unit_reach_m: float = 0.0

    def __init__(self, key: str, name: str, kind: Kind, precision: Precision, lat: float, lon: float,
                 uncertainty_m: float, country_code: str, source: Source, source_id: str, confidence: float,
                 mentions: list[Mention] | None = None, candidates: list[Candidate] | None = None,
                 population: int = 0, city_id: str = "", note: str = "", admin1: str = "", geonameid: int = 0,
                 at_city_only: bool = False, unit_reach_m: float = 0.0) -> None:
        self.key = key
        self.name = name
        self.kind = kind
        self.precision = precision
        self.lat = lat
        self.lon = lon
        self.uncertainty_m = uncertainty_m
        self.country_code = country_code
        self.source = source
        self.source_id = source_id
        self.confidence = confidence
        self.mentions = [] if mentions is None else mentions
        self.candidates = [] if candidates is None else candidates
        self.population = population
        self.city_id = city_id
        self.note = note
        self.admin1 = admin1
        self.geonameid = geonameid
        self.at_city_only = at_city_only
        self.unit_reach_m = unit_reach_m

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


@dataclass(slots=True, init=False)
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
    # The days the event spans ("two days of clashes"): ACLED codes one event per day and divides the dead evenly
    # among them (counts.daily_shares; the ACLED export's rows). 1 for a one-day event.
    days: int = 1

    def __init__(self, id: str, incident_type: str, place: Place | None, mention: str, evidence: str, start: int,
                 end: int, date: str | None = None, date_precision: DatePrecision = DatePrecision.UNKNOWN,
                 date_text: str = "", actors: list[str] | None = None, coded_actors: list[CodedActor] | None = None,
                 fatalities: int | None = None, injuries: int | None = None, arrests: int | None = None,
                 count_text: str = "", status: Status = Status.REPORTED, trigger: str = "", confidence: float = 0.5,
                 acled_sub_event_type: str = "", days: int = 1) -> None:
        self.id = id
        self.incident_type = incident_type
        self.place = place
        self.mention = mention
        self.evidence = evidence
        self.start = start
        self.end = end
        self.date = date
        self.date_precision = date_precision
        self.date_text = date_text
        self.actors = [] if actors is None else actors
        self.coded_actors = [] if coded_actors is None else coded_actors
        self.fatalities = fatalities
        self.injuries = injuries
        self.arrests = arrests
        self.count_text = count_text
        self.status = status
        self.trigger = trigger
        self.confidence = confidence
        self.acled_sub_event_type = acled_sub_event_type
        self.days = days
