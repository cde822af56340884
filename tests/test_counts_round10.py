"""Fatalities, ninth round (issue 11): classes found on fresh ACLED samples, tested in our own sentences."""

import pytest

from incidentmap.counts import extract_counts, lowest_of_reports


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # A figure inside a phrase after the subject's own figure counts something else.
        ("Six gunmen linked to the three bank robberies have been shot dead in Kisii by police.", 6),
        ("4 members of one clan were killed by gunmen near Wajir.", 4),
        ("Four of the 12 passengers were killed when the bus was ambushed.", 4),
        ("Two fishermen from the three boats were killed.", 2),
        # ... but a lone figure in the phrase is still the only one, and a noun cue counts its own figure.
        ("Residents of two villages were killed.", 2),
        ("Fighting between two clans resulted in 6 deaths.", 6),
        ("A herder from the two settlements was killed.", 1),
        # "killing" as a verb after the agents' figure: the object's figure counts.
        ("60 bandits attacked a homestead killing 3", 3),
        ("About 200 youths raided the market killing two traders.", 2),
        # ... not as a noun.
        ("The 3 killings of traders angered residents.", 3),
        # Two nouns joined by "and" between a figure and its verb.
        ("9 women and children killed by raiders in a village near Isiolo.", 9),
        ("Five men and boys were killed in the raid.", 5),
        # ... not two verbs.
        ("15 captured and 1 killed.", 1),
        # "N of these" is a part of the figure given before, not a report of its own.
        ("Fourteen people were killed over three days, 6 of these in arson attacks.", 14),
        ("12 people were killed; 4 of them were children.", 12),
        ("Two of them died.", 2),
        # The present tense of "VERB to death", then its object.
        ("Residents stone to death three suspected thieves in Kisumu.", 3),
        ("A mob beats to death a suspected cattle thief.", 1),
        ("They threatened to beat to death two men.", None),
        # A bare figure as the subject of a headline's passive: no object after a preposition.
        ("Three killed in land dispute in Nakuru.", 3),
        ("Two killed in local feud near Garissa.", 2),
        ("One killed in local clash.", 1),
        # What someone is accused of is not the event's toll.
        ("Soldiers gunned down four men suspected of having killed the two chiefs.", 4),
        ("Police shot dead 3 robbers accused of murdering a trader.", 3),
        # Two single deaths of different people in clauses side by side add up.
        ("One raider was shot dead, while a herdsman was found dead near the kraal.", 2),
        # Figures of two categories side by side are no groups of one: "several injuries" is not 10 dead.
        ("Pupils rioted at the school. Several injuries, one death reported.", 1),
        # "gun down" in the present tense, as "gunned down".
        ("Soldiers gun down a suspected smuggler at the border.", 1),
        ("Police are gunning down three robbers, residents said.", 3),
        # A death called unconfirmed is not counted; a target called unconfirmed says nothing of the death.
        ("1 killed by a gang in the night. (3 others feared dead in an earlier report but not confirmed)", 1),
        ("Eight other deaths are feared but unconfirmed.", None),
        ("One guard was killed when gunmen fired at an unconfirmed target.", 1),
        # An age as the person: "a 21-year-old who …".
        ("Police shot and killed a 23-year-old who was filming the raid.", 1),
        # A subject cut from its verb by an aside in commas.
        ("On 3 May 2019, 8 soldiers from the Manda camp in Lamu County, on patrol near the border, died when their "
         "truck hit a landmine.", 8),
        ("Two rangers, who were escorting tourists, were killed in the ambush.", 2),
        ("Three herders, all from the same village, were killed by raiders.", 3),
        # ... not across an aside with a verb of its own, nor from a clause that does not start with the figure.
        ("The 12 villages, officials said, died out.", None),
        ("Police believe 4 attackers, after the raid, fled.", None),
        ("Five gunmen from across the border, in a dawn raid, killed civilians.", None),
        # More singular persons ACLED counts as one death.
        ("Police shot dead a matatu tout in Kisumu on Friday.", 1),
        ("Gunmen killed a tribesman near the border.", 1),
    ],
)
def test_fatalities_round10(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # a preposition that opens a clause: its figure is the clause's subject
        ("Two hundred residents fled after 12 people were killed in Marsabit.", 12),
        ("The 2 attacks resulted in 11 people killed.", 11),
        ("Two clans clashed near Wajir with 6 people killed.", 6),
        ("Three children among the 15 passengers were killed.", 3),
        # "not confirmed" about something else; "unconfirmed" with a word before "reports"
        ("Three people were killed in an explosion whose cause has not been confirmed.", 3),
        ("Unconfirmed media reports said 5 people were killed in Mogadishu.", None),
        ("Seven people were killed according to unverified local reports.", None),
        # a purpose; blame for the event's own toll; guns laid down
        ("Police were ordered to gun down 3 suspected robbers on sight.", None),
        ("Herders were blamed for killing 12 villagers in Benue on Sunday.", 12),
        ("Two fighters laid their guns down and surrendered.", None),
        # a part of another category's group is not a part of the dead
        ("Five soldiers were killed and 12 wounded; 3 of those wounded later died in hospital.", 3),
    ],
)
def test_fatalities_round10_not_overreaching(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


_CLAIM = "Militants claimed killing nine soldiers near Mandera."


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("The army said only two soldiers died.", [2, None]),
        ("The army acknowledged the ambush but said only two soldiers were killed.", [2, None]),
        # the lowest is kept only against a report of the same event: not a further event
        ("The army said only two soldiers died in a separate attack.", [9, 2]),
        # and not without "only": two figures may be two events
        ("The army said two soldiers died.", [9, 2]),
        # nor "only" for a part, or for another group
        ("The army said only two of the attackers died.", [9, 2]),
        ("The army said only two policemen died.", [9, 2]),
    ],
)
def test_only_report_is_another_report(later, expected):
    assert lowest_of_reports([(0, _CLAIM, "", 9), (60, later, "", 2)]) == expected


def test_country_level_report_is_the_same_event():
    """A lower figure told at the country's level ("Kenya said only one …") is a report of the event at a town in
    that country, so the lowest is kept (ACLED)."""
    import datetime as dt

    from incidentmap.pipeline import analyze

    text = ("Militants ambushed a police convoy at Garissa. The militants claimed killing six officers. "
            "Kenya acknowledged the ambush but said only one officer was killed.")
    dead = [i.fatalities for i in analyze(text, published=dt.date(2015, 3, 2)).incidents if i.fatalities]
    assert dead == [1]


def test_person_words_are_nouns_only():
    """The closed list of persons holds nouns: a pattern fragment there would read "and died" as one death."""
    from incidentmap.counts import _PERSON_WORDS

    assert not {"and", "in", "at", "who", "that", "on", "with"} & _PERSON_WORDS
    assert extract_counts("52 people were killed - 40 died on the spot while 12 succumbed to wounds and died "
                          "later.").fatalities == 52
