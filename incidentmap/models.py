"""Plain data types passed between pipeline stages, the CLI and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field

# Precision levels, coarsest first. A located thing never claims more than it knows.
PRECISIONS = ("country", "region", "city", "district", "point")
KINDS = ("country", "region", "city", "district", "landmark", "airport", "water")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the input text: ``text[start:end] == self.text``."""

    text: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a mention could refer to."""

    name: str
    kind: str
    lat: float
    lon: float
    country_code: str
    source: str
    source_id: str
    population: int = 0
    precision: str = "city"
    uncertainty_m: float = 10_000.0
    admin1: str = ""
    city_id: str = ""  # for landmarks/airports/districts: the GeoNames id of the city they belong to
    score: float = 0.0

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
    kind: str
    precision: str
    lat: float
    lon: float
    uncertainty_m: float
    country_code: str
    source: str
    source_id: str
    confidence: float
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    population: int = 0
    city_id: str = ""
    note: str = ""  # e.g. "generic reference resolved to the focus city"
    admin1: str = ""  # first-level region code (GeoNames), when known: "is this city in that region?"

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
                "source": self.source,
                "source_id": self.source_id,
                "confidence": round(self.confidence, 3),
                "note": self.note,
                "mentions": [m.as_dict() for m in sorted(self.mentions, key=lambda m: m.start)],
                "candidates": [c.as_dict() for c in self.candidates],
            },
        }


@dataclass(slots=True)
class Incident:
    """One thing that happened, somewhere, some time, traceable to a sentence."""

    id: str
    incident_type: str
    place: Place
    mention: str
    evidence: str
    start: int
    end: int
    date: str | None = None
    date_precision: str = "unknown"
    date_text: str = ""
    actors: list[str] = field(default_factory=list)
    fatalities: int | None = None
    injuries: int | None = None
    arrests: int | None = None
    count_text: str = ""
    status: str = "reported"  # or "planned"
    trigger: str = ""
    confidence: float = 0.5
