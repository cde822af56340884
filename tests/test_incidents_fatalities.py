"""Issue 11 (K6a): where a sentence's dead reach an incident, as a user of the ACLED export sees them."""

from __future__ import annotations

import datetime as dt

import pytest

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


# -- one toll over a list of places: shared out evenly, never counted at each (round 18) ---------------------------

def _dead_by_place(text):
    out = {}
    for i in analyze(text).incidents:
        if i.fatalities is not None and i.place is not None:
            out[i.place.name] = out.get(i.place.name, 0) + i.fatalities
    return out


@pytest.mark.parametrize("text, shares", [
    ("Five people were killed in clashes in Kisumu, Siaya and Migori on Monday.",
     {"Kisumu": 2, "Siaya": 2, "Migori": 1}),
    ("Two suspected thieves were lynched by residents in Kisumu and Siaya on Tuesday.", {"Kisumu": 1, "Siaya": 1}),
])
def test_a_toll_over_a_list_of_places_is_shared_out_evenly(text, shares):
    # ACLED divides a toll it cannot attribute evenly among the events, the remainder to the first; the sum is
    # the toll (it was the toll at each place: twice or thrice the dead in any total)
    assert _dead_by_place(text) == shares


@pytest.mark.parametrize("text", [
    "Four civilians were killed when a bus struck a roadside bomb between Kisumu and Siaya.",
    "Raiders killed three police reservists along the Kisumu and Siaya border on Monday.",
])
def test_a_stretch_between_two_places_is_one_toll(text):
    assert set(_dead_by_place(text).values()) <= {4, 3} and _dead_by_place(text)


# -- "them": the group counted last before the verb (round 19) -----------------------------------------------------

@pytest.mark.parametrize("text, dead", [
    ("Gunmen abducted three traders near Garissa and killed them.", 3),
    ("Bandits attacked four herders in Baringo, killing them.", 4),
    ("Police officers took two boys to a petrol station in Kisumu and shot them dead.", 2),
    ("Militants seized five travellers on the Mandera road and killed all of them.", 5),
])
def test_them_after_a_death_verb_counts_the_group_named_before_it(text, dead):
    assert _dead(text) == [dead]


@pytest.mark.parametrize("text", [
    "Police arrested the suspects in Kisumu and shot them dead.",  # no figure: no count
    "Bandits stole 200 goats in Baringo and killed them.",  # animals are no figure of people
    "Around 30 youths stormed a station in Kisumu; police shot them dead.",  # a rough figure is no count of the dead
])
def test_them_without_a_count_of_people_before_it_gives_no_figure(text):
    assert not any(d and d > 1 for d in _dead(text))
