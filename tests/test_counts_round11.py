"""Fatalities, tenth round (issue 11): classes found on fresh ACLED samples, tested in our own sentences."""

import pytest

from incidentmap.counts import extract_counts


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # An age without hyphens is a person too.
        ("A crowd beat and killed a 15 year old over a stolen phone in Kakamega.", 1),
        ("Villagers lynched a 30-year old for theft.", 1),
        # ... but not an age that qualifies a noun after it.
        ("Police killed a 19 year old student and two others.", 3),
        # Companions counted by a figure: "together with her two sons".
        ("The shopkeeper was hacked to death together with his three daughters.", 4),
        ("A councillor was shot dead along with two of his bodyguards.", 3),
        ("Raiders killed the elder together with his four grandsons.", 5),
        # ... and companion nouns beyond the closed list's old words.
        ("The campaign director was killed along with his finance coordinator.", 2),
        # Two groups each with its own figure and verb: civilians are a group of their own.
        ("4 militiamen killed and 3 civilians killed.", 7),
        ("Five soldiers were killed and two civilians were killed in the ambush.", 7),
        # ... the same figure twice is no duplicate when the groups differ.
        ("3 rustlers killed and 3 civilians killed near the river.", 6),
        # ... but "civilians" after "people" may be a part of them.
        ("12 people were killed, including 4 civilians.", 12),
        # Groups coordinated after an active verb, followed by another verb's "and".
        ("Gunmen stormed the village, killing six men and three boys and torching homes.", 9),
        ("The militia raided the camp, killing two traders, and burning their stalls.", 2),
    ],
)
def test_fatalities_round11(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities
