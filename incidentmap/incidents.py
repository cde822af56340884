"""Incident extraction: typed, dated, located incidents, each traceable to its sentence.

A trigger (incidentmap/data/lexicon/incident_triggers.csv) in a clause makes a candidate incident; cues
(incidentmap/data/lexicon/cues.csv) cancel it (negation, non-events) or mark it planned; it is located at
the place the clause says it happened — not where its actors came from — else at the nearest
earlier place in the paragraph, else at the article's focus, with the precision that follows.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .counts import extract_counts
from .dates import fallback_date, find_dates, pick_date
from .geoparse import GeoparseResult
from .models import Incident, Place, Source
from .resources import LEXICON, data_dir
from .segment import Span

LEXICON_DIR = data_dir(LEXICON)

# Clause boundaries: negation and "planned" cues do not reach across them.
_CLAUSE_RE = re.compile(r",\s*(?:but|while|although|though|whereas|yet|where|when|which|after|before)\b|;|\s+but\s+"
                        r"|\s+while\s+|\s[-—–]\s")
_WORD_RE = re.compile(r"[\w'’-]+")
_HYPHEN_MODIFIER_RE = re.compile(r"^[-‐‑](?:led|backed|based|bound|born|allied|aligned|controlled|run|made)\b")
# Types whose unplaced reports are country-wide by nature.
_COUNTRYWIDE = {"comms_blackout"}
# Types located where the actor acts from (the capital/country), when the sentence names no place.
_STATE_ACTS = {"political"}
_MOVEMENT_TYPES = {"troop_deployment"}
# Types whose inherited location is the whole city, not the site the text named before ("A curfew is in effect").
_AREA_TYPES = {"curfew", "humanitarian", "political"}
# A national tally or a national authority speaking: with no place named, the country is where it holds.
_NATIONAL = re.compile(
    r"\b(?:nationwide|across the country|throughout the country|in total|so far|since (?:the )?(?:protests|unrest|"
    r"demonstrations|violence) (?:began|started|erupted)|interior minist(?:er|ry)|(?:the )?government said|"
    r"state (?:television|media|news agency)|national police)\b", re.I)
_NEGATION_WINDOW = {"no": 3, "zero": 3, "nobody": 3, "none": 3, "without": 2, "never": 2, "not": 2, "n't": 2, "nor": 2, "neither": 3,
                    "denied": 4}
_NEGATION_REACH = max(_NEGATION_WINDOW.values())  # words before a trigger that a negation can sit in


@dataclass(frozen=True, slots=True)
class Trigger:
    slug: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True, slots=True)
class _Lexicon:
    triggers: tuple[tuple[str, re.Pattern, float], ...]
    # Speed: a pattern runs on a sentence only if one of its anchor stems starts a word there.
    anchors: dict[str, tuple[tuple[str, int], ...]]  # first 3 letters of a stem -> (stem, trigger number)
    always: tuple[int, ...]  # triggers without anchors: always run
    anchor_stems: dict[str, tuple[str, ...]]  # first 3 letters -> the stems alone, for one str.startswith
    negation_before: re.Pattern
    negation_after: re.Pattern
    non_event: re.Pattern
    planned: re.Pattern
    origin: re.Pattern
    not_location: re.Pattern
    actors: tuple[tuple[str, re.Pattern], ...]
    any_actor: re.Pattern  # all actor patterns in one
    actor_anchors: dict[str, tuple[str, ...]]  # first 3 letters -> stems that can start an actor phrase


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    by_slug: dict[str, list[tuple[str, float]]] = {}
    with (LEXICON_DIR / "incident_triggers.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            by_slug.setdefault(row["slug"], []).append((row["pattern"], float(row["weight"])))
    triggers = []
    anchors: dict[str, list[tuple[str, int]]] = {}
    always = []
    for slug, rows in by_slug.items():
        for pattern, weight in rows:
            stems = anchor_stems(pattern)
            if stems is None:
                always.append(len(triggers))
            else:
                for stem in stems:
                    anchors.setdefault(stem[:3], []).append((stem, len(triggers)))
            triggers.append((slug, re.compile(pattern, re.IGNORECASE), weight))
    cues = {}
    with (LEXICON_DIR / "cues.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cues[row["kind"]] = re.compile(row["pattern"], re.IGNORECASE)
    with (LEXICON_DIR / "actors.csv").open(encoding="utf-8", newline="") as fh:
        actors = tuple((r["actor"], re.compile(r["pattern"], re.IGNORECASE)) for r in csv.DictReader(fh))
    return _Lexicon(tuple(triggers), {k: tuple(v) for k, v in anchors.items()}, tuple(always),
                    {k: tuple(stem for stem, _ in v) for k, v in anchors.items()}, cues["negation_before"], cues["negation_after"], cues["non_event"],
                    cues["planned"], cues["origin"], cues["not_location"], actors,
                    re.compile("|".join(f"(?:{p.pattern})" for _, p in actors), re.IGNORECASE),
                    _stem_index(stem for _, p in actors for stem in anchor_stems(p.pattern) or ()))


def extract_incidents(text: str, geo: GeoparseResult, *, published: dt.date | None) -> list[Incident]:
    lex = lexicon()
    places = {p.key: p for p in geo.places}
    mentions = geo.mention_places
    scenes = _scene_mentions(text, geo, places, lex)
    mention_starts = [m[0] for m in mentions]
    scene_starts = [m[0] for m in scenes]
    incidents: list[Incident] = []
    # (sentence number, paragraph, place) of the latest located incident: the scene later sentences inherit.
    last_scene: tuple[int, int, Place] | None = None
    found: dict[int, list] = {}

    def dates_in(k: int) -> list:  # each sentence's dates once: the next sentence may inherit them
        if k not in found:
            found[k] = find_dates(text[geo.sentences[k].start:geo.sentences[k].end], published=published)
        return found[k]

    first_of_paragraph = {i for i, s in enumerate(geo.sentences) if i == 0 or geo.sentences[i - 1].paragraph != s.paragraph}
    for sent_no, sent in enumerate(geo.sentences):
        sentence = text[sent.start:sent.end]
        triggers = _find_triggers(sentence, lex)
        if not triggers:
            continue
        clauses = _clauses(sentence)
        lo = bisect.bisect_left(scene_starts, sent.start)
        hi = bisect.bisect_left(scene_starts, sent.end)
        locatable = [(s - sent.start, e - sent.start, k) for s, e, k, _ in scenes[lo:hi] if e <= sent.end]
        planned_at = None
        lo = bisect.bisect_left(mention_starts, sent.start)
        hi = bisect.bisect_left(mention_starts, sent.end)
        sent_mentions = mentions[lo:hi]  # mention_places is sorted by start
        found_dates = dates_in(sent_no)
        when = pick_date(found_dates)
        dated_here = when.date is not None
        if when.date is None:
            when = _inherited_date(geo.sentences, sent_no, dates_in) or fallback_date(published)
        counts = _LazyCounts(sentence)
        seen: dict[tuple[str, str], Incident] = {}
        if '"' in sentence or "”" in sentence:
            quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(sentence)]
            tail_quote = _QUOTE_TAIL.search(sentence)
            if tail_quote and not any(a <= tail_quote.start() < b for a, b in quotes):
                quotes.append((-1, tail_quote.start()))  # the quotation opened in an earlier sentence
            # What someone said is not a report of what happened ("They came to kill," said one man).
            triggers = [t for t in triggers if not any(a < t.start < b for a, b in quotes)]
        clause_of = {t: next((c for c in clauses if c[0] <= t.start < c[1]), (0, len(sentence))) for t in triggers}
        non_event: dict[tuple[int, int], bool] = {}
        slug_of = {t: _retyped(t, sentence, clause_of[t], lex) for t in triggers}
        actors = national = None
        features: dict = {}  # per mention of this sentence, for _locate
        has_there = "there" in sentence or "There" in sentence
        for trig in triggers:
            clause = clause_of[trig]
            if trig.weight < _STRONG and _weak_dropped(trig, clause, clause_of, triggers, sentence, slug_of):
                continue
            if _cancelled(sentence, clause, trig, lex, non_event):
                continue
            slug = slug_of[trig]
            located, located_in_sentence = _locate(sentence, trig, clause, locatable, places, lex, features)
            if located and has_there and _THERE.search(sentence, clause[0], clause[1]) and not any(
                    clause[0] <= s < clause[1] for s, _e, _k in locatable):
                located = []  # "erupted there": the place of the sentence before, not one of another clause
            if not located:
                recent = None
                if last_scene is not None:
                    same_paragraph = last_scene[1] == sent.paragraph and sent_no - last_scene[0] <= _SCENE_MEMORY
                    # Across a paragraph break only into its first sentence (paragraphs may come out of order).
                    next_paragraph = sent_no in first_of_paragraph and last_scene[1] == sent.paragraph - 1
                    if same_paragraph or next_paragraph:
                        recent = last_scene[2]
                if national is None:
                    national = bool(_NATIONAL.search(sentence))
                context = _context_place(slug, geo, sent, scenes, places, recent, national=national)
                located = [context] if context is not None else []
                if context is not None and recent is not None and context.kind != "country":
                    # The scene goes on ("Police moved in. Officers arrested …"), or zooms out to the city
                    # after a city-wide measure ("A curfew is in effect. Shots were heard …").
                    last_scene = (sent_no, sent.paragraph, context)
            if planned_at is None:
                planned_at = [m.start() for m in lex.planned.finditer(sentence)]
            planned = any(clause[0] <= pos < trig.start for pos in planned_at)
            status = "planned" if planned else "reported"
            when_here = when
            if dated_here:
                when_here = pick_date(found_dates, near=trig.start)
            if planned:
                when_here = _future(when_here, published)
            for place in located:
                key = (slug, place.key)
                if key in seen:
                    continue  # one incident per type and place per sentence
                if actors is None:
                    actors = _actors(sentence, lex)
                seen[key] = incident = _make_incident(
                    slug, trig, place, sentence, sent, text, sent_mentions, when_here, actors, status,
                    located_in_sentence, counts)
                incidents.append(incident)
                if located_in_sentence and place.kind != "country":
                    last_scene = (sent_no, sent.paragraph, place)
    return incidents


_STRONG = 0.6
# Acts by the crowd itself: when the clause reports one, "protesters" there are its actors, not a protest.
_CROWD_ACTS = {"riot", "looting_arson"}
_TIME_ANCHOR = re.compile(r"\b(?:since|before|until|ahead of)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
_PEOPLE = re.compile(r"protest(?:ers|ors)|demonstrators|marchers|crowds?", re.I)
# Acts done to a crowd: protesters fired on, dispersed or arrested were protesting (ACLED: protest with intervention).
_FORCE_ACTS = {"armed_violence", "security_control", "arrest", "casualties"}


def _weak_dropped(trig: Trigger, clause, clause_of, triggers, sentence: str, slug_of) -> bool:
    """Whether a weak trigger (people, not an event: "protesters", "rioters", "unrest") adds nothing here."""
    same_clause = [slug_of[o] for o in triggers if o is not trig and clause_of[o] == clause and o.weight >= _STRONG]
    if any(slug == trig.slug or slug in _CROWD_ACTS for slug in same_clause):
        return True  # "protesters stormed …": a riot, reported by its own trigger
    if trig.slug != "protest":
        return bool(same_clause)
    if any(slug in _FORCE_ACTS for slug in same_clause):
        # "police fired tear gas at protesters": the protest is an incident too; "the deadliest day of the
        # unrest, with 91 killed" is not a separate protest.
        return not _PEOPLE.match(sentence, trig.start)
    # Named as the object of someone else's non-violent act ("shouted at the demonstrators"): no protest.
    return bool(same_clause) or bool(_OBJECT_POSITION.search(sentence, max(0, trig.start - 40), trig.start))
_SCENE_MEMORY = 3  # sentences: how long a scene carries to sentences that name no place
# People named as the object of someone else's act ("shouted at the demonstrators") are not their own event.
_OBJECT_POSITION = re.compile(
    r"\b(?:at|on|against|with|by|to|of|among|disperse[ds]?|dispersing|chased|chasing|beat|beating|arrested|"
    r"detained|attacked|confronted|met|told|urged)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)


class _LazyCounts:
    """extract_counts only for sentences that report casualties or arrests."""

    __slots__ = ("sentence", "_counts")

    def __init__(self, sentence: str):
        self.sentence, self._counts = sentence, None

    def __getattr__(self, name):
        if self._counts is None:
            self._counts = extract_counts(self.sentence)
        return getattr(self._counts, name)
# A quotation of three words or more: “…” or "…".
_QUOTE_TAIL = re.compile(r"[\"”]\s*,?\s*(?:said|says|told|added|according to|wrote|shouted|chanted)\b")
_QUOTE = re.compile(r"“[^”]*?(?:\s\S+){2,}[^”]*”|\"[^\"]*?(?:\s\S+){2,}[^\"]*\"")


_WEEKDAY_TEXT = re.compile(r"^(?:on\s+|late\s+on\s+|early\s+on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                           r"sunday)$", re.I)


def _future(when, published: dt.date | None):
    """A planned event "on Wednesday" is the coming Wednesday, not the last one."""
    if published is None or when.precision != "day" or not _WEEKDAY_TEXT.match(when.text.strip()):
        return when
    day = dt.date.fromisoformat(when.date)
    if day < published:
        day += dt.timedelta(days=7)
    return replace(when, date=day.isoformat())


_STORMING = re.compile(r"(?:storm|over|broke|break|forced|seiz)", re.I)
_SEIZING = re.compile(r"(?:occup|seiz|took|taken|take)", re.I)


def _retyped(trig: Trigger, sentence: str, clause, lex: _Lexicon) -> str:
    """Who seizes decides the type: forces storming a site take control of it; protesters occupying one riot."""
    word = sentence[trig.start:trig.end]
    storming = trig.slug == "riot" and _STORMING.match(word)
    seizing = trig.slug == "security_control" and _SEIZING.match(word)
    if not (storming or seizing):
        return trig.slug  # only active seizing can go either way ("police stations came under attack" cannot)
    before = sentence[clause[0]:trig.start]
    state = lex.actors[0][1]  # the first actor row: state forces
    last_state = max((m.end() for m in state.finditer(before)), default=-1)
    crowd = max((m.end() for label, pat in lex.actors[2:4] for m in pat.finditer(before)), default=-1)
    if storming:
        return "security_control" if last_state > crowd else "riot"
    return "riot" if crowd > last_state else "security_control"


def _make_incident(slug, trig, place, sentence, sent, text, mentions, when, actors, status, in_sentence, counts):
    mention_text = next((text[s:e] for s, e, k in mentions if k == place.key), place.name)
    incident = Incident(
        id=_stable_id(slug, place.key, sent.start, trig.start),
        incident_type=slug, place=place, mention=mention_text, evidence=sentence,
        start=sent.start, end=sent.end, date=when.date, date_precision=when.precision,
        date_text=when.text, actors=list(actors), status=status, trigger=sentence[trig.start:trig.end],
        confidence=round(trig.weight * (0.6 + 0.4 * place.confidence) * (1.0 if in_sentence else 0.8)
                         * (0.8 if status == "planned" else 1.0), 3),
    )
    if slug == "casualties":
        incident.fatalities, incident.injuries = counts.fatalities, counts.injuries
        incident.count_text = "; ".join(counts.texts.get(k, "") for k in ("fatalities", "injuries")
                                        if counts.texts.get(k))
    elif slug == "arrest":
        incident.arrests = counts.arrests
        incident.count_text = counts.texts.get("arrests", "")
    return incident


# -- triggers and cues ------------------------------------------------------------------------------

_LOWER_WORD_RE = re.compile(r"(?<![a-z])[a-z]{3,}")


def _find_triggers(sentence: str, lex: _Lexicon) -> list[Trigger]:
    """Every trigger match in the sentence.

    Speed: each pattern alternative starts with a literal stem, so a match can only start where a
    word starting with that stem does: patterns are tried there with ``match`` instead of scanning
    the sentence with every pattern.
    """
    found = []
    lower = sentence.lower()
    anchors, triggers, anchor_stems_of = lex.anchors, lex.triggers, lex.anchor_stems
    if len(lower) == len(sentence):  # positions agree (some characters change length when lowered)
        tried = set()
        for w in _LOWER_WORD_RE.finditer(lower):
            word = w.group()
            pairs = anchors.get(word[:3])
            if not pairs or not word.startswith(anchor_stems_of[word[:3]]):
                continue
            for stem, number in pairs:
                if word.startswith(stem) and (number, w.start()) not in tried:
                    tried.add((number, w.start()))
                    slug, pattern, weight = triggers[number]
                    m = pattern.match(sentence, w.start())
                    if m is not None:
                        found.append(Trigger(slug, m.start(), m.end(), weight))
        scan = lex.always
    else:
        scan = range(len(triggers))
    for number in scan:
        slug, pattern, weight = triggers[number]
        for m in pattern.finditer(sentence):
            found.append(Trigger(slug, m.start(), m.end(), weight))
    # A longer trigger of the same type that covers a shorter one wins ("live fire" over "fire").
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[Trigger] = []
    for t in found:
        if any(k.slug == t.slug and k.start <= t.start and t.end <= k.end for k in kept):
            continue
        kept.append(t)
    return kept


_LEADING_NOISE = re.compile(r"^(?:\\b|\(\?<[!=](?:[^()]|\([^()]*\))*\)|\(\?-i:)+")


def _split_top(pattern: str) -> list[str]:
    """Split a regular expression at its top-level '|'."""
    parts, depth, cur, i = [], 0, [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur.append(pattern[i:i + 2])
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "[":
            j = pattern.index("]", i + 1)
            cur.append(pattern[i:j + 1])
            i = j + 1
            continue
        if ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def _literal_prefix(alt: str) -> str:
    out = []
    for i, ch in enumerate(alt):
        nxt = alt[i + 1] if i + 1 < len(alt) else ""
        if not ch.isalpha() or (nxt and nxt in "?*{"):
            break
        out.append(ch.lower())
    return "".join(out)


def anchor_stems(pattern: str) -> list[str] | None:
    """Literal word stems one of which must start a word wherever ``pattern`` matches; None if unsure."""
    stems = []
    for alt in _split_top(pattern):
        alt = _LEADING_NOISE.sub("", alt)
        if alt.startswith("(?:"):
            depth, j = 0, 0
            for j, ch in enumerate(alt):
                depth += ch == "("
                depth -= ch == ")"
                if depth == 0:
                    break
            if alt[j + 1:j + 2] in ("?", "*", "{"):
                return None  # an optional first group: the anchor is not certain
            subs = [_literal_prefix(_LEADING_NOISE.sub("", sub)) for sub in _split_top(alt[3:j])]
        else:
            subs = [_literal_prefix(alt)]
        if any(len(sub) < 3 for sub in subs):
            return None
        stems += subs
    return stems


def _clauses(sentence: str) -> list[tuple[int, int]]:
    bounds = [0]
    for m in _CLAUSE_RE.finditer(sentence):
        bounds.append(m.start())
        bounds.append(m.end())
    bounds.append(len(sentence))
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]


def _cancelled(sentence: str, clause: tuple[int, int], trig: Trigger, lex: _Lexicon, non_event: dict) -> bool:
    before = sentence[max(clause[0], trig.start - 60):trig.start]  # the window is a few words at most
    if _TIME_ANCHOR.search(before):
        return True  # "since the protests began", "since the coup": a time anchor, not a report
    words = _WORD_RE.findall(before)[-_NEGATION_REACH:]
    for back, word in enumerate(reversed(words)):
        w = word.casefold().replace("’", "'")
        cue = "n't" if w.endswith("n't") else w
        if cue in _NEGATION_WINDOW and back < _NEGATION_WINDOW[cue]:
            return True
    after = sentence[trig.end:min(clause[1], trig.end + 60)]
    after_words = " ".join(_WORD_RE.findall(after)[:4])
    if lex.negation_after.match(after_words) or lex.negation_after.search(after_words[:24]):
        return True
    if clause not in non_event:
        non_event[clause] = bool(lex.non_event.search(sentence, clause[0], clause[1]))
    return non_event[clause]


# -- location ---------------------------------------------------------------------------------------

def _scene_mentions(text: str, geo: GeoparseResult, places: dict[str, Place], lex: _Lexicon):
    """Mentions that can say where something happened, with their paragraph: (start, end, key, paragraph).

    Left out: origins ("troops from Belarus"), modifiers ("Moscow-led"), history (the Soviet Union)
    and the dateline, which says where the reporter is, not where a sentence's events happened.
    """
    dl = geo.dateline or (-1, -1)
    out = []
    sents = geo.sentences
    si = 0
    for start, end, key in geo.mention_places:
        while si + 1 < len(sents) and sents[si + 1].start <= start:
            si += 1
        place = places.get(key)
        if place is None or place.source == Source.HISTORICAL or dl[0] <= start < dl[1]:
            continue
        if _HYPHEN_MODIFIER_RE.match(text[end:end + 12]) or lex.origin.search(text[max(0, start - 20):start]):
            continue
        out.append((start, end, key, sents[si].paragraph if sents else 0))
    return out


_SCENE_OPENER = re.compile(r"^(?:[A-Z][a-z]+\s+[a-z]+,\s+)?(?:In|At|Across|Throughout|Outside|Inside|Near)\s+(?:the\s+)?")
_THERE = re.compile(r"\bthere\b(?!\s+(?:is|are|was|were|have|has|had|will|would|may|might|could|seems?|appears?)\b)", re.I)
_SPEAKER_VERB = re.compile(
    r"(?:['’]s)?\s+(?:has\s+|have\s+|had\s+)?(?:said|says|say|ordered|orders|announced|ruled|declared|congratulated|"
    r"condemned|warned|urged|rejected|approved|denied|confirmed|accused|blamed|demanded|called|vowed|pledged|"
    r"insisted|claimed|told|stated|responded|welcomed|criticised|criticized)\b")
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+as well as\s+)\s*")


def _mention_features(sentence: str, start: int, end: int, lex: _Lexicon) -> tuple[bool, bool, bool, bool, bool]:
    """What the words around a mention say, whatever the trigger: (target, moved to, speaker, possessive, opener)."""
    before = sentence[max(0, start - 25):start]
    opener = _SCENE_OPENER.search(sentence, 0, start)
    return (bool(lex.not_location.search(before)),
            bool(_MOVED_TO.search(before)),
            bool(_SPEAKER_VERB.match(sentence, end)) and not _SCENE_PREPOSITION.search(before),
            sentence[end:end + 2] in ("'s", "’s"),
            opener is not None and opener.end() == start)


_MOVED_TO = re.compile(r"\b(?:to|into)\s*$")
_SCENE_PREPOSITION = re.compile(r"\b(?:in|at|of|from|near)\s+(?:the\s+)?$")


def _locate(sentence, trig: Trigger, clause, locatable, places, lex: _Lexicon,
            features: dict | None = None) -> tuple[list[Place], bool]:
    """The places the clause says the event happened at (several for "in Mombasa, Kisumu and Eldoret").

    ``features`` caches each mention's trigger-independent context across the triggers of one sentence.
    """
    if features is None:
        features = {}
    best, best_score, best_i, best_in_clause = None, None, -1, False
    eligible: list[tuple[float, int, Place, bool]] = []  # (score, index, place, opens the sentence) in the clause
    for i, (start, end, key) in enumerate(locatable):
        place = places.get(key)
        if place is None:
            continue
        in_clause = clause[0] <= start < clause[1]
        feats = features.get(i)
        if feats is None:
            feats = features[i] = _mention_features(sentence, start, end, lex)
        target, moved_to, speaker, possessive, opener = feats
        moving_to = moved_to and trig.slug in _MOVEMENT_TYPES and start >= trig.end
        if target and not moving_to:
            continue  # "appealed to Russia": a target, not where it happened
        if speaker:
            continue  # "Russia said …", "the Supreme Court ordered …": who acts or speaks, not the scene
        if start >= trig.end:
            distance = len(_WORD_RE.findall(sentence[trig.end:start]))
            score = distance * 1.0
        else:
            distance = len(_WORD_RE.findall(sentence[end:trig.start]))
            score = distance * 1.3 + 2  # the subject ("The main square ... was occupied") is a fallback
        if not in_clause:
            score += 12
        if possessive:
            score += 6  # "Kazakhstan's president": the actor's country, a weak location
        if place.kind == "country":
            score += 3  # a finer place in the same clause says more
        elif place.kind == "water" or (place.kind == "region" and not place.country_code):
            score += 4  # "near Lake Titicaca", "across East Africa": landmarks of the text, rarely the scene
        if start < trig.start and opener:
            score -= 10  # "In Atbara, ... hundreds marched": the opening phrase sets the scene
        if in_clause:
            eligible.append((score, i, place, bool(start < trig.start and opener)))
        if best_score is None or score < best_score:
            best, best_score, best_i = place, score, i
            best_in_clause = in_clause
    if best is None:
        return [], False
    if best_in_clause and best.kind == "region" and best.country_code and not _coordinated(sentence, locatable, best_i):
        best, best_i = _finest(best, best_i, eligible, places)
    if not best_in_clause:
        return [best], True  # "… in Brest, Gomel and Pinsk, where police used tear gas": the last one only
    # Coordinated places share the event: each gets its own incident, as ACLED codes one event per location.
    chosen = [best]
    for step in (-1, 1):
        i = best_i
        while 0 <= i + step < len(locatable):
            a, b = (locatable[i], locatable[i + step]) if step == 1 else (locatable[i + step], locatable[i])
            if not _COORDINATION.fullmatch(sentence[a[1]:b[0]]):
                break
            other = places.get(locatable[i + step][2])
            if other is None or (other.kind == "country") != (best.kind == "country"):
                break
            if (other.kind == "region") != (best.kind == "region") and "," in sentence[a[1]:b[0]]:
                break  # "Maiduguri, Borno State": the region holds the city, it is not a second place
            chosen.append(other)
            i += step
    return chosen, True


_SITE_KINDS = ("landmark", "airport", "district")


def _coordinated(sentence: str, locatable, i: int) -> bool:
    """Whether mention ``i`` is listed with a neighbour ("closed in Punjab and Islamabad"): a list of scenes."""
    gaps = []
    if i > 0:
        gaps.append(sentence[locatable[i - 1][1]:locatable[i][0]])
    if i + 1 < len(locatable):
        gaps.append(sentence[locatable[i][1]:locatable[i + 1][0]])
    return any(_COORDINATION.fullmatch(gap) and "," not in gap for gap in gaps)


def _finest(region: Place, region_i: int, eligible, places: dict[str, Place]) -> tuple[Place, int]:
    """A region is the scene only if the clause names nothing finer inside it: "Police in Lae, in Morobe
    province, arrested 37", "In the Sahel region, gunmen attacked a post outside Djibo" happened in Lae
    and at Djibo (ACLED codes the most precise location), while "troops in Punjab … and in Islamabad"
    keeps Punjab. A place that opens the sentence ("In Zugdidi, near … Abkhazia, crowds gathered") is
    the scene wherever it lies. Of a city and a site in it ("the airport in Juliaca, in the Puno
    region") the site is finer still."""
    def inside(p: Place) -> bool:
        admin1 = p.admin1 or (places[p.city_id].admin1 if p.city_id in places else "")
        return bool(region.admin1) and admin1 == region.admin1

    finer = [(score, i, p) for score, i, p, opens in eligible
             if p.country_code == region.country_code and (p.kind == "city" or p.kind in _SITE_KINDS)
             and (opens or inside(p))]
    if not finer:
        return region, region_i
    _score, i, place = min(finer, key=lambda f: f[0])
    if place.kind == "city":
        sites = [(score, j, p) for score, j, p in finer if p.kind in _SITE_KINDS and p.city_id == place.key]
        if sites:
            _score, i, place = min(sites, key=lambda f: f[0])
    return place, i


def _context_place(slug: str, geo: GeoparseResult, sent: Span, scenes, places, last_scene=None,
                   national: bool = False) -> Place | None:
    """No place in the sentence: country-wide measures go to the country; others to where the paragraph's
    latest incident happened, or to its nearest earlier place (coarsened to the city), else the focus."""
    if slug in _COUNTRYWIDE or slug in _STATE_ACTS or (national and geo.focus_country is not None):
        return geo.focus_country or geo.focus
    if last_scene is not None:
        # The story stays where it was ("Protesters occupied the airport. Police moved in…"),
        # but a city-wide measure after a site is city-wide ("… the square. A curfew is in effect").
        return _city_of(last_scene, geo) if slug in _AREA_TYPES else last_scene
    first_after = bisect.bisect_left(scenes, (sent.start,))
    for start, _end, key, paragraph in reversed(scenes[max(0, first_after - 50):first_after]):
        if paragraph != sent.paragraph:
            break
        place = places[key]
        if place.kind == "country" and geo.focus is not None and place.country_code == geo.focus.country_code:
            return geo.focus  # "in Kazakhstan" then "the city centre": the focus city is the better guess
        if place.kind != "country" or geo.focus is None:
            return _city_of(place, geo)
    return geo.focus or geo.focus_country


def _city_of(place: Place, geo: GeoparseResult) -> Place:
    """An inherited location is coarsened to its city: a curfew after a sentence about a square is city-wide."""
    if not place.city_id:
        return place
    if geo.focus is not None and geo.focus.key == place.city_id:
        return geo.focus
    return next((p for p in geo.places if p.key == place.city_id), place)


def _inherited_date(sents: list[Span], sent_no: int, dates_in):
    """A sentence without a date takes the date of an earlier sentence of its paragraph, if that had one."""
    if sent_no == 0 or sents[sent_no - 1].paragraph != sents[sent_no].paragraph:
        return None
    when = pick_date(dates_in(sent_no - 1))
    return when if when.date is not None else None


# -- actors and identity ----------------------------------------------------------------------------

_ACTOR_PRE = re.compile(r"(?:(?:[A-Z][\w’'-]*(?:’s|'s)?|[a-z]+-led)\s+){0,2}$")


def _stem_index(stems) -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for stem in stems:
        index.setdefault(stem[:3], set()).add(stem)
    return {k: tuple(v) for k, v in index.items()}


def _actors(sentence: str, lex: _Lexicon) -> list[str]:
    """Who acted, as the text names them, with its modifiers ("Russian paratrooper units") and origins."""
    out: list[str] = []
    lower = sentence.lower()
    if len(lower) == len(sentence):  # match only where an actor word starts (see _find_triggers)
        anchors = lex.actor_anchors
        matches = []
        for w in _LOWER_WORD_RE.finditer(lower):
            word = w.group()
            stems = anchors.get(word[:3])
            if stems and word.startswith(stems):
                m = lex.any_actor.match(sentence, w.start())
                if m is not None and (not matches or m.start() >= matches[-1].end()):
                    matches.append(m)
    else:
        matches = list(lex.any_actor.finditer(sentence))
    for m in matches:
        pre = _ACTOR_PRE.search(sentence, max(0, m.start() - 40), m.start())
        start = pre.start() if pre else m.start()
        phrase = " ".join(sentence[start:m.end()].split())
        if phrase.casefold() != "people" and phrase not in out:
            out.append(phrase)
    # Where actors came from is part of who they are: "… several hundred from Belarus and Armenia".
    for m in _ORIGIN_LIST.finditer(sentence):
        phrase = " ".join(m.group().split())
        if not any(phrase in o for o in out):
            out.append(phrase)
    return out[:8]


_ORIGIN_LIST = re.compile(r"\bfrom\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?"
                          r"(?:(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)*")


def _stable_id(slug: str, place_key: str, sent_start: int, trig_start: int) -> str:
    raw = f"{slug}|{place_key}|{sent_start}|{trig_start}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]
