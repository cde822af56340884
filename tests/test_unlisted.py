"""Places the gazetteer lacks, named as places by the text (incidentmap/unlisted.py): found by the words around
them, located in the area their context names with that area's radius, never as a precise point."""

import datetime as dt

import pytest

from incidentmap.gazetteer import default_gazetteer, normalize
from incidentmap.geo import destination, haversine_m
from incidentmap.geoparse import geoparse
from incidentmap.models import Source
from incidentmap.pipeline import analyze
from incidentmap.unlisted import UNLISTED_RULES

# Invented names: none may be in the gazetteer (checked below), so that only the words around them make them places.
NAMES = ("Mbalakoro", "Tulumbo", "Ndorwexa", "Kiboroyet", "Zhenmaqi", "Oe Thit Kone")


def test_the_invented_names_are_unknown_to_the_gazetteer():
    gaz = default_gazetteer()
    assert not [n for n in NAMES if gaz.lookup(normalize(n))]


def unlisted(text):
    return {p.name: p for p in geoparse(text).places if p.source == Source.CONTEXT_AREA}


def place(text, name):
    return next(p for p in geoparse(text).places if p.name == name)


@pytest.mark.parametrize("text, name", [
    ("Gunmen killed 12 people in a raid on the village of Mbalakoro in Kenya's Marsabit County.", "Mbalakoro"),
    ("Troops reached the town of Mbalakoro in Marsabit County on Tuesday.", "Mbalakoro"),
    ("Raiders attacked Mbalakoro village in Marsabit County and stole cattle.", "Mbalakoro"),
    ("Bandits raided Mbalakoro Village in Marsabit County.", "Mbalakoro"),
    ("Residents fled Mbalakoro, a small farming village in Marsabit County, after the attack.", "Mbalakoro"),
    ("Police said the fighting spread to Mbalakoro township in Marsabit County.", "Mbalakoro"),
])
def test_a_name_called_a_village_or_town_is_a_place_in_the_area_that_holds_it(text, name):
    found = unlisted(text)
    assert name in found
    p, county = found[name], place(text, "Marsabit")
    # in the county, with the county's radius: a region's precision, never the county's point as a town's
    assert str(p.precision) == "region" and p.uncertainty_m >= county.uncertainty_m
    assert haversine_m(p.lat, p.lon, county.lat, county.lon) < 1
    assert p.note and "not in the gazetteer" in p.note


def test_an_area_noun_makes_an_area():
    text = "The army said its soldiers had killed 11 rebels in Mbalakoro province in Kenya last week."
    p = unlisted(text)["Mbalakoro"]
    assert str(p.kind) == "region" and str(p.precision) == "country" and p.country_code == "KE"


def test_a_village_near_a_town_lies_in_the_towns_wider_area():
    text = "Four people died in clashes at Kiboroyet village, Baragoi, on Sunday."
    p, town = unlisted(text)["Kiboroyet"], place(text, "Baragoi")
    assert haversine_m(p.lat, p.lon, town.lat, town.lon) < 1
    assert p.uncertainty_m >= town.uncertainty_m + UNLISTED_RULES.town_area_m
    assert str(p.precision) == "region"


def test_a_stated_distance_and_bearing_move_the_point_and_bound_it():
    text = "Police shot a man during searches in the village of Tulumbo, 25 km north of Kisumu, on Friday."
    p, town = unlisted(text)["Tulumbo"], place(text, "Kisumu")
    assert 24 < haversine_m(p.lat, p.lon, town.lat, town.lon) / 1000 < 26 and p.lat > town.lat
    assert p.uncertainty_m >= town.uncertainty_m + UNLISTED_RULES.bearing_share * 25_000


def test_near_a_name_with_a_bearing_from_a_town():
    text = "Fighters ambushed a military convoy near Zhenmaqi, north of Monywa, on Tuesday, killing nine soldiers."
    p, town = unlisted(text)["Zhenmaqi"], place(text, "Monywa")
    assert p.uncertainty_m >= town.uncertainty_m + UNLISTED_RULES.near_m and str(p.precision) == "region"


@pytest.mark.parametrize("text", [
    "On Tuesday, ADF fighters raided farms outside Tulumbo, near the border with Uganda, killing five civilians.",
    "Soldiers clashed with militants near Tulumbo on Sunday, the army in Kenya said.",
])
def test_a_name_after_near_or_outside_that_ends_its_phrase_is_a_place(text):
    assert "Tulumbo" in unlisted(text)


def test_several_words_and_later_mentions_are_the_same_place():
    text = ("Twenty pupils died when a jet bombed their school in Oe Thit Kone, a village in the Sagaing region.\n\n"
            "Residents of Oe Thit Kone buried the dead on Tuesday.")
    p = unlisted(text)["Oe Thit Kone"]
    assert len(p.mentions) == 2


def test_what_the_words_tie_it_to_beats_a_town_of_another_sentence():
    text = ("Gunmen raided the village of Mbalakoro in Marsabit County on Monday.\n\n"
            "Police from Nairobi arrived in Mbalakoro on Tuesday.")
    p, county = unlisted(text)["Mbalakoro"], place(text, "Marsabit")
    assert haversine_m(p.lat, p.lon, county.lat, county.lon) < 1


def test_with_no_place_in_its_sentence_the_country_not_the_dateline_city():
    # the dateline is where the reporter files from: the village may be a thousand km away
    text = "BEIJING (AP) - A landslide hit the village of Zhenmaqi on Saturday, burying 40 homes in China."
    p = unlisted(text)["Zhenmaqi"]
    assert str(p.precision) == "country" and p.country_code == "CN"


@pytest.mark.parametrize("text", [
    "Six villages were destroyed and thousands are spending the night outdoors in Iran.",
    "The rebels besieged two Shiite villages in Idlib province.",
    "School districts in Georgia are not yet laying off teachers.",
    "The crowd cheered at Obama's town hall meeting in Denver.",
    "That is what two Republican state lawmakers in Minnesota fear.",
    "Raiders attacked a Pokot village in Baringo County.",
    "Soldiers attacked a Kenyan village near the border with Somalia.",
    "On Monday village elders in Kenya met the governor.",
    "An attack on the Degodia-dominated town in Kenya left eight dead.",
    "Sunday town hall meetings in Kenya were cancelled.",
    "Police in Kenya arrested two men outside Obama's old school.",
    "The rally near Christmas in Kenya drew thousands.",
    "Teachers in Kisumu went on strike. Their leaders met outside Parliament Buildings.",  # a site: sites.py's
    "Their leaders met outside State House on Monday in Kenya.",
])
def test_words_that_say_who_or_how_many_are_no_place(text):
    assert unlisted(text) == {}


def test_an_unlisted_village_is_the_incidents_scene():
    a = analyze("Rebels killed at least 23 civilians in a night-time raid on the village of Mbalakoro in eastern "
                "Kenya on Monday, local officials said.", published=dt.date(2024, 6, 12))
    dead = [i for i in a.incidents if i.fatalities]
    assert dead and {i.place.name for i in dead} == {"Mbalakoro"}


def test_a_village_before_the_bracket_of_its_district_keeps_the_sentences_events():
    # "Eliotganj town (Comilla, Chittagong)": the bracket holds the village; a trigger nearer the bracket is the
    # village's too, not a second scene at the district (which split one toll into two)
    a = analyze("On 4 August 2024, demonstrators attacked a police station and killed a policeman in Kiboroyet town "
                "(Comilla, Chittagong), demanding the resignation of the Prime Minister over deaths during the "
                "protests.", published=dt.date(2024, 8, 4))
    assert {i.place.name for i in a.incidents if i.place is not None} == {"Kiboroyet"}


def test_destination_moves_along_the_bearing():
    lat, lon = destination(-0.1, 34.75, 90.0, 10_000)
    assert abs(haversine_m(-0.1, 34.75, lat, lon) - 10_000) < 1 and lon > 34.75 and abs(lat + 0.1) < 0.01


# -- forests ---------------------------------------------------------------------------------------------------------

def test_a_named_forest_is_an_area_and_the_forest_later_is_it():
    text = ("The gunmen are thought to have taken the boys into the Tulumbo forest, which stretches into Kaduna "
            "state. On Sunday soldiers freed 17 of them after a gunfight with the kidnappers in the forest.")
    a = analyze(text, published=dt.date(2020, 12, 14))
    forest = next(p for p in a.places if p.name == "Tulumbo Forest")
    assert str(forest.kind) == "landmark" and str(forest.precision) == "region" and len(forest.mentions) == 2
    assert {i.place.name for i in a.incidents if i.incident_type == "armed_clash"} == {"Tulumbo Forest"}


def test_a_forest_named_after_a_town_lies_in_its_area_and_takes_its_name_whole():
    # "Boni" alone reads as Bonn; "Dzombo" is a Kenyan ward: the forest is the place, in the ward's area
    p = unlisted("Suspected members of MRC attacked a policeman and killed him in Dzombo Forest.")["Dzombo Forest"]
    ward = next(c for c in default_gazetteer().lookup("dzombo") if c.country_code == "KE")
    assert haversine_m(p.lat, p.lon, ward.lat, ward.lon) < 1 and p.uncertainty_m > ward.uncertainty_m
    assert "Boni Forest" in unlisted("Al Shabaab militants attacked a police camp in Boni Forest in Lamu County.")


def test_a_forest_with_no_place_in_its_sentence_takes_the_paragraphs():
    text = ("Gunmen raided villages near Mpeketoni in Lamu and torched several houses before disappearing into "
            "Tulumbo forest. Police said they are conducting aerial patrols.")
    a = analyze(text)
    assert "Tulumbo Forest" in {p.name for p in a.places}
    # where the attackers went is not where they struck
    assert "Tulumbo Forest" not in {i.place.name for i in a.incidents if i.incident_type == "armed_violence"}


@pytest.mark.parametrize("text", [
    "Officers of the Kenya Forest Service were attacked near Burnt Forest.",
    "Thousands of people fled into the forest near Kisumu, Kenya.",
])
def test_no_forest_of_an_organisations_name_a_known_town_or_an_unnamed_forest(text):
    assert not [n for n in unlisted(text) if n.endswith("Forest")]


def test_the_owner_of_a_forest_stays_a_place_of_its_own():
    names = {p.name for p in geoparse("The act added 50,000 acres to Virginia's Jefferson National Forest.").places}
    assert {"Virginia", "Jefferson National Forest"} <= names
