"""Geoparsing: find place mentions, pick the right gazetteer entry, resolve generic references.

Stages (each a small function):
1. ``_scan_names``      capitalised token n-grams that the gazetteer knows ("Almaty", "Ala-Too Square").
2. ``_scan_facilities`` named sites ending in Square/Palace/Airport… that it may not know.
3. ``_find_dateline``   "(ALMATY, Kazakhstan) -" / "YANGON (Reuters) -".
4. ``_disambiguate``    score candidates against the article's context, iterating as it firms up.
5. ``_resolve_generic`` "the city", "the airport", "the main square"… against the focus city.
Every resolved thing carries a precision and a radius it honestly knows.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from .gazetteer import TOKEN_RE, Gazetteer, default_gazetteer, entry_key, haversine_m, normalize
from .models import Candidate, Mention, Place
from .segment import Span, sentences

# Lower-case words allowed inside a multi-word name ("Plaza de Mayo", "Bosnia and Herzegovina").
CONNECTORS = frozenset("of de la del el al the and y do da dos das di du des upon on sur am an der den von au aux "
                       "en le les sous im op".split())
# Capitalised words before a place that do not make it part of a person's or organisation's name.
PLACE_MODIFIERS = frozenset(
    "northern southern eastern western central north south east west northeast northwest southeast southwest "
    "greater upper lower inner outer downtown neighbouring neighboring rural urban coastal occupied "
    "in at from to near across throughout outside inside around and or but while as after before since "
    "the a an on by for of with within beyond both all when if during until later meanwhile elsewhere overnight "
    "also even only today yesterday tonight then there here this that these those".split()
)
# Lower-case hyphen suffixes that keep the place a place: "Moscow-led", "Kyiv-based".
FACILITY_WORDS = (
    "Square|Plaza|Maidan|Avenue|Street|Road|Boulevard|Highway|Bridge|Palace|Park|Stadium|Airport|Airbase|"
    "Air Base|Station|Market|Bazaar|Mosque|Church|Cathedral|Temple|Pagoda|University|Hospital|Prison|Jail|"
    "Barracks|Building|House|Hall|Tower|Monument|Memorial|Camp|Port|Harbour|Harbor|Gate|Green|Roundabout|"
    "Junction|Checkpoint|Crossing|Compound|Headquarters|Embassy|Parliament|Complex|Mall|Court|Courthouse|"
    "Obelisk|Chowk|Secretariat|Museum|Gallery|Fort|Citadel|Cemetery|Shrine|Mausoleum|Arena|Terminal|Refinery|"
    "Dam|Centre|Center"
)
_FACILITY_RE = re.compile(
    r"\b((?:[A-Z][\w'’\-]*\.?\s+(?:(?:of|de|la|del|el|al|the)\s+)?){1,4}?)"
    r"(?:International\s+)?(" + FACILITY_WORDS + r")\b"
)
# Sites named with a leading generic word, as in French, Spanish and Portuguese: "Place de la Nation".
_FACILITY_PREFIX_RE = re.compile(
    r"\b(?:Place|Plaza|Piazza|Praça|Praca|Avenida|Calle|Rue|Parque|Palacio|Palais|Estadio|Universidad|Casa|"
    r"Midan|Maidan|Jardin|Puente|Pont)\s+(?:(?:de|del|de la|des|du|di|da|do|dos|das|la|le|l'|el)\s+)*"
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}")
# A capitalised name with a lower-case generic head: "Kwai Fong station", "the Carondelet presidential palace".
_SITE_LOWER_RE = re.compile(
    r"\b([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})\s+(?:(?:presidential|metro|subway|railway|train|bus|police|"
    r"military|army|central|main|old|national)\s+)?(?:palace|park|station|square|bridge|stadium|prison|jail|"
    r"market|bazaar|roundabout|junction|mosque|church|cathedral|temple|campus|barracks|compound|"
    r"headquarters|refinery|port|mine|camp)\b")
_AIRPORT_LOWER_RE = re.compile(r"\b([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)\s+(?:international\s+)?airport\b")
_DATELINE_RE = re.compile(
    r"(?:^|\n|\(|(?<=[.!?]\s))\s*\(?([A-Z][A-Z'’\-]+(?:\s[A-Z][A-Z'’\-]+){0,3})"
    r"(?:,\s*([A-Z][A-Za-z .'’\-]{1,40}?))??\)?"
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\((?:AP|AFP|Reuters|dpa|ABC|RFE/RL|Xinhua|[A-Z][\w ]{1,20})\)\s*)?"
    r"[-—–]{1,2}\s"
)
_COMMON_SENTENCE_INITIAL_OK = 1_000_000  # a city this big may open a sentence even if its name is a common word


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    candidates: list[Candidate]
    sentence: int
    kind_hint: str = ""  # "dateline", "facility", "generic", "qualifier"
    role: str = ""  # for generic references
    resolved: Candidate | None = None
    score: float = 0.0
    margin: float = 0.0
    scored: list[Candidate] = field(default_factory=list)
    weak: bool = False  # a common word or isolated small place: needs context to stand


@dataclass(slots=True)
class GeoparseResult:
    places: list[Place]
    focus: Place | None
    focus_country: Place | None
    sentences: list[Span]
    mention_places: list[tuple[int, int, str]]  # (start, end, place key), sorted by start
    warnings: list[str] = field(default_factory=list)
    dateline: tuple[int, int] | None = None  # the "(ALMATY, Kazakhstan) -" span: where the reporter is

    def place(self, key: str) -> Place | None:
        return next((p for p in self.places if p.key == key), None)


def geoparse(text: str, *, gazetteer: Gazetteer | None = None, online=None) -> GeoparseResult:
    """Find and resolve every place the text mentions. ``online`` is an optional backend (see online.py)."""
    gaz = gazetteer or default_gazetteer()
    sents = sentences(text)
    sent_starts = [s.start for s in sents]
    mentions = _scan_names(text, gaz, sents)
    mentions += _scan_facilities(text, gaz, sents, taken=mentions)
    dateline, dateline_span = _find_dateline(text, gaz)
    _disambiguate(mentions, gaz, text, dateline)
    mentions = [m for m in mentions if m.resolved is not None or m.kind_hint == "facility"]
    focus_city, focus_country = _choose_focus(mentions, gaz, dateline)
    _place_facilities(mentions, gaz, focus_city, sents, text)
    generic = _resolve_generic(text, gaz, sents, mentions, focus_city, focus_country, sent_starts)
    warnings: list[str] = []
    if online is not None:
        warnings += _refine_online(mentions, online, focus_city, focus_country)
    places, mention_places = _group(mentions + generic, gaz)
    focus = next((p for p in places if focus_city and p.key == entry_key(focus_city)), None)
    fcountry = next((p for p in places if focus_country and p.key == entry_key(focus_country)), None)
    if focus is None and focus_city is not None:  # focus known only from the dateline
        focus = _place_from(focus_city, [], confidence=0.9, note="article focus (dateline)")
    if fcountry is None and focus_country is not None:
        fcountry = _place_from(focus_country, [], confidence=0.8, note="article focus country")
    return GeoparseResult(places, focus, fcountry, sents, mention_places, warnings, dateline_span)


# -- 1. names ---------------------------------------------------------------------------------------

_CONNECTOR_RE = "|".join(sorted(CONNECTORS, key=len, reverse=True))
# A run of capitalised words with the gaps and connectors names may contain: only these runs are scanned.
_CAP_SPAN = re.compile(
    r"(?<![\w'’])[^\W\d_a-z][\w'’]*(?:(?:[ \-‐‑–]|\.[ ]?|[ ]{2})(?:(?:" + _CONNECTOR_RE + r")[ \-])*"
    r"[^\W\d_a-z][\w'’]*)*")


def _token_before(text: str, pos: int) -> tuple[int, int, str] | None:
    """The word just before ``pos`` if only a short gap separates them (the checks need no more)."""
    k = pos
    while k > 0 and pos - k <= 3 and not text[k - 1].isalnum():
        k -= 1
    end = k
    while k > 0 and (text[k - 1].isalnum() or (text[k - 1] in "'’" and k > 1 and text[k - 2].isalnum())):
        k -= 1
    return (k, end, text[k:end]) if end > k else None


def _token_after(text: str, pos: int) -> tuple[int, int, str] | None:
    n = len(text)
    k = pos
    while k < n and k - pos <= 3 and not text[k].isalnum():
        k += 1
    start = k
    while k < n and (text[k].isalnum() or (text[k] in "'’" and k + 1 < n and text[k + 1].isalnum())):
        k += 1
    return (start, k, text[start:k]) if k > start else None


def _scan_names(text: str, gaz: Gazetteer, sents: list[Span]) -> list[_Mention]:
    sent_of = _sentence_lookup(sents)
    sentence_initial = {s.start for s in sents}
    out: list[_Mention] = []
    person_names: set[str] = set()
    for span in _CAP_SPAN.finditer(text):
        s, e = span.span()
        # The span's tokens plus one token either side, for the "part of a longer name" checks.
        prev = _token_before(text, s)
        tokens = [prev] if prev else []
        first = len(tokens)
        tokens += [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, s, e)]
        last = len(tokens)
        nxt = _token_after(text, e)
        if nxt:
            tokens.append(nxt)
        _scan_span(text, gaz, tokens, first, last, sentence_initial, sent_of, out, person_names)
    # A surname seen once after a first name ("Pedro Castillo") is a person everywhere ("Castillo's aides").
    return [m for m in out if not (normalize(m.text) in person_names and _small(m.candidates))]


def _scan_span(text, gaz, tokens, first, n_tok, sentence_initial, sent_of, out, person_names) -> None:
    """Longest gazetteer names among tokens[first:n_tok] (tokens around them are context only)."""
    norm_cache: dict[int, str] = {}

    def norm(k: int) -> str:
        key = norm_cache.get(k)
        if key is None:
            tok = tokens[k][2]
            if tok.endswith(("'s", "’s")):
                tok = tok[:-2]
            key = norm_cache[k] = normalize(tok)
        return key

    next_free = first
    for i in [k for k in range(first, n_tok) if tokens[k][2][0].isupper()]:
        if i < next_free:
            continue
        start, end, tok = tokens[i]
        best = None
        parts: list[str] = []
        j = i
        while j < n_tok and j - i < gaz.max_tokens:
            if j > i and not _joinable(text, tokens[j - 1][1], tokens[j][0]):
                break
            word = tokens[j][2]
            if j > i and not (_is_name_start(word) or word.casefold() in CONNECTORS):
                break
            if j > i and text[tokens[j - 1][1]:tokens[j][0]] == ".":
                parts[-1] += norm(j)  # "U.S." folds to "us", as the index does
            else:
                parts.append(norm(j))
            if _is_name_start(word) and not (j > i and tokens[j - 1][2].endswith(("'s", "’s"))):
                key = " ".join(parts)
                if key in gaz.index:
                    best = (j, key)
            if word.endswith(("'s", "’s")):
                break  # a possessive ends the name: "Kazakhstan's president"
            j += 1
        if best is None:
            continue
        j, key = best
        if j + 1 < len(tokens) and tokens[j + 1][2] in _REGION_WORDS and \
                text[tokens[j][1]:tokens[j + 1][0]] == " " and f"{key} {tokens[j + 1][2]}" in gaz.index:
            j, key = j + 1, f"{key} {tokens[j + 1][2]}"  # "Kurdistan province"
        m_end = tokens[j][1]
        if tokens[j][2].endswith(("'s", "’s")):
            m_end -= 2
        surface = text[start:m_end]
        reason = _rejected_name(text, tokens, i, j, key, surface, gaz, sentence_initial)
        if reason:
            if reason == "person" and i == j:
                person_names.add(key)
            next_free = j + 1
            continue
        cands = gaz.lookup(key)
        sites = [c for c in cands if c.kind in ("landmark", "airport")]
        if sites:  # a named site is judged by the city it stands in, not by its name alone
            out.append(_Mention(start, m_end, surface, sites, sent_of(start), kind_hint="facility"))
            next_free = j + 1
            continue
        weak = key in gaz.common_words or (len(parts) == 1 and start in sentence_initial)
        if i == j and _adjectival(text, tokens, i, cands):
            next_free = j + 1
            continue
        out.append(_Mention(start, m_end, surface, cands, sent_of(start), weak=weak,
                            kind_hint="sentence_initial" if start in sentence_initial else ""))
        next_free = j + 1



_REGION_WORDS = frozenset("province region state oblast governorate department district prefecture".split())


def _small(cands: list[Candidate]) -> bool:
    return all(c.kind == "city" and c.population < 500_000 for c in cands)


def _adjectival(text: str, tokens, i: int, cands: list[Candidate]) -> bool:
    """'the Inca citadel': a small place's name used as an adjective, not as a place."""
    if i == 0 or i + 1 >= len(tokens) or not _small(cands):
        return False
    prev, nxt = tokens[i - 1], tokens[i + 1]
    return (prev[2] == "the" and text[prev[1]:tokens[i][0]] == " " and nxt[2].islower()
            and text[tokens[i][1]:nxt[0]] == " ")


def _is_name_start(tok: str) -> bool:
    return tok[0].isupper() or (tok[0].isdigit() is False and not tok[0].isalpha())


def _joinable(text: str, prev_end: int, next_start: int) -> bool:
    gap = text[prev_end:next_start]
    return gap in (" ", "-", "‐", "‑", ". ", ".", "–") or (gap.isspace() and "\n" not in gap and len(gap) <= 2)


def _rejected_name(text, tokens, i, j, key, surface, gaz: Gazetteer, sentence_initial) -> str:
    """Why words that look like places are not: 'Republic', 'Most shops…', 'George Washington'; '' if they are."""
    single = i == j
    if single and key in gaz.not_places:
        return "word"
    if surface.isupper() and len(surface.replace(".", "")) <= 3 and key not in gaz.alias_abbreviations:
        return "acronym"  # 'ABC', 'AP': organisations, not places, unless a known abbreviation such as 'US'
    if single and tokens[i][2].isupper() and len(tokens[i][2]) <= 3 and key not in gaz.alias_abbreviations:
        return "acronym"
    # Part of a longer proper name: "Jordan Peterson", "Kassym-Jomart Tokayev", "Paris Hilton".
    if i > 0:
        p_start, p_end, prev = tokens[i - 1]
        gap = text[p_end:tokens[i][0]]
        if (gap in (" ", "-") and prev[0].isupper() and prev.casefold() not in PLACE_MODIFIERS
                and not prev.isupper()):
            if p_start not in sentence_initial:
                return "person"
            # At a sentence start only a word that is no place itself reads as a first name ("Mahsa Amini").
            if single and normalize(prev) not in gaz.index and _small(gaz.lookup(key)):
                return "person"
    # "The Confederation of Indigenous Nationalities": a small place's name opening an organisation's.
    if (single and j + 2 < len(tokens) and tokens[j + 1][2] == "of" and tokens[j + 2][2][0].isupper()
            and text[tokens[j][1]:tokens[j + 1][0]] == " " and _small(gaz.lookup(key))):
        return "organisation"
    if j + 1 < len(tokens):
        n_start, _, nxt = tokens[j + 1]
        gap = text[tokens[j][1]:n_start]
        if (gap == " " and nxt[0].isupper() and not re.fullmatch(FACILITY_WORDS, nxt)
                and not tokens[j][2].endswith(("'s", "’s"))
                and nxt.casefold() not in PLACE_MODIFIERS and not nxt.isupper()):
            return "name"
    return ""


# -- 2. named facilities ----------------------------------------------------------------------------

def _scan_facilities(text: str, gaz: Gazetteer, sents, *, taken: list[_Mention]) -> list[_Mention]:
    """'Ala-Too Square', 'Bole International Airport', 'Juliaca airport': sites, known or not."""
    sent_of = _sentence_lookup(sents)
    out: list[_Mention] = []
    occupied = [(m.start, m.end) for m in taken]

    def overlaps(a: int, b: int) -> bool:
        return any(s < b and a < e for s, e in occupied)

    for m in _FACILITY_RE.finditer(text):
        head = m.group(1).strip()
        if not head:
            continue  # a bare 'Square' at a sentence start is no site
        start, end = m.start(1), m.end()
        surface = text[start:end]
        words = surface.split()
        if start in {s.start for s in sents} and normalize(words[0]) in ("the", "a", "an", "but", "and", "in", "at"):
            start += len(words[0]) + 1
            surface = text[start:end]
            if len(surface.split()) < 2:
                continue
        owner = ""
        poss = re.match(r"([A-Z][\w'’\-]*(?:\s[A-Z][\w'’\-]*)?)['’]s\s+", surface)
        if poss:  # "Dhaka's Hazrat Shahjalal International Airport": Dhaka owns it, the name is the rest
            owner = str(start)
            start += poss.end()
            surface = text[start:end]
            head = surface[: max(0, len(surface) - len(m.group(2)))].strip() or head
        while True:  # "Bangabandhu Memorial Museum": keep the whole name
            more = re.match(r"\s+(?:" + FACILITY_WORDS + r"|Museum|Gallery)\b", text[end:end + 20])
            if not more:
                break
            end += more.end()
            surface = text[start:end]
        key = normalize(surface)
        cands = [c for c in gaz.lookup(key) if c.kind in ("landmark", "airport")]
        # A known city inside an airport name: "Almaty airport", "Hartsfield-Jackson Atlanta International".
        if not cands and m.group(2) in ("Airport", "Airbase", "Air Base"):
            cands = _airports_for_head(gaz, head)
        # Replace a city/country match that is only the head of this facility ("Almaty" in "Almaty Airport").
        for t in list(taken):
            if start <= t.start and t.end <= end and (t.start, t.end) != (start, end):
                taken.remove(t)
                occupied.remove((t.start, t.end))
        if overlaps(start, end):
            continue
        out.append(_Mention(start, end, surface, cands, sent_of(start), kind_hint="facility", role=owner))
        occupied.append((start, end))
    for rx, group in ((_FACILITY_PREFIX_RE, 0), (_SITE_LOWER_RE, 0)):
        for m in rx.finditer(text):
            start, end = m.start(group), m.end(group)
            if rx is _SITE_LOWER_RE and m.group(1).split()[0].casefold() in PLACE_MODIFIERS:
                continue  # "The main square" is a generic reference, not a site named "The"
            surface = text[start:end]
            key = normalize(surface)
            known = [c for c in gaz.lookup(key) if c.kind in ("landmark", "airport")]
            inner = [t for t in taken if start <= t.start and t.end <= end]
            # A city name inside a site's name does not make the site that city ("Kwai Fong station").
            if any(not (start <= t.start and t.end <= end) and t.start < end and start < t.end for t in taken):
                continue
            if any(s < end and start < e for s, e in occupied if (s, e) not in {(t.start, t.end) for t in inner}):
                continue
            for t in inner:
                taken.remove(t)
                occupied.remove((t.start, t.end))
            out.append(_Mention(start, end, surface, known, sent_of(start), kind_hint="facility"))
            occupied.append((start, end))
    for m in _DISTRICT_RES[0].finditer(text):  # "Githurai, a suburb on the edge of Nairobi"
        _add_district(m, text, out, occupied, overlaps, sent_of, taken)
    for m in _DISTRICT_RES[1].finditer(text):  # "in the Buckhead neighbourhood"
        _add_district(m, text, out, occupied, overlaps, sent_of, taken)
    for m in _AIRPORT_LOWER_RE.finditer(text):
        start, end = m.start(1), m.end()
        if not overlaps(start, end):
            # "La Tontouta international airport": a named airport, known by name or placed at its city.
            known = [c for c in gaz.lookup(normalize(text[start:end])) if c.kind == "airport"]
            known = known or [c for c in gaz.lookup(normalize(m.group(1) + " International Airport"))
                              if c.kind == "airport"]
            out.append(_Mention(start, end, text[start:end], known, sent_of(start), kind_hint="facility"))
            occupied.append((start, end))
            continue
        if overlaps(start, end):
            # "Almaty airport": the city mention is already there; promote it to the airport.
            inner = next((t for t in taken if t.start == start and t.end <= m.end(1)), None)
            if inner is None:
                continue
            cands = _airports_for_head(gaz, m.group(1))
            if cands:
                taken.remove(inner)
                occupied.remove((inner.start, inner.end))
                out.append(_Mention(start, end, text[start:end], cands, sent_of(start), kind_hint="facility"))
                occupied.append((start, end))
    return out


_DISTRICT_WORDS = r"(?:suburb|neighbou?rhood|district|township|quarter|slum|shantytown|enclave)"
_DISTRICT_RES = (
    re.compile(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?),\s+an?\s+(?:[\w-]+\s+){0,3}?" + _DISTRICT_WORDS + r"\b"),
    re.compile(r"\b(?:(?:in|at|near|from|outside|around)\s+(?:the\s+)?(?:[a-z]+\s+)?|the\s+(?:[a-z]+\s+)?)"
               r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+" + _DISTRICT_WORDS + r"\b"),
)


def _add_district(m, text, out, occupied, overlaps, sent_of, taken) -> None:
    """An unknown named part of a city: a site of its city, placed with city precision."""
    start, end = m.start(1), m.end(1)
    same = next((t for t in taken if (t.start, t.end) == (start, end)), None)
    if same is not None and _small(same.candidates) and all(c.population < 100_000 for c in same.candidates):
        taken.remove(same)  # "the Buckhead neighbourhood" is part of a city, not a small town of that name
        occupied.remove((start, end))
    if overlaps(start, end):
        return
    out.append(_Mention(start, end, text[start:end], [], sent_of(start), kind_hint="facility", role="", weak=True))
    occupied.append((start, end))


def _airports_for_head(gaz: Gazetteer, head: str) -> list[Candidate]:
    """Airports of the cities named in the words before 'Airport', longest name first."""
    words = normalize(head).split()
    airports = []
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            for city in gaz.lookup(" ".join(words[i:i + n])):
                if city.kind == "city":
                    ap = gaz.main_airport(city)
                    if ap is not None and ap not in airports:
                        airports.append(ap)
        if airports:
            return airports
    return airports


# -- 3. dateline -----------------------------------------------------------------------------------

def _find_dateline(text: str, gaz: Gazetteer) -> tuple[Candidate | None, tuple[int, int] | None]:
    for m in _DATELINE_RE.finditer(text):
        city_key = normalize(m.group(1))
        country_key = normalize(m.group(2) or "")
        cities = [c for c in gaz.lookup(city_key) if c.kind == "city"]
        if not cities:
            continue
        if country_key:
            ccs = {c.country_code for c in gaz.lookup(country_key) if c.kind in ("country", "region")}
            regions = {(c.country_code, c.admin1) for c in gaz.lookup(country_key) if c.kind == "region"}
            cities = [c for c in cities if c.country_code in ccs or (c.country_code, c.admin1) in regions] or cities
        return max(cities, key=lambda c: c.population), (m.start(1), m.end())
    return None, None


# -- 4. disambiguation -----------------------------------------------------------------------------

_KIND_PRIOR = {"country": 3.0, "region": 1.0, "airport": 1.6, "landmark": 1.6, "district": 1.0, "water": 1.5}
_ACCEPT = 1.5


def _prior(c: Candidate) -> float:
    if c.kind == "city":
        return 2.0 * math.log10(c.population + 10) / 7.0
    return _KIND_PRIOR.get(c.kind, 1.0)


def _disambiguate(mentions: list[_Mention], gaz: Gazetteer, text: str, dateline: Candidate | None) -> None:
    if dateline is not None:  # the dateline's own words are the dateline city
        key = entry_key(dateline)
        for m in mentions:
            if m.text.isupper() and any(entry_key(c) == key for c in m.candidates):
                m.candidates, m.weak, m.kind_hint = [dateline], False, "dateline"
    # "X, Y" appositions: Y contains X ("Victoria, British Columbia", "Córdoba, Argentina", "Tbilisi, Georgia").
    pairs = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        if re.fullmatch(r",\s*", text[a.end:b.start]):
            pairs.append((a, b))
    context = Counter()
    if dateline is not None:
        context[dateline.country_code] += 3
    for m in mentions:  # unambiguous evidence first
        kinds = {c.kind for c in m.candidates}
        if len({c.country_code for c in m.candidates}) == 1 and m.candidates and not m.weak:
            context[m.candidates[0].country_code] += 2 if "country" in kinds else 1
    folded = {id(m): normalize(m.text) for m in mentions}
    near_cache: dict[int, bool] = {}

    def near_dateline(c: Candidate) -> bool:  # computed once per candidate, not once per round
        near = near_cache.get(id(c))
        if near is None:
            near = near_cache[id(c)] = haversine_m(c.lat, c.lon, dateline.lat, dateline.lon) < 300_000
        return near
    rounds = 3
    for round_no in range(rounds):
        # Regions that hold a city named in the text (by which names), and regions named outright.
        city_regions: dict[tuple[str, str], set[str]] = defaultdict(set)
        named_regions: dict[tuple[str, str], set[str]] = defaultdict(set)
        for o in mentions:
            c = o.resolved
            if c is not None and c.admin1 and c.kind in ("city", "region"):
                (city_regions if c.kind == "city" else named_regions)[(c.country_code, c.admin1)].add(folded[id(o)])
        for m in mentions:
            if not m.candidates or m.kind_hint == "facility":
                continue
            own = folded[id(m)]
            city_names = {(c.country_code, normalize(c.name)) for c in m.candidates if c.kind == "city"} \
                if len(m.candidates) > 1 else ()
            scored = []
            for c in m.candidates:
                s = _prior(c)
                weight = context.get(c.country_code, 0)
                if weight:
                    s += min(2.5, 1.0 + 0.5 * weight)
                if dateline is not None:
                    if c.country_code == dateline.country_code:
                        s += 0.5
                    if c.kind != "country" and near_dateline(c):
                        s += 0.5
                if c.kind == "region" and city_regions.get((c.country_code, c.admin1), {own}) - {own}:
                    s += 2.0  # "Georgia" in a story about Atlanta is the US state
                if c.kind == "region" and city_names and (c.country_code, normalize(c.name)) in city_names:
                    s -= 1.5  # a bare "Khartoum" is the city, not the state
                if c.kind == "city" and named_regions.get((c.country_code, c.admin1), {own}) - {own}:
                    s += 1.5  # "Victoria" in a story about British Columbia
                scored.append((s, c))
            for a, b in pairs:  # containment bonus for appositions
                if m is a:
                    scored = [(s + (4.0 if _contained(c, b.candidates, gaz) else 0.0), c) for s, c in scored]
                elif m is b:
                    scored = [(s + (4.0 if _contains(c, a.candidates, gaz) else 0.0), c) for s, c in scored]
            scored.sort(key=lambda sc: (-sc[0], -sc[1].population))
            best_s, best = scored[0]
            second = scored[1][0] if len(scored) > 1 else 0.0
            if round_no == rounds - 1:  # candidates shown to the user: only once, at the end
                m.scored = [replace(c, score=round(s, 3)) for s, c in scored[:5]]
            m.score, m.margin = best_s, best_s - second
            m.resolved = best if _acceptable(m, best, best_s, context, gaz) else None
        context = Counter()
        if dateline is not None:
            context[dateline.country_code] += 3
        for m in mentions:
            if m.resolved is not None and not m.weak:
                context[m.resolved.country_code] += 2 if m.resolved.kind == "country" else 1


def _acceptable(m: _Mention, best: Candidate, score: float, context: Counter, gaz: Gazetteer) -> bool:
    if m.weak:
        # A common word ("Most", "Police") or a lone sentence-initial word needs a big place or context.
        big = best.kind == "country" or best.population >= _COMMON_SENTENCE_INITIAL_OK
        if not big:
            if m.kind_hint == "sentence_initial" and normalize(m.text) in gaz.common_words:
                return False
            if context.get(best.country_code, 0) < 1:
                return False
    # A name with one reading only, not a common word: trust it even without context ("North Darfur").
    if len(m.candidates) == 1 and not m.weak and best.kind in ("region", "city"):
        return score >= 1.0
    return score >= _ACCEPT


def _contained(c: Candidate, containers: list[Candidate], gaz: Gazetteer) -> bool:
    for k in containers:
        if k.kind == "country" and k.country_code == c.country_code and c.kind != "country":
            return True
        if k.kind == "region" and k.country_code == c.country_code and c.admin1 and k.admin1 == c.admin1:
            return True
    return False


def _contains(k: Candidate, inner: list[Candidate], gaz: Gazetteer) -> bool:
    return any(_contained(c, [k], gaz) for c in inner)


# -- focus -----------------------------------------------------------------------------------------

def _choose_focus(mentions, gaz: Gazetteer, dateline: Candidate | None):
    cities = Counter()
    countries = Counter()
    by_key = {}
    for m in mentions:
        c = m.resolved
        if c is None or m.kind_hint == "dateline":
            continue
        by_key[entry_key(c)] = c
        if c.kind == "city":
            cities[entry_key(c)] += 1
            countries[c.country_code] += 1
        elif c.kind in ("country", "region", "landmark", "airport", "district"):
            countries[c.country_code] += 2 if c.kind == "country" else 1
    focus_city = dateline
    if dateline is not None and countries:
        # "DUBAI (Reuters) - Iran restricted …": the reporter is in Dubai, the story in Iran.
        top = max(countries, key=lambda k: countries[k])
        if top != dateline.country_code and countries[top] >= 3 and countries[top] >= 3 * countries[dateline.country_code]:
            in_top = [k for k in cities if by_key[k].country_code == top]
            if in_top:
                focus_city = by_key[max(in_top, key=lambda k: (cities[k], by_key[k].population))]
            else:
                focus_city = gaz.capital(top)
    if focus_city is None and cities:
        key = max(cities, key=lambda k: (cities[k], by_key[k].population))
        focus_city = by_key[key]
    if focus_city is not None:
        focus_country = gaz.countries.get(focus_city.country_code)
    elif countries:
        focus_country = gaz.countries.get(max(countries, key=lambda k: countries[k]))
    else:
        focus_country = None
    return focus_city, focus_country


# -- facilities placed in their city -----------------------------------------------------------------

def _place_facilities(mentions: list[_Mention], gaz: Gazetteer, focus_city: Candidate | None, sents, text) -> None:
    cities_in_text = {entry_key(m.resolved): m.resolved for m in mentions
                      if m.resolved is not None and m.resolved.kind == "city"}
    if focus_city is not None:
        cities_in_text.setdefault(entry_key(focus_city), focus_city)
    for m in mentions:
        if m.kind_hint != "facility":
            continue
        context_city = _context_city(m, mentions, focus_city, sents, text)
        known = []
        for c in m.candidates:
            if c.kind == "airport":
                near = [city for city in cities_in_text.values()
                        if haversine_m(c.lat, c.lon, city.lat, city.lon) < 60_000]
                if near:
                    known.append((0 if context_city and near[0] is context_city else 1, c))
            elif c.city_id in cities_in_text:
                # A landmark counts only in a city the article is about: many cities have a Republic Square.
                known.append((0 if context_city and c.city_id == entry_key(context_city) else 1, c))
        if known:
            known.sort(key=lambda kc: kc[0])
            m.resolved = known[0][1]
            m.score, m.margin = 2.0, 1.0
            m.scored = [replace(c, score=2.0 if c is m.resolved else 0.5) for c in m.candidates[:5]]
        elif context_city is not None:
            # Unknown site in a known city: the city, with city precision, never a precise-looking point.
            m.resolved = _unknown_site(m.text, context_city, kind="district" if m.weak else "landmark")
            m.score, m.margin = 1.0, 0.5
            m.scored = [replace(c, score=0.0) for c in m.candidates[:5]]
        else:
            m.resolved = None


def _context_city(m: _Mention, mentions: list[_Mention], focus_city: Candidate | None, sents,
                  text: str) -> Candidate | None:
    """The city a named site belongs to, from what the text says outright, else the article's focus.

    "Dhaka's X" / "X in Mandalay" / "In Atbara, … X" name the city; a city merely mentioned elsewhere
    in the sentence does not ("… like the protests in Minneapolis"): then the focus city.
    """
    cities = [o for o in mentions if o.resolved is not None and o.resolved.kind == "city" and o is not m]
    if m.role:  # the owner found while scanning ("Dhaka's Hazrat Shahjalal International Airport")
        owner = next((o.resolved for o in cities if o.start == int(m.role)), None)
        if owner is not None:
            return owner
    after = re.match(r"(?:\s+(?:mall|complex|area|building|compound))?,?\s+(?:in|of|near|outside)\s+(?:the\s+)?"
                     r"(?:(?:city|town|capital)\s+of\s+)?", text[m.end:m.end + 40])
    if after:
        owner = next((o.resolved for o in cities if o.start == m.end + after.end()), None)
        if owner is not None:
            return owner
    sent = sents[m.sentence] if m.sentence < len(sents) else None
    if sent is not None:
        opener = re.match(r"(?:In|At)\s+", text[sent.start:sent.start + 4])
        if opener:
            owner = next((o.resolved for o in cities if o.start == sent.start + opener.end()), None)
            if owner is not None:
                return owner
    if focus_city is not None:
        return focus_city
    before = [o for o in cities if o.start < m.start]
    return max(before, key=lambda o: o.start).resolved if before else None


def _unknown_site(name: str, city: Candidate, *, kind: str = "landmark") -> Candidate:
    return Candidate(name=name, kind=kind, lat=city.lat, lon=city.lon, country_code=city.country_code,
                     source="context-city", source_id=f"site:{entry_key(city)}:{normalize(name)}",
                     precision="city", uncertainty_m=city.uncertainty_m, city_id=entry_key(city))


# -- 5. generic references -------------------------------------------------------------------------

_generic_re_cache: dict[int, re.Pattern] = {}
_ROLE_LABELS = {
    "airport": "airport", "main_square": "main square", "government": "government building",
    "government_buildings": "government buildings", "parliament": "parliament", "city_hall": "city hall",
    "presidential_residence": "presidential residence",
}


def _generic_pattern(gaz: Gazetteer) -> re.Pattern:
    """The generic phrases, matched on the lower-cased text (faster than a case-blind pattern)."""
    pat = _generic_re_cache.get(id(gaz))
    if pat is None:
        phrases = sorted({p.lower() for p, _, _ in gaz.generic}, key=len, reverse=True)
        body = "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]") for p in phrases)
        pat = _generic_re_cache[id(gaz)] = re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")
    return pat


def _generic_matches(text: str, gaz: Gazetteer):
    lower = text.lower()
    if len(lower) == len(text):
        return _generic_pattern(gaz).finditer(lower)
    return re.compile(_generic_pattern(gaz).pattern, re.IGNORECASE).finditer(text)  # rare: length changed


def _resolve_generic(text, gaz: Gazetteer, sents, mentions, focus_city, focus_country, sent_starts) -> list[_Mention]:
    sent_of = _sentence_lookup(sents)
    rules = {p.casefold(): (t, r) for p, t, r in gaz.generic}
    taken = [(m.start, m.end) for m in mentions]
    out: list[_Mention] = []
    capital = gaz.capital(focus_country.country_code) if focus_country else None
    for m in _generic_matches(text, gaz):
        phrase = " ".join(m.group().casefold().replace("’", "'").split())
        target, role = rules.get(phrase, (None, None))
        if target is None or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        after = text[m.end():m.end() + 30]
        if re.match(r"\s+of\s+[A-Z]", after):
            continue  # "the city of Osh": the named place is the mention
        # Skip the article's own "the"/"The" at a sentence start in the mention only when it is the phrase.
        resolved = None
        if target == "focus_city":
            # "the city" after "… in Juliaca" in the same paragraph is Juliaca, not the dateline city.
            resolved = _recent_city(mentions, sents, sent_of(m.start()), m.start()) or focus_city
        elif target == "focus_city_centre" and focus_city is not None:
            resolved = Candidate(
                name=f"{focus_city.name} city centre", kind="district", lat=focus_city.lat, lon=focus_city.lon,
                country_code=focus_city.country_code, source="focus-city",
                source_id=f"centre:{entry_key(focus_city)}", precision="district",
                uncertainty_m=max(3000.0, 0.35 * focus_city.uncertainty_m), city_id=entry_key(focus_city))
        elif target == "focus_capital":
            resolved = capital
        elif target == "focus_former_capital":
            if focus_city is not None and (capital is None or entry_key(capital) != entry_key(focus_city)):
                resolved = focus_city
        elif target == "focus_country":
            resolved = focus_country
        elif target == "focus_role":
            # "the airport in Juliaca": the named city, not the focus, owns the site.
            near = re.match(r"\s+(?:in|at|of|near|outside)\s+(?:the\s+(?:city|town)\s+of\s+)?", after)
            owner = None
            if near:
                owner = next((o.resolved for o in mentions if o.start == m.end() + near.end()
                              and o.resolved is not None and o.resolved.kind == "city"), None)
            owner = owner or focus_city
            if owner is not None:
                resolved = _role_site(role, gaz, owner, mentions, m.start())
        if resolved is None:
            continue
        out.append(_Mention(m.start(), m.end(), text[m.start():m.end()], [resolved], sent_of(m.start()),
                            kind_hint="generic", role=role or target, resolved=resolved, score=1.0, margin=1.0,
                            scored=[resolved]))
    out += _possessive_sites(text, gaz, mentions, focus_city, sent_of, taken + [(o.start, o.end) for o in out])
    if focus_country is not None:  # "the French Pacific territory", "the Gulf kingdom": the focus country
        used = taken + [(o.start, o.end) for o in out]
        for m in _COUNTRY_DESCRIPTION.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in used):
                out.append(_Mention(m.start(), m.end(), m.group(), [focus_country], sent_of(m.start()),
                                    kind_hint="generic", role="focus_country", resolved=focus_country, score=1.0,
                                    margin=1.0, scored=[focus_country]))
    return out


_COUNTRY_DESCRIPTION = re.compile(
    r"\b[Tt]he\s+(?:(?:[A-Z][\w-]+|[a-z]+-[a-z]+|landlocked|oil-rich|impoverished|tiny|small|former)\s+){1,3}"
    r"(?:territory|nation|country|kingdom|emirate|republic|archipelago|island nation|island state|state)\b")


_POSSESSIVE_SITE_RE = re.compile(
    r"['’]s\s+((?:main\s+|central\s+|international\s+|national\s+)?"
    r"(parliament|parliament building|presidential palace|presidential residence|airport|main square|central square|"
    r"city hall|government headquarters|state house|legislature|national assembly))\b", re.IGNORECASE)
_POSSESSIVE_ROLES = {"parliament": "parliament", "parliament building": "parliament", "legislature": "parliament",
                     "national assembly": "parliament", "presidential palace": "presidential_residence",
                     "presidential residence": "presidential_residence", "state house": "presidential_residence",
                     "airport": "airport", "main square": "main_square", "central square": "main_square",
                     "city hall": "city_hall", "government headquarters": "government"}


def _possessive_sites(text, gaz: Gazetteer, mentions, focus_city, sent_of, taken) -> list[_Mention]:
    """"Kenya's parliament", "Osh's airport": a site of the possessor city, or of the country's capital."""
    out = []
    for o in mentions:
        c = o.resolved
        if c is None or c.kind not in ("city", "country"):
            continue
        m = _POSSESSIVE_SITE_RE.match(text, o.end)
        if m is None or any(s < m.end(1) and m.start(1) < e for s, e in taken):
            continue
        role = _POSSESSIVE_ROLES[" ".join(m.group(2).casefold().split())]
        owner = c
        if c.kind == "country":
            capital = gaz.capital(c.country_code)
            in_country = focus_city if focus_city is not None and focus_city.country_code == c.country_code else None
            owner = (in_country if role in ("airport", "main_square", "city_hall") else capital) or in_country or capital
        if owner is None:
            continue
        site = _role_site(role, gaz, owner, mentions, o.start)
        out.append(_Mention(m.start(1), m.end(1), m.group(1), [site], sent_of(m.start(1)), kind_hint="generic",
                            role=role, resolved=site, score=1.0, margin=1.0, scored=[site]))
    return out


def _recent_city(mentions, sents, sent_no: int, pos: int) -> Candidate | None:
    para = sents[sent_no].paragraph if sents else 0
    earlier = [o for o in mentions if o.start < pos and o.resolved is not None and o.resolved.kind == "city"
               and o.kind_hint != "dateline" and sents and sents[o.sentence].paragraph == para]
    return max(earlier, key=lambda o: o.start).resolved if earlier else None


def _role_site(role: str, gaz: Gazetteer, city: Candidate, mentions, pos: int) -> Candidate:
    if role == "main_square":
        # "the square" after a named square means that square.
        named = [m for m in mentions if m.start < pos and m.resolved is not None
                 and m.resolved.kind == "landmark" and re.search(r"square|plaza|maidan", m.text, re.I)]
        if named:
            return max(named, key=lambda m: m.start).resolved
    site = gaz.main_airport(city) if role == "airport" else gaz.landmark_with_role(city, role)
    if site is not None:
        return site
    label = _ROLE_LABELS.get(role, role.replace("_", " "))
    return Candidate(name=f"{city.name} {label}", kind="airport" if role == "airport" else "landmark",
                     lat=city.lat, lon=city.lon, country_code=city.country_code, source="focus-city",
                     source_id=f"{role}:{entry_key(city)}", precision="city", uncertainty_m=city.uncertainty_m,
                     city_id=entry_key(city))


# -- online refinement -----------------------------------------------------------------------------

def _refine_online(mentions, online, focus_city, focus_country) -> list[str]:
    """Ask the online geocoder only about sites the gazetteer could place no better than their city."""
    warnings = []
    for m in mentions:
        c = m.resolved
        if c is None or c.source != "context-city":
            continue
        city = next((o.resolved for o in mentions if o.resolved is not None and entry_key(o.resolved) == c.city_id),
                    focus_city)
        query = ", ".join(x for x in (m.text, city.name if city else "",
                                      focus_country.name if focus_country else "") if x)
        try:
            found = online.lookup(query, country_codes=[c.country_code.lower()] if c.country_code else None)
        except Exception as exc:  # noqa: BLE001 - any backend failure falls back to the offline answer
            warnings.append(f"Online geocoder failed for '{m.text}' ({type(exc).__name__}); kept the offline answer.")
            m.resolved = replace(c, source=f"context-city (online failed: {type(exc).__name__})")
            continue
        near = [f for f in found if haversine_m(f.lat, f.lon, c.lat, c.lon) <= max(c.uncertainty_m, 5000)]
        if near:
            best = max(near, key=lambda f: f.score)
            m.resolved = replace(best, name=m.text if best.kind in ("landmark", "district") else best.name,
                                 city_id=c.city_id)
            m.scored = [replace(f, score=f.score) for f in found[:5]]
        else:
            warnings.append(f"'{m.text}' stayed at city precision: the online geocoder found no match near "
                            f"{city.name if city else 'the focus city'}.")
    return warnings


# -- grouping into places --------------------------------------------------------------------------

def _group(mentions: list[_Mention], gaz: Gazetteer) -> tuple[list[Place], list[tuple[int, int, str]]]:
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
            if c.source in ("focus-city", "context-city"):
                note = "site not in the gazetteer: placed at its city, with city precision"
            place = places[key] = _place_from(c, m.scored, confidence=conf, note=note)
            order.append(key)
        place.mentions.append(Mention(m.text, m.start, m.end))
        place.confidence = max(place.confidence, _confidence(m))
        mention_places.append((m.start, m.end, key))
    return [places[k] for k in order], mention_places


def _confidence(m: _Mention) -> float:
    if m.kind_hint == "generic":
        return 0.7 if m.resolved.precision == "city" else 0.75
    if m.resolved.source == "context-city":
        return 0.5
    margin = max(0.0, m.margin)
    return round(min(0.99, 0.5 + 0.5 * (1 - math.exp(-margin))), 3)


def _place_from(c: Candidate, scored: list[Candidate], *, confidence: float, note: str) -> Place:
    return Place(
        key=entry_key(c), name=c.name, kind=c.kind, precision=c.precision, lat=c.lat, lon=c.lon,
        uncertainty_m=c.uncertainty_m, country_code=c.country_code, source=c.source, source_id=c.source_id,
        confidence=confidence, candidates=list(scored), population=c.population, city_id=c.city_id, note=note)


def _sentence_lookup(sents: list[Span]):
    starts = [s.start for s in sents]

    def sent_of(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        return i if i > 0 else 0

    return sent_of
