"""ACLED's coding of one incident: its type's, unless who acts recodes it.

Our analyst types stay what the dashboard shows and the dev gold annotates (looting_arson, armed_violence,
checkpoint); ACLED codes the same acts by who does them (its codebook: a violent demonstration is
"demonstrators engaging in violence or destruction ... including vandalism and road-blocking using
barricades, burning tires"; mob violence is a crowd's violence outside a demonstration):

* a crowd (protesters, rioters, party members, villagers, youths) setting fire, vandalising or blocking a
  road → Riots: a violent demonstration when a demonstration is named or they are rioters, else mob violence;
* a crowd clashing with the police or troops → Riots likewise (a fight between armed sides stays a battle,
  force used on a crowd stays force).

The rules are in :class:`CodingRules`; the actor words are the side rules' (sides.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Incident
from ..taxonomy import ACLED_SUB_EVENT_TYPES, incident_types
from .lexicon_data import Trigger, _Lexicon
from .sides import STATE, _CLASH_WORDS, _crowd_type, _DEMONSTRATION, _has, _sides_text, CROWD
from .actors import _GROUP_MEMBERS, ARMED


@dataclass(frozen=True, slots=True)
class CodingRules:
    """Which analyst types a crowd's act recodes to ACLED's Riots, with why."""

    # Destruction and road-blocking by a crowd: ACLED's violent demonstration or mob violence.
    crowd_acts: frozenset = frozenset({"looting_arson", "checkpoint"})
    # A crowd's clash with state forces: ACLED's violent demonstration or mob violence, not an attack.
    clash_types: frozenset = frozenset({"armed_violence"})
    riot: str = "Violent demonstration"  # the riot type's ACLED sub-event
    mob: str = "Mob violence"


RULES = CodingRules()
_RIOT_SUB = {"riot": RULES.riot, "mob_violence": RULES.mob}


def recoded_sub_event(slug: str, trig: Trigger, sentence: str, clause: tuple[int, int], lex: _Lexicon) -> str:
    """ACLED's sub-event type for an incident of ``slug`` whose trigger is ``trig``, where who acts changes it
    from the taxonomy's; "" otherwise."""
    text = _sides_text(sentence, clause, trig)
    if slug in RULES.crowd_acts:
        crowd = _crowd_type(sentence[clause[0]:trig.start], text, lex)
        return _RIOT_SUB[crowd] if crowd else ""
    if slug in RULES.clash_types and _CLASH_WORDS.match(sentence[trig.start:trig.end]):
        crowd = _has(lex, CROWD, text) or bool(_GROUP_MEMBERS.search(text))
        if crowd and _has(lex, STATE, text) and not _has(lex, ARMED, text):
            return RULES.riot if _DEMONSTRATION.search(sentence) or _has(lex, CROWD, text) else RULES.mob
    return ""


def acled_types(incident: Incident) -> tuple[str, str]:
    """(ACLED event type, sub-event type) of an incident: its own coding if recoded, else its type's."""
    if incident.acled_sub_event_type:
        sub = incident.acled_sub_event_type
        return next(str(e) for e, subs in ACLED_SUB_EVENT_TYPES.items() if sub in subs), sub
    kind = incident_types().get(incident.incident_type)
    return (kind.acled_event_type, kind.acled_sub_event_type) if kind else ("", "")
