"""Issue 11, seventeenth round: a toll shared out over places is one event per place, each with its share
(ACLED: one event per type, place and day). Each test failed before its rule."""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.counts import place_shares
from incidentmap.pipeline import analyze


def _spans(sentence: str, *names: str) -> list[tuple[int, int]]:
    return [(sentence.index(n), sentence.index(n) + len(n)) for n in names]


@pytest.mark.parametrize(("sentence", "names", "total", "shares"), [
    ("Violence caused two deaths, one in Awendo and the other in Rongo.", ("Awendo", "Rongo"), 2, [1, 1]),
    ("Four were killed: three in Kathiani and one in Kituvu.", ("Kathiani", "Kituvu"), 4, [3, 1]),
    ("15 killed in clashes in Nakuru (8) and Molo (7).", ("Nakuru", "Molo"), 15, [8, 7]),
    ("Six died, two were killed in Mosul, one in Erbil and the rest in Basra.", ("Mosul", "Erbil", "Basra"), 6,
     [2, 1, 3]),
    ("Clashes in Syria left 5 dead, 3 in the town of Hama and 2 in Homs.", ("Syria", "Hama", "Homs"), 5, [0, 3, 2]),
])
def test_a_toll_shared_out_over_places(sentence, names, total, shares):
    assert place_shares(sentence, _spans(sentence, *names), total) == shares


@pytest.mark.parametrize(("sentence", "names", "total"), [
    ("Violence caused three deaths, one in Awendo and the other in Rongo.", ("Awendo", "Rongo"), 3),  # 1 + 1 != 3
    ("Two people were killed in Mosul and Erbil.", ("Mosul", "Erbil"), 2),  # no share of its own
    ("Ten died (4 in March, 6 in April) in raids in Lamu and Garsen.", ("Lamu", "Garsen"), 10),  # months
    ("Two were killed in Mosul, one of them in Erbil.", ("Mosul", "Erbil"), 2),  # one share only
])
def test_no_shares_unless_each_place_has_one_and_they_add_up(sentence, names, total):
    assert place_shares(sentence, _spans(sentence, *names), total) is None


def _dead_by_place(text: str) -> dict[str, int]:
    return {i.place.name: i.fatalities for i in analyze(text, published=dt.date(2017, 8, 12)).incidents
            if i.fatalities and i.place is not None}


def test_each_place_is_an_event_with_its_share_of_the_dead():
    text = "Kenya. Election violence among party supporters caused two deaths, one in Awendo and the other in Rongo."
    assert _dead_by_place(text) == {"Awendo": 1, "Rongo": 1}
    kinds = {(i.incident_type, i.place.name) for i in analyze(text).incidents if i.place is not None}
    assert {("riot", "Awendo"), ("riot", "Rongo")} <= kinds  # the violent event stands at both places too


def test_bracketed_shares_after_the_places():
    text = "Iraq. Fighting between rival militias killed 12 people in Mosul (7) and Kirkuk (5) on Sunday."
    assert _dead_by_place(text) == {"Mosul": 7, "Kirkuk": 5}


def test_a_toll_not_shared_out_stays_whole_at_its_place():
    text = "Iraq. Fighting between rival militias killed 12 people in Mosul on Sunday, and clashes spread to Kirkuk."
    assert sum(_dead_by_place(text).values()) == 12
