"""Places the gazetteer lacks that the text names as places: "the village of Mayimoya", "Depayin township",
"Oe Htein Kwin, a village in the Sagaing region", "Ituri province", "Belkuchi upazila", "residents of Ithamare",
"the Olposimoru area of Narok", "near Budalin, north of Monywa"; and the sites the gazetteer lacks that lie in them.

The words around a name say it is a settlement or an area; where it lies comes from its context: the place
the text names as holding it ("a village in the Sagaing region", "Kataruk Village, Katilu Division"), or the
town it is near ("near Budalin, north of Monywa", "Dago, 25 km north of Kisumu"), else the sentence's nearest
town with a radius that reaches across its first-level region, else the article's country (not its focus city,
which may be only where the reporter files from). The name is located there with that area's radius and at
most a region's precision (never a town's point as if it were the place's; an area the text puts inside a town,
"the Babupara area of Nilphamari town", takes that town's own radius), so that an incident there is told at the
place the text names, and the analyst sees that the map could place it only roughly (its ``note``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from . import patterns as rx
from .gazetteer import Gazetteer, normalize
from .geo import destination, haversine_m
from .mentions import _FACILITY_WORD, RawMention, country_demonyms
from .models import Candidate, Kind, Precision, Source, entry_key
from .peoples import peoples
from .segment import Span, SpanIndex, sentence_index


@dataclass(frozen=True, slots=True)
class UnlistedRules:
    """How far an unlisted place may lie from the place its context ties it to."""

    # "X, a village near Baragoi", "Waso Village, Baragoi": in the town's wider area, not within its own
    # radius (the same slack as a place named in a town's bracket: locate's qualifier_area_m).
    town_area_m: float = 50_000
    # "near Budalin, north of Monywa": a reference town with no distance given.
    near_m: float = 50_000
    # Characters after a name searched for the place that holds it ("… a village in the north-western ").
    container_reach: int = 60
    # "Dago, 25 km north of Kisumu": a compass point leaves the bearing known within ±22.5°, so the point
    # may lie this share of the distance sideways; and distances are told roughly (by road): this much more.
    bearing_share: float = 0.4
    slack_m: float = 5_000
    # "the Zorapurkha area of Nairobi": a city this big holds the areas said to be its own (as units.tsv.gz's
    # wards within such a city are its districts); "the Olposimoru area of Narok" may be the county named
    # like a small town, unless the text calls it a town ("… of Nilphamari town").
    city_holds_areas_population: int = 100_000


UNLISTED_RULES: Final = UnlistedRules()

# Nouns that make the capitalised words before them ("Depayin township"), or after "of" ("the village of
# Mayimoya"), a place: settlements, and areas (the second group).
_SETTLEMENT_NOUNS: Final = ("village", "town", "hamlet", "settlement", "locality", "township", "commune")
_AREA_NOUNS: Final = ("province", "region", "district", "territory", "governorate", "prefecture", "county", "state",
                      # second- and third-level units as news names them ("Belkuchi upazila", "Kwanza constituency")
                      "upazila", "sub-district", "subdistrict", "tehsil", "taluka", "municipality", "constituency",
                      "sub-county", "division", "ward")
# (Speed: the nouns are found with str.find, a tenth of the time of one case-blind pattern over the text.)
# Capitalised only where a name's own word is never capitalised otherwise ("Kataruk Village"); "Town", "State",
# "Province" capitalised are words of names ("Cape Town", "Islamic State").
# "the Olposimoru area of Narok", "in Malopara area": a local area's name, after a preposition or an article as
# an area's (a name only: "the area of X" and "X, an area" say nothing more than any sentence does).
_LOCAL_AREA: Final = "area"
_AREA_HOLDER_AFTER: Final = rx.compile(r"(?:\s*,\s*(?:(?:of|in)\s+)?|\s+(?:of|in)\s+|\s*\(\s*)(?:the\s+)?[A-Z]")
_NOUN_WORDS: Final = (*_SETTLEMENT_NOUNS, *_AREA_NOUNS, _LOCAL_AREA, "Village", "Township", "Hamlet")
# Before an area's name: a preposition, an article or a comma ("in Ituri province", "the Djugu territory"), not a
# word that makes it an adjective ("two Republican state lawmakers").
_AREA_NAME_OPENER: Final = rx.compile(r"(?:\b(?:in|of|at|from|to|near|across|throughout|the|with|into|outside|inside"
                                      r"|around|"
                                      r"and|within|entire|whole)|,)\s+$")
_NAME: Final = r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2}"
_NAME_RE: Final = rx.compile(_NAME)
# People named by where they live: "residents of Ithamare", "villagers from Kamuthanga" (the name is a place).
_RESIDENTS_OF: Final = ("residents of ", "residents from ", "villagers of ", "villagers from ", "inhabitants of ",
                        "Residents of ", "Residents from ", "Villagers of ", "Villagers from ", "Inhabitants of ")
_NAME_BEFORE: Final = rx.compile(r"(" + _NAME + r")\s+$")
_NAME_AFTER_OF: Final = rx.compile(r"\s+of\s+(" + _NAME + r")")
# "Oe Htein Kwin, a village in …", "Mayimoya, a small farming village": the name before the apposition
_APPOSITION_BEFORE: Final = rx.compile(r"(" + _NAME + r"),\s+(?:a|an)\s+(?:[a-z][a-z\-]*\s+){0,3}$")
# "near Budalin, north of Monywa", "outside Eringeti, 20 km north of Beni": a name by a reference town
_NEAR_RE: Final = rx.compile(
    r"(?:near|outside)\s+(" + _NAME + r")(?:,\s+(?=(?:(?:about|some|around|roughly)\s+)?(?:[\d.,]+\s*"
    r"(?:km|kilometres|kilometers|miles)\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+[A-Z])"
    r"|(?=\s*[,.;:]|\s+(?:on|in|at|and|where|after|before|when|late|early|last|this|overnight)\b))")
# Words a capitalised run may open with that are no part of a name ("In Muruka village", "The town of").
_LEADING: Final = frozenset("in at on the a an from near outside to of by and but when while"
                            " after before during inside "
                            "around across into for with as".split())
_TIME_WORDS: Final = frozenset("monday tuesday wednesday thursday friday saturday sunday janu"
                               "ary february march april may "
                               "june july august september october november december".split())
# After the name (and its noun or apposition): how the text ties it to a place it names. Group 1: the
# relation word; 2: a distance, 3: its unit; 4: a compass point it lies at from the place.
_COMPASS: Final = r"(?:north|south|east|west)(?:-?(?:east|west))?"
_TIE_RE: Final = rx.compile(
    r"(?:\s+(?i:" + "|".join(_SETTLEMENT_NOUNS + _AREA_NOUNS + (_LOCAL_AREA,)) + r"))?"
    r"(?:\s*,\s*(?:(?:a|an)\s+(?:[a-z][a-z\-]*\s+){0,3}?(?:" + "|".join(_SETTLEMENT_NOUNS) + r")\s+)?|\s*[(\[]\s*|\s+)"
    r"(?:(in|near|outside|of|at|within)\s+)?"
    r"(?:(?:(?:about|some|around|roughly|approximately)\s+)?([\d.]+)\s*(km|kilometres|kilometers|miles)\s+)?"
    r"(?:(" + _COMPASS + r")\s+of\s+)?(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|far|remote|neighbouring|neighboring)\s+)?")
# A place followed by these is one of a list ("the towns of Kotulo, Banisa and Takaba"), not what holds the name.
_LIST_AFTER: Final = rx.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")
_BEARINGS: Final = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0, "southwest": 225.0,
                    "west": 270.0, "northwest": 315.0}
_MILE_M: Final = 1609.344


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """Words that say who, not where, before a settlement noun ("a Pokot village", "Kenyan towns")."""
    return frozenset(peoples()) | frozenset(d.casefold() for d in country_demonyms())


def _site_like(name: str, gaz: Gazetteer) -> bool:
    """A site's name, sites.py's to place: it ends in a site's word ("Parliament Buildings", "Olive Garden
    Restaurant") or is a phrase of the generic references ("Parliament", "State House")."""
    last = name.rsplit(None, 1)[-1]
    if _FACILITY_WORD.fullmatch(last) or _FACILITY_WORD.fullmatch(last[:-1]):
        return True
    phrases = getattr(gaz, "_unlisted_site_phrases", None)
    if phrases is None:
        phrases = frozenset(normalize(p) for p, _t, _r in gaz.generic)
        setattr(gaz, "_unlisted_site_phrases", phrases)  # (once per gazetteer: it is immutable)
    return normalize(name) in phrases


def _clean_name(text: str, start: int, end: int, gaz: Gazetteer, sentence_start: int) -> tuple[int, int] | None:
    """The name's span without words that open a clause ("In Muruka"), or None when the words are no name
    the gazetteer lacks: a known name (the name scan decides those), a people's, a common word, a date, a
    possessive ("Obama's town hall"), a word capitalised only because it opens the sentence ("School districts")."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    stripped = False
    while words and text[words[0][0]:words[0][1]].casefold() in _LEADING:
        words.pop(0)
        stripped = True
    if not words:
        return None
    if not stripped and len(words) == 1 and not text[sentence_start:words[0][0]].strip(" \"'“‘([-—"):
        return None
    if text[words[-1][1] - 2:words[-1][1]] in ("'s", "’s"):
        return None
    start, end = words[0][0], words[-1][1]
    name = text[start:end]
    key = normalize(name)
    if not key or gaz.lookup(key) or _site_like(name, gaz):
        return None
    not_names = _not_names()
    for a, b in words:
        word = text[a:b].casefold()
        for w in (word, *word.split("-")):  # ... "Degodia-dominated town": a people's
            if w in not_names or w in gaz.common_words or w in _TIME_WORDS or w in _LEADING:
                return None
        if b - a > 1 and text[a:b].isupper():
            return None  # an acronym: an organisation's ("ADF camp"), not a village's
    return start, end


def _town_only(name: str, gaz: Gazetteer) -> bool:
    """Whether the gazetteer knows ``name`` as towns only (no region or country of that name)."""
    found = gaz.lookup(normalize(name))
    return bool(found) and all(c.kind == Kind.CITY for c in found)


def _noun_hits(text: str) -> list[tuple[int, str]]:
    """Where the nouns of _NOUN_WORDS stand as words (or with a plural "s"), in text order."""
    hits = []
    n = len(text)
    for noun in _NOUN_WORDS:
        at = text.find(noun)
        while at != -1:
            end = at + len(noun)
            if end < n and text[end] == "s":
                end += 1
            if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "'’-")) and (
                    end == n or not (text[end].isalnum() or text[end] == "_")):
                hits.append((at, noun))
            at = text.find(noun, at + 1)
    hits.sort()
    return hits


# "the Rugu forest", "Boni Forest in Lamu": a named forest the gazetteer lacks (its first word may be a town's
# name elsewhere: "Boni", "Mau"); not "Kenya Forest Service" (an organisation's name goes on), nor "Burnt Forest"
# (a town the gazetteer knows by the whole name).
_FOREST_AFTER_ORG: Final = rx.compile(r"\s+[A-Z]")
_THE_FOREST: Final = rx.compile(r"\bthe\s+forest\b(?!s)")


def _forests(text: str, gaz: Gazetteer, taken: list[RawMention], occupied: SpanIndex,
             sent_of) -> list[RawMention]:
    """Named forests the gazetteer lacks, as "unlisted-feature" mentions (``role``: the forest's name), and
    the text's later "the forest" when it names one forest only. Name mentions inside them are dropped from
    ``taken`` (in place)."""
    out: list[RawMention] = []
    n = len(text)
    for noun in ("forest", "Forest"):
        at = text.find(noun)
        while at != -1:
            end = at + 6
            if (end == n or not text[end].isalnum()) and (at == 0 or text[at - 1] == " ") and \
                    not _FOREST_AFTER_ORG.match(text, end):
                before = _NAME_BEFORE.search(text, max(0, at - 40), at)
                if before is not None:
                    start = before.start(1)
                    while text[start:].split(" ", 1)[0].casefold() in _LEADING and start < at:
                        start = text.index(" ", start) + 1
                        while text[start] == " ":
                            start += 1
                    for poss in ("'s ", "’s "):  # "Virginia's Jefferson National Forest": the owner is no part
                        k = text.rfind(poss, start, at)
                        if k != -1:
                            start = k + 3
                    name = text[start:at].strip()
                    if name and name[0].isupper() and not gaz.lookup(normalize(f"{name} forest")) \
                            and not any(w.casefold() in _TIME_WORDS for w in name.split()):
                        inside = [t for t in taken if start <= t.start and t.end <= end]
                        if len(inside) == len([t for t in taken if t.start < end and start < t.end]):
                            for t in inside:
                                occupied.remove(t.start, t.end)
                            taken[:] = [t for t in taken if not (start <= t.start and t.end <= end)]
                            if not occupied.overlaps(start, end):
                                out.append(RawMention(start, end, text[start:end], [], sent_of(start),
                                                      kind_hint="unlisted-feature", role=f"{name} Forest",
                                                      inner=inside))
                                occupied.add(start, end)
            at = text.find(noun, at + 1)
    if len({o.role for o in out}) == 1:
        first = min(o.start for o in out)
        for m in _THE_FOREST.finditer(text, first):
            if not occupied.overlaps(m.start(), m.end()):
                out.append(RawMention(m.start(), m.end(), m.group(0), [], sent_of(m.start()),
                                      kind_hint="unlisted-feature", role=out[0].role))
                occupied.add(m.start(), m.end())
    return out


def scan_unlisted(text: str, gaz: Gazetteer, sents: list[Span], *, taken: list[RawMention]) -> list[RawMention]:
    """Names the text calls a place that the gazetteer does not list, and the text's other mentions of them.
    Each is a RawMention with ``kind_hint`` "unlisted" ("unlisted-area" for a province, district…,
    "unlisted-feature" for a forest), unresolved until :func:`place_unlisted`. Name mentions inside a forest's
    name are dropped from ``taken`` (in place)."""
    occupied = SpanIndex((m.start, m.end) for m in taken)
    sent_of = sentence_index(sents)
    found: dict[str, str] = {}  # normalised name -> kind_hint
    out: list[RawMention] = []

    def add(start: int, end: int, area: bool) -> None:
        span = _clean_name(text, start, end, gaz, sents[sent_of(start)].start if sents else 0)
        if span is None or occupied.overlaps(*span):
            return
        s, e = span
        out.append(RawMention(s, e, text[s:e], [], sent_of(s), kind_hint="unlisted-area" if area else "unlisted"))
        occupied.add(s, e)
        found.setdefault(normalize(text[s:e]), out[-1].kind_hint)

    for at, noun in _noun_hits(text):
        area = noun.casefold() in _AREA_NOUNS
        end = at + len(noun)
        plural = end < len(text) and text[end] == "s"
        if plural:
            end += 1
        if noun == _LOCAL_AREA:
            # only with the place that holds it: "the Farmgate area" alone says no more than its sentence's town
            before = None if plural or not _AREA_HOLDER_AFTER.match(text, end) else _NAME_BEFORE.search(
                text, max(0, at - 40), at)
            if before is not None and _AREA_NAME_OPENER.search(text, max(0, before.start(1) - 12), before.start(1)):
                add(before.start(1), before.end(1), False)
            continue
        before = None if plural else _NAME_BEFORE.search(text, max(0, at - 40), at)
        after = _NAME_AFTER_OF.match(text, end)
        if after is not None and noun.islower() and (
                before is None or not _town_only(text[after.start(1):after.end(1)], gaz)):
            # "the village of Mayimoya", "the province of Ituri", "the Amazon province of Orellana"; not "the
            # Kimbutoro sub-district of Sirajganj", a town's: the unit is the name before it (below)
            add(after.start(1), after.end(1), area)
            continue
        if plural:
            continue  # "Six villages", "Shiite villages", "Other states": who or how many, not a name
        if before is not None and (not area or _AREA_NAME_OPENER.search(
                text, max(0, before.start(1) - 12), before.start(1))):
            add(before.start(1), before.end(1), area)  # "Depayin township", "Kataruk Village", "in Ituri province"
            continue
        if not area and noun.islower():
            appo = _APPOSITION_BEFORE.search(text, max(0, at - 80), at)
            if appo is not None:
                add(appo.start(1), appo.end(1), False)  # "Oe Htein Kwin, a village in …"
    for word in _RESIDENTS_OF:
        at = text.find(word)
        while at != -1:
            named = _NAME_RE.match(text, at + len(word)) if at == 0 or not text[at - 1].isalnum() else None
            if named is not None:
                add(named.start(), named.end(), False)  # "residents of Ithamare held a demonstration"
            at = text.find(word, at + 1)
    for word in ("near ", "outside "):
        at = text.find(word)
        while at != -1:
            if at == 0 or not text[at - 1].isalnum():
                near = _NEAR_RE.match(text, at)
                if near is not None:
                    add(near.start(1), near.end(1), False)
            at = text.find(word, at + 1)
    out += _forests(text, gaz, taken, occupied, sent_of)
    if not found:
        out.sort(key=lambda o: o.start)
        return out
    # The text's other mentions of those names ("… Mayimoya, where …"): the same place.
    surfaces = sorted({o.text for o in out}, key=len, reverse=True)
    others = rx.compile(r"(?<![\w'’\-])(?:" + "|".join(map(re.escape, surfaces)) + r")(?![\w'’\-])")
    for m in others.finditer(text):
        if not occupied.overlaps(m.start(), m.end()):
            hint = found[normalize(m.group(0))]
            out.append(RawMention(m.start(), m.end(), m.group(0), [], sent_of(m.start()), kind_hint=hint))
            occupied.add(m.start(), m.end())
    out.sort(key=lambda o: o.start)
    return out


def place_unlisted(mentions: list[RawMention], gaz: Gazetteer, text: str, sents: list[Span],
                   focus_city: Candidate | None, focus_country: Candidate | None) -> None:
    """Resolve the "unlisted" mentions in place (``resolved``): each name at the area its context names (see
    the module docstring). A name with no context at all stays unresolved."""
    unlisted = [m for m in mentions if m.kind_hint.startswith("unlisted")]
    if not unlisted:
        return
    known = sorted((m for m in mentions if m.resolved is not None and not m.kind_hint.startswith("unlisted")),
                   key=lambda m: m.start)
    starts = {m.start: m for m in known}
    # normalised name -> its area: what a mention's words tie it to beats the area of a sentence's town, which
    # beats the country; of the same sort, the smallest
    best: dict[str, tuple[int, float, Candidate]] = {}
    in_town: set[str] = set()  # names said to be a part of a town ("the Babupara area of Nilphamari town")
    for m in unlisted:
        town = _part_of_town(m.end, text, starts)
        if town is not None:
            in_town.add(normalize(m.role or m.text))
        where = town or _tied_place(m, text, starts, gaz) or _named_after(m, focus_country, gaz)
        tier = 0
        if where is None:
            where, tier = _sentence_area(m, known, sents, gaz), 1
        if where is None:
            where, tier = _focus_area(focus_city, focus_country, gaz), 2
        if where is None:
            continue
        key = normalize(m.role or m.text)
        rank = (tier, where.uncertainty_m, where)
        if key not in best or rank[:2] < best[key][:2]:
            best[key] = rank
    for m in unlisted:
        found = best.get(normalize(m.role or m.text))
        if found is None:
            continue
        key = normalize(m.role or m.text)
        if key in in_town and found[2].kind == Kind.CITY and found[2].precision == Precision.CITY:
            # somewhere in that town, as sites.py places a site the gazetteer lacks: the town's point and radius
            m.resolved = _at(m.role or m.text, found[2], kind=Kind.DISTRICT, precision=Precision.CITY)
        else:
            m.resolved = _at(m.role or m.text, found[2], kind=_KINDS[m.kind_hint])
        m.scored = [m.resolved]


# Between a site and the unit the text puts it in: "Belkuchi police station, Belkuchi upazila", "Hatikumrul
# police station in Ullahpara upazila", "Banpara market, Baraigram upazila".
_SITE_IN_UNIT: Final = rx.compile(r"\s*,\s*|\s+(?:in|at|of|under)\s+(?:the\s+)?")


def place_sites_in_unlisted(mentions: list[RawMention], text: str, gaz: Gazetteer | None = None) -> None:
    """A site the gazetteer lacks, placed at a town of its context (sites.py), that the text puts in a unit or
    village it names ("Banpara market, Baraigram upazila (Natore)": an unlisted one, or a unit of units.tsv.gz),
    or whose name opens with one ("Shailkupa police station" beside "Shailkupa upazila"; with ``gaz``, a unit of
    the context town's region the text does not name otherwise: "Trishal Upazila Health Complex (Mymensingh)"):
    it lies in that unit's area, somewhere in the district, not within the town's radius (in place)."""
    units = [m for m in mentions if m.resolved is not None and not m.role and (
        m.kind_hint.startswith("unlisted") or (m.resolved.source == Source.UNITS and m.resolved.kind == Kind.REGION))]
    if not units and gaz is None:
        return
    areas = {normalize(m.text): m.resolved for m in units}
    at = {m.start: m for m in units}
    for m in mentions:
        c = m.resolved
        if m.kind_hint != "facility" or c is None or c.source != Source.CONTEXT_CITY or m.inner_cities \
                or any(t.resolved is not None and t.resolved.kind == Kind.CITY for t in m.inner):
            continue  # (a site named after a town it is placed by, "Rajshahi University", stays there)
        gap = _SITE_IN_UNIT.match(text, m.end, min(len(text), m.end + 12))
        unit = at.get(gap.end()) if gap is not None else None
        area = unit.resolved if unit is not None else None
        if area is None:
            inner = next((t.resolved for t in m.inner if t.resolved is not None and t.start == m.start), None)
            if inner is not None and inner.source == Source.UNITS and inner.kind == Kind.REGION:
                area = inner  # "Trishal Upazila Health Complex": in the upazila its name opens with
        words = m.text.split()
        if area is None:
            area = next((areas[k] for n in range(min(3, len(words) - 1), 0, -1)
                         if (k := normalize(" ".join(words[:n]))) in areas), None)
        town = gaz.get(c.city_id) if area is None and gaz is not None and c.city_id else None
        if gaz is not None and town is not None and town.admin1:
            # "Trishal Upazila Health Complex (Mymensingh)": named after a unit of the context town's region
            area = next((u for n in range(min(3, len(words) - 1), 0, -1)
                         for u in gaz.lookup(normalize(" ".join(words[:n])))
                         if u.source == Source.UNITS and u.kind == Kind.REGION and u.country_code == c.country_code
                         and u.admin1 == town.admin1), None)
        if area is None or area.country_code != c.country_code or area.uncertainty_m <= c.uncertainty_m \
                or area.precision != Precision.REGION:
            continue  # (placed no better than the country, the unit says less than the town does)
        m.resolved = Candidate(name=c.name, kind=c.kind, lat=area.lat, lon=area.lon, country_code=area.country_code,
                               source=Source.CONTEXT_AREA,
                               source_id=f"unlisted-site:{area.source_id}:{normalize(c.name)}",
                               precision=area.precision, uncertainty_m=area.uncertainty_m, admin1=area.admin1,
                               city_id=area.city_id)
        m.scored = [m.resolved]


def place_units_in_towns(mentions: list[RawMention], text: str) -> None:
    """A name read as a unit far away that the text puts inside a town ("Bijoynagar area, Dhaka city": a quarter
    of Dhaka, not the upazila of that name 90 km off; see _part_of_town): somewhere in that town, with the town's
    radius, as an area of it the gazetteer lacks (in place)."""
    starts = {m.start: m for m in mentions if m.resolved is not None and not m.kind_hint.startswith("unlisted")}
    for m in mentions:
        c = m.resolved
        if c is None or c.source != Source.UNITS or c.kind != Kind.REGION:
            continue
        # (its own "area", or the one that ends the list it opens: "Gabtali, Agargaon, and Sayedabad areas of Dhaka")
        rest = _AREA_LIST_REST.match(text, m.end, min(len(text), m.end + 200))
        town = _part_of_town(m.end if rest is None else rest.end(), text, starts)
        if town is not None and haversine_m(c.lat, c.lon, town.lat, town.lon) > c.uncertainty_m + town.uncertainty_m:
            m.resolved = _at(m.text, town, kind=Kind.DISTRICT, precision=Precision.CITY)
            m.scored = [m.resolved]


# "the Babupara area of Nilphamari town", "Bara Bazar area, of Meherpur city": an area the text puts inside a
# town, which it names a town or a city (a bare "the Olposimoru area of Narok" may be the county's).
_AREA_OF: Final = rx.compile(r"\s+areas?(?:\s*,\s*(?:(?:of|in)\s+)?|\s+(?:of|in)\s+|\s*\(\s*)(?:the\s+)?")
# The rest of a list of areas after its first name: "in Gabtali, Agargaon, and Sayedabad areas of Dhaka city".
_AREA_LIST_REST: Final = rx.compile(r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)" + _NAME + r")*")
_TOWN_WORD_AFTER: Final = rx.compile(r"\s+(?i:town|city)\b")


def _part_of_town(end: int, text: str, starts: dict[int, RawMention]) -> Candidate | None:
    """The town an area's name ending at ``end`` is said to be a part of (see _AREA_OF), None if it is not so
    said."""
    tie = _AREA_OF.match(text, end, min(len(text), end + UNLISTED_RULES.container_reach))
    if tie is None:
        return None
    holder = starts.get(tie.end())
    if holder is None:
        return None
    town = holder.resolved
    # (a bracket names units as often as towns, "Baipail area (Savar, Dhaka)": a town only if it says so)
    if town is None or town.kind != Kind.CITY or (
            (town.population < UNLISTED_RULES.city_holds_areas_population or "(" in tie.group())
            and _TOWN_WORD_AFTER.match(text, holder.end) is None):
        return None
    return town


def _named_after(m: RawMention, focus_country: Candidate | None, gaz: Gazetteer) -> Candidate | None:
    """"Dzombo Forest": a forest named after a town or unit of the article's country lies in its wider area."""
    for t in m.inner:
        c = t.resolved
        if c is None or c.kind == Kind.COUNTRY or (focus_country is not None
                                                   and c.country_code != focus_country.country_code):
            continue
        return _town_area(c, gaz) if c.kind == Kind.CITY else _widened(c, UNLISTED_RULES.town_area_m)
    return None


_KINDS: Final = {"unlisted": Kind.CITY, "unlisted-area": Kind.REGION, "unlisted-feature": Kind.LANDMARK}


def _tied_place(m: RawMention, text: str, starts: dict[int, RawMention], gaz: Gazetteer) -> Candidate | None:
    """The place the words right after the name tie it to: "… village in the Sagaing region", "…, Katilu
    Division", "(Turkana)", "near Budalin, north of Monywa", "Dago, 25 km north of Kisumu"; a town as its
    wider area."""
    rules = UNLISTED_RULES
    tie = _TIE_RE.match(text, m.end, min(len(text), m.end + rules.container_reach))
    if tie is None:
        return None
    holder = starts.get(tie.end())
    if holder is None or holder.resolved is None:
        return None
    if text[holder.end:holder.end + 3] in ("'s ", "’s "):
        inner = starts.get(holder.end + 3)  # "in Kenya's Marsabit County": the place the possessive qualifies
        if inner is not None and inner.resolved is not None:
            holder = inner
    c = holder.resolved
    if c is None:
        return None
    if "," in text[m.end:tie.end()] and not tie.group(2) and not tie.group(4):
        after = _LIST_AFTER.match(text, holder.end)
        if after is not None and after.end() in starts:
            return None  # one of a list of peers ("the towns of Kotulo, Banisa and Takaba")
    relation = (tie.group(1) or "").casefold()
    if tie.group(2):
        try:
            distance = float(tie.group(2).rstrip(".")) * (_MILE_M if tie.group(3) == "miles" else 1000.0)
        except ValueError:
            return None
        return _offset(c, distance, tie.group(4) or "")
    if tie.group(4):
        return _widened(c, rules.near_m)  # "north of Monywa": no distance given
    if c.kind == Kind.COUNTRY or c.kind == Kind.REGION:
        return c if relation != "near" and relation != "outside" else _widened(c, rules.near_m)
    if c.kind == Kind.CITY or c.kind == Kind.DISTRICT:
        return _town_area(c, gaz)
    return None


def _town_area(c: Candidate, gaz: Gazetteer) -> Candidate:
    """A village in a town's area: at the town, within its wider area (or the whole county it names)."""
    return _widened(c, max(UNLISTED_RULES.town_area_m, unit_reach(c, gaz) - c.uncertainty_m))


def _offset(c: Candidate, distance_m: float, compass: str) -> Candidate:
    """``distance_m`` from ``c`` towards ``compass`` (any way, with none): the point there, within the distance's
    share a compass point leaves unknown (±22.5°: 0.4 of it sideways) and the town's own radius."""
    bearing = _BEARINGS.get(compass.replace("-", ""))
    if bearing is None:
        return _widened(c, distance_m + UNLISTED_RULES.slack_m)
    lat, lon = destination(c.lat, c.lon, bearing, distance_m)
    return Candidate(name=c.name, kind=c.kind, lat=lat, lon=lon, country_code=c.country_code, source=c.source,
                     source_id=c.source_id, precision=c.precision,
                     uncertainty_m=c.uncertainty_m + UNLISTED_RULES.bearing_share * distance_m + UNLISTED_RULES.slack_m,
                     admin1=c.admin1)


def _sentence_area(m: RawMention, known: list[RawMention], sents: list[Span], gaz: Gazetteer) -> Candidate | None:
    """Nothing ties the name to a place: the nearest town (or region) the sentence names, else the paragraph
    before it, with a radius that holds its first-level region (a village named beside a town is most often
    near it, but may be anywhere in its region)."""
    sent = sents[m.sentence] if m.sentence < len(sents) else None
    if sent is None:
        return None
    here = [o for o in known if sent.start <= o.start < sent.end and _a_town_or_region(o)]
    if not here:
        # "... raided villages in Lamu. [...] disappearing into Boni forest": the paragraph's latest place
        here = [o for o in known if o.start < sent.start and o.sentence < len(sents)
                and sents[o.sentence].paragraph == sent.paragraph and _a_town_or_region(o)][-1:]
    if not here:
        return None
    nearest = min(here, key=lambda o: abs(o.start - m.start)).resolved
    return _region_reach(nearest, gaz) if nearest is not None else None


def _a_town_or_region(o: RawMention) -> bool:
    c = o.resolved
    return c is not None and c.kind != Kind.COUNTRY and bool(c.country_code) and o.kind_hint != "dateline"


def _focus_area(focus_city: Candidate | None, focus_country: Candidate | None, gaz: Gazetteer) -> Candidate | None:
    """The sentence names no place: the article's country (its focus city may be only where the reporter is:
    "BEIJING (Xinhua) — The landslide hit the village of Xinmo")."""
    if focus_country is not None or focus_city is None:
        return focus_country
    return gaz.countries.get(focus_city.country_code)


def _region_reach(c: Candidate, gaz: Gazetteer) -> Candidate | None:
    """A town's (or site's) point with a radius that reaches across its first-level region; a region itself;
    a town the gazetteer knows no region for: its country."""
    if c.kind == Kind.REGION:
        return c
    region = gaz.get(f"geonames-admin1:{c.country_code}.{c.admin1}") if c.admin1 else None
    if region is not None:  # (its code says the town is in it, even where its radius falls short of the town)
        reach = haversine_m(region.lat, region.lon, c.lat, c.lon) + region.uncertainty_m
        return _widened(c, max(reach, c.uncertainty_m + UNLISTED_RULES.town_area_m) - c.uncertainty_m)
    return gaz.countries.get(c.country_code) if c.country_code else None


def _widened(c: Candidate, by_m: float) -> Candidate:
    """``c`` with a radius ``by_m`` wider, as a region (its point no longer the place's own)."""
    precision = Precision.COUNTRY if c.precision == Precision.COUNTRY else Precision.REGION
    return Candidate(name=c.name, kind=c.kind, lat=c.lat, lon=c.lon, country_code=c.country_code, source=c.source,
                     source_id=c.source_id, precision=precision, uncertainty_m=c.uncertainty_m + by_m,
                     admin1=c.admin1)


def unit_reach(town: Candidate, gaz: Gazetteer) -> float:
    """How far from ``town``'s point reaches the first-level unit of its name that holds it (a county named
    after its seat town: Kilifi, Lamu, Marsabit), 0 when there is none."""
    # (a region the gazetteer knows no GeoNames code for holds the town if its radius reaches it: Kandahar)
    units = [r for r in gaz.lookup(f"{normalize(town.name)} region")
             if r.kind == Kind.REGION and r.country_code == town.country_code and (
                 r.admin1 == town.admin1 if r.admin1
                 else haversine_m(town.lat, town.lon, r.lat, r.lon) <= r.uncertainty_m)]
    return max((haversine_m(town.lat, town.lon, r.lat, r.lon) + r.uncertainty_m for r in units), default=0.0)


def _at(name: str, area: Candidate, *, kind: Kind, precision: Precision | None = None) -> Candidate:
    """The unlisted place ``name`` somewhere in ``area``: its point and radius, no finer than a region (unless
    ``precision`` says the area is a town it lies in)."""
    if precision is None:
        precision = Precision.COUNTRY if area.precision == Precision.COUNTRY else Precision.REGION
    return Candidate(name=name, kind=kind, lat=area.lat, lon=area.lon, country_code=area.country_code,
                     source=Source.CONTEXT_AREA, source_id=f"unlisted:{area.country_code}:{normalize(name)}",
                     precision=precision, uncertainty_m=area.uncertainty_m, admin1=area.admin1,
                     city_id=entry_key(area))
