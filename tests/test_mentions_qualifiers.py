"""incidentmap.mentions: a town qualified by its state or country ("Town, State", "Town, Abbrev."),
abbreviated words of names ("St.", "Ft.", "Co.") and datelines' state abbreviations."""

import pytest

from incidentmap.geoparse import geoparse
from incidentmap.models import Kind, Precision


def _by_mention(text: str) -> dict:
    return {m.text: p for p in geoparse(text).places for m in p.mentions}


# -- "Town, State" where the gazetteer holds no such town in that state --------------------------------

@pytest.mark.parametrize(("text", "town", "region"), [
    ("Her sister Ann lives in Detroit, Texas, with her husband.", "Detroit", "Texas"),
    ("The body was found near Moscow, Kentucky; police are investigating.", "Moscow", "Kentucky"),
    ("The baby was born in Churchill, Man. and flown south.", "Churchill", "Manitoba"),
])
def test_a_town_the_gazetteer_lacks_in_the_named_state_is_that_state_not_a_namesake(text, town, region):
    places = _by_mention(text)
    place = places[town]
    # The honest answer: the state at region precision, its radius covering it; never a pin in another state.
    assert place.name == region and place.kind == Kind.REGION and place.precision == Precision.REGION
    assert place.uncertainty_m > 100_000


def test_a_district_the_gazetteer_knows_only_abroad_is_its_named_province():
    # The gazetteer's only "Kech" is Ketsch, Germany (an alternate name): "Kech, Balochistan" is in Pakistan.
    place = _by_mention("Security forces killed three militants in Kech, Balochistan, officials said.")["Kech"]
    assert place.country_code == "PK" and place.precision == Precision.REGION


def test_a_town_known_in_the_named_state_keeps_its_town_reading():
    places = _by_mention("A man was arrested in Paris, Texas, on Friday.")
    assert places["Paris"].kind == Kind.CITY and places["Paris"].admin1 == "TX"


@pytest.mark.parametrize(("text", "name"), [
    # A list of places qualifies nothing.
    ("Flights from Dubai, Qatar and Oman were cancelled.", "Dubai"),
    ("Flights from Dubai, Qatar, Bahrain and Oman were cancelled.", "Dubai"),
    # A person, then a sentence's subject: "According to Lyon, France will ..." names no town.
    ("The minister met Tbilisi officials in Tbilisi, Georgia, on Monday.", "Tbilisi"),
])
def test_lists_and_right_pairs_keep_the_town(text, name):
    assert _by_mention(text)[name].kind == Kind.CITY


def test_a_person_before_a_country_is_not_a_town_in_it():
    places = _by_mention("According to Conrad, South Africa increasingly spreads its exports.")
    assert "Conrad" not in places


# -- abbreviations -------------------------------------------------------------------------------------

def test_a_state_abbreviation_after_a_known_name_read_as_a_place():
    # "Man" is a town in Côte d'Ivoire: after a place and a comma it is Manitoba.
    places = _by_mention("She was born in Churchill, Man. in the winter.")
    assert places["Man."].name == "Manitoba" and "Man" not in places


def test_a_dateline_state_abbreviation_without_its_dot():
    places = _by_mention("EDMONTON, Ky (WBKO) -- One of the biggest fires in Metcalfe County history burned.")
    assert places["Ky"].name == "Kentucky"
    assert places["EDMONTON"].kind == Kind.CITY and places["EDMONTON"].admin1 == "KY"


def test_a_dateline_town_unknown_in_its_state_is_not_a_namesake_elsewhere():
    result = geoparse("HOLLIDAY, Mo. — A 25-year-old man was arrested Friday after a crash.")
    places = {m.text: p for p in result.places for m in p.mentions}
    assert places["HOLLIDAY"].name == "Missouri" and places["HOLLIDAY"].precision == Precision.REGION
    assert result.focus is None or result.focus.admin1 == "MO"


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("ST. PARIS — Neighbours gathered west of St. Paris, Champaign County, on Sunday.", "St. Paris", "Saint Paris"),
    ("The fire at Ft. Myers spread to two houses.", "Ft. Myers", "Fort Myers"),
])
def test_abbreviated_first_words_of_town_names(text, name, expected):
    assert _by_mention(text)[name].name == expected


def test_a_saints_day_is_no_town():
    places = _by_mention("Crowds marked St. Patrick's Day in the park.")
    assert not any(p.kind == Kind.CITY for p in places.values())


def test_county_abbreviated_in_a_dateline_or_before_its_people():
    assert _by_mention("PLYMOUTH CO. - A suspect in a farm auction theft was arrested.")["PLYMOUTH CO"].name \
        == "Plymouth County"
    assert _by_mention("A Loudon Co. man died in a wreck on Sunday.")["Loudon Co"].name == "Loudon County"
    # In prose "Crane Co." is as often a company.
    assert "Crane Co" not in _by_mention("The land is owned by private firms, including Crane Co. of Stamford.")


def test_a_wide_region_named_bare_and_its_small_namesake_town_named_with_its_word():
    assert _by_mention("Violence spread across Veracruz, Mexico, on Monday.")["Veracruz"].kind == Kind.REGION
    place = _by_mention("Police in Veracruz city, Mexico, arrested two men.")["Veracruz city"]
    assert place.kind == Kind.CITY and place.country_code == "MX"
    assert _by_mention("Legal in Quebec since 2003, the rule stays.")["Quebec"].kind == Kind.REGION


def test_a_surname_is_not_saved_by_a_big_city_that_has_it_only_as_an_alternate_name():
    # GeoNames lists "Manning" as an alternate name of Wanning, China (half a million people): the judge's
    # surname is still a surname everywhere in the text.
    from incidentmap.gazetteer import default_gazetteer
    from incidentmap.mentions import scan_names
    from incidentmap.segment import sentences

    text = ("On Monday, Circuit Court Judge Casey Manning ruled the city did have a contract. "
            "In issuing his order, Manning cited three depositions.")
    found = scan_names(text, default_gazetteer(), sentences(text))
    assert not any(m.text == "Manning" for m in found)


@pytest.mark.parametrize(("text", "abbr", "region"), [
    ("Missing Ill. man found in a stolen car.", "Ill.", "Illinois"),
    ("Scandal-plagued Ga. pastor to be buried Saturday.", "Ga.", "Georgia"),
    ("Western Mass. stargazers gathered on the hill.", "Mass.", "Massachusetts"),
])
def test_an_abbreviation_qualifying_the_word_after_it_is_the_state(text, abbr, region):
    place = _by_mention(text)[abbr]
    assert place.name == region and place.kind == Kind.REGION


@pytest.mark.parametrize("text", [
    "He attended Mass. Later he went home.",  # a sentence's end: a capital follows
    "The temple was built in 300 B.C. by the king.",  # a year
])
def test_an_abbreviation_ending_a_sentence_or_after_a_number_is_no_state(text):
    assert all(p.kind != Kind.REGION for p in geoparse(text).places)


def test_a_possessive_before_a_name_is_its_owner_not_a_first_name():
    from incidentmap.gazetteer import default_gazetteer
    from incidentmap.mentions import scan_names
    from incidentmap.segment import sentences

    text = "The local reaction to Thursday's Ontario budget speech was mixed."
    assert [m.text for m in scan_names(text, default_gazetteer(), sentences(text))] == ["Ontario"]
    # A first name still makes a surname: "Pedro Castillo".
    text = "President Pedro Castillo spoke on Monday."
    assert not scan_names(text, default_gazetteer(), sentences(text))


def test_a_state_or_a_people_before_a_lower_case_generic_word_is_no_named_site():
    places = _by_mention("He was held at a California prison for years.")
    assert places["California"].kind == Kind.REGION and "California prison" not in places
    places = _by_mention("Ships docked at the Syrian port of Tartus.")
    assert places["Syrian"].kind == Kind.COUNTRY and places["Syrian"].country_code == "SY"
    # A city's name before it still makes a site of that city.
    assert _by_mention("He was held at Kandahar prison for years.")["Kandahar prison"].kind == Kind.LANDMARK


def test_a_generic_word_is_no_airport_and_no_country():
    # "Island": Iceland's own name folded, and the word of many airports ("Annette Island Airport").
    assert not _by_mention("The storm hit the North Island and the South Island.")


@pytest.mark.parametrize("text", [
    "Yogananda blended Eastern traditions with yoga in Saudi Arabia.",
    "Madison Southern High School beat Eastern High School in Kenya.",
])
def test_a_compass_word_before_another_word_is_no_region(text):
    assert not any(p.kind == Kind.REGION for p in geoparse(text).places)


def test_a_compass_region_before_its_noun_stays():
    assert _by_mention("Rains hit the Eastern region of Ghana.")["Eastern region"].country_code == "GH"


def test_four_or_five_capitals_in_prose_are_an_acronym_but_a_dateline_stays():
    places = _by_mention("The NICE program will tidy neighbourhoods, said KENT MALLETT of the council in Kenya.")
    assert set(places) == {"Kenya"}
    assert _by_mention("OMAHA -- A man was arrested on Monday.")["OMAHA"].name == "Omaha"


def test_a_dateline_without_its_dash_is_no_longer_name():
    from incidentmap.gazetteer import default_gazetteer
    from incidentmap.mentions import scan_names
    from incidentmap.segment import sentences

    text = "WASHINGTON Barack Obama pardoned his last turkey as president on Wednesday."
    assert "WASHINGTON" in [m.text for m in scan_names(text, default_gazetteer(), sentences(text))]


def test_a_town_cue_brings_back_the_town_a_wide_region_took_the_bare_name_from():
    assert _by_mention("Quebec mayor Régis Labeaume spoke on Monday.")["Quebec"].kind == Kind.CITY
    assert _by_mention("Police in the city of Veracruz, Mexico, arrested two men.")["Veracruz"].kind == Kind.CITY
    assert _by_mention("The Quebec government said it would appeal.")["Quebec"].kind == Kind.REGION


def test_a_dateline_names_the_town_where_a_wide_region_took_the_bare_name():
    from incidentmap.gazetteer import default_gazetteer
    from incidentmap.mentions import find_dateline

    city, _span = find_dateline("QUEBEC (Reuters) - The province's premier said on Monday.", default_gazetteer())
    assert city is not None and city.kind == Kind.CITY and city.country_code == "CA"


def test_a_town_named_with_its_state_stands_even_as_a_common_word_opening_a_sentence():
    # "Hammond" is also a surname (a common word in the gazetteer's list); with its state it is the town there.
    place = _by_mention("Boaters were ticketed. HAMMOND, Ind. (AP)  The state's rangers said so.")["HAMMOND"]
    assert place.kind == Kind.CITY and place.admin1 == "IN"


# -- the prefilter that spares texts without abbreviations the four big scans ----------------------------

def test_the_abbreviation_prefilter_lets_through_every_spelling_the_scans_read():
    from incidentmap.gazetteer import Gazetteer
    from incidentmap.mentions import _abbreviation_re, _dotted_abbreviation_re, _mentions_abbreviation

    abbreviations = tuple(Gazetteer().region_abbreviations())
    scan, dotted = _abbreviation_re(abbreviations), _dotted_abbreviation_re(abbreviations)
    for a in abbreviations:
        # Every spelling a scan reads: inner dots with and without a space ("W.Va.", "W. Va.", "N.  Dak.").
        spellings = {a[:-1].replace(".", sep) + a[-1] for sep in (".", ". ")} | {a}
        for spelt in spellings:
            for text in (f"It happened in Paris, {spelt} on Monday.", f"Sen. Bob Casey, D-{spelt} said so."):
                if scan.search(text) or dotted.search(text):
                    assert _mentions_abbreviation(text, abbreviations), text
    # ... and texts without any pass over them (the point of it): "U.S." and "Mr." are none.
    assert not _mentions_abbreviation("The U.S. envoy met Mr. Smith in Paris, France.", abbreviations)
    assert not _mentions_abbreviation("no capitals at all, and pa. or tx in lower case", abbreviations)


def test_every_district_word_holds_one_of_the_stems_the_prefilter_looks_for():
    import re

    from incidentmap.mentions import _DISTRICT_WORD_STEMS, _DISTRICT_WORDS

    words = ["suburb", "neighbourhood", "neighborhood", "district", "township", "quarter", "slum", "shantytown",
             "enclave"]
    alternatives = _DISTRICT_WORDS.strip("(?:)").split("|")
    assert len(alternatives) == len(words) - 1  # neighbou?rhood spells two of them: a new word needs a stem here
    for word in words:
        assert re.fullmatch(_DISTRICT_WORDS, word)
        assert any(stem in word for stem in _DISTRICT_WORD_STEMS), word


def test_a_town_qualified_once_is_the_same_town_at_every_mention():
    # The gazetteer holds no Belgrade in Minnesota: the qualified mention stands for the state, and so does
    # the bare one (not Belgrade, Serbia).
    from incidentmap.geoparse import geoparse
    text = ("BELGRADE, Minn. (AP) — A man was found dead after firefighters put out a blaze at a house in "
            "Belgrade on Saturday. The Stearns County sheriff said the fire started in the kitchen.")
    keys = {m.text: p.key for p in geoparse(text).places for m in p.mentions}
    assert keys["Belgrade"] == "geonames-admin1:US.MN"


def test_a_name_qualified_by_two_places_keeps_each_and_lends_neither():
    from incidentmap.geoparse import geoparse
    text = ("Springfield, Ohio, and Springfield, Illinois, both held elections. Voters in Springfield, Illinois, "
            "backed the levy; turnout in Springfield, Ohio, was low.")
    states = {p.admin1 for p in geoparse(text).places if p.name == "Springfield"}
    assert states == {"OH", "IL"}
