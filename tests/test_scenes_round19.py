"""Scenes the clause names (incidentmap/incidents/locate.py) and local names the text calls areas or residents'
homes (incidentmap/unlisted.py), as the nineteenth round found them missed on ACLED's notes: a ward named with
the town of its county, people "from" the village they live in, a country that owns an embassy or an airline
abroad, "residents of X", "the X area of Y"."""

import pytest

from incidentmap.geo import haversine_m
from incidentmap.models import Source
from incidentmap.pipeline import analyze


def scenes(text):
    return [i.place for i in analyze(text).incidents if i.place is not None]


@pytest.mark.parametrize("text, ward, town", [
    ("Al Shabaab fighters attacked Fino, Mandera, killing four police officers.", "Fino", "Mandera"),
    ("Youths burned two lorries in Mariashoni, Molo after a crash.", "Mariashoni", "Molo"),
    ("After the crash, a mob killed the driver in Mariashoni, Molo.", "Mariashoni", "Molo"),
])
def test_a_ward_named_with_the_town_of_its_county_is_the_scene(text, ward, town):
    # the town after the comma says whose area the ward is in; the ward is the finer, truer place (its own radius)
    found = scenes(text)
    assert found and {p.name for p in found} == {ward}
    assert all(str(p.precision) == "region" for p in found)


def test_the_invented_name_is_unknown_to_the_gazetteer():
    from incidentmap.gazetteer import default_gazetteer, normalize
    assert not default_gazetteer().lookup(normalize("Kimbutoro"))


def test_people_from_the_village_they_live_in_act_there():
    found = scenes("Residents from Kimbutoro village in Githunguri blocked a road to protest the poor work.")
    assert found and {p.name for p in found} == {"Kimbutoro"}
    assert all(str(p.precision) == "region" and p.source == Source.CONTEXT_AREA for p in found)


@pytest.mark.parametrize("text, scene", [
    ("A man was shot dead outside the US embassy in Nairobi on Thursday.", "Nairobi"),
    ("Rioters set fire to a bus of Qatar airways in Khulna city on Monday.", "Khulna"),
    ("Protesters threw stones at the Uganda high commission in Nairobi.", "Nairobi"),
    ("Police shot a man outside the Somalia consulate in Mombasa.", "Mombasa"),
])
def test_a_country_owning_a_mission_or_an_airline_is_not_the_scene(text, scene):
    found = scenes(text)
    assert found and {p.name for p in found} == {scene}


def test_a_country_alone_with_its_embassy_stays_the_fallback():
    assert {p.name for p in scenes("Protesters gathered outside the US embassy on Friday.")} == {"United States"}


@pytest.mark.parametrize("text", [
    "Residents of Kimbutoro held a demonstration against the closure of a school by a court in Meru.",
    "On Monday villagers of Kimbutoro blocked the road to Meru over the killing of a trader.",
])
def test_residents_of_an_unknown_place_name_it_as_a_place_in_its_context(text):
    found = scenes(text)
    assert found and all(p.name == "Kimbutoro" and p.source == Source.CONTEXT_AREA for p in found)
    meru = next(p for p in analyze(text).places if p.name == "Meru")
    # somewhere in Meru's wider area: never Meru's point with a town's radius
    assert all(str(p.precision) == "region" and p.uncertainty_m > 4 * meru.uncertainty_m
               and haversine_m(p.lat, p.lon, meru.lat, meru.lon) <= p.uncertainty_m for p in found)


def test_an_area_of_a_small_town_named_like_its_county_is_in_the_county():
    found = scenes("Four people were injured in clashes in the Kimbutoro area of Narok on Friday.")
    assert found and all(p.name == "Kimbutoro" and str(p.precision) == "region" for p in found)


@pytest.mark.parametrize("text, town", [
    ("Party members vandalized an office in Kimbutoro area of Nilphamari town on Sunday.", "Nilphamari"),
    ("Students clashed with police in Kimbutoro area, Sylhet city, on Saturday.", "Sylhet"),
])
def test_an_area_said_to_be_part_of_a_town_is_somewhere_in_that_town(text, town):
    found = scenes(text)
    holder = next(p for p in analyze(text).places if p.name == town)
    assert found and all(p.name == "Kimbutoro" and str(p.precision) == "city" for p in found)
    assert all((p.lat, p.lon, p.uncertainty_m) == (holder.lat, holder.lon, holder.uncertainty_m) for p in found)


def test_an_area_the_text_ties_to_nothing_is_no_place_of_its_own():
    # "the Kimbutoro area" alone: its sentence's town is the scene, as before
    found = scenes("Activists staged a protest in Kimbutoro area on Monday, while teachers marched in Dhaka city.")
    assert "Kimbutoro" not in {p.name for p in found}


@pytest.mark.parametrize("text, unit", [
    ("On 2 May 2024, rioters burned a bus in Kimbutoro upazila (Sirajganj, Rajshahi).", "Kimbutoro"),
    ("Residents protested in the Kimbutoro sub-district of Sirajganj on Monday.", "Kimbutoro"),
    ("Police dispersed a rally in Kimbutoro municipality, Sirajganj.", "Kimbutoro"),
])
def test_a_unit_the_gazetteer_lacks_is_an_area_of_its_district(text, unit):
    found = scenes(text)
    town = next(p for p in analyze(text).places if p.name == "Sirajganj")
    assert found and all(p.name == unit and str(p.precision) == "region" for p in found)
    assert all(p.uncertainty_m >= town.uncertainty_m + 40_000 for p in found)


@pytest.mark.parametrize("text, site", [
    # the site, then the unit the text puts it in
    ("On 1 May 2024, supporters assaulted a candidate in front of Kimbutoro police station, Kimbutoro upazila "
     "(Sirajganj, Rajshahi).", "Kimbutoro police station"),
    ("Students clashed with police at Ndorwexa police station in Kimbutoro upazila (Sirajganj, Rajshahi).",
     "Ndorwexa police station"),
    ("A mob assaulted a trader at Ndorwexa market, Kimbutoro upazila (Sirajganj, Rajshahi).", "Ndorwexa market"),
    # ... or a site named after the unit the text names elsewhere
    ("Tension rose in Kimbutoro upazila (Sirajganj) on Monday. Later a mob torched Kimbutoro police station.",
     "Kimbutoro police station"),
])
def test_a_site_in_a_unit_the_gazetteer_lacks_lies_in_that_units_area(text, site):
    # not at the district town's point with the town's radius: somewhere in the district
    found = [p for p in scenes(text) if p.name == site]
    town = next(p for p in analyze(text).places if p.name == "Sirajganj")
    assert found and all(str(p.precision) == "region" and p.uncertainty_m >= town.uncertainty_m + 40_000
                         for p in found)


def test_a_site_named_after_a_town_stays_in_that_town():
    text = "Students marched at Sirajganj University in Kimbutoro town (Ndorwexa upazila, Rajshahi)."
    site = next(p for p in analyze(text).places if p.name == "Sirajganj University")
    assert str(site.precision) == "city"


def test_the_invented_names_of_this_file_are_unknown():
    from incidentmap.gazetteer import default_gazetteer, normalize
    assert not [n for n in ("Kimbutoro", "Ndorwexa") if default_gazetteer().lookup(normalize(n))]


@pytest.mark.parametrize("text", [
    "Two factions clashed in Kimbutoro district town (Kimbutoro Sadar, Khulna) over seats.",
    "Party members staged a rally in Kimbutoro district (coded as Kimbutoro, Kimbutoro Sadar, Khulna) on Monday.",
])
def test_an_unknown_district_with_its_seat_or_its_units_is_no_quarter_of_a_city(text):
    # an administrative district around a town the gazetteer lacks: somewhere in the area the text names (here
    # the division of Khulna), not a quarter pinned at Khulna with the city's radius
    found = scenes(text)
    khulna = next(p for p in analyze(text).places if p.name == "Khulna")
    assert found and all(p.name == "Kimbutoro" and str(p.precision) == "region"
                         and p.uncertainty_m > 3 * khulna.uncertainty_m for p in found)


def test_an_unknown_district_named_bare_stays_a_quarter_of_its_city():
    found = scenes("Looters hit stores in Ndorwexa district on Sunday, Atlanta police said.")
    assert found and all(p.name == "Ndorwexa" and str(p.precision) == "city" for p in found)


@pytest.mark.parametrize("text", [
    "Boda Boda operators blocked a road in protest on Monday.",
    "After a boda-boda rider was shot, his colleagues protested.",
])
def test_a_word_said_twice_is_no_place(text):
    # "Boda" alone is an upazila of Bangladesh; "boda boda" is East Africa's motorcycle taxi
    assert "Boda" not in {p.name for p in analyze(text).places}


def test_a_place_named_twice_over_stays_a_place():
    assert "Walla Walla" in {p.name for p in analyze("Protesters marched in Walla Walla on Monday.").places}
