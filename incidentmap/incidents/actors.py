"""Who acted: actor phrases as the text names them, and the incident type that depends on who acts.

Actor patterns come from incidentmap/data/lexicon/actors.csv and are looked up by their ``role``
(:class:`.lexicon_data.ActorRole`), never by row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, cast

from .. import patterns as rx
from ..acled import countries, country_by_name
from ..models import CodedActor, Inter
from .lexicon_data import ActorRole, PeopleKind, Trigger, _Lexicon, anchor_words, fold, forces, lexicon

# Who storms or seizes a site decides whether that is a riot or forces taking control.
STATE_FORCES: Final = (ActorRole.STATE, ActorRole.POLICE)
ARMED: Final = (ActorRole.ARMED_GROUP, ActorRole.REBELS, ActorRole.IDENTITY_MILITIA)
_CLASH: Final = rx.compile(r"clash", re.I)
# "members of the Awami League", "activists of …": a party's or a movement's people, a crowd when they clash.
_GROUP_MEMBERS: Final = rx.compile(r"\b(?:members|activists|supporters|followers|workers|cadres)\s+of\b", re.I)
CROWD: Final = (ActorRole.PROTESTERS, ActorRole.RIOTERS)
ROLES_NEEDED: Final = frozenset(STATE_FORCES + CROWD + ARMED)  # actors.csv must name each of these roles
MAX_ACTORS: Final = 8  # actor phrases kept per incident
_ACTOR_PRE_CHARS: Final = 40  # characters before an actor word searched for its modifiers

# Modifiers before an actor word: up to two capitalised words or an "X-led" ("Russian paratrooper units").
_ACTOR_PRE: Final = rx.compile(r"(?:(?:[A-Z][\w’'-]*(?:’s|'s)?|[a-z]+-led)\s+){0,2}$")
# Where actors came from: "from Belarus and Armenia".
# ("f(?<!\wf)rom" is "\bfrom" written so that the regex engine can jump from "f" to "f": 4x faster, same matches.)
_ORIGIN_LIST: Final = rx.compile(r"f(?<!\wf)rom\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?"
                                 r"(?:(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)*")
# Riot triggers that are a seizure ("stormed", "overran", "broke into", "seized") ...
_STORMING: Final = rx.compile(r"(?:storm|over|broke|break|forced|seiz)", re.I)
# ... and security_control triggers that are one ("occupied", "seized", "took").
_SEIZING: Final = rx.compile(r"(?:occup|seiz|took|taken|take)", re.I)


def _actors(sentence: str, lex: _Lexicon, mentions: list[ActorMention] | None = None) -> list[str]:
    """Who acted, as the text names them, with its modifiers ("Russian paratrooper units") and origins.
    ``mentions``: the sentence's :func:`actor_mentions`, when already found (speed: one actor search)."""
    out: list[str] = []
    for m in actor_mentions(sentence, lex) if mentions is None else mentions:
        if m.phrase not in out:
            out.append(m.phrase)
    # Where actors came from is part of who they are: "… several hundred from Belarus and Armenia".
    for o in _ORIGIN_LIST.finditer(sentence):
        phrase = " ".join(o.group().split())
        if not any(phrase in o for o in out):
            out.append(phrase)
    return out[:MAX_ACTORS]


def _actor_matches(sentence: str, lex: _Lexicon, starts: list[int] | None = None) -> list[re.Match]:
    """Non-overlapping actor matches, tried only where an actor word starts (see _find_triggers).
    ``starts``: those words' starts, when already found (lexicon_data.triggers_and_actor_words)."""
    if starts is None:
        starts = anchor_words(sentence, lex.actor_anchors)
    if starts is None:
        return list(lex.any_actor.finditer(sentence))
    matches: list[re.Match] = []
    for start in starts:
        m = lex.any_actor.match(sentence, start)
        if m is not None and (not matches or m.start() >= matches[-1].end()):
            matches.append(m)
    return matches


def _retyped(trig: Trigger, sentence: str, clause, lex: _Lexicon) -> str:
    """Who acts decides the type: forces storming a site take control of it; protesters occupying one riot;
    crowds clashing (party supporters, students, a mob) riot, where armed men clashing fight."""
    word = sentence[trig.start:trig.end]
    if trig.slug == "armed_violence" and _CLASH.match(word):
        return _clash_type(sentence[clause[0]:clause[1]], lex)
    storming = trig.slug == "riot" and _STORMING.match(word)
    seizing = trig.slug == "security_control" and _SEIZING.match(word)
    if not (storming or seizing):
        return trig.slug  # only active seizing can go either way ("police stations came under attack" cannot)
    before = sentence[clause[0]:trig.start]
    last_state = _last_end(lex, STATE_FORCES, before)
    crowd = _last_end(lex, CROWD, before)
    if storming:
        return "security_control" if last_state > crowd else "riot"
    return "riot" if crowd > last_state else "security_control"


def _clash_type(clause_text: str, lex: _Lexicon) -> str:
    """A clash between crowds (party supporters, students, a mob) is a riot (ACLED: Riots); one with armed
    groups or with the police or troops stays armed violence (a fight, or force used on a crowd)."""
    crowd = _names(lex, CROWD, clause_text) or bool(_GROUP_MEMBERS.search(clause_text))
    armed = _names(lex, ARMED + STATE_FORCES, clause_text)
    return "riot" if crowd and not armed else "armed_violence"


def _names(lex: _Lexicon, roles, text: str) -> bool:
    """Whether ``text`` names an actor of ``roles`` (searched only if their stems occur in it: may_name).

    Speed: the rules of one sentence ask this of the same clause or sentence again and again (for each of its
    triggers, by several rules); the answer depends on nothing else, so it is remembered for the article
    (``_Lexicon._named``: extract_incidents clears it for each article, and so does a long article past
    ``_MAX_NAMED`` questions)."""
    key = (roles if type(roles) is tuple else tuple(roles), text)
    named = lex._named
    found = named.get(key)
    if found is None:
        if len(named) >= _MAX_NAMED:
            named.clear()
        found = named[key] = lex.may_name(roles, text) and lex.actor_search(roles, text) is not None
    return found


_MAX_NAMED: Final = 20_000  # remembered answers of _names (a bound on memory for the longest texts)


def _last_end(lex: _Lexicon, roles, text: str) -> int:
    """Where the last match of any of the ``roles``' patterns in ``text`` ends; -1 if none matches."""
    if not lex.may_name(roles, text):
        return -1  # none of their stems occurs: no pattern can match (speed: no scan per pattern)
    return max((m.end() for pat in lex.actor_patterns(roles) for m in lex.actor_matches(pat, text, 0, len(text))),
               default=-1)


# -- actors as ACLED codes them -----------------------------------------------------------------------

# ACLED's actor type of each role; the names come from ``_name``. A role's crowd may be renamed by the event
# type (see _CROWD_AS): ACLED calls a protest's crowd protesters and a riot's rioters, whatever the text says.
ROLE_INTER: Final = {
    ActorRole.POLICE: Inter.STATE_FORCES, ActorRole.STATE: Inter.STATE_FORCES,
    ActorRole.GOVERNMENT: Inter.STATE_FORCES, ActorRole.PEACEKEEPERS: Inter.EXTERNAL_OTHER,
    ActorRole.PROTESTERS: Inter.PROTESTERS, ActorRole.RIOTERS: Inter.RIOTERS,
    ActorRole.REBELS: Inter.REBEL_GROUP, ActorRole.IDENTITY_MILITIA: Inter.IDENTITY_MILITIA,
    ActorRole.ARMED_GROUP: Inter.POLITICAL_MILITIA, ActorRole.CIVILIANS: Inter.CIVILIANS,
}
_CROWD_AS: Final = {"Protests": ActorRole.PROTESTERS, "Riots": ActorRole.RIOTERS}
_SAME_TYPE_OPPONENTS: Final = frozenset({"Battles", "Riots"})
# Event types whose first actor is an organised, armed actor (ACLED's political violence but riots).
_ORGANISED: Final = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# Roles whose capitalised modifiers name the group ("Al-Shabaab militants"); other roles are named by ACLED's
# generic names (a protest's students are "Protesters (Kenya)").
_NAMED_ROLES: Final = frozenset({ActorRole.REBELS, ActorRole.IDENTITY_MILITIA, ActorRole.ARMED_GROUP,
                                 ActorRole.PEACEKEEPERS})
# Capitalised words that are no group's name: a sentence's first word, days, months, titles, a headcount's words
# ("Four armed men", "Two Al-Shabaab militants": the figure is no part of the name).
_NOT_A_NAME: Final = rx.compile(r"^(?:the|a|an|on|in|at|by|as|after|before|when|while|some|several|many|suspected|"
                                r"unidentified|unknown|armed|local|heavily|monday|tuesday|wednesday|thursday|friday|"
                                r"saturday|sunday|january|february|march|april|may|june|july|august|september|october|"
                                r"november|december|about|around|over|nearly|almost|more|than|least|few|dozens?|scores?"
                                r"|"
                                r"hundreds?|thousands?|\d[\d,.]*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
                                r"|ninety)"
                                r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six"
                                r"|seven|"
                                r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                                r"nineteen)$", re.I)
_ORIGIN_NAMES: Final = rx.compile(r"[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?")


@dataclass(frozen=True, slots=True, init=False)
class ActorMention:
    """One actor phrase of a sentence with its role, before the incident's country and type name it."""

    phrase: str  # with its modifiers: "Russian paratrooper units"
    role: ActorRole
    start: int
    modifiers: tuple[str, ...]  # capitalised words before the actor word
    origins: tuple[str, ...] = ()  # country codes the text says the actors come from ("from Belarus")

    # Written, not generated: mypyc compiles it (the generated one runs interpreted; see incidentmap/models.py).
    def __init__(self, phrase: str, role: ActorRole, start: int, modifiers: tuple[str, ...],
                 origins: tuple[str, ...] = ()) -> None:
        object.__setattr__(self, "phrase", phrase)
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "modifiers", modifiers)
        object.__setattr__(self, "origins", origins)


# A source, not a side: "police said", "according to the army", "a police spokesman told reporters" — unless the
# source is the subject of what it reports ("police said they shot two robbers": the police acted).
ATTRIBUTION: Final = rx.compile(
    r"\b(?:according to (?:the |a )?(?:[\w-]+ ){0,2}?(?:police|army|military|officials?|spokes\w+|authorities)"
    r"|(?:the )?(?:police|army|military|security) (?:[\w-]+ ){0,2}?(?:said|says|say|told|reported|confirmed|added)"
    r"(?!\s+(?:that\s+)?(?:they|it|its|their|we|our|officers|police|troops|soldiers)\b))\b", re.I)
_ATTRIBUTION_STEMS: Final = ("said", "say", "told", "reported", "confirmed", "added", "according")


_SOURCE_NOUNS: Final = ("police", "army", "military", "security")


def _may_attribute(text: str) -> bool:
    """Whether :data:`ATTRIBUTION` may match ``text``, case aside: "according", or one of its verbs' stems and one
    of its sources' nouns (news says "said" everywhere; the search runs only where a source may be named)."""
    low = fold(text)
    if low is None:
        return True
    if "according" in low:
        return True
    return any(stem in low for stem in _ATTRIBUTION_STEMS) and any(noun in low for noun in _SOURCE_NOUNS)


# The last sentence blanked and its blanked copy (speed: its triggers and its actor search ask for it in turn).
# One tuple, replaced whole: a reader sees a consistent pair.
_LAST_BLANKED: Final[list[tuple[str, str]]] = [("", "")]


def blanked_sentence(sentence: str) -> str:
    """:func:`blank_attributions` of a whole sentence, remembered for the last sentence asked."""
    last = _LAST_BLANKED[0]
    if last[0] is sentence:
        return last[1]
    out = blank_attributions(sentence)
    _LAST_BLANKED[0] = (sentence, out)
    return out


def blank_attributions(text: str) -> str:
    """``text`` with its sources (:data:`ATTRIBUTION`) blanked, offsets kept: who said it is no side of the act."""
    if not _may_attribute(text):
        return text  # (speed: most sentences attribute nothing)
    return ATTRIBUTION.sub(lambda m: " " * (m.end() - m.start()), text)


def actor_mentions(sentence: str, lex: _Lexicon, *, starts: list[int] | None = None) -> list[ActorMention]:
    """The sentence's actor phrases with their roles, in text order (origins are never actors of their own).
    ``starts``: where actor words start, when already found (see :func:`_actor_matches`)."""
    # Origin lists that name countries: (start, end, country codes).
    origins = [(m.start(), m.end(), codes) for m in _ORIGIN_LIST.finditer(sentence)
               if (codes := tuple(dict.fromkeys(code for w in _ORIGIN_NAMES.findall(m.group()[4:])
                                                if (code := country_by_name(w)))))]
    used: set[int] = set()
    out: list[ActorMention] = []
    # Sources ("police said", "according to the army"): who told it, no actor of the event (blanked there).
    unsourced = blanked_sentence(sentence)
    for m in _actor_matches(sentence, lex, starts):
        if unsourced is not sentence and unsourced[m.start()] != sentence[m.start()]:
            continue
        role = lex.actors[int(cast(str, m.lastgroup)[1:])].role  # any_actor's groups are a0, a1…: the actors.csv rows
        start = _modifiers_start(sentence, m.start())
        end = m.end()
        if sentence[start:end].casefold() == "people":
            continue
        modifiers = tuple(w for w in sentence[start:m.start()].split() if w[:1].isupper())
        if role == ActorRole.IDENTITY_MILITIA and _PEOPLE_OF.search(sentence, max(0, start - 12), start):
            role = ActorRole.CIVILIANS  # "two members of the Luhya ethnic group", "attacks on the clansmen": victims
        # "troops from Belarus and Armenia": an origin list right after the actor word (within a few words);
        # right after it, it is part of the phrase.
        n = next((n for n, (at, _, _) in enumerate(origins) if 0 <= at - m.end() <= _ORIGIN_GAP), None)
        codes = ()
        if n is not None:
            used.add(n)
            codes = origins[n][2]
            if not sentence[m.end():origins[n][0]].strip():
                end = origins[n][1]
        out.append(ActorMention(" ".join(sentence[start:end].split()), role, m.start(), modifiers, codes))
    # "… paratroopers have arrived, along with several hundred from Belarus and Armenia": an origin list of its
    # own, after forces were named, is more of those forces, from those countries.
    for n, (at, end, codes) in enumerate(origins):
        forces = [a for a in out if a.start < at and a.role in _FORCES]
        if n not in used and forces:
            out.append(ActorMention(" ".join(sentence[at:end].split()), forces[-1].role, at, (), codes))
    out.extend(_peoples(sentence, out))
    if any(a.role == ActorRole.ARMED_GROUP and a.modifiers for a in out):
        # "Al-Shabaab militants": a rebel group's name before an armed group's word is that rebel group.
        rebels = lex.actor_patterns((ActorRole.REBELS,))
        out = [ActorMention(a.phrase, ActorRole.REBELS, a.start, a.modifiers, a.origins)
               if a.role == ActorRole.ARMED_GROUP and a.modifiers
               and any(p.search(" ".join(a.modifiers)) for p in rebels) else a for a in out]
    if any(a.role == ActorRole.ARMED_GROUP and a.modifiers for a in out):
        # "Pokot raiders", "Fulani gunmen": an armed group named by its people is that people's militia.
        out = [ActorMention(a.phrase, ActorRole.IDENTITY_MILITIA, a.start, a.modifiers, a.origins)
               if a.role == ActorRole.ARMED_GROUP and people_kind(a.modifiers, lex) is not None else a for a in out]
    if lex.communal is not None and any(a.role == ActorRole.ARMED_GROUP for a in out) \
            and _communal(sentence, lex):
        # Raiders of a clan, armed herders: ACLED's identity militias, not unidentified armed groups.
        out = [ActorMention(a.phrase, ActorRole.IDENTITY_MILITIA, a.start, a.modifiers, a.origins)
               if a.role == ActorRole.ARMED_GROUP else a for a in out]
    if lex.communal is not None and any(a.role == ActorRole.IDENTITY_MILITIA and a.modifiers for a in out):
        # "Cattle raiders", "Clan militias" opening a sentence: the cue's words are no name.
        cue = lex.communal
        out = [ActorMention(a.phrase, a.role, a.start, tuple(w for w in a.modifiers if not cue.fullmatch(w)),
                            a.origins) if a.role == ActorRole.IDENTITY_MILITIA else a for a in out]
    return sorted(out, key=lambda a: a.start)


def communal_sentence(sentence: str, lex: _Lexicon) -> bool:
    """Whether ``sentence`` speaks of peoples, clans, communities or herds (the ``communal`` cue): its unnamed
    fighters are communal militias (:func:`code_actors`)."""
    return _communal(sentence, lex)


def _communal(sentence: str, lex: _Lexicon) -> bool:
    """Whether the communal cue matches ``sentence`` (one of its stems first: the search is the costly part)."""
    folded = fold(sentence)  # (as the case-insensitive search reads letters; None: no shortcut)
    if folded is not None and not any(stem in folded for stem in lex.communal_stems):
        return False
    return lex.communal is not None and lex.communal.search(sentence) is not None


def people_kind(words: tuple[str, ...], lex: _Lexicon) -> PeopleKind | None:
    """The kind of the people (peoples.csv) the capitalised ``words`` name ("Pokot", "Habar Gidir", "Tugen-Ilchamus"),
    if any."""
    if not lex.peoples:
        return None
    names = [w.rstrip("’'s") if w.endswith(("’s", "'s")) else w for w in words]
    parts = [p for w in names for p in w.split("-")]
    for candidate in (*names, *parts, *(f"{a} {b}" for a, b in zip(names, names[1:]))):
        kind = lex.peoples.get(candidate.casefold())
        if kind is not None:
            return kind
    return None


# Before a people's phrase: its people as the ones attacked, not a militia.
_PEOPLE_OF: Final = rx.compile(r"\b(?:of|on|against|targeting)\s+(?:the\s+)?$", re.I)
# Two peoples named as the sides of a fight: "the Orma and Wardei communities", "Degodia and Garre clans",
# "Borana Oromo and Gabra tribes" (ACLED: an identity militia each).
_PEOPLES_PAIR: Final = rx.compile(
    r"\b(?P<a>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?) and (?:the )?(?P<b>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?) "
    r"(?i:ethnic (?:groups|communities)|communities|clans(?:men)?|sub-?clans|tribes(?:men)?|groups|herders|herdsmen"
    r"|pastoralists)\b")


# The nouns _PEOPLES_PAIR ends with: one must be in the lowered sentence for it to match.
_PEOPLE_NOUNS: Final = ("ethnic", "communities", "clans", "tribes", "groups", "herders", "herdsmen", "pastoralists")


def _peoples(sentence: str, found: list[ActorMention]) -> list[ActorMention]:
    """The two peoples a phrase like "the Orma and Wardei communities" names, as identity militias, unless an actor
    phrase found already lies in it or a name is a country's or an ordinary word."""
    if " and " not in sentence:
        return []
    lowered = sentence.lower()
    if not any(w in lowered for w in _PEOPLE_NOUNS):
        return []  # (speed: the pattern tries every capital; most sentences have no people's noun)
    out: list[ActorMention] = []
    for m in _PEOPLES_PAIR.finditer(sentence):
        if any(m.start() <= a.start < m.end() for a in found):
            continue
        names = []
        for g in ("a", "b"):
            words = tuple(w for w in m[g].split() if not _NOT_A_NAME.match(w))
            if not words or any(country_by_name(w) for w in words):
                break
            names.append((m.start(g), words))
        if len(names) < 2:
            continue
        for at, words in names:
            out.append(ActorMention(" ".join(sentence[at:m.end()].split()), ActorRole.IDENTITY_MILITIA, at, words))
    return out


def _modifiers_start(sentence: str, at: int) -> int:
    """Where the modifiers (:data:`_ACTOR_PRE`) of the actor word at ``at`` start; ``at`` if it has none."""
    lo = max(0, at - _ACTOR_PRE_CHARS)
    # Speed: a match is at most two modifiers, each within one token (no white space in it), each followed by white
    # space: it cannot start before the second-to-last token before ``at`` (it would hold three), so the search
    # starts there (the pattern has no lookbehind: the leftmost match is the same).
    i = at
    for _ in range(2):
        while i > lo and sentence[i - 1].isspace():
            i -= 1
        while i > lo and not sentence[i - 1].isspace():
            i -= 1
    lo = i
    window = sentence[lo:at]
    if "-led" not in window and window == window.lower():
        # Speed: with no capital and no "-led" before it, the pattern can only match empty, where "$" first
        # matches: at the end, or before a final line break. (The regex tries every position of the window.)
        return at - 1 if window.endswith("\n") else at
    pre = _ACTOR_PRE.search(sentence, lo, at)
    return pre.start() if pre else at


_FORCES: Final = frozenset({ActorRole.POLICE, ActorRole.STATE, ActorRole.PEACEKEEPERS})
# The one sub-event type that changes how :func:`code_actors` sides actors (a peaceful protest has no side 2);
# callers that reuse its result key it by event type and this test, not by every sub-event type.
ONE_SIDED_SUB_EVENT: Final = "Peaceful protest"
_ORIGIN_GAP: Final = 40  # characters between an actor word and "from <country>" that still describe those actors


def code_actors(mentions: list[ActorMention], *, country_code: str, event_type: str,
                sub_event_type: str = "", communal: bool = False) -> list[CodedActor]:
    """ACLED's actors of an event: named, typed and on sides 1 and 2 (the first of each is actor1/actor2).

    Side 1 is who acts as the event type says (a protest's protesters, a riot's rioters, the attacker in violence
    against civilians, the arresting forces), side 2 the first actor of another name; the rest join the side
    whose actor type they share (ACLED's associated actors) or are left out. A protest's protesters, a riot's
    rioters and the civilians of violence against civilians are implied by the type when the text names none,
    as is an unidentified armed group that attacked them; a peaceful protest has no second side.
    """
    country = _country_name(country_code)
    # (mention number, actor): one mention may give several actors ("troops from Belarus and Armenia"), who
    # act together: never each other's opponents.
    coded = [(n, a) for n, m in enumerate(mentions) for a in _coded(m, country_code, country, event_type)]
    crowd_role = _CROWD_AS.get(event_type)
    if crowd_role is not None and not any(a.inter == ROLE_INTER[crowd_role] for _, a in coded):
        coded.insert(0, (-1, CodedActor(_generic(crowd_role, country), ROLE_INTER[crowd_role], 1)))
    if event_type == "Violence against civilians" and not any(a.inter == Inter.CIVILIANS for _, a in coded):
        coded.append((-2, CodedActor(_generic(ActorRole.CIVILIANS, country), Inter.CIVILIANS, 2)))
    if event_type in _ORGANISED and coded and all(a.inter == Inter.CIVILIANS for _, a in coded):
        # Someone did it, and civilians are never who does it in these types: ACLED's name for an unnamed
        # perpetrator is an unidentified armed group (a communal militia where the sentence is of peoples,
        # clans or herds: see :func:`communal_sentence`).
        role = ActorRole.IDENTITY_MILITIA if communal else ActorRole.ARMED_GROUP
        coded.insert(0, (-3, CodedActor(_generic(role, country), ROLE_INTER[role], 1)))
    if event_type == "Battles" and communal and not coded:
        # "Clan fighting leaves four dead", "three killed in community clashes": the fighters are communal
        # militias no one named (ACLED: an unidentified communal militia on each side).
        return [CodedActor(_generic(ActorRole.IDENTITY_MILITIA, country), Inter.IDENTITY_MILITIA, side)
                for side in (1, 2)]
    if not coded:
        return []
    first_at, first = _side_one(coded, event_type, crowd_role,
                                [mentions[n].role if n >= 0 else None for n, _ in coded])
    rest = [(n, a) for n, a in coded if a is not first]
    others = [a for n, a in rest if n != first_at and a.name != first.name]
    second = None
    if sub_event_type != ONE_SIDED_SUB_EVENT:
        # Actors of one type are allies (the army and the police, the government), except in the types where
        # ACLED sees them fight each other (militias, rebels, rival crowds).
        second = next((a for a in others if a.inter != first.inter), None) \
            or (next(iter(others), None) if event_type in _SAME_TYPE_OPPONENTS else None)
    out = [_on_side(first, 1)] + ([_on_side(second, 2)] if second else [])
    names = {a.name for a in out}
    for _, a in rest:
        if a is second or a.name in names:
            continue
        if a.inter == first.inter and (second is None or a.inter != second.inter):
            out.append(_on_side(a, 1))
        elif second is not None and a.inter == second.inter:
            out.append(_on_side(a, 2))
        else:
            continue
        names.add(a.name)
    return sorted(out, key=lambda a: a.side)  # stable: each side's first actor stays first


def _side_one(coded: list[tuple[int, CodedActor]], event_type: str, crowd_role, roles) -> tuple[int, CodedActor]:
    if crowd_role is not None:
        return next((n, a) for n, a in coded if a.inter == ROLE_INTER[crowd_role])
    if event_type == "Strategic developments":  # arrests, deployments: the forces that act, else the government
        forces = [(n, a) for (n, a), role in zip(coded, roles, strict=True)
                  if a.inter in (Inter.STATE_FORCES, Inter.EXTERNAL_OTHER) and role != ActorRole.GOVERNMENT]
        return next(iter(forces), None) or next(((n, a) for n, a in coded if a.inter == Inter.STATE_FORCES), coded[0])
    # Battles, explosions, violence against civilians: the first actor that is not civilians.
    return next(((n, a) for n, a in coded if a.inter != Inter.CIVILIANS), coded[0])


def _on_side(actor: CodedActor, side: int) -> CodedActor:
    return actor if actor.side == side else CodedActor(actor.name, actor.inter, side, actor.phrase)


def _coded(m: ActorMention, country_code: str, country: str, event_type: str) -> list[CodedActor]:
    role = m.role
    crowd_role = _CROWD_AS.get(event_type)
    if crowd_role is not None and role in CROWD:
        role = crowd_role
    if role in (ActorRole.POLICE, ActorRole.STATE):
        # Whose forces: the origins the text gives ("troops from Belarus"), else a nationality among the
        # modifiers ("Russian paratroopers"), else the incident's country. Forces abroad are external (8).
        # (the phrase's own words too: "Ethiopian forces" is one actor phrase; "KDF" is Kenya's, forces.csv says)
        owners = m.origins or tuple(dict.fromkeys(c for w in (*m.modifiers, *m.phrase.split())
                                                  if (c := _owner(w)))) or (country_code,)
        kind = "Police Forces" if role == ActorRole.POLICE else "Military Forces"
        return [CodedActor(f"{kind} of {_country_name(c)}" if c else kind,
                           Inter.STATE_FORCES if not country_code or c in ("", country_code) else Inter.EXTERNAL_OTHER,
                           1, m.phrase) for c in owners]
    name = _group_name(m) if role in _NAMED_ROLES else ""
    if name and role == ActorRole.IDENTITY_MILITIA and not name.lower().endswith(("militia", "militias")):
        # ACLED's names: "Pokot Ethnic Militia (Kenya)", "Garre Clan Militia (Kenya)".
        clan = "clan" in m.phrase.lower() or people_kind(m.modifiers, lexicon()) == PeopleKind.CLAN
        kind = "Clan Militia" if clan else "Ethnic Militia"
        name = f"{name} {kind} ({country})" if country else f"{name} {kind}"
    if role == ActorRole.GOVERNMENT:
        name = f"Government of {country}" if country else "Government"
    return [CodedActor(name or _generic(role, country), ROLE_INTER[role], 1, m.phrase)]


@lru_cache(maxsize=4096)  # (asked of each word of each forces phrase of each incident: news repeats them)
def _owner(word: str) -> str | None:
    """The country a word names as the owner of forces: a country or its people ("Kenya", "Russian"), or a
    force of forces.csv by its acronym ("KDF"); None otherwise."""
    force = forces().get(word)
    return force.country or None if force is not None else country_by_name(word)


def _group_name(m: ActorMention) -> str:
    """A group's own name from the capitalised words before its actor word ("Al-Shabaab militants"), unless
    they are ordinary words, a day, or a nationality; or the phrase itself when it is a name ("Al Shabaab")."""
    words = [w.rstrip("’'s") if w.endswith(("’s", "'s")) else w for w in m.modifiers]
    words = [w for w in words if not _NOT_A_NAME.match(w) and not country_by_name(w)]
    phrase = m.phrase.split()
    # Capitalised in mid-sentence, two words, an acronym, or a word the lexicon writes capitalised ("Taliban"): not
    # a common noun opening a sentence ("Militias attacked").
    proper = len(phrase) > 1 or m.start > 0 or phrase[0].isupper() or not lexicon().common_noun(phrase[0]) \
        if phrase else False
    if proper and all(w[:1].isupper() for w in phrase) and not _NOT_A_NAME.match(phrase[-1]):
        # a name itself: "Al Shabaab", "Boko Haram"; not a nationality before it ("Senegalese MINUSCA")
        return " ".join(w for w in phrase if not _NOT_A_NAME.match(w) and not country_by_name(w))
    return " ".join(words)


_GENERIC: Final = {
    ActorRole.PROTESTERS: "Protesters ({})", ActorRole.RIOTERS: "Rioters ({})", ActorRole.CIVILIANS: "Civilians ({})",
    ActorRole.ARMED_GROUP: "Unidentified Armed Group ({})", ActorRole.REBELS: "Unidentified Rebel Group ({})",
    ActorRole.IDENTITY_MILITIA: "Unidentified Communal Militia ({})", ActorRole.PEACEKEEPERS: "Peacekeepers ({})",
}


def _generic(role: ActorRole, country: str) -> str:
    template = _GENERIC[role]
    return template.format(country) if country else template.split(" (")[0]


def _country_name(code: str) -> str:
    row = countries().get(code or "")
    return row.name if row else ""
