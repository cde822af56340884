"""Finding place mentions: gazetteer names in capitalised runs, named sites and districts, datelines.

Words that look like places but are not (common words, people's names, organisations, acronyms,
adjectives) are rejected here; choosing between candidates is disambiguate.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from . import patterns as rx
from .acled import countries as acled_countries
from .gazetteer import ABBREVIATED_FIRST_WORDS, TOKEN_RE, Gazetteer, normalize
from .geo import haversine_m
from .models import Candidate, Kind
from .peoples import homeland_names, peoples
from .segment import Span, SpanIndex, sentence_index

# Members compared in loops, bound once: reading Kind.CITY goes through the enum class (~60 ns),
# a module global costs a few.
_CITY, _REGION, _COUNTRY = Kind.CITY, Kind.REGION, Kind.COUNTRY
_LANDMARK, _AIRPORT = Kind.LANDMARK, Kind.AIRPORT


@dataclass(frozen=True, slots=True)
class MentionRules:
    """The numbers that decide whether words are a place mention at all."""

    # A city smaller than this is "small": its name next to a capitalised word is more likely part of a
    # person's or organisation's name ("Pedro Castillo", "the Inca citadel") than the place.
    small_place_population: int = 500_000
    # "the Buckhead neighbourhood": a small town of that name below this size is the district instead.
    district_not_town_population: int = 100_000
    # A sentence without a final stop, of at least this many words, this share of them capitalised, is a
    # headline: its capitals say nothing about names.
    headline_min_words: int = 4
    headline_capitalised_share: float = 0.7
    # "the Charlotte region": a town at least this big makes "region" the plain noun for its surroundings
    # when the unit keyed "<name> region" lies in another country; a smaller namesake (Bay, a town of 30,000
    # in the Philippines) leaves "the Bay region" Somalia's.
    region_noun_town_population: int = 100_000
    # "Zhari district, Kandahar": a district written beside a province that a town shares its name with is the
    # province's unit; beside a city of this size or more ("Kasarani district, Nairobi") it is a part of the city.
    district_of_city_population: int = 1_000_000


MENTION_RULES: Final = MentionRules()

# Words that open a sentence before a place's people without being a first name (_rejected_name).
_OPENING_WORDS: Final = frozenset(
           "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundreds "
           "thousands dozens scores angry irate rival striking disgruntled".split())
# Lower-case words allowed inside a multi-word name ("Plaza de Mayo", "Bosnia and Herzegovina").
# ("e", "i", "ye": Persian and Pashto names' ezafe, "Mazar-e Sharif", "Dara-i-Pech", "Chashmah-ye Duzakh"; "and" in
# Portuguese, Italian and Slavic names, "Trinidad e Tobago", "Bosna i Hercegovina")
CONNECTORS: Final = frozenset("of de la del el al the and y do da dos das di du des upon on s"
                              "ur am an der den von au aux "
                              "en le les sous im op e i ye".split())
# Words of a public body named after its place: "Gainesville Police", "Dublin City Council", "Georgia Bureau
# of Investigation". The place in such a name is still a place (where the body works); other capitalised
# words after a place make a longer name that is not a place ("Paris Hilton", "Jordan Peterson").
INSTITUTION_WORDS: Final = frozenset(
    "police sheriff sheriff's fire department city county public school schools university college board "
    "bureau council commission chamber utilities regional municipal hospital court courthouse township "
    "transit housing health water library parks emergency state highway "
    # ... and the other words of public bodies, their officers and civic events: "Laurel County Clerk",
    # "Walker County Judge", "Dublin Historical Society", "Gainesville Environmental Services", "Walker County
    # Fair". Newspapers are left out on purpose ("the Kathmandu Post" reports from anywhere).
    "clerk judge judge-executive mayor mayor's commissioners commissioner trustees legislature assembly senate "
    "delegation government administration authority agency office committee division district circuit superior "
    "family juvenile probate municipal attorney attorney's prosecutor prosecutor's jail detention correctional "
    "services service society association historical convention visitors tourism planning zoning development "
    "economic environmental forest army guard national rescue ems recreation veterans fair fairgrounds "
    "high middle elementary academy schools metro electric sewer sanitation zoo".split())
# Capitalised words before a place that do not make it part of a person's or organisation's name.
PLACE_MODIFIERS: Final = frozenset(
    "northern southern eastern western central north south east west northeast northwest southeast southwest "
    "greater upper lower inner outer downtown neighbouring neighboring rural urban coastal occupied "
    "in at from to near across throughout outside inside around and or but while as after before since "
    "the a an on by for of with within beyond both all when if during until later meanwhile elsewhere overnight "
    "also even only today yesterday tonight then there here this that these those "
    # adjectives, not first names: "New Gainesville prison", "Historic Dublin"
    "new old historic historical former modern ancient "
    "some many most several few every each no any other another more".split()
)
# Generic words that end a named site's name: "Ala-Too Square", "Bole International Airport".
FACILITY_WORDS: Final = (
    "Square|Plaza|Maidan|Avenue|Street|Road|Boulevard|Highway|Bridge|Palace|Park|Stadium|Airport|Airbase|"
    "Air Base|Station|Market|Bazaar|Mosque|Church|Cathedral|Temple|Pagoda|University|Hospital|Prison|Jail|"
    "Barracks|Building|House|Hall|Tower|Monument|Memorial|Camp|Port|Harbour|Harbor|Gate|Green|Roundabout|"
    "Junction|Checkpoint|Crossing|Compound|Headquarters|Embassy|Parliament|Complex|Mall|Court|Courthouse|"
    "Obelisk|Chowk|Secretariat|Museum|Gallery|Fort|Citadel|Cemetery|Shrine|Mausoleum|Arena|Terminal|Refinery|"
    "Dam|Centre|Center|Minar|Command|Stupa|Dargah|Gurdwara|Synagogue|Basilica|Monastery"
)
_FACILITY_WORD: Final = rx.compile(FACILITY_WORDS)
# People "of" a site, capitalised at a sentence's start or in a headline: not a word of the site's name
# ("Students of Dhaka University", "Members of Jhenaidah Press Club").
_PEOPLE_OF: Final = frozenset("students members residents supporters workers employees staff teachers lecturers pupils "
                              "activists leaders officials traders vendors followers alumni officers doctors nurses "
                              "journalists villagers families relatives parents patients worshippers".split())
_MORE_FACILITY_WORDS: Final = rx.compile(r"\s+(?:" + FACILITY_WORDS + r"|Museum|Gallery)\b")
# (Speed: written as "[A-Z](?<![…][A-Z])…" and its repeated name word's first round taken out of the repeat:
# a pattern that opens with a character set lets the engine jump from capital to capital. The same matches as
# "(?<![\w'’\-])((?:[A-Z]…){1,4}?)" (tests/test_mentions.py compares).)
_FACILITY_NAME_WORD: Final = r"[\w'’\-]*+\.?\s+(?:(?:of|de|la|del|el|al|the)\s+)?"
_FACILITY_RE: Final = rx.compile(
    r"([A-Z](?<![\w'’\-][A-Z])" + _FACILITY_NAME_WORD + r"(?:[A-Z]" + _FACILITY_NAME_WORD + r"){0,3}?)"
    r"(?:International\s+)?(" + FACILITY_WORDS + r")\b"
)
# Sites named with a leading generic word, as in French, Spanish and Portuguese: "Place de la Nation".
_SITE_PREFIXES: Final = ("Place", "Plaza", "Piazza", "Praça", "Praca", "Avenida", "Calle", "Rue", "Parque", "Palacio",
                         "Palais", "Estadio", "Universidad", "Casa", "Midan", "Maidan", "Jardin", "Puente", "Pont")
# (Speed: each word opens with its capital and checks the word boundary behind it, "\b" before a capital being
# "no word character before it": the engine skips to those capitals. The same matches as "\b(?:Place|…)\s+…".)
_FACILITY_PREFIX_RE: Final = rx.compile(
    "(?:" + "|".join(rf"{w[0]}(?<!\w{w[0]}){w[1:]}" for w in _SITE_PREFIXES) + ")"
    r"\s+(?:(?:de|del|de la|des|du|di|da|do|dos|das|la|le|l'|el)\s+)*[A-Z][\w'’\-]++(?:\s+[A-Z][\w'’\-]++){0,3}")
# A capitalised name with a lower-case generic head: "Kwai Fong station", "the Carondelet presidential palace".
# (Speed, here and in _AIRPORT_LOWER_RE: the capital comes first and the check of the character before it
# after it, so the regex engine can jump from capital to capital; the same matches as a lookbehind first.)
_SITE_LOWER_HEADS: Final = ("palace", "park", "station", "square", "bridge", "stadium", "prison", "jail", "market", "bazaar",
                            "roundabout", "junction", "mosque", "church", "cathedral", "temple", "campus", "barracks",
                            "compound", "headquarters", "refinery", "port", "mine", "camp", "zone", "industrial zone",
                            "industrial area", "industrial estate")
_SITE_LOWER_RE: Final = rx.compile(
    r"([A-Z](?<![\w'’\-][A-Z])[\w'’\-]++(?:\s+[A-Z][\w'’\-]++){0,2})\s+(?:(?:presidential|metro|subway|railway|train|bus|police|"
    r"military|army|central|main|old|national)\s+)?(?:" + "|".join(_SITE_LOWER_HEADS) + r")\b")
_AIRPORT_LOWER_RE: Final = rx.compile(
    r"([A-Z](?<![\w'’\-][A-Z])[\w'’\-]++(?:\s+[A-Z][\w'’\-]++)?)\s+(?:international\s+)?airport\b")
# A capital letter, accented ones included ("BOGOTÁ", "SÃO PAULO"): find_dateline checks the case.
_CAP: Final = r"[^\W\d_a-z]"
_DATELINE_RE: Final = rx.compile(
    r"(?:^\ufeff?|\n|\(|(?<=[.!?]\s))\s*\(?(" + _CAP + r"(?:" + _CAP + r"|['’\-])+(?:\s" + _CAP + r"(?:" + _CAP
    + r"|['’\-])+){0,3})"
    r"(?:,\s*(" + _CAP + r"(?:[^\W\d_]|[ .'’\-]){1,40}?))??\)?"
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\((?:AP|AFP|Reuters|dpa|ABC|RFE/RL|Xinhua|[A-Z][\w ]{1,20})\)\s*)?"
    r"[-—–]{1,2}\s"
)


@dataclass(slots=True, init=False)
class RawMention:
    """A span that may name a place, with its candidates and, once decided, its resolution."""

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
    # Another spelling of a gazetteer name ("Garbatulla" for Garba Tula): stands only where the text names a
    # region that holds it.
    variant: bool = False
    # For a site: cities named inside its name ("Kabul Stadium"), the owner when the text names no other.
    inner_cities: list[Candidate] = field(default_factory=list)
    # For a site: the name mentions inside its name ("Clarke County" in "Clarke County Superior Court"), no
    # longer mentions themselves but still read in context, so that the site can be placed where they are.
    inner: list[RawMention] = field(default_factory=list)

    # Written, not generated: mypyc compiles it (the generated one runs interpreted; see incidentmap/models.py).
    def __init__(self, start: int, end: int, text: str, candidates: list[Candidate], sentence: int,
                 kind_hint: str = "", role: str = "", resolved: Candidate | None = None, score: float = 0.0,
                 margin: float = 0.0, scored: list[Candidate] | None = None, weak: bool = False,
                 variant: bool = False, inner_cities: list[Candidate] | None = None,
                 inner: list[RawMention] | None = None) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.candidates = candidates
        self.sentence = sentence
        self.kind_hint = kind_hint
        self.role = role
        self.resolved = resolved
        self.score = score
        self.margin = margin
        self.scored = [] if scored is None else scored
        self.weak = weak
        self.variant = variant
        self.inner_cities = [] if inner_cities is None else inner_cities
        self.inner = [] if inner is None else inner


_CONNECTOR_RE: Final = "|".join(sorted(CONNECTORS, key=len, reverse=True))
# A run of capitalised words with the gaps and connectors names may contain: only these runs are scanned.
# (Speed, as in _SITE_LOWER_RE: the capital first and the character before it checked after it, so the engine
# jumps from capital to capital; the same matches as "(?<![\w'’])[^\W\d_a-z]…".)
_CAP_SPAN: Final = rx.compile(
    r"[^\W\d_a-z](?<![\w'’][^\W\d_a-z])[\w'’\u0300-\u036f]*"
    r"(?:(?:[ \-‐‑–]|\.[ ]?|[ ]{2})(?:(?:" + _CONNECTOR_RE + r")[ \-])*[^\W\d_a-z][\w'’\u0300-\u036f]*)*")


# A word of a capitalised run or around it: (start, end, the word as written). (Speed: the functions that read
# them are typed with it, so that compiled code indexes the list and the tuples natively.)
_Token = tuple[int, int, str]


def _token_before(text: str, pos: int) -> tuple[int, int, str] | None:
    """The word just before ``pos`` if only a short gap separates them (the checks need no more)."""
    k = pos
    while k > 0 and pos - k <= 3 and not text[k - 1].isalnum():
        k -= 1
    end = k
    while k > 0 and (text[k - 1].isalnum() or (text[k - 1] in "'’" and k > 1 and text[k - 2].isalnum())):
        k -= 1
    return (k, end, text[k:end]) if end > k else None


# The word just after a position: up to four characters that are not letters or digits ([\W_]: what
# str.isalnum rejects), then letters and digits, with apostrophes inside ("Kazakhstan's").
_TOKEN_AFTER: Final = rx.compile(r"[\W_]{0,4}+((?:[^\W_]|['’](?=[^\W_]))+)")


def _token_after(text: str, pos: int) -> tuple[int, int, str] | None:
    """The word just after ``pos`` if only a short gap separates them (one regex match, not a loop per
    character: this runs for every capitalised run of an article)."""
    m = _TOKEN_AFTER.match(text, pos)
    return (m.start(1), m.end(1), m.group(1)) if m is not None else None


def _run_tokens(text: str, run: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """TOKEN_RE's tokens of the capitalised run ``run`` = text[s:e], as (start, end, token).

    Speed: most runs are one word ("The", "Nairobi") or words between single spaces ("New York"), all letters
    and digits: their tokens are those words (TOKEN_RE's token is a run of what str.isalnum accepts, joined
    only by apostrophes), found by str methods, not by a regex scan and its match objects per run. Other runs
    (apostrophes, hyphens, dots, accents written apart) go to TOKEN_RE (tests/test_mentions.py compares)."""
    if run.isalnum():
        return [(s, e, run)]
    words = run.split(" ")
    if all(w.isalnum() for w in words):  # (no empty word: one space between words)
        out: list[tuple[int, int, str]] = []
        k = s
        for w in words:
            out.append((k, k + len(w), w))
            k += len(w) + 1
        return out
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, s, e)]


# The first words of the peoples' names of two words ("Habar" of "Habar Gidir"): only these try a pair.
_PAIRED_PEOPLE_FIRST: Final = frozenset(name.split(" ", 1)[0] for name in homeland_names() if " " in name)


def scan_names(text: str, gaz: Gazetteer, sents: list[Span], *, people: set[str] | None = None,
               homelands: set[str] | None = None) -> list[RawMention]:
    """The gazetteer's names in the text. ``people``: if given, filled with the countries the text names by their
    people ("Kenyan police": the disambiguator's evidence), read off the same capitalised words (speed);
    ``homelands``: likewise, the countries of the peoples it names ("Pokot raiders": peoples.homeland_names)."""
    sent_of = sentence_index(sents)
    demonyms = country_demonyms() if people is not None else None
    peoples_of = homeland_names() if homelands is not None else None
    sentence_initial = {s.start for s in sents}
    out: list[RawMention] = []
    person_names: set[str] = set()
    surnames: set[str] = set()  # seen after a first name and a middle initial: a person's whatever it names
    styles = [_sentence_style(text[s.start:s.end]) for s in sents]
    first_words = gaz.first_words
    for span in _CAP_SPAN.finditer(text):
        s, e = span.span()
        run = span.group()
        inner = _run_tokens(text, run, s, e)
        if demonyms is not None and people is not None:
            for t in inner:
                code = demonyms.get(t[2])
                if code is not None:
                    people.add(code)
        if peoples_of is not None and homelands is not None:
            for k, t in enumerate(inner):
                code = peoples_of.get(t[2])
                if code is None and k + 1 < len(inner) and t[2] in _PAIRED_PEOPLE_FIRST:
                    code = peoples_of.get(f"{t[2]} {inner[k + 1][2]}")  # "Habar Gidir"
                if code is not None:
                    homelands.add(code)
        if "." not in run and not any(_name_word(t[2]) in first_words or _fused_article(_name_word(t[2]), gaz)
                                               or _spelling_variant(_name_word(t[2]), gaz) for t in inner):
            continue  # no word here starts a known name ("The", "Police"): most capitalised runs
        style = styles[sent_of(s)] if styles else ""
        # The span's tokens plus one token either side, for the "part of a longer name" checks.
        prev = _token_before(text, s)
        tokens = [prev] if prev else []
        first = len(tokens)
        tokens += inner
        last = len(tokens)
        nxt = _token_after(text, e)
        if nxt:
            tokens.append(nxt)
        _scan_span(text, gaz, tokens, first, last, sentence_initial, sent_of, out, person_names, surnames, style)
    # A surname seen once after a first name ("Pedro Castillo", "Raynola St. Clair") is a person everywhere
    # ("Castillo's aides", "St. Clair wants").
    # ... unless the text also uses the name as a place, after a preposition: "First Baptist Church Maryville"
    # or "Rodeo Gainesville" make no person of "in Maryville", "in Gainesville".
    # A name a quotation is attributed to ("… ,” said Georgia.") is a person's, whatever else it names: a
    # text means one thing by one name, so "Georgia's father" and "Georgia began skating" are hers too.
    # ("“We will not pay,” said Iran.": a country speaks through its government; a name that is only a
    # country's stays.)
    speakers = {normalize(g) for g in _speaker_names(text)}
    if speakers:
        speakers = {normalize(m.text) for m in out if normalize(m.text) in speakers
                    and not all(c.kind == _COUNTRY for c in m.candidates)}
        person_names |= speakers
    # Nor do "Gainesville residents" or "the Gainesville police": only a place has residents and police, so
    # "Gainesville says no" is the town speaking.
    # Nor does a name the text calls a town ("the city of Edwardsville", "the Edwardsville City Council").
    if person_names:
        person_names -= {normalize(m.text) for m in out
                         if (_IN_PLACE_BEFORE.search(text, max(0, m.start - 12), m.start)
                             and not text.startswith(("'s", "’s"), m.end))
                         or _PLACE_NOUN_AFTER.match(text, m.end) or _CITY_CUE_AFTER.match(text, m.end)
                         or _CITY_CUE_BEFORE.search(text, max(0, m.start - 20), m.start)}
    # A surname after a first name and an initial ("Matthew D. Flores") is a person's everywhere unless it
    # also names a country ("Flores, 26, had just left the Army").
    return [m for m in out if not (normalize(m.text) in person_names
                                   and (_small_by_own_name(m) or normalize(m.text) in speakers))
            and not (normalize(m.text) in surnames and not any(c.kind == _COUNTRY for c in m.candidates))]


# Words that call a name a town, not a region: "Quebec mayor", "Veracruz City Council", "the city of Veracruz".
_CITY_CUE_AFTER: Final = rx.compile(r"(?:'s|’s)?\s+(?:(?i:mayor)|(?:City|city)\s+(?:Council|council|Hall|hall"
                                    r"|limits))\b")
_CITY_CUE_BEFORE: Final = rx.compile(r"\b(?i:city|town|mayor|municipality)\s+of\s+$")
# A school's word after a name: "Jagannath university", "Kenyatta University".
_SCHOOL_AFTER: Final = rx.compile(r"\s+(?i:university|college|polytechnic|institute)\b")
# Lower-case nouns after a name that only a place takes: "Gainesville residents", "the Berea police", and its
# people by what they do ("Turkana villagers clash", "Nakuru traders protested"; not "supporters": "Odinga
# supporters"; not "students": "Valley students trace their family genealogy" in LGL).
_PLACE_NOUN_AFTER: Final = rx.compile(r"\s+(?:residents?|natives?|outskirts|police|mayor|city\s+council|"
                                      r"town\s+council|city\s+limits|traders|farmers|villagers)\b")
# ... nor a school or a hospital named after the place: "Kisumu Girls' High School closed", "Meru Level Five
# Hospital admitted …" (a place's name with up to three more capitalised words before the institution).
_NAMED_INSTITUTION_AFTER: Final = rx.compile(r"(?:\s+[A-Z][\w'’]*){0,3}?\s+(?:School|University|College|Polytechnic"
                                             r"|Academy"
                                             r"|Hospital)\b")
# The speaker after a quotation: "…," said Georgia. (one capitalised word, then the sentence or clause ends).

# The unit or settlement words that may stand between a place and the bracket of the places holding it
# ("Gopalpur town (Tangail)", "Lalpur upazila (Natore)", "Kibera slums (Nairobi)"): one list, read by the
# disambiguator (the qualifier's containment) and by the incidents' locator (the qualified name's area).
QUALIFIER_UNITS: Final = (r"town|city|village|area|upazila|union|district|sub-?county|county|municipality|tehsil|"
                          r"taluka|locality|ward|slums?|estate|bazaa?r")
# Of those, the administrative units that can be far larger than a town's own area: an unknown one said to
# lie in a town ("Zorapur upazila in Rajshahi") puts the event somewhere in that town's wider area. Not
# "district": a city's own districts lie inside it ("the Medeu district of Almaty"; sites.py places them).
ADMIN_UNITS: Final = r"upazila|union|sub-?county|county|municipality|tehsil|taluka|division|province"

_SPEAKER: Final = rx.compile(r"[,.!?][\"”’']?\s+(?:said|says|added|explained|recalled|noted|asked)\s+"
                             r"([A-Z][\w'’\-]+)(?=\s*[.,;!?])")
_SPEAKER_VERBS: Final = ("said", "says", "added", "explained", "recalled", "noted", "asked")  # (_SPEAKER's, as written)


def _speaker_names(text: str) -> list[str]:
    """What ``_SPEAKER.findall(text)`` finds. Speed: the pattern, tried at every comma and stop of the text, is
    tried only where one of its verbs stands after white space after a stop and perhaps a quotation mark (the
    verbs found by str.find, the way back read character by character); a start inside the previous match is
    skipped as the scan skips it (tests/test_mentions.py compares)."""
    starts: list[int] = []
    for verb in _SPEAKER_VERBS:
        k = text.find(verb)
        while k >= 0:
            b = k
            while b > 0 and text[b - 1].isspace():
                b -= 1
            if b < k and b > 0:  # (\s+ before the verb, and a character before that)
                if text[b - 1] in "\"”’'":
                    b -= 1
                if b > 0 and text[b - 1] in ",.!?":
                    starts.append(b - 1)
            k = text.find(verb, k + 1)
    starts.sort()
    out: list[str] = []
    end = 0
    for x in starts:
        if x < end:
            continue
        m = _SPEAKER.match(text, x)
        if m is not None:
            out.append(m.group(1))
            end = m.end()
    return out


def _name_word(tok: str) -> str:
    """A token as the index spells it: folded, without a possessive ending."""
    return normalize(tok[:-2] if tok.endswith(("'s", "’s")) else tok)


def _sentence_style(sentence: str) -> str:
    """'shouting' (all capitals), 'headline' (Title Case) or '': capitals then say little about names."""
    upper = _count_upper(sentence)
    if upper > 8:  # at least 12 letters, more than 70 % of them capitals
        letters = _count_alpha(sentence)
        if letters >= 12 and upper * 10 > 7 * letters:
            return "shouting"
    # A headline has no full stop; a sentence full of names ("President X met Y in March.") has one.
    if sentence.rstrip().endswith((".", "!", "?", ".\"", ".”")):
        return ""
    words = _WORD_START.findall(sentence)
    if len(words) >= MENTION_RULES.headline_min_words and \
            sum(w[0].isupper() for w in words) >= MENTION_RULES.headline_capitalised_share * len(words):
        return "headline"
    return ""


_WORD_START: Final = rx.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]*")
# The ASCII bytes that are not capitals, not letters: what a translation deletes to leave the ones counted.
_ASCII_NOT_UPPER: Final = bytes(i for i in range(256) if not 65 <= i <= 90)
_ASCII_NOT_ALPHA: Final = bytes(i for i in range(256) if not (65 <= i <= 90 or 97 <= i <= 122))


# The ASCII bytes: deleted from a text's UTF-8, they leave its non-ASCII characters' bytes (all >= 0x80).
_ASCII_BYTES: Final = bytes(range(128))


def _count_upper(text: str) -> int:
    """``sum(map(str.isupper, text))``: this runs on every sentence of inputs up to 1 MB. Speed: ASCII
    characters are counted by one byte translation that deletes the rest, not by a call per character; a text
    with a curly quote or dash (most news) calls str.isupper only on its few non-ASCII characters, which its
    UTF-8 keeps when its ASCII bytes are deleted ("surrogatepass": a lone surrogate too)."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NOT_UPPER))
    utf8 = text.encode("utf-8", "surrogatepass")
    return len(utf8.translate(None, _ASCII_NOT_UPPER)) + \
        sum(map(str.isupper, utf8.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")))


def _count_alpha(text: str) -> int:
    """``sum(map(str.isalpha, text))``, as :func:`_count_upper` counts."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NOT_ALPHA))
    utf8 = text.encode("utf-8", "surrogatepass")
    return len(utf8.translate(None, _ASCII_NOT_ALPHA)) + \
        sum(map(str.isalpha, utf8.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")))


def _scan_span(text: str, gaz: Gazetteer, tokens: list[_Token], first: int, n_tok: int, sentence_initial: set[int],
               sent_of, out: list[RawMention], person_names: set[str], surnames: set[str], style: str = "") -> None:
    """Longest gazetteer names among tokens[first:n_tok] (tokens around them are context only)."""
    norm_cache: dict[int, str] = {}

    def norm(k: int) -> str:
        key = norm_cache.get(k)
        if key is None:
            key = norm_cache[k] = _name_word(tokens[k][2])
        return key

    next_free = first
    for i in [k for k in range(first, n_tok) if tokens[k][2][0].isupper()]:
        if i < next_free:
            continue
        start, end, tok = tokens[i]
        # A one-word name the index holds spelt another way ("Elwak": "el wak"; "Garbatulla": "garba tula").
        respelt = variant = None
        if norm(i) not in gaz.first_words:
            respelt = _fused_article(norm(i), gaz)
            if respelt is None and not (i + 1 < n_tok and text[end:tokens[i + 1][0]] == "."):  # "U.S." folds: "us"
                if i + 1 >= n_tok or not tokens[i + 1][2][0].isupper():  # not part of a longer name
                    respelt = variant = _spelling_variant(norm(i), gaz)
                if respelt is None:
                    continue
        best = (i, respelt) if respelt is not None else _longest_name(text, gaz, tokens, i, n_tok, norm)
        if best is None and respelt is None:
            # the first word of longer names only ("Elwak" of a ward "Elwak North"): the name spelt another way
            respelt = _fused_article(norm(i), gaz)
            best = (i, respelt) if respelt is not None else None
            if best is None and i + 1 < len(tokens) and tokens[i + 1][2] in _REGION_WORDS \
                    and text[end:tokens[i + 1][0]] == " " and f"{norm(i)} {tokens[i + 1][2]}" in gaz.index:
                best = (i, norm(i))  # "Kurdistan province": a region's name the index holds only with its noun
        if best is None:
            continue
        j, key = best
        if j + 2 < len(tokens) and tokens[j + 1][2] in _EZAFE and tokens[j + 2][2][:1].isupper() \
                and text[tokens[j][1]:tokens[j + 1][0]] in _EZAFE_GAPS \
                and text[tokens[j + 1][1]:tokens[j + 2][0]] in _EZAFE_GAPS:
            # "Nawa-e Barakzayi", "Dara i Pech": the ezafe binds the words into one name the gazetteer lacks; its
            # first word alone ("Nawa", a Syrian town) names nothing here
            next_free = j + 3
            continue
        if j + 1 < len(tokens) and tokens[j + 1][2] in _REGION_WORDS and \
                text[tokens[j][1]:tokens[j + 1][0]] == " " and f"{key} {tokens[j + 1][2]}" in gaz.index \
                and not _region_of_a_city_elsewhere(gaz, key, tokens[j + 1][2]):
            j, key = j + 1, f"{key} {tokens[j + 1][2]}"  # "Kurdistan province"
        elif j + 1 < len(tokens) and tokens[j + 1][2] in ("city", "town") and \
                text[tokens[j][1]:tokens[j + 1][0]] == " " and any(
                    c.kind == _CITY for c in gaz.lookup(f"{key} {tokens[j + 1][2]}")):
            j, key = j + 1, f"{key} {tokens[j + 1][2]}"  # "Veracruz city": the town, where the bare name is the state
        elif j + 1 < len(tokens) and tokens[j + 1][2] in _COUNTY_ABBREVIATIONS and \
                text[tokens[j][1]:tokens[j + 1][0]] == " " and text.startswith(".", tokens[j + 1][1]) \
                and f"{key} county" in gaz.index \
                and (style or tokens[j][2].isupper() or _COUNTY_NOUN_AFTER.match(text, tokens[j + 1][1] + 1)):
            j, key = j + 1, f"{key} county"  # "PLYMOUTH CO. -": Plymouth County, not the town
        m_end = tokens[j][1]
        if tokens[j][2].endswith(("'s", "’s")):
            m_end -= 2
        surface = text[start:m_end]
        cands = gaz.lookup(key)
        reason = _rejected_name(text, tokens, i, j, key, surface, gaz, sentence_initial, style, readings=cands)
        if reason:
            if reason == "person":
                person_names.add(key)
            elif reason == "surname":
                surnames.add(key)
            next_free = j + 1
            continue
        if any(c.kind == _REGION for c in cands) and (
                _CITY_CUE_AFTER.match(text, m_end) or _CITY_CUE_BEFORE.search(text, max(0, start - 20), start)):
            # "Quebec mayor Régis Labeaume", "the city of Veracruz": the town a wide region left its bare name
            # to (it keeps "<name> city") is a reading again; the disambiguator's town cue chooses it.
            cands = cands + [c for c in gaz.lookup(f"{key} city") if c.kind == _CITY and c not in cands]
        if _SCHOOL_AFTER.match(text, m_end):
            # "Jagannath university", "Kenyatta University": a school named after someone, or after a town's other
            # name (Puri's "Jagannath"), is no sign of that town; a town's own name stays ("Maseno University")
            own = [c for c in cands if c.kind != _CITY or normalize(c.name) == key]
            if len(own) < len(cands):
                cands = own
                if not cands:
                    next_free = j + 1
                    continue
        sites = [c for c in cands if c.kind in (_LANDMARK, _AIRPORT)]
        if sites:  # a named site is judged by the city it stands in, not by its name alone
            out.append(RawMention(start, m_end, surface, sites, sent_of(start), kind_hint="facility"))
            next_free = j + 1
            continue
        # A lone word opening a sentence may be any capitalised word, unless a place noun follows it:
        # "Nyandarua residents protested" names a place wherever it stands.
        weak = key in gaz.common_words or (i == j and (start in sentence_initial or style == "shouting"
                                                        or key in _COMPASS)
                                           and not _PLACE_NOUN_AFTER.match(text, m_end)
                                           and not _NAMED_INSTITUTION_AFTER.match(text, m_end))
        if i == j and key in _COMPASS and _COMPASS_ADJECTIVE.match(text, m_end):
            next_free = j + 1  # "Eastern traditions", "Eastern High School": a direction or a name, no region
            continue
        if i == j and _adjectival(text, tokens, i, cands):
            next_free = j + 1
            continue
        # (a surname or a common word is no airport either, nor a place people live in: "residents of Moi",
        # "the Nairobi area of Moi" is no Moi International Airport)
        if not weak and (airports := _airports_by_their_own_word(key, cands, gaz)) \
                and not _SETTLEMENT_BEFORE.search(text, max(0, start - _SETTLEMENT_REACH), start) \
                and not _SETTLEMENT_AFTER.match(text, m_end):
            cands = cands + airports
        out.append(RawMention(start, m_end, surface, cands, sent_of(start), weak=weak,
                            kind_hint="sentence_initial" if start in sentence_initial else "",
                            variant=variant is not None))
        next_free = j + 1



# The ezafe of Persian, Dari and Pashto names, between two of their words ("Pul-e Khumri", "Mazar-i-Sharif").
_EZAFE: Final = frozenset(("e", "i", "ye"))
_EZAFE_GAPS: Final = frozenset(("-", " ", "‐", "‑"))
# Words that make a name a settlement's: "residents of X", "the area of X", "X village", "X residents".
_SETTLEMENT_BEFORE: Final = rx.compile(r"(?i:\b(?:residents|inhabitants|people|villagers|area|village|town|suburb"
                                       r"|estate"
                                       r"|neighbou?rhood|location|ward)\s+of\s+(?:the\s+)?$)")
_SETTLEMENT_REACH: Final = 30  # characters before a name searched for it: "neighbourhood of the " and a space
_SETTLEMENT_AFTER: Final = rx.compile(r"(?i:\s+(?:residents|villagers|village|town|township|estate|area|ward|location"
                                      r"|constituency|sub-?county|county)\b)")


def _airports_by_their_own_word(key: str, cands: list[Candidate], gaz: Gazetteer) -> list[Candidate]:
    """Airports the press names by the word after their city's name: "Heathrow" for London Heathrow
    Airport, "Gatwick", "O'Hare", "Nairobi's Wilson". One more reading of the bare name, unless a town of
    that name stands in the airport's own country ("Logan" in the US is the Utah city as often as Billings
    Logan Airport, "Luton" is the town) or the name opens the airport's name ("Newark", "Narita": the city)."""
    if key in _GENERIC_AIRPORT_WORDS:
        return []  # "North Island" is no Annette Island Airport
    found = gaz.lookup(f"{key} airport")
    if not found:
        return []
    towns = {c.country_code for c in cands if c.kind == _CITY}
    return [a for a in found
            if a.kind == _AIRPORT and a.country_code not in towns and a not in cands
            and f" {key} " in f" {normalize(a.name)} " and not normalize(a.name).startswith(key)]


# Generic words that many airports' names have before "Airport" ("Lopez Island Airport", "Tri-County Regional
# Airport"): none names an airport on its own.
_GENERIC_AIRPORT_WORDS: Final = frozenset("island islands lake river bay valley field beach c"
                                          "ounty regional international "
                                          "municipal city mountain harbour harbor point creek springs falls national".split())


# Arabic articles that transliterations often fuse to the name: "Elwak" is El Wak, "Alqosh" Al Qosh.
_FUSED_ARTICLES: Final = ("el", "al")
_FUSED_MIN_REST: Final = 3  # letters after the article: "Elma", "Alto" are names of their own, not "El Ma"


def _fused_article(key: str, gaz: Gazetteer) -> str | None:
    """The index key of a one-word name the gazetteer lacks that is a known town's name with its article
    fused ("elwak" -> "el wak"), else None. Only towns and regions: an article fused to a site's name
    is no evidence."""
    if len(key) < len("el") + _FUSED_MIN_REST or not key.startswith(_FUSED_ARTICLES) or " " in key \
            or key in gaz.index:
        return None
    spaced = f"{key[:2]} {key[2:]}"
    cands = gaz.lookup(spaced)
    return spaced if cands and all(c.kind in (_CITY, _REGION) for c in cands) else None


_VARIANT_MIN_LETTERS: Final = 7  # shorter words have too many near neighbours among 170k names
_VARIANT_MIN_PART: Final = 3  # each word of a split name: "Garba Tula", not "G Arbatula"


@lru_cache(maxsize=32_768)  # names repeat across spans and articles; bounded (the gazetteer is one object)
def _spelling_variant(key: str, gaz: Gazetteer) -> str | None:
    """The index key of a two-word town or region that a one-word name the gazetteer lacks writes together,
    perhaps with a letter doubled ("garbatulla" -> "garba tula"), as transliterations of East African and
    South Asian names vary. None if no such name, or several. (A doubled letter alone is no variant:
    "Barnett" is a surname, not Barnet.)"""
    if len(key) < _VARIANT_MIN_LETTERS or not key.isalpha() or not key.isascii() or key in gaz.index:
        return None
    forms = {key}
    forms.update(key[:p] + key[p + 1:] for p in range(len(key) - 1) if key[p] == key[p + 1])  # "tulla" -> "tula"
    found = set()
    for form in forms:
        for p in range(_VARIANT_MIN_PART, len(form) - _VARIANT_MIN_PART + 1):
            spaced = f"{form[:p]} {form[p:]}"
            if spaced in gaz.index:
                found.add(spaced)
    if len(found) != 1:
        return None
    spaced = found.pop()
    if spaced in gaz.common_words or not all(c.kind in (_CITY, _REGION) for c in gaz.lookup(spaced)):
        return None
    return spaced


def _longest_name(text: str, gaz: Gazetteer, tokens: list[_Token], i: int, n_tok: int, norm) -> tuple[int, str] | None:
    """(last token, index key) of the longest gazetteer name starting at tokens[i], or None."""
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
            elif j > i and parts[0] in ABBREVIATED_FIRST_WORDS and not word.endswith(("'s", "’s")):
                # (Not a possessive: "St. Patrick's Day", "St. Michael's School" are a saint's, not a town's.)
                spelt = " ".join([ABBREVIATED_FIRST_WORDS[parts[0]], *parts[1:]])
                if spelt in gaz.index:
                    best = (j, spelt)  # "St. Paris" is the gazetteer's Saint Paris
        if word.endswith(("'s", "’s")):
            # a possessive ends the name ("Kazakhstan's president"), unless it is a word of a town's own name the
            # index holds without its apostrophe ("Cox's Bazar": "coxs bazar")
            fused = [*parts[:-1], parts[-1] + "s"]
            for k in range(j + 1, min(n_tok, j + _POSSESSIVE_NAME_TAIL + 1)):
                if not _joinable(text, tokens[k - 1][1], tokens[k][0]) or not _is_name_start(tokens[k][2]):
                    break
                fused.append(norm(k))
                if " ".join(fused) in gaz.index:
                    best = (k, " ".join(fused))
                if tokens[k][2].endswith(("'s", "’s")):
                    break
            break
        j += 1
    return best


_POSSESSIVE_NAME_TAIL: Final = 2  # words after a possessive inside a town's name: "Cox's Bazar", "St John's Wood"
_REGION_WORDS: Final = frozenset("province region state oblast governorate department district prefecture county".split())


def _region_of_a_city_elsewhere(gaz: Gazetteer, key: str, word: str) -> bool:
    """'the Charlotte region': the country around a city, not a namesake unit in another country.

    A unit keyed "<name> region" (Saint Vincent's Charlotte parish) is what "<name> region" means unless the
    name's main reading, its most populous town (a big one), lies in another country ("the Kabul region":
    Kabul province). Elsewhere "region" is the plain noun and the bare name is read as any other mention.
    ("province", "state", "county" are no plain nouns for a town's surroundings: they keep the unit.)"""
    if word != "region":
        return False
    # (By its own name: "Puno" is also an old spelling of Pune, India, whose size says nothing here.)
    towns = [c for c in gaz.lookup(key) if c.kind == _CITY and normalize(c.name) == key]
    if not towns:
        return False
    main = max(towns, key=lambda c: c.population)
    return main.population >= MENTION_RULES.region_noun_town_population \
        and all(c.country_code != main.country_code for c in gaz.lookup(f"{key} {word}"))
# The first words of town names as newspapers abbreviate them: "St. Paris", "Ft. Myers", "Mt. Vernon". Tried
# only when the name as written is not in the index (which holds "St. Louis" as written): ABBREVIATED_FIRST_WORDS.
# "PLYMOUTH CO.", "Dallas Co.": a county, abbreviated.
_COUNTY_ABBREVIATIONS: Final = frozenset({"Co", "CO"})
# ... in a headline, a dateline, or before a county's people or officers ("Loudon Co. man dies"); in prose
# "Crane Co." is as often a company.
_COUNTY_NOUN_AFTER: Final = rx.compile(r"\s+(?:man|woman|men|women|teen|boy|girl|residents?|deputies|officials|voters|"
                                       r"Sheriff|Commission|Commissioners|Court|Board|Schools?)\b")


def _small_by_own_name(m: RawMention) -> bool:
    """Whether the mention's readings are all small towns, leaving out towns that bear the name only as an
    alternate one (countries and regions always count): a person's surname
    ("Judge Casey Manning") is not saved by a big city that GeoNames lists it for as an alternate name
    (Wanning, China, "Manning")."""
    key = normalize(m.text)
    return _small([c for c in m.candidates if c.kind != _CITY or normalize(c.name) == key] or m.candidates)


def _small(cands: list[Candidate]) -> bool:
    return all(c.kind == _CITY and c.population < MENTION_RULES.small_place_population for c in cands)


def _adjectival(text: str, tokens: list[_Token], i: int, cands: list[Candidate]) -> bool:
    """'the Inca citadel': a small place's name used as an adjective, not as a place."""
    if i == 0 or i + 1 >= len(tokens) or not _small(cands):
        return False
    prev, nxt = tokens[i - 1], tokens[i + 1]
    return (prev[2] == "the" and text[prev[1]:tokens[i][0]] == " " and nxt[2].islower()
            and text[tokens[i][1]:nxt[0]] == " " and nxt[2] not in _LOCAL_NOUNS)


# Nouns a town's name qualifies as a place, not as an adjective ("the Inca citadel"): "the Knoxville area",
# "the Laconia police", "the Woodstock mayor", "the Jenin refugee camp", "the Mandera border town", "the
# Kisauni estate". ("the Surulere district" is a district of a city: see _DISTRICT_RES.)
_LOCAL_NOUNS: Final = frozenset(
    "area areas region outskirts city town village county border market estate slum slums constituency ward "
    "municipality community communities police mayor council councillors residents resident home homes school "
    "schools hospital election elections office store branch plant factory site refugee camp native natives "
    "metro downtown sewer water fire library airport station terminal church parish".split())


def _is_name_start(tok: str) -> bool:
    return tok[0].isupper() or (tok[0].isdigit() is False and not tok[0].isalpha())


def _joinable(text: str, prev_end: int, next_start: int) -> bool:
    gap = text[prev_end:next_start]
    return gap in (" ", "-", "‐", "‑", ". ", ".", "–") or (gap.isspace() and "\n" not in gap and len(gap) <= 2)


# After a small place's name, words that only a person takes: an age in commas, a verb of speech or of a
# court case. ("Moscow said" is a government speaking: only small places are judged by this.)
_PERSON_AFTER: Final = rx.compile(
    r",\s*\d{1,3}\s*,|\s+(?:said|says|told|added|explained|recalled|testified|replied|admitted|pleaded|"
    # (what only people do: "Lincoln lived long enough", "Ravenel completes his sentence" is no town's)
    r"lived|died|married|smiled|laughed|wore|wrote|graduated|resigned|apologi[sz]ed|confessed|shrugged|"
    r"nodded|wept|"
    r"was (?:arrested|charged|sentenced|booked|born|named|elected|hired|injured|killed|indicted|convicted|"
    r"acquitted|jailed|wearing|shot|stabbed|driving|ejected))\b")
# A relative's name: "her daughter, Brittany,", "cousins Dillon and Connor".
_KIN_BEFORE: Final = rx.compile(r"\b(?:sons?|daughters?|wife|husband|brothers?|sisters?|mother|father|grand(?:son"
                                r"|daughter)s?|"
                                r"nieces?|nephews?|cousins?|girlfriend|boyfriend|fianc[ée]e?|widow(?:er)?)\b,?\s+"
                                r"(?:[A-Z][\w'’\-]+,?\s+(?:and\s+)?)?$")
# The words that may stand just before such a name (a first name between: "sisters Lindsay and Charlotte").
_KIN_PREV_WORDS: Final = frozenset("son sons daughter daughters wife husband brother brothers"
                                   " sister sisters mother father "
                                   "grandson grandsons granddaughter granddaughters niece nieces nephew nephews cousin "
                                   "cousins girlfriend boyfriend fiance fiancé fiancee fiancée widow widower and".split())
# "the Adena people", "the Maasai peoples": a people, not the town or region named after it.
_THE_PEOPLE: Final = rx.compile(r"\s+peoples?\b")


@lru_cache(maxsize=1)
def country_demonyms() -> dict[str, str]:
    """One-word demonyms ("Kenyan") -> alpha-2 code, from the one table that lists them (ACLED's countries)."""
    return {c.demonym: c.code for c in acled_countries().values() if c.demonym and " " not in c.demonym}


# After a name, words that make it a people's: "Kikuyu ethnic militias", "the Turkana tribe", "Kikuyu and Luo
# ethnic communities" (the first of a pair too, the other of one or two words: "Siria and Ruasi Ngishu clans"),
# "a Hawiye sub-clan".
_PEOPLE_AFTER: Final = rx.compile(
    r"(?:\s*(?:,|and|or|&)\s*[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)*\s+(?:ethnic|tribes?|tribal|tribesm[ae]n|clans?"
    r"|clansm[ae]n|sub-?clans?)\b")


# After a people's name (peoples.csv), its fighters or groups ("Pokot raiders", "the Kikuyu and Maasai groups").
_PEOPLE_GROUP_AFTER: Final = rx.compile(
    r"(?:\s*(?:,|and|or|&)\s*[A-Z][\w'’\-]+)*\s+(?:groups?|communit(?:y|ies)|militias?|militiam[ae]n|raiders?"
    r"|warriors|tribesm[ae]n|clansm[ae]n|herders|herdsmen|pastoralists|fighters|bandits|rustlers|morans|civilians"
    # ... or its people by who they are: "mainly Kikuyu women and children" (not "Turkana residents": a county's)
    r"|women|men|children|youths?|elders|boys|girls|families|mothers)\b")
# ... or as persons ("Kikuyu people", "Kikuyu businessmen"; not "Turkana residents": a county's), or counted or
# named as what someone is: "6 Kikuyu", "dozens of Kikuyu", "identified as Kikuyu" (then nothing or a verb after:
# "two Turkana villages" counts villages).
_PEOPLE_PERSONS_AFTER: Final = rx.compile(r"\s+(?:people|persons|individuals|businessm[ae]n|businesspeople|victims)\b")
_PEOPLE_COUNTED_BEFORE: Final = rx.compile(
    r"(?:\b\d+|\b(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred"
    r"|several|many|dozens\s+of|hundreds\s+of|thousands\s+of|scores\s+of|identified\s+as|known\s+as|being))\s+$")
_PEOPLE_COUNTED_AFTER: Final = rx.compile(r"\s*(?:$|[.,;:)\]]|\s(?:were|was|are|is|had|have|has|and|in|at|on|by|from"
                                          r"|during"
                                          r"|after|before|near|outside|who|killed|died|dead|burned|burnt|earlier"
                                          r"|later)\b)")
# A name joined to the one before or after it: "Maasai and Kikuyu", "Kisii + Kikuyu", "Kalenjin, Kisii".
_PEOPLE_JOINED_AFTER: Final = rx.compile(r"\s*(?:,|and|or|&|\+)\s*([A-Z][\w'’\-]+)")
_PEOPLE_JOINED_BEFORE: Final = rx.compile(r"([A-Z][\w'’\-]+)\s*(?:,|and|or|&|\+)\s*$")
_UNITS_AFTER: Final = rx.compile(r"\s+(?i:count(?:y|ies)|sub-?count(?:y|ies)|towns?|districts?|regions?|areas?"
                                 r"|villages?"
                                 r"|constituenc(?:y|ies)|borders?)\b")


_PARTY_AFTER: Final = rx.compile(r"(?:\s+[A-Z][\w'’\-]+){1,3}\s+(?:Movement|Party|Front|Congress|Alliance|Coalition)\b")
# After a name, the people who follow a party or a leader.
_FOLLOWERS_AFTER: Final = rx.compile(r"\s+(?:supporters?|loyalists|followers|sympathi[sz]ers)\b", re.I)


# A middle initial and a surname after a word: "Scott L. Berrey" (not "Washington D.C.", no space after the dot).
_INITIAL_AND_SURNAME: Final = rx.compile(r" [A-Z]\. [A-Z][a-z]")
# Bodies named for what they do: "Chamber of Commerce", "Department of Justice", "Secretary of State".
_BODIES_OF: Final = frozenset("chamber department ministry secretary minister association bureau office commission "
                              "committee court order knights daughters sons".split())
# Titles of people, written before their names (with or without a dot).
_TITLES: Final = frozenset("mr mrs ms miss dr prof sen rep gov gen col maj capt lt sgt cpl rev".split())
# What follows a dateline's place: a dash, a comma, a bracket, a colon or the line's end.
_DATELINE_PUNCTUATION: Final = rx.compile(r"[ \t]*(?:[-—–,(:]|$|\n)")
# Compass words that GeoNames also lists as regions ("Northwest", "Central", "Western"): in English prose
# mostly a direction ("Northwest 8th Avenue"), a region only with context.
# ... and before a word (other than a region's noun) a compass word qualifies it: "Eastern traditions".
_COMPASS_ADJECTIVE: Final = rx.compile(r" (?!(?i:region|province|state|district|zone|division|county"
                                       r"|department)\b)[\w'’]")
_COMPASS: Final = frozenset("north south east west northeast northwest southeast southwest northern southern eastern "
                            "western central midwest".split())


# ... unless a preposition says it is a place: "police in Corbin said".
# Prepositions that only a place takes ("in Maryville"; "according to Taylor" and "the case against
# Fairfield" are people's).
_IN_PLACE_BEFORE: Final = rx.compile(r"\b(?:in|at|near|outside|around|across|throughout|inside)\s+(?:the\s+)?$", re.I)
_PLACE_BEFORE: Final = rx.compile(r"\b(?:in|at|near|from|of|to|outside|around|across|into)\s+(?:the\s+)?$", re.I)


# The generic words of water bodies. One named after a region or a country is not that region: "the Gulf of
# Alaska", "Lake Ontario", "the Kanawha River" lie by, not in, Alaska, Ontario or Kanawha County (a water body
# the gazetteer holds whole, "Gulf of Aden", "Lake Charles", is matched whole before these rules run). One
# named after a town is left to the town, which lies on its shore ("Lake Naivasha": Naivasha); so are
# mountains and capes ("Mount Sinjar": Sinjar), which stand by the town or in the region they are named for.
_FEATURE_HEADS: Final = frozenset("gulf bay bight sea strait straits lake sound channel canal ocean".split())
_FEATURE_TAILS: Final = frozenset("River Lake Creek Bay Sound Canal Reservoir Gulf Strait Straits Sea".split())
# ... and alone after "the" such a word is the feature the reader knows ("security in the Gulf"), not a
# namesake (Papua New Guinea's Gulf province) unless a unit word follows ("the Bay region" of Somalia).
_THE_BEFORE: Final = rx.compile(r"\bthe\s+$")
_UNIT_WORD_AFTER: Final = rx.compile(r"\s+(?i:region|province|state|district|county|division)\b")


# "the church of St. Peter and St. Paul", "the Cathedral of Saint Mary": a saint a church is dedicated to, not
# the town named after the saint (Saint Paul, Minnesota or Antigua).
_DEDICATION_BEFORE: Final = rx.compile(
    r"\b(?i:church|cathedral|basilica|chapel|parish|abbey|monastery|convent|priory|shrine|feast|order|sisters|"
    r"brothers|brotherhood)\s+of\s+(?:the\s+)?(?:(?:St|Saint|Ste|Sainte)\.?\s+[A-Z][\w'’]*\s+(?:and|&)\s+)?$")


def _inside_feature_name(text: str, tokens: list[_Token], i: int, j: int, key: str, style: str, gaz: Gazetteer) -> bool:
    """'Gulf of Alaska', 'Lake Ontario', 'Kanawha River', 'the Gulf': a water body's name, not a place's."""
    if i > 1 and tokens[i - 1][2] == "of" and tokens[i - 2][2].casefold() in _FEATURE_HEADS \
            and tokens[i - 2][2][0].isupper():
        return _not_a_town_only(gaz, key)  # "the Gulf of Alaska"
    if i > 0 and text[tokens[i - 1][1]:tokens[i][0]] == " " and tokens[i - 1][2].casefold() in _FEATURE_HEADS \
            and tokens[i - 1][2][0].isupper():
        return _not_a_town_only(gaz, key)  # "Lake Ontario"
    if i == j and key in _FEATURE_HEADS:
        if j + 2 < len(tokens) and tokens[j + 1][2] == "of" and tokens[j + 2][2][0].isupper():
            return True  # "Gulf" of "the Gulf of Alaska"
        if _THE_BEFORE.search(text, max(0, tokens[i][0] - 5), tokens[i][0]) \
                and not _UNIT_WORD_AFTER.match(text, tokens[j][1]):
            return True  # "the Gulf"
    if text.startswith((" river", " canal"), tokens[j][1]) and _not_a_town_only(gaz, key):
        return True  # "in Tentulia river": a river named after a unit, not the unit (a town's is by its bank)
    # "KANAWHA RIVER CLEANUP": in prose the longer-name rule below already says so ("the Kanawha River"),
    # and lets an organisation named after the feature keep the place's name ("St. Marys River Committee").
    return bool(style) and j + 1 < len(tokens) and tokens[j + 1][2].title() in _FEATURE_TAILS \
        and text[tokens[j][1]:tokens[j + 1][0]] == " " and _not_a_town_only(gaz, key)


def _not_a_town_only(gaz: Gazetteer, key: str) -> bool:
    return not all(c.kind == _CITY for c in gaz.lookup(key))


def _reduplicated(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is said twice in a row ("Boda Boda", "boda-boda"), as either of the two."""
    word = text[start:end].casefold()
    n = len(word)
    after = text[end + 1:end + 1 + n]
    before = text[start - 1 - n:start - 1] if start > n else ""
    return (text[end:end + 1] in (" ", "-") and after.casefold() == word
            and not text[end + 1 + n:end + 2 + n].isalnum()) or (
        text[start - 1:start] in (" ", "-") and before.casefold() == word
        and (start - 1 - n == 0 or not text[start - 2 - n].isalnum()))


def _rejected_name(text: str, tokens: list[_Token], i: int, j: int, key: str, surface: str, gaz: Gazetteer,
                   sentence_initial: set[int], style: str = "", *, readings: list[Candidate] | None = None) -> str:
    """Why words that look like places are not: 'Republic', 'Most shops…', 'George Washington'; '' if they are.
    ``readings``: gaz.lookup(key), if the caller has it (read only, never changed here)."""
    if readings is None:
        readings = gaz.lookup(key)  # (speed: once, not once per rule that asks)
    single = i == j
    if key in gaz.not_places:  # (a word, or a generic phrase GeoNames lists as a town: "Central Business District")
        return "word"
    if single and _reduplicated(text, tokens[i][0], tokens[i][1]) and not gaz.lookup(f"{key} {key}"):
        return "word"  # "Boda Boda operators", "a boda boda rider": a word said twice, no place (unlike "Bora Bora")
    if _inside_feature_name(text, tokens, i, j, key, style, gaz):
        return "feature"
    if key.startswith(("saint ", "sainte ", "st ", "ste ")) \
            and _DEDICATION_BEFORE.search(text, max(0, tokens[i][0] - 60), tokens[i][0]):
        return "dedication"
    if surface.isupper() and len(surface.replace(".", "")) <= 3 and key not in gaz.alias_abbreviations:
        return "acronym"  # 'ABC', 'AP': organisations, not places, unless a known abbreviation such as 'US'
    if single and tokens[i][2].isupper() and len(tokens[i][2]) <= 3 and key not in gaz.alias_abbreviations:
        return "acronym"
    # "the NICE program", "NICE to tidy neighborhoods": four or five capitals in ordinary prose are an acronym;
    # a place is written so only in a dateline ("OMAHA --", "PARIS, Mo.") or in capitals throughout.
    if single and style != "shouting" and tokens[i][2].isupper() and len(tokens[i][2]) <= 5 \
            and key not in gaz.alias_abbreviations and not _DATELINE_PUNCTUATION.match(text, tokens[j][1]):
        return "acronym"
    if _hyphenated_name(text, tokens, i, j, key, gaz, style):
        return "name"
    if style:  # in a headline or capitals every word is capitalised: no evidence of a longer name
        return ""
    # Part of a longer proper name: "Jordan Peterson", "Kassym-Jomart Tokayev", "Paris Hilton".
    if i > 0:
        p_start, p_end, prev = tokens[i - 1]
        gap = text[p_end:tokens[i][0]]
        # (A possessive is an owner, no first name: "Thursday's Ontario budget", "Kenya's Nairobi".)
        if (gap in (" ", "-") and prev[0].isupper() and prev.casefold() not in PLACE_MODIFIERS
                and not prev.isupper() and not prev.endswith(("'s", "’s"))
                and not (gap == "-" and _hyphenated_places(text, tokens, i, j, gaz))):
            if p_start not in sentence_initial:
                # ... but a name that goes on to a site's word is that site's ("Old Alton Edwardsville Road"):
                # no first name, so the town is not made a person everywhere else in the text.
                if j + 1 < len(tokens) and text[tokens[j][1]:tokens[j + 1][0]] == " " \
                        and _FACILITY_WORD.fullmatch(tokens[j + 1][2]):
                    return "name"
                return "person"
            # At a sentence start only a word that is no place itself reads as a first name ("Mahsa Amini"), nor
            # a number or a word news puts before a place's people ("Five Kisumu journalists", "Angry Meru
            # residents").
            if single and normalize(prev) not in gaz.index and _small(readings) \
                    and prev.casefold() not in _OPENING_WORDS:
                return "person"
    # A title before it: "Mrs. Lincoln", "Sen. Byrd", "Dr. Paris" ("St. Paul" is no title: a place).
    if single and i > 0 and tokens[i - 1][2].casefold() in _TITLES and \
            text[tokens[i - 1][1]:tokens[i][0]] in (". ", " ") and _small(readings):
        return "person"
    # "Marsha J. Moore", "Matthew D. Flores": a first name and a middle initial make a surname, whatever else
    # the word names (a town, a region of Guatemala); only a country's name is never one.
    if single and i > 1 and len(tokens[i - 1][2]) == 1 and tokens[i - 1][2].isupper() \
            and text[tokens[i - 1][1]:tokens[i][0]] == ". " and tokens[i - 2][2][:1].isupper() \
            and not any(c.kind == _COUNTRY for c in readings):
        return "surname"
    # "Scott L. Berrey", "Milton J. Little Jr.": a first name before a middle initial and a surname, whatever
    # else the word names; only a country's name is never one.
    if single and _INITIAL_AND_SURNAME.match(text, tokens[j][1]) \
            and not any(c.kind == _COUNTRY for c in readings):
        return "person"
    # What people do, not towns: "Kristina said", "Moore, 19, told the judge", "St. Clair said".
    if _small(readings) and not _PLACE_BEFORE.search(text, max(0, tokens[i][0] - 12), tokens[i][0]) \
            and _PERSON_AFTER.match(text, tokens[j][1]):
        return "person"
    # "Somali militants", "Canadian winters": a country's demonym is its people (left out by design), not a
    # namesake the gazetteer holds (Ethiopia's Somali region, Canadian, Texas). ("Djibouti" names both.)
    if single and surface in country_demonyms() and not any(c.kind == _COUNTRY for c in readings):
        return "people"
    # (Speed: the word before, or the word after, first; the patterns only where it may be so.)
    if i > 0 and tokens[i - 1][2].casefold() in _KIN_PREV_WORDS \
            and _KIN_BEFORE.search(text, max(0, tokens[i][0] - 40), tokens[i][0]) \
            and not any(c.kind == _COUNTRY for c in readings):
        return "person"  # "her daughter, Brittany", "cousins Dillon and Connor"
    if text.startswith(" people", tokens[j][1]) and _THE_PEOPLE.match(text, tokens[j][1]) \
            and _THE_BEFORE.search(text, max(0, tokens[i][0] - 5), tokens[i][0]) \
            and not any(c.kind == _COUNTRY for c in readings):
        return "people"  # "the Adena people"
    # "Maasai and Kikuyu ethnic militias", "members of the Turkana tribe": a people, not the place named
    # after it (a country's name stays: "the Kenya tribe" is no phrase anyone writes).
    if _PEOPLE_AFTER.match(text, tokens[j][1]) and not any(c.kind == _COUNTRY for c in readings):
        return "people"
    # "Pokot raiders", "Kikuyu and Maasai groups", "Turkana militia": a people of data/lexicon/peoples.csv before
    # its fighters or groups is that people (a town's "Nairobi gangs" stays: only the vocabulary's names).
    if key in peoples() and _PEOPLE_GROUP_AFTER.match(text, tokens[j][1]) \
            and not any(c.kind == _COUNTRY for c in readings):
        return "people"
    # "kill 6 Kikuyu people", "the murder of 6 Kikuyu earlier in the day", "once identified as Kikuyu": a people of
    # the vocabulary counted, as persons, or named as what someone is (a town takes no numeral; "two Turkana
    # villages" counts villages, not people, and stays a place)
    if key in peoples() and not any(c.kind == _COUNTRY for c in readings) and (
            _PEOPLE_PERSONS_AFTER.match(text, tokens[j][1])
            or (_PEOPLE_COUNTED_BEFORE.search(text, max(0, tokens[i][0] - 24), tokens[i][0])
                and _PEOPLE_COUNTED_AFTER.match(text, tokens[j][1]))):
        return "people"
    # "clash between Maasai and Kikuyu", "(Kisii + Kikuyu)", "Kalenjin, Kisii, Kikuyu": a people of the vocabulary
    # joined to another is a people too (not the town of Kikuyu)
    # (not "in Turkana and Samburu", "Turkana and Samburu counties": places)
    if key in peoples() and single and not any(c.kind == _COUNTRY for c in readings):
        people_after = _PEOPLE_JOINED_AFTER.match(text, tokens[j][1])
        people_before = _PEOPLE_JOINED_BEFORE.search(text, max(0, tokens[i][0] - 30), tokens[i][0])
        after_ok = people_after is not None and people_after[1].casefold() in peoples()
        before_ok = people_before is not None and people_before[1].casefold() in peoples()
        joined = after_ok or before_ok
        first = people_before.start() if people_before is not None and before_ok else tokens[i][0]
        last = people_after.end() if people_after is not None and after_ok else tokens[j][1]
        if joined and not _PLACE_BEFORE.search(text, max(0, first - 12), first) \
                and not _UNITS_AFTER.match(text, last):
            return "people"
    # "Jubilee supporters", "Clinton loyalists": followers are a party's or a leader's, not a small town's.
    if single and _FOLLOWERS_AFTER.match(text, tokens[j][1]) and _small(readings):
        return "organisation"
    # "the Orange Democratic Movement", "Amani National Congress": a party or a movement is named for what it
    # stands for; a small town's name opening it is a word of the name, not its seat ("Ohio Democratic Party",
    # a state's, stays)
    if single and _PARTY_AFTER.match(text, tokens[j][1]) and _small(readings):
        return "organisation"
    # "the Chamber of Commerce", "the Department of Justice", "the Association for Justice": a small town's
    # name closing a body's name says what the body does, not where it is.
    if (single and i > 1 and tokens[i - 1][2] in ("of", "for") and tokens[i - 2][2].casefold() in _BODIES_OF
            and _small(readings)):
        return "organisation"
    # "The Confederation of Indigenous Nationalities": a small place's name opening an organisation's.
    if (single and j + 2 < len(tokens) and tokens[j + 1][2] == "of" and tokens[j + 2][2][0].isupper()
            and text[tokens[j][1]:tokens[j + 1][0]] == " " and _small(readings)):
        return "organisation"
    if j + 1 < len(tokens):
        n_start, _, nxt = tokens[j + 1]
        gap = text[tokens[j][1]:n_start]
        # (A name in capitals before a name in Title Case is a dateline without its dash: "WASHINGTON Barack
        # Obama pardoned …", not one longer name.)
        if (gap == " " and nxt[0].isupper() and not _FACILITY_WORD.fullmatch(nxt)
                and not tokens[j][2].endswith(("'s", "’s"))
                and not (tokens[j][2].isupper() and len(tokens[j][2]) > 3 and not nxt.isupper())
                and nxt.casefold() not in PLACE_MODIFIERS and not _institution_word(nxt)
                and not nxt.isupper() and tokens[j][2].casefold() not in _UNIT_WORDS
                and nxt.casefold() not in _TOWN_SUFFIXES and nxt.casefold() not in _PEOPLE_OF_A_PLACE
                and not _kind_of_site(text, tokens, j)
                and not _place_opens_organisation(text, tokens[j][1], nxt, sentence_initial)):
            return "name"
    return ""


# What kind of site a place's name opens, before the site's own word: "Dadaab Refugee Camp", "Garissa Military
# Camp", "Kisumu Referral Hospital". The place stays a place, and the site scan reads the whole name as a site in
# it; a person's name before a site keeps its own ("Nelson Mandela Square": no such word follows).
_SITE_KINDS: Final = frozenset("refugee refugees military naval central main general referral provincial teaching "
                               "bus railway remand".split())


def _kind_of_site(text: str, tokens: list[_Token], j: int) -> bool:
    return (j + 2 < len(tokens) and tokens[j + 1][2].casefold() in _SITE_KINDS
            and text[tokens[j + 1][1]:tokens[j + 2][0]] == " "
            and _FACILITY_WORD.fullmatch(tokens[j + 2][2]) is not None)


# Words that name the town itself when they follow its name ("Migori Town", "Elwak town", "Natore Sadar": the
# sub-district around a Bangladeshi or Indian district's seat town): a gazetteer lists the town without them,
# and no person's or organisation's name ends so. ("Cape Town" is matched whole first.)
_TOWN_SUFFIXES: Final = frozenset({"town", "sadar"})
# Groups of a place's people, capitalised in notes and headlines ("Mombasa Women protested", "Kisumu Traders
# Strike"): no person's surname, so the place stays a place.
_PEOPLE_OF_A_PLACE: Final = frozenset("women men youth youths residents traders farmers workers students villagers "
                                      "teachers nurses doctors".split())
# A name ending in its unit is nobody's first name: "the Tarrant County Medical Examiner", "Greene County
# Drug Task Force", "Westmoreland County Italian grocery".
_UNIT_WORDS: Final = frozenset("county parish borough township province governorate prefecture oblast".split())
# Capitalised words after a place that end no person's name: days and months ("in Montana Sunday"), the
# titles and offices of the place's officials ("Ohio Gov. Ted Strickland", "Lamar County Coroner") and
# party labels ("a Kettering Republican").
_NOT_A_SURNAME: Final = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december gov governor sen senator rep representative president president-elect "
    "premier mayor secretary director deputy coroner coroner's selectman selectwoman councilman councilwoman "
    "councillor councilor alderman lt ranger rangers trooper troopers chief republican republicans democrat "
    "democrats democratic dfl".split())
# Heads of organisations' names: "the Gainesville Riding Club", "Dublin Arts Council", "Edgar County Community
# Foundation". A newspaper's name is left out on purpose (see INSTITUTION_WORDS).
_ORGANISATION_HEADS: Final = frozenset(
    "club clubs foundation association society party council commission department office league union "
    "alliance coalition partnership program programme festival fund committee center centre institute "
    "corporation corp company co inc llc bank federation olympics games orchestra choir singers players "
    "team museum library church chapter lodge guild conference network project initiative agency cabinet "
    "district patrol guard rescue coalition partners volunteers crimestoppers".split())
_NEWSPAPER_WORDS: Final = frozenset("news times post herald journal tribune gazette review star press sentinel "
                                    "courier chronicle examiner observer telegraph daily record dispatch globe".split())
_FOLLOWING_NAME_WORDS: Final = rx.compile(r"(?:[ ]+(?:(?:of|for|and|&)[ ]+)?([A-Z][\w'’\-]*\.?)){1,5}")
_NAME_WORD: Final = rx.compile(r"[A-Z][\w'’\-]*")


def _place_opens_organisation(text: str, end: int, nxt: str, sentence_initial: set[int]) -> bool:
    """Whether the capitalised words after a place make an organisation or a title named after it ("Dublin
    Arts Council", "Minnesota Governor"), which still names the place, not a person ("Paris Hilton")."""
    word = nxt.casefold().replace("’", "'")
    if word in _NOT_A_SURNAME:
        return True
    run = _FOLLOWING_NAME_WORDS.match(text, end)
    # The run ends with its sentence: "in Witu Lamu County. The Star reports …" names no newspaper after Witu.
    words = [w.group().casefold().rstrip(".").replace("’", "'").removesuffix("'s")
             for w in _sentence_words(_NAME_WORD.finditer(text, run.start(), run.end()), sentence_initial)] \
        if run else [word]
    if any(w in _NEWSPAPER_WORDS for w in words):
        return False  # "the Kathmandu Post" reports from anywhere
    if "affairs" in words:
        return False  # "the Hong Kong and Macao Affairs Office" deals with the place; it need not be there
    # One word after it may be a surname ("Mary Lodge", "Chad Boyer"); two or more ending in the head of an
    # organisation's name are no person's ("the Gainesville Riding Club", "Dublin Arts Council").
    if len(words) < 2:
        return False
    return any(w in _ORGANISATION_HEADS or w in INSTITUTION_WORDS for w in words)


def _sentence_words(words, sentence_initial: set[int]) -> list[re.Match[str]]:
    """The words up to the first that opens a sentence."""
    out = []
    for w in words:
        if w.start() in sentence_initial:
            break
        out.append(w)
    return out


def _hyphenated_places(text: str, tokens: list[_Token], i: int, j: int, gaz: Gazetteer) -> bool:
    """'Fargo-Moorhead', 'the Washington-Moscow route', 'Egyptian-US relations': two places (or a people and a
    place) joined by a hyphen, not a double-barrelled name ('Kassym-Jomart Tokayev', 'Nina Webb-Lawton')."""
    # A first name before the pair makes it a surname: "Nina Webb-Lawton".
    if i > 1 and tokens[i - 2][2][0].isupper() and text[tokens[i - 2][1]:tokens[i - 1][0]] == " " \
            and tokens[i - 2][2].casefold() not in PLACE_MODIFIERS:
        return False
    if normalize(tokens[i - 1][2]) in gaz.index:
        return True
    # A compound before a lower-case word: "Egyptian-US relations", "Russian-Turkish ties".
    return j + 1 < len(tokens) and text[tokens[j][1]:tokens[j + 1][0]] == " " and tokens[j + 1][2].islower()


# Prefixes a hyphen joins to a place's name without making it another name: "pro-Kiev", "Mid-Ohio".
_HYPHEN_PREFIXES: Final = frozenset("pro anti post pre ex non trans pan neo mid inter".split())


def _hyphenated_name(text: str, tokens: list[_Token], i: int, j: int, key: str, gaz: Gazetteer, style: str) -> bool:
    """'Donna Kennedy-Glans', 'the Post-Intelligencer', 'WAL-MART LOT': a small town's name joined by a hyphen
    to a capitalised word that opens no place's name is part of a longer name (a surname, a brand). After
    the name always; before it only in a headline or capitals (in prose the first-name rule says so).
    (Countries, regions and big cities stay: "US-Taliban talks", "Israel-Hezbollah war"; so does a town
    before initials: "Watertown-ML", a school district's team.)"""
    def other_name(word: str) -> bool:
        bare = word[:-2] if word.endswith(("'s", "’s")) else word
        return word[:1].isupper() and not bare.isupper() and _name_word(word) not in gaz.first_words \
            and word.casefold() not in _HYPHEN_PREFIXES and word not in country_demonyms()

    after = j + 1 < len(tokens) and text[tokens[j][1]:tokens[j + 1][0]] == "-" and other_name(tokens[j + 1][2])
    before = bool(style) and i > 0 and text[tokens[i - 1][1]:tokens[i][0]] == "-" and other_name(tokens[i - 1][2])
    return (after or before) and _small(gaz.lookup(key))


def _institution_word(word: str) -> bool:
    """'Sheriff’s', 'Sheriff's', 'Judge': a word of a public body's name, whatever the apostrophe."""
    word = word.casefold().replace("’", "'")
    return word in INSTITUTION_WORDS or (word.endswith("'s") and word[:-2] in INSTITUTION_WORDS)


# -- named facilities --------------------------------------------------------------------------------

def scan_facilities(text: str, gaz: Gazetteer, sents, *, taken: list[RawMention]) -> list[RawMention]:
    """'Ala-Too Square', 'Bole International Airport', 'Juliaca airport': sites, known or not.

    A site replaces the name mentions inside it ("Almaty" in "Almaty Airport"): those are removed from
    ``taken``, which is updated in place.
    """
    scan = _SiteScan(text, gaz, sents, taken)
    scan.named_sites()
    scan.prefixed_and_lower_case_sites()
    scan.districts()
    scan.lower_case_airports()
    if scan.dropped:
        taken[:] = [t for t in taken if id(t) not in scan.dropped]
    return scan.out


class _SiteScan:
    """One scan_facilities pass: the spans already taken, and the sites found so far."""

    def __init__(self, text: str, gaz: Gazetteer, sents, taken: list[RawMention]):
        self.text, self.gaz, self.sents = text, gaz, sents
        self.sent_of = sentence_index(sents)
        self.out: list[RawMention] = []
        self.occupied = SpanIndex((m.start, m.end) for m in taken)
        self.by_span = {(m.start, m.end): m for m in taken}
        self.overlaps = self.occupied.overlaps
        self.dropped: set[int] = set()  # taken is filtered once at the end: list.remove is linear

    def sentence_start(self, pos: int) -> int:
        return self.sents[self.sent_of(pos)].start if self.sents else 0

    def inside(self, a: int, b: int) -> list[RawMention]:
        """Name mentions wholly inside [a, b)."""
        by_span = self.by_span
        return [by_span[sp] for sp in self.occupied.overlapping(a, b) if sp in by_span and a <= sp[0] and sp[1] <= b]

    def drop(self, t: RawMention) -> None:
        self.dropped.add(id(t))
        self.occupied.remove(t.start, t.end)
        self.by_span.pop((t.start, t.end), None)

    def add(self, start: int, end: int, surface: str, cands: list[Candidate], **kw) -> None:
        self.out.append(RawMention(start, end, surface, cands, self.sent_of(start), kind_hint="facility", **kw))
        self.occupied.add(start, end)

    def named_sites(self) -> None:
        """Capitalised names ending in a facility word: 'Ala-Too Square', 'Dhaka's Hazrat Shahjalal Airport'."""
        text, gaz = self.text, self.gaz
        sentence_starts = {s.start for s in self.sents}
        for m in _FACILITY_RE.finditer(text):
            head = m.group(1).strip()
            if not head:
                continue  # a bare 'Square' at a sentence start is no site
            start, end = m.start(1), m.end()
            surface = text[start:end]
            words = surface.split()
            if start in sentence_starts and normalize(words[0]) in ("the", "a", "an", "but", "and", "in", "at"):
                start += len(words[0]) + 1
                surface = text[start:end]
                if len(surface.split()) < 2:
                    continue
            if len(words) > 3 and words[1] == "of" and words[0].lower() in _PEOPLE_OF:
                # "Students of Dhaka University", "Members of Kurigram Press Club": who, then the site
                start = text.index(words[2], start + len(words[0]) + len(" of"))
                surface = text[start:end]
            # A site's name never runs across a sentence end: "…to the Maldives. Parliament speaker…"
            start = max(start, self.sentence_start(end - 1))
            surface = text[start:end]
            if len(surface.split()) < 2:
                continue
            owner = ""
            poss = re.match(r"([A-Z][\w'’\-]*(?:\s[A-Z][\w'’\-]*)?)['’]s\s+", surface)
            if poss and normalize(poss.group(1)) not in gaz.index:
                poss = None  # "President's House" is the name; only a place owns a site ("Dhaka's … Airport")
            if poss:  # "Dhaka's Hazrat Shahjalal International Airport": Dhaka owns it, the name is the rest
                owner = str(start)
                start += poss.end()
                surface = text[start:end]
                head = surface[: max(0, len(surface) - len(m.group(2)))].strip() or head
            while True:  # "Bangabandhu Memorial Museum": keep the whole name
                more = _MORE_FACILITY_WORDS.match(text, end, end + 20)
                if not more:
                    break
                end = more.end()
                surface = text[start:end]
            key = normalize(surface)
            cands = [c for c in gaz.lookup(key) if c.kind in (_LANDMARK, _AIRPORT)]
            # A known city inside an airport name: "Almaty airport", "Hartsfield-Jackson Atlanta International".
            if not cands and m.group(2) in ("Airport", "Airbase", "Air Base"):
                cands = _airports_for_head(gaz, head)
            # Replace a city/country match that is only the head of this facility ("Almaty" in "Almaty Airport").
            inner_cities, inner = [], []
            for t in self.inside(start, end):
                if (t.start, t.end) != (start, end):
                    inner_cities += [c for c in t.candidates if c.kind == _CITY]
                    inner.append(t)
                    self.drop(t)
            if self.overlaps(start, end):
                continue
            self.add(start, end, surface, cands, role=owner, inner_cities=inner_cities, inner=inner)

    def prefixed_and_lower_case_sites(self) -> None:
        """'Place de la Nation' (generic word first), 'Kwai Fong station' (lower-case generic head)."""
        text, gaz = self.text, self.gaz
        lower_heads = _stretches(text, _SITE_LOWER_STEMS, _SITE_BREAKS)
        for pat in (_FACILITY_PREFIX_RE, _SITE_LOWER_RE):
            for m in (pat.finditer(text) if pat is _FACILITY_PREFIX_RE else _matches_in(pat, text, lower_heads)):
                start, end = m.span()
                if pat is _SITE_LOWER_RE and m.group(1).split()[0].casefold() in PLACE_MODIFIERS:
                    continue  # "The main square" is a generic reference, not a site named "The"
                surface = text[start:end]
                if self.sentence_start(end - 1) > start:
                    continue  # runs across a sentence end: no site
                hits = self.occupied.overlapping(start, end)
                inner = self.inside(start, end)
                # A name that only partly overlaps stays what it is ("Kwai Fong station" keeps no city).
                if len(hits) != len(inner):
                    continue
                known = [c for c in gaz.lookup(normalize(surface)) if c.kind in (_LANDMARK, _AIRPORT)]
                if pat is _SITE_LOWER_RE and not known and _no_named_site(m.group(1), inner):
                    # "the Syrian port of Latakia": somewhere in Syria, not a site named "Syrian port".
                    country = gaz.countries.get(country_demonyms().get(m.group(1), ""))
                    if country is not None and not inner:
                        self.out.append(RawMention(start, m.end(1), m.group(1), [country], self.sent_of(start)))
                        self.occupied.add(start, m.end(1))
                    continue
                inner_cities = [c for t in inner for c in t.candidates if c.kind == _CITY]
                for t in inner:
                    self.drop(t)
                self.add(start, end, surface, known, inner_cities=inner_cities, inner=inner)

    def districts(self) -> None:
        """"Githurai, a suburb on the edge of Nairobi", "in the Buckhead neighbourhood"."""
        text = self.text
        stretches = _stretches(text, _DISTRICT_WORD_STEMS, _DISTRICT_BREAKS)
        if not stretches:
            return  # half the texts: no district word, and the two patterns (tried at every word) cannot match
        for pat in _DISTRICT_RES:
            for m in _matches_in(pat, text, stretches):
                start, end = m.start(1), m.end(1)
                same = self.by_span.get((start, end))
                if same is not None and _UNIT_DISTRICT.fullmatch(text, m.start(), start) \
                        and text[end:m.end()].strip() in ("district", "township") \
                        and any(normalize(c.name) == normalize(same.text) for c in same.candidates):
                    continue  # "in Mumias district", "in Kanbalu township": the unit named after the town (locate.py
                    # widens it), kept
                if same is not None and _small(same.candidates) and all(
                        c.population < MENTION_RULES.district_not_town_population for c in same.candidates):
                    self.drop(same)  # "the Buckhead neighbourhood" is part of a city, not a small town of that name
                if self.overlaps(start, end):
                    continue
                if same is None and text[end:m.end()].strip() == "district" and (
                        _ADMIN_DISTRICT_AFTER.match(text, m.end()) is not None or self._in_province(m.end())):
                    # "Chuadanga district town", "Rajbari district (coded to Rajbari …)", "Zhari district, Kandahar":
                    # a unit, no quarter
                    continue
                # An unknown named part of a city: a site of its city, placed with city precision.
                self.add(start, end, text[start:end], [], weak=True)

    def _in_province(self, at: int) -> bool:
        """Whether a district ending at ``at`` is written beside a first-level region as its holder (", Balkh",
        " of Faryab"), one no city of :attr:`MentionRules.district_of_city_population` or more is named for."""
        holder = _DISTRICT_HOLDER.match(self.text, at)
        if holder is None:
            return False
        name = normalize(holder.group(1))
        readings = self.gaz.lookup(name)
        # (a region that shares its name with a town is keyed with its unit's word: "Balkh province")
        return any(c.kind == Kind.REGION for c in (*readings, *self.gaz.lookup(name + " province"))) and not any(
            c.kind == _CITY and c.population >= MENTION_RULES.district_of_city_population for c in readings)

    def lower_case_airports(self) -> None:
        """"La Tontouta international airport", "Almaty airport"."""
        text, gaz = self.text, self.gaz
        if "airport" not in text:
            return  # most texts: the pattern's one literal word is absent, so it cannot match (saves a scan)
        for m in _matches_in(_AIRPORT_LOWER_RE, text, _stretches(text, ("airport",), _SITE_BREAKS)):
            start, end = m.start(1), m.end()
            if not self.overlaps(start, end):
                # "La Tontouta international airport": a named airport, known by name or placed at its city.
                known = [c for c in gaz.lookup(normalize(text[start:end])) if c.kind == _AIRPORT]
                known = known or [c for c in gaz.lookup(normalize(m.group(1) + " International Airport"))
                                  if c.kind == _AIRPORT]
                self.add(start, end, text[start:end], known)
                continue
            # "Almaty airport": the city mention is already there; promote it to the airport.
            inner = next((t for t in self.inside(start, m.end(1)) if t.start == start), None)
            if inner is None:
                continue
            cands = _airports_for_head(gaz, m.group(1))
            if cands:
                self.drop(inner)
                self.add(start, end, text[start:end], cands)


def _no_named_site(head: str, inner: list[RawMention]) -> bool:
    """"a Syrian port", "a California prison", "Texas's jail": a people's name or a state or country before a
    lower-case generic word names no site, only what kind of place it is and where (the state stays a mention;
    the people's country becomes one)."""
    word = head[:-2] if head.endswith(("'s", "’s")) else head
    if word in country_demonyms():
        return True
    return bool(inner) and all(
        any(c.kind in (_REGION, _COUNTRY) for c in t.candidates)
        and not any(c.kind == _CITY and c.population >= MENTION_RULES.small_place_population for c in t.candidates)
        for t in inner)


_DISTRICT_WORDS: Final = r"(?:suburb|neighbou?rhood|district|township|quarter|slum|shantytown|enclave)"
# After an unknown "X district": words that make it an administrative district around a town X, not a quarter of
# the city of its context (unlisted.py places it in the area its context names): its seat ("Kurigram district
# town", "… headquarters", "Ghoryan district center") or a bracket of the units holding it ("Jhenaidah district
# (Jhenaidah Sadar, Khulna)").
_ADMIN_DISTRICT_AFTER: Final = rx.compile(r"\s*(?:\(|(?:town|headquarters|HQ|cent(?:er|re))\b)")
# After an unknown "X district": the place written beside it as what holds it (", Balkh", " of Faryab"), unless
# called a city or town ("X district of Kandahar city").
_DISTRICT_HOLDER: Final = rx.compile(r"\s*(?:,|\s+of)\s+([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)(?!\s+(?:city|town)\b)")
# "in Mumias district", "at Natore district": a bare preposition before "X district" (no "the", no adjective,
# no possessive: "the affluent Buckhead district", "Almaty's Medeu district" are parts of a city) names the
# administrative district around the town X, as Kenyan, South Asian and ACLED's reports write it, when the
# town bears the name as its own (GeoNames' alternate names hold many a city's quarters: "Buckhead").
_DISTRICT_PREPOSITIONS: Final = ("in", "at", "near", "from", "outside", "around")  # before "X district" (both below)
_UNIT_DISTRICT: Final = rx.compile("(?:" + "|".join(_DISTRICT_PREPOSITIONS) + r")\s+")
# A substring of each of those words: a text that holds none of these holds none of the words.
_DISTRICT_WORD_STEMS: Final = ("suburb", "neighbo", "district", "township", "quarter", "slum", "shantytown", "enclave")
# (Speed, as in _SITE_LOWER_RE: the capital first, the word boundary before it checked after it, so the engine
# jumps from capital to capital; the second, see below. Same matches.)
_DISTRICT_RES: Final = (
    rx.compile(r"([A-Z](?<!\w[A-Z])[a-z]+(?:[ -][A-Z][a-z]+)?),\s+an?\s+(?:[\w-]+\s+){0,3}?" + _DISTRICT_WORDS + r"\b"),
    # (Each alternative opens with its literal first letter and checks the word boundary behind it: the engine
    # then skips to those letters and drops an alternative at its first letter. The same matches as
    # "\b(?:(?:<_DISTRICT_PREPOSITIONS>)\s+(?:the\s+)?(?:[a-z]+\s+)?|the\s+(?:[a-z]+\s+)?)|['’]s\s+…")
    rx.compile("(?:" + "|".join(rf"{w[0]}(?<!\w{w[0]}){w[1:]}\s+(?:the\s+)?(?:[a-z]+\s+)?"
                                for w in _DISTRICT_PREPOSITIONS)
               + r"|t(?<!\wt)he\s+(?:[a-z]+\s+)?|'s\s+(?:[a-z]+\s+)?|’s\s+(?:[a-z]+\s+)?)"
               r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+" + _DISTRICT_WORDS + r"\b"),
)

# Whole-text patterns whose every match ends in one of a few words, after white space ("Kibera slum", "Kwai
# Fong station", "Barrow and Jackson counties"), and holds only some characters: those patterns are searched
# only in the stretches between the characters none of their matches holds ("breaks") that hold one of those
# words after white space (found by str.find), not tried at every capital of the text (speed: together about
# 4 % of an article's instructions). Exact: a match holds no break and its word, so it lies in such a stretch;
# searched from the stretch's start, a lookbehind still sees the text before it; at the stretch's end (a
# break: no word character) "\\b" is what it is in the whole text (tests/test_mentions.py compares).
_Breaks = tuple[rx.Pattern, rx.Pattern]  # (a break, the last break before a given end)


def _breaks(allowed: str) -> _Breaks:
    """The breaks of a pattern whose matches hold only the characters of the set ``allowed``."""
    return rx.compile(f"[^{allowed}]"), rx.compile(f"(?s:.*)[^{allowed}]")  # (greedy: the last one)


# _DISTRICT_RES: word characters, white space, hyphens, apostrophes and commas (", a suburb").
_DISTRICT_BREAKS: Final = _breaks(r"\w\s,'’\-")
# _SITE_LOWER_RE and _AIRPORT_LOWER_RE: word characters, white space, hyphens and apostrophes.
_SITE_BREAKS: Final = _breaks(r"\w\s'’\-")
# Each head word of _SITE_LOWER_RE, or its first word ("industrial zone").
_SITE_LOWER_STEMS: Final = tuple(dict.fromkeys(h.split()[0] for h in _SITE_LOWER_HEADS))
# _UNIT_LIST_RE: word characters, white space, hyphens, apostrophes, dots ("St."), commas and "&".
_UNIT_LIST_BREAKS: Final = _breaks(r"\w\s'’\-.,&")
_LOOK_BACK: Final = 200  # characters searched back for a break before widening the search to the previous stretch


def _stretches(text: str, words: tuple[str, ...], breaks: _Breaks) -> list[tuple[int, int]]:
    """The stretches of ``text`` between breaks that hold one of ``words`` after white space, in order."""
    found: list[int] = []
    for word in words:
        k = text.find(word)
        while k >= 0:
            if k > 0 and text[k - 1].isspace():
                found.append(k)
            k = text.find(word, k + 1)
    if not found:
        return []
    found.sort()
    brk, last_brk = breaks
    stretches: list[tuple[int, int]] = []
    done = 0  # where the last stretch ended: a break's index (or 0)
    for q in found:
        if q < done:
            continue  # in the last stretch
        lo = max(done, q - _LOOK_BACK)
        last = last_brk.match(text, lo, q)
        if last is None and lo > done:
            last = last_brk.match(text, done, q)
        start = last.end() if last is not None else done
        nxt = brk.search(text, q)
        done = nxt.start() if nxt is not None else len(text)
        stretches.append((start, done))
    return stretches


def _matches_in(pat: rx.Pattern, text: str, stretches: list[tuple[int, int]]) -> list[re.Match[str]]:
    """What ``pat.finditer(text)`` finds, for a pattern whose matches all lie in ``stretches``."""
    out: list[re.Match[str]] = []
    for start, end in stretches:
        out.extend(pat.finditer(text, start, end))
    return out


def _airports_for_head(gaz: Gazetteer, head: str) -> list[Candidate]:
    """Airports of the cities named in the words before 'Airport', longest name first."""
    words = normalize(head).split()
    airports = []
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            for city in gaz.lookup(" ".join(words[i:i + n])):
                if city.kind == _CITY:
                    ap = gaz.main_airport(city)
                    if ap is not None and ap not in airports:
                        airports.append(ap)
        if airports:
            return airports
    return airports


# -- dateline -----------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _abbreviation_re(abbreviations: tuple[str, ...]) -> rx.Pattern:
    """", Ky." / ", W. Va." / ", TX" after a comma; case as written (a lowercase "pa" is no state)."""
    # "W.Va." is also written "W. Va.": a space may follow an inner dot, never the last one.
    alternatives = "|".join(re.escape(a[:-1]).replace(r"\.", r"\.[ ]?") + re.escape(a[-1])
                            for a in sorted(abbreviations, key=len, reverse=True))
    return rx.compile(r",[ \t]+(" + alternatives + r")(?![A-Za-z])")


@lru_cache(maxsize=4)
def _dotted_abbreviation_re(abbreviations: tuple[str, ...]) -> rx.Pattern:
    """Abbreviations with two dots or more ("S.C.", "B.C.", "W.Va.", "D.C."), standing on their own."""
    dotted = [a for a in abbreviations if a.count(".") >= 2]
    alternatives = "|".join(re.escape(a[:-1]).replace(r"\.", r"\.[ ]?") + re.escape(a[-1])
                            for a in sorted(dotted, key=len, reverse=True))
    return rx.compile(r"(?<![\w.])(" + alternatives + r")(?![A-Za-z])")


@lru_cache(maxsize=4)
def _qualifying_abbreviation_re(abbreviations: tuple[str, ...]) -> rx.Pattern:
    """Abbreviations with a final dot before a lower-case word ("Ga. pastor") or after a compass word
    ("Western Mass.")."""
    dotted = [a for a in abbreviations if a.endswith(".")]
    alternatives = "|".join(re.escape(a[:-1]).replace(r"\.", r"\.[ ]?") + re.escape(a[-1])
                            for a in sorted(dotted, key=len, reverse=True))
    return rx.compile(r"\b(?:Western|Eastern|Northern|Southern|Central|Upstate|upstate|Downstate|downstate) ("
                      + alternatives + r")(?![A-Za-z])|(?<![\w.])(" + alternatives + r")(?= [a-z])")


# A capitalised name (a town, "RIDGE FARM") ending right before the comma of ", Ill.".
_NAME_BEFORE_COMMA: Final = rx.compile(r"(?<![\w'’.\-])[A-Z][\w'’\-]*(?:[ \-][A-Z][\w'’\-]*)*$")


@lru_cache(maxsize=4)
def _party_state_re(abbreviations: tuple[str, ...]) -> rx.Pattern:
    """"D-Pa.", "R-Ind.": one dot (abbreviations with two dots or more stand on their own anyway)."""
    single = [a for a in abbreviations if a.count(".") == 1 and a.endswith(".")]
    alternatives = "|".join(re.escape(a) for a in sorted(single, key=len, reverse=True))
    return rx.compile(r"(?<![\w.\-])[DRI]-(" + alternatives + r")(?![A-Za-z])")


# A capitalised word: every abbreviation above starts one (whatever precedes it in the patterns is no letter).
_CAPITALISED_WORD: Final = rx.compile(r"[A-Z][A-Za-z]*")


@lru_cache(maxsize=4)
def _abbreviation_spellings(abbreviations: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """First word ("Ky", "W", "TX") -> the abbreviations it starts, as they may be written ("W.Va.", "W. Va.")."""
    spellings: dict[str, set[str]] = {}
    for a in abbreviations:
        parts = a[:-1].split(".")
        forms = {parts[0]}
        for part in parts[1:]:  # after each inner dot an optional space, as in the patterns
            forms = {f + sep + part for f in forms for sep in (".", ". ")}
        first = _CAPITALISED_WORD.match(a)
        if first is not None:
            spellings.setdefault(first.group(), set()).update(f + a[-1] for f in forms)
    return {first: tuple(forms) for first, forms in spellings.items()}


def _mentions_abbreviation(text: str, abbreviations: tuple[str, ...]) -> bool:
    """Whether any abbreviation is written in the text at a word's start. Most texts hold none: one scan of
    their capitalised words then spares the four big alternations below (each tried at every position)."""
    spellings = _abbreviation_spellings(abbreviations)
    for word in _CAPITALISED_WORD.finditer(text):
        forms = spellings.get(word.group())
        if forms is not None and any(text.startswith(f, word.start()) for f in forms):
            return True
    return False


def scan_region_abbreviations(text: str, gaz: Gazetteer, sents, *, taken: list[RawMention]) -> list[RawMention]:
    """"Corbin, Ky.", "CHARLESTON, W.Va.", "Paris, TX": a US state or Canadian province, abbreviated, right
    after a place named in it. "Pa." or "IN" elsewhere is not a place; only an abbreviation with two dots
    or more ("S.C.", "B.C.", "D.C.") is one on its own too ("the S.C. Highway Patrol", "D-S.C."), unless a
    number precedes it ("300 B.C.") or it opens a sentence or a bracket ("N.B. …")."""
    regions = gaz.region_abbreviations()
    if "." not in text and "," not in text or not regions:
        return []
    sent_of = sentence_index(sents)
    before = {m.end: m for m in taken}
    out = []
    abbreviations = tuple(regions)
    any_written = _mentions_abbreviation(text, abbreviations)  # most texts: none, and the scans are skipped
    if any_written:
        for match in _abbreviation_re(abbreviations).finditer(text):
            written = match.group(1)
            region = regions.get(written) or regions.get(written.replace(". ", "."))
            place = before.get(match.start())
            if region is None:
                continue
            if place is None or not any(
                    c.country_code == region.country_code and c.admin1 == region.admin1 for c in place.candidates):
                # "Friedensburg, Pa.", "BELGRADE, Minn. --": an abbreviation with a dot after a name the gazetteer
                # lacks, or after a dateline's city, is still the state ("He met Smith, Pa. officials said" is not:
                # Smith is a known name of no town there). A postal code ("IN", "OR", "ME") needs the known place.
                # A known name counts too when a preposition says it is a place: "born in Churchill, Man." (the
                # gazetteer lacks that Churchill; "Man" is a town in Côte d'Ivoire, "Churchill" a man).
                name = _NAME_BEFORE_COMMA.search(text, max(0, match.start() - 40), match.start())
                if "." not in written or not name or not (
                        name.group().isupper() or normalize(name.group()) not in gaz.index
                        or _PLACE_BEFORE.search(text, max(0, name.start() - 12), name.start())):
                    continue
            out.append(RawMention(match.start(1), match.end(1), written, [region], sent_of(match.start(1))))
    # "EDMONTON, Ky (WBKO) --": a dateline's state abbreviation, its dot left out.
    for match in _dateline_matches(text):
        qualifier = (match.group(2) or "").strip()
        region = _dateline_abbreviation(qualifier, regions)
        start = match.start(2) + match.group(2).index(qualifier) if qualifier else -1
        if region is not None and match.group(1).isupper() and not any(o.start <= start < o.end for o in out):
            out.append(RawMention(start, start + len(qualifier), qualifier, [region], sent_of(start)))
    if any_written:
        # "Sen. Bob Casey, D-Pa.": a party and the state a lawmaker represents.
        for match in _party_state_re(abbreviations).finditer(text):
            region = regions.get(match.group(1)) or regions.get(match.group(1).replace(". ", "."))
            if region is not None:
                start = match.start(1)
                out.append(RawMention(start, match.end(1), match.group(1), [region], sent_of(start)))
        occupied = SpanIndex([(m.start, m.end) for m in taken] + [(m.start, m.end) for m in out])
        sentence_starts = {s.start for s in sents}
        for match in _dotted_abbreviation_re(abbreviations).finditer(text):
            start, end = match.span(1)
            written = match.group(1)
            region = regions.get(written) or regions.get(written.replace(". ", "."))
            lead = text[max(0, start - 6):start].rstrip()
            if region is None or occupied.overlaps(start, end) or start in sentence_starts \
                    or lead.endswith("(") or (lead[-1:].isdigit()):
                continue
            occupied.add(start, end)
            out.append(RawMention(start, end, written, [region], sent_of(start)))
        # "Missing Ill. man", "Scandal-plagued Ga. pastor", "Western Mass. stargazers": an abbreviation that
        # qualifies the lower-case word after it (a sentence's end would be followed by a capital) or follows a
        # compass word is the state there too.
        for match in _qualifying_abbreviation_re(abbreviations).finditer(text):
            group = 1 if match.group(1) else 2
            start, end = match.span(group)
            written = match.group(group)
            region = regions.get(written) or regions.get(written.replace(". ", "."))
            if region is None or occupied.overlaps(start, end) \
                    or text[max(0, start - 6):start].rstrip()[-1:].isdigit():
                continue
            occupied.add(start, end)
            out.append(RawMention(start, end, written, [region], sent_of(start)))
    # "Winnipeg, Man.": the abbreviation, not a town named Man; the name mention inside it goes (in place).
    claimed = SpanIndex((m.start, m.end) for m in out)
    if any(claimed.overlaps(t.start, t.end) for t in taken):
        taken[:] = [t for t in taken if not claimed.overlaps(t.start, t.end)]
    qualify_towns_by_named_region(text, taken + out, gaz=gaz)
    return out


def _dateline_abbreviation(qualifier: str, regions: dict[str, Candidate]) -> Candidate | None:
    """A dateline's qualifier as a state or province abbreviation, with or without its final dot ("Ky",
    "Ky.", "W.Va."): in a dateline a bare "Ky" can be nothing else."""
    if not qualifier:
        return None
    return regions.get(qualifier) or regions.get(qualifier.replace(". ", ".")) or (
        regions.get(qualifier + ".") if qualifier[-1].isalpha() else None)


def _stale_code_inside(town: Candidate, holders: list[Candidate], gaz: Gazetteer) -> bool:
    """A town filed under a first-level code that no region of the gazetteer bears (an old province's), lying
    within the radius of a region of its country that the text names as its holder."""
    if not town.admin1 or gaz.get(f"geonames-admin1:{town.country_code}.{town.admin1}") is not None:
        return False
    return any(h.kind == _REGION and h.country_code == town.country_code
               and haversine_m(town.lat, town.lon, h.lat, h.lon) <= h.uncertainty_m for h in holders)


# "Detroit, Texas", "Churchill, Man.": between a town and the state or country that holds it only a comma.
_QUALIFIER_COMMA: Final = rx.compile(r",[ \t]*")
# ... not a list of places: "Dubai, Qatar and Oman", "Detroit, Texas, Ohio".
_LIST_GOES_ON: Final = rx.compile(r",?[ \t]*(?:(?:and|or|&)[ \t]+)?[A-Z]")
_LIST_BEFORE: Final = rx.compile(r"(?:,|\band|\bor|&)[ \t]*$")
# A full state or country name qualifies a town when the pair ends a phrase ("Gwen of Detroit, Texas;") or
# a preposition of place opens it ("south of Holliday, Missouri, and"): "According to Conrad, South Africa
# increasingly …" is a person, then the subject of a sentence.
_PAIR_ENDS: Final = rx.compile(r"[ \t]*(?:[,;:.!?)\]\"”’']|$|\n)")
_TOWN_PREPOSITION: Final = rx.compile(r"\b(?:in|at|near|from|of|outside|around|inside)[ \t]+$", re.I)


def qualify_towns_by_named_region(text: str, mentions: list[RawMention], *, gaz: Gazetteer | None = None) -> None:
    """"Town, State" and "Town, Country": the text says where the town lies (in place, on the town mention).

    - "HAMMOND, Ind.", "Atlanta, Georgia": the town's readings there are its readings, and it stands even
      where its name alone would need context (a common word, a sentence's first word).
    - "Detroit, Texas" where the gazetteer holds no Detroit in Texas: any other Detroit is wrong; the honest
      answer is the state itself, with its radius (region precision): the town mention's readings become the
      qualifier's state or country readings.

    A list ("Dubai, Qatar and Oman") qualifies nothing. A town whose GeoNames first-level code names no region
    of ``gaz`` (a code of before a reform: Kenya's towns filed under its old provinces) is inside a region
    when it lies within the region's radius ("Sololo, Marsabit County")."""
    by_start = {m.start: m for m in mentions}
    qualified: dict[str, list[Candidate]] = {}  # name: its readings where the text qualifies it
    done: set[int] = set()
    for town in mentions:
        if not town.candidates or town.kind_hint == "facility" or any(c.kind != _CITY for c in town.candidates):
            continue
        comma = _QUALIFIER_COMMA.match(text, town.end)
        if comma is None:
            continue
        qualifier = by_start.get(comma.end())
        if qualifier is None:
            continue
        holders = [c for c in qualifier.candidates if c.kind in (_REGION, _COUNTRY) and (c.admin1 or c.kind == _COUNTRY)]
        if not holders:
            continue
        if any(c.kind == _CITY and c.population >= MENTION_RULES.small_place_population for c in qualifier.candidates):
            continue  # "Paris, Victoria": the qualifier may be a big city (Hong Kong's) and the pair a list
        if _LIST_GOES_ON.match(text, qualifier.end) or _LIST_BEFORE.search(text, max(0, town.start - 5), town.start):
            continue
        if not (qualifier.text.endswith(".") or qualifier.text.isupper() or _PAIR_ENDS.match(text, qualifier.end)
                or _TOWN_PREPOSITION.search(text, max(0, town.start - 12), town.start)):
            continue
        inside = [c for c in town.candidates
                  if any(h.kind == _REGION and (h.country_code, h.admin1) == (c.country_code, c.admin1)
                         or h.kind == _COUNTRY and h.country_code == c.country_code for h in holders)]
        if not inside and gaz is not None:
            inside = [c for c in town.candidates if _stale_code_inside(c, holders, gaz)]
        town.candidates, town.weak, town.variant = inside or list(holders), False, False
        done.add(id(town))
        name = normalize(town.text)
        # (Qualified twice, by different places, "Springfield, Ohio … Springfield, Illinois": no one reading.)
        qualified[name] = town.candidates if qualified.get(name, town.candidates) == town.candidates else []
    # A text means one place by one name: "Churchill, Man. … the hospital in Churchill" is that town again,
    # not some other Churchill (nor, where the gazetteer lacks the town, anywhere but its province).
    if qualified:
        for m in mentions:
            q = qualified.get(normalize(m.text))
            if q and id(m) not in done and m.candidates and m.kind_hint != "facility" \
                    and all(c.kind == _CITY for c in m.candidates):
                m.candidates = q


# "Barrow and Jackson counties", "Becker, Clay, Douglas and Otter Tail counties", "Helmand and Kandahar
# provinces": each name is that unit.
# (Speed, as in _SITE_LOWER_RE: the first name's capital first, the character before it checked after it, so
# the engine jumps from capital to capital; the same matches as "(?<![\w'’\-])(" + _UNIT_NAME + "…".)
_UNIT_NAME: Final = r"[A-Z][\w'’\-]*\.?(?: [A-Z][\w'’\-]*)?"
_UNIT_LIST_RE: Final = rx.compile(r"([A-Z](?<![\w'’\-][A-Z])" + _UNIT_NAME[len("[A-Z]"):] + r"(?:,\s+" + _UNIT_NAME
                                  + r")*,?\s+(?:and|or|&)\s+" + _UNIT_NAME
                                  + r")\s+(counties|parishes|boroughs|districts|provinces|states|regions|divisions)\b")
_UNIT_SEPARATOR: Final = rx.compile(r",\s+(?:(?:and|or|&)\s+)?|\s+(?:and|or|&)\s+")
_UNIT_OF: Final = {"counties": "county", "parishes": "parish", "boroughs": "borough", "districts": "district",
                   "provinces": "province", "states": "state", "regions": "region", "divisions": "division"}
# Units the gazetteer seldom names with their word ("Kandahar province" is held as "Kandahar"): a listed name
# without such a key is the region of that name, if the gazetteer has one; never its town.
_UNIT_BY_BASE_NAME: Final = frozenset({"district", "province", "state", "region", "division"})


def scan_unit_lists(text: str, gaz: Gazetteer, sents, *, taken: list[RawMention]) -> list[RawMention]:
    """"Eastland and Callahan counties": each name of the list is that county, not a town or a person of that
    name. Mentions already in ``taken`` at those spans get the counties as their readings (in place); the
    names not yet taken ("Clay", a common word) are returned as new mentions."""
    if not any(plural in text for plural in _UNIT_OF):
        return []
    sent_of = sentence_index(sents)
    by_span = {(m.start, m.end): m for m in taken}
    occupied = SpanIndex((m.start, m.end) for m in taken)
    out = []
    for match in _matches_in(_UNIT_LIST_RE, text, _stretches(text, tuple(_UNIT_OF), _UNIT_LIST_BREAKS)):
        unit = _UNIT_OF[match.group(2)]
        pos = match.start(1)
        for name in _UNIT_SEPARATOR.split(match.group(1)):
            start = text.index(name, pos)
            end = pos = start + len(name)
            units = [c for c in gaz.lookup(normalize(f"{name} {unit}")) if c.kind == _REGION]
            if not units and " " in name:  # "Small Hitchcock and Hayes counties": a capitalised word before it
                last = name.rsplit(" ", 1)[1]
                start, name = end - len(last), last
                units = [c for c in gaz.lookup(normalize(f"{name} {unit}")) if c.kind == _REGION]
            if not units and unit in _UNIT_BY_BASE_NAME:
                units = [c for c in gaz.lookup(normalize(name)) if c.kind == _REGION]
            if not units:
                continue
            same = by_span.get((start, end))
            if same is not None:
                same.candidates, same.weak, same.kind_hint = units, False, ""
            elif not occupied.overlaps(start, end):
                out.append(RawMention(start, end, name, units, sent_of(start)))
    return out


# The last text's dateline matches: geoparse reads them twice (scan_region_abbreviations, then find_dateline),
# and the pattern, tried after every sentence end, costs about 0.15 ms an article each time.
_last_datelines: Final[dict[str, list[re.Match[str]]]] = {}


def _dateline_matches(text: str) -> list[re.Match[str]]:
    """What ``_DATELINE_RE.finditer(text)`` finds.

    Speed: the pattern is tried only where a match can start (:func:`_dateline_starts`), not at every
    character of the text; at each, ``match`` tries what the scan would try there, and a start inside the
    previous match is skipped as the scan skips it: the same matches (tests/test_mentions.py compares)."""
    found = _last_datelines.get(text)
    if found is None:
        found = []
        end = 0
        for start in _dateline_starts(text):
            if start < end:
                continue
            m = _DATELINE_RE.match(text, start)
            if m is not None:
                found.append(m)
                end = m.end()
        _last_datelines.clear()  # one text only
        _last_datelines[text] = found
    return found


def _dateline_starts(text: str) -> list[int]:
    """Every position where ``_DATELINE_RE`` can match, in order: the text's start ("^"), a line break ("\\n"), a
    bracket ("\\("), and right after a sentence's end and a space ("(?<=[.!?]\\s)").

    Speed: str.find for each of those characters (a fast memchr), not a regex scan calling its character set
    per character; str.isspace is what the regex's \\s is (Unicode white space)."""
    starts = [0]
    for opener in "\n(":
        k = text.find(opener)
        while k >= 0:
            starts.append(k)
            k = text.find(opener, k + 1)
    last = len(text) - 1
    for stop in ".!?":
        k = text.find(stop)
        while 0 <= k < last:
            if text[k + 1].isspace():
                starts.append(k + 2)
            k = text.find(stop, k + 1)
    starts.sort()
    return starts


def find_dateline(text: str, gaz: Gazetteer, *, prefer=None) -> tuple[Candidate | None, tuple[int, int] | None]:
    """The dateline's city. ``prefer(cities, name, span)`` chooses among the readings of a dateline that
    names no country or state ("MANSFIELD —"); without it, the most populous."""
    for m in _dateline_matches(text):
        if not m.group(1).isupper():
            continue
        city_key = normalize(m.group(1))
        qualifier = (m.group(2) or "").strip()
        # (A dateline names a town: "QUEBEC --" is Quebec City where a wide region took the bare name.)
        cities = [c for c in gaz.lookup(city_key) if c.kind == _CITY] \
            or [c for c in gaz.lookup(f"{city_key} city") if c.kind == _CITY]
        if not cities:
            continue
        span = (m.start(1), m.end())
        if qualifier:
            named = gaz.lookup(normalize(qualifier))
            # "CHARLESTON, W.Va. --", "EDMONTON, Ky (WBKO) --": a state as newspapers abbreviate it.
            abbreviated = _dateline_abbreviation(qualifier, gaz.region_abbreviations())
            if abbreviated is not None:
                named = [abbreviated]
            ccs = {c.country_code for c in named if c.kind in (_COUNTRY, _REGION)}
            regions = {(c.country_code, c.admin1) for c in named if c.kind == _REGION}
            in_regions = [c for c in cities if (c.country_code, c.admin1) in regions]
            narrowed = in_regions or ([] if abbreviated is not None else [c for c in cities if c.country_code in ccs])
            if narrowed:
                return max(narrowed, key=lambda c: c.population), span
            if abbreviated is not None:
                # "HOLLIDAY, Mo. --" where the gazetteer has no Holliday in Missouri: no town of that name
                # elsewhere is the dateline (the name mention stands for the state: see
                # qualify_towns_by_named_region).
                return None, span
        if prefer is not None and len(cities) > 1:
            return prefer(cities, city_key, span), span
        return max(cities, key=lambda c: c.population), span
    return None, None
