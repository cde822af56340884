"""Choosing among a mention's candidates from the article's context, and the article's focus."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Final, NamedTuple, cast

from . import patterns as rx
from .gazetteer import ABBREVIATED_FIRST_WORDS, Gazetteer, entry_key, normalize
from .geo import haversine_m
from .mentions import QUALIFIER_UNITS, RawMention, country_demonyms
from .models import Candidate, Kind
from .peoples import homelands as read_homelands

# Members compared in loops, bound once: reading Kind.CITY goes through the enum class (~60 ns),
# a module global costs a few.
_CITY, _REGION, _COUNTRY = Kind.CITY, Kind.REGION, Kind.COUNTRY
_M_PER_DEGREE_LAT: Final = 111_195.0  # a degree of latitude on the sphere haversine_m uses


@dataclass(frozen=True, slots=True)
class DisambiguationWeights:
    """Every number that decides between readings of a name, and which city an article is about."""

    # -- priors: what a name most likely means before any context --
    # A city's prior grows with its size: city_prior_scale * log10(population + 10) / city_prior_divisor.
    city_prior_scale: float = 2.0
    city_prior_divisor: float = 7.0
    # Other kinds by kind: a country name is nearly always the country; airports and landmarks are named on
    # purpose; a first-level region weighs like a city of some 300,000 (a town named after a state does not
    # outrank the state).
    kind_prior: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({
        Kind.COUNTRY: 3.0, Kind.REGION: 1.6, Kind.AIRPORT: 1.6, Kind.LANDMARK: 1.6, Kind.DISTRICT: 1.0,
        Kind.WATER: 1.5}))
    default_kind_prior: float = 1.0  # a kind kind_prior does not list
    # Hand-curated entries name well-known places on purpose: at least this, so they beat a same-named village.
    curated_prior: float = 2.2
    # A town whose prior is this far below the name's most prominent reading (a town of 10,000 against a
    # city of 1,000,000: 100 times smaller is 0.57) is obscure: country context alone does not choose it
    # ("London" in a US story is still London, England); local evidence does.
    obscure_gap: float = 0.5
    # Local evidence for an obscure reading: another place the text names, within this distance of it
    # ("Paris" beside Lamar County is Paris, Texas), or a region named that holds it, or the dateline.
    local_evidence_m: float = 100_000
    anchor_max_readings: int = 12  # a name with more readings than this vouches for nothing before it is chosen
    # Coherence: a reading that other names of the text can also be read near is likelier than one alone
    # (a local paper names its towns without their state: "Huntsville" beside "Walker County" is the Texas
    # one). Added to a city's or a county's score when another name has a not obscure reading within
    # local_evidence_m of it, and when another name has one in the same first-level region. Obscure
    # readings never give it (two obscure towns side by side are a coincidence, not evidence) and get it
    # only against a famous reading in a country the text is not about. Only readings in the country the
    # text is most about get it: a Nigerian story's "London" beside "Toronto" is not London, Ontario. A text
    # with no country evidence at all gives it to every reading that is not obscure ("Edmonton" beside
    # "Enfield" with nothing else: the two London districts).
    coherence_near: float = 0.6  # per other name read near it, for up to coherence_names names
    coherence_same_region: float = 0.5  # per other name read in its region, likewise
    coherence_names: int = 2
    coherence_near_max_radius_m: float = 200_000  # a reading wider than this is near nothing in particular
    # GeoNames lists many alternate names of poor quality ("Berea" for Aleppo, "Tehran" for Tīrān, "Rampura"
    # for Rangpur): a city named only by an alternate name loses this much when another reading bears the
    # name as its own.
    alternate_name_penalty: float = 0.5
    # ... and a city named only by an alternate name, smaller than this, needs other evidence for its country.
    alias_needs_context_population: int = 1_000_000
    # A name with more readings than this ("Washington") vouches for nothing, even for coherence.
    coherence_max_readings: int = 60
    # Names read side by side: another name in the same sentence as one of the name's mentions, or the next
    # one over, with a reading near this one (within local_evidence_m; a name of at most anchor_max_readings
    # readings, not obscure), adds this much per such name, for up to coherence_names names, whatever
    # country the text seems most about: "… in Edmonton. … Enfield" are two districts of north London, not
    # Alberta and Nova Scotia, and a country counted from those very readings must not hold them apart.
    # Obscure readings never gain it (two small towns side by side may be a coincidence).
    coherence_beside: float = 1.0
    beside_sentences: int = 1  # "side by side": at most this many sentences apart
    # A landmark or airport the gazetteer ties to one city, named beside the name (beside_sentences), says which
    # city it is: "Paris' iconic Champs-Elysees boulevard" is in France though the text is a Kentucky paper's
    # and names Paris, Kentucky's state; "Moscow's Red Square" is no Moscow, Idaho. As telling as a state named
    # right after the name, nearly: more than country context and a home state together.
    city_of_named_landmark: float = 3.0
    # A name the text also writes in full, as a run of the words of a longer name ("Petersburg" beside
    # "St. Petersburg", "Fort Wayne" beside "the Fort Wayne area"), is that place again, read as the full name
    # was, when it has that reading at all: a short form after the full one, as the text's own shorthand,
    # says more than prominence and context. "North Richmond" is no reading of "Richmond": no such bonus.
    reading_of_full_name: float = 3.0

    # The text's home region: names whose every reading lies in one first-level region (a state named
    # outright, a town of one reading by its own name, not an alternate one) vote for that region; names
    # with readings in several regions vote for none (they are what is being decided). A reading in a
    # region with votes gains, per vote for up to coherence_names votes:
    # - a second-level unit: same-named units ("Madison County" is in 20 states) weigh the same and their
    #   neighbourhoods overlap, so the region decides ("Madison County" beside "Kentucky").
    unit_in_home_region: float = 0.8
    # - a city, unless obscure: a lean that settles near-ties of prominence ("Dublin" beside Cuyahoga Falls
    #   is Dublin, Ohio, not Dublin, California) but not a famous city against a cluster elsewhere.
    city_in_home_region: float = 0.5

    # -- context: which countries the article is about, counted from unambiguous mentions --
    dateline_context: int = 3  # the dateline's country: where the reporter files from
    country_evidence: int = 2  # a country named outright
    place_evidence: int = 1  # any other place with a single country
    # A country named by its people ("Kenyan police", "two Kenyan teachers"): the story is likely there, like
    # one more place of that country (once per country, however often the word recurs).
    people_evidence: int = 1
    # A candidate in a country with context evidence w gains min(context_cap, context_base + context_per_evidence * w).
    context_base: float = 1.0
    context_per_evidence: float = 0.5
    context_cap: float = 2.5
    same_country_as_dateline: float = 0.5  # the story is mostly where the reporter is
    near_dateline: float = 0.5  # ... and near the dateline city (countries excepted)
    near_dateline_m: float = 300_000  # "near the dateline": within this distance of the dateline city
    rounds: int = 3  # re-score with the context of the previous round's choices this many times in all

    # -- names that are both a city and a region, or a curated place and a village --
    region_holding_named_city: float = 2.0  # "Georgia" in a story about Atlanta is the US state
    # Subtracted: a bare "Khartoum" is the city, not the state named after it (a city of the same name in
    # that same region; a village named California in Maryland says nothing about the state).
    bare_name_is_city: float = 1.5
    curated_beats_village: float = 1.5  # subtracted from the city: "Wales" is the nation, not the village
    # Subtracted from a town named like a first-level region of its own country, in another region and
    # weighing less than the region ("Florida" in a New York paper is the state, not the village of Florida,
    # N.Y.; "Oregon" beside Wisconsin towns is still the state): people name a state bare and qualify the
    # town, so the town's neighbours in the text or its state named are no evidence for it. The text's own
    # qualifier ("Florida, N.Y.", apposition_containment) or calling it a town (town_cue_not_region) still is.
    town_named_like_region: float = 3.0
    city_in_named_region: float = 1.5  # "Victoria" in a story about British Columbia
    # ... and more when the region is named beside the name ("the clinic in Mount Pleasant" a sentence after
    # "East Texas"): graded by closeness (the same sentence as one of the name's mentions, or the next one
    # over; farther is city_in_named_region alone), and shared out when the text names many regions: a
    # roundup naming ten states places none of its towns by them. Only a reading in the region gains, so
    # "Paris" stays in France unless the text names a region holding another Paris. An obscure reading gains
    # it only from a name that lies in that region beyond doubt (a home-region vote: "Nebraska" itself, not
    # a "Hall County" of several states: "a Nashville firm will run the Hall County jail" is still
    # Tennessee's, not the Georgia village), and never against a country's name ("served in Italy" beside
    # "Texas"). Nor a town named like a region ("Montana and Wyoming" beside "Ohio" is the state:
    # town_named_like_region).
    named_region_same_sentence: float = 1.5
    named_region_next_sentence: float = 0.5
    named_regions_full_weight: int = 2  # up to this many regions named, full weight; beyond, weight * this / n
    apposition_containment: float = 4.0  # "X, Y" where Y contains X: "Victoria, British Columbia"
    # "Majengo, Mombasa": a part of a city named before it lies within this much of the city's own radius
    # (suburbs and satellite towns included); a reading of X farther away is another place of that name.
    apposition_city_slack_m: float = 50_000
    # "Kingston, near Hobart", "the Dallas suburb of Richardson", "Katy, a Houston suburb": the text puts a place
    # by a city (within the city's radius plus apposition_city_slack_m); the readings of both that lie so gain
    # this much (an explicit statement, like an apposition's containment, but of nearness, not of a region).
    next_to_city: float = 3.0
    # "the Berea Police Department", "the city of Saida", "Avondale Mayor": the text calls the name a town, so
    # its first-level region and country readings lose this much to its town readings (a district of Lesotho
    # runs no police department; "Texas police" is no such cue: state police exist).
    town_cue_not_region: float = 3.0
    # "New South Wales, Western Australia and Queensland", "Oregon and Washington laws", "France, Germany and
    # Georgia": a name listed with at least this many others, all read as regions of one country (or all as
    # countries), is one of them when it can be: not Queensland, a hamlet in Alberta, nor Washington, D.C.,
    # nor the US state. ("Paris and Texas" stays a city: Paris has no reading as a US region.)
    list_peers_min: int = 1

    # -- acceptance: when the best reading is good enough to place --
    # The best score must reach this: with no context at all, a city of about 50,000 ("attacked in Oxford").
    accept: float = 1.3
    accept_single_reading: float = 1.0  # a name with one reading only, not a common word ("North Darfur")
    # A lone small town (a single reading, smaller than this) in a country with no evidence is rejected when
    # another country has at least stray_context evidence.
    stray_town_population: int = 100_000
    stray_context: int = 2  # (two other names of one country: "Samburu and Marsabit counties")
    stray_distance_m: float = 1_500_000  # ... and it lies this far from every other place the text names
    # A lone small town (a single reading, smaller than stray_town_population) in a country the text does not
    # otherwise name, while the text names other countries (outright, by the dateline or by their people:
    # "Kenyan security forces") and the town lies this far beyond all of them, is a namesake the gazetteer
    # happens to hold: "an attack on Kiunga" in a Kenyan story is not the Papua New Guinea town.
    foreign_town_distance_m: float = 1_500_000
    # A town this small is in national news only beside its neighbours: accepted with local evidence only
    # (a region named that holds it, a place named near it, the dateline); "the parliament in Senayan" is
    # Jakarta's district, not a village of that name 1,000 km away.
    tiny_town_population: int = 5_000
    # ... unless the text names it as a place ("in Tarbaj", "residents of Mokowe", "Kapedo trading centre",
    # "Sololo, Marsabit County": see _LOCATIVE_BEFORE/_AFTER) and nothing else it says contradicts the reading:
    # the text is about the town's country (its other names give that country the most evidence) or, naming
    # no country at all, the name has this one reading; no dateline elsewhere; and when it names other places
    # below country level, one of them lies within this distance of the town. Local reports and ACLED's notes
    # name a village by itself once the country is set; the tiny-town rule is for names the text does not
    # present as places ("the parliament in Senayan" is still cut off by the Jakarta dateline).
    named_town_other_place_m: float = 300_000
    # ... and the rule is for towns below this size: a bigger one is known enough to be read on the ordinary
    # scores (_acceptable), which the rule bypasses. (The same size as stray_town_population, a separate
    # decision: what the text may pin on its word alone, not what a lone far namesake is.)
    named_town_population: int = 100_000
    # A city this big may open a sentence even if its name is a common word.
    common_sentence_initial_ok: int = 1_000_000

    # -- focus: the city and country the article is about --
    focus_country_evidence: int = 2  # a country named counts this much; any other resolved place 1
    # The story is in another country than the dateline's when that country has at least this much evidence...
    focus_other_country_min: int = 3
    # ... and this many times the dateline country's ("DUBAI (Reuters) - Iran restricted …").
    focus_other_country_ratio: int = 3


WEIGHTS: Final = DisambiguationWeights()


def _prior(c: Candidate) -> float:
    if c.kind == _CITY:
        return WEIGHTS.city_prior_scale * math.log10(c.population + 10) / WEIGHTS.city_prior_divisor
    if c.curated:  # hand-curated entries name well-known places on purpose: they beat a same-named village
        return max(WEIGHTS.curated_prior, WEIGHTS.kind_prior.get(c.kind, WEIGHTS.default_kind_prior))
    return WEIGHTS.kind_prior.get(c.kind, WEIGHTS.default_kind_prior)


# "X, Y" and "X slums, Y": a generic word for a settlement or a part of town may stand between a place and
# the comma ("Majengo slums, Mombasa", "Kariobangi estate, Nairobi"); it says the same as the bare "X, Y".
_APPOSITION_GAP: Final = rx.compile(
    r"(?:\s+(?i:slums?|estates?|village|area|suburbs?|neighbou?rhood|township|ward|location|informal\s+settlement"
    r"|union|locality|upazila|municipality|town))?"
    r",\s*")
_AND_AFTER: Final = rx.compile(r"\s*(?:and\b|or\b|&)\s*(?-i:[A-Z])")
# ... but not when Y speaks or is someone's base: "shelled homes in Kharkiv, Kyiv said", "in Mandalay, Yangon-based
# media reported", "in Kisumu, Nairobi's police said": Y is who reports, a clause of its own, not X's container.
_SPEAKS_AFTER: Final = rx.compile(
    r"(?:['’]s\b|[-‐‑\s]based\b|\s+(?:has\s+|have\s+|had\s+)?(?:(?:also|later|subsequently|earlier|previously|then)\s+)?"
    r"(?:said|says|say|reported|reports|claimed|claims|announced|confirmed|denied|told|stated|added|accused|blamed"
    r"|warned|insisted|alleged)\b)")
# "Gopalpur town (Tangail, Dhaka)", "Lalpur upazila (Natore)": a place qualified in brackets by the places
# that hold it, the way ACLED's notes and many local reports write them. Unlike "X, Y" (which may be a list),
# the brackets leave no doubt that X lies in Y.
# (a name the gazetteer does not know first in the brackets, with or without its unit: "(Bagmara upazila, Rajshahi)",
# "(Noakhali, Chittagong)")
_UNKNOWN_FIRST: Final = (rf"(?:(?:(?-i:[A-Z])[\w'’.-]*\s+){{0,2}}(?-i:[A-Z])[\w'’.-]*(?:\s+(?i:{QUALIFIER_UNITS}))?"
                         r"\s*,\s*)?")
_QUALIFIER_GAP: Final = rx.compile(
    rf"(?:\s+(?i:{QUALIFIER_UNITS}))?\s*\(\s*"
    # ... with a unit or a district the gazetteer does not know first in the brackets ("Hasanpur locality (Bagmara
    # upazila, Rajshahi)", "Mohammadpur union (Noakhali, Chittagong)"), or between the place and the brackets
    # ("Durgapur village, Ashuganj upazila (Brahmanbaria, …)"): X lies in that unit, and so in Y
    + _UNKNOWN_FIRST +
    rf"|\s+(?i:{QUALIFIER_UNITS})\s*,\s*(?:(?-i:[A-Z])[\w'’.-]*\s+){{1,3}}(?i:{QUALIFIER_UNITS})\s*\(\s*"
    + _UNKNOWN_FIRST +
    # ... and "Galole area of North Horr", "the Kacholotuko part of Lokichoggio": an area of Y lies in Y.
    r"|\s+(?i:areas?|parts?|outskirts|sub-?locations?|villages?)\s+of\s+(?:the\s+)?"
    # ... and "Ifo refugee camp in Dadaab", "Likia village in Njoro": a settlement or camp named X in Y is in Y
    # (Ifo, Nigeria, is another place)
    rf"|\s+(?i:{QUALIFIER_UNITS}|(?:refugee\s+|IDP\s+)?camp|trading\s+cent(?:re|er)|market)\s+in\s+(?:the\s+)?")
# Words that call a name a town: "the Berea Police Department", "Dublin City Council", "Avondale Mayor Ed
# Rieker", "the city of Saida", "the mayor of Richmond". Plain "police" is no cue ("Texas police": state
# police exist), nor is "council" (county and regional councils exist).
_TOWN_CUE_AFTER: Final = rx.compile(
    r"(?:'s|’s)?\s+(?:(?:Police|Fire)\s+(?:Department|Dept\b|Chief)|(?:City|Town|Village|Borough)\s+"
    r"(?:Council|Hall|Manager|Clerk|Commission|Schools?|Police|Limits)|(?i:mayor)|(?:High|Middle|Elementary)"
    r"\s+School|Public\s+(?:Library|Schools))\b")
_TOWN_CUE_BEFORE: Final = rx.compile(r"\b(?i:city|town|village|mayor|municipality|borough)\s+of\s+$")
_TOWN_CUE_LOOKBACK: Final = 24  # characters before a name searched for "the city of "
# A name the text presents as a place, not as a word of a title, a group or a person: after a preposition of
# place or of movement ("a visit to Londiani"), "residents of" or a unit's word and "of" ("Kawoch location of
# Ndhiwa", "the area of Garsen"), before a word for a settlement or unit ("Likia village", "Kapedo trading centre",
# "Kiganjo ward"), or before ", X County" (ACLED's and Kenyan reports' "Sololo, Marsabit County").
_LOCATIVE_BEFORE: Final = rx.compile(
           r"(?:\b(?:in|at|near|outside|inside|around|to|from|into|towards)|\b(?:residents?|villagers|inhabitants"
           r"|people|town|village|area|(?:sub-?)?location|ward|division)\s+of)\s+$",
           re.I)
# ... or after a settlement word and a comma: "Waso Village, Baragoi", "Gombe estate, Kisauni" name the place
# that holds the village or estate (_APPOSITION_GAP reads the same "X village, Y" for containment). Searched
# only after a comma (speed).
_SETTLEMENT_COMMA_BEFORE: Final = rx.compile(
    r"\b(?i:village|estate|slums?|area|ward|location|sub-?location|trading\s+cent(?:re|er)|market),\s+$")
# Or before a site named after it: "Kiwengwa Secondary School", "Gwembe refugee camp", "Mokowe police post"
# stand in the town (a site the gazetteer's scan takes whole is read by its inner names: _named_as_place).
_LOCATIVE_AFTER: Final = rx.compile(
    r"\s+(?i:village|town|township|ward|location|sub-?location|sub-?county|trading\s+cent(?:re|er)|market|area"
    r"|constituency|(?:refugee\s+|police\s+|military\s+|army\s+)?camp|police\s+(?:station|post)|barracks"
    r"|(?:primary|secondary|high|boys'?|girls'?)\s+(?:high\s+)?school)\b"
    r"|,\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:County|District)\b")
_LOCATIVE_LOOKBACK: Final = 24  # characters before a name searched for "residents of "


def disambiguate(mentions: list[RawMention], gaz: Gazetteer, text: str, dateline: Candidate | None, *,
                 people: frozenset[str] | None = None, homelands: frozenset[str] | None = None) -> None:
    """Choose each mention's reading (``resolved``, ``score``, ``margin``, ``scored``), in WEIGHTS.rounds rounds.
    ``people``: the countries the text names by their people (:func:`_countries_by_people` when not given);
    ``homelands``: the countries of the peoples it names (:func:`peoples.homelands` when not given).

    Each round scores every mention against the countries and regions the previous round resolved.
    """
    if dateline is not None:
        _claim_dateline_words(mentions, dateline)
    contained_by, contains, qualified = _appositions(mentions, text)
    by_country = _country_appositions(mentions, text, contained_by)
    next_to = _next_to_pairs(mentions, text)
    if people is None:  # (the caller may have read them while scanning the names: mentions.scan_names)
        people = _countries_by_people(text, gaz)
    context = _initial_context(mentions, dateline, gaz, people=people)
    named_as_place = _named_as_place(mentions, text)
    scorer = _Scorer(mentions, gaz, dateline, contained_by, contains, next_to=next_to,
                     town_cued=_town_cued_names(mentions, text),
                     people_of=people, named_as_place=named_as_place,
                     countries_as_place=_countries_as_place(mentions, text),
                     homelands=read_homelands(text) if homelands is None else homelands)
    own_evidence: dict[str, dict[str, int]] = {}
    own_total: dict[str, dict[str, int]] = {}
    for round_no in range(WEIGHTS.rounds):
        scorer.score_round(context, last=round_no == WEIGHTS.rounds - 1, own_evidence=own_evidence,
                           own_total=own_total)
        context, own_evidence, own_total = _resolved_context(mentions, dateline, scorer.folded, gaz, people=people)
    # A round scores against the previous round's readings, so a town and its county can swap in step and
    # the last round leave them apart ("Paris" read in Tennessee while "Henry County" was read against a
    # Paris of Kentucky): the names that are only regions are scored once more against the final readings.
    scorer.score_round(context, last=True, own_evidence=own_evidence, own_total=own_total, regions_only=True)
    _town_called_city(mentions, scorer.folded)
    _list_peers(mentions, text)
    _bare_county_names(mentions)
    _part_of_city(mentions, text, contained_by)
    _next_to_city(mentions, next_to)
    _inside_qualifier(mentions, contained_by, qualified)
    _region_of_the_country(mentions, contained_by, by_country)


# A country's name before a noun qualifies it ("Sudan refugees", "Kenya Defence Forces", "the Uganda High
# Commission"): it says whose, not where the text is.
_QUALIFYING_NOUN_AFTER: Final = rx.compile(
    r"[ \t]+(?!(?:on|in|at|and|or|but|to|from|for|with|by|since|after|before|during|over|where|which|who|that|as"
    r"|is|are|was|were|has|have|had|said|says|will|would|could|may|might|the|a|an|this|last|yesterday|today"
    r"|tonight|early|late|when|while|if|than|into|onto|amid|against|between|near|under|until|via|also|now|then"
    r"|again|already|still|saw|sees|see)\b)(?![a-z]+ly\b)[A-Za-z]")


def _countries_as_place(mentions: list[RawMention], text: str) -> frozenset[int]:
    """Ids of the mentions that name a country as a place ("Kenya.", "in Kenya on Monday"), not as a word that
    qualifies a noun ("Sudan refugees")."""
    return frozenset(id(m) for m in mentions
                     if any(c.kind == _COUNTRY for c in m.candidates) and not _QUALIFYING_NOUN_AFTER.match(text, m.end))


def _town_cued_names(mentions: list[RawMention], text: str) -> frozenset[str]:
    """Names the text calls a town somewhere ("the Berea Police Department"): each of their mentions is read
    so, as a text means one place by one name."""
    return frozenset(
        normalize(m.text) for m in mentions
        if any(c.kind == _CITY for c in m.candidates)
        and (_TOWN_CUE_AFTER.match(text, m.end)
             or _TOWN_CUE_BEFORE.search(text, max(0, m.start - _TOWN_CUE_LOOKBACK), m.start)))


def _named_as_place(mentions: list[RawMention], text: str) -> frozenset[str]:
    """Names of towns the text presents as a place somewhere (_LOCATIVE_BEFORE, _LOCATIVE_AFTER, or opening
    the name of a site: "Mokowe GSU camp", "Dadaab refugee camp" are at the town): each of their mentions is
    read so, as a text means one place by one name."""
    small = WEIGHTS.named_town_population  # (speed: the rule reads only towns below this; most names have none)
    site_starts = {m.start for m in mentions if m.kind_hint == "facility" and m.inner}
    return frozenset(
        normalize(m.text) for m in mentions
        if not m.weak and m.kind_hint != "facility" and any(c.population < small and c.kind == _CITY
                                                            for c in m.candidates)
        and (m.start in site_starts or _LOCATIVE_AFTER.match(text, m.end)
             or _LOCATIVE_BEFORE.search(text, max(0, m.start - _LOCATIVE_LOOKBACK), m.start)
             or _after_comma(text, m.start)
             and _SETTLEMENT_COMMA_BEFORE.search(text, max(0, m.start - _LOCATIVE_LOOKBACK), m.start)))


def _after_comma(text: str, at: int) -> bool:
    """Whether a comma and spaces stand right before ``at``."""
    k = at - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    return k >= 0 and text[k] == ","


_CAPITALISED_WORD: Final = rx.compile(r"\b[A-Z][a-z]+\b")


def _countries_by_people(text: str, gaz: Gazetteer) -> frozenset[str]:
    """Countries the text names by their people ("Kenyan security forces", "a Somali trader")."""
    demonyms = country_demonyms()
    codes = {demonyms.get(w) for w in set(_CAPITALISED_WORD.findall(text))}
    return frozenset(c for c in codes if c and c in gaz.countries)


def _claim_dateline_words(mentions: list[RawMention], dateline: Candidate) -> None:
    """The dateline's own words ("ALMATY") are the dateline city."""
    key = entry_key(dateline)
    for m in mentions:
        if m.text.isupper() and any(entry_key(c) == key for c in m.candidates):
            m.candidates, m.weak, m.kind_hint = [dateline], False, "dateline"


def _appositions(mentions: list[RawMention], text: str) -> tuple[dict[int, RawMention], dict[int, RawMention],
                                                                  set[int]]:
    """"X, Y" appositions where Y may contain X ("Victoria, British Columbia", "Tbilisi, Georgia"), and
    "X (Y" and "X area of Y" qualifiers where Y does ("Gopalpur town (Tangail, Dhaka)").

    Returns id(X) -> Y, id(Y) -> X, and the ids of the X qualified in brackets.
    """
    contained_by: dict[int, RawMention] = {}
    contains: dict[int, RawMention] = {}
    qualified: set[int] = set()
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        if _APPOSITION_GAP.fullmatch(text, a.end, b.start) and not _SPEAKS_AFTER.match(text, b.end):
            contained_by[id(a)], contains[id(b)] = b, a
            if text[a.end:b.start].strip(" ,") and not _AND_AFTER.match(text, b.end):
                # "Durgapur village, Ashuganj", "Durgapur union, Ashuganj upazila": a settlement word before the
                # comma makes it no list item ("Nairobi, Mombasa and Kisumu"): X lies in Y, as in brackets
                # (unless Y ends a list: "Lalpur upazila, Bagmara and Puthia"; "X village, Y, Z" is a chain)
                qualified.add(id(a))
        elif _QUALIFIER_GAP.fullmatch(text, a.end, b.start):
            contained_by[id(a)], contains[id(b)] = b, a
            qualified.add(id(a))
    return contained_by, contains, qualified


def _inside_qualifier(mentions: list[RawMention], contained_by: dict[int, RawMention], qualified: set[int]) -> None:
    """"Gopalpur town (Tangail, Dhaka)": the text puts X inside Y. A reading of X outside Y (an Indian
    Gopalpur 800 km away) is another place of that name: X takes a reading inside Y, else it stays
    unresolved and Y stands for it. Inside: in the first-level region Y is, or within Y's radius plus
    apposition_city_slack_m of Y's point (a district named by its seat town)."""
    for m in mentions:
        if id(m) not in qualified or m.resolved is None:
            continue
        y = contained_by[id(m)].resolved
        if y is None or not y.country_code or m.resolved.kind == _COUNTRY:
            continue
        if not _inside(m.resolved, y):
            inside = [c for c in m.candidates if c.kind != _COUNTRY and _inside(c, y)]
            m.resolved = max(inside, key=lambda c: c.population) if inside else None


def _country_appositions(mentions: list[RawMention], text: str, contained_by: dict[int, RawMention]) -> set[int]:
    """The X of "X, Y" appositions that end no list ("Southern Province, Kenya"; not "Nairobi, Uganda and Rwanda",
    "Kampala, Kigali, Juba"): if Y is a country, the text says X is in it."""
    out: set[int] = set()
    for m in mentions:
        y = contained_by.get(id(m))
        if y is not None and text.startswith(",", m.end) and _LIST_AFTER.match(text, y.end) is None:
            out.add(id(m))
    return out


def _region_of_the_country(mentions: list[RawMention], contained_by: dict[int, RawMention], by_country: set[int]) -> None:
    """"Clashes erupted in Southern Province, Kenya": a region qualified by its country is a region of that country.
    Read abroad (Botswana's Southern District) it is another region of that name: it takes a reading in the country,
    else it stays unresolved and the country stands for it. (Regions only: a town, a territory or a country named
    with another country's name after it is read by the scorer as before: "Hong Kong, China".)"""
    for m in mentions:
        if (id(m) not in by_country or m.resolved is None or m.resolved.kind != Kind.REGION
                or not m.resolved.country_code):
            continue  # (not a world region: "In Asia, Canada remains …", "the Middle East, Italy and …")
        y = contained_by[id(m)].resolved
        if y is None or y.kind != _COUNTRY or m.resolved.country_code == y.country_code:
            continue
        inside = [c for c in m.candidates if c.kind == Kind.REGION and c.country_code == y.country_code]
        m.resolved = max(inside, key=lambda c: c.population) if inside else None


def _inside(x: Candidate, y: Candidate) -> bool:
    """X in Y's country and first-level region (a city named like its province may stand for it: "Comilla
    area (Chittagong)"), or near Y's point."""
    if x.country_code != y.country_code:
        return False
    if y.kind == _COUNTRY or (y.admin1 and x.admin1 == y.admin1):
        return True
    return haversine_m(x.lat, x.lon, y.lat, y.lon) <= y.uncertainty_m + WEIGHTS.apposition_city_slack_m


# What follows "X, Y" when X and Y are items of a list ("Nairobi, Mombasa and Kisumu"), not a place and its city.
_LIST_AFTER: Final = rx.compile(r"\s*(?:,|and\b|or\b|&)\s*(?-i:[A-Z])")
_PART_OF_CITY_KINDS: Final = frozenset({Kind.CITY, Kind.DISTRICT, Kind.LANDMARK})
_UNIT_KINDS: Final = frozenset({Kind.REGION, Kind.DISTRICT})


def _part_of_city(mentions: list[RawMention], text: str, contained_by: dict[int, RawMention]) -> None:
    """"Majengo, Mombasa": the text puts X in city Y. A reading of X far from Y is another place of that
    name (a Majengo 700 km away, drawn with a town's small radius: false precision), so it goes to the
    candidate of X near Y, else X stays unresolved and the city stands for it. Lists of peers ("Nairobi,
    Mombasa and Kisumu", "Almaty, Astana, Shymkent") and a bigger X than Y ("Mombasa, Kisauni") are no such
    statement, nor is a city that shares its name with a region or district holding X."""
    for m in mentions:
        city_m = contained_by.get(id(m))
        x, y = m.resolved, city_m.resolved if city_m is not None else None
        if (city_m is None or x is None or y is None or y.kind != _CITY or x.kind not in _PART_OF_CITY_KINDS
                or x.population > y.population or contained_by.get(id(city_m)) is not None
                # "Kushtia, Khulna", "Feni, Chittagong": a city's name is often its province's too, and X
                # may lie anywhere in that province
                or (x.country_code == y.country_code and x.admin1 and x.admin1 == y.admin1)
                or any(c.kind in _UNIT_KINDS for c in city_m.candidates)
                or _LIST_AFTER.match(text, city_m.end)
                or any(o is not m and contained_by.get(id(o)) is m for o in mentions)):
            continue
        limit = y.uncertainty_m + WEIGHTS.apposition_city_slack_m
        if haversine_m(x.lat, x.lon, y.lat, y.lon) <= limit:
            continue
        m.resolved = _part_of_city_near(m.candidates, y, limit)


# The text puts X next to city Y: "the Dallas suburb of Richardson" (Y before X), "Kingston, near Hobart",
# "Brighton, just outside Melbourne", "Burlington, a suburb of Toronto", "Katy, a Houston suburb".
_SUBURB_OF: Final = rx.compile(r"\s+(?i:suburbs?|exurbs?)\s+of\s+")  # between Y and X
# ... and "Nairobi's Eastleigh", "Dhaka's Mirpur": a city's possessive before a place names a part of it (Y before
# X; "Kenya's Nairobi" is left to the country's evidence: Y must be read as a city).
_POSSESSIVE_OF: Final = rx.compile(r"['’]s\s+(?:(?:[a-z][\w-]*)\s+){0,2}")
_NEXT_TO: Final = rx.compile(  # between X and Y
    r",?\s+(?:(?i:just|right)\s+)?(?i:near|outside(?:\s+of)?|an?\s+(?:[a-z]+\s+)?suburb\s+of)\s+")
_A_SUBURB_BEFORE: Final = rx.compile(r",\s+(?i:an?)\s+")  # between X and Y, with _A_SUBURB_AFTER after Y
_A_SUBURB_AFTER: Final = rx.compile(r"\s+(?i:suburb|exurb)\b")


def _next_to_pairs(mentions: list[RawMention], text: str) -> list[tuple[RawMention, RawMention]]:
    """(X, Y) where the text puts the place X by the city Y ("Kingston, near Hobart", "Nairobi's Eastleigh")."""
    pairs = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        if _SUBURB_OF.fullmatch(text, a.end, b.start) or _POSSESSIVE_OF.fullmatch(text, a.end, b.start):
            x, y = b, a
        elif _NEXT_TO.fullmatch(text, a.end, b.start) or (
                _A_SUBURB_BEFORE.fullmatch(text, a.end, b.start) and _A_SUBURB_AFTER.match(text, b.end)):
            x, y = a, b
        else:
            continue
        if x.kind_hint != "facility" and x.candidates and y.kind_hint != "facility" and y.candidates:
            pairs.append((x, y))
    return pairs


def _by_city(c: Candidate, other: RawMention, by_city: bool) -> bool:
    """Whether ``c`` lies by a reading of ``other``: ``c`` a reading of the place X by the city (``by_city``)
    near one of the city's readings, or a city reading near one of X's; "near" as in _next_to_city."""
    slack = WEIGHTS.apposition_city_slack_m
    if by_city:
        return c.kind in _PART_OF_CITY_KINDS and any(
            y.kind == _CITY and haversine_m(c.lat, c.lon, y.lat, y.lon) <= y.uncertainty_m + slack
            for y in other.candidates)
    return c.kind == _CITY and any(
        x.kind in _PART_OF_CITY_KINDS and haversine_m(c.lat, c.lon, x.lat, x.lon) <= c.uncertainty_m + slack
        for x in other.candidates)


def _part_of_city_near(candidates: list[Candidate], city: Candidate, limit: float) -> Candidate | None:
    """The most populous reading that can be part of a city (a town, a district) within ``limit`` metres of it."""
    near = [c for c in candidates
            if c.kind in _PART_OF_CITY_KINDS and haversine_m(c.lat, c.lon, city.lat, city.lon) <= limit]
    return max(near, key=lambda c: c.population) if near else None


def _next_to_city(mentions: list[RawMention], next_to: list[tuple[RawMention, RawMention]]) -> None:
    """"the Dallas suburb of Richardson", "Kingston, near Hobart": the text puts X by city Y. A reading of X
    farther from Y than Y's radius plus apposition_city_slack_m (suburbs and satellite towns) is another place
    of that name (a Kingston in Jamaica), so X goes to its reading by Y, else X is left unresolved rather than
    drawn far away with a town's small radius; the name's other mentions, read the same, follow (a text means
    one place by one name)."""
    for x, y in next_to:
        xc, yc = x.resolved, y.resolved
        if xc is None or yc is None or yc.kind != _CITY or xc.kind not in _PART_OF_CITY_KINDS:
            continue
        limit = yc.uncertainty_m + WEIGHTS.apposition_city_slack_m
        if haversine_m(xc.lat, xc.lon, yc.lat, yc.lon) <= limit:
            continue
        chosen = _part_of_city_near(x.candidates, yc, limit)
        own = normalize(x.text)
        for m in mentions:
            if m.resolved is xc and normalize(m.text) == own:
                m.resolved = chosen


# Between the items of a list: "A, B and C", "A, B, or C", "A & B".
_LIST_GAP: Final = rx.compile(r"[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+")
_LIST_GAP_MAX: Final = 8


def _list_peers(mentions: list[RawMention], text: str) -> None:
    """"New South Wales, Western Australia and Queensland": names listed together are things of one sort.
    When every other item (at least list_peers_min; two items only when joined by "and", "or" or "&") was
    read as a region of one country, or every other item as a country, an item read otherwise takes its
    reading of that sort there, if it has one; the name's other mentions, read the same, follow (a text
    means one place by one name)."""
    ordered = sorted((m for m in mentions if m.candidates), key=lambda m: m.start)
    lists: list[list[RawMention]] = []
    for a, b in zip(ordered, ordered[1:]):
        # (Speed: the gap's length first; ", and " is the longest common one.)
        if 0 < b.start - a.end <= _LIST_GAP_MAX and _LIST_GAP.fullmatch(text, a.end, b.start):
            if lists and lists[-1][-1] is a:
                lists[-1].append(b)
            else:
                lists.append([a, b])
    for items in lists:
        if len(items) <= WEIGHTS.list_peers_min:
            continue
        # Two names and a comma are a place and what holds it ("Washington, Pennsylvania"), not a list.
        if len(items) == 2 and "," in text[items[0].end:items[1].start]:
            continue
        for m in items:
            old = m.resolved
            peers = [o.resolved for o in items if o is not m and o.resolved is not None]
            if old is None or len(peers) < len(items) - 1:
                continue
            kind, cc = peers[0].kind, peers[0].country_code
            if kind not in (_REGION, _COUNTRY) or any(p.kind != kind or (kind == _REGION and p.country_code != cc)
                                                      for p in peers):
                continue
            if old.kind == kind and (kind == _COUNTRY or old.country_code == cc):
                continue
            fits = [c for c in m.candidates if c.kind == kind and (kind == _COUNTRY or c.country_code == cc)]
            if not fits:
                continue
            chosen = max(fits, key=lambda c: c.uncertainty_m)  # the widest: a state, not a county of its name
            own = normalize(m.text)
            for o in mentions:
                if o.resolved is old and normalize(o.text) == own:
                    o.resolved = chosen


_COUNTY_NOUNS: Final = frozenset({"county", "parish"})
_COUNTY_ENDS: Final = ("county", "parish")


def _bare_county_names(mentions: list[RawMention]) -> None:
    """"DeKalb County … DeKalb police", "Osceola County … under control in Osceola": a local paper calls a
    county it names by its bare name. A bare name read as a town far from the county the text names so
    (beyond the county's radius plus local_evidence_m: DeKalb, Illinois beside DeKalb County, Georgia) is
    that county; a town of the name in or by the county (Charleston beside Charleston County) stays."""
    counties: dict[str, Candidate] = {}
    for m in mentions:
        if m.resolved is None or m.resolved.kind != _REGION or not m.text[-6:].casefold().endswith(_COUNTY_ENDS):
            continue  # (speed: normalise only the few names that may be a county's)
        head, _, noun = normalize(m.text).rpartition(" ")
        if head and noun in _COUNTY_NOUNS:
            counties.setdefault(head, m.resolved)
    if not counties:
        return
    for m in mentions:
        county = counties.get(normalize(m.text))
        town = m.resolved
        if county is None or town is None or town.kind != _CITY or m.kind_hint == "facility":
            continue
        if haversine_m(town.lat, town.lon, county.lat, county.lon) > county.uncertainty_m + WEIGHTS.local_evidence_m:
            m.resolved = county


def _weak_country(m: RawMention, kinds: set, gaz: Gazetteer) -> bool:
    """A country's name flagged weak only for opening a sentence ("France wants a deal") still tells what the
    text is about: a country is seldom anything else, unless its name is a common word too ("Chad")."""
    return kinds == {_COUNTRY} and normalize(m.text) not in gaz.common_words


def _initial_context(mentions: list[RawMention], dateline: Candidate | None, gaz: Gazetteer, *,
                     people: frozenset[str] = frozenset()) -> dict[str, int]:
    """Country evidence before any choice: the dateline, the countries named by their people, and mentions
    whose readings share one country."""
    context: dict[str, int] = dict.fromkeys(people, WEIGHTS.people_evidence)
    if dateline is not None:
        context[dateline.country_code] = context.get(dateline.country_code, 0) + WEIGHTS.dateline_context
    for m in mentions:  # unambiguous evidence first
        evidence = _unambiguous_evidence(m, gaz)
        if evidence is not None:
            context[evidence[0]] = context.get(evidence[0], 0) + evidence[1]
    return context


def _unambiguous_evidence(m: RawMention, gaz: Gazetteer) -> tuple[str, int] | None:
    """(country, weight) for a mention whose readings all lie in one country, else None."""
    if not m.candidates or m.variant or len({c.country_code for c in m.candidates}) != 1:
        return None
    kinds = {c.kind for c in m.candidates}
    if m.weak and not _weak_country(m, kinds, gaz):
        return None
    return m.candidates[0].country_code, (WEIGHTS.country_evidence if _COUNTRY in kinds else WEIGHTS.place_evidence)


def _resolved_context(mentions: list[RawMention], dateline: Candidate | None,
                      folded: dict[int, str], gaz: Gazetteer, *, people: frozenset[str] = frozenset(),
                      ) -> tuple[dict[str, int], dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """Country evidence after a round: the dateline and every resolved, not weak, mention; and, by name, what
    that name's repeats gave beyond its first mention, and what all its mentions gave. A name does not vouch
    for itself by repetition: a story that says "London" four times and "Canada" three is not about England
    because the previous round read London so; it counts as one mention when that name is scored. Nor does
    it say, even once, which country the text is about when its own obscure readings are weighed (see
    _score_candidates)."""
    # (Plain dicts, not Counters: Counter's methods run in the interpreter, and this runs after every round.)
    context: dict[str, int] = dict.fromkeys(people, WEIGHTS.people_evidence)
    repeats: dict[str, dict[str, int]] = {}
    totals: dict[str, dict[str, int]] = {}
    seen: set[tuple[str, str]] = set()
    if dateline is not None:
        context[dateline.country_code] = context.get(dateline.country_code, 0) + WEIGHTS.dateline_context
    for m in mentions:
        if m.kind_hint == "facility":
            # A site is placed after the rounds, so it never has a reading here: what its own readings say
            # (the Champs-Elysees is in France) stays evidence, as before the first round.
            evidence = _unambiguous_evidence(m, gaz)
            if evidence is not None:
                context[evidence[0]] = context.get(evidence[0], 0) + evidence[1]
            continue
        if m.resolved is not None and (not m.weak or m.resolved.kind == _COUNTRY
                                       and _weak_country(m, {m.resolved.kind}, gaz)):
            w = WEIGHTS.country_evidence if m.resolved.kind == _COUNTRY else WEIGHTS.place_evidence
            cc = m.resolved.country_code
            context[cc] = context.get(cc, 0) + w
            name = folded[id(m)]
            key = (name, cc)
            if key in seen:
                by_country = repeats.setdefault(name, {})
                by_country[cc] = by_country.get(cc, 0) + w
            seen.add(key)
            by_country = totals.setdefault(name, {})
            by_country[cc] = by_country.get(cc, 0) + w
    return context, repeats, totals


def _top_value(evidence: dict[str, int]) -> int:
    """max(evidence.values(), default=0) as a compiled loop: builtin max with a keyword argument goes through
    the interpreter's generic argument parsing, once per mention and round."""
    top, first = 0, True
    for v in evidence.values():
        if first or v > top:
            top, first = v, False
    return top


def _minus(evidence: Mapping[str, int], part: Mapping[str, int]) -> dict[str, int]:
    """``evidence`` less ``part``, keeping only what stays positive (what Counter subtraction gives, without
    running Counter's methods in the interpreter)."""
    out = {}
    for k, v in evidence.items():
        left = v - part.get(k, 0)
        if left > 0:
            out[k] = left
    for k, v in part.items():
        if v < 0 and k not in evidence:
            out[k] = -v
    return out


_NO_EVIDENCE: Final[Mapping[str, int]] = MappingProxyType({})
_NO_NAMES: Final[frozenset[str]] = frozenset()


class _Scorer:
    """Scores mentions round after round; what does not change between rounds is computed once."""

    def __init__(self, mentions: list[RawMention], gaz: Gazetteer, dateline: Candidate | None,
                 contained_by: dict[int, RawMention], contains: dict[int, RawMention], *,
                 next_to: Sequence[tuple[RawMention, RawMention]] = (),
                 town_cued: frozenset[str] = frozenset(),
                 people_of: frozenset[str] | Callable[[], frozenset[str]] = frozenset(),
                 named_as_place: frozenset[str] = frozenset(),
                 countries_as_place: frozenset[int] = frozenset(), homelands: frozenset[str] = frozenset()):
        self.mentions, self.gaz, self.dateline = mentions, gaz, dateline
        self.named_as_place = named_as_place
        self.countries_as_place = countries_as_place
        # countries of the peoples the text names ("Borana and Gabra tribes"): what it is about, for the far
        # lone town's rule only (a people's name is no evidence for a reading: peoples straddle borders)
        self.homelands = homelands
        self.contained_by, self.contains = contained_by, contains
        self.town_cued, self._people_of = town_cued, people_of
        # "Kingston, near Hobart": id of each side -> (the other side, whether this is the place by the city).
        self._next_to: dict[int, tuple[RawMention, bool]] = {}
        for x, y in next_to:
            self._next_to[id(x)], self._next_to[id(y)] = (y, True), (x, False)
        self.folded = {id(m): normalize(m.text) for m in mentions}
        self._near_cache: dict[int, bool] = {}
        self._places: list[tuple[float, float, str]] = []
        self._resolved_at: dict[str, list[tuple[float, float]]] = {}
        self._anchors = self._anchor_points()
        # ... of which a common word opening a sentence ("As the talks …") vouches for no alias near it.
        weak_words = {self.folded[id(m)] for m in mentions if m.weak and self.folded[id(m)] in gaz.common_words}
        self._alias_anchors = [a for a in self._anchors if a.name not in weak_words] if weak_words else self._anchors
        self._coherence = _Coherence(self._anchors)
        self._read_names: set[str] = set()
        self._home_votes = _home_region_votes(mentions, self.folded)
        # The sentences each name is read in: a region named beside any of them is named beside the name
        # (a text means one place by one name).
        self._name_sentences: dict[str, set[int]] = defaultdict(set)
        for m in mentions:
            self._name_sentences[self.folded[id(m)]].add(m.sentence)
        self._region_sentences: dict[tuple[str, str, str], set[int]] = {}  # (country, admin1, name): sentences
        self._qualifying_only: dict[tuple[str, str, str], set[str]] = {}  # a region named only after towns: those
        self._beside = _names_beside(mentions, self.folded)
        self._landmark_cities = _cities_of_landmarks_beside(mentions, self.folded)
        self._full_names = _full_names(self.folded.values())
        self._full_readings: dict[str, set[str]] = {}  # short name: keys of the readings its full names got

    def _anchor_points(self) -> list[_Anchor]:
        return _anchor_points(self.mentions, self.folded)

    def near_dateline(self, c: Candidate) -> bool:
        """Computed once per candidate, not once per round."""
        near = self._near_cache.get(id(c))
        if near is None:
            d = cast(Candidate, self.dateline)  # (asked only when there is one)
            near = self._near_cache[id(c)] = haversine_m(c.lat, c.lon, d.lat, d.lon) < WEIGHTS.near_dateline_m
        return near

    def _local_evidence(self, c: Candidate, own: str, city_regions: dict, named_regions: dict) -> bool:
        """Whether the text places an obscure reading locally: a region named that holds it, another named
        place near it, or the dateline near it."""
        if c.admin1 and (named_regions.get((c.country_code, c.admin1), {own}) - {own}
                         or city_regions.get((c.country_code, c.admin1), {own}) - {own}):
            return True
        if self.dateline is not None and c.kind != _COUNTRY and self.near_dateline(c):
            return True
        limit = WEIGHTS.local_evidence_m
        return self._coherence.near(c, own) or any(
            name != own and haversine_m(c.lat, c.lon, lat, lon) < limit for lat, lon, name in self._places)

    def _unsupported_tiny_town(self, best: Candidate, own: str, city_regions: dict, named_regions: dict) -> bool:
        return (best.kind == _CITY and best.population < WEIGHTS.tiny_town_population
                and not self._local_evidence(best, own, city_regions, named_regions))

    def _named_small_town(self, m: RawMention, best: Candidate, own: str, context: dict[str, int],
                          own_total: dict[str, int] | None, city_regions: dict, named_regions: dict) -> bool:
        """A small town the text names as a place, a reading nothing else in the text contradicts (see
        named_town_other_place_m): "Protests in Tarbaj" beside "Kenya", or alone when Tarbaj has one reading."""
        w = WEIGHTS
        if own not in self.named_as_place or best.kind != _CITY or best.population >= w.named_town_population \
                or self.dateline is not None:
            return False
        cc = best.country_code
        # A town that bears the name as its own is not rivalled by a place GeoNames merely lists the name for.
        readings = _own_readings(m.candidates, best, own)
        # Two towns of the name in the country ("in Noorabad" beside "Pakistan": two, 850 km apart): the
        # country says nothing about which, so the rule pins neither unless the text's own places (a region
        # named, a place near) vouch for this reading and for no other; the usual rules decide otherwise.
        rivals = [c for c in readings if c is not best and c.country_code == cc and c.kind == _CITY
                  and haversine_m(best.lat, best.lon, c.lat, c.lon) > best.uncertainty_m]
        if rivals and not (self._local_evidence(best, own, city_regions, named_regions)
                           and not any(self._local_evidence(c, own, city_regions, named_regions) for c in rivals)):
            return False
        # The country evidence of the text's other names (the name's own readings vouch for nothing).
        others = {k: v - own_total.get(k, 0) for k, v in context.items()} if own_total else context
        top = _top_value(others)
        if top > 0:
            if others.get(cc, 0) < top:
                return False
        elif len(readings) != 1:
            return False
        places = [(lat, lon) for lat, lon, name in self._places if name != own]
        limit = w.named_town_other_place_m
        return not places or any(haversine_m(best.lat, best.lon, lat, lon) <= limit for lat, lon in places)

    def _stray(self, m: RawMention, best: Candidate, own: str, context: dict[str, int],
               own_total: dict[str, int] | None = None) -> bool:
        """A lone small town far from everything else the text names, in a country it never otherwise names,
        while it plainly is about another: "Kech" in a story about Balochistan is no German village.
        ``own_total``: the evidence all the name's mentions gave (a name repeated, "in South Horr … not in
        South Horr", is still named by nothing else)."""
        w = WEIGHTS
        if len(m.candidates) != 1 or best.kind != _CITY or best.population >= w.stray_town_population:
            return False
        own_part = max(w.place_evidence, own_total.get(best.country_code, 0) if own_total else 0)
        if context.get(best.country_code, 0) > own_part or _top_value(context) < w.stray_context:
            return False  # its own mention is its country's only evidence; another country has plenty
        others = [(lat, lon) for lat, lon, name in self._places if name != own]
        if others and all(haversine_m(best.lat, best.lon, lat, lon) > w.stray_distance_m for lat, lon in others):
            return True
        # Near, but the text names its country outright as a place (or by the dateline; not "Sudan refugees") and
        # never the town's, not even by its people: "Kenya. … blocked the road at Kibuye" is a Kenyan village the gazetteer lacks, not the
        # Rwandan town (the event is then placed at what the text does vouch for).
        top = max(context, key=lambda k: context[k])
        if top == best.country_code or best.country_code in self.people_of:
            return False
        return (self.dateline is not None and self.dateline.country_code == top) or any(
            o.resolved is not None and o.resolved.kind == _COUNTRY and o.resolved.country_code == top
            and id(o) in self.countries_as_place for o in self.mentions)

    @property
    def people_of(self) -> frozenset[str]:
        """Countries named by their people; a callable is asked once, when first needed (few texts need it)."""
        if callable(self._people_of):
            self._people_of = self._people_of()
        return self._people_of

    def _foreign_lone_town(self, m: RawMention, best: Candidate, context: dict[str, int], last: bool) -> bool:
        """A lone small town in a country the text does not otherwise name, far beyond every country it does
        name (outright, by the dateline, or by its people): "the attack on Kiunga" beside "Kenyan forces".
        A name of several readings whose towns are all such small towns far away ("Somali residents of Eastleigh":
        English and South African towns) is no better (the caller then takes its unit's reading near the text's
        countries, the Nairobi estate, if it has one: _unit_near_named); asked of the last round's reading only
        (speed: most names have a big reading, and leave early)."""
        w = WEIGHTS
        if best.kind != _CITY or best.population >= w.stray_town_population:
            return False
        readings = m.candidates
        if len(readings) > 1:
            if not last:
                return False
            own = self.folded[id(m)]
            for c in readings:
                if c.kind != _CITY:
                    continue  # (a unit's reading: see _unit_near_named)
                # (a big reading by an alternate name only, "Eastleigh" for Orkney, is no rival: _own_readings)
                if c.population >= w.stray_town_population and (
                        _bears_name(c.name, own) or not _bears_name(best.name, own)):
                    return False
            readings = _own_readings([c for c in readings if c.kind == _CITY], best, own)
        if any(context.get(c.country_code, 0) > w.place_evidence for c in readings):
            return False
        people_of = self.people_of
        if any(c.country_code in people_of for c in readings):
            return False
        named = self._countries_named()
        for c in readings:
            named.discard(c.country_code)
        if not named:
            return False
        if any(o is not m and o.resolved is not None and o.resolved.kind != _COUNTRY
               and haversine_m(c.lat, c.lon, o.resolved.lat, o.resolved.lon) <= w.foreign_town_distance_m
               for o in self.mentions for c in readings):
            return False  # a place named near it vouches for it
        return all(self._far_from(c, named) for c in readings)

    def _countries_named(self) -> set[str]:
        """The countries the text names: outright, by the dateline, or by their people."""
        named = set(self.people_of) | self.homelands
        named.update(o.resolved.country_code for o in self.mentions
                     if o.resolved is not None and o.resolved.kind == _COUNTRY)
        if self.dateline is not None:
            named.add(self.dateline.country_code)
        return named

    def _far_from(self, c: Candidate, named: set[str]) -> bool:
        """Whether ``c`` lies farther than foreign_town_distance_m beyond every one of these countries."""
        countries = [self.gaz.countries.get(code) for code in named]
        return all(k is not None and haversine_m(c.lat, c.lon, k.lat, k.lon) - k.uncertainty_m
                   > WEIGHTS.foreign_town_distance_m for k in countries)

    def _unit_near_named(self, m: RawMention, scored: list[tuple[float, Candidate]]) -> Candidate | None:
        """For a name whose town readings are all small and far beyond every country the text names
        (_foreign_lone_town): its best-scored reading as a district or unit within reach of one of them ("Somali
        residents of Eastleigh": the Nairobi estate, not England's or South Africa's town), if it has one."""
        named = self._countries_named()
        return next((c for _, c in scored if c.kind in _UNIT_KINDS and not self._far_from(c, named)), None)

    def _alias_without_context(self, best: Candidate, own: str) -> bool:
        """A town named only by one of its GeoNames alternate names ("Hamas" for Hamm, "Ismaili" for
        Ismayilli), in a country nothing else in the text names and far from every other place it names:
        the alternate name is more likely a word of another language than the town. Big cities' exonyms
        ("Bombay", "Kiev") stand."""
        if best.kind != _CITY or best.population >= WEIGHTS.alias_needs_context_population \
                or _same_own_name(best.name, own) or _own_name_and_town_word(best.name, own):
            return False
        cc = best.country_code
        if self.dateline is not None and self.dateline.country_code == cc:
            return False
        if cc in self.people_of:  # "Kenyan police in … Lokichoggio": the text names the country by its people
            return False
        # Another name read in that country (a repeated "Hamas" is no evidence for Germany) ...
        if any(o.resolved is not None and o.resolved.country_code == cc and self.folded[id(o)] != own
               for o in self.mentions):
            return False
        # ... or near it: "Ketu" beside Lagos may be the town across the border, not one 3,000 km away.
        limit = WEIGHTS.stray_distance_m
        return not any(p[2] != own and haversine_m(best.lat, best.lon, p[0], p[1]) < limit
                       for points in (self._places, self._alias_anchors) for p in points)

    def _beside_bonus(self, c: Candidate, own: str, beside: frozenset[str]) -> float:
        """coherence_beside for each name of ``beside`` (read beside ``own`` in the text) with a reading near
        ``c``: one that may vouch before anything is chosen (an anchor), or the one the previous round chose."""
        w = WEIGHTS
        if c.uncertainty_m > w.coherence_near_max_radius_m:
            return 0.0
        names = self._coherence.near_beside(c, own, beside)
        if self._read_names:  # a name read last round vouches by that reading only (below), not by any other
            names = names - self._read_names
        if len(names) < w.coherence_names and self._resolved_at:
            limit = w.local_evidence_m
            span = limit / _M_PER_DEGREE_LAT  # a point farther north or south than this is farther than limit
            resolved_at = self._resolved_at
            names = names | {name for name in beside if name not in names and name in resolved_at
                             and any(abs(c.lat - lat) < span and haversine_m(c.lat, c.lon, lat, lon) < limit
                                     for lat, lon in resolved_at[name])}
        return w.coherence_beside * min(w.coherence_names, len(names))

    def _regions(self) -> tuple[dict, dict]:
        """Regions that hold a city named in the text (by which names), and regions named outright."""
        city_regions: dict[tuple[str, str], set[str]] = defaultdict(set)
        named_regions: dict[tuple[str, str], set[str]] = defaultdict(set)
        for o in self.mentions:
            c = o.resolved
            if c is not None and c.admin1 and c.kind in (_CITY, _REGION):
                (city_regions if c.kind == _CITY else named_regions)[(c.country_code, c.admin1)].add(
                    self.folded[id(o)])
        self._region_sentences = defaultdict(set)
        # "Brookhaven, Long Island, N.Y.": a region named only to qualify another town says where that town is,
        # not where the text is (a local paper qualifies the towns outside its area and leaves its own bare).
        # The town it qualifies is another matter ("Springfield, Ohio … Springfield": the same town again).
        qualifying: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (country, admin1, region name): towns
        free: set[tuple[str, str, str]] = set()
        for o in self.mentions:
            c = o.resolved
            if c is not None and c.admin1 and c.kind == _REGION:
                key = (c.country_code, c.admin1, self.folded[id(o)])
                self._region_sentences[key].add(o.sentence)
                inner = self.contains.get(id(o))
                if inner is not None:
                    qualifying[key].add(self.folded[id(inner)])
                else:
                    free.add(key)
        self._qualifying_only = {key: towns for key, towns in qualifying.items() if key not in free}
        return city_regions, named_regions

    def _region_named_for(self, c: Candidate, own: str, named_regions: dict) -> bool:
        """Whether the text names a region holding ``c`` by another name than ``own``, other than only to
        qualify some other town."""
        names = named_regions.get((c.country_code, c.admin1))
        if not names or not names - {own}:
            return False
        if not self._qualifying_only:
            return True
        only = self._qualifying_only
        return any(name != own and own in only.get((c.country_code, c.admin1, name), (own,)) for name in names)

    def _named_beside(self, c: Candidate, own: str, named_regions: dict, *, obscure: bool = False) -> float:
        """The bonus for a city whose region the text names beside the name (see named_region_same_sentence);
        for an ``obscure`` reading only by names that lie in that region beyond doubt (home-region votes)."""
        w = WEIGHTS
        region = (c.country_code, c.admin1)
        names = named_regions.get(region, ())
        if obscure and names:
            names = names & self._home_votes.get(region, set())
        if not names or not names - {own}:
            return 0.0
        mine = self._name_sentences.get(own, ())
        gap = min((abs(i - j) for name in names if name != own
                   for i in self._region_sentences.get((*region, name), ()) for j in mine), default=2)
        if gap > 1:
            return 0.0
        regions = sum(1 for r, by in named_regions.items() if by - {own})
        share = min(1.0, w.named_regions_full_weight / regions)
        return share * (w.named_region_same_sentence if gap == 0 else w.named_region_next_sentence)

    def score_round(self, context: dict[str, int], *, last: bool,
                    own_evidence: Mapping[str, dict[str, int]] = MappingProxyType({}),
                    own_total: Mapping[str, dict[str, int]] = MappingProxyType({}), regions_only: bool = False) -> None:
        """One round over all mentions; ``last``: also fill in the candidates shown to the user;
        ``regions_only``: only the mentions whose every reading is a region ("Henry County").
        ``own_evidence``: by name, the part of ``context`` that name's repeats gave, left out when scoring
        that name; ``own_total``: what all its mentions gave, left out when asking which country the text
        is about for that name."""
        others_context: dict[str, dict[str, int]] = {}
        city_regions, named_regions = self._regions()
        # Places resolved so far below country level: local evidence for obscure readings near them.
        self._places = [(o.resolved.lat, o.resolved.lon, self.folded[id(o)]) for o in self.mentions
                        if o.resolved is not None and o.resolved.kind != _COUNTRY and o.resolved.country_code]
        # ... and, by name, where names of few readings (anchor_max_readings: "Washington" vouches for nothing)
        # read by their own name were placed (points no wider than local_evidence_m): what a name beside another
        # vouches for once read, obscure or not.
        # Names read last round vouch beside a name only by the reading they got: "Plainview", read in Nebraska
        # beside Nebraska's towns, no longer puts a Madison beside it in New Jersey by its New York reading.
        self._resolved_at = defaultdict(list)
        self._read_names = {self.folded[id(o)] for o in self.mentions if o.resolved is not None}
        for o in self.mentions:
            r = o.resolved
            if r is not None and r.kind in (_CITY, _REGION) and r.uncertainty_m <= WEIGHTS.local_evidence_m \
                    and len(o.candidates) <= WEIGHTS.anchor_max_readings and _bears_name(r.name, self.folded[id(o)]):
                self._resolved_at[self.folded[id(o)]].append((r.lat, r.lon))
        if self._full_names:  # "St. Petersburg" read last round: what "Petersburg" is read as
            read = defaultdict(set)
            for o in self.mentions:
                # (read by that full name as its own: "Springfield City", an alternate name of one Springfield,
                # says nothing of which one "Springfield" is)
                if o.resolved is not None and _own_name(o.resolved.name) == _own_name(self.folded[id(o)]):
                    read[self.folded[id(o)]].add(entry_key(o.resolved))
            self._full_readings = {short: set().union(*(read.get(f, ()) for f in fulls))
                                   for short, fulls in self._full_names.items()}
        # Within a round a mention's outcome depends only on its name, candidates and flags: a long text
        # that repeats a name ("Almaty" fifty times) scores it once. Appositions have their own bonus.
        memo: dict[tuple, tuple] = {}
        for m in self.mentions:
            if not m.candidates or m.kind_hint == "facility" \
                    or regions_only and any(c.kind != _REGION for c in m.candidates):
                continue
            own = self.folded[id(m)]
            container, inner = self.contained_by.get(id(m)), self.contains.get(id(m))
            beside_city = self._next_to.get(id(m))
            memo_key = None
            if container is None and inner is None and beside_city is None:
                memo_key = (own, m.kind_hint, m.weak, tuple([id(c) for c in m.candidates]))
                done = memo.get(memo_key)
                if done is not None:
                    m.scored, m.score, m.margin, m.resolved = done if last else (m.scored, *done[1:])
                    continue
            own_part = own_evidence.get(own)
            if own_part:
                name_context = others_context.get(own)
                if name_context is None:
                    name_context = others_context[own] = _minus(context, own_part)
            else:
                name_context = context
            scored = self._score_candidates(m, own, name_context, city_regions, named_regions, whole_context=context,
                                            own_total=own_total.get(own))
            if container is not None:  # containment bonus for appositions
                scored = [(s + (WEIGHTS.apposition_containment if _contained(c, container.candidates) else 0.0), c)
                          for s, c in scored]
            if inner is not None:
                scored = [(s + (WEIGHTS.apposition_containment if _contains(c, inner.candidates) else 0.0), c)
                          for s, c in scored]
            if beside_city is not None:  # "Kingston, near Hobart": the two readings by each other
                other, by_city = beside_city
                scored = [(s + (WEIGHTS.next_to_city if _by_city(c, other, by_city) else 0.0), c) for s, c in scored]
            # A tie (same-named counties weigh the same) goes to the bigger place, then to the region where
            # more of the text's other names were read last round (an order of the gazetteer's is no reason).
            if len(scored) > 1:  # (most names have one reading: nothing to sort)
                scored.sort(key=lambda sc: (-sc[0], -sc[1].population))
            if len(scored) > 1 and scored[0][0] == scored[1][0] and scored[0][1].population == scored[1][1].population:
                scored.sort(key=lambda sc: (-sc[0], -sc[1].population, -len(
                    (city_regions.get((sc[1].country_code, sc[1].admin1), _NO_NAMES) | named_regions.get(
                        (sc[1].country_code, sc[1].admin1), _NO_NAMES)) - {own}) if sc[1].admin1 else 0))
            best_s, best = scored[0]
            second = scored[1][0] if len(scored) > 1 else 0.0
            if last:  # candidates shown to the user: only once, at the end
                m.scored = [c.with_score(round(s, 3)) for s, c in scored[:5]]
            m.score, m.margin = best_s, best_s - second
            # (speed: the method only for the few names the text presents as places)
            named_town = own in self.named_as_place and self._named_small_town(m, best, own, context,
                                                                               own_total.get(own), city_regions,
                                                                               named_regions)
            foreign = False
            m.resolved = best if ((named_town or _acceptable(m, best, best_s, context, self.gaz))
                                  and not self._stray(m, best, own, context, own_total.get(own))
                                  and not (foreign := self._foreign_lone_town(m, best, context, last))
                                  and not self._alias_without_context(best, own)
                                  and not (not named_town
                                           and self._unsupported_tiny_town(best, own, city_regions, named_regions))
                                  and not (m.variant and not _region_named_holds(best, own, named_regions)
                                           and not _region_named_holds(best, own, city_regions))) \
                else None
            if foreign and len(scored) > 1:  # the far towns give way to the name's unit near the text's countries
                m.resolved = self._unit_near_named(m, scored)
            if memo_key is not None:
                memo[memo_key] = (m.scored, m.score, m.margin, m.resolved)

    def _score_candidates(self, m: RawMention, own: str, context: dict[str, int], city_regions: dict,
                          named_regions: dict, *, whole_context: dict[str, int] | None = None,
                          own_total: dict[str, int] | None = None) -> list[tuple[float, Candidate]]:
        """(score, candidate) for each reading of one mention, before apposition bonuses. ``context``: the
        country evidence this name is scored against (its own repeats left out); ``whole_context``: all of
        it, which says which country the text is most about (the name's repeats included); ``own_total``:
        what all the name's own mentions gave, left out of ``whole_context`` when asking whether the text is
        about the country of the name's most prominent reading (its own reading is no evidence for itself)."""
        whole_context = context if whole_context is None else whole_context
        several = len(m.candidates) > 1
        w = WEIGHTS
        dateline = self.dateline
        city_names = {(c.country_code, c.admin1, normalize(c.name)) for c in m.candidates if c.kind == _CITY} \
            if several else ()
        curated_here = {(c.country_code, "curated") for c in m.candidates if c.curated}
        priors = [_prior(c) for c in m.candidates]
        town_cued = own in self.town_cued
        landmark_cities = self._landmark_cities.get(own) if several else None
        full_readings = self._full_readings.get(own) if several else None
        beside = self._beside.get(own) if several else None
        if several:
            own_named = [c.kind == _CITY and _own_name(c.name) == _own_name(own) for c in m.candidates]
            if any(own_named):
                # A town's police and council bear its own name, not an old one: "the Berea Police
                # Department" is no department of Aleppo, once called Berea, unless the text is about Syria.
                priors = [p - w.alternate_name_penalty
                          - (w.town_cue_not_region if town_cued and not context.get(c.country_code) else 0.0)
                          if c.kind == _CITY and not named else p
                          for c, p, named in zip(m.candidates, priors, own_named)]
        top_prior = max(priors)
        # First-level regions of the name's own name, by country: {country: {(admin1, prior)}}.
        regions_here = _own_named_regions(m.candidates, own) if several and not town_cued else None
        # An obscure reading may win by coherence only against a famous one in a country the text is not
        # about ("Paris" in a Tennessee paper); in the same country the famous city stays ("Shiraz" in a
        # story that also names villages near a hamlet called Shīrāz). The name's own mentions, read as the
        # famous city last round, do not make the text about its country ("Jane, of Paris … a Dallas
        # hospital" stays open to Paris, Texas). A country's name is another matter: named, it is evidence.
        top = m.candidates[priors.index(top_prior)]
        totals: Mapping[str, int] = _NO_EVIDENCE if top.kind == _COUNTRY or not own_total else own_total
        obscure_may_cohere = not whole_context.get(top.country_code, 0) - totals.get(top.country_code, 0)
        top_weight = _top_value(whole_context)
        about_top_weight = None  # the most any country has from the other names: asked only for obscure readings
        scored = []
        for c, s in zip(m.candidates, priors):
            # (each field read once: Candidate is a plain-Python class, so every read from compiled code is a
            # generic attribute lookup)
            kind, cc, admin1, curated = c.kind, c.country_code, c.admin1, c.curated
            is_city, is_region = kind == _CITY, kind == _REGION
            weight = context.get(cc, 0)
            obscure = is_city and top_prior - s >= w.obscure_gap
            if weight and (not obscure or self._local_evidence(c, own, city_regions, named_regions)):
                s += min(w.context_cap, w.context_base + w.context_per_evidence * weight)
            if dateline is not None:
                if cc == dateline.country_code:
                    s += w.same_country_as_dateline
                if kind != _COUNTRY and self.near_dateline(c):
                    s += w.near_dateline
            if is_region and city_regions.get((cc, admin1), {own}) - {own}:
                s += w.region_holding_named_city  # "Georgia" in a story about Atlanta is the US state
            if is_region and city_names and (cc, admin1, normalize(c.name)) in city_names \
                    and not curated:
                s -= w.bare_name_is_city  # a bare "Khartoum" is the city, not the state
            if town_cued and kind in (_REGION, _COUNTRY):
                s -= w.town_cue_not_region  # "the Berea Police Department" is the town, not Lesotho's district
            if is_city and (cc, "curated") in curated_here:
                s -= w.curated_beats_village  # "Wales" is the nation, not the village of that name
            named_like_region = regions_here and is_city and _town_named_like_region(c, regions_here)
            if named_like_region:
                s -= w.town_named_like_region  # "Florida" in a New York paper is the state
            if (is_region or is_city and not obscure) and admin1 and several:
                votes = self._home_votes.get((cc, admin1))
                if votes:  # "Madison County" beside "Kentucky": the Kentucky one
                    s += (w.unit_in_home_region if is_region else w.city_in_home_region) \
                        * min(w.coherence_names, len(votes - {own}))
            if is_city and self._region_named_for(c, own, named_regions):
                s += w.city_in_named_region  # "Victoria" in a story about British Columbia
                # Not a town named like a region ("Montana and Wyoming" beside Ohio: still the state), nor an
                # obscure town named like a country ("served in Italy" beside Texas is no Italy, Texas).
                if not (named_like_region or obscure and top.kind == _COUNTRY):
                    s += self._named_beside(c, own, named_regions, obscure=obscure)  # "Mount Pleasant" beside "Texas"
            if is_city and landmark_cities and entry_key(c) in landmark_cities:
                s += w.city_of_named_landmark  # "Paris' Champs-Elysees"
            if full_readings and entry_key(c) in full_readings:
                s += w.reading_of_full_name  # "Petersburg" beside "St. Petersburg"
            if beside and not obscure and kind in (_CITY, _REGION) and _bears_name(c.name, own):
                # (not a reading by an alternate name: "Elizabethtown" is no name of Elizabeth, N.J. to pair on;
                # "Enfield" for Enfield Town is its own name with a word added)
                s += self._beside_bonus(c, own, beside)  # "Edmonton … Enfield"
            if obscure and weight and obscure_may_cohere and about_top_weight is None:
                about_top_weight = max((v - totals.get(k, 0) for k, v in whole_context.items()), default=0)
            if (weight and (whole_context.get(cc) == top_weight if not obscure else obscure_may_cohere
                            and whole_context.get(cc, 0) - totals.get(cc, 0)
                            == about_top_weight)
                    or not top_weight and not obscure) and several \
                    and kind in (_CITY, _REGION):
                s += self._coherence.bonus(c, own)  # "Huntsville" beside "Walker County": the Texas one
            scored.append((s, c))
        return scored


def _names_beside(mentions: list[RawMention], folded: dict[int, str]) -> dict[str, frozenset[str]]:
    """For each name, the other names with a mention at most beside_sentences sentences from one of its own."""
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for m in mentions:
        if m.candidates and m.kind_hint != "facility":
            by_sentence[m.sentence].add(folded[id(m)])
    # A weak mention (a common word, a club: "Chelsea") vouches for nothing beside it, though it may be read.
    vouching = {folded[id(m)] for m in mentions if m.candidates and not m.weak and m.kind_hint != "facility"}
    gap = WEIGHTS.beside_sentences
    out: dict[str, set[str]] = defaultdict(set)
    for i, names in by_sentence.items():
        around = set().union(*(by_sentence.get(j, ()) for j in range(i - gap, i + gap + 1))) & vouching
        for name in names:
            out[name] |= around
    # A name inside the other ("North Richmond" beside "Richmond", "DeKalb" beside "DeKalb County") is the same
    # name again, not a second witness.
    return {name: frozenset(o for o in others if not _word_within(o, name) and not _word_within(name, o))
            for name, others in out.items()}


_SITE_KINDS: Final = frozenset({Kind.LANDMARK, Kind.AIRPORT})


def _cities_of_landmarks_beside(mentions: list[RawMention], folded: dict[int, str]) -> dict[str, set[str]]:
    """For each name, the cities (entry keys) that landmarks and airports named beside it belong to: a site's
    name with a single such reading ("the Champs-Elysees"), at most beside_sentences from one of its mentions."""
    sites: dict[int, set[str]] = defaultdict(set)  # sentence: city keys
    for m in mentions:
        if not m.candidates or m.candidates[0].kind not in _SITE_KINDS:
            continue  # (most mentions: the cheap test first)
        owners = {c.city_id for c in m.candidates if c.kind in _SITE_KINDS and c.city_id}
        if len(owners) == 1 and all(c.kind in _SITE_KINDS for c in m.candidates):
            sites[m.sentence] |= owners
    if not sites:
        return {}
    gap = WEIGHTS.beside_sentences
    out: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind_hint != "facility" and any(c.kind == _CITY for c in m.candidates):
            for i in range(m.sentence - gap, m.sentence + gap + 1):
                out[folded[id(m)]] |= sites.get(i, set())
    return {name: keys for name, keys in out.items() if keys}


_TOWN_WORDS: Final = ("city", "town")  # "Springfield City", "Enfield Town": a town called by its own name and this word


def _town_called_city(mentions: list[RawMention], folded: dict[int, str]) -> None:
    """"X City" read as another town that merely bears "X City" as an alternate name, in a text that reads
    "X" as a town by its own name ("the Springfield City Area Transit" in a story about Springfield, Ohio, is
    no alternate name of Springfield, Mass.): the town the text reads as "X"."""
    towns: dict[str, dict[str, Candidate]] = defaultdict(dict)  # folded name -> its readings by own name
    for m in mentions:
        r = m.resolved
        if r is not None and r.kind == _CITY and _own_name(r.name) == _own_name(folded[id(m)]):
            towns[folded[id(m)]][entry_key(r)] = r
    if not towns:
        return
    for m in mentions:
        r, own = m.resolved, folded[id(m)]
        short, _, word = own.rpartition(" ")
        if r is None or r.kind != _CITY or word not in _TOWN_WORDS or _bears_name(r.name, own):
            continue
        readings = towns.get(short)
        if readings and len(readings) == 1:  # (read as two towns: which one is meant is not known)
            (town,) = readings.values()
            if entry_key(town) != entry_key(r):
                m.resolved = town


def _full_names(names) -> dict[str, set[str]]:
    """For each folded name that is a run of whole words of another name of the text ("petersburg" in
    "st. petersburg"), those longer names."""
    names = set(names)
    out: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = name.split()
        n = len(words)
        if n < 2:
            continue
        for i in range(n):
            for j in range(i + 1, n + 1 if i else n):  # proper runs only
                run = " ".join(words[i:j])
                if run in names:
                    out[run].add(name)
    return out


def _word_within(inner: str, outer: str) -> bool:
    """Whether the folded name ``inner`` is a run of whole words of ``outer``."""
    return f" {inner} " in f" {outer} "


def _own_named_regions(candidates: list[Candidate], own: str) -> dict[str, list[tuple[str, float]]]:
    """First-level regions among a name's readings that bear that very name: {country: [(admin1, prior)]}."""
    out: dict[str, list[tuple[str, float]]] = {}
    for c in candidates:
        if c.kind == _REGION and c.admin1 and _own_name(c.name) == _own_name(own):
            out.setdefault(c.country_code, []).append((c.admin1, _prior(c)))
    return out


def _town_named_like_region(c: Candidate, regions_here: dict[str, list[tuple[str, float]]]) -> bool:
    """A town named like a first-level region of its country, outside it, and weighing less than it. A
    region's own seat named like it ("Khartoum", "Nyeri") is no such town: bare_name_is_city decides it."""
    regions = regions_here.get(c.country_code)
    if not regions:
        return False
    return any(admin1 != c.admin1 and _prior(c) < prior for admin1, prior in regions)


def _home_region_votes(mentions: list[RawMention], folded: dict[int, str]) -> dict[tuple[str, str], set[str]]:
    """The first-level regions that names of the text lie in beyond doubt: {(country, admin1): names} for
    names whose every reading finer than a country lies in that one region ("Kentucky", "Zionsville"), each
    city reading by its own name."""
    votes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        if not m.candidates or m.weak or m.variant or m.kind_hint == "facility":
            continue
        region = None
        for c in m.candidates:
            if c.kind == _COUNTRY:
                continue
            if not c.admin1 or (region is not None and region != (c.country_code, c.admin1)):
                break
            # A reading by an alternate name ("McDaniel" for Lilburn) is no certainty.
            if c.kind == _CITY and _own_name(c.name) != _own_name(folded[id(m)]):
                break
            region = (c.country_code, c.admin1)
        else:
            if region is not None:
                votes[region].add(folded[id(m)])
    return votes


def _region_named_holds(c: Candidate, own: str, named_regions: dict) -> bool:
    """Whether the text names a first-level region holding ``c`` (by a name other than ``own``): what a
    name spelt another way than the gazetteer's needs ("Garbatulla … Isiolo county"). Called with the regions
    that hold the towns the text names too: another town of that region vouches as well ("Joypurhat town
    (Joypurhat Sadar, Rajshahi)": Bangladesh's divisions are named by their seats, read as the towns)."""
    return bool(c.admin1 and named_regions.get((c.country_code, c.admin1), {own}) - {own})


@lru_cache(maxsize=16_384)  # names repeat across candidates, rounds and articles; bounded
def _own_name(name: str) -> str:
    """A name folded for "is this the place's own name?": 'St. Petersburg' is 'Saint Petersburg', 'Elwak'
    is 'El Wak' (spaces dropped: a transliteration may fuse an article or split a name), 'Muranga' is
    'Murang'a' (apostrophes dropped, as prose often drops them)."""
    return "".join(ABBREVIATED_FIRST_WORDS.get(t, t) for t in normalize(name).split()).replace("'", "")


def _same_own_name(name: str, other: str) -> bool:
    """Whether two names are one place's own name (:func:`_own_name`), an Arabic name's article written or
    not: 'Al Arish' is 'Arīsh', which GeoNames writes without it."""
    if _own_name(name) == _own_name(other):
        return True
    a, b = normalize(name).split(), normalize(other).split()
    if len(a) > 1 and a[0] in _ARABIC_ARTICLES:
        a = a[1:]
    if len(b) > 1 and b[0] in _ARABIC_ARTICLES:
        b = b[1:]
    return _own_name(" ".join(a)) == _own_name(" ".join(b))


# The Arabic article as names are romanised, assimilated or not ("Al Arish", "El Fasher", "Ar Raqqah").
_ARABIC_ARTICLES: Final = frozenset(("al", "el", "ar", "as", "ash", "at", "ath", "ad", "adh", "az", "an", "ed", "es", "et",
                                     "ez"))


def _own_readings(candidates: list[Candidate], best: Candidate, own: str) -> list[Candidate]:
    """The readings that count against ``best``: when it bears the name as its own, not the places GeoNames
    merely lists the name for ("Sotik" is also an alternate name of Bomet, 25 km off; "Eastleigh" one of
    Orkney, South Africa); alternate_name_penalty already ranks those below."""
    if len(candidates) > 1 and _bears_name(best.name, own):
        return [c for c in candidates if c is best or _bears_name(c.name, own)]
    return candidates


def _own_name_and_town_word(name: str, own: str) -> bool:
    """"Kisii town": the town's own name and the word "town", as prose describes it, no alternate name. Not
    "City": "San Fernando City" is the Philippine city's own alternate name, not San Fernando, California's."""
    head, _, word = own.rpartition(" ")
    return bool(head) and word == "town" and _own_name(head) == _own_name(name)


@lru_cache(maxsize=16_384)
def _bears_name(name: str, own: str) -> bool:
    """Whether a place called ``name`` bears the folded name ``own`` as its own, perhaps with words added
    after it ("Enfield Town" for "Enfield"), not as an alternate name ("Tallaght" for "Talla")."""
    if _same_own_name(name, own):
        return True
    words, mine = normalize(name).split(), own.split()
    spelt = ABBREVIATED_FIRST_WORDS
    return [spelt.get(t, t) for t in words[:len(mine)]] == [spelt.get(t, t) for t in mine]


def _anchor_points(mentions: list[RawMention], folded: dict[int, str]) -> list[_Anchor]:
    """Readings of other names that can vouch for a reading near them before anything is chosen: not
    obscure themselves, finer than a country ("Paris" beside "Henry County": the Henry County that
    holds a Paris). ``few``: of a name with few readings, which alone may vouch for an obscure town."""
    w = WEIGHTS
    out = []
    for m in mentions:
        n = len(m.candidates)
        if not n or n > w.coherence_max_readings or m.variant:
            continue  # (a name spelt another way vouches for nothing: it needs a region named itself)
        # A site is named beside its town ("Cox Field" beside Paris, Texas) when the gazetteer knows it by that
        # very name, alone: a facility's generic name ("the County Courthouse") has no reading of its own.
        if m.kind_hint == "facility" and (n > 1 or m.candidates[0].kind not in _SITE_KINDS):
            continue
        priors = [_prior(c) for c in m.candidates]
        top = max(priors)
        few = n <= w.anchor_max_readings
        out += [_Anchor(c.lat, c.lon, folded[id(m)], c.country_code, c.admin1,
                        c.uncertainty_m <= w.local_evidence_m, few, _bears_name(c.name, folded[id(m)]))
                for c, p in zip(m.candidates, priors)
                if c.kind != _COUNTRY and not (c.kind == _CITY and top - p >= w.obscure_gap)]
    return out


def dateline_preference(mentions: list[RawMention]):
    """How to choose an unqualified dateline's city ("MANSFIELD —" in a local paper): the reading that the
    article's other names can be read near or in the same state, else the most populous (obscure readings
    never win by coherence: "LONDON —" stays London)."""
    def choose(cities: list[Candidate], own: str, span: tuple[int, int]) -> Candidate:
        others = [m for m in mentions if m.end <= span[0] or m.start >= span[1]]
        coherence = _Coherence(_anchor_points(others, {id(m): normalize(m.text) for m in others}))
        priors = [_prior(c) for c in cities]
        top = max(priors)
        return max(zip(cities, priors), key=lambda cp: (
            coherence.bonus(cp[0], own) if top - cp[1] < WEIGHTS.obscure_gap else 0.0, cp[0].population))[0]
    return choose


class _Anchor(NamedTuple):
    lat: float
    lon: float
    name: str  # the folded name whose reading this is
    country_code: str
    admin1: str
    small: bool  # within local_evidence_m across: it can vouch for places near it
    few: bool  # of a name with at most anchor_max_readings readings
    own_named: bool  # the reading bears the name as its own (perhaps with a word added: "Enfield Town")


class _Coherence:
    """Which other names of the text can be read near a candidate, or in its first-level region.

    Anchors sit in a grid of one-degree cells so that a candidate looks only at the cells around it: an
    article with many ambiguous names would otherwise compare every reading with every other.
    """

    _CELL = 1.0  # degrees; local_evidence_m (100 km) spans at most two cells at the latitudes people live

    def __init__(self, anchors: list[_Anchor]):
        self.grid: dict[tuple[int, int], list[_Anchor]] = defaultdict(list)
        self.regions: dict[tuple[str, str], set[str]] = defaultdict(set)
        for a in anchors:
            if a.small:
                self.grid[(math.floor(a.lat / self._CELL), math.floor(a.lon / self._CELL))].append(a)
            if a.admin1:
                self.regions[(a.country_code, a.admin1)].add(a.name)
        self._memo: dict[tuple[int, str], float] = {}
        self._near: dict[tuple[int, str], tuple[set[str], set[str], set[str]]] = {}

    def _near_names(self, c: Candidate, own: str) -> tuple[set[str], set[str], set[str]]:
        """Other names read within local_evidence_m of ``c``: all of them, those with few readings, and those
        with few readings read there by their own name."""
        key = (id(c), own)
        hit = self._near.get(key)
        if hit is None:
            limit = WEIGHTS.local_evidence_m
            ci, cj = math.floor(c.lat / self._CELL), math.floor(c.lon / self._CELL)
            span = 1 if abs(c.lat) < 60 else 3  # a degree of longitude shrinks towards the poles
            grid = self.grid
            close = [a for i in (ci - 1, ci, ci + 1) for j in range(cj - span, cj + span + 1)
                     for a in grid.get((i, j), ()) if a.name != own
                     and haversine_m(c.lat, c.lon, a.lat, a.lon) < limit]
            hit = self._near[key] = ({a.name for a in close}, {a.name for a in close if a.few},
                                     {a.name for a in close if a.few and a.own_named})
        return hit

    def near(self, c: Candidate, own: str) -> bool:
        """A name with few readings has a reading (not obscure) within local_evidence_m of ``c``."""
        return bool(self._near_names(c, own)[1])

    def near_beside(self, c: Candidate, own: str, beside: frozenset[str]) -> set[str]:
        """Names of ``beside`` with few readings, one of them by their own name within local_evidence_m of ``c``."""
        return self._near_names(c, own)[2] & beside

    def bonus(self, c: Candidate, own: str) -> float:
        key = (id(c), own)
        b = self._memo.get(key)
        if b is None:
            w = WEIGHTS
            # A state's or a big district's point says little about what lies near it: only its towns count.
            b = w.coherence_near * min(w.coherence_names, len(self._near_names(c, own)[0])) \
                if c.uncertainty_m <= w.coherence_near_max_radius_m else 0.0
            if c.admin1:
                others = self.regions.get((c.country_code, c.admin1), set()) - {own}
                b += w.coherence_same_region * min(w.coherence_names, len(others))
            self._memo[key] = b
        return b


def _acceptable(m: RawMention, best: Candidate, score: float, context: dict[str, int], gaz: Gazetteer) -> bool:
    if m.weak:
        # A common word ("Most", "Police") or a lone sentence-initial word needs a big place or context.
        big = best.kind == _COUNTRY or best.population >= WEIGHTS.common_sentence_initial_ok
        if not big:
            if m.kind_hint == "sentence_initial" and normalize(m.text) in gaz.common_words:
                return False
            if context.get(best.country_code, 0) < 1:
                return False
    # A name with one reading only, not a common word: trust it even without context ("North Darfur")...
    if len(m.candidates) == 1 and not m.weak and best.kind in (_REGION, _CITY):
        return score >= WEIGHTS.accept_single_reading
    return score >= WEIGHTS.accept


def _contained(c: Candidate, containers: list[Candidate]) -> bool:
    for k in containers:
        if k.kind == _COUNTRY and k.country_code == c.country_code and c.kind != _COUNTRY:
            return True
        if k.kind == _REGION and k.country_code == c.country_code and c.admin1 and k.admin1 == c.admin1:
            return True
    return False


def _contains(k: Candidate, inner: list[Candidate]) -> bool:
    return any(_contained(c, [k]) for c in inner)


# -- focus -----------------------------------------------------------------------------------------

def choose_focus(mentions, gaz: Gazetteer, dateline: Candidate | None):
    cities: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    by_key = {}
    for m in mentions:
        c = m.resolved
        if c is None or m.kind_hint == "dateline":
            continue
        by_key[entry_key(c)] = c
        if c.kind == _CITY:
            cities[entry_key(c)] += 1
            countries[c.country_code] += 1
        elif c.kind in (Kind.COUNTRY, Kind.REGION, Kind.LANDMARK, Kind.AIRPORT, Kind.DISTRICT):
            countries[c.country_code] += WEIGHTS.focus_country_evidence if c.kind == _COUNTRY else 1
    focus_city = dateline
    if dateline is not None and countries:
        # "DUBAI (Reuters) - Iran restricted …": the reporter is in Dubai, the story in Iran.
        top = max(countries, key=lambda k: countries[k])
        if (top != dateline.country_code and countries[top] >= WEIGHTS.focus_other_country_min
                and countries[top] >= WEIGHTS.focus_other_country_ratio * countries[dateline.country_code]):
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
