"""Same-named places where the text holds the evidence (issue 10): each class as a general rule, in our own
sentences."""

import pytest

from incidentmap.geo import haversine_m
from incidentmap.geoparse import geoparse


def _places(text: str) -> dict[str, tuple]:
    return {m.text: (p.name, str(p.kind), p.country_code, p.admin1) for p in geoparse(text).places
            for m in p.mentions}


def test_a_name_read_as_a_famous_city_is_no_evidence_that_the_text_is_about_its_country():
    # Paris, read as France in the first round, made the text "about France" by its own first mention, and
    # an obscure reading may cohere only where the text is not about the famous one's country.
    text = ("Jane Roe, 30, of Paris died on Sunday in a Dallas hospital. Her brother, 25, of Paris and a friend, "
            "also of Paris, were hurt in the crash. The friend was flown to Dallas.")
    assert _places(text)["Paris"][2:] == ("US", "TX")


@pytest.mark.parametrize("text", [
    # One passing mention of a Texas city does not pull a famous city away.
    "Ministers met in Paris on Monday. The talks in Paris were the first since a summit in Dallas; "
    "Paris hosts the next.",
    # A country's name is evidence for that country: named, the text is about it (Italy, Texas, a village
    # near Gainesville, stays out).
    "A Gainesville, Texas, club honoured veterans on Monday. The men served in Italy and Japan. Texas owes "
    "them, the mayor of Gainesville said.",
])
def test_the_famous_reading_stays_without_local_evidence(text):
    places = _places(text)
    assert places.get("Paris", places.get("Italy"))[2] in ("FR", "IT")


def test_a_short_form_of_a_name_the_text_writes_in_full_is_that_place():
    # "Petersburg" in the headline is the St. Petersburg of the story, not a small town near the band's home.
    text = ("Band plays Petersburg. A school band from Springfield and Jacksonville flew to St. Petersburg, "
            "Russia, for a festival. The band returns to Illinois on Friday.")
    places = _places(text)
    assert places["Petersburg"] == places["St. Petersburg"] == ("Saint Petersburg", "city", "RU", "66")
    assert places["Springfield"][3] == "IL"


@pytest.mark.parametrize("text", [
    # Plainview and Wakefield, read in Nebraska, no longer pair Madison with New Jersey by their New York and
    # Massachusetts readings; Nebraska, named outright in the sentence, places even a small Madison.
    "Students from Neligh and Norfolk won the contest. In Nebraska, a team from Madison placed third behind "
    "Plainview and Wakefield.",
    "The fair drew visitors from Norfolk, Wayne and Pierce. A band from Madison played in Nebraska's oldest "
    "hall, with singers from Plainview and Wakefield.",
])
def test_a_small_town_beside_its_state_and_its_neighbours_is_read_there(text):
    places = _places(text)
    assert places["Madison"][2:] == ("US", "NE")
    assert places["Plainview"][2:] == places["Wakefield"][2:] == ("US", "NE")


@pytest.mark.parametrize("text", [
    "A crash in Alexandria hurt a driver from Nelson. She was taken to the Douglas County Hospital and later to "
    "a hospital in St. Cloud.",
    "A driver from Nelson was hurt in Alexandria. He was taken to Douglas County Hospital, then to St. Cloud.",
])
def test_same_named_counties_in_a_tie_go_where_more_of_the_text_was_read(text):
    # Douglas County of Georgia (beside a Nelson, Georgia) and of Minnesota (beside Alexandria and St. Cloud)
    # scored the same; the gazetteer's order chose Georgia.
    places = {p.name: p for p in geoparse(text).places}
    hospital, st_cloud = places["Douglas County Hospital"], places["Saint Cloud"]
    assert st_cloud.admin1 == "MN"
    assert haversine_m(hospital.lat, hospital.lon, st_cloud.lat, st_cloud.lon) < 161_000


@pytest.mark.parametrize("text", [
    "Fans in Boston cheered the team on Sunday. One fan drove up from Brookhaven, N.Y., for the game.",
    "The play opens in Boston next month. Its author lives in Brookhaven, N.Y., and wrote it there.",
])
def test_a_state_named_only_to_qualify_another_town_does_not_pull_the_text_s_towns_into_it(text):
    # "Brookhaven, N.Y." says where Brookhaven is; it made "Boston" the village of Boston, New York.
    places = _places(text)
    assert places["Boston"][2:] == ("US", "MA")
    assert places["Brookhaven"][2:] == ("US", "NY")


def test_a_state_qualifying_a_town_still_places_that_town_s_other_mentions():
    places = _places("A Springfield, Ohio, man was hurt. Police in Springfield said the crash closed the road for hours.")
    assert places["Springfield"][2:] == ("US", "OH")


def test_an_airport_the_gazetteer_knows_by_name_places_its_town():
    # The airport's own point lies by Mansfield, Ohio; it vouched for nothing, being a site, and Mansfield went
    # to the bigger Mansfield, Texas, dragging the airport 1,600 km with it.
    places = _places("Crews repaired the runway at Mansfield Lahm Regional Airport on Monday. The airport serves "
                     "Mansfield and the towns around it.")
    assert places["Mansfield"][2:] == ("US", "OH")
