"""Geoparsing classes seen on public news corpora (issue 10), each as a general rule."""

import pytest

from incidentmap.gazetteer import default_gazetteer
from incidentmap.geoparse import geoparse


def _places(text: str) -> dict[str, tuple]:
    return {m.text: (p.name, str(p.kind), p.country_code, p.admin1) for p in geoparse(text).places
            for m in p.mentions}


@pytest.mark.parametrize(("text", "name", "expected"), [
    # Country context alone does not make a famous city a village of the same name in that country.
    ("Officials in Texas said on Monday that the fire spread. The governor later flew to London for talks.",
     "London", ("London", "city", "GB", "ENG")),
    # A first-level region beats a town named after it elsewhere ("California, Maryland").
    ("Residents of Sacramento said California had not seen such fires.", "California",
     ("California", "region", "US", "CA")),
    ("A man from Indiana was arrested in Chicago, police said.", "Indiana", ("Indiana", "region", "US", "IN")),
    # ... but a region named after a city of its own still yields to the city.
    ("KHARTOUM - Protesters marched in Khartoum and Omdurman on Monday.", "Omdurman",
     ("Omdurman", "city", "SD", "29")),
])
def test_prominence_beats_country_context(text, name, expected):
    assert _places(text)[name] == expected


def test_bare_region_name_is_the_city_only_when_the_city_is_in_that_region():
    places = _places("Protesters marched in Khartoum on Monday.")
    assert places["Khartoum"][1] == "city"


@pytest.mark.parametrize(("text", "name", "admin1"), [
    # Local evidence chooses the small town: a county that holds it, a nearby town, a region named.
    ("The fire destroyed a home in Paris, police in Henry County said.", "Paris", "TN"),
    ("Deputies from the Laurel County Sheriff's Office arrested two men near London on Friday. "
     "The men were from Corbin.", "London", "KY"),
])
def test_local_evidence_chooses_the_small_town(text, name, admin1):
    place = _places(text)[name]
    assert place[2] == "US" and place[3] == admin1


def test_second_level_units_are_found_by_their_full_names_with_a_radius_that_bounds_them():
    places = {p.name: p for p in geoparse("Deputies in Laurel County, Kentucky, searched the area.").places}
    county = places["Laurel County"]
    assert county.kind == "region" and county.precision == "region" and county.admin1 == "KY"
    assert county.uncertainty_m >= 20_000
    # A bare "Laurel" is a town as often as a county: only the full name is indexed.
    assert all(c.kind != "region" for c in default_gazetteer().lookup("laurel"))


def test_regions_known_from_few_towns_are_not_drawn_as_15_km_dots():
    # In a country 600 km across or more, no first-level region is a 15 km dot (Rakhine State was, and lay
    # 97 km from its point); tiny countries keep small regions.
    gaz = default_gazetteer()
    regions = [gaz.get(k) for k in gaz.by_key if k.startswith("geonames-admin1:")]
    big = [r for r in regions if r.country_code in gaz.countries and gaz.countries[r.country_code].uncertainty_m >= 600_000]
    assert len(big) > 1000
    assert [r.name for r in big if r.uncertainty_m <= 15_000] == []


def test_a_plain_literal_of_a_well_known_city_is_found_without_context():
    places = _places("Police said cars were attacked in Oxford on Monday.")
    assert places["Oxford"][:3] == ("Oxford", "city", "GB")


@pytest.mark.parametrize(("text", "abbr", "region"), [
    ("CHARLESTON, W.Va. - A man was arrested on Monday.", "W.Va.", "West Virginia"),
    ("The men were from Corbin, Ky., police said.", "Ky.", "Kentucky"),
    ("She moved to Paris, TX, last year.", "TX", "Texas"),
    ("He lives in Vancouver, B.C., with his family.", "B.C.", "British Columbia"),
])
def test_state_and_province_abbreviations_after_a_place_in_them(text, abbr, region):
    places = {m.text: p for p in geoparse(text).places for m in p.mentions}
    assert places[abbr].name == region and places[abbr].kind == "region"


@pytest.mark.parametrize(("text", "abbr", "region"), [
    # An abbreviation with two dots or more stands on its own.
    ("The S.C. Highway Patrol is looking for leads.", "S.C.", "South Carolina"),
    ("House Majority Whip James Clyburn, D-S.C., spoke.", "S.C.", "South Carolina"),
    ("In B.C., up to 20 centimetres of snow is expected.", "B.C.", "British Columbia"),
])
def test_dotted_abbreviations_stand_alone(text, abbr, region):
    places = {m.text: p for p in geoparse(text).places for m in p.mentions}
    assert places[abbr].name == region


@pytest.mark.parametrize("text", [
    "The Pa. law was discussed, and IN the end nobody came.",  # one dot or none: never alone
    "The temple was built in 300 B.C. by the king.",  # a year
    "He met Smith, Pa. officials said.",  # not after a place of that state
    "Crowds gathered in Lyon, OR so the police said.",  # Lyon is in no US state
])
def test_abbreviations_are_not_places_on_their_own(text):
    assert all(p.kind != "region" for p in geoparse(text).places)


def test_a_lone_small_town_on_another_continent_is_not_accepted_against_the_context():
    # "Kech" (a district of Balochistan) has one reading in the gazetteer: Ketsch, Germany (an alternate name).
    text = "Security forces killed three militants in Kech, officials in Balochistan and Pakistan said. " \
           "Turbat and Quetta were calm."
    assert "Kech" not in _places(text)
    # ("Kech, Balochistan" is the province itself: see tests/test_mentions_qualifiers.py.)
    # Alone, or in a story about its own country, the same reading stands.
    assert _places("Protesters gathered in Ketsch on Monday.")["Ketsch"][2] == "DE"


@pytest.mark.parametrize("text", [
    "“We both knew what that meant,” Kristina said. Later Kristina went home.",  # speaks
    "After his arrest, Moore, 19, told the judge he was clean.",  # an age in commas
    "Marsha J. Moore and others attended the meeting.",  # a middle initial
])
def test_small_town_names_used_as_people_are_not_places(text):
    assert geoparse(text).places == []


def test_a_preposition_keeps_the_town_that_speaks_through_its_police():
    assert _places("Police in Corbin said the road was closed.")["Corbin"][2] == "US"


def test_a_site_name_never_runs_across_a_sentence_end():
    places = _places("The president was flying to the Maldives. Parliament speaker Mohamed Nasheed spoke.")
    assert places == {"Maldives": ("Maldives", "country", "MV", "")}


def test_a_possessive_is_part_of_a_site_name_unless_a_place_owns_the_site():
    places = {m.text: p for p in geoparse("Crowds gathered outside the President's House in Male on Monday.").places
              for m in p.mentions}
    assert places["President's House"].kind == "landmark" and places["President's House"].country_code == "MV"
    assert places["President's House"].precision == "city"  # unknown to the gazetteer: placed at its city
    owned = {m.text for p in geoparse("Protesters stormed Dhaka's Hazrat Shahjalal International Airport.").places
             for m in p.mentions}
    assert {"Dhaka", "Hazrat Shahjalal International Airport"} <= owned


def test_geonames_places_carry_their_geonames_id_and_continents_geonames_point():
    places = {p.name: p for p in geoparse("Protesters marched in Almaty, Kazakhstan, as leaders in Europe "
                                          "watched. Police secured Republic Square.").places}
    assert places["Almaty"].geonameid == 1526384 and places["Kazakhstan"].geonameid == 1522867
    europe = places["Europe"]
    assert europe.geonameid == 6255148 and (round(europe.lat, 2), round(europe.lon, 2)) == (48.69, 9.14)
    assert europe.uncertainty_m >= 3_500_000  # still covers the continent from that point
    feature = places["Almaty"].to_feature()["properties"]
    assert feature["geonameid"] == 1526384
    assert all(p.to_feature()["properties"]["geonameid"] is None for p in places.values() if p.kind == "landmark")


def test_generic_references_are_flagged_not_dropped():
    r = geoparse("ALMATY, Kazakhstan - Protesters stormed the city hall. The city was calm on Friday.")
    mentions = {m.text: m for p in r.places for m in p.mentions}
    assert mentions["The city"].generic and not mentions["ALMATY"].generic
    assert {"text", "start", "end", "generic"} <= set(mentions["The city"].as_dict())


def test_a_tiny_town_needs_local_evidence():
    # "Senayan" is a Jakarta district, and also a village of a few thousand people far away.
    text = ("JAKARTA, Indonesia (AP) — Troops set up checkpoints on the roads leading to the national "
            "parliament in Senayan on Saturday.")
    assert all(p.name != "Senayan" or p.precision == "city" and p.at_city_only for p in geoparse(text).places)


def test_a_village_sharing_a_word_with_a_mall_does_not_own_it():
    text = ("ATLANTA (AP) — Later in the night, looters broke into stores at the Lenox Square mall in the "
            "affluent Buckhead district, police said.")
    square = next(p for p in geoparse(text).places if p.name == "Lenox Square")
    assert square.city_id == "geonames:4180439"  # Atlanta's, not Lenox, Massachusetts


@pytest.mark.parametrize(("text", "name"), [
    ("According to the Gainesville Public Utilities department, the spill was noticed.", "Gainesville"),
    ("Dublin City Council members met on Monday.", "Dublin"),
    ("A spokesman for Oxford Police said patrols were increased.", "Oxford"),
])
def test_the_place_in_a_public_body_s_name_is_a_place(text, name):
    assert name in _places(text)


def test_other_longer_names_are_still_not_places():
    assert _places("Paris Hilton arrived on Monday.") == {}


@pytest.mark.parametrize(("text", "iata"), [
    ("COLOMBO, Sri Lanka - Flights were suspended at Bandaranaike International Airport on Monday.", "iata:CMB"),
    ("Protesters blocked Heathrow Airport in London.", "iata:LHR"),
    ("Travellers were stranded at Jomo Kenyatta Airport in Nairobi.", "iata:NBO"),
])
def test_airports_by_the_name_the_press_uses(text, iata):
    airport = next(p for p in geoparse(text).places if p.kind == "airport")
    assert airport.key == iata and airport.precision == "point"


@pytest.mark.parametrize(("text", "expected"), [
    # A local paper names its towns without their state: readings that other names can also be read near
    # (or in the same state) are chosen together, against bigger towns of the same names elsewhere.
    ("Officials from Walker County met the fire chief of Huntsville on Monday.",
     {"Walker County": "TX", "Huntsville": "TX"}),
    ("Students from Columbus and New Castle competed at the state meet.", {"Columbus": "IN", "New Castle": "IN"}),
    ("The Richmond fire department and deputies from Madison County searched the river near Berea.",
     {"Berea": "KY"}),
])
def test_names_read_together_choose_one_neighbourhood(text, expected):
    places = _places(text)
    assert {name: places[name][3] for name in expected} == expected
    assert all(places[name][2] == "US" for name in expected)


@pytest.mark.parametrize(("text", "name", "expected"), [
    # Coherence breaks ties between comparable readings in the country the story is about; it does not
    # move a world city to a namesake near another name of a list ...
    ("Nigerians rallied in Lagos and Abuja, and crowds gathered in London and Toronto.", "London", "GB"),
    # ... nor make a city of a million a hamlet of its name near the other towns named.
    ("Protests spread from Saqqez and Mahabad to Shiraz.", "Shiraz", "IR"),
])
def test_coherence_does_not_override_prominence(text, name, expected):
    place = _places(text)[name]
    assert place[2] == expected and place[0] in ("London", "Shiraz")


@pytest.mark.parametrize(("text", "name", "not_this"), [
    # GeoNames lists "Berea" among Aleppo's alternate names and "Tehran" among Tīrān's: a reading named only
    # by an alternate name yields to one that bears the name as its own.
    ("Students at the college in Berea protested on Monday.", "Berea", "Aleppo"),
    ("Protesters in Tehran chanted slogans.", "Tehran", "Tīrān"),
])
def test_a_poor_alternate_name_yields_to_a_place_of_that_name(text, name, not_this):
    assert _places(text)[name][0] != not_this


def test_abbreviated_saint_is_the_place_s_own_name():
    # "St. Petersburg" is Saint Petersburg's own name, folded: no alternate-name penalty for Russia's city.
    assert _places("Fans in St. Petersburg and Moscow celebrated.")["St. Petersburg"][2] == "RU"
    assert _places("Police in St. Petersburg and Tampa closed roads.")["St. Petersburg"][2:] == ("US", "FL")


@pytest.mark.parametrize(("text", "name"), [
    # A place naming a public body, its officer or its civic event is still a place.
    ("Laurel County Clerk Dean Johnson was honoured on Friday.", "Laurel County"),
    ("The Dublin Historical Society met on Monday.", "Dublin"),
    ("A spill was reported by Gainesville Environmental Services.", "Gainesville"),
    # whatever the apostrophe
    ("He was in the custody of the Edgar County Sheriff’s Department.", "Edgar County"),
])
def test_a_place_naming_a_public_body_or_its_officer_is_a_place(text, name):
    assert name in _places(text)


def test_a_person_named_like_a_place_is_still_not_one():
    assert _places("Georgia Brown sang on Monday.") == {}


def test_a_site_named_after_its_county_is_placed_in_that_county():
    # "Clarke County" inside the court's name is read in context; the court is placed in the county it names,
    # with the county's precision and radius, never at a distant focus city.
    court = next(p for p in geoparse("The Clarke County Superior Court ruled on Monday.").places)
    assert court.name == "Clarke County Superior Court" and court.precision == "region"
    assert court.city_id.startswith("geonames-admin2:US.") and court.uncertainty_m >= 20_000
    # ... and at the named town when that town lies in the county.
    places = {p.name: p for p in geoparse("Deputies took the man to the Walker County Jail after a chase near "
                                          "Huntsville.").places}
    jail = places["Walker County Jail"]
    assert jail.precision == "city" and jail.city_id == places["Huntsville"].key
    assert places["Huntsville"].admin1 == "TX"


def test_a_dateline_qualified_by_an_abbreviated_state_is_in_that_state():
    assert _places("CHARLESTON, W.Va. -- A man was arrested on Monday.")["CHARLESTON"][2:] == ("US", "WV")


@pytest.mark.parametrize(("text", "name", "expected"), [
    # An unqualified dateline is the reading that the article's other names can be read near ...
    ("MANSFIELD -- The city council met on Monday. Officials in Ashland said the road would reopen.",
     "MANSFIELD", ("US", "OH")),
    # ... but never an obscure namesake of a world city.
    ("LONDON (Reuters) - Shares fell on Monday. Traders in Kentucky and Ohio were calm.", "LONDON", ("GB", "ENG")),
])
def test_an_unqualified_dateline_is_read_with_the_article(text, name, expected):
    assert _places(text)[name][2:] == expected


@pytest.mark.parametrize(("text", "name"), [
    # An adjective or a quantifier before a town is no first name: the town is no surname either, and is
    # not struck from the rest of the article as a person's name.
    ("New Gainesville prison clashes with plans. Some Gainesville officials are worried.", "Gainesville"),
    ("A walk through Historic Dublin drew crowds.", "Dublin"),
])
def test_an_adjective_before_a_town_is_no_first_name(text, name):
    assert name in _places(text)


@pytest.mark.parametrize("text", [
    "The museum hosted a talk on the war by Mrs. Lincoln on Sunday.",  # a title before a name
    "The march went along Northwest 8th Avenue for an hour.",  # a compass word is a direction
])
def test_titled_names_and_compass_words_are_not_places(text):
    assert _places(text) == {}


def test_the_same_names_stay_places_where_the_text_says_so():
    assert _places("Protesters marched in Lincoln, Nebraska, on Monday.")["Lincoln"][2:] == ("US", "NE")


@pytest.mark.parametrize(("text", "name"), [
    # A town named only by a GeoNames alternate name ("Hamas" for Hamm, "Ismaili" for Ismayilli), far from
    # everything else the text names, in a country nothing else names, is no place ...
    ("Israel said it would not talk to Hamas. Talks in Cairo collapsed. Hamas officials left Gaza.", "Hamas"),
    ("The team beat Ismaili on Monday in Cairo.", "Ismaili"),
])
def test_a_lone_alternate_name_far_from_the_story_is_no_place(text, name):
    assert name not in _places(text)


def test_big_cities_exonyms_still_stand():
    # ... but a big city's exonym stands without context.
    assert _places("Protesters marched in Kiev on Monday.")["Kiev"][:3] == ("Kyiv", "city", "UA")


@pytest.mark.parametrize("text, name, country", [
    ("NAIROBI, Kenya - Two herders were shot dead in Garissa County on Monday.", "Garissa", "KE"),
    ("Bandits attacked a village in Mandera county, Kenyan police said.", "Mandera", "KE"),
])
def test_county_is_the_first_level_region_where_counties_are_first_level(text, name, country):
    """Where a country's first-level regions are counties (Kenya's 47) and its second-level units are not,
    "X County" is the region X -- never the town X with a town's radius, which would not bound the county."""
    place = next(p for p in geoparse(text).places if p.name == name)
    assert (place.kind, place.precision, place.country_code) == ("region", "region", country)
    assert place.uncertainty_m >= 50_000


def test_county_stays_the_second_level_unit_where_counties_are_second_level():
    """In the US counties are second-level units: "Washington County" is never the state of Washington."""
    places = {p.name: p for p in geoparse("Deputies in Washington County, Oregon, searched the area.").places}
    assert "Washington County" in places and places["Washington County"].country_code == "US"
    assert "Washington" not in places
@pytest.mark.parametrize(("text", "name"), [
    # A place that opens an organisation's name is still named (the body works there) ...
    ("Volunteers from the Tulsa Riding Club cleared the trail on Saturday.", "Tulsa"),
    ("The Nebraska State Baseball Association met in Lincoln on Friday.", "Nebraska"),
    # ... and so is one before its officials' titles, a party label or a day.
    ("On Monday, Oklahoma Gov. Mary Smith said the roads would reopen.", "Oklahoma"),
    ("The storm hit Kansas Sunday, flooding farms near Wichita.", "Kansas"),
])
def test_a_place_opening_an_organisations_name_or_a_title_is_a_place(text, name):
    assert name in {p.name for p in geoparse(text).places}


@pytest.mark.parametrize(("text", "word"), [
    # A first name that is also a place stays a person: one capitalised word after it may be a surname,
    # even the head of an organisation's name ("Mary Lodge").
    ("Chad Boyer, the principal, said classes would resume.", "Chad"),
    ("The award went to Sydney Lodge, a teacher at the school.", "Sydney"),
    # A newspaper named after a city reports from anywhere; a body named for a place deals with it.
    ("The Denver Post Editorial Board said the law was unfair.", "Denver"),
    ("The Hong Kong and Macao Affairs Office condemned the protesters.", "Macao"),
])
def test_a_first_name_a_newspaper_or_a_body_about_a_place_is_no_place_mention(text, word):
    assert not any(word in m.text for p in geoparse(text).places for m in p.mentions)


@pytest.mark.parametrize(("text", "names"), [
    # Two places joined by a hyphen are two places, not a double-barrelled name ...
    ("Flood waters rose in Fargo-Moorhead on Friday, officials in Minnesota said.", {"Fargo", "Moorhead"}),
    ("Relations on the Russia-Turkey border were tense.", {"Russia", "Turkey"}),
])
def test_hyphenated_places_are_places(text, names):
    assert names <= {p.name for p in geoparse(text).places}


@pytest.mark.parametrize(("text", "word"), [
    # ... while a double-barrelled first name or surname stays a person's.
    ("President Kassym-Jomart Tokayev spoke in Almaty.", "Jomart"),
    ("Nina Webb-Lawton spoke in Dublin, Ohio.", "Lawton"),
])
def test_double_barrelled_names_stay_names(text, word):
    assert not any(word in m.text for p in geoparse(text).places for m in p.mentions)


@pytest.mark.parametrize(("text", "word"), [
    # A surname after a first name and a middle initial is a person's wherever it recurs, even when it also
    # names a region ("Flores", a department of Guatemala) ...
    ("Who would have wanted Matthew D. Flores dead? Flores, 26, had just left the Army.", "Flores"),
    # ... and a small town's name closing a body's name says what the body does, not where it is.
    ("The Springfield Chamber of Commerce met on Monday.", "Commerce"),
    ("The U.S. Department of Justice said the man was charged.", "Justice"),
])
def test_surnames_and_the_domains_of_bodies_are_no_places(text, word):
    assert not any(m.text == word for p in geoparse(text).places for m in p.mentions)


def test_a_name_used_after_in_stays_a_place_though_it_once_followed_a_capitalised_word():
    # "Rodeo Tulsa" reads like a first name and a surname; "in Tulsa" says the name is the town's.
    text = "Girls may compete for queen of Rodeo Tulsa. The rodeo will be held in Tulsa in May."
    assert any(m.text == "Tulsa" for p in geoparse(text).places for m in p.mentions)


def test_a_surname_after_according_to_stays_a_person():
    text = "Judge Ann Trapani set bail. The case was heard in Oklahoma City, according to Trapani."
    assert not any(m.text == "Trapani" for p in geoparse(text).places for m in p.mentions)


def test_names_listed_before_counties_are_those_counties():
    # "Eastland and Callahan counties": each name is the county, not a town or a person of that name,
    # including a common word ("Clay") and a name after a capitalised word ("Small Hitchcock").
    places = {m.text: p for p in geoparse(
        "Flooding hit Becker, Clay and Otter Tail counties in Minnesota. Small Hitchcock and Hayes counties "
        "in Nebraska lost people.").places for m in p.mentions}
    for name, state in (("Becker", "MN"), ("Clay", "MN"), ("Otter Tail", "MN"), ("Hitchcock", "NE"),
                        ("Hayes", "NE")):
        assert places[name].name == f"{name} County" and places[name].admin1 == state



def test_names_listed_before_provinces_or_districts_are_those_regions_not_their_towns():
    # "Helmand and Kandahar provinces": Kandahar is a city too, but listed before "provinces" it is the
    # province, with a province's precision and radius; a name with no region of that name keeps its town.
    places = {m.text: p for p in geoparse(
        "Fighting spread across Helmand and Kandahar provinces on Monday. Gunmen attacked villages in "
        "Moyale and Marsabit districts.").places for m in p.mentions}
    for name in ("Helmand", "Kandahar", "Marsabit"):
        assert places[name].kind == "region" and places[name].precision == "region", name
    assert places["Moyale"].kind == "city"

@pytest.mark.parametrize(("text", "abbreviation", "state"), [
    # A state abbreviated with a dot after a town the gazetteer lacks, or after a dateline in capitals ...
    ("Burial will be in the Union Cemetery, Zzyzxville, Pa.", "Pa.", "PA"),
    ("QUARRY HOLLOW, Ill. (AP) — The company says it is closing the mine.", "Ill.", "IL"),
    # ... and the state a lawmaker represents.
    ("Sen. Bob Casey, D-Pa., called the findings troubling.", "Pa.", "PA"),
])
def test_abbreviated_states_after_any_town_or_a_party_are_states(text, abbreviation, state):
    places = {m.text: p for p in geoparse(text).places for m in p.mentions}
    assert places[abbreviation].kind == "region" and places[abbreviation].admin1 == state


def test_a_postal_code_needs_a_known_town_in_its_state():
    # "IN", "OR", "ME" are words too: after an unknown name they stay words.
    assert not any(m.text == "IN" for p in geoparse("The ballot said Zzyzxville, IN BOLD letters.").places
                   for m in p.mentions)


def test_a_county_before_capitalised_words_is_still_the_county():
    # A name ending in its unit is nobody's first name: "the Tarrant County Medical Examiner".
    text = "The Hemphill County Drug Task Force arrested two men on Friday."
    assert "Hemphill County" in {p.name for p in geoparse(text).places}


def test_an_abbreviated_province_is_not_a_town_of_that_name():
    # "Winnipeg, Man.": Manitoba, not the town of Man in Côte d'Ivoire.
    places = {m.text: p for p in geoparse("The crash happened near Winnipeg, Man., on Sunday.").places
              for m in p.mentions}
    assert places["Man."].name == "Manitoba" and "Man" not in places


@pytest.mark.parametrize(("text", "name"), [
    # "the Inca citadel" uses a name as an adjective; "the Tulsa area", "the Laconia police" name the town.
    ("Heavy rain is expected in the Laconia area on Tuesday, forecasters said.", "Laconia"),
    ("Officers from the Laconia police department searched the lake.", "Laconia"),
])
def test_a_town_before_a_local_noun_is_the_town(text, name):
    assert name in {p.name for p in geoparse(text).places}


def test_a_small_town_used_as_an_adjective_is_still_no_place():
    assert "Inca" not in {p.name for p in geoparse("Tourists climbed to the Inca citadel at dawn.").places}


def test_a_common_word_opening_a_sentence_vouches_for_no_alternate_name():
    # "Hamas" is among Hamm's GeoNames alternate names; "As" (a Belgian town too) opening a sentence is a
    # word, not a place near Hamm that would make the alias plausible.
    text = ("She said she had no intention of talking to Hamas. As the talks went on, the leaders of Hamas "
            "said they wanted the crossings into Gaza reopened.")
    assert "Hamm" not in {p.name for p in geoparse(text).places}


@pytest.mark.parametrize("text", [
    "In Georgia, Federal and state officials are nearly certain the men are still alive.",
    "In Cairo, he said some Arab countries welcomed the visit.",
    "In Nashville, Tennessee, Metro Police said the driver was taken to hospital.",
])
def test_adjectives_that_geonames_lists_as_places_are_words(text):
    assert not any(m.text in ("Federal", "Arab", "Metro") for p in geoparse(text).places for m in p.mentions)


# -- "X, Y" where Y is a city: X is a part of that city ------------------------------------------------

def _placed(text: str) -> dict[str, tuple[float, float, float]]:
    return {p.name: (p.lat, p.lon, p.uncertainty_m) for p in geoparse(text).places}


def test_a_part_named_before_its_city_is_not_a_namesake_far_away():
    # Kenya's only gazetteer Majengo lies ~700 km from Mombasa: drawn there with a town's radius it would be
    # false precision; the city the text names stands for it
    placed = _placed("Police shot two people in Majengo, Mombasa.")
    assert "Mombasa" in placed
    assert "Majengo" not in placed


def test_a_list_of_cities_is_not_a_part_and_its_city():
    placed = _placed("Protests spread to Nairobi, Mombasa and Kisumu on Monday.")
    assert {"Nairobi", "Mombasa", "Kisumu"} <= set(placed)
    placed = _placed("Rallies were held in Almaty, Astana, Shymkent and Aktobe.")
    assert {"Almaty", "Astana", "Shymkent", "Aktobe"} <= set(placed)


def test_a_town_before_its_region_is_unchanged():
    placed = _placed("Protesters gathered in Springfield, Ohio.")
    assert "Springfield" in placed and placed["Springfield"][0] == pytest.approx(39.92, abs=0.1)


def test_a_town_before_a_city_named_like_its_province_is_kept():
    # "Kushtia, Khulna": Khulna is the division as well as its city, and Kushtia lies in that division
    placed = _placed("Party supporters clashed in Kushtia, Khulna on Friday.")
    assert "Kushtia" in placed


def test_a_name_does_not_vouch_for_itself_by_repetition():
    # Four "London"s read as England in the first round must not outvote the country the text names.
    text = ("A vigil was held in London on Sunday. Speakers in London thanked Canada for its help. "
            "The organisers in London said Canada should do more. Police in London estimated the crowd at 300.")
    assert _places(text)["London"] == ("London", "city", "CA", "08")


@pytest.mark.parametrize("text", [
    # ... while repetition in a story about another country is no evidence for a same-named town there.
    "Officials in Texas said on Monday that the fire spread. The governor later flew to London for talks. "
    "In London he met bankers, and he left London on Friday.",
    "Officials in Houston, Texas said the fire spread. The governor later flew to London. In London he met "
    "bankers. Texas will send help.",
])
def test_a_repeated_famous_city_stays_famous_without_local_evidence(text):
    assert _places(text)["London"] == ("London", "city", "GB", "ENG")


@pytest.mark.parametrize(("text", "name", "expected"), [
    # A state named bare is the state, even where the text's other places sit beside a town of its name...
    ("Deputies in Goshen and Middletown said a man who had moved from Florida was arrested after a chase in "
     "New York.", "Florida", ("Florida", "region", "US", "FL")),
    ("Farmers near Madison and Janesville said Oregon had sent them seed.", "Oregon",
     ("Oregon", "region", "US", "OR")),
    # ... while the text's own qualifier, or calling it a town, chooses the town.
    ("Deputies in Goshen and Middletown said a man from Florida, N.Y. was arrested after a chase.", "Florida",
     ("Florida", "city", "US", "NY")),
    ("Farmers near Madison and Janesville said the Oregon Police Department had closed the road.", "Oregon",
     ("Oregon", "city", "US", "WI")),
])
def test_a_town_named_like_a_state_of_its_country_needs_a_qualifier(text, name, expected):
    assert _places(text)[name] == expected


@pytest.mark.parametrize(("tail", "state"), [
    # Same-named counties exist in many states and cohere with each other anywhere: a state the text names,
    # or a town of one reading, says which.
    ("The state of Kentucky will pay for the new roads.", "KY"),
    ("The road will run to Zionsville.", "IN"),
])
def test_same_named_counties_follow_the_text_s_unambiguous_region(tail, state):
    text = ("Officials from Madison County met on Monday with Montgomery County leaders. Jefferson County sent "
            "no one. " + tail)
    places = _places(text)
    assert {places[n][3] for n in ("Madison County", "Montgomery County", "Jefferson County")} == {state}


@pytest.mark.parametrize(("text", "expected"), [
    # A text that names no country still reads its names together: two London districts side by side ...
    ("Pupils from a primary school in Edmonton planted a new garden this week. Councillors from Enfield "
     "praised the work.", {"Edmonton": "GB", "Enfield": "GB"}),
    # ... while each alone, or beside a neighbour of the famous reading, stays the famous reading.
    ("Pupils from a primary school in Edmonton planted a new garden this week.", {"Edmonton": "CA"}),
    ("Pupils from a primary school in Edmonton planted a new garden this week. Councillors from Calgary "
     "praised the work.", {"Edmonton": "CA", "Calgary": "CA"}),
])
def test_names_read_together_without_any_country_evidence(text, expected):
    places = _places(text)
    assert {name: places[name][2] for name in expected} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A town of one reading says which state the text is in, even 200 km from the name it decides (too far
    # for "read near it"): here it outweighs a Californian namesake of the neighbouring province.
    ("Dublin City Council approved the budget on Monday. The park was designed by a firm from Toronto, Ontario. "
     "A similar park opened in Cuyahoga Falls last year.", ("Dublin", "city", "US", "OH")),
    # Without it the famous city stays.
    ("Dublin City Council approved the budget on Monday. The park was designed by a firm from Toronto, Ontario.",
     ("Dublin", "city", "IE", "L")),
])
def test_a_city_leans_to_the_region_the_text_s_unambiguous_places_are_in(text, expected):
    assert _places(text)["Dublin"] == expected


def test_one_unambiguous_town_elsewhere_does_not_outvote_a_cluster():
    text = ("The Columbus City Council met on Monday. Council members from Cleveland and Toledo joined the "
            "meeting, as did a delegation from Sylvester.")
    assert _places(text)["Columbus"] == ("Columbus", "city", "US", "OH")


@pytest.mark.parametrize(("text", "name", "expected"), [
    # The press names an airport by the word after its city's name: a bare "Heathrow" is the airport ...
    ("Flights were delayed at Heathrow on Saturday, the airline said.", "Heathrow",
     ("London Heathrow Airport", "airport", "GB", "")),
    # ... unless the text is beside the small town of that name,
    ("Police in Orlando said a man from Heathrow was arrested in Florida.", "Heathrow",
     ("Heathrow", "city", "US", "FL")),
    # and a town of the name in the airport's own country, or an airport named after its city, stays the town.
    ("Police in Logan said a man was arrested on Monday near Salt Lake City.", "Logan",
     ("Logan", "city", "US", "UT")),
    ("Flights into Newark were delayed on Monday.", "Newark", ("Newark", "city", "US", "NJ")),
])
def test_a_bare_airport_name_is_the_airport_unless_a_town_is_meant(text, name, expected):
    assert _places(text)[name] == expected


@pytest.mark.parametrize(("text", "name", "expected"), [
    # A region named beside the name (the same sentence or the next one) chooses its reading among
    # comparable towns, over a region the text names farther away ...
    ("The new clinic opened in Mount Pleasant on Monday, the East Texas health board said. Staff had waited "
     "two years for it. The building cost more than planned. Its director grew up in Michigan.",
     "Mount Pleasant", ("Mount Pleasant", "city", "US", "TX")),
    ("Staff said the new clinic in Mount Pleasant will open on Monday. Its director grew up in Texas. The "
     "building cost more than planned. The board met in Michigan last week.",
     "Mount Pleasant", ("Mount Pleasant", "city", "US", "TX")),
    ("The hospital in Elizabethtown hired forty nurses this year. Pennsylvania paid for half of the new "
     "wing. A donor from New Jersey gave the rest.", "Elizabethtown", ("Elizabethtown", "city", "US", "PA")),
    # ... but a state named bare beside another state's name is still the state, not its namesake town.
    ("Fans drove in from Ohio to Montana and Wyoming to watch the race.", "Wyoming",
     ("Wyoming", "region", "US", "WY")),
])
def test_a_region_named_beside_a_name_chooses_its_reading(text, name, expected):
    assert _places(text)[name] == expected


@pytest.mark.parametrize("text", [
    # A country's name opening a sentence is still the country and tells what the text is about: a state
    # named in passing three sentences later gives no Paris of its own.
    "Ministers met in Paris on Monday. France wants a deal, officials said. A delegate had flown in from Texas.",
    "Talks resumed in Paris. Germany and France signed the text. One observer had come from Kentucky.",
])
def test_a_country_opening_a_sentence_counts_as_evidence(text):
    assert _places(text)["Paris"][2] == "FR"


def test_names_read_side_by_side_are_read_near_each_other():
    # Two names in one sentence with readings next to each other are that pair, though the text named another
    # country two sentences earlier and the bigger reading of one of them lies there.
    text = "Her father grew up in Ireland. She moved often. She now lives in Dublin and works in Pleasanton."
    assert _places(text)["Dublin"][2:] == ("US", "CA")


def test_a_name_inside_another_is_no_second_witness_beside_it():
    # "North X" beside "X" is the same name again: it does not carry X off to its own neighbourhood against
    # the state the text names.
    text = ("Her father grew up in Virginia. She moved often. A shooting was reported in North Richmond. "
            "Richmond police were called.")
    assert _places(text)["Richmond"][2:] == ("US", "VA")


@pytest.mark.parametrize(("text", "name", "country"), [
    # A landmark the gazetteer ties to one city, named beside the name, says which city it is, against the
    # home state the text names and a town of that name in it.
    ("A teacher from Idaho was on holiday. She watched a parade in Moscow near Red Square.", "Moscow", "RU"),
    ("GEORGETOWN, Ky. - A Kentucky family is safe. They were on holiday in Paris when a fire broke out near "
     "the Champs-Elysees on Friday.", "Paris", "FR"),
    # Without the landmark the home state's town stands.
    ("A teacher from Idaho was on holiday. She watched a parade in Moscow on Friday.", "Moscow", "US"),
])
def test_a_landmark_named_beside_a_city_chooses_that_city(text, name, country):
    assert _places(text)[name][2] == country


@pytest.mark.parametrize(("text", "expected"), [
    # A name beside another vouches, once read, for the readings near where it was read, though that reading
    # is an obscure one of its name (Paris, Tennessee against Paris, France) and could vouch for nothing before.
    ("A man from Paris was arrested on Sunday. He was taken to the jail in Jackson.",
     {"Paris": "TN", "Jackson": "TN"}),
    ("Deputies in Henry County said a Paris woman was hurt. She was taken to a hospital in Jackson.",
     {"Henry County": "TN", "Paris": "TN", "Jackson": "TN"}),
])
def test_a_name_read_beside_vouches_for_its_neighbours(text, expected):
    places = _places(text)
    assert {name: places[name][3] for name in expected} == expected


@pytest.mark.parametrize(("text", "expected"), [
    # The text puts a place by a city: both are read where they lie by each other ...
    ("Residents of Kingston, near Hobart, lost power.", {"Kingston": ("AU", "06"), "Hobart": ("AU", "06")}),
    ("A crash closed the road in Hamilton, just outside Brisbane.", {"Hamilton": ("AU", "04")}),
    ("The Dallas suburb of Richardson got a new library.", {"Richardson": ("US", "TX")}),
])
def test_a_place_put_by_a_city_is_read_by_it(text, expected):
    places = _places(text)
    assert {name: places[name][2:] for name in expected} == expected


def test_a_place_put_by_a_city_with_no_reading_there_is_not_drawn_far_away():
    # ... and a place the gazetteer knows only elsewhere stays unplaced rather than 3,500 km off.
    places = _places("She lives in Oakland, near Pittsburgh.")
    assert "Oakland" not in places and places["Pittsburgh"][2:] == ("US", "PA")
