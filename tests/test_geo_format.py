"""Radii as people read them: never shown smaller than they are."""

from __future__ import annotations

import pytest

from incidentmap.geo import format_distance


@pytest.mark.parametrize(("metres", "shown"), [
    (2500, "3 km"),  # to the nearest would claim 2 km, more precision than the place has
    (19_000, "19 km"),
    (19_001, "20 km"),
    (1000, "1 km"),
    (999.2, "1 km"),
    (800, "800 m"),
    (1_234_567, "1,235 km"),
])
def test_a_radius_is_rounded_up(metres, shown):
    assert format_distance(metres) == shown


@pytest.mark.parametrize("bad", [None, "", "n/a", float("nan"), float("inf")])
def test_no_number_gives_nothing(bad):
    assert format_distance(bad) == ""
