"""Issue 11, round 9 (K9f): general casualty wording, not one report's (the sentences are ours)."""

from __future__ import annotations

import pytest

from incidentmap.counts import extract_counts, lowest_of_reports


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # "a"/"an" before a clause's figure is a group of one only when it names a person: "during an attack" is not
        ("After a cattle raid, three herders were killed.", 3),
        ("In a dawn ambush, two rangers died.", 2),
        ("In a revenge attack, a village elder was shot dead.", 1),
        # ... while a person still is another group
        ("Two soldiers and a civilian were killed.", 3),
        ("Three traders and a driver were killed in the raid.", 4),
        # a companion after a comma: "…, along with his companion" is one more
        ("A county official was shot and killed, along with his companion.", 2),
        ("The head of planning is shot and killed, along with his friend.", 2),
        ("A chief was killed along with his driver.", 2),
        ("A chief was killed, along with his cousin and two children.", 4),
        # "shot and killed" after a singular auxiliary: one
        ("The head of the water board was shot and killed.", 1),
        ("Two men were shot and killed at the gate.", 2),
        # "death total" and "death count" are tolls like "death toll": the latest figure
        ("Later the death total rose from 2 to 6.", 6),
        ("By Friday the death count stood at 9.", 9),
        # found or discovered murdered: one
        ("A trader was discovered murdered near the market.", 1),
        ("A herder was found dead in the bush.", 1),
        # a label's estimate
        ("FATALITIES: estimate of 5 people.", 5),
        ("Fatalities: estimated 12.", 12),
        # a collective noun before the object figure
        ("The bomb went off, killing a group of seven police officers.", 7),
        ("Gunmen killed a family of four in their home.", 4),
        # a revision in brackets wins (another source's figure in brackets stays the lowest)
        ("The bomb went off, killing five (later confirmed as seven) officers.", 7),
        ("Five (later revised to 8) people were killed in the blast.", 8),
        ("Five (some reports say 8) people were killed.", 5),
    ],
)
def test_fatalities(sentence: str, fatalities: int) -> None:
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    "sentence",
    [
        "A chief was killed, along with the proposal he backed.",  # no person: no companion
        "A discovered document was shown to reporters.",  # no death cue at all
        "The count of votes stood at 9 on Friday.",  # a count, not a death count
        "Police arrested a group of seven youths.",  # a collective noun alone is no death
    ],
)
def test_no_extra_fatalities(sentence: str) -> None:
    assert extract_counts(sentence).fatalities in (None, 1)
    if "killed" not in sentence:
        assert extract_counts(sentence).fatalities is None


def test_chief_alone_is_one() -> None:
    assert extract_counts("A chief was killed, along with the proposal he backed.").fatalities == 1


_FIRST = "Three people were killed when gunmen attacked the bus."


@pytest.mark.parametrize("later", ["Conflicting reports have five deaths.", "Other reports had five dead."])
def test_conflicting_reports_keep_the_lowest(later: str) -> None:
    assert lowest_of_reports([(0, _FIRST, "", 3), (60, later, "", 5)]) == [3, None]


def test_a_further_event_is_its_own() -> None:
    later = "Conflicting reports have five more deaths in a separate attack."
    assert lowest_of_reports([(0, _FIRST, "", 3), (60, later, "", 5)]) == [3, 5]
