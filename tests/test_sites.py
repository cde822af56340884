"""Sites and generic references (incidentmap/sites.py): a national institution sits in its country's capital; a
named site follows the text's reading of the place named inside it."""

from __future__ import annotations

import pytest

from incidentmap.gazetteer import default_gazetteer
from incidentmap.geo import haversine_m
from incidentmap.geoparse import geoparse
from incidentmap.mentions import RawMention
from incidentmap.models import Candidate, Kind, Precision, Source
from incidentmap.pipeline import analyze
from incidentmap.segment import sentences
from incidentmap.sites import follow_standalone_readings, place_facilities

NAIROBI = (-1.2833, 36.8167)
KAMPALA = (0.3163, 32.5822)
KYIV = (50.4501, 30.5234)
SANTIAGO = (-33.4489, -70.6693)


def _place_of(text: str, mention: str):
    r = geoparse(text)
    return next(p for p in r.places if any(m.text == mention for m in p.mentions))


def _km(place, point) -> float:
    return haversine_m(place.lat, place.lon, *point) / 1000


@pytest.mark.parametrize(("text", "mention"), [
    # a generic name for a head of state's residence, in a text about another town of its country
    ("Activists marched in Garissa. Police stopped them near State House.", "State House"),
    ("Teachers in Kisumu went on strike. Their leaders met outside Parliament Buildings.", "Parliament Buildings"),
    # a generic phrase for a national institution
    ("Teachers in Kisumu went on strike. Their leaders marched to the office of the president.",
     "the office of the president"),
    ("Teachers in Kisumu went on strike. Their leaders marched to the president's office.", "the president's office"),
])
def test_a_national_institution_is_in_the_capital_not_the_focus_city(text, mention):
    place = _place_of(text, mention)
    assert place.country_code == "KE" and _km(place, NAIROBI) < 5


@pytest.mark.parametrize(("text", "mention", "capital"), [
    # a seat the gazetteer knows by name (landmarks.csv, seat national), in a text about another town
    ("Farmers protested in Lviv. Police stopped them near the Verkhovna Rada.", "Verkhovna Rada", KYIV),
    ("Students marched in Valparaiso. Their leaders met outside La Moneda.", "La Moneda", SANTIAGO),
])
def test_a_known_national_seat_is_drawn_where_it_stands(text, mention, capital):
    assert _km(_place_of(text, mention), capital) < 5


def test_a_seat_unknown_by_name_is_the_capital_of_the_texts_country():
    place = _place_of("Protesters gathered in Jinja. Their leaders later marched to State House.", "State House")
    assert place.country_code == "UG" and _km(place, KAMPALA) < 5
    assert place.precision == "city"  # the gazetteer does not know that site: the capital's radius


def test_a_city_named_with_the_seat_holds_it():
    place = _place_of("Youths marched to State House in Mombasa on Monday.", "State House")
    assert _km(place, (-4.0547, 39.6636)) < 20 and _km(place, NAIROBI) > 300


def test_a_known_seat_in_a_city_of_the_paragraph_stays_there():
    # Almaty has a (former) presidential residence of its own (landmarks.csv): not the capital's
    place = _place_of("Thousands gathered in Almaty. Protesters stormed the presidential residence.",
                      "the presidential residence")
    assert place.name == "Former presidential residence"


def test_a_named_seat_of_another_country_is_not_moved_there():
    # "State House" is also the name of a Kenyan seat; a text about Uganda means Uganda's
    place = _place_of("Protesters in Kampala marched to State House.", "State House")
    assert place.country_code == "UG"


def test_the_incident_at_a_national_seat_is_drawn_in_the_capital():
    text = ("Farmers protested in Lviv against the land reform. Police dispersed the crowd when they "
            "neared the Verkhovna Rada building.")
    found = [i for i in analyze(text).incidents if i.place is not None and "Rada" in i.place.name]
    assert found and all(_km(i.place, KYIV) < 5 for i in found)


# -- a named site follows the text's reading of the place named inside it ---------------------------------

def _made_up(name: str, kind: Kind, lat: float, lon: float, admin1: str, n: int, radius_m: float) -> Candidate:
    # Invented entries (no gazetteer row): the rule is about readings, not about any particular place.
    precision = Precision.REGION if kind == Kind.REGION else Precision.CITY
    return Candidate(name=name, kind=kind, lat=lat, lon=lon, country_code="US", source=Source.GEONAMES,
                     source_id=f"test:{n}", admin1=admin1, precision=precision, uncertainty_m=radius_m)


def _mention(text: str, where: str, cands: list[Candidate], resolved: Candidate | None, **kw) -> RawMention:
    start = text.index(where)
    return RawMention(start, start + len(where), where, cands, 0, resolved=resolved, **kw)


def _lorn_county_jail(tesk):
    """"Lorn County Jail" in a text about the town of Tesk, the county name read as Kentucky's Lorn County
    (test:3) of the two (Tennessee's is test:2): the site as place_facilities places it."""
    text = "A Tesk man was arrested on Monday and held at the Lorn County Jail."
    lorn_tn = _made_up("Lorn County", Kind.REGION, 36.1, -88.1, "TN", 2, 40000)
    lorn_ky = _made_up("Lorn County", Kind.REGION, 38.5, -85.0, "KY", 3, 40000)
    town = _mention(text, "Tesk", [tesk], tesk)
    inner = _mention(text, "Lorn County", [lorn_ky, lorn_tn], lorn_ky)
    site = _mention(text, "Lorn County Jail", [], None, kind_hint="facility", inner=[inner])
    place_facilities([town, site], default_gazetteer(), tesk, sentences(text), text)
    return site


def test_a_county_site_is_in_the_reading_of_the_county_that_holds_the_focus_town():
    # Tesk lies in Tennessee's Lorn County: the site is there, though the name alone was read as Kentucky's
    tesk = _made_up("Tesk", Kind.CITY, 36.0, -88.0, "TN", 1, 5000)
    site = _lorn_county_jail(tesk)
    assert site.resolved.city_id == "test:1" and site.resolved.lat == tesk.lat


def test_a_county_site_keeps_its_reading_when_no_reading_holds_the_focus_town():
    site = _lorn_county_jail(_made_up("Tesk", Kind.CITY, 30.0, -95.0, "TX", 1, 5000))
    assert site.resolved.city_id == "test:3" and site.resolved.precision == "region"


def test_a_name_inside_a_site_reads_as_the_texts_standalone_mentions_of_it():
    text = "Deputies in Lorn County searched the woods. The man is held at the Lorn County Jail."
    lorn_here = _made_up("Lorn County", Kind.REGION, 36.1, -88.1, "TN", 2, 40000)
    lorn_away = _made_up("Lorn County", Kind.REGION, 38.5, -85.0, "KY", 3, 40000)
    alone = _mention(text, "Lorn County", [lorn_away, lorn_here], lorn_here)
    inner = RawMention(text.rindex("Lorn County"), text.rindex("Lorn County") + 11, "Lorn County",
                       [lorn_away, lorn_here], 1, resolved=lorn_away)
    site = _mention(text, "Lorn County Jail", [], None, kind_hint="facility", inner=[inner])
    follow_standalone_readings([alone, site])
    assert inner.resolved is lorn_here


def test_a_name_inside_a_site_keeps_its_reading_when_the_text_reads_it_two_ways_or_not_at_all():
    text = "Lorn County and Lorn County met. The man is held at the Lorn County Jail."
    lorn_a = _made_up("Lorn County", Kind.REGION, 36.1, -88.1, "TN", 2, 40000)
    lorn_b = _made_up("Lorn County", Kind.REGION, 38.5, -85.0, "KY", 3, 40000)
    lorn_c = _made_up("Lorn County", Kind.REGION, 33.0, -84.0, "GA", 4, 40000)
    first = RawMention(0, 11, "Lorn County", [lorn_a, lorn_b, lorn_c], 0, resolved=lorn_a)
    second = RawMention(16, 27, "Lorn County", [lorn_a, lorn_b, lorn_c], 0, resolved=lorn_b)
    inner = RawMention(text.rindex("Lorn County"), text.rindex("Lorn County") + 11, "Lorn County",
                       [lorn_a, lorn_b, lorn_c], 1, resolved=lorn_c)
    site = _mention(text, "Lorn County Jail", [], None, kind_hint="facility", inner=[inner])
    follow_standalone_readings([first, second, site])
    assert inner.resolved is lorn_c
    follow_standalone_readings([site])
    assert inner.resolved is lorn_c


@pytest.mark.parametrize(("text", "site", "country"), [
    # the town named alone in the text, abroad, then a site bearing its name
    ("NAIROBI, Kenya - A nurse from Kenya was convicted in Britain. She had worked in Oxford for years. "
     "Oxford Crown Court sentenced her on Friday.", "Oxford Crown Court", "GB"),
    # a town of a state the text names, abroad from the dateline
    ("KABUL, Afghanistan - A soldier who grew up in New Hampshire was killed in Helmand province on Monday. "
     "Friends will gather at the Manchester Memorial on Sunday.", "Manchester Memorial", "US"),
])
def test_a_site_named_after_a_town_the_text_places_abroad_is_in_that_town(text, site, country):
    place = _place_of(text, site)
    assert place.country_code == country and place.precision == "city"  # the town's point and radius


@pytest.mark.parametrize(("text", "site"), [
    # nothing in the text anchors the town in the site's name abroad: the site stays in the article's city
    ("NAIROBI, Kenya - A nurse was convicted on Friday at Oxford Crown Court.", "Oxford Crown Court"),
    ("KABUL, Afghanistan - A soldier was killed in Helmand province on Monday. "
     "Friends will gather at the Manchester Memorial on Sunday.", "Manchester Memorial"),
])
def test_a_site_named_after_an_unanchored_town_abroad_stays_in_the_focus_country(text, site):
    place = _place_of(text, site)
    assert place.country_code == geoparse(text).focus.country_code


def test_a_county_site_keeps_the_reading_the_texts_other_places_back():
    """The text's other places lie in the chosen county's state ("Kern City", "Kentucky"): the site stays in that
    county, even though another county of the name holds the focus town."""
    text = "A Tesk team won in Kern City. The final was held at the Lorn County Justice Center."
    tesk = _made_up("Tesk", Kind.CITY, 36.0, -88.0, "TN", 1, 5000)
    lorn_there = _made_up("Lorn County", Kind.REGION, 38.5, -85.0, "KY", 3, 40000)
    lorn_here = _made_up("Lorn County", Kind.REGION, 36.1, -88.1, "TN", 2, 40000)
    kern = _made_up("Kern City", Kind.CITY, 38.6, -85.1, "KY", 5, 5000)
    town = _mention(text, "Tesk", [tesk], tesk)
    other = _mention(text, "Kern City", [kern], kern)
    inner = _mention(text, "Lorn County", [lorn_there, lorn_here], lorn_there)
    site = _mention(text, "Lorn County Justice Center", [], None, kind_hint="facility", inner=[inner])
    place_facilities([town, other, site], default_gazetteer(), tesk, sentences(text), text)
    assert site.resolved.city_id == "test:3" and site.resolved.precision == "region"


def test_an_airport_known_by_its_whole_name_is_drawn_at_its_own_point_anywhere():
    text = ("DENVER - Snow closed roads across the state on Monday. "
            "Flights were also delayed at Salt Lake City International Airport.")
    place = _place_of(text, "Salt Lake City International Airport")
    assert place.precision == "point" and _km(place, (40.79, -111.98)) < 5


def test_an_airport_name_shared_by_several_airports_still_needs_a_city_of_the_text():
    # Two airports bear this name (in Alabama and in England): neither is chosen without a city of the text near it.
    text = ("DENVER - Snow closed roads across the state on Monday. "
            "Flights were delayed at Birmingham International Airport.")
    place = _place_of(text, "Birmingham International Airport")
    assert place.precision == "city" and place.country_code == "US" and _km(place, (39.74, -104.98)) < 25


@pytest.mark.parametrize(("text", "site", "near"), [
    # a person's or a landmark's name that is also a small town far away: the site is where the text is
    ("DAYTON, Ohio - Students rallied on Monday at Wright State University.", "Wright State University",
     (39.76, -84.19)),
    ("Protesters from Oakland stopped traffic on the Golden Gate Bridge on Monday.", "Golden Gate Bridge",
     (37.80, -122.27)),
])
def test_a_small_far_town_inside_a_site_name_does_not_own_the_site(text, site, near):
    assert _km(_place_of(text, site), near) < 25


def test_a_small_town_inside_a_site_name_owns_it_when_the_text_is_in_its_state():
    # The dateline's city lies in the same state as the hospital's town: the town, not the dateline city.
    text = "AUSTIN, Texas - Two inmates were taken to Huntsville Memorial Hospital on Monday."
    place = _place_of(text, "Huntsville Memorial Hospital")
    assert _km(place, (30.72, -95.55)) < 25


@pytest.mark.parametrize(("text", "site", "state"), [
    ("DENVER - Hikers were rescued on Monday in Utah's Zion National Park.", "Zion National Park", "UT"),
    ("DENVER - Hikers were rescued on Monday in Rocky Mountain National Park in Colorado.",
     "Rocky Mountain National Park", "CO"),
])
def test_a_site_the_text_places_in_a_state_is_in_that_state_with_its_radius(text, site, state):
    # Not at the focus city, even one in that state: a city's radius would not bound a park far from it.
    place = _place_of(text, site)
    assert place.precision == "region" and place.key.startswith(f"site:geonames-admin1:US.{state}:")


def test_a_site_in_a_named_state_is_at_the_town_in_its_name_when_that_town_lies_there():
    place = _place_of("Students protested on Monday at Aberystwyth University in Wales.", "Aberystwyth University")
    assert place.precision == "city" and _km(place, (52.41, -4.08)) < 25


def test_a_county_across_a_state_line_does_not_hold_the_focus_town():
    """The county's circle reaches the focus town, but the town is in the next state: no collapse onto it."""
    text = "A Tesk man appeared on Monday in the Lorn County Circuit Court."
    tesk = _made_up("Tesk", Kind.CITY, 39.10, -94.60, "KS", 1, 5000)
    lorn = _made_up("Lorn County", Kind.REGION, 39.00, -94.35, "MO", 2, 40000)
    town = _mention(text, "Tesk", [tesk], tesk)
    inner = _mention(text, "Lorn County", [lorn], lorn)
    site = _mention(text, "Lorn County Circuit Court", [], None, kind_hint="facility", inner=[inner])
    place_facilities([town, site], default_gazetteer(), tesk, sentences(text), text)
    assert site.resolved.city_id == "test:2" and site.resolved.precision == "region"


def test_a_site_named_after_a_state_is_in_the_state_not_at_the_focus_city():
    # A state's medical centre may be anywhere in the state: the focus city's radius would not bound it.
    text = "DALLAS - Nurses went on strike on Monday at the North Texas Regional Medical Center."
    place = _place_of(text, "North Texas Regional Medical Center")
    assert place.precision == "region" and place.key.startswith("site:geonames-admin1:US.TX:")


def test_a_site_named_after_the_county_of_the_focus_city_is_at_that_city():
    text = "Nurses in Athens went on strike on Monday at the Clarke County Medical Center."
    place = _place_of(text, "Clarke County Medical Center")
    assert place.precision == "city" and _km(place, (33.96, -83.38)) < 10


def test_the_generic_pattern_finds_what_one_alternative_per_phrase_finds():
    # The phrases opening with "the" share it in the pattern (speed): every phrase is still found whole, where
    # the plain alternation (longest first) finds it.
    import re

    from incidentmap.sites import _generic_matches, _phrase_re

    gaz = default_gazetteer()
    phrases = sorted({p.lower() for p, _, _ in gaz.generic}, key=len, reverse=True)
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(_phrase_re(p) for p in phrases) + r")(?![\w-])")
    assert any(p.startswith("the ") for p in phrases)

    def expected(text: str) -> list[tuple[int, int, str]]:
        lower = text.lower()
        if len(lower) != len(text):
            return [(m.start(), m.end(), m.group()) for m in re.compile(plain.pattern, re.I).finditer(text)]
        return [(m.start(), m.end(), m.group()) for m in plain.finditer(lower)]

    for p in phrases:
        cap = p[:1].upper() + p[1:]
        for text in (f"they went to {p} today", f"{p}", f"in the  {p}'s yard", f"{p}-like the\n{p}",
                     f"{cap} {p}. {p},{p};({p})", f"x{p} -{p} {p}x {p}- ({p})", f"“{p}” İstanbul {cap}",
                     f"{p.upper()} and {p}"):
            found = _generic_matches(text, gaz)
            assert found == expected(text), text
            assert found, text


def test_generic_phrases_are_found_in_articles_as_the_plain_alternation_finds_them():
    # The speed-ups of the generic pattern (shared "the", the character before matched) change no match on
    # real prose: capitals, quotes, line breaks, hyphens, possessives.
    import re

    from bench.pipeline_speed import articles
    from incidentmap.sites import _generic_matches, _phrase_re

    gaz = default_gazetteer()
    phrases = sorted({p.lower() for p, _, _ in gaz.generic}, key=len, reverse=True)
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(_phrase_re(p) for p in phrases) + r")(?![\w-])")
    total = 0
    for text, _ in articles():
        found = _generic_matches(text, gaz)
        assert found == [(m.start(), m.end(), m.group()) for m in plain.finditer(text.lower())]
        total += len(found)
    assert total > 50


def test_country_descriptions_are_what_the_plain_pattern_finds():
    # _COUNTRY_DESCRIPTION is matched from "he" (speed): the spans must be those of "\b[Tt]he…" on prose and on
    # edge cases (text start, word characters before, descriptions back to back, nouns ending the text).
    import re
    from pathlib import Path

    from incidentmap import sites

    fast = sites._COUNTRY_DESCRIPTION
    prefix = r"he(?<=[Tt]he)(?<!\w[Tt]he)"
    assert fast.pattern.startswith(prefix)
    plain = re.compile(r"\b[Tt]he" + fast.pattern[len(prefix):])
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "data" / "devset").glob("*.txt"))]
    texts += ["The Gulf state", "xThe Gulf nation", "the tiny kingdom", "_The Big republic", "1the small nation",
              "éThe Gulf state", "-The Gulf state", "'the tiny kingdom'", "the tiny kingdomthe small nation",
              "The Gulf statethe tiny kingdom", "the small nation the tiny kingdom.", "he Gulf state", "She Gulf state",
              "Then the oil-rich Gulf emirate and the landlocked former Soviet republic", "the Big Apple territory"]
    total = 0
    for text in texts:
        spans = sites._country_descriptions(text)
        assert spans == [m.span() for m in plain.finditer(text)], text[:60]
        assert all(text[s:e] == text[s:e].lstrip() and text[s] in "Tt" for s, e in spans)
        total += len(spans)
    assert total >= 8


def test_generic_matches_are_what_the_pattern_finds_scanning_the_whole_text():
    # _generic_matches tries the pattern only after the phrases' first letters (speed): the same matches as
    # finditer over the whole lower-cased text, on the dev set and on random texts.
    import random
    from pathlib import Path

    from incidentmap.sites import _generic_matches, _generic_pattern

    gaz = default_gazetteer()
    pattern = _generic_pattern(gaz)
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for folder in ("devset", "articles")
             for p in sorted((root / "data" / folder).glob("*.txt"))]
    rng = random.Random(9)
    pieces = ["the ", "The ", "THE ", "city", "capital", "country's ", "country’s ", "nation", "parliament",
              " building", "s", "-", "_", "x", " ", "  ", "\n", ".", ",", "“", "”", "é", "government ", "buildings",
              "state house", "this city", "downtown", "across the country", "nationwide", "other", "theatre",
              "İ", "0", "main square", "town hall", "city hall", "the city's airport", "'"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(30))) for _ in range(6000)]
    seen = 0
    for text in texts:
        lower = text.lower()
        if len(lower) != len(text):
            continue  # (the case-blind fallback scans the whole text itself)
        expected = [(m.start(1) - 1, m.end(1) - 1, m.group(1)) for m in pattern.finditer(" " + lower)]
        found = _generic_matches(text, gaz)
        assert found == expected, text[:80]
        seen += bool(found)
    assert seen > 500


@pytest.mark.parametrize("text, site, cc", [
    ("On August 23rd, dozens of protestors gathered in Nairobi's Uhuru park, demanding the release of Ugandan MP "
     "Bobi Wine, who is in detention in Kampala.", "Nairobi's Uhuru park", "KE"),
    ("Crowds gathered in Cairo's Tahrir park on Friday while talks went on in Khartoum and Addis Ababa.",
     "Cairo's Tahrir park", "EG"),
])
def test_a_citys_possessive_opening_a_sites_name_owns_the_site(text, site, cc):
    # the city named as the owner, not the story's focus elsewhere (the MP's detention in Kampala)
    found = [p for p in analyze(text).places if p.name == site]
    assert found and found[0].country_code == cc


def test_the_central_business_district_is_never_a_town_of_that_name():
    # GeoNames lists a populated place named "Central Business District" (Canada): a generic phrase, not a town;
    # the event is in the text's city (as ACLED codes it), or, with none, unlocated
    bare = analyze("Traders rioted after they were removed from their stalls near the Central Business District.")
    assert not bare.places and bare.incidents and all(i.place is None for i in bare.incidents)
    found = analyze("NAIROBI, Kenya - Traders rioted in the Central Business District on Monday.").incidents
    assert found and {i.place.name for i in found if i.place} == {"Nairobi"}


def test_the_town_is_the_town_the_story_is_at_paragraphs_before_not_the_dateline_capital():
    from incidentmap.pipeline import analyze

    text = ("NAIROBI, March 3 (Reuters) — Gunmen attacked a police post in Garissa on Sunday.\n\n"
            "A local official said five officers had died.\n\n"
            "The attackers set fire to shops and overran part of the town.")
    towns = {p.name: [m.text for m in p.mentions] for p in analyze(text).places}
    assert "the town" in towns["Garissa"] and "the town" not in towns.get("Nairobi", [])
    # "the city" still means the dateline city unless its own paragraph names another
    text = "NAIROBI, March 3 (Reuters) — Gunmen attacked a police post in Garissa.\n\nProtests spread across the city."
    assert "the city" in {p.name: [m.text for m in p.mentions] for p in analyze(text).places}["Nairobi"]


def test_the_capital_of_a_named_region_is_no_generic_reference_to_the_national_capital():
    from incidentmap.pipeline import analyze

    text = "ABUJA (AP) — In Gusau, the capital of neighbouring Zamfara, a mob beat two men to death on Saturday."
    places = {p.name: [m.text for m in p.mentions] for p in analyze(text).places}
    assert not any("the capital" in texts for texts in places.values())
    assert {i.place.name for i in analyze(text).incidents if i.place} == {"Gusau"}


@pytest.mark.parametrize(("text", "site", "town"), [
    ("Kenya.\n\nGunmen attacked a compound at Dadaab Refugee Camp.", "Dadaab Refugee Camp", "Dadaab"),
    ("Kenya.\n\nRefugees clashed in Kakuma Refugee Camp on Sunday.", "Kakuma Refugee Camp", "Kakuma"),
    ("Kenya.\n\nAl Shabaab attacked the Garissa Military Camp.", "Garissa Military Camp", "Garissa"),
    ("Bangladesh.\n\nPickets torched two carriages at Narayanganj Railway Station.", "Narayanganj Railway Station",
     "Narayanganj"),
])
def test_a_town_before_the_kind_of_a_site_owns_the_site(text, site, town):
    """A town's name, a word saying what kind of site ("Refugee", "Military", "Railway"), then the site's word:
    the town stays a place and the site is placed in it (it was read as a longer name and lost)."""
    from incidentmap.gazetteer import default_gazetteer
    from incidentmap.pipeline import analyze

    places = [i.place for i in analyze(text).incidents]
    assert places and all(p is not None and p.name == site for p in places)
    towns = [c for c in default_gazetteer().lookup(town.lower()) if c.kind.value == "city"]
    assert any(p.lat == c.lat and p.lon == c.lon and p.precision.value == "city" for p in places for c in towns)


def test_a_persons_name_before_a_site_is_no_place():
    from incidentmap.pipeline import analyze

    # ("Nelson" is a town in several countries: "Nelson Mandela Square" still names a person's square)
    assert [p.name for p in analyze("Protesters gathered at Nelson Mandela Square on Friday.").places] == []
