"""The scoring weights' single home (incidentmap/disambiguate.py)."""

import dataclasses

import pytest

from incidentmap.disambiguate import WEIGHTS, DisambiguationWeights
from incidentmap.geoparse import geoparse


def test_weights_are_frozen_and_named():
    with pytest.raises(dataclasses.FrozenInstanceError):
        WEIGHTS.accept = 0.0
    assert WEIGHTS == DisambiguationWeights()
    assert WEIGHTS.rounds >= 1 and WEIGHTS.accept > WEIGHTS.accept_single_reading


def test_region_holding_a_named_city_wins():
    r = geoparse("Protesters marched in Atlanta on Saturday. Georgia's governor declared an emergency.")
    georgia = [p for p in r.places if p.name == "Georgia"]
    assert georgia and georgia[0].country_code == "US" and georgia[0].kind == "region"


def test_a_curated_nation_is_the_named_region_of_its_towns():
    # "England" read as the curated row (it outranks GeoNames' GB.ENG) must still count as the region of the
    # English town named beside it: Newmarket in Suffolk, not Ontario's larger one. (Before curated regions
    # carried their GeoNames code, the curated England held no town and Ontario won.)
    r = geoparse("Newmarket trainer retires. The trainer, who was born in Ireland, came to England in 1970 "
                 "and worked at a yard near Newmarket.")
    by_name = {p.name: p for p in r.places}
    assert by_name["England"].key == "region:GB-ENG"
    assert (by_name["Newmarket"].country_code, by_name["Newmarket"].admin1) == ("GB", "ENG")


def test_new_england_is_no_england():
    r = geoparse("The New England chapter held a dinner in Concord on Friday.")
    names = {p.name: p for p in r.places}
    assert "England" not in names and names["New England"].country_code == "US"


def test_a_county_is_read_against_the_final_reading_of_its_town():
    # Rounds score against the previous round's readings: "Paris" and "Henry County" swapped between
    # Tennessee and Kentucky in step and the last round left Paris in Tennessee, the county in Kentucky.
    r = geoparse("A Paris woman was charged Friday. According to the Henry County Sheriff's Department, her car "
                 "was found on Lone Oak Road.")
    by_name = {p.name: p for p in r.places}
    assert by_name["Henry County"].admin1 == by_name["Paris"].admin1 == "TN"


def test_a_town_called_city_is_the_town_the_text_reads():
    # "Springfield City" is an alternate name of Springfield, Mass. only; beside Springfield, Ohio, it is Ohio's.
    r = geoparse("The bus driver retired in Springfield, Ohio, on Friday. He drove for the Springfield City "
                 "Area Transit for 30 years.")
    read = {m.text: (p.name, p.admin1) for p in r.places for m in p.mentions}
    assert read["Springfield City"] == read["Springfield"] == ("Springfield", "OH")


def test_an_abbreviated_town_name_is_read_among_all_its_towns():
    r = geoparse("The Mt. Pleasant band won a trophy at the contest in Iowa City. Mt. Pleasant will play in "
                 "Des Moines next month.")
    assert {p.name: p.admin1 for p in r.places}["Mount Pleasant"] == "IA"


def test_a_name_listed_with_regions_of_one_country_is_that_countrys_region():
    # Alberta context all round, and a hamlet called Queensland in Alberta: the list says which Queensland.
    from incidentmap.geoparse import geoparse
    text = ("Alberta must invest in Asia. Alberta's trade office opened in Calgary. Red Deer and Edmonton firms "
            "joined the Alberta mission. Trade visits are something that New South Wales, Western Australia and "
            "Queensland all do.")
    queensland = [p for p in geoparse(text).places if p.name == "Queensland"]
    assert [(p.kind.value, p.country_code) for p in queensland] == [("region", "AU")]


@pytest.mark.parametrize("text, name, kind, cc", [
    ("Delegates from France, Germany and Georgia met in Brussels.", "Georgia", "country", "GE"),
    ("Storms hit Texas, Oklahoma and Georgia on Monday.", "Georgia", "region", "US"),
    ("He lived in Paris and Texas before the war.", "Paris", "city", "US"),  # one peer is no list
])
def test_list_peers_leave_readings_of_their_own_sort(text, name, kind, cc):
    from incidentmap.geoparse import geoparse
    place = next(p for p in geoparse(text).places if p.name == name)
    assert (place.kind.value, place.country_code) == (kind, cc)


@pytest.mark.parametrize("text, name, kind, cc", [
    ("The senator backed the Oregon and Washington laws on assisted dying.", "Washington", "region", "US"),
    ("Police in Washington, Pennsylvania, closed the road.", "Washington", "city", "US"),  # a place and its state
])
def test_two_names_joined_by_and_are_a_list_a_comma_is_not(text, name, kind, cc):
    from incidentmap.geoparse import geoparse
    place = next(p for p in geoparse(text).places if p.name == name)
    assert (place.kind.value, place.country_code) == (kind, cc)


def test_a_bare_name_beside_its_county_far_from_any_town_of_the_name_is_the_county():
    from incidentmap.geoparse import geoparse
    text = ("A water main broke in Decatur on Tuesday. DeKalb County crews repaired it near Tucker, and "
            "service in north DeKalb was restored by noon.")
    keys = {m.text: p.key for p in geoparse(text).places for m in p.mentions}
    assert keys["DeKalb"] == keys["DeKalb County"] == "geonames-admin2:US.GA:DeKalb County"


def test_a_town_inside_the_county_of_its_name_stays_a_town():
    from incidentmap.geoparse import geoparse
    text = "Charleston County deputies said the fire in Charleston started in a kitchen on King Street."
    charleston = next(p for p in geoparse(text).places if p.name == "Charleston")
    assert charleston.kind.value == "city"


# -- speed shortcuts: each compared with the computation it replaces --

def _counter_resolved_context(mentions, dateline, folded, gaz):
    """The Counter-based computation that _resolved_context replaced (the reference for its plain dicts)."""
    from collections import Counter, defaultdict

    from incidentmap import disambiguate as d
    context, repeats, totals, seen = Counter(), defaultdict(Counter), defaultdict(Counter), set()
    if dateline is not None:
        context[dateline.country_code] += d.WEIGHTS.dateline_context
    for m in mentions:
        if m.kind_hint == "facility":
            evidence = d._unambiguous_evidence(m, gaz)
            if evidence is not None:
                context[evidence[0]] += evidence[1]
            continue
        if m.resolved is not None and (not m.weak or m.resolved.kind == d._COUNTRY
                                       and d._weak_country(m, {m.resolved.kind}, gaz)):
            w = d.WEIGHTS.country_evidence if m.resolved.kind == d._COUNTRY else d.WEIGHTS.place_evidence
            cc = m.resolved.country_code
            context[cc] += w
            key = (folded[id(m)], cc)
            if key in seen:
                repeats[key[0]][cc] += w
            seen.add(key)
            totals[key[0]][cc] += w
    return context, repeats, totals


def test_resolved_context_equals_the_counter_computation():
    # (Called directly on mentions read the way geoparse reads them: compiled code calls it natively, so a
    # patched module attribute would never see the calls.)
    from pathlib import Path

    from incidentmap import geoparse as g
    from incidentmap.disambiguate import _resolved_context, disambiguate
    from incidentmap.gazetteer import default_gazetteer, normalize
    gaz = default_gazetteer()
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "data" / "devset").glob("*.txt"))]
    texts.append("Newmarket trainer retires. The trainer, born in Ireland, came to England and worked near "
                 "Newmarket. London, London, London and Canada, Canada.")
    repeated = 0
    for text in texts:
        sents = g.sentences(text)
        mentions = g.scan_names(text, gaz, sents)
        mentions += g.scan_facilities(text, gaz, sents, taken=mentions)
        dateline, _ = g.find_dateline(text, gaz, prefer=g.dateline_preference(mentions))
        disambiguate(mentions, gaz, text, dateline)
        folded = {id(m): normalize(m.text) for m in mentions}
        got = _resolved_context(mentions, dateline, folded, gaz)
        want = _counter_resolved_context(mentions, dateline, folded, gaz)
        for mine, theirs in zip(got, want):  # same keys in the same order (ties and dict order depend on it)
            assert type(mine) is dict
            assert list(mine.items()) == [(k, dict(v) if isinstance(v, dict) else v) for k, v in theirs.items()]
        repeated += bool(got[1])
    assert repeated  # some texts repeat a name: the repeats' evidence was compared too


def test_minus_is_counter_subtraction():
    import random
    from collections import Counter

    from incidentmap.disambiguate import _minus
    rng = random.Random(7)
    for _ in range(500):
        a = {rng.choice("ABCDEFG"): rng.randint(-2, 6) for _ in range(rng.randint(0, 6))}
        b = {rng.choice("ABCDEFG"): rng.randint(-2, 6) for _ in range(rng.randint(0, 6))}
        assert list(_minus(a, b).items()) == list((Counter(a) - Counter(b)).items())


def test_top_value_is_max_of_the_values_or_zero():
    import random

    from incidentmap.disambiguate import _top_value
    rng = random.Random(11)
    for _ in range(500):
        d = {rng.choice("ABCDEFG"): rng.randint(-5, 9) for _ in range(rng.randint(0, 6))}
        assert _top_value(d) == max(d.values(), default=0)
    assert _top_value({"A": -3, "B": -1}) == -1  # (not 0: the default is for no evidence at all)


def test_a_small_town_of_a_neighbour_the_text_never_names_is_no_reading_where_it_names_its_own_country():
    # GeoNames' only Pangani is a Tanzanian town 700 km from Kenya's centre: in a text that names Kenya (and
    # never Tanzania), "Pangani" is the Kenyan place (a Nairobi ward, units.tsv.gz); never the Tanzanian town
    from incidentmap.pipeline import analyze

    kenyan = analyze("Kenya.\n\nAt least four people were killed in Pangani on Monday.")
    assert {p.country_code for p in kenyan.places} == {"KE"}
    assert all(i.place is not None and i.place.country_code == "KE" for i in kenyan.incidents)
    # ... named with its own country it is the Tanzanian town; alone, one of two readings: no Kenyan pin claimed
    text = "Tanzania.\n\nAt least four people were killed in Pangani on Monday."
    assert any(p.name == "Pangani" and p.country_code == "TZ" for p in analyze(text).places)
    alone = analyze("At least four people were killed in Pangani on Monday.")
    assert all(p.country_code == "TZ" for p in alone.places if p.name == "Pangani")
    # ... and so is a town the text names by its people ("Ugandan raiders from Moroto")
    ugandan = analyze("Kenya.\n\nUgandan raiders from Moroto attacked villages in Turkana.")
    assert any(p.name == "Moroto" and p.country_code == "UG" for p in ugandan.places)


def test_a_text_naming_a_peoples_is_about_its_country_for_a_far_lone_town():
    # Saku is a Japanese (and an Estonian) town; between the Borana and the Gabra (Kenya, peoples.csv) it is the
    # Kenyan place (a constituency of Marsabit, units.tsv.gz): no pin in Japan
    kenyan = geoparse("Three people were killed in a clash between Borana and Gabra tribes in Saku.")
    assert {p.country_code for p in kenyan.places if p.name == "Saku"} == {"KE"}
    # ... alone, the name keeps its reading
    assert any(p.name == "Saku" for p in geoparse("Clashes in Saku left three dead.").places)


def test_homelands_are_read_as_written():
    from incidentmap.peoples import homelands

    assert homelands("Pokot raiders attacked Turkana herders.") == {"KE"}
    assert homelands("pokot and turkana") == frozenset()


def test_the_geoparser_reads_the_peoples_countries_as_the_slower_reader_does():
    # scan_names reads them off the capitalised words it splits; peoples.homelands reads a text on its own
    from incidentmap.gazetteer import default_gazetteer
    from incidentmap.mentions import scan_names
    from incidentmap.peoples import homelands
    from incidentmap.segment import sentences

    text = "Clashes between Habar Gidir and Pokot militias, and Borana herders; pokot in lowercase is no name."
    found: set[str] = set()
    scan_names(text, default_gazetteer(), sentences(text), homelands=found)
    assert found == set(homelands(text)) == {"SO", "KE"}


@pytest.mark.parametrize(("text", "town"), [
    ("Russian forces shelled homes in Kharkiv, Kyiv said.", "Kharkiv"),
    ("Troops killed three protesters in Mandalay, Yangon-based media said.", "Mandalay"),
    ("Two men were shot in Kisumu, Nairobi's police said.", "Kisumu"),
])
def test_a_place_that_speaks_after_a_comma_does_not_contain_the_place_before_it(text, town):
    # "X, Y said": Y reports; X is not said to lie in Y (it would be dropped as a far reading of a part of Y)
    assert town in {p.name for p in geoparse(text).places}


@pytest.mark.parametrize("text", [
    "Clashes erupted in Southern Province, Kenya.",  # not Botswana's Southern District
    "Clashes erupted in Central Region, Kenya.",  # not Bahrain's Central Governorate
])
def test_a_region_qualified_by_its_country_is_of_that_country_or_unresolved(text):
    from incidentmap.pipeline import analyze

    assert {p.country_code for p in analyze(text).places} == {"KE"}


@pytest.mark.parametrize(("text", "region"), [
    ("Protests in Crimea, Ukraine.", ("Crimea", "UA")),
    ("Rallies in Catalonia, Spain, and Paris.", ("Catalonia", "ES")),
])
def test_a_region_of_the_qualifying_country_keeps_its_reading(text, region):
    from incidentmap.pipeline import analyze

    assert region in {(p.name, p.country_code) for p in analyze(text).places}


@pytest.mark.parametrize(("text", "code"), [
    ("Rebels killed 23 civilians in eastern Congo on Monday.", "CD"),  # news usage: bare Congo is the DRC
    ("BRAZZAVILLE (Reuters) - Police in Congo fired tear gas at protesters.", "CG"),  # context decides
    ("Clashes in the Republic of Congo left two dead.", "CG"),
    ("BENI, Democratic Republic of Congo (Reuters) — Rebels raided a village in eastern Congo.", "CD"),
])
def test_congo_is_either_republic_and_the_text_says_which(text, code):
    from incidentmap.pipeline import analyze

    assert {p.country_code for p in analyze(text).places if p.kind.value == "country"} == {code}


@pytest.mark.parametrize("text", [
    "Boko Haram fighters attacked Maiduguri on Sunday.",  # not Haram, Norway
    "Suspected Boko Haram insurgents raided a village near Gwoza.",
])
def test_a_place_inside_an_armed_groups_name_is_no_place(text):
    from incidentmap.pipeline import analyze

    assert {p.country_code for p in analyze(text).places} == {"NG"}


def test_the_group_name_test_runs_only_beside_capitalised_words():
    from incidentmap.geoparse import _capitalised_beside

    text = "Boko Haram fighters attacked Maiduguri and police in Kano said."
    assert _capitalised_beside(text, text.index("Haram"), text.index("Haram") + 5)
    assert not _capitalised_beside(text, text.index("Kano"), text.index("Kano") + 4)
    assert _capitalised_beside("the Islamic State", 4, 11) and not _capitalised_beside("in Gao.", 3, 6)


@pytest.mark.parametrize(("text", "town"), [
    ("01 May. A suspected rapist is lynched in Kawoch location of Ndhiwa.", "Ndhiwa"),
    ("Security forces carried out a search operation in the Tasp area of Panjgur.", "Panjgur"),
    ("A leader of the group was killed in Bencha area of Kalat district in a battle with troops.", "Kalat"),
])
def test_a_unit_of_a_town_presents_the_town_as_a_place(text, town):
    """"X location of Y", "the X area of Y": a unit's word and "of" before a name say it is a place, as "in" does
    (the name was dropped: a small town named once, with no preposition before it)."""
    from incidentmap.geoparse import geoparse

    assert town in [p.name for p in geoparse(text).places if p.precision.value == "city"]
