"""Events as the twenty-first round found them missed: a bomb defused or dismantled told in the present tense, as
ACLED's notes and headlines tell it ("Police discover and dismantle an explosive")."""

import pytest

from incidentmap.incidents.coding import acled_types
from incidentmap.pipeline import analyze


@pytest.mark.parametrize("text", [
    "Defusal: Police discover and dismantle an explosive planted at a primary school in Garissa.",
    "Security forces defuse a bomb near the market in Mandera.",
    "An army team defuses two landmines on the road to Kismayo.",
    "Police dismantled an explosive device at the bus park in Eldoret.",  # (the past tense, as before)
])
def test_a_bomb_defused_in_the_present_tense_is_disrupted_weapons_use(text):
    found = [acled_types(i) for i in analyze(text).incidents]
    assert ("Strategic developments", "Disrupted weapons use") in found
