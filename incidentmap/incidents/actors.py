"""Who acted: actor phrases as the text names them, and the incident type that depends on who acts.

Actor patterns come from incidentmap/data/lexicon/actors.csv and are looked up by their ``role``
(:class:`.lexicon_data.ActorRole`), never by row.
"""

from __future__ import annotations

import re

from .lexicon_data import ActorRole, Trigger, _Lexicon, anchor_words

# Who storms or seizes a site decides whether that is a riot or forces taking control.
STATE_FORCES = (ActorRole.STATE,)
ARMED = (ActorRole.ARMED_GROUP,)
_CLASH = re.compile(r"clash", re.I)
# "members of the Awami League", "activists of …": a party's or a movement's people, a crowd when they clash.
_GROUP_MEMBERS = re.compile(r"\b(?:members|activists|supporters|followers|workers|cadres)\s+of\b", re.I)
CROWD = (ActorRole.PROTESTERS, ActorRole.RIOTERS)
ROLES_NEEDED = frozenset(STATE_FORCES + CROWD + ARMED)  # actors.csv must name each of these roles
MAX_ACTORS = 8  # actor phrases kept per incident
_ACTOR_PRE_CHARS = 40  # characters before an actor word searched for its modifiers

# Modifiers before an actor word: up to two capitalised words or an "X-led" ("Russian paratrooper units").
_ACTOR_PRE = re.compile(r"(?:(?:[A-Z][\w’'-]*(?:’s|'s)?|[a-z]+-led)\s+){0,2}$")
# Where actors came from: "from Belarus and Armenia".
_ORIGIN_LIST = re.compile(r"\bfrom\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?"
                          r"(?:(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)*")
# Riot triggers that are a seizure ("stormed", "overran", "broke into", "seized") ...
_STORMING = re.compile(r"(?:storm|over|broke|break|forced|seiz)", re.I)
# ... and security_control triggers that are one ("occupied", "seized", "took").
_SEIZING = re.compile(r"(?:occup|seiz|took|taken|take)", re.I)


def _actors(sentence: str, lex: _Lexicon) -> list[str]:
    """Who acted, as the text names them, with its modifiers ("Russian paratrooper units") and origins."""
    out: list[str] = []
    for m in _actor_matches(sentence, lex):
        pre = _ACTOR_PRE.search(sentence, max(0, m.start() - _ACTOR_PRE_CHARS), m.start())
        start = pre.start() if pre else m.start()
        phrase = " ".join(sentence[start:m.end()].split())
        if phrase.casefold() != "people" and phrase not in out:
            out.append(phrase)
    # Where actors came from is part of who they are: "… several hundred from Belarus and Armenia".
    for m in _ORIGIN_LIST.finditer(sentence):
        phrase = " ".join(m.group().split())
        if not any(phrase in o for o in out):
            out.append(phrase)
    return out[:MAX_ACTORS]


def _actor_matches(sentence: str, lex: _Lexicon) -> list[re.Match]:
    """Non-overlapping actor matches, tried only where an actor word starts (see _find_triggers)."""
    starts = anchor_words(sentence, lex.actor_anchors)
    if starts is None:
        return list(lex.any_actor.finditer(sentence))
    matches = []
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
    last_state = _last_end(lex.actor_patterns(STATE_FORCES), before)
    crowd = _last_end(lex.actor_patterns(CROWD), before)
    if storming:
        return "security_control" if last_state > crowd else "riot"
    return "riot" if crowd > last_state else "security_control"


def _clash_type(clause_text: str, lex: _Lexicon) -> str:
    """A clash between crowds (party supporters, students, a mob) is a riot (ACLED: Riots); one with armed
    groups or with the police or troops stays armed violence (a fight, or force used on a crowd)."""
    crowd = _last_end(lex.actor_patterns(CROWD), clause_text) >= 0 or bool(_GROUP_MEMBERS.search(clause_text))
    armed = _last_end(lex.actor_patterns(ARMED + STATE_FORCES), clause_text) >= 0
    return "riot" if crowd and not armed else "armed_violence"


def _last_end(patterns, text: str) -> int:
    """Where the last match of any of ``patterns`` in ``text`` ends; -1 if none matches."""
    return max((m.end() for pat in patterns for m in pat.finditer(text)), default=-1)
