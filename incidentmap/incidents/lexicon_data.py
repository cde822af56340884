"""The incident lexicon, loaded once: triggers, cues and actors (incidentmap/data/lexicon/), and trigger search.

Every file is read by column name (csv.DictReader); incidentmap/data/lexicon/README.md lists the columns and
their allowed values. Speed: a trigger pattern runs on a sentence only where one of its literal anchor stems
(see :func:`anchor_stems`) starts a word, instead of every pattern scanning every sentence; there, only its
alternatives that can start with the word, and only when the sentence holds a word they need besides their
stem (:func:`_needed_words`; the literal words a pattern needs, :func:`required_words`, also serve the cues).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Final, NamedTuple, cast

from .. import patterns as rx
from ..peoples import peoples
from ..regex_source import group_close, split_alternatives
from ..resources import LEXICON, data_dir
from ..vocabulary import PeopleKind

LEXICON_DIR: Final = data_dir(LEXICON)

# A lowercase word long enough to key the anchor index (its first 3 letters): a run of a-z that no a-z
# precedes. (Without a lookbehind saying so: scanning finds a run from its first letter, a match takes the
# whole run, and the letters of a shorter run match nothing; a pattern that opens with a character set
# lets the engine skip the other characters at once.)
_LOWER_WORD_RE: Final = rx.compile(r"[a-z]{3,}")
# What may precede a pattern alternative's literal stem without consuming text: \b, lookarounds, (?-i:.
_LEADING_NOISE: Final = rx.compile(r"^(?:\\b|\(\?<[!=](?:[^()]|\([^()]*\))*\)|\(\?-i:)+")


class Cue(StrEnum):
    """The ``kind`` column of cues.csv: what a cue pattern tells about a trigger or a place mention."""

    NEGATION_BEFORE = "negation_before"  # read, but the words of NEGATION_WINDOW (cues.py) decide
    NEGATION_AFTER = "negation_after"  # "clashes were not reported": cancels the trigger
    NON_EVENT = "non_event"  # "shops stayed open": the clause reports that nothing happened
    PLANNED = "planned"  # "plan to march", "called for": the incident is announced, not reported
    PLANNED_AFTER = "planned_after"  # "protests will be held", "a march is planned": announced, said after it
    ORIGIN = "origin"  # "troops from Belarus": a place right after it is where actors come from
    NOT_LOCATION = "not_location"  # "appealed to Russia": a place right after it is a target, not a scene
    COMMUNAL = "communal"  # "ethnic", "clan", "cattle", "raiders": the sentence's armed groups are identity militias


class ActorRole(StrEnum):
    """The ``role`` column of actors.csv: the code asks for actors by role, never by row."""

    POLICE = "police"  # police, gendarmes: the country's police forces
    STATE = "state"  # troops, soldiers, security forces: its military forces
    PEACEKEEPERS = "peacekeepers"
    PROTESTERS = "protesters"  # the crowd, protesting
    RIOTERS = "rioters"  # the crowd, violent
    GOVERNMENT = "government"  # authorities and officials
    REBELS = "rebels"  # rebels, insurgents, separatists
    IDENTITY_MILITIA = "identity_militia"  # ethnic, clan, communal militias
    ARMED_GROUP = "armed_group"  # militants, gunmen, militias: unnamed, an armed group
    CIVILIANS = "civilians"  # residents, journalists, bystanders


class Trigger(NamedTuple):
    """One trigger match in a sentence. (A named tuple, not a frozen dataclass: a sentence makes and hashes
    many, and a tuple's construction and hash are C code: the same values, about a tenth of the cost.)"""

    slug: str
    start: int
    end: int
    weight: float


def _new_trigger(slug: str, start: int, end: int, weight: float) -> Trigger:
    """``Trigger(slug, start, end, weight)``, made by tuple.__new__ directly: a named tuple's own __new__ is
    Python code (collections.namedtuple writes it), run by the interpreter even when called from compiled code."""
    return cast(Trigger, tuple.__new__(Trigger, (slug, start, end, weight)))


@dataclass(frozen=True, slots=True)
class Actor:
    """One row of actors.csv."""

    label: str
    role: ActorRole
    pattern: rx.Pattern
    source: str = ""  # the row's pattern as written (``pattern`` adds a lookahead for speed)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    triggers: tuple[tuple[str, rx.Pattern, float], ...]
    # Speed: a pattern runs on a sentence only if one of its anchor stems starts a word there.
    anchors: dict[str, tuple[tuple[str, int], ...]]  # first 3 letters of a stem -> (stem, trigger number)
    always: tuple[int, ...]  # triggers without anchors: always run
    anchor_stems: dict[str, tuple[str, ...]]  # first 3 letters -> the stems alone, for one str.startswith
    negation_before: rx.Pattern
    negation_after: rx.Pattern
    non_event: rx.Pattern
    planned: rx.Pattern
    origin: rx.Pattern
    not_location: rx.Pattern
    actors: tuple[Actor, ...]
    any_actor: rx.Pattern  # all actor patterns in one; group "a<n>" is row n (m.lastgroup: which row matched)
    actor_anchors: dict[str, tuple[str, ...]]  # first 3 letters -> stems that can start an actor phrase
    planned_after: rx.Pattern | None = None
    communal: rx.Pattern | None = None
    # Speed: the communal cue's literal stems (anchor_stems): it can match only if one is in the lowered sentence.
    communal_stems: tuple[str, ...] = ()
    # peoples.csv: a people's name, case-folded -> its kind (an armed group named by it is its identity militia).
    peoples: dict[str, PeopleKind] = field(default_factory=dict)
    # Speed: each cue's case-sensitive twin for folded text (see folded_twin); a cue without one is absent.
    folded: dict[Cue, rx.Pattern] = field(default_factory=dict, repr=False, compare=False)
    # Speed: one lookup per word for both searches: first 3 letters -> (actor stems, trigger stems, trigger pairs)
    word_index: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, int], ...]]] = \
        field(default_factory=dict, repr=False, compare=False)
    # Speed: what actor_patterns / any_actor_of build from a set of roles, built once per set (the lexicon
    # is loaded once per process; the sets are the rules' few constants).
    _by_roles: dict = field(default_factory=dict, repr=False, compare=False)
    # Speed: what the word index says about one word (see _word_plan), remembered per word: news repeats its
    # vocabulary, so most words cost one dict look-up instead of a prefix test per stem.
    _word_plans: dict = field(default_factory=dict, repr=False, compare=False)
    # Speed: (roles, text) -> whether the text names an actor of the roles (actors._names), remembered.
    _named: dict = field(default_factory=dict, repr=False, compare=False)
    # Speed: (roles, text) -> may_name's answer: the rules ask it again of the same sentence for each of its
    # incidents. Emptied for each article (extract_incidents), like _named.
    _may_name: dict = field(default_factory=dict, repr=False, compare=False)
    # Speed: each trigger pattern's top-level alternatives (see _Alternative), by trigger number.
    alternatives: tuple[tuple[_Alternative, ...], ...] = field(default=(), repr=False, compare=False)
    # Speed: (trigger number, the numbers of its alternatives a word can start) -> the _Try, built once.
    _tries: dict = field(default_factory=dict, repr=False, compare=False)
    # Speed: a token of a lowered sentence (str.split) -> its words that have a plan, with the plans (see
    # _anchored_matches), remembered.
    _token_words: dict = field(default_factory=dict, repr=False, compare=False)
    # Speed: whether every actor pattern's match starts a word of ASCII letters in an ASCII text (see
    # word_start_matches): then the actor searches try the patterns at word starts only.
    actors_at_word_starts: bool = False

    def actor_patterns(self, roles) -> tuple[rx.Pattern, ...]:
        """The patterns of the actors with one of ``roles``; KeyError if the file names none of a role."""
        key = ("patterns", tuple(roles))
        found = self._by_roles.get(key)
        if found is None:
            found = tuple(a.pattern for a in self.actors if a.role in roles)
            missing = set(roles) - {a.role for a in self.actors}
            if missing:
                raise KeyError(f"actors.csv has no row with role {sorted(missing)}")
            self._by_roles[key] = found
        return found

    def any_actor_of(self, roles) -> rx.Pattern:
        """One pattern that matches wherever any of the ``roles``' patterns does: whether a text names any of
        them takes one search instead of one scan per pattern."""
        key = ("any", tuple(roles))
        found = self._by_roles.get(key)
        if found is None:
            found = self._by_roles[key] = rx.compile(
                "|".join(f"(?:{p.pattern})" for p in self.actor_patterns(roles)), re.IGNORECASE)
        return found

    def common_noun(self, word: str) -> bool:
        """Whether ``word`` in lower case is an actor word as actors.csv writes it ("Militias" opening a
        sentence is "militias"); a word the file writes capitalised ("Taliban", "Mungiki") is a name."""
        key = ("noun", word)
        known = self._by_roles.get(key)
        if known is not None:
            return bool(known)
        nouns = self._by_roles.get(("nouns",))
        if nouns is None:  # the rows' patterns as written, case-sensitive: built once
            nouns = self._by_roles[("nouns",)] = rx.compile("|".join(f"(?:{a.source})" for a in self.actors))
        low = word.lower()
        found = any(m.start() == 0 and m.end() == len(low) for m in nouns.finditer(low))
        if len(self._by_roles) < _MAX_MAY_NAME:  # (remembered per word: sentences open with the same few)
            self._by_roles[key] = found
        return found

    def actor_search(self, roles, text: str) -> re.Match | None:
        """``self.any_actor_of(roles).search(text)``, tried at word starts only where that is the same (speed)."""
        pattern = self.any_actor_of(roles)
        if self.actors_at_word_starts and text.isascii():
            found = word_start_matches(pattern, text, 0, len(text), True)
            return found[0] if found else None
        return pattern.search(text)

    def actor_matches(self, pattern: rx.Pattern, text: str, start: int, end: int) -> list[re.Match]:
        """``list(pattern.finditer(text, start, end))`` for ``pattern`` an actor pattern (``actor_patterns``,
        ``any_actor_of``), tried at word starts only where that is the same (speed)."""
        if self.actors_at_word_starts and text.isascii():
            return word_start_matches(pattern, text, start, end, False)
        return list(pattern.finditer(text, start, end))

    def may_name(self, roles, text: str) -> bool:
        """False only when ``text`` cannot name an actor of ``roles``: none of their patterns' anchor stems (see
        :func:`anchor_stems`) occurs in it, case folded. Speed: a few substring tests instead of a regex scan;
        True (unsure) when a pattern has no anchor stems.

        Why it is exact: a match starts with one of its pattern's stems, matched case-insensitively, and each
        character the regex engine takes for an ASCII letter folds to that letter under :data:`_FOLD` and
        casefold (checked over all of Unicode: the letter, its capital, "ſ", "K", "İ", "ı")."""
        key = ("stems", tuple(roles))
        asked = (key, text)
        known = self._may_name.get(asked)
        if known is not None:
            return known
        if len(self._may_name) >= _MAX_MAY_NAME:
            self._may_name.clear()  # (a bound on memory when the rules are called outside extract_incidents)
        stems = self._by_roles.get(key, ())
        if stems == ():
            rows: list = [anchor_stems(a.source) for a in self.actors if a.role in roles]  # (list: None checked below)
            stems = self._by_roles[key] = None if any(r is None for r in rows) else without_superstrings(
                [stem for r in rows for stem in r])
        if stems is None:
            self._may_name[asked] = True
            return True
        # (translate only where it changes something: with a dict it looks up every character, and most
        # non-ASCII texts owe it to a curly quote, not to "İ" or "ı")
        folded = text.lower() if text.isascii() else (
            text.translate(_FOLD) if "İ" in text or "ı" in text else text).casefold()
        found = False
        words: tuple[str, ...] = stems  # (typed: compiled, the loop indexes the tuple instead of iterating an object)
        for stem in words:
            if stem in folded:
                found = True
                break
        self._may_name[asked] = found
        return found


# A run of ASCII letters (written to open with a character set: the engine skips to each at once).
_LETTER_RUN: Final = rx.compile(r"[A-Za-z][A-Za-z]*")


def word_start_matches(pattern: rx.Pattern, text: str, start: int, end: int, first: bool) -> list[re.Match]:
    """What ``list(pattern.finditer(text, start, end))`` gives (its first match only, if ``first``), for a
    ``pattern`` each of whose top-level alternatives opens with "\\b" and then a letter of ASCII (as the actor
    patterns do: :func:`_starts_words`) and an ASCII ``text``.

    Why it is the same: such a match starts at a letter with no letter before it, the start of a run of letters;
    each run's start is tried in order (a run cut by ``start`` too: superfluous, not wrong), skipping those
    inside the last match, as the scan does. Speed: a few tries per clause where the scan ran the case-blind
    alternatives of several patterns at every character."""
    out: list[re.Match] = []
    free = start  # where the next match may start: after the last one
    for run in _LETTER_RUN.finditer(text, start, end):
        at = run.start()
        if at < free:
            continue
        m = pattern.match(text, at, end)
        if m is not None:
            out.append(m)
            if first:
                break
            free = m.end() if m.end() > at else at + 1
    return out


def _starts_words(sources: list[str]) -> bool:
    """Whether each top-level alternative of each pattern ``source`` opens with "\\b" and every match starts
    with an ASCII letter (:func:`first_letters`): what :func:`word_start_matches` needs."""
    for source in sources:
        letters = first_letters(source)
        if not letters or not all(c.isascii() and c.isalpha() for c in letters):
            return False
        if not all(alt.startswith("\\b") for alt in _split_top(source)):
            return False
    return True


# Answers _Lexicon.may_name remembers before it starts again (it is emptied for each article anyway).
_MAX_MAY_NAME: Final = 10_000
# The two characters that casefold to more or other than the ASCII letter the regex engine takes them for
# (case-insensitive "i" matches "İ" and "ı"); see _Lexicon.may_name.
_FOLD: Final = {0x130: "i", 0x131: "i"}


# -- folded text ------------------------------------------------------------------------------------
# Speed: the regex engine matches a case-insensitive pattern by lowering every character it compares, at every
# position it tries. A sentence folded once (:func:`fold`) lets the same pattern run case-sensitively
# (:func:`folded_twin`), with the same matches at the same offsets.
# Lowercase already, but taken by case-insensitive matching for "s" and "i" (Python's re: re._casefix).
_FOLD_EXTRA: Final = {0x17F: "s", 0x131: "i"}
# What makes a pattern's source case-dependent or its letters hard to see: a capital (also \S, \W, \B, \A,
# \Z, [A-Z]), a letter range, a character by number, an inline flag.
_NOT_FOLDABLE: Final = rx.compile(r"[A-Z]|[a-z]-[a-z]|\\[xuUN0-7]|\(\?[a-zA-Z-]+[:)]")


def fold(text: str) -> str | None:
    """``text`` as :func:`folded_twin` patterns read it: lowercased, "ſ" and "ı" as "s" and "i"; None when
    lowercasing changes the length ("İ" becomes two characters), as offsets would not agree.

    Why a twin finds what its pattern finds: for every character of Unicode, the case-insensitive engine takes
    it for an ASCII letter exactly when its fold is that letter, and it is a word character, a space or a digit
    exactly when its fold is (tests/test_lexicon.py checks this over all of Unicode); characters without case
    fold to themselves."""
    low = text.lower()
    if text.isascii():
        return low
    if len(low) != len(text):
        return None
    if "ſ" in low or "ı" in low:  # (rare: two substring tests cost less than translating every character)
        return low.translate(_FOLD_EXTRA)
    return low


def folded_twin(pattern: rx.Pattern) -> rx.Pattern | None:
    """The case-sensitive twin of a case-insensitive ``pattern`` written in lowercase: on :func:`fold` of a text
    it finds what ``pattern`` finds on the text. None for a pattern whose source could depend on case."""
    if not pattern.flags & re.IGNORECASE or _NOT_FOLDABLE.search(pattern.pattern):
        return None
    return rx.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def _rows(file_name: str) -> list[dict[str, str]]:
    with (LEXICON_DIR / file_name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# In actors.csv, where a pattern names a country's forces by its people ("{demonyms} forces" for "Kenyan forces"):
# the words after the placeholder (up to the alternative's end), right after one of the one-word demonyms of ACLED's
# country list (data/acled/countries.csv) and a space. Written as a lookbehind per demonym length (Python's look-
# behinds are of fixed width), so the match starts at those words: their literal stem ("forces") keys the word
# index, and the rare word is all a sentence is searched for (a stem per demonym cost 3 % of the pipeline's work).
DEMONYMS_PLACEHOLDER: Final = "{demonyms} "
_DEMONYMS_ALTERNATIVE: Final = rx.compile(re.escape(DEMONYMS_PLACEHOLDER) + r"([^|()]*)")


# In actors.csv, where a row names the forces forces.csv lists for its role by their acronyms ("KDF", "FARDC",
# "AMISOM"): one case-sensitive alternative per acronym.
FORCES_PLACEHOLDER: Final = "{forces}"


class Force(NamedTuple):
    """One row of forces.csv: a force known by its acronym, its role and whose it is ("" for a mission)."""

    acronym: str
    role: ActorRole
    country: str
    name: str


@lru_cache(maxsize=1)
def forces() -> dict[str, Force]:
    """forces.csv by acronym."""
    return {r["acronym"]: Force(r["acronym"], ActorRole(r["role"]), r["country"], r["name"])
            for r in _rows("forces.csv")}


def _actor_rows() -> list[dict[str, str]]:
    """actors.csv's rows, each alternative with DEMONYMS_PLACEHOLDER written out once per demonym, and
    FORCES_PLACEHOLDER once per acronym of the row's role."""
    rows = _rows("actors.csv")
    if DEMONYMS_PLACEHOLDER in "".join(r["pattern"] for r in rows):
        from ..acled import countries

        by_length: dict[int, list[str]] = {}
        for word in sorted({c.demonym for c in countries().values() if c.demonym.replace("-", "").isalpha()}):
            by_length.setdefault(len(word), []).append(re.escape(word))
        # (the words first, the lookbehind after them: a position where they do not start fails at once, where a
        # lookbehind first would try every demonym there; the words must be a literal, as it is of fixed width)
        groups = ["|".join(words) for _n, words in sorted(by_length.items(), reverse=True)]
        rows = [dict(r, pattern=_DEMONYMS_ALTERNATIVE.sub(
            lambda m: "|".join(f"{m.group(1)}(?<=\\b(?:{g}) {m.group(1)})" for g in groups), r["pattern"]))
            for r in rows]
    by_role: dict[str, list[str]] = {}
    for force in forces().values():
        by_role.setdefault(force.role.value, []).append(force.acronym)
    return [dict(r, pattern=r["pattern"].replace(FORCES_PLACEHOLDER, "|".join(
        f"(?-i:{re.escape(a)})" for a in sorted(by_role.get(r["role"], ()), key=lambda a: (-len(a), a)))))
        if FORCES_PLACEHOLDER in r["pattern"] else r for r in rows]


def _cue_stems(rows: list[dict[str, str]], kind: Cue) -> list[str]:
    """The literal stems one of which starts every match of the cue ``kind``; ValueError if its pattern has none
    (write its alternatives flat, each from a literal word)."""
    stems = anchor_stems(next(r["pattern"] for r in rows if r["kind"] == kind))
    if not stems:
        raise ValueError(f"cues.csv: the {kind} cue needs a literal stem at the start of each alternative")
    return [stem.lower() for stem in stems]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The lexicon files, compiled once per process."""
    triggers, anchors, always = _load_triggers()
    cues = {row["kind"]: _scanning(row["pattern"]) for row in _rows("cues.csv")}
    actor_rows = _actor_rows()
    actors = tuple(Actor(r["actor"], ActorRole(r["role"]), _scanning(r["pattern"]), r["pattern"]) for r in actor_rows)
    trigger_stems = {k: tuple(stem for stem, _ in v) for k, v in anchors.items()}
    actor_anchors = _stem_index(stem for r in actor_rows for stem in anchor_stems(r["pattern"]) or ())
    word_index = {k: (actor_anchors.get(k, ()), trigger_stems.get(k, ()), tuple(anchors.get(k, ())))
                  for k in actor_anchors.keys() | trigger_stems.keys()}
    return _Lexicon(
        triggers, {k: tuple(v) for k, v in anchors.items()}, always, trigger_stems,
        cues[Cue.NEGATION_BEFORE], cues[Cue.NEGATION_AFTER], cues[Cue.NON_EVENT], cues[Cue.PLANNED],
        cues[Cue.ORIGIN], cues[Cue.NOT_LOCATION], actors,
        rx.compile("|".join(f"(?P<a{n}>{r['pattern']})" for n, r in enumerate(actor_rows)), re.IGNORECASE),
        actor_anchors, planned_after=cues[Cue.PLANNED_AFTER], communal=cues[Cue.COMMUNAL],
        communal_stems=tuple(dict.fromkeys(_cue_stems(_rows("cues.csv"), Cue.COMMUNAL))),
        peoples=dict(peoples()), word_index=word_index,
        alternatives=tuple(_alternatives(pattern.pattern) for _slug, pattern, _weight in triggers),
        folded={Cue(kind): twin for kind, pattern in cues.items() if (twin := folded_twin(pattern)) is not None},
        actors_at_word_starts=_starts_words([r["pattern"] for r in actor_rows]))


def _scanning(pattern: str) -> rx.Pattern:
    """A lexicon pattern compiled for scanning sentences (search, finditer): the same matches, found faster.

    Speed: with a lookahead for the letters its matches can start with, the regex engine skips every other
    position at once instead of trying each alternative there (2-4 times faster on news sentences).
    """
    letters = first_letters(pattern)
    if not letters:
        return rx.compile(pattern, re.IGNORECASE)
    return rx.compile(f"(?=[{''.join(sorted(letters))}])(?:{pattern})", re.IGNORECASE)


def _load_triggers() -> tuple[tuple[tuple[str, rx.Pattern, float], ...], dict[str, list[tuple[str, int]]],
                            tuple[int, ...]]:
    """(slug, compiled pattern, weight) per row, grouped by slug in file order; the anchor index; the unanchored."""
    by_slug: dict[str, list[tuple[str, float]]] = {}
    for row in _rows("incident_triggers.csv"):
        by_slug.setdefault(row["slug"], []).append((row["pattern"], float(row["weight"])))
    triggers: list[tuple[str, rx.Pattern, float]] = []
    anchors: dict[str, list[tuple[str, int]]] = {}
    always: list[int] = []
    for slug, rows in by_slug.items():
        for pattern, weight in rows:
            stems = anchor_stems(pattern)
            if stems is None:
                always.append(len(triggers))
            else:
                for stem in stems:
                    anchors.setdefault(stem[:3], []).append((stem, len(triggers)))
            triggers.append((slug, rx.compile(pattern, re.IGNORECASE), weight))
    return tuple(triggers), anchors, tuple(always)


def _stem_index(stems) -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for stem in stems:
        index.setdefault(stem[:3], set()).add(stem)
    return {k: tuple(v) for k, v in index.items()}


# -- finding triggers -------------------------------------------------------------------------------

def _find_triggers(sentence: str, lex: _Lexicon) -> list[Trigger]:
    """Every trigger match in the sentence.

    Speed: each pattern alternative starts with a literal stem, so a match can only start where a
    word starting with that stem does: patterns are tried there with ``match`` instead of scanning
    the sentence with every pattern.
    """
    return triggers_and_actor_words(sentence, lex)[0]


def triggers_and_actor_words(sentence: str, lex: _Lexicon) -> tuple[list[Trigger], list[int] | None]:
    """:func:`_find_triggers` and, from the same pass over the sentence's words, what
    ``anchor_words(sentence, lex.actor_anchors)`` returns (the actor search of the sentence needs it)."""
    found: list[Trigger] = []
    triggers = lex.triggers
    lower = sentence.lower()
    actor_starts: list[int] | None
    scan: Sequence[int]
    if len(lower) == len(sentence):  # positions agree (some characters change length when lowered)
        actor_starts = []
        _anchored_matches(sentence, lower, lex, found, actor_starts)
        scan = lex.always
    else:
        actor_starts = None
        scan = range(len(triggers))
    for number in scan:
        slug, pattern, weight = triggers[number]
        for m in pattern.finditer(sentence):
            found.append(_new_trigger(slug, m.start(), m.end(), weight))
    return _longest(found), actor_starts


class _Alternative(NamedTuple):
    """One top-level alternative of a trigger pattern, as :func:`_word_plan` needs it."""

    source: str
    # The literal stems one of which starts its matches (anchor_stems). A word of lowercase letters a-z can
    # start a match only if it starts with one of them; empty when a stem is not all a-z (such a stem never
    # starts such a word: the alternative is then tried wherever its pattern is).
    stems: tuple[str, ...]
    needs: tuple[str, ...] | None  # words one of which each match holds, besides its stem (_needed_words)


@dataclass(frozen=True, slots=True, eq=False)
class _Try:
    """A trigger pattern as tried at the words that start the same of its stems (see :func:`_word_plan`)."""

    number: int  # the _Try's own number (a key for one sentence's memo in _anchored_matches)
    slug: str
    weight: float
    # The pattern's alternatives such a word can start, in the pattern's order: at the word's start the first
    # that matches is the one the whole pattern matches (the others cannot match there).
    pattern: rx.Pattern
    twin: rx.Pattern | None  # its case-sensitive twin (folded_twin), read on the lowered sentence
    needs: tuple[str, ...]  # words (lowercase) one of which each match of ``pattern`` holds; () if unknown
    whole: rx.Pattern  # the trigger's own pattern: for a sentence whose lowercase is not its fold


def _alternatives(pattern: str) -> tuple[_Alternative, ...]:
    """``pattern``'s top-level alternatives; one, the whole, if it cannot be split so (see :func:`_try`)."""
    alts = split_alternatives(pattern)
    whole = (_Alternative(pattern, (), None),)
    if _GLOBAL_FLAG.search(pattern) or alts != _split_top(pattern):
        return whole
    out = []
    for alt in alts:
        stems = anchor_stems(alt)
        if stems is None:
            return whole
        out.append(_Alternative(alt, tuple(stems) if all(_AZ.fullmatch(x) for x in stems) else (),
                                _needed_words(alt)))
    return tuple(out)


# A flag for the whole pattern ("(?i)"): only valid at its start, so its alternatives cannot stand apart.
_GLOBAL_FLAG: Final = rx.compile(r"\(\?[aiLmsux]+\)")
_AZ: Final = rx.compile(r"[a-z]+")


def _anchored_matches(sentence: str, lower: str, lex: _Lexicon, found: list[Trigger],
                      actor_starts: list[int]) -> None:
    """Append the matches of anchored patterns, tried only where one of their stems starts a word; and
    to ``actor_starts`` the starts of the words that begin with an actor stem (see :func:`anchor_words`).

    Speed, where ``lower`` is the sentence's :func:`fold` (no "ſ" or "ı"; the rest of the time each trigger's
    whole pattern runs on the sentence): a word tries only its pattern's alternatives it can start, and no
    alternative at all when the sentence lacks the words they need; then on ``lower``, case-sensitively,
    when the pattern has a twin. Each gives the same matches (see :class:`_Try`, :func:`_needed_words`, fold)."""
    plans: dict[str, tuple[bool, tuple[_Try, ...]]] = lex._word_plans  # (typed: mypyc then reads fields)
    folded = lower.isascii() or ("ſ" not in lower and "ı" not in lower)
    # _Try number -> whether the sentence holds one of its needed words.
    holds_needed: dict[int, bool] = {}
    # Speed: the words as strings, no match objects; the few with a plan are then found in ``lower`` after the
    # last one found: any earlier word spelt the same had the same plan and was found. The words are those of
    # ``_LOWER_WORD_RE.findall(lower)``, in order, taken token by token from ``lower.split()`` (no white space
    # is a letter a-z, so no word spans two tokens): str.split runs in C where the regex engine steps through
    # every character, and each token's words that have a plan are remembered with their plans (news repeats
    # its tokens; most tokens hold no such word: one look-up, then nothing).
    token_words: dict[str, tuple[tuple[str, bool, tuple[_Try, ...]], ...]] = lex._token_words
    if len(token_words) >= _MAX_TOKENS:
        token_words.clear()
    at = 0
    for token in lower.split():
        planned = token_words.get(token)
        if planned is None:
            planned = token_words[token] = _planned_words(token, plans, lex)
        for word, is_actor, tries in planned:
            start = _word_at(lower, word, at)
            at = start + len(word)
            if is_actor:
                actor_starts.append(start)
            _try_at(sentence, lower, start, tries, folded, holds_needed, found)


def _planned_words(token: str, plans: dict[str, tuple[bool, tuple[_Try, ...]]],
                   lex: _Lexicon) -> tuple[tuple[str, bool, tuple[_Try, ...]], ...]:
    """The words of ``token`` (_LOWER_WORD_RE) that start an actor or a trigger stem, with their plans."""
    out: list[tuple[str, bool, tuple[_Try, ...]]] = []
    for word in _LOWER_WORD_RE.findall(token):
        plan = plans.get(word)
        if plan is None:
            plan = _word_plan(word, lex)
        is_actor, tries = plan
        if is_actor or tries:  # most words start no stem (tested by value: compiled, a plan is a C struct)
            out.append((word, is_actor, tries))
    return tuple(out)


def _try_at(sentence: str, lower: str, start: int, tries: tuple[_Try, ...], folded: bool,
            holds_needed: dict[int, bool], found: list[Trigger]) -> None:
    """Append the matches of ``tries`` at the word that starts at ``start`` (see :func:`_anchored_matches`)."""
    for t in tries:
        if not folded:
            m = t.whole.match(sentence, start)
        else:
            if t.needs:
                known = holds_needed.get(t.number)
                if known is None:
                    known = False
                    for needed in t.needs:  # (a loop, not any() over a generator: mypyc makes it plain C)
                        if needed in lower:
                            known = True
                            break
                    holds_needed[t.number] = known
                if not known:
                    continue  # every match holds one of the words: the sentence has none
            m = t.pattern.match(sentence, start) if t.twin is None else t.twin.match(lower, start)
        if m is not None:
            found.append(_new_trigger(t.slug, start, m.end(), t.weight))


def _word_at(lower: str, word: str, at: int) -> int:
    """Where the first :data:`_LOWER_WORD_RE` word ``word`` at or after ``at`` in ``lower`` starts: an occurrence
    that no letter a-z precedes or follows (not "the" inside "other"). ``word`` must occur there so."""
    start, n, end = lower.find(word, at), len(lower), 0
    while True:
        end = start + len(word)
        if not ((start > 0 and "a" <= lower[start - 1] <= "z") or (end < n and "a" <= lower[end] <= "z")):
            return start
        start = lower.find(word, start + 1)


# Tokens remembered by _anchored_matches before the memo starts again (a bound on memory, as for word plans).
_MAX_TOKENS: Final = 100_000
_NO_PLAN: Final[tuple[bool, tuple[_Try, ...]]] = (False, ())
# Words remembered by _word_plan before the memo starts again (a bound on memory in a long-running process).
_MAX_WORD_PLANS: Final = 100_000


def _word_plan(word: str, lex: _Lexicon) -> tuple[bool, tuple[_Try, ...]]:
    """Whether ``word`` (lowercase letters) starts with an actor stem, and the trigger patterns one of whose
    stems it starts with (each once, in the index's order), as tried there (:class:`_Try`): a pure function
    of the word and the lexicon, remembered in ``lex._word_plans``."""
    plans = lex._word_plans
    if len(plans) >= _MAX_WORD_PLANS:
        plans.clear()
    entry = lex.word_index.get(word[:3])
    if entry is None:
        plan = _NO_PLAN
    else:
        actor_stems, trigger_stems, pairs = entry
        tries: tuple[_Try, ...] = ()
        if trigger_stems and word.startswith(trigger_stems):
            numbers = dict.fromkeys(number for stem, number in pairs if word.startswith(stem))
            tries = tuple(_try(number, word, lex) for number in numbers)
        is_actor = bool(actor_stems) and word.startswith(actor_stems)
        plan = (is_actor, tries) if is_actor or tries else _NO_PLAN
    plans[word] = plan
    return plan


def _try(number: int, word: str, lex: _Lexicon) -> _Try:
    """Trigger ``number`` as tried at the start of ``word`` (see :class:`_Try`)."""
    alts = lex.alternatives[number]
    chosen = tuple(i for i, alt in enumerate(alts) if not alt.stems or word.startswith(alt.stems))
    key = (number, chosen)
    found = lex._tries.get(key)
    if found is None:
        slug, whole, weight = lex.triggers[number]
        pattern = whole if len(chosen) == len(alts) else \
            rx.compile("|".join(alts[i].source for i in chosen), whole.flags)
        needs: list[str] = []
        for i in chosen:
            words = alts[i].needs
            if words is None:
                needs = []
                break
            needs += words
        found = lex._tries[key] = _Try(len(lex._tries), slug, weight, pattern, folded_twin(pattern),
                                       without_superstrings(needs), whole)
    return found


def without_superstrings(words) -> tuple[str, ...]:
    """``words`` once each, in order, but those that hold another of them ("protesters" beside "protest"): a
    text holds one of the result exactly when it holds one of ``words`` (speed: fewer substring tests)."""
    unique = tuple(dict.fromkeys(words))
    return tuple(w for w in unique if not any(o != w and o in w for o in unique))


def _longest(found: list[Trigger]) -> list[Trigger]:
    """A longer trigger of the same type that covers a shorter one wins ("live fire" over "fire")."""
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[Trigger] = []
    for t in found:
        if any(k.slug == t.slug and k.start <= t.start and t.end <= k.end for k in kept):
            continue
        kept.append(t)
    return kept


def anchor_words(sentence: str, stem_index: dict[str, tuple[str, ...]]):
    """The starts of the words of ``sentence`` that begin with a stem of ``stem_index``, or None when
    lowercasing changes the sentence's length (positions would not agree: scan instead)."""
    lower = sentence.lower()
    if len(lower) != len(sentence):
        return None
    starts = []
    for w in _LOWER_WORD_RE.finditer(lower):
        word = w.group()
        stems = stem_index.get(word[:3])
        if stems and word.startswith(stems):
            starts.append(w.start())
    return starts


# -- anchor stems -----------------------------------------------------------------------------------

def anchor_stems(pattern: str) -> list[str] | None:
    """Literal word stems one of which must start a word wherever ``pattern`` matches; None if unsure."""
    stems = []
    for alt in _split_top(pattern):
        alt = _LEADING_NOISE.sub("", alt)
        if alt.startswith("(?:"):
            j = _group_end(alt)
            if alt[j + 1:j + 2] in ("?", "*", "{"):
                return None  # an optional first group: the anchor is not certain
            subs = [_literal_prefix(_LEADING_NOISE.sub("", sub)) for sub in _split_top(alt[3:j])]
        else:
            subs = [_literal_prefix(alt)]
        if any(len(sub) < 3 for sub in subs):
            return None  # too short to key the index (or no literal start at all)
        stems += subs
    return stems


def first_letters(pattern: str) -> set[str] | None:
    """The letters (lowercase) one of which starts every match of ``pattern``; None if unsure.

    Like :func:`anchor_stems`, but a one-letter start will do and groups are followed down."""
    letters: set[str] = set()
    for alt in _split_top(pattern):
        alt = _LEADING_NOISE.sub("", alt)
        if alt.startswith("(?:"):
            j = _group_end(alt)
            if alt[j + 1:j + 2] in ("?", "*", "{"):
                return None  # an optional first group: the start is not certain
            inner = first_letters(alt[3:j])
            if inner is None:
                return None
            letters |= inner
            continue
        prefix = _literal_prefix(alt)
        if not prefix or not prefix.isascii():
            return None
        letters.add(prefix[0])
    return letters


def _group_end(alt: str) -> int:
    """The index of the parenthesis that closes the group ``alt`` starts with."""
    depth, j = 0, 0
    for j, ch in enumerate(alt):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            break
    return j


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
    """The lowercase letters ``alt`` starts with, up to the first non-letter or optional letter."""
    out = []
    for i, ch in enumerate(alt):
        nxt = alt[i + 1] if i + 1 < len(alt) else ""
        if not ch.isalpha() or (nxt and nxt in "?*{"):
            break
        out.append(ch.lower())
    return "".join(out)


# -- required words ---------------------------------------------------------------------------------

def required_words(source: str) -> tuple[str, ...] | None:
    """Literal words (three letters or more) one of which every match of the case-sensitive pattern ``source``
    contains; None when that cannot be said.

    For each top-level alternative: its longest run of plain letters outside any group, class, escape or
    quantifier (such letters must match as written); failing that, the words required by one of its groups
    that is not optional (its match passes through the group). Written for the cue patterns:
    "(?=[…])(?:\\b(?:plan(?:s|ned)? (?:to|a)|ha(?:s|ve|d) called an?|…)\\b)" gives ("plan", …, "called", …)."""
    source = re.sub(r"^\(\?=\[[^\]]*\]\)", "", source)  # a leading lookahead only narrows where matches start
    words: list[str] = []
    for alt in split_alternatives(source):
        found = _alternative_words(alt)
        if found is None:
            return None
        words += found
    return tuple(dict.fromkeys(words))


def _alternative_words(alt: str) -> tuple[str, ...] | None:
    best, run, groups, depth, i = "", "", [], 0, 0
    while i < len(alt):
        ch = alt[i]
        nxt = alt[i + 1] if i + 1 < len(alt) else ""
        if ch == "\\":
            run, i = "", i + 2
            continue
        if ch == "[":
            run, i = "", alt.index("]", i + 2) + 1
            continue
        if ch == "(" and depth == 0:
            close = i + group_close(alt[i:])
            after = alt[close + 1:close + 2]
            if alt.startswith("(?:", i) and after not in ("?", "*", "{"):
                groups.append(alt[i + 3:close])  # a group every match passes through
            run, i = "", close + 1
            continue
        if ch.isascii() and ch.isalpha() and nxt not in ("?", "*", "{", "+"):
            run += ch
            best = max(best, run, key=len)
        else:
            run = ""
        i += 1
    if len(best) >= 3:
        return (best,)
    for group in groups:
        found = required_words(group)
        if found is not None:
            return found
    return None


def _needed_words(alt: str) -> tuple[str, ...] | None:
    """Literal words (lowercase, three letters or more) one of which every match of the pattern alternative
    ``alt`` holds, chosen to say the most besides its stem; None when that cannot be said.

    Candidates, each necessary: a run of plain letters outside any group, class, escape or quantifier, and the
    :func:`required_words` of a group every match passes through. The first candidate is usually the stem,
    which the word a match starts at holds already: of the others, the one with the fewest, longest words."""
    found = _word_sets(alt)
    if found is None or len(found) < 2:
        return None  # nothing besides the stem
    return min(found[1:], key=_fewest_longest)


def _fewest_longest(words: tuple[str, ...]) -> tuple[int, int]:
    """Fewer words first, then longer ones (a longer word is rarer: "streets" rather than "the")."""
    return len(words), -min(len(w) for w in words)


def _word_sets(alt: str) -> list[tuple[str, ...]] | None:
    """The candidates of :func:`_needed_words`, in order; None for an escape that names a character by number
    or a back reference (its letters would not be read as written)."""
    sets: list[tuple[str, ...]] = []
    run, i = "", 0
    while i <= len(alt):
        ch = alt[i] if i < len(alt) else ""
        nxt = alt[i + 1] if i + 1 < len(alt) else ""
        if ch.isascii() and ch.isalpha() and nxt not in ("?", "*", "{", "+"):
            run += ch.lower()
            i += 1
            continue
        if len(run) >= 3:
            sets.append((run,))
        run = ""
        if ch == "\\":
            if nxt in "xuUN" or nxt.isdigit():
                return None
            i += 2
        elif ch == "[":
            i = alt.index("]", i + 2) + 1
        elif ch == "(":
            close = i + group_close(alt[i:])
            if alt.startswith("(?:", i) and alt[close + 1:close + 2] not in ("?", "*", "{"):
                words = required_words(alt[i + 3:close])
                if words is not None:
                    sets.append(tuple(w.lower() for w in words))
            i = close + 1
        else:
            i += 1
    return sets
