"""Where an incident happened: names that qualify a road or a group are weak scenes (own sentences, Kenyan style)."""

from __future__ import annotations

import pytest

from incidentmap.pipeline import analyze


def places(text: str) -> list[str]:
    return [i.place.name for i in analyze(text).incidents if i.place is not None]


@pytest.mark.parametrize(("text", "scene", "not_scene"), [
    # a road is named after towns far from where it was blocked
    ("Hundreds of Voi residents took to the streets and barricaded the Mombasa highway.", "Voi", "Mombasa"),
    ("Traders blocked the Nairobi-Mombasa highway at Athi River to protest.", "Athi River", "Nairobi"),
    # a name qualifying an armed group says who, not where
    ("The navy shot dead three Somali pirates off Malindi.", "Malindi", "Somali"),
    # a name between an indefinite determiner or a number and a person noun says who, not where
    ("Police shot dead a Kikuyu man in Kisumu on Sunday.", "Kisumu", "Kikuyu"),
    ("Raiders killed two Kikuyu herders near Narok.", "Narok", "Kikuyu"),
    ("A Nairobi man was stabbed to death in Mombasa.", "Mombasa", "Nairobi"),
])
def test_a_name_qualifying_a_road_a_group_or_a_person_is_not_the_scene(text, scene, not_scene):
    found = places(text)
    assert scene in found
    assert not_scene not in found


def test_a_road_alone_still_places_the_event_at_its_first_town():
    # ACLED codes "along the X-Y road" at the first town (geo_precision 2); with nothing finer, so do we
    assert places("Residents protested along the Nyeri-Nyahururu road against insecurity.") == ["Nyeri"]



@pytest.mark.parametrize("text", [
    "Police clashed with cattle raiders from Uganda on Sunday.",  # where the raiders came from
    "Hundreds of students marched against the Russia-Ukraine war.",  # what the march was about
])
def test_a_place_named_only_as_origin_or_topic_does_not_locate_the_event(text):
    found = analyze(text).incidents
    assert found and all(i.place is None for i in found)


def test_a_town_named_only_as_origin_still_locates_the_event_there():
    # people of a town mostly act near it; only a country or a region of origin says nothing of the scene
    found = analyze("A mob of boda boda riders from Kitale lynched a suspected thief.").incidents
    assert found and all(i.place is not None and i.place.name == "Kitale" for i in found)


def test_the_country_of_the_article_still_locates_an_event_with_raiders_from_abroad():
    found = analyze("Kenya.\n\nPolice clashed with cattle raiders from Uganda on Sunday.").incidents
    assert [i.place.name for i in found] == ["Kenya"]


def test_a_relation_beside_a_scene_leaves_the_scene():
    assert places("Hundreds protested in Nairobi against the Kenya-Somalia talks.") == ["Nairobi"]


def test_a_town_the_text_puts_in_a_region_of_another_country_gives_way_to_the_region():
    # the bare gazetteer reads "Raya" as a town in Asia; the text puts it in a Kenyan sub-county (a constituency
    # of units.tsv.gz) of a Kenyan county
    found = analyze("Gunmen killed a trader in Raya area of Balambala sub-county, Garissa county, on Sunday.").incidents
    assert found and {(i.place.name, str(i.place.precision), i.place.country_code) for i in found} == {
        ("Balambala", "region", "KE")}


def test_a_neighbouring_country_named_near_a_town_is_not_its_container():
    found = analyze("Clashes in Osh, near the border with Uzbekistan, killed two.").incidents
    assert found and {i.place.name for i in found} == {"Osh"}


def test_a_town_in_a_bracket_stands_for_an_unnamed_place_in_its_area():
    # "Gorai" is in no gazetteer; the bracket says it lies in Tangail's district: the incident is at Tangail,
    # with a radius for that area and a region's precision, and "Dhaka" (which holds Tangail) is no second scene
    found = [i.place for i in analyze("Hundreds of villagers burned tyres in Gorai town (Tangail, Dhaka) on "
                                      "Monday.").incidents if i.place is not None]
    assert [p.name for p in found] == ["Tangail"]
    assert str(found[0].precision) == "region" and found[0].uncertainty_m >= 50_000
    # named as itself, the town keeps its own point and radius
    plain = [i.place for i in analyze("Hundreds of villagers burned tyres in Tangail on Monday.").incidents]
    assert plain and str(plain[0].precision) == "city" and plain[0].uncertainty_m < 50_000


def test_a_later_unit_of_a_bracket_stands_for_an_area_when_the_earlier_ones_are_unknown():
    # "Kolapara" and "Baripur" are in no gazetteer; of the bracket only its last, largest unit is known. The
    # incident is somewhere in that unit's area, not at the town of the same name: a region's precision
    # (the village is named as itself, unlisted.py, and placed in that area)
    a = analyze("Two groups clashed with sticks in Kolapara village (Baripur, Rajshahi) on Monday.")
    found = [i.place for i in a.incidents if i.place is not None]
    assert found and {p.name for p in found} == {"Kolapara"}
    assert {_holder(a, p).name for p in found} == {"Rajshahi"}
    assert all(str(p.precision) == "region" and p.uncertainty_m >= 50_000 for p in found)
    # outside a bracket "X, Y" may be a list: a town keeps its own claim ...
    plain = [i.place for i in analyze("Two groups clashed with sticks in Baripur, Tangail on Monday.").incidents
             if i.place is not None]
    assert plain and all(str(p.precision) == "city" for p in plain)
    # ... unless it names the first-level unit it is the seat of (Rajshahi division): then the unknown place is
    # somewhere in that unit, and no point of the town is claimed
    unit = [i.place for i in analyze("Two groups clashed with sticks in Baripur, Rajshahi on Monday.").incidents
            if i.place is not None]
    assert unit and all(str(p.precision) == "region" and p.uncertainty_m >= 100_000 for p in unit)


def test_the_first_known_unit_of_a_bracket_is_its_finest():
    # a trigger after the bracket is nearer its last unit; the first known one still says where
    a = analyze("Members of two parties met in Kolapara village (Tangail, Dhaka), during a demonstration that turned "
                "violent on Monday.")
    found = [i.place for i in a.incidents if i.place is not None]
    assert found and {p.name for p in found} == {"Kolapara"} and {_holder(a, p).name for p in found} == {"Tangail"}
    assert all(str(p.precision) == "region" for p in found)


def _holder(analysis, village):
    """The place an unlisted village was placed in the area of (its ``city_id``)."""
    return next(p for p in analysis.places if p.key == village.city_id)


@pytest.mark.parametrize("text", [
    "Two groups clashed with sticks in Zorapurkha upazila in Rajshahi on Monday.",
    "Two groups clashed with sticks in Zorapurkha sub-county, Rajshahi on Monday.",
])
def test_an_unknown_administrative_unit_in_a_town_is_somewhere_in_its_area(text):
    # the gazetteer lacks the unit; the event is in it, not at the town's point: a region's precision (the unit
    # under its own name, in the area of the town that holds it)
    a = analyze(text)
    found = [i.place for i in a.incidents if i.place is not None]
    assert found and {p.name for p in found} == {"Zorapurkha"} and {_holder(a, p).name for p in found} == {"Rajshahi"}
    assert all(str(p.precision) == "region" and p.uncertainty_m >= 50_000 for p in found)


def test_an_area_or_a_slum_of_a_town_stays_in_the_town():
    found = [i.place for i in analyze("Police fired on protesters in the Zorapurkha area of Nairobi on "
                                      "Monday.").incidents if i.place is not None]
    # named as the text names it, at the city's point with its radius: somewhere in Nairobi
    assert found and all(p.name == "Zorapurkha" and str(p.precision) == "city" for p in found)
    assert all((p.lat, p.lon, p.uncertainty_m) == (nairobi.lat, nairobi.lon, nairobi.uncertainty_m)
               for p in found for nairobi in [analyze("Protest in Nairobi.").places[0]])


@pytest.mark.parametrize(("text", "name"), [
    ("Gunmen ambushed a bus outside Elwak on Tuesday.", "El Wak"),  # the Arabic article fused to the name
    ("Two herders were shot dead near Eldoret town.", "Eldoret"),  # a name the index spells as written stays
])
def test_a_town_spelt_with_its_article_fused_is_the_town(text, name):
    assert set(places(text)) == {name}


def test_a_fused_article_does_not_make_a_place_of_an_unknown_word():
    # "Alzorpi" splits into "Al zorpi", which names nothing: no place, rather than a guess
    found = analyze("Alzorpi residents blocked a road to protest power cuts.").incidents
    assert found and all(i.place is None for i in found)


@pytest.mark.parametrize("text", [
    "Dozens of Jubilee supporters threw stones at a convoy of opposition leaders on Sunday.",  # a party's followers
    "Riots broke out over the Norway travel ban on opposition leaders.",  # whose measure, not where
    "Traders protested against US sanctions on the local bank.",
])
def test_a_name_for_followers_or_for_a_countrys_measure_is_no_scene(text):
    # (the sanctions themselves are a political act of their country: only the crowd's events are checked)
    found = [i for i in analyze(text).incidents if i.incident_type in ("protest", "riot")]
    assert found and all(i.place is None for i in found)


def test_where_a_march_sets_off_is_part_of_its_scene():
    # "from" is an origin for people ("raiders from Uganda"), not for the start of a march: the march was
    # in Kisumu first, whatever town it headed for
    assert places("Hundreds of teachers marched from Kisumu towards Kakamega to demand pay.") == ["Kisumu"]


def test_a_school_named_after_a_town_opening_a_sentence_names_the_town():
    # a lone word opening a sentence may be any capitalised word; one naming a school or a hospital is a place
    assert set(places("Kisumu Boys' High School was closed after students rioted over exams.")) == {"Kisumu"}


@pytest.mark.parametrize("text", [
    "Bandits killed two herders in Kibwezi sub-county on Friday.",
    "Bandits killed two herders in Tarbaj and Wajir East constituencies on Friday.",  # the list's first town
    "Residents blocked the Voi-Taveta highway to protest a shooting.",  # somewhere along the road
])
def test_a_town_standing_for_a_unit_or_a_road_claims_that_area(text):
    found = [i.place for i in analyze(text).incidents if i.place is not None]
    assert found and all(str(p.precision) == "region" and p.uncertainty_m >= 50_000 for p in found)


@pytest.mark.parametrize("text", [
    "Bandits killed two herders in Kibwezi, Makueni County on Friday.",  # the county holds the town
    "Traders protested in Kibwezi sub-county town on Friday.",  # the unit's seat is the town
])
def test_a_town_before_the_county_holding_it_or_as_a_units_seat_stays_the_town(text):
    found = [i.place for i in analyze(text).incidents if i.place is not None]
    assert found and all(p.name == "Kibwezi" and str(p.precision) == "city" for p in found)


def test_a_two_word_town_written_as_one_word_stands_where_its_county_is_named():
    # transliterations vary ("Mtitoandei" for Mtito Andei); another spelling needs a region named that holds it
    assert set(places("Police dispersed protesters in Mtitoandei, Makueni county, on Monday.")) == {"Mtito Andei"}
    alone = analyze("Police dispersed protesters in Mtitoandei on Monday.").incidents
    assert alone and all(i.place is None or i.place.name != "Mtito Andei" for i in alone)


def test_a_spelling_variant_needs_two_words_not_a_doubled_letter_alone():
    from incidentmap.gazetteer import default_gazetteer
    from incidentmap.mentions import _spelling_variant

    gaz = default_gazetteer()
    assert _spelling_variant("mtitoandei", gaz) == "mtito andei"
    assert _spelling_variant("kalouu", gaz) is None  # too short, and no split
    assert _spelling_variant("nairobi", gaz) is None  # the gazetteer's own spelling
    assert _spelling_variant("barnett", gaz) is None  # a surname, not Barnet: a doubled letter alone is no variant


def test_a_name_only_qualifying_persons_is_no_fallback_scene():
    # the town of that name is not where it happened; with nothing else named there is no location ...
    found = analyze("Gunmen killed a Kikuyu man. Another Kikuyu body was found nearby.").incidents
    assert found and all(i.place is None for i in found)
    # ... but the country the text names still holds it
    found = analyze("Kenya.\n\nGunmen killed a Kikuyu man. Another Kikuyu body was found nearby.").incidents
    assert found and {i.place.name for i in found} == {"Kenya"}


@pytest.mark.parametrize(("text", "scene"), [
    ("Youths protested in Kikuyu town over insecurity.", "Kikuyu"),  # a preposition of place: the town
    ("The Kisii students rioted on Monday.", "Kisii"),  # a town's own people, mostly acting there
    ("Students of an Isiolo boys school clashed on Monday.", "Isiolo"),  # a compound: the school is in the town
])
def test_a_name_with_a_person_noun_can_still_be_the_scene(text, scene):
    assert scene in places(text)


def test_a_party_or_a_celebration_named_jubilee_is_no_place():
    # GeoNames' "Jubilee" is a Victoria, BC neighbourhood; in prose the word is a party or a celebration
    found = analyze("Youths beat a Jubilee campaigner at a rally.").incidents
    assert found and all(i.place is None for i in found)


def test_a_named_site_out_in_a_towns_area_widens_the_town():
    # the plant lies out in the area the town names, not at its point: a region's radius, never the town's
    found = analyze("Youths stormed the Kedong geothermal plant in Naivasha to demand jobs.").incidents
    assert found and all(i.place.name == "Naivasha" and i.place.precision == "region"
                         and i.place.uncertainty_m >= 30_000 for i in found)
    # ... a site named after a unit the gazetteer knows (Olkaria, a ward of Naivasha): that unit holds it
    found = analyze("Youths stormed the Olkaria geothermal plant in Naivasha to demand jobs.").incidents
    assert found and all(i.place.name == "Olkaria" and i.place.precision == "region"
                         and i.place.uncertainty_m >= 30_000 for i in found)
    # an unnamed plant says nothing of where it lies: the town as it is
    found = analyze("Youths stormed a plant in Naivasha to demand jobs.").incidents
    assert found and all(i.place.precision == "city" for i in found)


def test_word_count_counts_what_the_word_pattern_finds():
    # _score_mention counts the words between a trigger and a mention with a byte translation (speed) for
    # ASCII text: every ASCII character alone, between letters and in runs, and non-ASCII text, as findall does
    import random

    from incidentmap.incidents.cues import _WORD_RE
    from incidentmap.incidents.locate import _word_count

    texts = ["", " ", "Hundreds of Voi residents took to the streets, and barricaded the Mombasa highway.",
             "O'Neill's re-take -- 3.30 p.m. at_the (x) [y]; ‘Qal‘at’ «Ça» İzmir ſaid 12 000"]
    texts += [chr(i) for i in range(128)] + [f"ab{chr(i)}cd" for i in range(128)]
    rng = random.Random(8)
    alphabet = [chr(i) for i in range(128)] + ["’", "é", "—", "\u00a0", "٣"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(2000)]
    for text in texts:
        assert _word_count(text) == len(_WORD_RE.findall(text)), repr(text)


@pytest.mark.parametrize("sentence", [
    "Protests spread nationwide on Monday.", "Shops closed across the country.", "THROUGHOUT THE COUNTRY, roads shut.",
    "In total, 40 people died.", "So far, 12 were arrested.", "The toll since the protests began is 30.",
    "since unrest started", "The Interior Ministry said 5 died.", "the interior minister spoke", "The Government said so.",
    "government said", "State television showed crowds.", "state news agency", "The National Police reported it.",
    "Police fired tear gas in Almaty.", "the nation's capital", "a totally quiet day", "Ministers met the statesman.",
    "Ça suffit: İnterior Ministry said", "ſo far, 3 died", "Protests spread nationwide ‘today’.", "",
])
def test_is_national_agrees_with_the_plain_search(sentence):
    # _is_national rules out sentences without any of _NATIONAL_WORDS before the search (speed): every
    # alternative of _NATIONAL, in any case, must still be found; and non-ASCII text keeps the plain search
    from incidentmap.incidents.locate import _NATIONAL, _is_national

    assert _is_national(sentence) == bool(_NATIONAL.search(sentence))
    assert _is_national(sentence.upper()) == bool(_NATIONAL.search(sentence.upper()))


@pytest.mark.parametrize(("text", "scene"), [
    # a country's name opening a body's or a site's name: where the body is, the town said to hold it
    ("Farmers stormed the Kenya Anti-Corruption Commission headquarters in Nairobi.", "Nairobi"),
    ("Traders protested outside the Kenya Revenue Authority offices in Mombasa.", "Mombasa"),
    ("Hundreds demonstrated at the Uganda High Commission in Nairobi on Friday.", "Nairobi"),
])
def test_a_body_named_after_a_country_lies_in_the_town_named_after_it(text, scene):
    assert places(text) and set(places(text)) == {scene}


def test_a_country_alone_stays_the_scene():
    assert set(places("Kenya Defence Forces clashed with militants in Somalia.")) == {"Somalia"}
    assert set(places("Protesters marched across Kenya on Monday.")) == {"Kenya"}


def test_a_town_named_only_as_where_the_actors_came_from_is_an_area_not_a_pin():
    # the herders act somewhere near their towns; no point of the town is claimed
    found = [i.place for i in analyze("Herders from Isiolo clashed with raiders on Friday, leaving three dead.").incidents
             if i.place is not None]
    assert found and all(p.precision == "region" and p.uncertainty_m >= 50_000 for p in found)
    # ... a town named as the scene keeps its point
    found = [i.place for i in analyze("Herders clashed with raiders in Isiolo on Friday.").incidents if i.place]
    assert found and all(p.precision == "city" for p in found)


def test_a_bracketed_town_naming_its_county_stands_for_the_whole_county():
    # Marsabit names the county it is the seat of; Jaldesa (unknown to the gazetteer) lies somewhere in it, up to
    # 230 km from the town: the radius reaches the whole county, not the town's area only
    found = [i.place for i in analyze("Two people were killed in a clash in Jaldesa (Marsabit) on Monday.").incidents
             if i.place is not None]
    assert found and all(p.name == "Marsabit" and p.precision == "region" and p.uncertainty_m >= 250_000
                         for p in found)
    # ... the town named as the scene keeps its own radius
    found = [i.place for i in analyze("Two people were killed in a clash in Marsabit town on Monday.").incidents
             if i.place is not None]
    assert found and all(p.precision == "city" and p.uncertainty_m < 10_000 for p in found)


def test_a_town_that_names_no_unit_keeps_the_usual_qualifier_area():
    from incidentmap.gazetteer import default_gazetteer
    from incidentmap.unlisted import unit_reach as _unit_reach

    gaz = default_gazetteer()
    marsabit = next(c for c in gaz.lookup("marsabit") if c.country_code == "KE")
    assert _unit_reach(marsabit, gaz) > 250_000
    athi = next(c for c in gaz.lookup("athi river") if c.country_code == "KE")
    assert _unit_reach(athi, gaz) == 0.0


@pytest.mark.parametrize("text", ["Eight people were killed in a roadside bomb attack in Kiwayu, Lamu on Tuesday.",
                                  "An IED exploded near soldiers patrolling in Lagh Kutulo, Wajir on Monday."])
def test_an_unknown_name_before_a_county_seat_and_a_comma_is_somewhere_in_the_county(text):
    found = [i.place for i in analyze(text).incidents if i.place is not None]
    assert found and all(p.precision == "region" and p.uncertainty_m >= 100_000 for p in found)


def test_a_list_of_towns_keeps_each_town():
    found = {(i.place.name, i.place.precision) for i in analyze("Protesters marched in Mombasa, Lamu and Malindi.").incidents
             if i.place is not None}
    assert ("Lamu", "city") in found


@pytest.mark.parametrize(("text", "scene", "speaker"), [
    # a capital (or a city) that speaks after a comma reports the event; it is neither the scene nor a second one
    ("Russian forces shelled homes in Kharkiv, Kyiv said.", "Kharkiv", "Kyiv"),
    ("Police shot two men in Kisumu, Nairobi said on Tuesday.", "Kisumu", "Nairobi"),
    ("Troops killed three protesters in Mandalay, Yangon-based media reported.", "Mandalay", "Yangon"),
])
def test_a_place_that_speaks_after_the_scene_is_not_its_container_nor_another_scene(text, scene, speaker):
    found = places(text)
    assert scene in found
    assert speaker not in found


def test_an_outlet_in_a_place_reports_from_there_and_its_claim_is_another_report_of_the_same_dead():
    # the radio station is in Somalia; the soldiers died near Mandera, and the claim is another report of them
    incidents = analyze("Militants killed five soldiers near Mandera. A radio station in Somalia later claimed that "
                        "the militants had killed 20 soldiers.").incidents
    assert "Somalia" not in {i.place.name for i in incidents if i.place is not None}
    assert sorted(i.fatalities for i in incidents if i.fatalities) == [5]
    # ... people in a place who speak are still there: the scene
    assert "Almaty" in places("Police in Almaty said two protesters were killed.")


@pytest.mark.parametrize("text, scene", [
    ("Al-Shabab has claimed responsibility for an attack on a Kenyan police station located along the common "
     "border in Mandera on 2 January.", "Mandera"),
    ("Gunmen attacked a Nigerian army base on the outskirts of Maiduguri on Sunday.", "Maiduguri"),
    ("Protesters (Kenya) raided CDF offices in Kisauni, writing threats on the walls demanding help.", "Kisauni"),
])
def test_a_country_named_as_an_attribute_gives_way_to_a_place_of_it_in_the_clause(text, scene):
    # a people's adjective ("a Kenyan police station") or an actor's bracketed country ("Protesters (Kenya)")
    # says whose, not where: the town the clause names is the scene
    places = {i.place.name for i in analyze(text).incidents if i.place is not None}
    assert places == {scene}


def test_a_country_named_as_a_place_or_by_the_text_keeps_its_scene():
    # "fled the country", "across Sri Lanka": the country itself, not a town named beside it
    found = analyze("Protests erupted across Kenya on Monday, with clashes in Kisumu.").incidents
    assert {(i.incident_type, i.place.name) for i in found if i.place} >= {("protest", "Kenya")}


def test_a_site_named_after_a_town_abroad_inside_a_unit_of_the_text_is_in_that_unit():
    # "Mt Carmel Academy" opened by a US town's name, said to be in Kisumu's Nyalenda: in Nyalenda, not Tennessee
    text = ("On 13 October, several nursery school children were hospitalised after police fired tear gas into the "
            "Mt Carmel Academy in the Nyalenda slum.")
    found = {(i.place.name, i.place.country_code) for i in analyze(text).incidents if i.place is not None}
    assert found == {("Nyalenda", "KE")}


def test_a_township_named_after_its_town_is_the_towns_area():
    # "in Kanbalu township" (Myanmar's townships are named after their seat towns): the town's area, not nothing
    found = [i.place for i in analyze("Jets bombed a monastery in Kanbalu township on Sunday.").incidents if i.place]
    assert found and found[0].name == "Kanbalu" and str(found[0].precision) == "region"


def test_a_base_the_troops_came_from_is_an_origin_not_the_scene():
    text = ("Gunmen stormed a hotel in Afgooye on Friday. African Union troops flown in from their base in Baidoa "
            "joined the search for the attackers.")
    deployments = [i.place.name for i in analyze(text).incidents if i.incident_type == "troop_deployment" and i.place]
    assert deployments == ["Afgooye"]


@pytest.mark.parametrize("text, town", [
    ("Militia fighters attacked a displacement camp in Djugu territory, Ituri province, killing 18 people.", "Djugu"),
    ("Gunmen abducted 20 farmers in Faskari local government area of Katsina State.", "Faskari"),
    ("Bandits killed six villagers in Kankara LGA on Sunday.", "Kankara"),
])
def test_territories_and_local_government_areas_are_the_area_their_seat_town_names(text, town):
    # DR Congo's territories and Nigeria's LGAs are units named after their seat towns, far larger than them
    found = [i.place for i in analyze(text).incidents if i.place is not None]
    assert found and {p.name for p in found} == {town}
    assert all(str(p.precision) == "region" and p.uncertainty_m >= 50_000 for p in found)


@pytest.mark.parametrize("text, town", [
    ("Twenty pupils died on Monday when a Myanmar air force jet bombed their school in Kanbalu.", "Kanbalu"),
    ("An IED meant for Kenya soldiers exploded on the road near Tarbaj on Sunday.", "Tarbaj"),
])
def test_a_country_naming_state_forces_says_whose_not_where(text, town):
    # "a Myanmar air force jet": the country qualifies the forces; the town the clause names is the scene
    found = [i.place for i in analyze(text).incidents if i.place is not None]
    assert found and {p.name for p in found} == {town}


@pytest.mark.parametrize("text, scene", [
    ("One person was killed in Starehe, Nairobi during the protest.", "Starehe"),  # a district of the city
    ("A man was lynched by a mob in Mariakani, Mombasa, on Monday.", "Mariakani"),  # a town in a bigger one's area
])
def test_a_town_after_a_comma_says_whose_area_not_a_second_scene(text, scene):
    found = [i.place for i in analyze(text).incidents if i.place is not None]
    assert found and {p.name for p in found} == {scene}
    # ... the dead stand once
    assert sum(i.fatalities or 0 for i in analyze(text).incidents) == 1


def test_a_list_of_towns_stays_a_list():
    found = {i.place.name for i in analyze("Protests took place in Nairobi, Mombasa and Kisumu.").incidents}
    assert found == {"Nairobi", "Mombasa", "Kisumu"}
