"""What the words around a trigger say about it: its clause, quotation, negation, and whether a weak one counts.

Cue patterns come from incidentmap/data/lexicon/cues.csv (see :class:`.lexicon_data.Cue`); the word windows
and other fixed patterns of this stage are below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, cast

from .. import patterns as rx
from .lexicon_data import Cue, Trigger, _Lexicon, anchor_stems, folded_twin, required_words, without_superstrings


@dataclass(frozen=True, slots=True)
class CueWindows:
    """How far around a trigger the cues of this module look."""

    strong: float = 0.6  # trigger weight from which a trigger is an event; below, people ("protesters", "unrest")
    before_chars: int = 60  # characters before a trigger searched for a time anchor or negation: a few words
    after_chars: int = 60  # characters after a trigger searched for a negation ("were not reported")
    after_words: int = 4  # of which the first words only
    after_start_chars: int = 24  # and of those, the cue must start within this many characters
    object_chars: int = 40  # characters before a crowd word searched for a verb or preposition it is object of


WINDOWS: Final = CueWindows()
# Negation words and how many words before a trigger each reaches ("no clashes", "not ... attacked").
NEGATION_WINDOW: Final = {"no": 3, "zero": 3, "nobody": 3, "none": 3, "without": 2, "never": 2, "not": 2, "n't": 2, "nor": 2,
                          "neither": 3, "denied": 4}
NEGATION_REACH: Final = max(NEGATION_WINDOW.values())  # words before a trigger that a negation can sit in
# What a casefolded text holds wherever one of its words is a negation (casefolding is done character by
# character, so a word's casefold lies within its text's): without any, no word need be looked at. (Those that
# hold another, "not" holding "no", are left out: the other is there whenever they are.)
_NEGATION_SUBSTRINGS: Final[tuple[str, ...]] = tuple(
    k for k in (*NEGATION_WINDOW, "n’t") if not any(o != k and o in k for o in (*NEGATION_WINDOW, "n’t")))

# Clause boundaries: negation and "planned" cues do not reach across them.
# (Written as "[,;\s] then the rest of each alternative, its first character checked behind": the same matches
# as ",\s*(?:but|…)\b|;|\s+but\s+|\s+while\s+|\s[-—–]\s" tried in that order, but a pattern that opens with a
# character set lets the engine skip the other positions in its scanning loop: about a third faster.)
_CLAUSE_RE: Final = rx.compile(r"[,;\s](?:(?<=,)\s*(?:but|while|although|though|whereas|yet|where|when|which|after"
                               r"|before)\b"
                               r"|(?<=;)|(?<=\s)\s*but\s+|(?<=\s)\s*while\s+|(?<=\s)[-—–]\s)")
_WORD_RE: Final = rx.compile(r"[\w'’-][\w'’-]*")  # ([\w'’-]+ opening with a character set: see _CLAUSE_RE)
# A quotation of three words or more: “…” or "…".
_QUOTE: Final = rx.compile(r"“[^”]*?(?:\s\S+){2,}[^”]*”|\"[^\"]*?(?:\s\S+){2,}[^\"]*\"")
# The end of a quotation opened in an earlier sentence: '…," said one man'.
_QUOTE_TAIL: Final = rx.compile(r"[\"”]\s*,?\s*(?:said|says|told|added|according to|wrote|shouted|chanted)\b")
# A phrase in quotes ("hacked to death") is the reporter's, unless a speech verb introduces it (_scare_quotes).
_SCARE_WORDS: Final = 4
_SPEECH_VERBS: Final = frozenset("said says say told tells added adds wrote writes shouted sh"
                                 "outs chanted chants sang sing "
                                 "sings tweeted tweets posted declared declares warned warns"
                                 " cried cries yelled yells read "
                                 "reads asked asks replied replies urged urges vowed vows promised promises".split())
# "since the protests began", "before the coup": a time anchor, not a report.
# (The lookahead for the words' first letters lets the engine skip the other positions of the window at once.)
_TIME_ANCHOR: Final = rx.compile(r"(?=[sbua])\b(?:since|before|until|ahead of)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
_TIME_ANCHOR_FOLDED: Final = folded_twin(_TIME_ANCHOR)  # the same on folded text (lexicon_data.fold), faster
# A claim of an event as its object: "claimed the kidnapping", "claimed responsibility for Friday's bombing" (see
# claimed_event: a claim of an event the article told already is no event of its own).
_CLAIMED_BEFORE: Final = rx.compile(r"\bclaim(?:ed|s|ing)?\s+(?:(?:responsibility|credit)\s+for\s+)?(?:the|a|an|its"
                                    r"|their"
                                    r"|[\w-]+['’]s)\s+(?:[\w-]+\s+)?$", re.I)


def claimed_event(sentence: str, trig: Trigger, clause: tuple[int, int]) -> bool:
    """Whether the trigger is the object of a claim ("claimed the kidnapping", "claimed responsibility for the
    attack")."""
    before = sentence[max(clause[0], trig.start - WINDOWS.before_chars):trig.start]
    return "laim" in before and _CLAIMED_BEFORE.search(before) is not None


# ... but "before" right before a gerund tells what was done next ("trading fire with the police before abducting
# hundreds of pupils", "shot the guard before setting fire to the station"): a sequence of events, not an anchor.
_SEQUENCE: Final = rx.compile(r"\bbefore\s+\w+ing$", re.I)


def _stems_of(pattern: rx.Pattern) -> tuple[str, ...] | None:
    """Literal stems (lowercase) one of which starts every match of ``pattern`` on folded text; None if unsure.
    (A leading "(?=[…])" only narrows where a match may start: the stems of the rest hold for the whole.)"""
    stems = anchor_stems(re.sub(r"^\(\?=\[[^\]]*\]\)", "", pattern.pattern))
    return tuple(stems) if stems else None


_REQUIRED: Final[dict[str, tuple[str, ...] | None]] = {}


def may_hold(pattern: rx.Pattern, text: str, start: int = 0, end: int | None = None) -> bool:
    """False only when the case-sensitive ``pattern`` (a cue's folded twin) cannot match ``text[start:end]``:
    none of its :func:`required_words` occurs there. Speed: substring tests instead of a scan."""
    key = pattern.pattern
    if key in _REQUIRED:
        words = _REQUIRED[key]
    else:
        found = None if pattern.flags & re.IGNORECASE else required_words(key)
        words = _REQUIRED[key] = None if found is None else without_superstrings(found)
    if words is None:
        return True
    if start == 0 and end is None:
        for word in words:  # (a loop, not any() over a generator: this runs for every trigger)
            if word in text:
                return True
        return False
    # A window: searched in place (str.find with bounds, compiled to a C call), not copied out first. The same
    # answer as ``word in text[start:end]``: required words are never empty.
    stop = len(text) if end is None else end
    for word in words:
        if text.find(word, start, stop) != -1:
            return True
    return False


# Speed: most windows before a trigger hold none of these words, and a few substring tests cost less than
# running the pattern over the window ("since", "before", "until", "ahead").
_TIME_ANCHOR_STEMS: Final = _stems_of(_TIME_ANCHOR)
# Acts by the crowd itself: when the clause reports one, "protesters" there are its actors, not a protest.
_CROWD_ACTS: Final = frozenset({"riot", "looting_arson"})
# Acts done to a crowd: protesters fired on, dispersed or arrested were protesting (ACLED: protest with intervention).
_FORCE_ACTS: Final = frozenset({"armed_violence", "security_control", "arrest", "casualties"})
# A "protest" trigger that names people, not the event.
_PEOPLE: Final = rx.compile(r"protest(?:ers|ors)|demonstrators|marchers|crowds?", re.I)
# People named as the object of someone else's act ("shouted at the demonstrators") are not their own event.
_OBJECT_POSITION: Final = rx.compile(
    r"\b(?:at|on|against|with|by|to|of|among|disperse[ds]?|dispersing|chased|chasing|beat|beating|arrested|"
    r"detained|attacked|confronted|met|told|urged)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)


# The same boundaries in a sentence without "but", "while" or a spaced dash: only a comma's or a semicolon's
# alternatives can match there, and this pattern opens with those two characters alone (a faster scan).
_CLAUSE_PUNCT_RE: Final = rx.compile(r"[,;](?:(?<=,)\s*(?:but|while|although|though|whereas|yet|where|when|which|after"
                                     r"|before)\b|(?<=;))")
_SPACED_DASH: Final = rx.compile(r"[-—–](?<=\s[-—–])(?=\s)")


def _clauses(sentence: str) -> list[tuple[int, int]]:
    bounds = [0]
    # (A dash is looked for before the scan for a spaced one: most sentences have none.)
    dashes = "-" in sentence or "—" in sentence or "–" in sentence
    words_free = not _after_space(sentence, "but") and not _after_space(sentence, "while") and (
        not dashes or _SPACED_DASH.search(sentence) is None)
    for m in (_CLAUSE_PUNCT_RE if words_free else _CLAUSE_RE).finditer(sentence):
        bounds.append(m.start())
        bounds.append(m.end())
    bounds.append(len(sentence))
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]


def _after_space(sentence: str, word: str) -> bool:
    """Whether ``word`` occurs in ``sentence`` right after a whitespace character (``\\s``: str.isspace), as
    _CLAUSE_RE's "but" and "while" must. Speed: "but" inside a word ("contributed", "distributed") no longer
    sends a sentence to the slower pattern; a few substring tests, no scan."""
    i = sentence.find(word)
    while i != -1:
        if i > 0 and sentence[i - 1].isspace():
            return True
        i = sentence.find(word, i + 1)
    return False


def _unquoted(sentence: str, triggers: list[Trigger]) -> list[Trigger]:
    """What someone said is not a report of what happened ("They came to kill," said one man)."""
    if '"' not in sentence and "”" not in sentence:
        return triggers
    quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(sentence) if not _scare_quotes(sentence, m)]
    tail_quote = _QUOTE_TAIL.search(sentence)
    if tail_quote and not any(a <= tail_quote.start() < b for a, b in quotes):
        quotes.append((-1, tail_quote.start()))  # the quotation opened in an earlier sentence
    return [t for t in triggers if not any(a < t.start < b for a, b in quotes)]


def _scare_quotes(sentence: str, quote: re.Match) -> bool:
    """Whether a quoted span is a phrase in quotes inside the reporter's own sentence, not what someone said: a pastor
    is "hacked to death" by an assailant. A few words, no punctuation inside, no speech verb or colon before it."""
    inner = quote.group()[1:-1]
    if len(inner.split()) > _SCARE_WORDS or any(c in inner for c in ",.;:!?"):
        return False
    before = sentence[max(0, quote.start() - 20):quote.start()].rstrip()
    if not before or before.endswith((":", ",")):
        return False
    last = before.split()[-1].lower()
    return last not in _SPEECH_VERBS


def _weak_dropped(trig: Trigger, clause, clause_of, triggers, sentence: str, slug_of) -> bool:
    """Whether a weak trigger (people, not an event: "protesters", "rioters", "unrest") adds nothing here."""
    strong = WINDOWS.strong
    same_clause = [slug_of[o] for o in triggers if o is not trig and clause_of[o] == clause and o.weight >= strong]
    if any(slug == trig.slug or slug in _CROWD_ACTS for slug in same_clause):
        return True  # "protesters stormed …": a riot, reported by its own trigger
    if trig.slug != "protest":
        return bool(same_clause)
    if any(slug in _FORCE_ACTS for slug in same_clause):
        # "police fired tear gas at protesters": the protest is an incident too; "the deadliest day of the
        # unrest, with 91 killed" is not a separate protest.
        return not _PEOPLE.match(sentence, trig.start)
    # Named as the object of someone else's non-violent act ("shouted at the demonstrators"): no protest.
    return bool(same_clause) or bool(
        _OBJECT_POSITION.search(sentence, max(0, trig.start - WINDOWS.object_chars), trig.start))


def _cancelled(sentence: str, clause: tuple[int, int], trig: Trigger, lex: _Lexicon, non_event: dict,
               folded: str | None = None) -> bool:
    """Whether a cue cancels the trigger: a time anchor or a negation next to it, or a non-event clause.

    ``non_event`` caches the clause test across the triggers of one sentence. ``folded`` is the sentence's
    :func:`.lexicon_data.fold` if it has one (speed: the cues' case-sensitive twins read it; same answers).
    """
    start = max(clause[0], trig.start - WINDOWS.before_chars)
    before = sentence[start:trig.start]
    if folded is not None and _TIME_ANCHOR_FOLDED is not None:
        window = folded[start:trig.start]
        anchored = (_TIME_ANCHOR_STEMS is None or any(stem in window for stem in _TIME_ANCHOR_STEMS)) \
            and _TIME_ANCHOR_FOLDED.search(window) is not None
    else:
        anchored = _TIME_ANCHOR.search(before) is not None
    if anchored and not _SEQUENCE.search(before + sentence[trig.start:trig.end]):
        return True  # "since the protests began", "since the coup": a time anchor, not a report
    if _negated(sentence, clause, trig, before, lex, folded):
        return True
    if clause not in non_event:
        twin = lex.folded.get(Cue.NON_EVENT) if folded is not None else None
        if twin is not None:
            non_event[clause] = may_hold(twin, cast(str, folded), clause[0], clause[1]) \
                and twin.search(cast(str, folded), clause[0], clause[1]) is not None
        else:
            non_event[clause] = bool(lex.non_event.search(sentence, clause[0], clause[1]))
    return non_event[clause]


_BRACKETED: Final = rx.compile(r"\([^()]*\)")


def _negated(sentence: str, clause: tuple[int, int], trig: Trigger, before: str, lex: _Lexicon,
             folded: str | None = None) -> bool:
    """A negation word within its reach before the trigger ("no clashes"), or a negation right after it."""
    if ")" in before and "(" in before:
        # a negation inside an aside is the aside's: "Political activists (affiliation not known) march in Kapsabet"
        before = _BRACKETED.sub(" ", before)
    before_folded = before.casefold()
    negation = False
    for k in _NEGATION_SUBSTRINGS:  # (a loop, not any() over a generator: mypyc makes it plain C)
        if k in before_folded:
            negation = True
            break
    if negation:
        words = _WORD_RE.findall(before)[-NEGATION_REACH:]
        for back, word in enumerate(words[::-1]):  # (not reversed(): mypyc 2.4 fails on it)
            w = word.casefold().replace("’", "'")
            cue = "n't" if w.endswith("n't") else w
            if cue in NEGATION_WINDOW and back < NEGATION_WINDOW[cue]:
                return True
    twin = lex.folded.get(Cue.NEGATION_AFTER) if folded is not None else None
    end = min(clause[1], trig.end + WINDOWS.after_chars)
    if twin is not None and not may_hold(twin, cast(str, folded), trig.end, end):
        # None of the words the cue needs comes after the trigger (a word of the words joined below lies in
        # one of them, so it would have to be here): no negation after it.
        return False
    # (Folding keeps every character's class, so the words are the same words, folded.)
    after = (sentence if twin is None else cast(str, folded))[trig.end:end]
    after_words = " ".join(_WORD_RE.findall(after)[:WINDOWS.after_words])
    negation_after = lex.negation_after if twin is None else twin
    return bool(negation_after.match(after_words) or negation_after.search(after_words[:WINDOWS.after_start_chars]))
