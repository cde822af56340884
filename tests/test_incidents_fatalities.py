"""Issue 11 (K6a): where a sentence's dead reach an incident, as a user of the ACLED export sees them."""

from __future__ import annotations

import datetime as dt

from incidentmap.pipeline import analyze


def _dead(text: str) -> list[int]:
    return [i.fatalities for i in analyze(text, published=dt.date(2024, 3, 9)).incidents if i.fatalities]


def test_one_fatality_in_the_singular_is_a_casualties_incident():
    # the lexicon's casualties trigger takes "fatality" as well as "fatalities"
    incidents = analyze("Police and traders clashed in Eldoret on Friday. One fatality was reported.",
                        published=dt.date(2024, 3, 9)).incidents
    assert [i.fatalities for i in incidents if i.incident_type == "casualties"] == [1]


def test_a_series_toll_reaches_no_incident_while_the_event_keeps_its_own():
    text = ("Students and police clashed in Mirpur, Dhaka on Monday; 2 people were killed in the clash. "
            "Across the city 40 people died that day, of which 31 were counted in other events.")
    assert max(_dead(text)) == 2
