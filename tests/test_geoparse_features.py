"""Names of natural features and other longer names that contain a place's name (issue 10), on sentences
written for these tests."""

import pytest

from incidentmap.geoparse import geoparse


def mentioned(text: str) -> dict[str, str]:
    """Mention text → the place's name it was resolved to."""
    return {m.text: p.name for p in geoparse(text).places for m in p.mentions}


@pytest.mark.parametrize("text, not_a_place", [
    ("Storm systems over the Gulf of Alaska were weaker than usual this winter.", ["Gulf", "Alaska"]),
    ("Two fishermen capsized on Lake Ontario in rough weather on Sunday.", ["Ontario"]),
    ("Fishermen Rescued On Lake Ontario After Storm", ["Ontario"]),
    ("Talks touched on shipping and on security in the Gulf.", ["Gulf"]),
    ("Kanawha River Cleanup Set For Saturday", ["Kanawha"]),
    ("Climbers set out for the summit of Mount Hood at dawn.", ["Hood"]),
])
def test_a_feature_named_after_a_place_is_not_that_place(text, not_a_place):
    found = mentioned(text)
    for word in not_a_place:
        assert word not in found, found


@pytest.mark.parametrize("text, mention, place", [
    ("Tankers crossed the Gulf of Aden on Friday.", "Gulf of Aden", "Gulf of Aden"),  # the gazetteer's own
    ("Militants attacked a village in the Bay region of Somalia.", "Bay region", "Bay"),  # a unit word follows
    ("Floods cut roads in Bay and Bakool.", "Bay", "Bay"),  # no article: a name
    ("The family moved to Lake Charles in May.", "Lake Charles", "Lake Charles"),  # a town's whole name
])
def test_feature_words_that_are_names_stay(text, mention, place):
    assert mentioned(text).get(mention) == place


def test_the_region_around_a_city_is_the_city_not_a_namesake_unit_abroad():
    # GeoNames keys Saint Vincent's Charlotte parish as "Charlotte region" too.
    found = mentioned("Storms knocked out power across the Charlotte region on Monday, officials in Raleigh said.")
    assert found.get("Charlotte") == "Charlotte" and "Charlotte region" not in found
    place = next(p for p in geoparse("Storms hit the Charlotte region, officials in Raleigh said.").places
                 if p.name == "Charlotte")
    assert place.country_code == "US"


@pytest.mark.parametrize("text, unit", [
    ("Fighting spread in the Kabul region overnight.", "geonames-admin1:AF.13"),  # the city's own province
    ("Fighting spread in the Tigray region overnight.", "geonames-admin1:ET.53"),  # no town of the name
])
def test_a_region_word_keeps_the_unit_of_the_name_at_home(text, unit):
    assert [p.key for p in geoparse(text).places] == [unit]


@pytest.mark.parametrize("text", [
    "Mourners gathered at the church of St. Peter and St. Paul in Ndola.",
    "The Cathedral of Saint Paul was full for the service in Ndola.",
])
def test_a_saint_a_church_is_dedicated_to_is_no_town(text):
    assert set(mentioned(text)) == {"Ndola"}


def test_a_town_named_after_a_saint_stays_a_town():
    assert mentioned("The Feast of St. Joseph drew crowds in St. Joseph, Missouri.") == {
        "St. Joseph": "Saint Joseph", "Missouri": "Missouri"}


def test_a_region_word_after_a_town_known_abroad_by_another_spelling_keeps_the_unit():
    # "Puno" is also an alternate spelling of Pune, India: the big town that counts is the one named so.
    assert "geonames-admin1:PE.21" in [p.key for p in geoparse(
        "A curfew was imposed across the Puno region of Peru on Monday.").places]


@pytest.mark.parametrize("text, not_a_place", [
    ("The story ran in Thursday's Post-Intelligencer before the hearing in Seattle.", "Post"),
    ("Photo by the Beacon-News staff in Aurora.", "Beacon"),
])
def test_a_small_towns_name_hyphened_to_another_name_is_part_of_it(text, not_a_place):
    assert not_a_place not in mentioned(text)


@pytest.mark.parametrize("text, place", [
    ("Wrestlers from Watertown-ML's program won the title in Minnesota.", "Watertown"),  # before initials
    ("The Fargo-Moorhead area braced for floods.", "Moorhead"),  # two places
    ("Pro-Kabul militias clashed with the Taliban.", "Kabul"),  # a prefix
])
def test_hyphened_names_that_stay_places(text, place):
    assert place in mentioned(text).values()


def test_a_name_that_lives_and_dies_is_a_persons():
    text = ("The author spoke about the war. Lincoln lived long enough to see the Union win, and the crowd "
            "asked how Lincoln got his reputation for honesty.")
    assert "Lincoln" not in mentioned(text)


def test_a_town_named_with_a_place_noun_stays_beside_a_namesake_person():
    text = "Lincoln died in 1865. Lincoln residents will vote on the school levy in Nebraska."
    assert mentioned(text).get("Lincoln") == "Lincoln"


@pytest.mark.parametrize("text, person", [
    ("She is accused of poisoning her daughter, Brittany, at their home in Lebanon, Ohio.", "Brittany"),
    ("He lost the final to cousins Dillon and Connor Fogarty at the meet in Minnesota.", "Dillon"),
    ("Surviving are her husband and son Bryan, both of Lebanon, Pennsylvania.", "Bryan"),
    ("The trooper said Raby was ejected from the car on the highway near Lexington.", "Raby"),
])
def test_a_relatives_name_is_a_persons(text, person):
    assert person not in mentioned(text)


def test_the_people_named_like_a_place_are_no_place():
    assert "Adena" not in mentioned("Visitors can see what the Adena people buried in mounds near Charleston.")


def test_a_country_after_a_kinship_word_stays():
    assert mentioned("Her son moved to the United States and his daughter to Kenya.").get("Kenya") == "Kenya"


def test_a_town_inside_a_road_name_is_not_made_a_person_everywhere():
    text = ("The City of Edwardsville has three TIF districts. The plan runs from Main Street to Old Alton "
            "Edwardsville Road in Illinois, and the Edwardsville City Council approved it.")
    assert mentioned(text).get("Edwardsville") == "Edwardsville"


def test_a_lake_named_after_a_town_is_left_to_the_town_on_its_shore():
    # In a headline (no longer-name rule there): Naivasha stands on Lake Naivasha.
    assert mentioned("Fishermen Drown In Lake Naivasha After Storm").get("Naivasha") == "Naivasha"
