"""The peoples vocabulary (data/lexicon/peoples.csv) and what the geoparser makes of a people's name."""

import datetime as dt

import pytest

from incidentmap.peoples import peoples
from incidentmap.pipeline import analyze
from incidentmap.vocabulary import PeopleKind


def _places(text: str) -> list[str]:
    return [p.name for p in analyze(text, published=dt.date(2019, 10, 1)).places]


def test_the_vocabulary_is_typed_and_case_folded():
    found = peoples()
    assert found and all(k == k.casefold() for k in found) and set(found.values()) <= set(PeopleKind)


@pytest.mark.parametrize(("text", "not_a_place"), [
    ("Two died when Kikuyu and Maasai groups clashed near Naivasha.", "Kikuyu"),
    ("Turkana militia fought police near North Horr.", "Turkana"),
    ("Samburu raiders drove off cattle near Maralal.", "Samburu"),
])
def test_a_peoples_name_before_its_fighters_or_groups_is_no_place(text, not_a_place):
    assert not_a_place not in _places(text)


@pytest.mark.parametrize(("text", "place"), [
    ("Residents of Turkana protested in Lodwar.", "Turkana"),  # the county
    ("Nairobi gangs attacked traders.", "Nairobi"),  # a town's gangs: not in the vocabulary
])
def test_places_before_other_words_or_outside_the_vocabulary_stay(text, place):
    assert place in _places(text)


@pytest.mark.parametrize(("text", "not_a_place"), [
    ("Kalenjin youths attack and kill 6 Kikuyu people in Eldoret.", "Kikuyu"),
    ("3 Luo were killed in Naivasha to avenge the murder of 6 Kikuyu earlier in the day.", "Kikuyu"),
    ("Once identified as Kikuyu, the refugees were thrown into the river near Eldoret.", "Kikuyu"),
    ("Kalenjin raiders killed dozens of Kisii people near Kericho.", "Kisii"),
    ("Pokot raiders kill eleven Turkana near Lodwar.", "Turkana"),
])
def test_a_peoples_name_counted_or_as_persons_is_no_place(text, not_a_place):
    assert not_a_place not in _places(text)


@pytest.mark.parametrize(("text", "place"), [
    ("Raiders attacked two Turkana villages on Monday.", "Turkana"),
    ("Police fired tear gas at protesters in Kikuyu on Monday.", "Kikuyu"),
    ("Two traders were shot dead in Kisii town.", "Kisii"),
])
def test_a_peoples_name_counting_places_or_as_a_scene_stays_a_place(text, place):
    assert place in _places(text)


@pytest.mark.parametrize("text", [
    "Two Siria and Ruasi Ngishu clans clashed at the border in Narok county.",
    "Clashes took place in Narok county between Siria and Ilwuasi Ngishu clan militias.",
])
def test_a_name_paired_with_a_two_word_people_before_clans_is_a_people(text):
    # "Siria" (a Maasai clan) is no Romanian town when a pair of clans is named, the other of two words
    assert "Şiria" not in _places(text)
