"""Who acted, as an analyst reads it: the incident's coded ACLED actors, not the words that named them.

The engine codes each incident's sides (``actor1``/``assoc_actor_1`` against ``actor2``/``assoc_actor_2``,
see :mod:`incidentmap.export`); the raw ``actors`` list holds the mentions the sentence used ("government"
for a protest *against* the government), which read as if they were the doers. Card, popup, table and search
show the coded sides; data without them (corpus events, older exports) falls back to the mentions.
"""

from __future__ import annotations

from collections.abc import Mapping

SIDES = (("actor1", "assoc_actor_1"), ("actor2", "assoc_actor_2"))


def _side(p: Mapping, actor: str, assoc: str) -> list[str]:
    first = str(p.get(actor) or "").strip()
    if not first:
        return []
    # assoc_actor_N joins several names with "; " (ACLED's own convention)
    return [first, *(a.strip() for a in str(p.get(assoc) or "").split(";") if a.strip())]


def actor_names(p: Mapping) -> list[str]:
    """Every coded actor, side 1 first; the mentions when nothing is coded."""
    names = [name for actor, assoc in SIDES for name in _side(p, actor, assoc)]
    return names or [str(a) for a in (p.get("actors") or [])]


def actor_line(p: Mapping) -> str:
    """"Police Forces of X (with Military Forces of X) vs Protesters (X)": one line for a card or popup;
    the mentions joined by commas when nothing is coded; "" when there is neither."""
    sides = []
    for actor, assoc in SIDES:
        names = _side(p, actor, assoc)
        if names:
            sides.append(names[0] + (f" (with {'; '.join(names[1:])})" if names[1:] else ""))
    if sides:
        return " vs ".join(sides)
    return ", ".join(str(a) for a in (p.get("actors") or []))
