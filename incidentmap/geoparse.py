"""Geoparsing: find every place an article mentions and resolve it with an honest precision.

Stages, each in its own module:
1. mentions.py      capitalised names the gazetteer knows, named sites and districts, the dateline.
2. disambiguate.py  score candidates against the article's context; choose the focus city.
3. sites.py         named sites placed in their city; generic references ("the airport",
                    "the main square", "Kenya's parliament") resolved against the focus.
4. here             optional online refinement, then one Place per distinct place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Final

from .disambiguate import choose_focus, dateline_preference, disambiguate
from .gazetteer import Gazetteer, default_gazetteer, entry_key
from .geo import haversine_m
from .mentions import (RawMention, find_dateline, scan_facilities, scan_names, scan_region_abbreviations,
                       scan_unit_lists)
from .models import Candidate, Kind, Mention, Place, Precision, Source
from .segment import Span, sentences
from .sites import follow_standalone_readings, place_facilities, resolve_generic
from .unlisted import place_sites_in_unlisted, place_units_in_towns, place_unlisted, scan_unlisted, unit_reach


@dataclass(frozen=True, slots=True)
class PlaceConfidence:
    """How sure each resolved place is (the ``confidence`` of a Place), and the online match radius."""

    # A mention chosen among candidates: confidence_base + confidence_span * (1 - exp(-margin)), at most confidence_cap.
    confidence_base: float = 0.5
    confidence_span: float = 0.5
    confidence_cap: float = 0.99
    generic_at_city: float = 0.7  # "the airport" left at its city's point: right city, unknown site
    generic_finer: float = 0.75  # "the airport" resolved to a known site
    site_at_context_city: float = 0.5  # a named site the gazetteer lacks, placed at its city
    unlisted_in_area: float = 0.5  # a village the gazetteer lacks, placed in the area its context names
    focus_from_dateline: float = 0.9  # the focus city known only from the dateline
    focus_country: float = 0.8  # the focus country, when no mention names it
    # The online geocoder's answer counts when it lies within the offline radius, and at least this close.
    online_match_min_m: float = 5000


CONFIDENCE: Final = PlaceConfidence()


@dataclass(slots=True)
class GeoparseResult:
    places: list[Place]
    focus: Place | None
    focus_country: Place | None
    sentences: list[Span]
    mention_places: list[tuple[int, int, str]]  # (start, end, place key), sorted by start
    warnings: list[str] = field(default_factory=list)
    dateline: tuple[int, int] | None = None  # the "(ALMATY, Kazakhstan) -" span: where the reporter is



_GROUP_NAME_REACH: Final = 40  # characters each side of a mention searched for the group's name: "Lord's Resistance Army"


def _outside_group_names(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """The mentions that lie inside no armed group's name the actors lexicon knows: "Boko Haram" holds the
    Norwegian municipality Haram, but the name is the group's, not a place ("Boko Haram fighters attacked
    Maiduguri" was read at Haram, 0.96). Only a mention with a capitalised word beside it can be inside such a
    name; the lexicon's patterns run on a window around it (not over the whole text: that cost 2 M instructions
    an article)."""
    kept: list[RawMention] = []
    pattern = None
    for m in mentions:
        if _capitalised_beside(text, m.start, m.end):
            if pattern is None:
                from .incidents.lexicon_data import ActorRole, lexicon  # (the incidents' lexicon loads after this)

                pattern = lexicon().any_actor_of((ActorRole.REBELS,))
            lo, hi = max(0, m.start - _GROUP_NAME_REACH), min(len(text), m.end + _GROUP_NAME_REACH)
            if any(g.start() <= m.start and m.end <= g.end() and g.end() - g.start() > m.end - m.start
                   for g in pattern.finditer(text, lo, hi)):
                continue
        kept.append(m)
    return kept


def _capitalised_beside(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word stands right before or right after the span (one space between)."""
    before = text[max(0, start - 2):start]
    if len(before) == 2 and before[1] == " " and before[0].isalpha():
        k = start - 2
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        if text[k].isupper():
            return True
    return end + 1 < len(text) and text[end] == " " and text[end + 1].isupper()


def geoparse(text: str, *, gazetteer: Gazetteer | None = None, online=None) -> GeoparseResult:
    """Find and resolve every place the text mentions. ``online`` is an optional backend (see online.py)."""
    gaz = gazetteer or default_gazetteer()
    sents = sentences(text)
    people: set[str] = set()  # countries named by their people, found while scanning the names
    peoples_countries: set[str] = set()  # ... and the countries of the peoples named ("Pokot raiders")
    mentions = scan_names(text, gaz, sents, people=people, homelands=peoples_countries)
    mentions += scan_facilities(text, gaz, sents, taken=mentions)
    mentions += scan_region_abbreviations(text, gaz, sents, taken=mentions)
    mentions += scan_unit_lists(text, gaz, sents, taken=mentions)
    mentions = _outside_group_names(text, mentions)
    # Names the gazetteer lacks that the text calls a village, a township or a province: placed after the
    # known names are read, in the area their context names.
    unlisted = scan_unlisted(text, gaz, sents, taken=mentions)
    dateline, dateline_span = find_dateline(text, gaz, prefer=dateline_preference(mentions))
    # Names inside a site's name ("Clarke County" in "Clarke County Superior Court") are read in context too:
    # they tell where the site is, and what the article is about.
    inner = [t for m in mentions if m.kind_hint == "facility" for t in m.inner] + [t for m in unlisted for t in m.inner]
    disambiguate(mentions + inner, gaz, text, dateline,
                 people=frozenset(code for code in people if code in gaz.countries),
                 homelands=frozenset(peoples_countries))
    follow_standalone_readings(mentions)
    mentions = [m for m in mentions if m.resolved is not None or m.kind_hint == "facility"] + unlisted
    focus_city, focus_country = choose_focus(mentions, gaz, dateline)
    place_facilities(mentions, gaz, focus_city, sents, text, focus_country=focus_country)
    place_unlisted(mentions, gaz, text, sents, focus_city, focus_country)
    place_units_in_towns(mentions, text)
    place_sites_in_unlisted(mentions, text, gaz)
    generic = resolve_generic(text, gaz, sents, mentions, focus_city, focus_country)
    warnings: list[str] = []
    if online is not None:
        warnings += _refine_online(mentions, online, focus_city, focus_country)
    places, mention_places = _group(mentions + generic, gaz)
    focus = next((p for p in places if focus_city and p.key == entry_key(focus_city)), None)
    fcountry = next((p for p in places if focus_country and p.key == entry_key(focus_country)), None)
    if focus is None and focus_city is not None:  # focus known only from the dateline
        focus = _place_from(focus_city, [], confidence=CONFIDENCE.focus_from_dateline, note="article focus (dateline)")
    if fcountry is None and focus_country is not None:
        fcountry = _place_from(focus_country, [], confidence=CONFIDENCE.focus_country, note="article focus country")
    return GeoparseResult(places, focus, fcountry, sents, mention_places, warnings, dateline_span)


# -- online refinement -----------------------------------------------------------------------------


def _refine_online(mentions, online, focus_city, focus_country) -> list[str]:
    """Ask the online geocoder only about the places the gazetteer lacks: sites it could place no better than
    their city, and villages or areas it could place only in the area their context names (unlisted.py). An
    answer counts only inside the offline radius."""
    warnings = []
    answers: dict[tuple[str, str], Candidate | None] = {}  # (name, offline key) -> the online reading
    for m in mentions:
        c = m.resolved
        if c is None or (c.source != Source.CONTEXT_CITY and c.source != Source.CONTEXT_AREA):
            continue
        asked = (m.text, entry_key(c))
        if asked in answers:
            if answers[asked] is not None:
                m.resolved = answers[asked]
            continue
        unlisted = c.source == Source.CONTEXT_AREA
        city = next((o.resolved for o in mentions if o.resolved is not None and entry_key(o.resolved) == c.city_id),
                    None if unlisted else focus_city)
        query = ", ".join(x for x in (m.text, city.name if city is not None and city.kind != Kind.COUNTRY else "",
                                      focus_country.name if focus_country else "") if x)
        answers[asked] = None
        try:
            found = online.lookup(query, country_codes=[c.country_code.lower()] if c.country_code else None)
        except Exception as exc:  # noqa: BLE001 - any backend failure falls back to the offline answer
            warnings.append(f"Online geocoder failed for '{m.text}' ({type(exc).__name__}); kept the offline answer.")
            continue
        radius = max(c.uncertainty_m, CONFIDENCE.online_match_min_m)
        near = [f for f in found if haversine_m(f.lat, f.lon, c.lat, c.lon) <= radius]
        if near:
            best = max(near, key=lambda f: f.score)
            m.resolved = replace(best, name=m.text if best.kind in (Kind.LANDMARK, Kind.DISTRICT) or unlisted
                                 else best.name, city_id=c.city_id)
            m.scored = [replace(f, score=f.score) for f in found[:5]]
            answers[asked] = m.resolved
        elif unlisted:
            warnings.append(f"'{m.text}' stayed in the area its context names ({_radius_km(c)} around): the online "
                            f"geocoder found no match there.")
        else:
            warnings.append(f"'{m.text}' stayed at city precision: the online geocoder found no match near "
                            f"{city.name if city else 'the focus city'}.")
    return warnings


def _radius_km(c: Candidate) -> str:
    return f"{math.ceil(c.uncertainty_m / 1000):,} km"


# -- grouping into places --------------------------------------------------------------------------

def _group(mentions: list[RawMention], gaz: Gazetteer) -> tuple[list[Place], list[tuple[int, int, str]]]:
    places: dict[str, Place] = {}
    order: list[str] = []
    mention_places = []
    for m in sorted(mentions, key=lambda m: m.start):
        c = m.resolved
        if c is None:
            continue
        key = entry_key(c)
        place = places.get(key)
        if place is None:
            conf = _confidence(m)
            note = ""
            at_city_only = c.source in (Source.FOCUS_CITY, Source.CONTEXT_CITY) and c.precision == Precision.CITY
            if at_city_only:
                note = "site not in the gazetteer: placed at its city, with city precision"
            elif c.kind == Kind.DISTRICT and c.source == Source.FOCUS_CITY:
                note = "the city centre: the city's central point with a district-size radius"
            elif c.source == Source.CONTEXT_AREA:
                note = "not in the gazetteer: somewhere in the area its context names, with that area's radius"
            place = places[key] = _place_from(c, m.scored, confidence=conf, note=note)
            place.at_city_only = at_city_only
            if c.kind == Kind.CITY and c.admin1:
                place.unit_reach_m = unit_reach(c, gaz)
            order.append(key)
        place.mentions.append(Mention(m.text, m.start, m.end, generic=m.kind_hint == "generic"))
        place.confidence = max(place.confidence, _confidence(m))
        mention_places.append((m.start, m.end, key))
    return [places[k] for k in order], mention_places


def _confidence(m: RawMention) -> float:
    assert m.resolved is not None  # only resolved mentions become places (and mypy/mypyc must know it)
    if m.kind_hint == "generic":
        return CONFIDENCE.generic_at_city if m.resolved.precision == Precision.CITY else CONFIDENCE.generic_finer
    if m.resolved.source == Source.CONTEXT_CITY:
        return CONFIDENCE.site_at_context_city
    if m.resolved.source == Source.CONTEXT_AREA:
        return CONFIDENCE.unlisted_in_area
    margin = max(0.0, m.margin)
    return round(min(CONFIDENCE.confidence_cap,
                     CONFIDENCE.confidence_base + CONFIDENCE.confidence_span * (1 - math.exp(-margin))), 3)


def _place_from(c: Candidate, scored: list[Candidate], *, confidence: float, note: str) -> Place:
    return Place(
        key=entry_key(c), name=c.name, kind=c.kind, precision=c.precision, lat=c.lat, lon=c.lon,
        uncertainty_m=c.uncertainty_m, country_code=c.country_code, source=c.source, source_id=c.source_id,
        confidence=confidence, candidates=list(scored), population=c.population, city_id=c.city_id, note=note,
        admin1=c.admin1, geonameid=c.geonameid)
