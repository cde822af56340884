"""Sites and generic references: named sites placed in their city, "the airport", "Kenya's parliament"…

A site the gazetteer knows counts only in a city the article is about; an unknown one is placed at its
city with city precision. Generic phrases resolve against the article's focus.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final, cast

from . import patterns as rx
from .gazetteer import AIRPORT_SERVES_CITY_M, Gazetteer, entry_key, normalize
from .geo import haversine_m
from .mentions import RawMention
from .models import Candidate, Kind, Precision, Source
from .segment import SpanIndex, sentence_index

# Members compared in loops, bound once: reading Kind.CITY goes through the enum class (~60 ns),
# a module global costs a few.
_CITY, _COUNTRY, _LANDMARK, _AIRPORT = Kind.CITY, Kind.COUNTRY, Kind.LANDMARK, Kind.AIRPORT


@dataclass(frozen=True, slots=True)
class SiteRules:
    """The numbers that place sites in their city and score site and generic resolutions."""

    # A known airport counts for a city of the article within this distance (the gazetteer's own radius).
    airport_near_city_m: float = AIRPORT_SERVES_CITY_M
    # A known site in a city of the article: a confident resolution ...
    known_site_score: float = 2.0
    known_site_margin: float = 1.0
    other_site_score: float = 0.5  # ... and the score shown for its other candidates
    # An unknown site placed at its city: less sure, and it only claims city precision.
    unknown_site_score: float = 1.0
    unknown_site_margin: float = 0.5
    # A town inside a site's name owns the site ("Kabul Stadium") when it is this big or this near the focus
    # city; a village that shares a word with a mall ("Lenox Square" and Lenox, Massachusetts) does not.
    site_owner_min_population: int = 100_000
    site_owner_near_focus_m: float = 100_000
    # ... but with no focus city, not a town this far beyond the article's country ("Auckland Park" in a South
    # African story; the Kenyan "Kakuma camp" beside "Sudan refugees" stays Kakuma's).
    site_owner_beyond_country_m: float = 1_500_000
    # A site named after a county that holds the focus city is placed at that city (the county seat, most
    # likely: finer than the county); after a region wider than this (a state) it is placed at the region:
    # a state university or a state's medical centre may be anywhere in it, and the city's radius would not
    # bound it.
    region_at_focus_max_radius_m: float = 100_000
    # A generic reference ("the airport", "Kenya's parliament") resolved against the focus.
    generic_score: float = 1.0
    generic_margin: float = 1.0
    # "The city centre": the city's point with this share of the city's radius, but at least centre_min_radius_m.
    centre_radius_share: float = 0.35
    centre_min_radius_m: float = 3000.0


SITE_RULES: Final = SiteRules()


# -- named sites placed in their city --------------------------------------------------------------

def place_facilities(mentions: list[RawMention], gaz: Gazetteer, focus_city: Candidate | None, sents, text, *,
                     focus_country: Candidate | None = None) -> None:
    cities_in_text = {entry_key(m.resolved): m.resolved for m in mentions
                      if m.resolved is not None and m.resolved.kind == _CITY}
    if focus_city is not None:
        cities_in_text.setdefault(entry_key(focus_city), focus_city)
    cities_at = {o.start: o.resolved for o in mentions if o.resolved is not None and o.resolved.kind == _CITY}
    seats = _national_seat_phrases(gaz)
    readings = None
    facilities = [m for m in mentions if m.kind_hint == "facility"]
    for k, m in enumerate(facilities):
        named = _named_city(m, cities_at, sents, text)
        if named is None and k + 1 < len(facilities) and _AND_SITE.fullmatch(text, m.end, facilities[k + 1].start):
            # "Tomsom Bridge and Jhautala Chhata Mosque areas, Comilla city": the town of the site coordinated
            named = _named_city(facilities[k + 1], cities_at, sents, text)
        if named is not None:
            context_city: Candidate | None = named
        else:
            if readings is None:
                readings = _TextReadings.of(mentions)
            context_city = _context_city(m, cities_at, focus_city, sents, text, readings, focus_country=focus_country)
            if context_city is None or context_city.kind == Kind.REGION or context_city is focus_city:
                # "the Kakuma Refugee camp (Turkana)": the name scan read no town inside the site's name, yet
                # its first word is a town the text's region holds: the site is there, not at the focus.
                context_city = _leading_town(m, gaz, readings) or context_city
        known = []
        for c in m.candidates:
            if c.kind == _AIRPORT:
                near = [city for city in cities_in_text.values()
                        if haversine_m(c.lat, c.lon, city.lat, city.lon) < SITE_RULES.airport_near_city_m]
                if near:
                    known.append((0 if context_city and near[0] is context_city else 1, c))
            elif c.city_id in cities_in_text:
                # A landmark counts only in a city the article is about: many cities have a Republic Square.
                known.append((0 if context_city and c.city_id == entry_key(context_city) else 1, c))
            elif (gaz.is_national_seat(c) and named is None and focus_city is not None
                  and focus_city.country_code == c.country_code):
                # ... but the seat of a national institution ("the Kremlin") counts wherever the text is in
                # its country, unless the text names another city with it.
                known.append((1, c))
        if not known and named is None:
            # An airport the gazetteer knows by the site's whole name and no other ("X Regional Airport"): its
            # own point, near a city of the text or not. A site name shared by many places (a Republic Square,
            # a city's "International Airport" said of several) still needs a city of the text.
            own = [c for c in m.candidates if c.kind == _AIRPORT]
            if len(own) == 1 and gaz.lookup(normalize(m.text)) == own:
                known.append((1, own[0]))
        seat_role = seats.get(_phrase(m.text))
        if not known and seat_role is not None and (named is not None or focus_city is not None):
            # "State House", "the Supreme Court" unknown to the gazetteer: the seat in the city named with it,
            # else in the capital of the text's country (ACLED codes the capital), never the focus city.
            owner = named if named is not None else (
                gaz.capital(focus_city.country_code) if focus_city is not None else None)
            if owner is not None:
                m.resolved = _role_site(seat_role, gaz, owner, None, m.start)
                m.score, m.margin = SITE_RULES.generic_score, SITE_RULES.generic_margin
                m.scored = [m.resolved]
                continue
        if known:
            known.sort(key=lambda kc: kc[0])
            m.resolved = known[0][1]
            m.score, m.margin = SITE_RULES.known_site_score, SITE_RULES.known_site_margin
            rules = SITE_RULES
            m.scored = [c.with_score(rules.known_site_score if c is m.resolved else rules.other_site_score)
                        for c in m.candidates[:5]]
        elif context_city is not None:
            # Unknown site in a known city: the city, with city precision, never a precise-looking point.
            m.resolved = _unknown_site(m.text, context_city, kind=Kind.DISTRICT if m.weak else Kind.LANDMARK)
            m.score, m.margin = SITE_RULES.unknown_site_score, SITE_RULES.unknown_site_margin
            m.scored = [c.with_score(0.0) for c in m.candidates[:5]]
        else:
            m.resolved = None


def follow_standalone_readings(mentions: list[RawMention]) -> None:
    """A name inside a site's name ("Henry County" in "Henry County Jail") reads as the text's own standalone
    mentions of that name read, when they agree on a reading it has: the site is where the article is, not
    where the name's context score alone would put it. A name the text never uses on its own keeps its reading."""
    sites = [m for m in mentions if m.kind_hint == "facility" and m.inner]
    if not sites:
        return
    standalone: dict[str, list[Candidate]] = {}
    for o in mentions:
        if o.kind_hint != "facility" and o.resolved is not None:
            standalone.setdefault(normalize(o.text), []).append(o.resolved)
    for m in sites:
        for t in m.inner:
            readings = standalone.get(normalize(t.text))
            if not readings:
                continue
            keys = {entry_key(c) for c in readings}
            if t.resolved is not None and entry_key(t.resolved) in keys:
                continue
            if len(keys) > 1:
                continue  # the text reads the name two ways: nothing to follow
            own = next((c for c in t.candidates if entry_key(c) in keys), None)
            if own is not None:
                t.resolved = own


# (Patterns compiled here, not passed to re.match as strings: from compiled code, re.match runs re's Python
# functions and their cache lookup at every call.)
_CITY_AFTER_SITE: Final = rx.compile(r"(?:\s+(?:mall|complex|area|building|compound))?,?\s+(?:in|of|near|outside)\s+"
                                     r"(?:the\s+)?"
                                     r"(?:(?:city|town|capital)\s+of\s+)?")
# "Arikhola Railway Station, Kaliganj city (…)", "Eidgaon police station (Cox's Bazar, …)", "X and Y Mosque areas,
# Comilla city": the town written beside a site, after a comma or in brackets, holds it (as ACLED's notes and
# local reports write it). Not for a site with a town in its own name: "Malindi prison (Kilifi)" is in Malindi.
_CITY_BESIDE_SITE: Final = rx.compile(r"(?:\s+(?:areas?|mall|complex|building|compound|office))?\s*(?:,|\()\s*")
_IN_OPENER: Final = rx.compile(r"(?:In|At)\s+")
_AND_SITE: Final = rx.compile(r"\s+(?:and|&)\s+(?:the\s+)?")


def _named_city(m: RawMention, cities_at: dict[int, Candidate], sents, text: str) -> Candidate | None:
    """The city the text names with a site: "Dhaka's X" / "X in Mandalay" / "In Atbara, … X"; a city merely
    mentioned elsewhere in the sentence does not count ("… like the protests in Minneapolis")."""
    if m.role:  # the owner found while scanning ("Dhaka's Hazrat Shahjalal International Airport")
        owner = cities_at.get(int(m.role))
        if owner is not None:
            return owner
    after = _CITY_AFTER_SITE.match(text[m.end:m.end + 40]) or (
        None if m.inner_cities else _CITY_BESIDE_SITE.match(text[m.end:m.end + 40]))  # ("Malindi prison (Kilifi)")
    if after:
        owner = cities_at.get(m.end + after.end())
        if owner is not None:
            return owner
    sent = sents[m.sentence] if m.sentence < len(sents) else None
    if sent is not None:
        opener = _IN_OPENER.match(text[sent.start:sent.start + 4])
        if opener:
            owner = cities_at.get(sent.start + opener.end())
            if owner is not None:
                return owner
    return None


_REGION_AFTER: Final = rx.compile(r",?\s+(?:in|near|outside)\s+(?:the\s+)?")


def _named_region(m: RawMention, regions_at: dict[int, Candidate], text: str) -> Candidate | None:
    """The state or county the text names with a site: "Utah's X" / "X in Colorado"."""
    if m.role:
        owner = regions_at.get(int(m.role))
        if owner is not None:
            return owner
    after = _REGION_AFTER.match(text, m.end, min(len(text), m.end + 20))
    return regions_at.get(after.end()) if after else None


def _context_city(m: RawMention, cities_at: dict[int, Candidate], focus_city: Candidate | None, sents,
                  text: str, readings: _TextReadings, *, focus_country: Candidate | None = None) -> Candidate | None:
    """The city a named site belongs to, from what the text says outright (_named_city), else from the site's
    own name, else the article's focus. ``focus_country``: the article's country when it has no focus city."""
    owner = _named_city(m, cities_at, sents, text)
    if owner is not None:
        return owner
    owner = _inner_owner(m, focus_city, readings, focus_country=focus_country)
    region = _named_region(m, readings.regions_at, text)
    if region is not None:
        # "Utah's X National Park", "X in Colorado": in that state, at the town in the site's name if it lies
        # there (finer); not at the focus city merely because it lies there too: its radius would not bound
        # a park a hundred km away.
        return owner if owner is not None and owner.kind == _CITY and _holds(region, owner) else region
    if owner is not None:
        return owner
    if m.inner_cities:  # "Kabul Stadium": the city in the site's own name — in the focus country, if there is one
        rules = SITE_RULES
        if focus_city is None:
            # With no focus only a city big enough to be known for its sites owns one: "Westgate Mall" in a
            # text that names no city is no mall of a Canadian village called Westgate.
            # ... and in the article's country, when it has one: "Auckland Park" in a South African story is no
            # park of New Zealand's Auckland.
            big = [c for c in m.inner_cities if c.population >= rules.site_owner_min_population
                   and not _beyond_country(c, focus_country)]
            return max(big, key=lambda c: c.population) if big else None
        in_focus = [c for c in m.inner_cities if c.country_code == focus_city.country_code and (
            c.population >= rules.site_owner_min_population
            or haversine_m(c.lat, c.lon, focus_city.lat, focus_city.lon) <= rules.site_owner_near_focus_m)]
        if in_focus:
            return max(in_focus, key=lambda c: c.population)
    if focus_city is not None:
        return focus_city
    before = [start for start in cities_at if start < m.start]
    return cities_at[max(before)] if before else None


# The words of a site's name before its generic head ("Kakuma Refugee" of "Kakuma Refugee camp").
_SITE_NAME_WORDS: Final = rx.compile(r"[A-Z][\w'’\-]*")


def _leading_town(m: RawMention, gaz: Gazetteer, readings: _TextReadings) -> Candidate | None:
    """A town the site's name starts with ("Kakuma" of "Kakuma Refugee camp"), when the text names a region
    that holds it ("(Turkana)", "in Turkana County"): that region vouches for the small town's reading, which
    alone would not do (a village sharing a word with a mall, "Lenox Square", owns no site). Only for a site
    whose name scan read no place inside it; the longest run of leading words that names a town wins."""
    if m.inner or m.inner_cities or not readings.regions_at:
        return None
    words = _SITE_NAME_WORDS.findall(m.text)[:-1] if m.text.split()[-1][:1].isupper() else (
        _SITE_NAME_WORDS.findall(m.text))
    for n in range(min(len(words), 3), 0, -1):
        towns = [c for c in gaz.lookup(normalize(" ".join(words[:n]))) if c.kind == _CITY]
        held = [c for c in towns if any(_holds(r, c) for r in readings.regions_at.values())]
        if held:
            return max(held, key=lambda c: c.population)
    return None


def _beyond_country(city: Candidate, country: Candidate | None) -> bool:
    """Whether ``city`` lies in another country than ``country``, farther than site_owner_beyond_country_m
    beyond its radius."""
    return country is not None and city.country_code != country.country_code and (
        haversine_m(city.lat, city.lon, country.lat, country.lon) - country.uncertainty_m
        > SITE_RULES.site_owner_beyond_country_m)


def _inner_owner(m: RawMention, focus_city: Candidate | None, text: _TextReadings, *,
                 focus_country: Candidate | None = None) -> Candidate | None:
    """The place named inside a site's name, as read in context: a city ("Huntsville Memorial Hospital")
    the text names on its own or in whose state the text's other places lie, else one of the focus country
    that is big or near the focus (a small far town named like a person, "Wright", owns no "Wright State
    University"); else a county or state ("Clarke County Superior Court", "Texas Southern University"): the
    focus city if it lies in the county (finer), else the region itself."""
    for t in m.inner:
        city = t.resolved
        if city is None or city.kind != _CITY:
            continue
        # The text's own reading of that place: "Oxford" named alone, then "Oxford Crown Court"; or its owner by
        # name, a possessive opening the site's name: "Nairobi's Uhuru park" (in a story about Kampala).
        if entry_key(city) in text.cities or text.backs(city, normalize(t.text)) or (
                t.start == m.start and m.text[t.end - m.start:t.end - m.start + 2] in ("'s", "’s")):
            return city
        rules = SITE_RULES
        if focus_city is None and _beyond_country(city, focus_country):
            continue  # ("Auckland Park" in a South African story: no park of New Zealand's Auckland)
        if focus_city is None or (city.country_code == focus_city.country_code and (
                city.population >= rules.site_owner_min_population
                or haversine_m(city.lat, city.lon, focus_city.lat, focus_city.lon) <= rules.site_owner_near_focus_m)):
            return city
    for t in m.inner:
        region = t.resolved
        if region is None or region.kind != Kind.REGION or not region.country_code:
            continue
        if focus_city is not None and region.uncertainty_m > SITE_RULES.region_at_focus_max_radius_m:
            return region
        if focus_city is not None and _holds(region, focus_city):
            return focus_city
        # The county the text is in: "Henry County" is in three states. A reading of it that holds the focus
        # city (the article's town is its seat) beats the one chosen when nothing else in the text lies in that
        # one's state; a reading backed by the text's other places ("Louisville", "Kentucky") stays.
        if focus_city is not None and not text.backs(region, normalize(t.text)) and any(
                _holds(r, focus_city) for r in t.candidates if r.kind == Kind.REGION):
            return focus_city
        return region
    return None


def _holds(region: Candidate, city: Candidate) -> bool:
    """Whether a city lies in a region: its country and state, and within the region's radius (a circle alone
    reaches into the next state)."""
    return region.country_code == city.country_code and (
        not region.admin1 or not city.admin1 or region.admin1 == city.admin1) and (
        haversine_m(city.lat, city.lon, region.lat, region.lon) <= region.uncertainty_m)


@dataclass(frozen=True, slots=True)
class _TextReadings:
    """How the text read its own standalone names: the cities (by key), and the state each named place lies in."""

    cities: frozenset[str]
    named_states: tuple[tuple[str, tuple[str, str]], ...]  # (normalised name, state) of each mention
    regions_at: dict[int, Candidate]  # the regions the text names, by where their mention starts

    @classmethod
    def of(cls, mentions: list[RawMention]) -> _TextReadings:
        cities, named_states, regions_at = set(), [], {}
        for o in mentions:
            c = o.resolved
            if c is None or o.kind_hint == "facility" or c.kind not in (_CITY, Kind.REGION):
                continue
            if c.kind == _CITY:
                cities.add(entry_key(c))
            else:
                regions_at[o.start] = c
            if c.admin1:
                named_states.append((normalize(o.text), (c.country_code, c.admin1)))
        return cls(frozenset(cities), tuple(named_states), regions_at)

    def backs(self, c: Candidate, name: str) -> bool:
        """Whether a place of the text named otherwise than ``name`` lies in ``c``'s state."""
        state = (c.country_code, c.admin1)
        return any(st == state and n != name for n, st in self.named_states)


def _unknown_site(name: str, city: Candidate, *, kind: Kind = Kind.LANDMARK) -> Candidate:
    # Placed in a region ("Clarke County Superior Court" in Clarke County), it claims the region's precision.
    precision = Precision.REGION if city.kind == Kind.REGION else Precision.CITY
    return Candidate(name=name, kind=kind, lat=city.lat, lon=city.lon, country_code=city.country_code,
                     source=Source.CONTEXT_CITY, source_id=f"site:{entry_key(city)}:{normalize(name)}",
                     precision=precision, uncertainty_m=city.uncertainty_m, city_id=entry_key(city))


# -- generic references ----------------------------------------------------------------------------

_ROLE_LABELS: Final = {
    "airport": "airport", "main_square": "main square", "government": "government building",
    "government_buildings": "government buildings", "parliament": "parliament", "city_hall": "city hall",
    "presidential_residence": "presidential residence",
}


def _generic_pattern(gaz: Gazetteer) -> rx.Pattern:
    """The generic phrases, matched on the lower-cased text (faster than a case-blind pattern), each after
    the character before it: group 1 is the phrase. Search it in " " + the text (see :func:`_generic_matches`)."""
    pat: rx.Pattern | None = getattr(gaz, "_generic_re", None)
    if pat is None:
        phrases = sorted({p.lower() for p, _, _ in gaz.generic}, key=len, reverse=True)
        # Speed: the phrases that open with "the" share it, matched once ("the\s+(?:city|airport|…)"), not once
        # per phrase at every "the" of the text. Same matches: no other phrase can match where one of these
        # starts but "the" and shorter ones (after them all in this order), and the rest keeps its order.
        the = [p for p in phrases if p.startswith("the ")]
        alternatives = [_phrase_re(p) for p in phrases if not p.startswith("the ")]
        if the:
            alternatives.insert(phrases.index(the[0]), r"the\s+(?:" + "|".join(_phrase_re(p[4:]) for p in the) + ")")
        # Speed: the character before a phrase is matched ([^\w-], what "(?<![\w-])" asks of it), not looked
        # behind for: a pattern opening with a character set is tried only where the engine's scan in C finds
        # one (spaces, punctuation), not at every letter. Same phrases: that character is never a phrase's own
        # (each opens with a letter and ends before (?![\w-])), so the next phrase can still start after it.
        pat = gaz._generic_re = rx.compile(r"[^\w-](" + "|".join(alternatives) + r")(?![\w-])")
    return pat


def _phrase_re(phrase: str) -> str:
    return re.escape(phrase).replace(r"\ ", r"\s+").replace("'", "['’]")


def _generic_first_letters(gaz: Gazetteer) -> tuple[str, ...]:
    """The letters each generic phrase opens with, up to its first space or apostrophe ("the", "government",
    "state"), lower-cased: every match of :func:`_generic_pattern` holds one of them right after its first
    character."""
    words: tuple[str, ...] | None = getattr(gaz, "_generic_first_letters", None)
    if words is None:
        found = set()
        for phrase, _, _ in gaz.generic:
            lower = phrase.lower()
            k = 0
            while k < len(lower) and lower[k].isalpha():
                k += 1
            found.add(lower[:k])
        words = tuple(sorted(found))
        if "" in words:  # (a phrase opening with no letter: then only the scan finds all)
            words = ("",)
        setattr(gaz, "_generic_first_letters", words)  # (once per gazetteer: it is immutable)
    return words


def _generic_matches(text: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased phrase) of each generic phrase in ``text``, in order."""
    lower = text.lower()
    pattern = _generic_pattern(gaz)
    words = _generic_first_letters(gaz)
    if len(lower) != len(text) or words == ("",):  # rare: lower-casing changed the length
        pattern = rx.compile(pattern.pattern, re.IGNORECASE) if len(lower) != len(text) else pattern
        source = " " + (text if len(lower) != len(text) else lower)
        return [(m.start(1) - 1, m.end(1) - 1, m.group(1)) for m in pattern.finditer(source)]
    # (" " first: the character before a phrase at the text's start; the offsets then shift back by one)
    spaced = " " + lower
    # Speed: what ``pattern.finditer(spaced)`` finds, the pattern tried only where a phrase's first letters
    # stand after a character that is no word character nor a hyphen (found by str.find), not at every space
    # and punctuation mark of the text (about 3 % of an article's instructions); a start inside the previous
    # match is skipped as the scan skips it (tests/test_sites.py compares).
    starts = []
    for word in words:
        k = spaced.find(word, 1)
        while k >= 0:
            before = spaced[k - 1]
            if not (before.isalnum() or before == "_" or before == "-"):
                starts.append(k - 1)
            k = spaced.find(word, k + 1)
    starts.sort()
    out: list[tuple[int, int, str]] = []
    end = 0
    for x in starts:
        if x < end:
            continue
        m = pattern.match(spaced, x)
        if m is not None:
            out.append((m.start(1) - 1, m.end(1) - 1, m.group(1)))
            end = m.end()
    return out


# "the city of Osh", "the capital of neighbouring Zamfara", "the capital of the restive Rakhine state": the named
# place is the mention (up to two lower-case words, an article or an adjective, before its name).
_OF_NAME: Final = rx.compile(r"\s+of\s+(?:[a-z][\w-]*\s+){0,2}[A-Z]")


TOWN_MEMORY: Final = 2  # paragraphs back "the town" may refer to (the scene of a lede told over its next paragraphs)


def resolve_generic(text, gaz: Gazetteer, sents, mentions, focus_city, focus_country) -> list[RawMention]:
    """Generic phrases ("the city", "the airport", "Kenya's parliament", "the Gulf kingdom") resolved."""
    sent_of = sentence_index(sents)
    rules = {p.casefold(): (t, r) for p, t, r in gaz.generic}
    taken = SpanIndex((m.start, m.end) for m in mentions)
    ctx = _Context(mentions, sents, text)
    out: list[RawMention] = []
    capital = gaz.capital(focus_country.country_code) if focus_country else None
    for m_start, m_end, found in _generic_matches(text, gaz):
        phrase = " ".join(found.casefold().replace("’", "'").split())
        target, role = rules.get(phrase, (None, None))
        if target is None or taken.overlaps(m_start, m_end):
            continue
        after = text[m_end:m_end + 30]
        if _OF_NAME.match(after):
            continue  # "the city of Osh": the named place is the mention
        resolved = None
        if target == "focus_city":
            # "the city" after "… in Juliaca" in the same paragraph is Juliaca, not the dateline city; "the town"
            # is the town the story is at, told paragraphs before ("… attacked an army post in Tessit. … The
            # attackers … overran part of the town"), not a dateline capital.
            resolved = ctx.recent_city(sent_of(m_start), m_start,
                                       paragraphs=TOWN_MEMORY if phrase == "the town" else 0) or focus_city
        elif target == "focus_city_centre" and focus_city is not None:
            resolved = _city_centre(focus_city)
        elif target == "focus_capital":
            resolved = capital
        elif target == "focus_former_capital":
            if focus_city is not None and (capital is None or entry_key(capital) != entry_key(focus_city)):
                resolved = focus_city
        elif target == "focus_country":
            resolved = focus_country
        elif target == "national_seat":
            resolved = _seat_of(role or "", gaz, text, m_start, m_end, ctx, sent_of(m_start), capital, focus_city)
        elif target == "focus_role":
            # "the airport in Juliaca": the named city, not the focus, owns the site.
            near = _SEAT_CITY_AFTER.match(after)
            owner = None
            if near:
                owner = ctx.cities_at.get(m_end + near.end())
            owner = owner or ctx.recent_city(sent_of(m_start), m_start) or focus_city
            if owner is not None:
                resolved = _role_site(cast(str, role), gaz, owner, ctx, m_start)  # a rule's role: never None
        if resolved is None:
            continue
        out.append(RawMention(m_start, m_end, text[m_start:m_end], [resolved], sent_of(m_start),
                            kind_hint="generic", role=role or target, resolved=resolved, score=SITE_RULES.generic_score,
                            margin=SITE_RULES.generic_margin, scored=[resolved]))
    for o in out:
        taken.add(o.start, o.end)
    for o in _possessive_sites(text, gaz, mentions, focus_city, sent_of, taken, ctx):
        out.append(o)
        taken.add(o.start, o.end)
    if focus_country is not None:  # "the French Pacific territory", "the Gulf kingdom": the focus country
        for start, end in _country_descriptions(text):
            if not taken.overlaps(start, end):
                out.append(RawMention(start, end, text[start:end], [focus_country], sent_of(start),
                                    kind_hint="generic", role="focus_country", resolved=focus_country,
                                    score=SITE_RULES.generic_score, margin=SITE_RULES.generic_margin,
                                    scored=[focus_country]))
    return out


def _seat_of(role: str, gaz: Gazetteer, text: str, start: int, end: int, ctx: _Context, sent_no: int,
             capital: Candidate | None, focus_city: Candidate | None) -> Candidate | None:
    """"The Supreme Court", "the presidential palace": a national institution sits in the capital of the text's
    country (ACLED codes it there), not in whatever city the article is about; unless the text names a city
    with it ("the parliament in Dodoma"), or a city of the paragraph has a known site of that role (the former
    presidential residence in Almaty)."""
    near = _SEAT_CITY_AFTER.match(text, end, min(len(text), end + 30))
    owner = ctx.cities_at.get(near.end()) if near else None
    recent = ctx.recent_city(sent_no, start)
    if owner is None and recent is not None and gaz.landmark_with_role(recent, role) is not None:
        owner = recent
    if owner is None and recent is None and focus_city is None:
        return None  # no city in sight ("Parliament speaker X spoke"): too little to place a site by
    owner = owner or capital or recent or focus_city
    return _role_site(role, gaz, owner, ctx, start) if owner is not None else None


_SEAT_CITY_AFTER: Final = rx.compile(r"\s+(?:in|at|of|near|outside)\s+(?:the\s+(?:city|town)\s+of\s+)?")


def _national_seat_phrases(gaz: Gazetteer) -> dict[str, str]:
    """The generic phrases that name a national institution's seat (target national_seat), by _phrase, -> role."""
    seats = getattr(gaz, "_seat_phrases", None)
    if seats is None:
        seats = {_phrase(p): r for p, t, r in gaz.generic if t == "national_seat"}
        setattr(gaz, "_seat_phrases", seats)  # (once per gazetteer: it is immutable)
    return seats


def _phrase(text: str) -> str:
    """A phrase as generic references are compared: case-blind, one space, no leading "the"."""
    words = text.casefold().replace("’", "'").split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _city_centre(city: Candidate) -> Candidate:
    """"The city centre": the city's point with a district-size radius."""
    return Candidate(
        name=f"{city.name} city centre", kind=Kind.DISTRICT, lat=city.lat, lon=city.lon,
        country_code=city.country_code, source=Source.FOCUS_CITY, source_id=f"centre:{entry_key(city)}",
        precision=Precision.DISTRICT,
        uncertainty_m=max(SITE_RULES.centre_min_radius_m, SITE_RULES.centre_radius_share * city.uncertainty_m),
        city_id=entry_key(city))


# "\b[Tt]he …", matched from its "he" (Speed: a pattern opening with a literal is found by the engine's fast
# string search, not tried at every "t"): the match starts one character after the description's "T"; read it
# through _country_descriptions.
_COUNTRY_DESCRIPTION: Final = rx.compile(
    r"he(?<=[Tt]he)(?<!\w[Tt]he)\s+(?:(?:[A-Z][\w-]+|[a-z]+-[a-z]+|landlocked|oil-rich|impoverished|tiny|small|former)\s+){1,3}"
    r"(?:territory|nation|country|kingdom|emirate|republic|archipelago|island nation|island state|state)\b")


def _country_descriptions(text: str) -> list[tuple[int, int]]:
    """The spans of "the Gulf kingdom", "the tiny republic" (:data:`_COUNTRY_DESCRIPTION`), "The" included.
    (The same spans as "\b[Tt]he…" finds: a match found from "he" after another ends cannot start on that
    one's last letter, which ends a noun, no "t", after a word character.)"""
    return [(m.start() - 1, m.end()) for m in _COUNTRY_DESCRIPTION.finditer(text)]


_POSSESSIVE_SITE_RE: Final = rx.compile(
    r"['’]s\s+((?:main\s+|central\s+|international\s+|national\s+)?"
    r"(parliament|parliament building|presidential palace|presidential residence|airport|main square|central square|"
    r"city hall|government headquarters|state house|legislature|national assembly))\b", re.IGNORECASE)
_POSSESSIVE_ROLES: Final = {"parliament": "parliament", "parliament building": "parliament", "legislature": "parliament",
                            "national assembly": "parliament", "presidential palace": "presidential_residence",
                            "presidential residence": "presidential_residence", "state house": "presidential_residence",
                            "airport": "airport", "main square": "main_square", "central square": "main_square",
                            "city hall": "city_hall", "government headquarters": "government"}


def _possessive_sites(text, gaz: Gazetteer, mentions, focus_city, sent_of, taken, ctx) -> list[RawMention]:
    """"Kenya's parliament", "Osh's airport": a site of the possessor city, or of the country's capital."""
    out = []
    for o in mentions:
        c = o.resolved
        if c is None or c.kind not in (_CITY, _COUNTRY):
            continue
        m = _POSSESSIVE_SITE_RE.match(text, o.end)
        if m is None or taken.overlaps(m.start(1), m.end(1)):
            continue
        role = _POSSESSIVE_ROLES[" ".join(m.group(2).casefold().split())]
        owner = c
        if c.kind == _COUNTRY:
            capital = gaz.capital(c.country_code)
            in_country = focus_city if focus_city is not None and focus_city.country_code == c.country_code else None
            owner = (in_country if role in ("airport", "main_square", "city_hall") else capital) or in_country or capital
        if owner is None:
            continue
        site = _role_site(role, gaz, owner, ctx, o.start)
        out.append(RawMention(m.start(1), m.end(1), m.group(1), [site], sent_of(m.start(1)), kind_hint="generic",
                            role=role, resolved=site, score=SITE_RULES.generic_score, margin=SITE_RULES.generic_margin,
                            scored=[site]))
    return out


# "from X", "from X and", "from X, Y and": the place about to be named is where someone came from.
_ORIGIN_LIST_BEFORE: Final = rx.compile(
    r"\bfrom\s+(?:the\s+)?(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s*(?:,\s*(?:and\s+)?|\s+and\s+))*$")


_SQUARE_WORD: Final = rx.compile(r"square|plaza|maidan", re.I)


class _Context:
    """Lookups over the resolved mentions, built once (long inputs make per-phrase scans quadratic)."""

    def __init__(self, mentions: list[RawMention], sents, text: str = ""):
        cities = sorted((o.start, o) for o in mentions if o.resolved is not None and o.resolved.kind == _CITY)
        self.cities_at = {start: o.resolved for start, o in cities}
        # Cities named in running text (not the dateline), with their paragraph: what "the city" refers back
        # to. Not where people came from: "students from Bandung and Yogyakarta joined a sit-in outside
        # the parliament" are at Jakarta's parliament.
        self._text_cities = [(start, sents[o.sentence].paragraph if sents else 0, o.resolved)
                             for start, o in cities if o.kind_hint != "dateline"
                             and not _ORIGIN_LIST_BEFORE.search(text, max(0, start - 80), start)]
        self._text_city_starts = [c[0] for c in self._text_cities]
        squares = sorted((o.start, o.resolved) for o in mentions if o.resolved is not None
                         and o.resolved.kind == _LANDMARK and _SQUARE_WORD.search(o.text))
        self._squares, self._square_starts = squares, [s[0] for s in squares]
        self._sents = sents

    def recent_city(self, sent_no: int, pos: int, *, paragraphs: int = 0) -> Candidate | None:
        """The last city named before ``pos`` in the same paragraph, or in the ``paragraphs`` before it."""
        i = bisect.bisect_left(self._text_city_starts, pos) - 1
        para = self._sents[sent_no].paragraph if self._sents else 0
        if i >= 0 and para - paragraphs <= self._text_cities[i][1] <= para:
            return self._text_cities[i][2]
        return None

    def square_before(self, pos: int) -> Candidate | None:
        i = bisect.bisect_left(self._square_starts, pos) - 1
        return self._squares[i][1] if i >= 0 else None


def _role_site(role: str, gaz: Gazetteer, city: Candidate, ctx: _Context | None, pos: int) -> Candidate:
    if role == "main_square" and ctx is not None:
        # "the square" after a square named in the same city means that square.
        named = ctx.square_before(pos)
        if named is not None and (named.city_id == entry_key(city) or named.city_id == ""):
            return named
    site = gaz.main_airport(city) if role == "airport" else gaz.landmark_with_role(city, role)
    if site is not None:
        return site
    label = _ROLE_LABELS.get(role, role.replace("_", " "))
    return Candidate(name=f"{city.name} {label}", kind=Kind.AIRPORT if role == "airport" else Kind.LANDMARK,
                     lat=city.lat, lon=city.lon, country_code=city.country_code, source=Source.FOCUS_CITY,
                     source_id=f"{role}:{entry_key(city)}", precision=Precision.CITY, uncertainty_m=city.uncertainty_m,
                     city_id=entry_key(city))
