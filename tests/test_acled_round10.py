"""Triggers, ninth round (issue 11): classes of events found on fresh ACLED samples with no incident or the wrong
one, tested in our own sentences."""

import datetime as dt

import pytest

from incidentmap.pipeline import analyze


def _types(text: str) -> list[str]:
    return [i.incident_type for i in analyze(text, published=dt.date(2019, 10, 1)).incidents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "attack" in the present tense, on more kinds of people
        ("Soldiers attack a fisherman on the lake shore near Kisumu.", "armed_violence"),
        ("Unknown gunmen attack election observers in Garissa.", "armed_violence"),
        ("Gunmen attack two MPs outside parliament in Nairobi.", "armed_violence"),
        # the noun, with who attacked and whom
        ("Attack by an armed group on a rival clan near Moyale.", "armed_violence"),
        ("Attacks by bandits against herders continued in Baringo.", "armed_violence"),
        # the plural noun as the singular
        ("Shootings and robberies by a gang terrorised residents of Eastleigh.", "armed_violence"),
        # hijacking vehicles
        ("Militants hijacked a bus carrying teachers near Mandera.", "armed_violence"),
        # a demonstration held as, or turned into, a violent one: a riot
        ("Residents held a violent demonstration against the eviction in Nakuru.", "riot"),
        ("The march degenerated into violent protests in Eldoret.", "riot"),
        # stoning vehicles in the present tense, without a determiner
        ("Youths on the fringe of the march stone cars and rob passers-by in Kisumu.", "riot"),
    ],
)
def test_more_triggers(text, expected):
    assert expected in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The opposition hijacked the debate on the budget in Nairobi.",
        "Attacks by critics on the new law continued in Nairobi.",
        "The minister attacked the decision in a speech in Nairobi.",
    ],
)
def test_figurative_attacks_are_no_incidents(text):
    assert "armed_violence" not in _types(text)


def test_a_phrase_in_quotes_is_the_reporters_not_a_quotation():
    """Scare quotes around a few words inside the reporter's sentence still report the event; a quotation
    introduced by a speech verb, or one with a comma inside, does not."""
    assert "armed_violence" in _types('A teacher is "hacked to death" by an unknown attacker in Kisii.')
    assert "armed_violence" not in _types('Elders said "gunmen attacked the village" in their statement.')
    assert "armed_violence" not in _types('"Gunmen attacked the village," said one elder in Wajir.')
