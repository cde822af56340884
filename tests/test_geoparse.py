"""Geoparser behaviour on short texts written for these tests (never the seed's sentences)."""

import pytest

from incidentmap.geo import haversine_m
from incidentmap.geoparse import geoparse


def places(text):
    return {p.name: p for p in geoparse(text).places}


def only(text, name):
    found = [p for p in geoparse(text).places if p.name == name]
    assert len(found) == 1, f"{name} not found once in {[p.name for p in geoparse(text).places]}"
    return found[0]


def test_every_mention_offset_is_exact():
    text = "KHARTOUM, Sudan (Reuters) — Sudan's army dispersed the sit-in. Omdurman and the capital were tense."
    for place in geoparse(text).places:
        for m in place.mentions:
            assert text[m.start:m.end] == m.text


def test_dateline_in_capitals_sets_focus_and_is_a_mention():
    r = geoparse("NAIROBI, Kenya (AP) — Police fired tear gas at protesters in the city centre on Tuesday.")
    assert r.focus.name == "Nairobi" and r.focus_country.name == "Kenya"
    nairobi = only("NAIROBI, Kenya (AP) — Police fired tear gas at protesters in the city centre.", "Nairobi")
    assert [m.text for m in nairobi.mentions] == ["NAIROBI"]


@pytest.mark.parametrize("dateline, city, country", [
    ("BOGOTÁ, Colombia (AP) —", "Bogotá", "CO"),
    ("SÃO PAULO (Reuters) -", "São Paulo", "BR"),
    ("ASUNCIÓN, Paraguay —", "Asunción", "PY"),
])
def test_dateline_with_accented_capitals_sets_the_focus(dateline, city, country):
    # Cali is named twice more than the dateline city: without the dateline it would be the focus.
    r = geoparse(f"{dateline} Police fired tear gas near the airport on Tuesday. The worst violence "
                 "has been in Cali, where police fired on protesters. Rights groups condemned the killings in Cali.")
    assert r.focus.name == city and r.focus.country_code == country
    airport = next(p for p in r.places if any(m.text == "the airport" for m in p.mentions))
    assert airport.country_code == country
    assert haversine_m(airport.lat, airport.lon, r.focus.lat, r.focus.lon) < 40_000  # not Cali's airport


def test_possessive_and_hyphenated_names():
    ps = places("Peru's government sent troops to Arequipa. Crowds filled Ala-Too Square in Bishkek.")
    assert "Peru" in ps and [m.text for m in ps["Peru"].mentions] == ["Peru"]
    assert ps["Ala-Too Square"].precision == "point"


def test_variant_and_former_names_resolve_to_the_current_city():
    ps = places("Flights from Alma-Ata to Nur-Sultan were cancelled, and Kiev was quiet.")
    assert {"Almaty", "Astana", "Kyiv"} <= set(ps)


def test_persons_weekdays_and_common_words_are_not_places():
    ps = places("Most shops were shut on Monday. President Kassym-Jomart Tokayev met Jordan Peterson in March. "
                "Police said the Republic would survive.")
    assert ps == {}


def test_cordoba_in_a_story_about_argentina():
    p = only("Farm unions in Argentina blocked highways near Córdoba on Monday.", "Córdoba")
    assert p.country_code == "AR"


def test_cordoba_in_a_story_about_spain():
    p = only("MADRID (Reuters) - Farmers in Spain drove tractors into Córdoba and Seville.", "Córdoba")
    assert p.country_code == "ES"


def test_georgia_next_to_atlanta_is_the_us_state():
    r = geoparse("Long queues formed in Atlanta on Tuesday. Georgia officials blamed the new machines.")
    georgia = next(p for p in r.places if p.name == "Georgia")
    assert georgia.kind == "region" and georgia.country_code == "US"


def test_georgia_next_to_its_capital_is_the_country():
    r = geoparse("Thousands marched in Tbilisi, Georgia, against the new law.")
    georgia = next(p for p in r.places if p.name == "Georgia")
    assert georgia.kind == "country" and georgia.country_code == "GE"


def test_moscow_in_a_story_about_russia():
    assert only("Russia said troops would leave Moscow for the border.", "Moscow").country_code == "RU"


def test_victoria_in_a_story_about_british_columbia():
    p = only("Wildfires spread across British Columbia. In Victoria, officials opened shelters.", "Victoria")
    assert p.country_code == "CA"


def test_qualifier_after_comma_decides():
    assert only("Officials in Victoria, British Columbia, opened shelters.", "Victoria").country_code == "CA"
    assert only("Officials in Victoria, Texas, opened shelters.", "Victoria").country_code == "US"


def test_landmark_known_elsewhere_does_not_pull_the_story():
    # The gazetteer knows a Republic Square in Almaty and Yerevan; this story is in Bishkek.
    r = geoparse("BISHKEK, Kyrgyzstan - Hundreds rallied on Republic Square in Bishkek on Monday.")
    square = next(p for p in r.places if p.name == "Republic Square")
    assert square.country_code == "KG"
    assert square.precision == "city"  # we do not know that square's position: no false point
    assert haversine_m(square.lat, square.lon, r.focus.lat, r.focus.lon) < 1000
    assert square.uncertainty_m >= 3000


def test_landmark_known_in_the_story_city_is_a_point():
    r = geoparse("Police in Kyiv cleared Independence Square overnight.")
    square = next(p for p in r.places if "Maidan" in p.name)
    assert square.precision == "point" and square.country_code == "UA"


def test_unknown_named_site_in_the_focus_city_gets_city_precision():
    r = geoparse("LIMA, Peru (AP) — Protesters marched from Plaza Dos de Mayo toward Abancay Avenue.")
    avenue = next(p for p in r.places if "Avenue" in p.name)
    assert avenue.precision == "city" and avenue.country_code == "PE"
    assert avenue.uncertainty_m >= 3000


@pytest.mark.parametrize("phrase, expected_kind, expected_precision", [
    ("the city", "city", "city"),
    ("the airport", "airport", "point"),
    ("the main square", "landmark", "point"),
    ("the country", "country", "country"),
])
def test_generic_references_resolve_against_the_focus_city(phrase, expected_kind, expected_precision):
    text = f"ALMATY, Kazakhstan - Troops guarded {phrase} on Friday."
    r = geoparse(text)
    place = next(p for p in r.places if any(m.text == phrase for m in p.mentions))
    assert place.kind == expected_kind and place.precision == expected_precision
    assert place.country_code == "KZ"


def test_generic_site_unknown_in_focus_city_is_the_city_not_a_point():
    r = geoparse("OSH, Kyrgyzstan - Crowds gathered on the main square and outside government buildings.")
    for phrase in ("the main square", "government buildings"):
        place = next(p for p in r.places if any(m.text == phrase for m in p.mentions))
        assert place.precision == "city", phrase
        assert place.uncertainty_m >= 3000
        assert haversine_m(place.lat, place.lon, r.focus.lat, r.focus.lon) < 1000


def test_the_capital_and_the_former_capital():
    r = geoparse("ALMATY, Kazakhstan - Unrest spread from the former capital to the capital.")
    by_mention = {m.text: p.name for p in r.places for m in p.mentions}
    assert by_mention["the former capital"] == "Almaty"
    assert by_mention["the capital"] == "Astana"


def test_focus_without_dateline_is_the_most_mentioned_city():
    r = geoparse("Clashes erupted in Mandalay. Later, Mandalay residents and people in Yangon marched. "
                 "In Mandalay the city was tense.")
    assert r.focus.name == "Mandalay"
    assert any(m.text == "the city" for m in r.focus.mentions)


def test_every_place_has_precision_radius_and_candidates():
    r = geoparse("YANGON, Myanmar (Reuters) - Police fired on protesters in Yangon and Mandalay, "
                 "and troops were seen near the airport.")
    for p in r.places:
        assert p.precision in ("country", "region", "city", "district", "point")
        assert p.uncertainty_m > 0
        assert 0 <= p.confidence <= 1
        assert len(p.country_code) == 2
        assert p.candidates, p.name


def test_radius_grows_with_coarser_precision():
    r = geoparse("ALMATY, Kazakhstan - Crowds gathered at the airport, in Almaty and across Kazakhstan.")
    by_precision = {p.precision: p.uncertainty_m for p in r.places}
    assert by_precision["point"] < by_precision["city"] < by_precision["country"]


def test_iata_codes_are_not_matched_as_places():
    assert places("The ALA board met. ABC reported it.") == {}


def test_empty_and_placeless_text():
    assert geoparse("").places == []
    assert geoparse("nothing here at all, just words.").places == []


def test_unknown_named_district_is_placed_at_its_city_with_city_precision():
    r = geoparse("LAGOS, Nigeria - Police fired tear gas in Oworonshoki, a suburb on the edge of Lagos. "
                 "Youths blocked roads in the Surulere district.")
    for name in ("Oworonshoki", "Surulere"):
        p = next(p for p in r.places if p.name == name)
        assert p.kind == "district" and p.precision == "city" and p.country_code == "NG"
        assert haversine_m(p.lat, p.lon, r.focus.lat, r.focus.lon) < 1000 and p.uncertainty_m >= 3000


def test_seas_and_rivers_have_water_kind_and_a_radius_that_covers_them():
    r = geoparse("Ships were stopped in the Black Sea, and farmers along the Danube protested.")
    by_name = {p.name: p for p in r.places}
    assert by_name["Black Sea"].kind == "water" and by_name["Black Sea"].uncertainty_m > 300_000
    assert by_name["Danube"].kind == "water"


def test_world_regions_are_regions_without_a_country():
    r = geoparse("Food prices rose across East Africa and Central Asia.")
    assert {p.name for p in r.places} == {"East Africa", "Central Asia"}
    assert all(p.kind == "region" and p.precision == "region" for p in r.places)


def test_a_dateline_abroad_does_not_make_the_focus():
    r = geoparse("BEIRUT (Reuters) - Syria's army shelled Idlib on Monday, and protesters in Damascus and Homs "
                 "marched again. Syrian state media said the capital was calm.")
    assert r.focus.country_code == "SY" and r.focus_country.name == "Syria"
    capital = next(p for p in r.places if any(m.text == "the capital" for m in p.mentions))
    assert capital.name == "Damascus"


def test_a_city_inside_an_unknown_site_name_owns_it():
    r = geoparse("A bomb exploded near Kabul Stadium on Friday, killing 12 people.")
    site = next(p for p in r.places if p.name == "Kabul Stadium")
    assert site.country_code == "AF" and site.precision == "city"


def test_the_main_square_belongs_to_the_city_the_story_is_in():
    r = geoparse("Tahrir Square in Cairo was packed. Later in Alexandria, protesters gathered in the main square.")
    square = next(p for p in r.places if any(m.text == "the main square" for m in p.mentions))
    assert "Alexandria" in square.name and square.precision == "city"


def test_curated_countries_and_nations_beat_villages_of_the_same_name():
    by_name = {p.name: p for p in geoparse("Police arrested 12 people across Wales and in Kosovo.").places}
    assert by_name["Wales"].kind == "region" and by_name["Wales"].country_code == "GB"
    assert by_name["Kosovo"].kind == "country" and by_name["Kosovo"].country_code == "XK"


def test_title_case_headlines_keep_their_places():
    assert {p.name for p in geoparse("Police Kill 3 Protesters In Lagos Amid Fuel Protests").places} == {"Lagos"}


def test_text_in_capitals_finds_the_same_places():
    text = "Police fired tear gas in Almaty. Independence Day was cancelled; the Alliance met in Kazakhstan."
    assert {p.name for p in geoparse(text.upper()).places} == {p.name for p in geoparse(text).places} \
        == {"Almaty", "Kazakhstan"}


def test_a_town_named_with_its_word_town_is_the_town():
    # "Migori Town" is Migori: "Town" ends no person's name; "Cape Town" stays whole.
    r = geoparse("Youths blocked the roads of Migori Town and lit bonfires on Tuesday.")
    assert [(p.name, p.country_code) for p in r.places if p.name == "Migori"] == [("Migori", "KE")]
    r = geoparse("Protesters marched through Cape Town on Monday.")
    assert "Cape Town" in [p.name for p in r.places]


def test_a_site_named_after_a_small_town_abroad_is_not_placed_there_without_a_city():
    # No city in the text: a mall whose name is a Canadian village's is not in that village.
    r = geoparse("Gunmen remained holed up in the Westgate Mall with hostages on Sunday.")
    assert not [p for p in r.places if p.name == "Westgate Mall"]
    # With its city named, it is there, with only the city's precision.
    r = geoparse("Gunmen remained holed up in the Westgate Mall in Nairobi on Sunday.")
    mall = next(p for p in r.places if p.name == "Westgate Mall")
    assert mall.country_code == "KE" and mall.precision == "city"
