"""The taxonomy file: ACLED's codebook covered, one sub-event type per type, colours and icons usable."""

import csv
import itertools

import pytest

from incidentmap import taxonomy
from incidentmap.errors import GazetteerError
from incidentmap.models import AcledEventType
from incidentmap.taxonomy import ACLED_SUB_EVENT_TYPES, TAXONOMY_FILE, incident_types, types_by_event_type

# The gold of data/devset and data/heldout2 names these: they keep their slugs.
ANALYST_TYPES = {"protest", "riot", "looting_arson", "armed_violence", "casualties", "arrest", "troop_deployment",
                 "security_control", "checkpoint", "curfew", "comms_blackout", "political", "humanitarian"}


def test_all_six_event_types_and_25_sub_event_types_are_covered():
    types = incident_types().values()
    assert {t.acled_event_type for t in types} == set(AcledEventType)
    assert sum(len(v) for v in ACLED_SUB_EVENT_TYPES.values()) == 25
    assert {(t.acled_event_type, t.acled_sub_event_type) for t in types} == {
        (str(e), sub) for e, subs in ACLED_SUB_EVENT_TYPES.items() for sub in subs}


def test_the_analyst_types_stay_and_each_maps_to_one_acled_sub_event_type():
    types = incident_types()
    assert ANALYST_TYPES <= set(types)
    for slug in ANALYST_TYPES:
        t = types[slug]
        assert t.acled_sub_event_type in ACLED_SUB_EVENT_TYPES[AcledEventType(t.acled_event_type)]


def test_a_sub_event_type_outside_its_event_type_is_refused(tmp_path, monkeypatch):
    rows = list(csv.DictReader(TAXONOMY_FILE.open(encoding="utf-8")))
    rows[0]["acled_sub_event_type"] = "Peaceful protest"  # a Protests sub-event type under Battles
    bad = tmp_path / "incident_types.csv"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    monkeypatch.setattr(taxonomy, "TAXONOMY_FILE", bad)
    taxonomy.incident_types.cache_clear()
    try:
        with pytest.raises(GazetteerError, match="not a sub-event type"):
            taxonomy.incident_types()
    finally:
        taxonomy.incident_types.cache_clear()


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def test_colours_are_distinct_and_icons_exist_in_the_bundled_font_awesome():
    from components.static_assets import _xstatic_dir

    types = list(incident_types().values())
    for a, b in itertools.combinations(types, 2):
        distance = sum((x - y) ** 2 for x, y in zip(_rgb(a.colour), _rgb(b.colour))) ** 0.5
        assert distance >= 40, (a.slug, b.slug)  # apart enough to tell markers apart
    solid = _xstatic_dir("font_awesome") / "svgs" / "solid"
    assert [t.icon for t in types if not (solid / f"{t.icon}.svg").exists()] == []


def test_types_are_grouped_under_acled_event_types_in_codebook_order():
    groups = types_by_event_type()
    assert list(groups) == list(AcledEventType)
    assert [t.slug for t in groups[AcledEventType.RIOTS]] == ["riot", "mob_violence"]
    some = types_by_event_type(["arrest", "air_strike", "protest"])
    assert {k: [t.slug for t in v] for k, v in some.items()} == {
        AcledEventType.EXPLOSIONS: ["air_strike"], AcledEventType.PROTESTS: ["protest"],
        AcledEventType.STRATEGIC_DEVELOPMENTS: ["arrest"]}
