"""Incident types, read from the one data file that drives labels, colours, icons, legend, ACLED mapping and filters."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from .errors import GazetteerError
from .models import AcledEventType
from .resources import TAXONOMY, data_file

TAXONOMY_FILE = data_file(TAXONOMY, "incident_types.csv")

# ACLED's codebook: the 25 sub-event types of each event type, spelled as ACLED spells them. Every one is
# the ``acled_sub_event_type`` of at least one row of incident_types.csv (tests/test_taxonomy.py).
ACLED_SUB_EVENT_TYPES: dict[AcledEventType, tuple[str, ...]] = {
    AcledEventType.BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    AcledEventType.EXPLOSIONS: ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    AcledEventType.VIOLENCE_AGAINST_CIVILIANS: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    AcledEventType.PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    AcledEventType.RIOTS: ("Violent demonstration", "Mob violence"),
    AcledEventType.STRATEGIC_DEVELOPMENTS: ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                                            "Headquarters or base established", "Looting/property destruction",
                                            "Non-violent transfer of territory", "Other"),
}


@dataclass(frozen=True, slots=True)
class IncidentType:
    slug: str
    label: str
    definition: str
    colour: str
    icon: str
    acled_event_type: str
    acled_sub_event_type: str
    plover_event: str
    plover_mode: str


@lru_cache(maxsize=1)
def incident_types() -> dict[str, IncidentType]:
    """All incident types by slug, in file order (the legend's order)."""
    try:
        with TAXONOMY_FILE.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:  # pragma: no cover - a broken checkout
        raise GazetteerError(f"cannot read taxonomy {TAXONOMY_FILE}: {exc}") from exc
    types = {row["slug"]: IncidentType(**row) for row in rows}
    for t in types.values():
        try:
            event_type = AcledEventType(t.acled_event_type)
        except ValueError:
            raise GazetteerError(f"taxonomy: {t.slug!r} has an unknown ACLED event type "
                                 f"{t.acled_event_type!r}") from None
        if t.acled_sub_event_type not in ACLED_SUB_EVENT_TYPES[event_type]:
            raise GazetteerError(f"taxonomy: {t.slug!r}: {t.acled_sub_event_type!r} is not a sub-event type of "
                                 f"{event_type}")
    return types


def incident_type(slug: str) -> IncidentType:
    return incident_types()[slug]


def types_by_event_type(slugs=None) -> dict[AcledEventType, list[IncidentType]]:
    """The incident types (those of ``slugs`` if given) under their ACLED event type: the groups of the legend
    and the type filter, event types in ACLED's order and types in file order; empty groups left out."""
    types = incident_types()
    wanted = set(types) if slugs is None else set(slugs)
    groups: dict[AcledEventType, list[IncidentType]] = {}
    for event_type in AcledEventType:
        members = [t for t in types.values() if t.slug in wanted and t.acled_event_type == event_type]
        if members:
            groups[event_type] = members
    return groups
