"""Which side acts decides the type: ACLED's event types are about who fights whom.

The same words ("clashed", "attacked", "captured the town") are a battle between armed groups, violence
against civilians, a riot or mob violence depending on who is named around them. Actor words come from
incidentmap/data/lexicon/actors.csv, looked up by role (:class:`.lexicon_data.ActorRole`), never by row.

:func:`decided_type` first asks :func:`.actors._retyped` (crowds or forces storming and seizing sites; crowds
clashing), then applies the rules below, each general to the roles it names:

* armed groups and state forces fighting, or armed groups clashing with each other → ``armed_clash``; so do
  ethnic groups, clans, herders and farmers (ACLED's identity militias);
* armed groups taking ground → ``non_state_overtakes_territory``; state forces retaking it from armed groups
  → ``government_regains_territory``;
* crowds clashing or fighting outside a demonstration (party members, villagers, a mob) → ``mob_violence``;
  demonstrators doing so → ``riot``;
* a passive attack ("supporters were attacked", "councillors attacked by gunmen") names its victims before it,
  not its doers: an attack on civilians, unless its agent is a crowd ("by a mob", "by party members": Riots);
* identity groups (farmers and herders, clans) fighting running battles → ``armed_clash``, not a crowd's riot;
* a crowd "setting up a base" is a protest camp → ``protest``;
* strikes on positions by aircraft or drones → ``air_strike``, not ``shelling``.

:func:`phrase_triggers` keeps one event per phrase: a trigger inside a longer trigger of another type that
names the whole event ("suicide bombing", "broke up the protest", "seized weapons") is part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .. import patterns as rx
from .actors import _GROUP_MEMBERS, ARMED, STATE_FORCES, _last_end, _names, _retyped, blanked_sentence
from .lexicon_data import ActorRole, Trigger, _Lexicon, anchor_stems, fold, without_superstrings

STATE: Final = STATE_FORCES  # police and military alike
CROWD: Final = (ActorRole.PROTESTERS, ActorRole.RIOTERS)


@dataclass(frozen=True, slots=True)
class SideRules:
    """Which types the side rules and the phrase rule apply to, with why."""

    # Types whose trigger is a whole-event phrase: a shorter trigger of another type inside it is part of it
    # ("suicide bombing" is not also a bomb, "seized weapons" is not a seizure of ground).
    phrase_types: frozenset = frozenset({
        "armed_clash", "government_regains_territory", "non_state_overtakes_territory", "chemical_weapon",
        "air_strike", "suicide_bomb", "sexual_violence", "abduction", "protest_intervention", "excessive_force",
        "mob_violence", "agreement", "disrupted_weapons", "base_established",
        "riot"})  # "hurled stones and petrol bombs at police": the petrol bombs are the riot's
    # ... except these, which carry counts (deaths, arrests) the phrase does not.
    always_kept: frozenset = frozenset({"casualties", "arrest"})
    # Types whose meaning depends on who fights whom.
    fighting_types: frozenset = frozenset({"armed_violence", "armed_clash"})
    # Types that take ground, and who takes it.
    taking_types: frozenset = frozenset({"riot", "security_control", "non_state_overtakes_territory"})
    # Weapons a crowd can use: crude bombs and grenades thrown by rioters or party members are a riot's.
    crowd_weapon_types: frozenset = frozenset({"remote_explosive", "grenade"})
    object_chars: int = 80  # characters after a fight word searched for whom it is against: a short phrase
    agent_chars: int = 40  # characters after "by" searched for a passive attack's doer: a short phrase


RULES: Final = SideRules()

# Attack and fight words among the armed_violence triggers: force used on a crowd ("tear gas", "batons",
# "water cannon") is not a fight between armed sides, whoever else the clause names.
_FIGHT_WORDS: Final = rx.compile(r"(?:clash|attack|raid|ambush|gun|shoot|shot|fire|fired|open|exchang|fight|fought"
                                 r"|battl|"
                                 r"skirmish|engag|stab|hack|assault|assassin|murder|beat\w* up)", re.I)
_CLASH_WORDS: Final = rx.compile(r"(?:clash|exchang|gun ?battle|gun ?fight|fire ?fight|shoot-?out|skirmish|fighting"
                                 r"|fought|"
                                 r"battl|engag)", re.I)
# A trigger that names its attackers before the verb ("militants attacked", "gunmen raided": the armed_violence row of
# armed groups): an attack word too, though it does not open the trigger.
_GROUP_ATTACKS: Final = rx.compile(r"[\w-]+\s+(?:\w+\s+)?(?:attack|raid|ambush|storm|strik|struck|assault)", re.I)
# The verb of a clash with its sides named around it: "clashed", "clash with" (not "during ethnic clashes").
_CLASHED_WITH: Final = rx.compile(r"(?:clashed\b|clash(?:es)?\s+with\b)", re.I)
# Attacks on people or places, by whoever the clause names before them.
# A post that forces man as the object of the act, right after it: its side is the state's ("attacked a check
# point", "an attack on an outpost", as "attacked a police post" names it); not where the act was ("attacked a bus
# at a checkpoint").
# The posts that name forces without a word for whose ("a check point", "an outpost"; "a camp" may be a refugees').
FORCES_POST_NOUNS: Final = r"check[ -]?(?:points?|posts?)|outposts?|barracks"
_FORCES_POST: Final = rx.compile(r"\s+(?:on\s+)?(?:(?:an?|the|their|its|several|\w+)\s+)?(?:[\w-]+\s+)?"
                                 rf"(?:{FORCES_POST_NOUNS})\b", re.I)
_ATTACK: Final = rx.compile(r"(?:attack|assault|stab|hack|raid|ambush|came under attack|beat\w* up)", re.I)
# Groups of civilians, named by who they are rather than by a role: when they clash and no armed group or
# state force is named, the clash is mob violence (ACLED: Riots), not an attack on civilians. So are unnamed
# "persons" or "people" who assault, hack or vandalise (ACLED's mob: a group not organised as an armed one),
# not those who suffer it ("ten people were killed in two bomb attacks"); not "men", which as often are armed.
_CIVIL_GROUPS: Final = rx.compile(r"\b(?:villagers|residents|locals|relatives|students|youths?|groups|communities|"
                                  r"factions?|neighbou?rs|families|supporters|followers|voters|traders|rivals|hawkers"
                                  r"|vendors|"
                                  r"labou?rers|drivers|passengers|lawyers|contractors|organi[sz]ers|employees|"
                                  r"riders|operators|fishermen|refugees|motorists|mourners|fans|councillors"
                                  r"|persons(?!\s+(?:were|was|are|is|have|had|killed|injured|dead|died|wounded)\b)"
                                  r"|people(?!\s+(?:were|was|are|is|have|had|killed|injured|dead|died|wounded)\b))\b", re.I)
# ... but unknown people with a grenade or a bomb are its unidentified attackers (ACLED: an explosion), as a crowd
# with crude bombs is not: "unknown people hurled a grenade" (their assaults stay a mob's, as above).
_UNKNOWN_PEOPLE: Final = rx.compile(r"\b(?:unknown|unidentified)\s+(?:people|persons|individuals)\b", re.I)
# Groups named by ethnicity, clan or livelihood (herders against farmers): ACLED's identity militias, whose
# clashes are battles, not mob violence.
# ("warring groups", "warring factions": parties at war, not a crowd.)
_IDENTITY_GROUPS: Final = rx.compile(r"\b(?:ethnic|clans?|tribes?|tribal|herders|herdsmen|pastoralists|warring)\b", re.I)
# ... or groups fighting over herds, grazing or water ("livestock raid led to a clash between the two groups",
# "the two groups clashed over grazing land"): livelihood militias in ACLED's codebook (identity militias).
# Only for a clash: "villagers killed two cattle thieves" stays a crowd's killing.
_LIVELIHOOD: Final = rx.compile(r"\b(?:livestock|cattle|camels|goats|grazing|pastures?|pasture ?land|water ?points?"
                                r"|boreholes?|rustl(?:ers|ing))\b", re.I)
# ... or two peoples named as groups: "the Kalenjin and Maasai groups", "Borana and Gabra communities".
_NAMED_PEOPLES: Final = rx.compile(r"\b[A-Z][a-z]+ and (?:the )?[A-Z][a-z]+ (?:groups|communities)\b")
# "BCL members", "members of the ruling party": a party's or a movement's people, not an armed group.
_MEMBERS: Final = rx.compile(r"\b(?:members|activists|cadres|accomplices|shopkeepers)\b", re.I)
# Rioters by name (a violent demonstration), rather than a mob.
_RIOTERS: Final = rx.compile(r"\brioters\b", re.I)
# Who strikes from the air.
_AIR: Final = rx.compile(r"\b(?:aircraft|warplanes?|jets?|drones?|helicopters?|gunships?|air force|planes?)\b", re.I)
# An aircraft as the subject of the bombing: "a Myanmar air force jet bombed", "drones shelled" (not "a bomb hit the
# jet", "planes were grounded after the blast").
_AIR_BOMBED: Final = rx.compile(r"\b(?:aircraft|warplanes?|jets?|drones?|helicopters?|gunships?|planes?)\s+"
                                r"(?:\w+\s+){0,2}?"
                                r"(?:bombed|shelled|struck|hit|dropped|fired|pounded|strafed)\b", re.I)
# The military (not the police) before a retaking, and ground as its object: "the army ... regained full control of
# the town".
_MILITARY: Final = rx.compile(r"\b(?:army|military|troops|soldiers|armed forces|defen[cs]e forces)\b", re.I)
_GROUND: Final = rx.compile(r"(?:\s+(?:full|complete|total)\s+control)?(?:\s+of)?\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?"
                            r"(?:town|towns|village|villages|city|area|base|camp|territory|district|region|province)\b", re.I)
# Taking ground back, not taking it.
_RETAKING: Final = rx.compile(r"(?:recaptur|retook|retaken|retaking|regain|reclaim|liberat)", re.I)
_TAKING: Final = rx.compile(r"(?:captur|took|taken|seiz|taking|over|storm)", re.I)
# A passive attack: its auxiliary right before it ("were attacked", "have been assaulted"), or its agent right
# after it ("attacked by a mob", "attacked and robbed by youths"): the group named before it are the victims.
_PASSIVE_AUX: Final = rx.compile(r"\b(?:was|were|been|being|is|are|be|got|get)\s+(?:\w+ly\s+)?$", re.I)
_BY_AGENT: Final = rx.compile(r"(?:\s+and\s+\w+)?\s+by\b(?:\s+(?:an?|the|some|several|\d+|a\s+group\s+of|groups\s+of))?", re.I)
# A demonstration named in the clause: its crowd's violence is a violent demonstration, not mob violence. The bare
# "march" in lower case only: "On 18 March, militants attacked ..." names the month, not a march.
_DEMONSTRATION: Final = rx.compile(r"\b(?:protest\w*|demonstrat\w*|marchers|rall(?:y|ies)|march(?:es|ed|ing)|"
                                   r"(?-i:march))\b",
                                   re.I)


def decided_type(trig: Trigger, sentence: str, clause: tuple[int, int], lex: _Lexicon) -> str:
    """The incident type of ``trig`` once the sides named in its clause (and sentence) are known."""
    slug = _retyped(trig, sentence, clause, lex)
    word = sentence[trig.start:trig.end]
    unsourced = blanked_sentence(sentence)  # "police said" is a source, not a side (offsets kept)
    text = _sides_text(unsourced, clause, trig)
    if slug == "riot" and trig.slug == "armed_violence":
        # A crowd clash (the storming rules did not fire): demonstrators riot, other crowds are a mob ...
        folded = fold(text)
        if _found(_DEMONSTRATION, text, folded):
            return "riot"
        # ... but members of clans or of two named peoples clashing are identity militias (ACLED: Battles)
        return "armed_clash" if _CLASH_WORDS.match(word) and (_identity(text, folded) or _found(_LIVELIHOOD, text, folded)) \
            else "mob_violence"
    if slug in RULES.fighting_types or (slug == "riot" and _ATTACK.match(word)):
        return _fight_type(slug, word, unsourced[clause[0]:trig.start], text, lex, sentence)
    if slug == "riot" and _CLASH_WORDS.search(word) and _identity(text, fold(text)) and not _has(lex, STATE, text):
        return "armed_clash"  # "farmers and herders fought running battles": identity militias, not a crowd's riot
    if slug in RULES.taking_types or trig.slug in RULES.taking_types:
        return _taking_type(slug, trig, word, sentence, clause, lex)
    if slug in RULES.crowd_weapon_types:
        before = sentence[clause[0]:trig.start]
        if "unknown" in before.lower() or "unidentified" in before.lower():  # (a cheap test first)
            unknown = _UNKNOWN_PEOPLE.search(before)
            if unknown is not None and _crowd_type(before[unknown.end():], text, lex) is None:
                return slug  # "unknown people hurled a grenade", no crowd named after them
        return _crowd_type(before, text, lex) or slug  # "rioters exploded crude bombs"
    if slug in ("shelling", "remote_explosive") and _found(_AIR, text, fold(text)) \
            and _AIR_BOMBED.search(text) is not None:
        return "air_strike"  # "its aircraft struck militant positions", "an air force jet bombed their school"
    if slug == "base_established" and _has(lex, CROWD, text) and not _has(lex, STATE + ARMED, text):
        return "protest"  # protesters setting up camp
    return slug


def _fight_type(slug: str, word: str, before: str, text: str, lex: _Lexicon, sentence: str) -> str:
    # (Each side is looked for only when a rule below needs it: the searches are the costly part.)
    if slug == "armed_violence" and not _FIGHT_WORDS.match(word) and not _GROUP_ATTACKS.match(word):
        return slug  # tear gas, batons, beatings: force used on people
    armed = _count(lex, ARMED, text)
    state = _has(lex, STATE, text) or (armed > 0 and _found(_FORCES_POST, text, fold(text))
                                       and _FORCES_POST.match(text, len(before) + len(word)) is not None)
    if armed and (state or (armed > 1 and _CLASH_WORDS.match(word))):
        return "armed_clash"  # armed groups against state forces, or against each other
    if armed and _CLASH_WORDS.match(word):
        return "armed_clash"  # "militias clashed": a clash takes two armed sides
    if slug == "riot":
        return slug  # a crowd attacking police or offices
    folded = fold(text)
    if not (armed or state) and _CLASH_WORDS.match(word) and (_identity(text, folded)
                                                              or _found(_LIVELIHOOD, text, folded)):
        return "armed_clash"  # ethnic groups, clans, herders and farmers fighting: identity militias
    crowd = _has(lex, CROWD, text) or _found(_GROUP_MEMBERS, text, folded)
    if not (armed or state or crowd) and _CLASH_WORDS.match(word) and _found(_CIVIL_GROUPS, text, folded):
        # Unarmed groups of civilians clashing (villagers, clans, students): a riot in ACLED's terms.
        return ("riot" if _found(_DEMONSTRATION, text, folded) else "mob_violence") if slug == "armed_violence" \
            else slug
    if slug == "armed_clash" and crowd and not armed:
        # Crowds fighting: against the police a riot; among themselves (party members, villagers) a mob.
        return "riot" if state or _found(_DEMONSTRATION, text, folded) else "mob_violence"
    if slug == "armed_clash" and state and not armed and _found(_CIVIL_GROUPS, text, folded) \
            and not _identity(text, folded):
        # "Police battle stone-throwing youth": the police fighting civilians (no armed group, no people's
        # militia) are a riot (ACLED: Riots), not a battle, which takes two armed sides.
        return "riot" if _found(_DEMONSTRATION, text, folded) else "mob_violence"
    if slug == "armed_violence" and not armed and _CLASH_WORDS.match(word):
        # A clash has two sides fighting: never one side's attack on civilians.
        if state:
            if not crowd and _CLASHED_WITH.match(word + text[len(before) + len(word):]) and _identity(text, folded):
                # "herders and police reservists clashed", "police clashed with clan fighters": identity militias as
                # a side of the clash (ACLED: Battles); not "police shot two people during ethnic clashes"
                return "armed_clash"
            # "youths clashed with police", "journalists and police clashed": people fighting the police
            # (ACLED: Riots), mob violence unless the sentence names a demonstration. (A crowd's clash with
            # the police stays force used on it: coding.recoded_sub_event codes it a violent demonstration.)
            if not crowd and (_found(_CIVIL_GROUPS, text, folded) or _has(lex, (ActorRole.CIVILIANS,), text)):
                return "riot" if _found(_DEMONSTRATION, sentence, None) else "mob_violence"
        elif not crowd:
            # "clashes between the Somali and the Samburu", "landowners clashed with squatters": two sides named
            # neither as armed nor as a crowd are communities fighting (ACLED: communal militias, Battles)
            return "armed_clash"
    if slug == "armed_violence" and _ATTACK.match(word):
        after = text[len(before) + len(word):]
        if _PASSIVE_AUX.search(before, max(0, len(before) - 24)) or _BY_AGENT.match(after):
            # "supporters were attacked and robbed", "councillors attacked by a gang": the group named before a
            # passive attack is its victims, not its doers; a crowd named as the agent ("by a mob") makes it theirs
            agent = _BY_AGENT.match(after)
            if agent and _crowd_agent(after[agent.end():agent.end() + RULES.agent_chars], lex):
                return "riot" if _found(_DEMONSTRATION, text, folded) else "mob_violence"
            return slug
        return _crowd_type(before, text, lex) or slug
    return slug


def _crowd_agent(agent: str, lex: _Lexicon) -> bool:
    """Whether the agent of a passive act ("by a mob", "by members of the ruling party", "by youths") is a crowd
    or a group of civilians, named before any armed group or state force."""
    folded = fold(agent)
    crowd = [m.start() for p in (_GROUP_MEMBERS, _CIVIL_GROUPS, _MEMBERS) if _may_match(p, folded)
             for m in [p.search(agent)] if m]
    if lex.may_name(CROWD, agent):
        crowd += [m.start() for m in [lex.actor_search(CROWD, agent)] if m]
    if not crowd:
        return False
    force = lex.actor_search(STATE + ARMED, agent) if lex.may_name(STATE + ARMED, agent) else None
    return force is None or min(crowd) < force.start()


def _identity(text: str, folded: str | None) -> bool:
    """Whether the text names groups by ethnicity, clan or livelihood, two peoples as groups, or two peoples of the
    vocabulary (data/lexicon/peoples.csv) at all ("Turkana villagers clash with Karamojong")."""
    return _found(_IDENTITY_GROUPS, text, folded) or (
        ("groups" in text or "communities" in text) and _NAMED_PEOPLES.search(text) is not None) \
        or _two_peoples(text)


_CAPITALISED: Final = rx.compile(r"\b[A-Z][a-z]+\b")


def _two_peoples(text: str) -> bool:
    """Whether two different peoples of the vocabulary are named in the text."""
    from ..peoples import peoples

    known = peoples()
    named = {w.casefold() for w in _CAPITALISED.findall(text)}
    return len(named.intersection(known)) >= 2


def _crowd_type(before: str, text: str, lex: _Lexicon) -> str | None:
    """A crowd or a group of civilians (party members, villagers, shopkeepers) is the last actor named before
    an attack or a bomb: rioters or demonstrators riot, others are a mob (ACLED: Riots either way); None when
    an armed group or state force acts, or no group is named."""
    folded = fold(before)
    crowd_ends = [_last_end(lex, CROWD, before)]
    for words in (_GROUP_MEMBERS, _CIVIL_GROUPS, _MEMBERS):
        if _may_match(words, folded):
            crowd_ends += [m.end() for m in words.finditer(before)]
    last_crowd = max(crowd_ends)
    if last_crowd < 0 or last_crowd <= _last_end(lex, STATE + ARMED, before):
        return None
    rioters = _has(lex, (ActorRole.RIOTERS,), before) and _found(_RIOTERS, before, folded)
    return "riot" if rioters or _found(_DEMONSTRATION, text, fold(text)) else "mob_violence"


def _taking_type(slug: str, trig: Trigger, word: str, sentence: str, clause, lex: _Lexicon) -> str:
    """Who takes ground: an armed group overtakes it, state forces retake it from armed groups."""
    if not (_TAKING.match(word) or _RETAKING.match(word)):
        return slug
    before = sentence[clause[0]:trig.start]
    text = sentence[clause[0]:clause[1]]
    last_armed = _last_end(lex, ARMED, before)
    last_state = _last_end(lex, STATE, before)
    last_crowd = _last_end(lex, CROWD, before)
    if last_armed > max(last_state, last_crowd):
        return "non_state_overtakes_territory"  # rebels seized / overran / captured the town
    state_acts = last_state > last_crowd
    armed_named = _has(lex, ARMED, sentence)
    if trig.slug == "non_state_overtakes_territory":
        # "captured the town": whoever captures it; state forces take ground back from armed groups.
        if state_acts:
            return "government_regains_territory"
        return "riot" if last_crowd >= 0 else slug
    if _RETAKING.match(word) and state_acts and (armed_named or (
            _MILITARY.search(before) is not None and _GROUND.match(sentence, trig.end) is not None)):
        # troops retook the town from the rebels; "the army said it had regained full control of the town" (who
        # held it, an earlier sentence told: the army regains ground from armed groups, not from a crowd, and
        # "police regained control of the streets" after a riot stays control)
        return "government_regains_territory"
    if slug == "security_control" and state_acts and armed_named and _TAKING.match(word) and "control" in text:
        return "government_regains_territory"
    return slug


# Speed: a word pattern's literal stems, one of which starts each of its matches (lexicon_data.anchor_stems),
# by pattern source; None when it has none for sure. A text whose fold (lexicon_data.fold) holds none of them
# has no match, for the reason _Lexicon.may_name gives: a few substring tests instead of a scan of the text.
_STEMS: Final[dict[str, tuple[str, ...] | None]] = {}


def _may_match(pattern: rx.Pattern, folded: str | None) -> bool:
    """False only when ``pattern`` cannot match the text whose :func:`.lexicon_data.fold` is ``folded``."""
    if folded is None:
        return True  # (lowercasing changed the text's length: no shortcut)
    if pattern.pattern not in _STEMS:
        found = anchor_stems(pattern.pattern)
        _STEMS[pattern.pattern] = without_superstrings(found) if found else None
    stems = _STEMS[pattern.pattern]
    if stems is None:
        return True
    for stem in stems:  # (a loop, not any() over a generator)
        if stem in folded:
            return True
    return False


def _found(pattern: rx.Pattern, text: str, folded: str | None) -> bool:
    """Whether ``pattern`` matches ``text`` (``folded``: its fold): searched only when it may."""
    return _may_match(pattern, folded) and pattern.search(text) is not None


def _sides_text(sentence: str, clause: tuple[int, int], trig: Trigger) -> str:
    """Where the sides of an act are named: its clause up to the trigger (who acts) and the words right after
    it, up to a comma (whom: "clashed with soldiers near Garissa"); not an attribution further on
    (", killing nine, police sources said")."""
    end = min(clause[1], trig.end + RULES.object_chars)
    comma = sentence.find(",", trig.end, end)
    return sentence[clause[0]:comma if comma >= 0 else end]


def phrase_triggers(triggers: list[Trigger]) -> list[Trigger]:
    """Drop a trigger that lies inside a longer one of another type when either names a whole-event phrase
    ("suicide bombing" holds "bombing"; "seized weapons" is not a seizure of ground) or both start at the same
    word ("attacked statues" is damage to property, not an attack on people), unless it carries counts
    (casualties, arrests)."""
    kept = []
    for t in triggers:
        inside = any(
            o is not t and o.slug != t.slug and o.start <= t.start and t.end <= o.end
            and (o.end - o.start) > (t.end - t.start)
            and (o.start == t.start or o.slug in RULES.phrase_types or t.slug in RULES.phrase_types)
            for o in triggers)
        if not inside or t.slug in RULES.always_kept:
            kept.append(t)
    return kept


def _has(lex: _Lexicon, roles, text: str) -> bool:
    """Whether ``text`` names an actor of ``roles`` (one search of their patterns joined, when their stems
    occur in it at all)."""
    return _names(lex, roles, text)


def _count(lex: _Lexicon, roles, text: str) -> int:
    """How many actor phrases of ``roles`` the text names ("rival militias" counts as two sides)."""
    if not _has(lex, roles, text):
        return 0  # most texts name none: one joined search instead of a scan per pattern
    n = sum(len(p.findall(text)) for p in lex.actor_patterns(roles))
    return n + bool(re.search(r"\brival\b|\bbetween\b[^,;]*\band\b", text, re.I)) if n else 0
