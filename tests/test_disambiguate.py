"""The scoring weights' single home (incidentmap/disambiguate.py)."""

import dataclasses

import pytest

from incidentmap.disambiguate import WEIGHTS, DisambiguationWeights
from incidentmap.geoparse import geoparse


def test_weights_are_frozen_and_named():
    with pytest.raises(dataclasses.FrozenInstanceError):
        WEIGHTS.accept = 0.0
    assert WEIGHTS == DisambiguationWeights()
    assert WEIGHTS.rounds >= 1 and WEIGHTS.accept > WEIGHTS.accept_single_reading


def test_region_holding_a_named_city_wins():
    r = geoparse("Protesters marched in Atlanta on Saturday. Georgia's governor declared an emergency.")
    georgia = [p for p in r.places if p.name == "Georgia"]
    assert georgia and georgia[0].country_code == "US" and georgia[0].kind == "region"
