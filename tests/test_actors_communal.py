"""Identity militias as ACLED's codebook defines them: groups organised around ethnicity, clan, community or
livelihood (pastoralists' cattle raids), named "<name> Ethnic Militia (<country>)" — in our own sentences."""

from __future__ import annotations

import pytest

from incidentmap.incidents.actors import actor_mentions, code_actors
from incidentmap.incidents.lexicon_data import ActorRole, Cue, lexicon
from incidentmap.models import Inter


def coded(sentence: str, event_type: str, country: str = "KE") -> list[tuple[str, int, int]]:
    actors = code_actors(actor_mentions(sentence, lexicon()), country_code=country, event_type=event_type)
    return [(a.name, int(a.inter), a.side) for a in actors]


def test_the_communal_cue_is_a_kind_of_its_own():
    assert lexicon().communal is not None and Cue.COMMUNAL == "communal"


@pytest.mark.parametrize("sentence", [
    "Armed raiders drove away 300 goats from a homestead near the river.",
    "Gunmen from a rival clan shot dead two men at a market.",
    "Attackers torched huts during ethnic violence in the valley.",
    "Bandits stole cattle and shot a boy who tried to stop them.",
])
def test_an_armed_group_in_a_communal_sentence_is_an_identity_militia(sentence):
    got = coded(sentence, "Violence against civilians")
    assert got[0] == ("Unidentified Communal Militia (Kenya)", Inter.IDENTITY_MILITIA, 1)
    assert got[-1] == ("Civilians (Kenya)", Inter.CIVILIANS, 2)


def test_without_a_communal_cue_gunmen_stay_an_unidentified_armed_group():
    got = coded("Gunmen shot dead two men at a market.", "Violence against civilians")
    assert got[0] == ("Unidentified Armed Group (Kenya)", Inter.POLITICAL_MILITIA, 1)


def test_a_named_group_of_raiders_is_its_peoples_ethnic_militia():
    got = coded("Samburu raiders attacked a village and drove off the herds.", "Violence against civilians")
    assert got[0] == ("Samburu Ethnic Militia (Kenya)", Inter.IDENTITY_MILITIA, 1)


def test_the_cue_word_opening_a_sentence_is_no_name():
    got = coded("Cattle rustlers attacked herders at a watering point.", "Violence against civilians")
    assert got[0] == ("Unidentified Communal Militia (Kenya)", Inter.IDENTITY_MILITIA, 1)


def test_two_peoples_named_as_the_sides_of_a_fight():
    got = coded("Four died when the Rendille and Gabbra communities fought over a well.", "Battles")
    assert got == [("Rendille Ethnic Militia (Kenya)", 4, 1), ("Gabbra Ethnic Militia (Kenya)", 4, 2)]
    got = coded("Fighting between the Habar Gidir and Abgaal clans left six dead.", "Battles", "SO")
    assert [n for n, _, _ in got] == ["Habar Gidir Clan Militia (Somalia)", "Abgaal Clan Militia (Somalia)"]


def test_two_countries_are_no_peoples():
    assert not any(m.role == ActorRole.IDENTITY_MILITIA
                   for m in actor_mentions("Kenya and Ethiopia groups met in Moyale.", lexicon()))


def test_an_ethnic_group_that_attacks_is_a_militia_and_one_attacked_is_civilians():
    got = coded("The Kamba ethnic group attacked Maasai homesteads, killing two.", "Violence against civilians")
    assert got[0] == ("Kamba Ethnic Militia (Kenya)", Inter.IDENTITY_MILITIA, 1)
    got = coded("Gunmen killed two members of the Luo ethnic group.", "Violence against civilians")
    assert [inter for _, inter, _ in got] == [Inter.IDENTITY_MILITIA, Inter.CIVILIANS]
    assert not any("Luo" in name for name, _, _ in got)  # the victims' people is no attacker


def test_a_rebel_groups_name_before_an_armed_groups_word_is_that_rebel_group():
    got = coded("Two Boko Haram fighters were killed in a clash with soldiers.", "Battles", "NG")
    assert got[0][1] == Inter.REBEL_GROUP


def test_an_armed_group_named_by_a_people_is_its_militia_without_any_cue():
    got = coded("Dinka gunmen shot dead four traders near the market.", "Violence against civilians", "SS")
    assert got[0] == ("Dinka Ethnic Militia (South Sudan)", Inter.IDENTITY_MILITIA, 1)
    got = coded("Marehan militia attacked a convoy on the road.", "Violence against civilians", "SO")
    assert got[0] == ("Marehan Clan Militia (Somalia)", Inter.IDENTITY_MILITIA, 1)  # a clan, by the vocabulary


def test_peoples_file_is_typed_and_one_spelling_per_row():
    import csv

    from incidentmap.incidents.lexicon_data import LEXICON_DIR, PeopleKind
    with (LEXICON_DIR / "peoples.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["kind"] for r in rows} <= set(PeopleKind)
    names = [r["name"].casefold() for r in rows]
    assert len(names) == len(set(names))
    assert all(1 <= len(r["name"].split()) <= 2 and len(r["country"]) == 2 for r in rows)


@pytest.mark.parametrize("sentence", [
    "Raiders struck at dawn.", "INTER-ETHNIC violence", "the Pastoraliſts", "sub-clan elders", "no cue at all here",
    "Rustling of cattle", "The tribal elders met.", "İstanbul clans",
])
def test_the_communal_shortcut_answers_as_the_search(sentence):
    from incidentmap.incidents.actors import _communal
    lex = lexicon()
    assert _communal(sentence, lex) == (lex.communal.search(sentence) is not None)


@pytest.mark.parametrize("sentence", ["Clan fighting left four dead near the wells.",
                                      "Fighting over grazing land left two dead."])
def test_a_communal_battle_nobody_named_is_fought_by_communal_militias(sentence):
    lex = lexicon()
    from incidentmap.incidents.actors import communal_sentence
    actors = code_actors(actor_mentions(sentence, lex), country_code="KE", event_type="Battles",
                         communal=communal_sentence(sentence, lex))
    assert [(a.name, a.inter, a.side) for a in actors] == [
        ("Unidentified Communal Militia (Kenya)", Inter.IDENTITY_MILITIA, 1),
        ("Unidentified Communal Militia (Kenya)", Inter.IDENTITY_MILITIA, 2)]


def test_a_battle_nobody_named_outside_a_communal_sentence_has_no_actors():
    assert code_actors([], country_code="KE", event_type="Battles", communal=False) == []


def test_an_unnamed_attacker_of_civilians_in_a_communal_sentence_is_a_communal_militia():
    sentence = "Two herders' wives were shot dead near their cattle."
    lex = lexicon()
    from incidentmap.incidents.actors import communal_sentence
    actors = code_actors(actor_mentions(sentence, lex), country_code="KE", event_type="Violence against civilians",
                         communal=communal_sentence(sentence, lex))
    assert actors[0].inter == Inter.IDENTITY_MILITIA
