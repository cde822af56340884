"""Names of natural features and other longer names that contain a place's name (issue 10), on sentences
written for these tests."""

import pytest

from incidentmap.geoparse import geoparse


def mentioned(text: str) -> dict[str, str]:
    """Mention text → the place's name it was resolved to."""
    return {m.text: p.name for p in geoparse(text).places for m in p.mentions}


@pytest.mark.parametrize("text, not_a_place", [
    ("Storm systems over the Gulf of Alaska were weaker than usual this winter.", ["Gulf", "Alaska"]),
    ("Two fishermen capsized on Lake Ontario in rough weather on Sunday.", ["Ontario"]),
    ("Fishermen Rescued On Lake Ontario After Storm", ["Ontario"]),
    ("Talks touched on shipping and on security in the Gulf.", ["Gulf"]),
    ("Kanawha River Cleanup Set For Saturday", ["Kanawha"]),
    ("Climbers set out for the summit of Mount Hood at dawn.", ["Hood"]),
])
def test_a_feature_named_after_a_place_is_not_that_place(text, not_a_place):
    found = mentioned(text)
    for word in not_a_place:
        assert word not in found, found


@pytest.mark.parametrize("text, mention, place", [
    ("Tankers crossed the Gulf of Aden on Friday.", "Gulf of Aden", "Gulf of Aden"),  # the gazetteer's own
    ("Militants attacked a village in the Bay region of Somalia.", "Bay region", "Bay"),  # a unit word follows
    ("Floods cut roads in Bay and Bakool.", "Bay", "Bay"),  # no article: a name
    ("The family moved to Lake Charles in May.", "Lake Charles", "Lake Charles"),  # a town's whole name
])
def test_feature_words_that_are_names_stay(text, mention, place):
    assert mentioned(text).get(mention) == place
