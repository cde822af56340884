"""Choosing among a mention's candidates from the article's context, and the article's focus."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import replace

from .gazetteer import Gazetteer, entry_key, normalize
from .geo import haversine_m
from .mentions import RawMention
from .models import Candidate

_COMMON_SENTENCE_INITIAL_OK = 1_000_000  # a city this big may open a sentence even if its name is a common word
_KIND_PRIOR = {"country": 3.0, "region": 1.0, "airport": 1.6, "landmark": 1.6, "district": 1.0, "water": 1.5}
_ACCEPT = 1.5


def _prior(c: Candidate) -> float:
    if c.kind == "city":
        return 2.0 * math.log10(c.population + 10) / 7.0
    if c.curated:  # hand-curated entries name well-known places on purpose: they beat a same-named village
        return max(2.2, _KIND_PRIOR.get(c.kind, 1.0))
    return _KIND_PRIOR.get(c.kind, 1.0)


_APPOSITION_GAP = re.compile(r",\s*")


def disambiguate(mentions: list[RawMention], gaz: Gazetteer, text: str, dateline: Candidate | None) -> None:
    if dateline is not None:  # the dateline's own words are the dateline city
        key = entry_key(dateline)
        for m in mentions:
            if m.text.isupper() and any(entry_key(c) == key for c in m.candidates):
                m.candidates, m.weak, m.kind_hint = [dateline], False, "dateline"
    # "X, Y" appositions: Y contains X ("Victoria, British Columbia", "Córdoba, Argentina", "Tbilisi, Georgia").
    contained_by: dict[int, RawMention] = {}  # id(X) -> Y
    contains: dict[int, RawMention] = {}  # id(Y) -> X
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        if _APPOSITION_GAP.fullmatch(text, a.end, b.start):
            contained_by[id(a)], contains[id(b)] = b, a
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
        # Within a round a mention's outcome depends only on its name, candidates and flags: a long text
        # that repeats a name ("Almaty" fifty times) scores it once. Appositions have their own bonus.
        memo: dict[tuple, tuple] = {}
        for m in mentions:
            if not m.candidates or m.kind_hint == "facility":
                continue
            own = folded[id(m)]
            container, inner = contained_by.get(id(m)), contains.get(id(m))
            memo_key = None
            if container is None and inner is None:
                memo_key = (own, m.kind_hint, m.weak, tuple(map(id, m.candidates)))
                done = memo.get(memo_key)
                if done is not None:
                    m.scored, m.score, m.margin, m.resolved = done if round_no == rounds - 1 else (m.scored, *done[1:])
                    continue
            city_names = {(c.country_code, normalize(c.name)) for c in m.candidates if c.kind == "city"} \
                if len(m.candidates) > 1 else ()
            curated_here = {(c.country_code, "curated") for c in m.candidates if c.curated}
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
                if c.kind == "region" and city_names and (c.country_code, normalize(c.name)) in city_names \
                        and not c.curated:
                    s -= 1.5  # a bare "Khartoum" is the city, not the state
                if c.kind == "city" and (c.country_code, "curated") in curated_here:
                    s -= 1.5  # "Wales" is the nation, not the village of that name
                if c.kind == "city" and named_regions.get((c.country_code, c.admin1), {own}) - {own}:
                    s += 1.5  # "Victoria" in a story about British Columbia
                scored.append((s, c))
            if container is not None:  # containment bonus for appositions
                scored = [(s + (4.0 if _contained(c, container.candidates) else 0.0), c) for s, c in scored]
            if inner is not None:
                scored = [(s + (4.0 if _contains(c, inner.candidates) else 0.0), c) for s, c in scored]
            scored.sort(key=lambda sc: (-sc[0], -sc[1].population))
            best_s, best = scored[0]
            second = scored[1][0] if len(scored) > 1 else 0.0
            if round_no == rounds - 1:  # candidates shown to the user: only once, at the end
                m.scored = [replace(c, score=round(s, 3)) for s, c in scored[:5]]
            m.score, m.margin = best_s, best_s - second
            m.resolved = best if _acceptable(m, best, best_s, context, gaz) else None
            if memo_key is not None:
                memo[memo_key] = (m.scored, m.score, m.margin, m.resolved)
        context = Counter()
        if dateline is not None:
            context[dateline.country_code] += 3
        for m in mentions:
            if m.resolved is not None and not m.weak:
                context[m.resolved.country_code] += 2 if m.resolved.kind == "country" else 1


def _acceptable(m: RawMention, best: Candidate, score: float, context: Counter, gaz: Gazetteer) -> bool:
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


def _contained(c: Candidate, containers: list[Candidate]) -> bool:
    for k in containers:
        if k.kind == "country" and k.country_code == c.country_code and c.kind != "country":
            return True
        if k.kind == "region" and k.country_code == c.country_code and c.admin1 and k.admin1 == c.admin1:
            return True
    return False


def _contains(k: Candidate, inner: list[Candidate]) -> bool:
    return any(_contained(c, [k]) for c in inner)


# -- focus -----------------------------------------------------------------------------------------

def choose_focus(mentions, gaz: Gazetteer, dateline: Candidate | None):
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
