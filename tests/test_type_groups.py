"""The legend and the type filter group thirty-odd incident types under ACLED's six event types."""

from __future__ import annotations

import re
from collections import Counter

from components.filters import GROUP_PREFIX, chosen_types, filter_incidents, type_choice_label, type_choices
from components.legend import legend_html, legend_rows
from incidentmap.taxonomy import incident_types
from test_app import expected_view, pipeline, run_app, table, widget  # noqa: F401 - pipeline is a fixture


def _features(*slugs: str) -> list[dict]:
    return [{"id": f"i{n}", "properties": {"incident_type": s}} for n, s in enumerate(slugs)]


def test_type_choices_put_each_group_before_its_types_in_acled_order():
    counts = Counter({"protest": 3, "arrest": 2, "armed_clash": 1, "air_strike": 1, "mystery": 1})
    assert type_choices(counts) == [
        GROUP_PREFIX + "Battles", "armed_clash",
        GROUP_PREFIX + "Explosions/Remote violence", "air_strike",
        GROUP_PREFIX + "Protests", "protest",
        GROUP_PREFIX + "Strategic developments", "arrest",
        "mystery",  # unknown to the taxonomy: last, ungrouped
    ]
    assert type_choice_label(GROUP_PREFIX + "Protests", counts) == "Protests: all (3)"
    assert type_choice_label("armed_clash", counts) == "Battles › Armed clash (1)"
    assert type_choice_label("mystery", counts) == "mystery (1)"


def test_choosing_a_group_chooses_every_type_of_its_event_type():
    riots = chosen_types([GROUP_PREFIX + "Riots"])
    assert set(riots) == {s for s, t in incident_types().items() if t.acled_event_type == "Riots"}
    assert chosen_types(["protest", GROUP_PREFIX + "Protests"]).count("protest") == 1
    feats = _features("riot", "mob_violence", "protest", "arrest")
    kept = filter_incidents(feats, types=chosen_types([GROUP_PREFIX + "Riots", "arrest"]))
    assert [f["properties"]["incident_type"] for f in kept] == ["riot", "mob_violence", "arrest"]


def test_legend_has_one_line_per_event_type_in_acled_order():
    feats = _features("arrest", "protest", "armed_clash", "mob_violence", "riot")
    rows = legend_rows(feats, feats[:2])
    assert [r["group"] for r in rows] == ["Battles", "Protests", "Riots", "Riots", "Strategic developments"]
    html = legend_html(rows)
    groups = re.findall(r'<div class="im-legend-group"><span style="font-weight:600;margin-right:8px">([^<]*)</span>',
                        html)
    assert groups == ["Battles", "Protests", "Riots", "Strategic developments"]


def test_a_whole_event_type_filters_table_and_count(pipeline):  # noqa: F811 - the fixture
    at = run_app()
    view = expected_view()
    types = incident_types()
    group = types[view["incidents"][0]["properties"]["incident_type"]].acled_event_type
    choice = widget(at.multiselect, "Incident type")
    assert any(o.startswith(f"{group}: all (") for o in choice.options), choice.options
    choice.set_value([GROUP_PREFIX + group]).run()
    assert not at.exception
    expected = [f for f in view["incidents"] if types[f["properties"]["incident_type"]].acled_event_type == group]
    assert 0 < len(table(at)) == len(expected)
