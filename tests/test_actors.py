"""Actors as ACLED codes them: names, actor types (inter codes), sides, interaction codes."""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.acled import countries, country_by_name, interaction
from incidentmap.incidents.actors import ROLE_INTER, actor_mentions, code_actors
from incidentmap.incidents.lexicon_data import ActorRole, lexicon
from incidentmap.models import Inter


def coded(sentence: str, country: str, event_type: str, sub_event_type: str = "") -> list[tuple[str, int, int]]:
    actors = code_actors(actor_mentions(sentence, lexicon()), country_code=country, event_type=event_type,
                         sub_event_type=sub_event_type)
    return [(a.name, int(a.inter), a.side) for a in actors]


def test_every_role_has_an_acled_actor_type():
    assert set(ROLE_INTER) == set(ActorRole)


def test_origins_name_foreign_forces_never_an_actor_of_their_own():
    got = coded("The first troops from Belarus, Tajikistan and Armenia arrived on Thursday.", "KZ",
                "Strategic developments")
    assert got == [("Military Forces of Belarus", 8, 1), ("Military Forces of Tajikistan", 8, 1),
                   ("Military Forces of Armenia", 8, 1)]  # one side: they came together
    assert not any("from" in name for name, _, _ in got)


def test_nationality_of_forces_and_own_forces():
    assert coded("Russian paratrooper units guarded the airport.", "KZ", "Strategic developments") == [
        ("Military Forces of Russia", 8, 1)]  # forces abroad: external
    assert coded("Kenyan soldiers patrolled the town.", "KE", "Strategic developments") == [
        ("Military Forces of Kenya", 1, 1)]  # at home: state forces


def test_protest_with_police_intervention():
    got = coded("Riot police fired tear gas at demonstrators outside parliament.", "KZ", "Protests",
                "Protest with intervention")
    assert got == [("Protesters (Kazakhstan)", 6, 1), ("Police Forces of Kazakhstan", 1, 2)]


def test_peaceful_protest_has_no_second_actor_and_implies_protesters():
    assert coded("Students marched through the capital, watched by police.", "KE", "Protests", "Peaceful protest") == [
        ("Protesters (Kenya)", 6, 1)]
    assert coded("Thousands marched through the capital.", "KE", "Protests", "Peaceful protest") == [
        ("Protesters (Kenya)", 6, 1)]  # a protest's protesters need not be named


def test_a_riots_crowd_are_rioters_whatever_the_text_calls_them():
    got = coded("Protesters clashed with police and set cars on fire.", "BD", "Riots", "Violent demonstration")
    assert got == [("Rioters (Bangladesh)", 5, 1), ("Police Forces of Bangladesh", 1, 2)]


def test_violence_against_civilians_perpetrator_first_and_named_groups():
    got = coded("Villagers said Al-Shabaab militants stormed the market.", "KE", "Violence against civilians", "Attack")
    assert got == [("Al-Shabaab", 2, 1), ("Civilians (Kenya)", 7, 2)]
    got = coded("On Monday gunmen shot dead two traders.", "KE", "Violence against civilians", "Attack")
    assert got == [("Unidentified Armed Group (Kenya)", 3, 1), ("Civilians (Kenya)", 7, 2)]  # a day is no name


def test_arrests_forces_act_on_whoever_they_arrest():
    got = coded("Opposition supporters were detained by police on Friday.", "BD", "Strategic developments", "Arrests")
    assert got == [("Police Forces of Bangladesh", 1, 1), ("Protesters (Bangladesh)", 6, 2)]


def test_battle_between_forces_and_rebels_and_communal_militias():
    assert coded("Soldiers fought rebels near the border.", "CD", "Battles", "Armed clash") == [
        ("Military Forces of Democratic Republic of Congo", 1, 1), ("Unidentified Rebel Group (Democratic Republic of Congo)", 2, 2)]
    assert coded("Clan militias clashed with troops.", "SO", "Battles", "Armed clash") == [
        ("Unidentified Communal Militia (Somalia)", 4, 1), ("Military Forces of Somalia", 1, 2)]


def test_no_country_gives_names_without_one():
    assert coded("Police dispersed the crowd.", "", "Protests", "Protest with intervention") == [
        ("Protesters", 6, 1), ("Police Forces", 1, 2)]


@pytest.mark.parametrize(("a", "b", "code"), [(1, 6, 16), (6, 1, 16), (6, 0, 60), (5, 7, 57), (3, 3, 33), (8, 1, 18)])
def test_interaction_codes(a, b, code):
    assert interaction(a, b) == code


def test_country_table():
    table = countries()
    assert (table["KE"].iso, table["KE"].region, table["KE"].iso3) == (404, "Eastern Africa", "KEN")
    assert (table["BD"].iso, table["BD"].region) == (50, "South Asia")
    assert (table["KZ"].iso, table["KZ"].region) == (398, "Caucasus and Central Asia")
    assert country_by_name("Belarus") == "BY" and country_by_name("Russian") == "RU"
    assert country_by_name("the United States") == "US" and country_by_name("Monday") is None


def test_pipeline_codes_actors_of_its_incidents():
    from incidentmap.pipeline import analyze

    text = ("ALMATY, Kazakhstan - Riot police fired tear gas at protesters in Almaty on Wednesday. "
            "Troops from Belarus and Armenia arrived at Almaty airport on Thursday.")
    incidents = analyze(text, published=dt.date(2022, 1, 8)).incidents
    names = {a.name for i in incidents for a in i.coded_actors}
    assert {"Police Forces of Kazakhstan", "Military Forces of Belarus", "Military Forces of Armenia"} <= names
    assert not any("Belarus and" in n or n.startswith("from") for n in names)
    assert all(isinstance(a.inter, Inter) for i in incidents for a in i.coded_actors)


def test_an_unnamed_perpetrator_is_an_unidentified_armed_group_never_the_civilians():
    assert coded("Two villagers were shot dead on their farm.", "KE", "Violence against civilians", "Attack") == [
        ("Unidentified Armed Group (Kenya)", 3, 1), ("Civilians (Kenya)", 7, 2)]
    assert coded("A man was killed.", "KE", "Violence against civilians", "Attack") == [
        ("Unidentified Armed Group (Kenya)", 3, 1), ("Civilians (Kenya)", 7, 2)]
    # a riot's crowd stays the actor: mobs are not armed groups
    assert coded("Residents lynched a suspected thief.", "KE", "Riots", "Mob violence")[0] == ("Rioters (Kenya)", 5, 1)


def test_forces_of_one_country_are_allies_and_government_buildings_are_no_actor():
    assert coded("The government said troops and police had secured the city.", "KZ", "Strategic developments") == [
        ("Military Forces of Kazakhstan", 1, 1), ("Government of Kazakhstan", 1, 1), ("Police Forces of Kazakhstan", 1, 1)]
    # the forces act, the government and the others of their kind are associated (in text order)
    assert coded("Rioters stormed government buildings.", "KZ", "Riots", "Violent demonstration") == [
        ("Rioters (Kazakhstan)", 5, 1)]
    assert coded("Government forces fought rebels.", "SD", "Battles", "Armed clash") == [
        ("Military Forces of Sudan", 1, 1), ("Unidentified Rebel Group (Sudan)", 2, 2)]
    assert coded("Militias clashed with militias from the next valley.", "SD", "Battles", "Armed clash") == [
        ("Unidentified Armed Group (Sudan)", 3, 1)]  # one name: no second side can be told apart


def test_more_forces_from_other_countries_join_the_forces_named_before():
    sentence = ("A few thousand Russian paratrooper units have since arrived in the country, along with several "
                "hundred from Belarus, Tajikistan and Armenia.")
    assert coded(sentence, "KZ", "Strategic developments") == [
        ("Military Forces of Russia", 8, 1), ("Military Forces of Belarus", 8, 1),
        ("Military Forces of Tajikistan", 8, 1), ("Military Forces of Armenia", 8, 1)]
    # an origin after no forces names nobody's forces; a city is no country
    assert coded("Protesters who travelled from Moscow and from Belarus gathered.", "KZ", "Protests") == [
        ("Protesters (Kazakhstan)", 6, 1)]


def test_an_origin_right_after_the_actor_word_is_part_of_its_phrase():
    from incidentmap.incidents.actors import _actors

    sentence = "Hundreds of soldiers from Uzbekistan and Turkmenistan arrived on Friday."
    assert _actors(sentence, lexicon()) == ["soldiers from Uzbekistan and Turkmenistan"]


def test_modifiers_start_where_the_modifier_pattern_does():
    # _modifiers_start answers without the regex when the window has no capital and no "-led" (speed): the same
    # start as the pattern's search, at every position of the dev sentences and of edge cases.
    from pathlib import Path

    from incidentmap.incidents.actors import _ACTOR_PRE, _ACTOR_PRE_CHARS, _modifiers_start
    from incidentmap.segment import sentences

    texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parent.parent / "data"
                                                            / "devset").glob("*.txt"))]
    edge = ["police\nofficers", "the us-led\ncoalition troops", "a ÉLITE unit", "tiny\n", "\n", "", "x-led troops",
            "Russian paratrooper units", "ǅemal troops",
            # the search starts at the second-to-last token (speed): tokens cut by odd white space, capitals
            # inside a token, three capitalised tokens, white space at both ends
            "xRussian Army-backed troops", "A B C D troops", "Kenya’s\u00a0Rapid Deployment Unit officers",
            "the Army-led  \n forces", "  Leading spaces ", "UN-led\u2009peacekeepers", "a\u3000B\u2028C\x1cD e",
            "one two-led three-led Four Five-led six"]
    fast = 0
    for sentence in [t[s.start:s.end] for t in texts for s in sentences(t)] + edge:
        for at in range(len(sentence) + 1):
            pre = _ACTOR_PRE.search(sentence, max(0, at - _ACTOR_PRE_CHARS), at)
            assert _modifiers_start(sentence, at) == (pre.start() if pre else at), (sentence, at)
            window = sentence[max(0, at - _ACTOR_PRE_CHARS):at]
            fast += "-led" not in window and window == window.lower()
    assert fast  # the shortcut was taken


def test_names_remembers_answers_for_one_article_only():
    from pathlib import Path

    from incidentmap.incidents.actors import ARMED, CROWD, STATE_FORCES, _names
    from incidentmap.pipeline import analyze
    from incidentmap.incidents.lexicon_data import lexicon
    from incidentmap.segment import sentences

    lex = lexicon()
    devset = Path(__file__).resolve().parent.parent / "data" / "devset"
    texts = [t[s.start:s.end] for p in sorted(devset.glob("*.txt"))
             for t in [p.read_text(encoding="utf-8")] for s in sentences(t)]
    found = 0
    for roles in (ARMED, CROWD, STATE_FORCES + ARMED):
        for text in texts:
            expected = lex.may_name(roles, text) and lex.any_actor_of(roles).search(text) is not None
            assert _names(lex, roles, text) == expected and _names(lex, roles, text) == expected
            found += expected
    assert 0 < found < 3 * len(texts) and lex._named
    analyze("Police fired tear gas at protesters in Nairobi.")
    assert len(lex._named) < 20  # a new article starts with none remembered


@pytest.mark.parametrize(("sentence", "name"), [
    ("Four armed men attacked a bus near the border.", "Unidentified Armed Group (Kenya)"),
    ("Twelve gunmen raided a village.", "Unidentified Armed Group (Kenya)"),
    ("Two Al-Shabaab militants were killed in a clash with soldiers.", "Al-Shabaab"),
    ("About 40 Mungiki members attacked traders.", "Mungiki"),
])
def test_a_headcount_is_no_part_of_a_groups_name(sentence, name):
    # A figure at the start of a sentence is capitalised ("Four armed men"): it counts the group, it never names it.
    names = [n for n, _, _ in coded(sentence, "KE", "Violence against civilians")]
    assert names[0] == name
    assert not any(n.split()[0].lower() in {"four", "twelve", "two", "about", "40"} for n in names)


def test_security_services_are_state_forces():
    assert coded("Security services fired at civilians near the market.", "KE", "Violence against civilians") == [
        ("Military Forces of Kenya", 1, 1), ("Civilians (Kenya)", 7, 2)]


@pytest.mark.parametrize("sentence", [
    "A gunman shot dead a trader.", "The assailant stabbed a guard.", "A bandit attacked a herder.",
    "A lone attacker stabbed two worshippers.",
])
def test_one_armed_man_is_an_armed_group_as_many_are(sentence):
    assert coded(sentence, "KE", "Violence against civilians")[0] == ("Unidentified Armed Group (Kenya)", 3, 1)
