"""ACLED's coding of one incident: its type's, unless who acts recodes it.

Our analyst types stay what the dashboard shows and the dev gold annotates (looting_arson, armed_violence,
checkpoint); ACLED codes the same acts by who does them (its codebook: a violent demonstration is
"demonstrators engaging in violence or destruction ... including vandalism and road-blocking using
barricades, burning tires"; mob violence is a crowd's violence outside a demonstration):

* a crowd (protesters, rioters, party members, villagers, youths) setting fire, vandalising or blocking a
  road (the act, a verb: a "blockade" named as a noun is often a called-for programme) → Riots: a violent demonstration when a demonstration is named or they are rioters, else mob violence.
  Who does it is the first actor its clause names before it (the subject: "security officers rounded up
  locals and burnt houses" is the officers'); with no actor named, a demonstration named in the sentence is
  the doer ("offices were burnt in protest");
* a crowd clashing with the police or troops → Riots likewise (a fight between armed sides stays a battle);
* force used on a crowd (tear gas, batons, bullets fired at protesters, "to disperse" them) is part of the
  crowd's event: ACLED's protest with intervention (excessive force against protesters where the sentence
  reports deaths), or the riot's when the crowd riots (rioters named, or a riot in the sentence). Force on
  people who are not a crowd stays an attack;
* deaths or an attack where the sentence names only armed groups and state forces (no civilians): one side
  killing the other is ACLED's armed clash ("two militants were killed by police", "gunmen killed a police
  officer"), not an attack on civilians; so are deaths in fighting between peoples or clans ("killed during ethnic
  violence", "violence between the Pokot and the Turkana": ACLED's communal militias) where no state force is named;
* deaths with a crowd as their agent ("injured by rioters", "killed by a mob") are the crowd's: Riots.

The rules are in :class:`CodingRules`; the actor words are the side rules' (sides.py).

:func:`code_sentence` codes an incident of a given type from its sentence alone, the way the machine codes its
own: for an analyst's retype (:mod:`incidentmap.corrections`), so that a corrected type gets ACLED's types and
actors by the same rules (a crowd's arson is still a riot; the riot's crowd is rioters, not protesters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .. import patterns as rx
from ..models import CodedActor, Incident
from ..taxonomy import ACLED_SUB_EVENT_TYPES, incident_types
from .lexicon_data import Trigger, _Lexicon, _find_triggers, fold, lexicon
from .actors import _GROUP_MEMBERS, ARMED, _last_end, blank_attributions, blanked_sentence
from .lexicon_data import ActorRole
from .sides import (FORCES_POST_NOUNS, _BY_AGENT, _FIGHT_WORDS, _CIVIL_GROUPS, _CLASH_WORDS, _DEMONSTRATION, _MEMBERS,
                    _RIOTERS, CROWD, STATE, _found, _has, _identity, _may_match, _sides_text)


@dataclass(frozen=True, slots=True)
class CodingRules:
    """Which analyst types a crowd's act recodes to ACLED's Riots, with why."""

    # Destruction and road-blocking by a crowd: ACLED's violent demonstration or mob violence.
    crowd_acts: frozenset = frozenset({"looting_arson", "checkpoint"})
    # A crowd's clash with state forces: ACLED's violent demonstration or mob violence, not an attack.
    clash_types: frozenset = frozenset({"armed_violence"})
    riot: str = "Violent demonstration"  # the riot type's ACLED sub-event
    mob: str = "Mob violence"
    intervention: str = "Protest with intervention"
    excessive: str = "Excessive force against protesters"
    # Deaths and attacks that are a battle when only armed sides are named.
    armed_sides_types: frozenset = frozenset({"casualties", "armed_violence"})
    battle: str = "Armed clash"


RULES: Final = CodingRules()
# Force words that are a shooting at people ("opened fire on protesters", "fired at the crowd").
# The weapons of crowd control: tear gas, water cannon, stun grenades, rubber bullets, pepper spray.
_CROWD_WEAPONS: Final = rx.compile(r"(?:tear ?gas|water ?cannon|stun grenade|rubber bullet|pepper (?:spray|ball))", re.I)
# "violent protests", "a violent demonstration" (the word right before the protest's trigger).
_VIOLENT_BEFORE: Final = rx.compile(r"\bviolent\s+$", re.I)
_FIRED_ON: Final = rx.compile(r"(?:open(?:ed)? fire|fired|shot at|shoots? at|shooting at|shot into|shooting into)\b", re.I)
_RIOTING: Final = rx.compile(r"\b(?:riot(?:s|ed|ing)?|rioting)\b(?! (?:police|gear|shields|squad|control))", re.I)
# "a rowdy crowd", "the protest had become unruly": ACLED codes a crowd the report calls so a violent one (Riots).
_ROWDY: Final = rx.compile(r"\b(?:rowdy|unruly)\b", re.I)
_DISPERSE: Final = rx.compile(r"\bdispers(?:e|ed|ing)\b", re.I)
_DEATHS: Final = rx.compile(r"\b(?:killed|killing|shot dead|died|dead|deaths?)\b", re.I)
# A crowd blocking a road is the act ("blocked the highway", "barricaded roads"); a "blockade" or "barricades"
# named as a noun is often a called-for programme (a hartal), not this crowd's act.
_BLOCKING: Final = rx.compile(r"(?:block(?:ed|ing|s)?|blockad(?:ed|ing)|barricad(?:ed|ing)|closed|sealed)\b", re.I)
_RIOT_SUB: Final = {"riot": RULES.riot, "mob_violence": RULES.mob}
# Security forces as the dead or wounded: "2 officers killed", "soldiers were shot dead" (not "an officer killed
# his wife": an object after the verb makes them the killers).
_STATE_VICTIMS: Final = rx.compile(
    r"\b(?:officers?|soldiers?|policem[ae]n|troops|servicem[ae]n|reservists?|rangers?|guards|detectives?|constables?"
    r"|cops?)\s+"
    # (what they are, in brackets: "two GSU officers (a paramilitary unit) were injured")
    r"(?:\([^()]{1,80}\)\s+)?(?:were\s+|was\s+|are\s+|is\s+"  # ("are killed": a headline's or a note's present)
    r"|have\s+been\s+|has\s+been\s+|had\s+been\s+)?(?:killed|shot\s+dead|shot|wounded|injured"
    r"|(?:hacked|stabbed|beaten)\s+to\s+death)\b"
    r"(?!\s+(?:his|her|their|a|an|the|two|three|one|\d+|several|civilians|people|residents)\b)", re.I)
_STATE_VICTIM_STEMS: Final = ("officer", "soldier", "policem", "troops", "servicem", "reservist", "ranger", "guard", "detective",
                              "constable", "cop")
# ... "police" as the victims too, but only with an auxiliary ("two police were killed", "police members are dead",
# "police are attacked": bare "police killed" is as often the police killing), and state forces as the object of an
# attack or a killing ("ambush police", "killing two police", "an attack on their post"), the attackers named
# before it not being state forces themselves (checked by the caller).
_STATE_VICTIMS_PASSIVE: Final = rx.compile(
    r"\b(?:police(?:\s+(?:members|officers|constables|reservists))?|security forces)\s+(?:were|was|are|is|have\s+been"
    r"|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:killed|shot|dead|wounded|injured|attacked|ambushed)\b", re.I)
# Forces' posts, camps and patrols as the object of an attack: "assailants attacked a security checkpoint", "an
# ambush on a KDF patrol" (the attackers fought the forces that hold them).
_FORCES_POST: Final = (r"\b(?:attack(?:s|ed|ing)?|ambush(?:es|ed|ing)?|raid(?:s|ed|ing)?|storm(?:s|ed|ing)?|shell(?:s"
                       r"|ed|ing)?)\s+"
                       r"(?:on\s+)?(?:the\s+|a\s+|an\s+|their\s+|two\s+|several\s+)?"
                       r"(?:(?:security|police|military|army|KDF|GSU|AP|border)\s+(?:checkpoints?|camps?|posts?|bases?"
                       rf"|stations?|patrols?|convoys?|barracks|vehicles?|outposts?)|{FORCES_POST_NOUNS})\b")
_FORCES_POST_ATTACKED: Final = rx.compile(_FORCES_POST, re.I)
_POST_STEMS: Final = ("checkpoint", "check point", "check-point", "camp", "post", "base", "station", "patrol", "convoy",
                      "barracks", "vehicle")
_STATE_VICTIMS_OBJECT: Final = rx.compile(
    r"\b(?:kill(?:s|ed|ing)?|ambush(?:es|ed|ing)?|attack(?:s|ed|ing)?|battl(?:e|es|ed|ing)(?:\s+with)?"
    r"|shoot(?:s|ing)?|shot)\s+"
    r"(?:(?:the|a|an|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+)?(?:(?-i:[A-Z]{2,5})\s+)?"
    # (a town's and a rank's word before it: "a Nairobi top cop")
    r"(?:(?-i:[A-Z][a-z]+)\s+)?(?:(?:top|senior|junior|traffic)\s+)?"
    r"(?:police(?:m[ae]n)?|police officers?|officers?|soldiers?|troops|security forces|cops?)\b(?!['’]s)"
    r"|\battacks?\s+on\s+(?:the\s+|their\s+|a\s+)?(?:police\s+)?(?:post|station|camp|base)\s+by\b"
    r"|" + _FORCES_POST, re.I)
# Armed groups as the dead: "eight suspected militants killed", "two gang suspects were shot dead", "police
# killed five fighters". One side killing armed men is a fight (ACLED: armed clash), not an attack on civilians.
_DEAD_AFTER: Final = rx.compile(  # (after a closing quote too: "1 'Arbaki' was killed")
    r"['’\"”]?(?:\s+(?:suspects?|members?|fighters|militants|gunmen|militiamen))?\s+"
    r"(?:were\s+|was\s+|are\s+|have\s+been\s+"
    r"|had\s+been\s+)?(?:killed|shot\s+dead|gunned\s+down)\b"
    # the end of the act, not an object: "militants killed two herders" is the militants killing
    r"(?=\s*(?:[.,;:()]|$|(?:by|in|during|as|while|at|on|when|after|and|near|following|along)\b))", re.I)
_DEAD_BEFORE: Final = rx.compile(
    r"\b(?:kill(?:s|ed|ing)?|shot\s+dead|shooting\s+dead|gunned\s+down|gunning\s+down)\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|several"
    r"|\d+|a|an|the)\s+)?(?:(?:suspected|alleged)\s+)?(?:(?!by\b)[\w-]+\s+){0,2}$", re.I)  # not "killed by militants"
_DEAD_KILL_STEMS: Final = ("kill", "shot dead", "gunned down")
# ("police intervened, shooting dead two of the assailants": the participle too)
_KILL_WORD: Final = rx.compile(r"kill|shot\s+dead|shooting\s+dead|gunned\s+down|gunning\s+down", re.I)
# Fighting between peoples, clans or communities, named by the fight's noun: "ethnic clashes", "clan feud",
# "community clashes", "clashes between the Pokot and the Turkana" (two capitalised names: peoples or clans,
# whoever they are). Not "ethnic violence" alone: as often one people's attacks on another's civilians.
_COMMUNAL_FIGHT: Final = rx.compile(
    r"\b(?:ethnic|clan|tribal|communal|community|inter-?(?:clan|ethnic|tribal|communal|community))\s+"
    r"(?:clash(?:es)?|fighting|wars?"
    r"|warfare|feuds?|battles?|conflicts?|skirmishes)\b"
    r"|\b(?:violence|clash(?:es)?|fighting|war|feud|battles?|conflict) between (?:the )?(?-i:[A-Z][a-z]+)s? and "
    r"(?:the )?(?-i:[A-Z][a-z]+)", re.I)
_COMMUNAL_STEMS: Final = ("ethnic", "clan", "tribal", "communal", "community", "inter", "between", "Ethnic", "Clan",
                          "Tribal", "Communal", "Community", "Inter")
# Deaths in a fight: "killed in battle", "died in the fighting", "dead after a shoot-out".
_KILLED_IN_FIGHT: Final = rx.compile(
    r"(?:killed|died|dead)\s+(?:in|during|after)\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+)?(?:battles?|fighting"
    r"|gun\s?(?:battles?|fights?)|shoot-?outs?|fire\s?fights?|crossfire|exchanges?\s+of\s+fire)\b", re.I)
# "… killed as they tried to extort money from drivers": what the dead were doing when killed.
_DOING: Final = rx.compile(r"\b(?:as|while|when)\s+(?:they|he)\s+(?:were\s+|was\s+)?(?:tried|attempted|trying"
                           r"|attempting)\b")
# The word for an armed group's people right after its name ("SLDF members", "Mungiki sect adherents").
_OWN_MEMBERS: Final = rx.compile(r"(?:\s+(?:sect|gang|militia|group))?\s+(?:members?|suspects?|adherents|followers)\b", re.I)
# _STATE_VICTIMS_OBJECT's nouns and verbs, lower case (substring prechecks of the lowercased sentence)
_FORCE_STEMS: Final = ("police", "officer", "soldier", "troops", "security", "military", "army", "kdf", "gsu", "ap ", "border")
_ACT_STEMS: Final = ("kill", "ambush", "attack", "battl", "shoot", "shot", "raid", "storm", "shell")


def _any_in(low: str, stems: tuple[str, ...]) -> bool:
    """Whether one of ``stems`` occurs in ``low`` (a loop, not any() over a generator: speed)."""
    for stem in stems:
        if stem in low:
            return True
    return False


def _may_be_state_victims(sentence: str) -> bool:
    """Speed: _STATE_VICTIMS can match only where one of its nouns' stems occurs (a few substring tests)."""
    low = sentence.lower()
    for stem in _STATE_VICTIM_STEMS:  # (a loop, not any() over a generator)
        if stem in low:
            return True
    return False


# A killing by whoever is named before it: the active verb with an object after it ("residents killed two men"),
# not a passive ("two residents were killed", "villagers killed in a raid").
_ACTIVE_KILL: Final = rx.compile(r"kill(?:s|ed|ing)?\b", re.I)
_KILL_OBJECT: Final = rx.compile(r"\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|a|an|the"
                                 r"|suspected"
                                 r"|alleged|their|his|her)\b", re.I)
_PASSIVE_BEFORE: Final = rx.compile(r"\b(?:were|was|been|being|is|are|be)\s+$", re.I)
# A relative clause right before the act: "… the youths who (had) barricaded the road".
_RELATIVE_BEFORE: Final = rx.compile(r"\bwho\s+(?:had\s+|have\s+|has\s+|then\s+|later\s+|also\s+)?$")


def recoded_sub_event(slug: str, trig: Trigger, sentence: str, clause: tuple[int, int], lex: _Lexicon, *,
                      memo: dict | None = None) -> str:
    """ACLED's sub-event type for an incident of ``slug`` whose trigger is ``trig``, where who acts changes it
    from the taxonomy's; "" otherwise. ``memo``: a dict kept for one sentence, where the tests that read the
    whole sentence only are kept for its other triggers (speed; None: nothing kept)."""
    if memo is None:
        memo = {}
    text = _sides_text(sentence, clause, trig)
    if slug in RULES.crowd_acts and not (slug == "checkpoint" and not _BLOCKING.match(sentence, trig.start)):
        before = sentence[clause[0]:trig.start]
        relative = _RELATIVE_BEFORE.search(before) if "who" in before else None
        # "police dispersed the youths who barricaded the road": the relative clause's doer is the actor named
        # right before "who", not the sentence's subject
        doer = _last_actor(before[:relative.start()], lex) if relative else _first_actor(before, lex)
        if doer == "force" and not relative:
            # "police and witnesses say the students have blocked the road": the source is not the doer
            unsourced = blank_attributions(before)
            if unsourced is not before:
                before = unsourced
                doer = _first_actor(before, lex)
        folded = fold(sentence)
        demonstration = _found(_DEMONSTRATION, sentence, folded)
        if doer == "crowd":
            return RULES.riot if demonstration or _found(_RIOTERS, before, fold(before)) \
                or _found(_RIOTING, sentence, folded) else RULES.mob
        if doer is None and demonstration and not _has(lex, STATE + ARMED, sentence[clause[0]:clause[1]]):
            return RULES.riot  # "offices were burnt in protest"
        if doer is None and slug == "checkpoint" and _found(_DISPERSE, sentence[trig.end:], None):
            # "they blocked the highway, forcing police to fire tear gas to disperse them": whoever the police
            # dispersed for it was a crowd (a violent demonstration)
            return RULES.riot
        return ""
    word = sentence[trig.start:trig.end]
    if slug in RULES.clash_types and not _FIGHT_WORDS.match(word) or _FIRED_ON.match(word):
        if "force_on_crowd" not in memo:
            memo["force_on_crowd"] = _force_on_crowd(sentence, lex)
        crowd_event = memo["force_on_crowd"]
        if crowd_event:
            return crowd_event
        if _CROWD_WEAPONS.match(word) and not _has(lex, (*ARMED, ActorRole.CIVILIANS), sentence):
            # "Police intervened with tear gas": the weapons of crowd control are used on a crowd, whether or not
            # this sentence names it (the one before does: "hundreds of protesters were enraged …"); not an attack
            # on civilians. A crowd the sentence names was read above.
            return RULES.excessive if _found(_DEATHS, sentence, None) else RULES.intervention
    if slug == "security_control" and _DISPERSE.match(word):
        # "Police dispersed the group": dispersing is done to a crowd, whether or not this sentence names it (the
        # one before does: "residents protested …"): a protest's intervention, or the crowd's riot, not control of
        # ground (the analyst's type stays; only ACLED's coding follows who was dispersed)
        if "force_on_crowd" not in memo:
            memo["force_on_crowd"] = _force_on_crowd(sentence, lex)
        return memo["force_on_crowd"] or RULES.intervention
    if slug == "protest" and clause[0] < trig.start:
        before = sentence[clause[0]:trig.start]
        if _VIOLENT_BEFORE.search(before) or _found(_RIOTERS, before, None):
            # "sparked violent protests", "rioters protested at the police station": ACLED's violent demonstration
            return RULES.riot
    if slug == "casualties" and sentence.find(" by ", trig.end, trig.end + 16) >= 0:
        agent = _BY_AGENT.match(sentence, trig.end)
        if agent and _has(lex, (ActorRole.RIOTERS,), sentence[agent.end():agent.end() + 30]):
            # "injured by rioters", "killed by a mob": the crowd's violence (ACLED: Riots), not an armed attack
            return RULES.riot if _found(_RIOTERS, sentence, None) or _found(_DEMONSTRATION, sentence, None) \
                else RULES.mob
    if slug == "casualties" and _ACTIVE_KILL.match(word) and _KILL_OBJECT.match(sentence, trig.end):
        before = sentence[clause[0]:trig.start]
        if not _PASSIVE_BEFORE.search(before) and _last_actor(before, lex) == "crowd" \
                and not _has(lex, ARMED, before) \
                and not _has(lex, (ActorRole.CIVILIANS,), sentence[trig.end:_sides_end(sentence, clause, trig)]) \
                and not _identity(sentence, fold(sentence)):
            # "villagers kill two suspected thieves", "a mob killed a man": a crowd killing, outside a
            # demonstration (ACLED: mob violence), not an attack by an armed group ("gangs of youths"), nor
            # one people's youths killing another's civilians or a clan's attack (identity militias)
            return RULES.riot if _found(_DEMONSTRATION, sentence, fold(sentence)) else RULES.mob
    if slug in RULES.armed_sides_types and _any_in(sentence, _POST_STEMS):
        if "post_attacked" not in memo:
            hit = _FORCES_POST_ATTACKED.search(sentence)
            memo["post_attacked"] = hit is not None and not _has(lex, STATE, sentence[:hit.start()]) \
                and not _has(lex, (ActorRole.CIVILIANS, *CROWD), sentence[:hit.start()])
        if memo["post_attacked"]:
            # "assailants attacked a security checkpoint": the forces holding it are the other side (ACLED: armed
            # clash); not the forces' own raid ("police raided a militia camp") nor a crowd's storming (a riot)
            return RULES.battle
    if slug in RULES.armed_sides_types:
        if "armed_sides" not in memo:
            memo["armed_sides"] = _armed_sides_only(sentence, lex)
        if memo["armed_sides"]:
            return RULES.battle
    if slug in RULES.armed_sides_types:
        if "communal" not in memo:
            memo["communal"] = _any_in(sentence, _COMMUNAL_STEMS) and _COMMUNAL_FIGHT.search(sentence) is not None \
                and not _has(lex, STATE, sentence)
        if memo["communal"]:
            # "three killed during ethnic clashes", "two dead in violence between the Pokot and the Turkana":
            # deaths in fighting between peoples or clans are the communal militias' battle (ACLED), not an
            # attack on civilians; not where state forces are named (their force on a crowd is another event)
            return RULES.battle
    if slug == "casualties" and _KILLED_IN_FIGHT.match(sentence, trig.start) \
            and not _has(lex, (ActorRole.CIVILIANS, *CROWD), sentence):
        # "nine killed in battle", "two died in the fighting": deaths in a fight are the fight's (ACLED: armed
        # clash), not an attack on civilians; not where civilians or a crowd are named
        return RULES.battle
    if slug == "casualties" and _may_be_state_victims(sentence) and _STATE_VICTIMS.search(sentence) \
            and not _has(lex, (ActorRole.CIVILIANS, *CROWD), sentence):
        # "two officers killed", "soldiers were killed by a bomb": the dead are state forces, so whoever killed
        # them fought them (ACLED: armed clash), not an attack on civilians; not where civilians or a crowd are named
        return RULES.battle
    if slug in RULES.armed_sides_types and (slug == "casualties" or _FIGHT_WORDS.match(word)):
        if "fought_sides" not in memo:
            memo["fought_sides"] = _fought_sides(sentence, lex)
        if memo["fought_sides"]:
            return RULES.battle
    if slug in RULES.clash_types and _CLASH_WORDS.match(word):
        crowd = _has(lex, CROWD, text) or _found(_GROUP_MEMBERS, text, fold(text))
        if crowd and _has(lex, STATE, text) and not _has(lex, ARMED, text):
            return RULES.riot if _found(_DEMONSTRATION, sentence, fold(sentence)) or _has(lex, CROWD, text) \
                else RULES.mob
    return ""


def _sides_end(sentence: str, clause: tuple[int, int], trig: Trigger) -> int:
    """Where :func:`.sides._sides_text` ends: the trigger's clause, up to a comma after it."""
    return trig.end + len(_sides_text(sentence, clause, trig)) - (trig.end - clause[0])


def _fought_sides(sentence: str, lex: _Lexicon) -> bool:
    """Whether the sentence's victims are state forces attacked by others, or armed men killed, and it names no
    civilians, crowd or group of civilians: whoever attacked or killed them fought them (ACLED: armed clash)."""
    low = sentence.lower()
    # (the victims first, the guard after: victims are rare, and the guard's searches are the costly part; each
    # victims' search only where its words occur: a few substring tests instead of a scan)
    forces = _any_in(low, _FORCE_STEMS)
    if not (forces and "police" in low or "security forces" in low) or not _STATE_VICTIMS_PASSIVE.search(sentence):
        if not (forces and _any_in(low, _ACT_STEMS) and _attacked_forces(sentence, lex)) \
                and not _armed_dead(sentence, low, lex):
            return False
    guard = _guard_text(sentence, lex)
    folded = fold(guard)
    return not (_has(lex, (ActorRole.CIVILIANS, *CROWD), guard) or any(
        _found(p, guard, folded) for p in (_CIVIL_GROUPS, _GROUP_MEMBERS, _MEMBERS)))


def _guard_text(sentence: str, lex: _Lexicon) -> str:
    """The sentence as the armed-sides guard reads it: an armed group's own members ("SLDF members", "Mungiki
    suspects") are the armed side, not a group of civilians; and what the dead were trying to do ("as they tried to
    rob traders") names their targets, not this event's victims."""
    cut = _DOING.search(sentence) if " they " in sentence or " he " in sentence else None
    text = sentence[:cut.start()] if cut else sentence
    if "member" not in text and "suspect" not in text and "adherent" not in text and "follower" not in text:
        return text
    if not lex.may_name(ARMED, text):
        return text
    spans = [(m.start(), own.end()) for m in lex.actor_matches(lex.any_actor_of(ARMED), text, 0, len(text))
             for own in [_OWN_MEMBERS.match(text, m.end())] if own]
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


def _attacked_forces(sentence: str, lex: _Lexicon) -> bool:
    """State forces as the object of an attack or a killing, by someone other than state forces."""
    hit = _STATE_VICTIMS_OBJECT.search(sentence)
    return hit is not None and not _has(lex, STATE, sentence[:hit.start()])


def _armed_dead(sentence: str, low: str, lex: _Lexicon) -> bool:
    """Armed men as the dead: "suspected rebels killed", "police kill three bandits" (``low``: lowercased)."""
    if "kill" not in low and "shot dead" not in low and "gunned down" not in low and "shooting dead" not in low \
            and "gunning down" not in low:
        return False  # (no lex.may_name here: its stem loop costs more than the windows' searches below)
    armed = lex.any_actor_of(ARMED)
    for kill in _KILL_WORD.finditer(sentence):
        # armed men named just before the killing word (the dead) or just after it (its object): a window around
        # each killing word is searched, not the whole sentence (speed)
        for m in lex.actor_matches(armed, sentence, max(0, kill.start() - 60), min(len(sentence), kill.end() + 60)):
            if _DEAD_AFTER.match(sentence, m.end()) or _DEAD_BEFORE.search(sentence, max(0, m.start() - 60),
                                                                           m.start()):
                return True
    return False


def _armed_sides_only(sentence: str, lex: _Lexicon) -> bool:
    """Whether the sentence names armed groups and state forces as sides, and no civilians or crowd."""
    if not (lex.may_name(ARMED, sentence) and lex.may_name(STATE, sentence)):
        # Speed: no stem of one of the sides occurs in the sentence, so none occurs in it with its attributions
        # blanked either (a stem is letters: one found there lies within the sentence's own text).
        return False
    sides = blanked_sentence(sentence)  # "police said" is a source, not a side
    return (_has(lex, ARMED, sides) and _has(lex, STATE, sides)
            and not _has(lex, (ActorRole.CIVILIANS, *CROWD), sides))


def _force_on_crowd(sentence: str, lex: _Lexicon) -> str:
    """Force used in a sentence that names a crowd: the crowd's event's sub-type, or "" if no crowd."""
    folded = fold(sentence)
    rioting = _has(lex, (ActorRole.RIOTERS,), sentence) and _found(_RIOTERS, sentence, folded) \
        or _found(_RIOTING, sentence, folded) or _found(_ROWDY, sentence, folded)
    if rioting:
        return RULES.riot
    if _has(lex, (ActorRole.PROTESTERS,), sentence) or _found(_DEMONSTRATION, sentence, folded) \
            or _found(_DISPERSE, sentence, folded):
        return RULES.excessive if _found(_DEATHS, sentence, folded) else RULES.intervention
    return ""


def _last_actor(before: str, lex: _Lexicon) -> str | None:
    """Who the text names last before a relative pronoun: "crowd", "force" (state or armed), or None."""
    folded = fold(before)
    crowd = max((m.end() for p in (_GROUP_MEMBERS, _CIVIL_GROUPS, _MEMBERS) if _may_match(p, folded)
                 for m in p.finditer(before)), default=-1)
    crowd = max(crowd, _last_end(lex, CROWD, before))
    force = _last_end(lex, STATE + ARMED, before)
    if crowd < 0 and force < 0:
        return None
    return "crowd" if crowd > force else "force"


def _first_actor(before: str, lex: _Lexicon) -> str | None:
    """Who the clause names first before an act (its subject): "crowd", "force" (state or armed), or None."""
    def first(patterns, roles=None) -> int:
        at = min((m.start() for p in patterns for m in [p.search(before)] if m), default=len(before) + 1)
        actor = lex.actor_search(roles, before) if roles is not None else None
        return min(at, actor.start()) if actor is not None else at

    # The roles' joined pattern finds the leftmost position where any of their patterns matches: the same
    # start as the earliest of one search per pattern, in one search.
    # (A role set whose stems do not occur in the text is not searched: see _Lexicon.may_name.)
    folded = fold(before)
    crowd_patterns = [p for p in (_GROUP_MEMBERS, _CIVIL_GROUPS, _MEMBERS) if _may_match(p, folded)]
    crowd = first(crowd_patterns, CROWD if lex.may_name(CROWD, before) else None)
    force = first([], STATE + ARMED if lex.may_name(STATE + ARMED, before) else None)
    if crowd > len(before) and force > len(before):
        return None
    return "crowd" if crowd < force else "force"


def acled_types(incident: Incident) -> tuple[str, str]:
    """(ACLED event type, sub-event type) of an incident: its own coding if recoded, else its type's."""
    return _types(incident.incident_type, incident.acled_sub_event_type)


def _types(slug: str, recoded_sub: str) -> tuple[str, str]:
    # Speed: asked for every incident by several rules (3,000 times for 22 articles); the answer depends on
    # the two strings and the taxonomy only, so it is remembered for the taxonomy it came from.
    kinds = incident_types()
    if _TYPES_MEMO_OF[0] is not kinds:
        _TYPES_MEMO.clear()
        _TYPES_MEMO_OF[0] = kinds
    key = (slug, recoded_sub)
    found = _TYPES_MEMO.get(key)
    if found is None:
        if len(_TYPES_MEMO) >= _MAX_TYPES_MEMO:
            _TYPES_MEMO.clear()
        found = _TYPES_MEMO[key] = _types_of(kinds, slug, recoded_sub)
    return found


def _types_of(kinds: dict, slug: str, recoded_sub: str) -> tuple[str, str]:
    if recoded_sub:
        return next(str(e) for e, subs in ACLED_SUB_EVENT_TYPES.items() if recoded_sub in subs), recoded_sub
    kind = kinds.get(slug)
    return (kind.acled_event_type, kind.acled_sub_event_type) if kind else ("", "")


_TYPES_MEMO: Final[dict[tuple[str, str], tuple[str, str]]] = {}
_TYPES_MEMO_OF: Final[list] = [None]  # the incident_types() dict _TYPES_MEMO's answers come from
_MAX_TYPES_MEMO: Final = 10_000  # (slugs times sub-event types: a few hundred; a bound all the same)


def code_sentence(slug: str, sentence: str, *, country_code: str,
                  lex: _Lexicon | None = None) -> tuple[str, str, list[CodedActor]]:
    """(ACLED event type, sub-event type, coded actors) of an incident of ``slug`` that ``sentence`` reports, by
    the machine's rules: who acts recodes the type at the strongest trigger of ``slug`` in the sentence (the
    word that says it happened; none: the type's own ACLED types), and the actors are sided by that event type.

    The sentence is all there is (an analyst's type, not a trigger the machine chose): its triggers are found
    and filtered as the extractor does (quotes, phrases), its clauses cut the same way."""
    from .actors import actor_mentions, code_actors, communal_sentence
    from .cues import _clauses, _unquoted
    from .sides import phrase_triggers

    lex = lex or lexicon()
    mine = [t for t in phrase_triggers(_unquoted(sentence, _find_triggers(sentence, lex))) if t.slug == slug]
    sub = ""
    if mine:
        trig = max(mine, key=lambda t: (t.weight, -t.start))
        clause = next((c for c in _clauses(sentence) if c[0] <= trig.start < c[1]), (0, len(sentence)))
        sub = recoded_sub_event(slug, trig, sentence, clause, lex)
    event_type, sub_event_type = _types(slug, sub)
    if not event_type:
        return "", "", []
    coded = code_actors(actor_mentions(sentence, lex), country_code=country_code, event_type=event_type,
                        sub_event_type=sub_event_type, communal=communal_sentence(sentence, lex))
    return event_type, sub_event_type, coded
