"""Fatalities, fifteenth round (issue 11): classes found on the dev pool of ACLED notes (held seeds left
out), tested in our own sentences."""

import pytest

from incidentmap.counts import extract_counts


@pytest.mark.parametrize(("sentence", "fatalities"), [
    # what someone is alleged or suspected to have done is an earlier act, not the event's toll
    ("He is alleged to have killed two rivals in Kisumu last year.", None),
    ("Youths protested the release of two men suspected to have murdered a teacher.", None),
    # ... a report of the event itself stays
    ("Bandits are believed to have killed 12 villagers near Baragoi.", 12),
    ("Raiders are reported to have killed 6 herders.", 6),
])
def test_alleged_or_suspected_to_have_killed_is_an_accusation(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(("sentence", "fatalities"), [
    # a plural person noun with a verb after it is a clause of its own, not a group to add
    ("Several victims needed treatment, three reported killed.", 3),
    ("Two women required surgery, five were killed.", 5),
    # ... person nouns side by side are one group's name
    ("Two police officers, three civilians killed.", 5),
    ("Gunmen killed two women traders and three men.", 5),
])
def test_a_figure_with_its_own_verb_before_a_comma_is_not_a_group_of_the_dead(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(("sentence", "fatalities"), [
    # the dead of an earlier event named as the cause, in a relative clause on it
    ("Police shot a cattle thief in retaliation for a raid in which 9 villagers were killed.", None),
    ("Traders protested after an attack that killed 4 hawkers.", None),
    ("Police detained 6 youths over the clashes which left 3 dead.", None),
    ("A suspect was lynched in response to a raid (in which 5 herders died).", 1),
    # ... the event's own dead after it are counted
    ("Fighting broke out after a raid in which gunmen killed 8 herders; 2 more were killed in the fighting.", 2),
    # ... and responsibility for an attack is for the event's own dead
    ("The militants claimed responsibility for an attack in which 11 soldiers were killed.", 11),
])
def test_the_dead_of_an_earlier_event_named_as_the_cause_are_not_this_events(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize(("sentence", "fatalities"), [
    ("Deaths were estimated at 14.", 14),
    ("Herders traded fire, leading to deaths estimated to be over 20 people.", 20),
    ("Fatalities are put at 9.", 9),
    ("Fatalities are thought to be in the dozens.", 12),
    # not an estimate: where deaths were reported
    ("Deaths are reported at two hospitals.", None),
])
def test_deaths_or_fatalities_estimated_at_a_figure_are_a_toll(sentence, fatalities):
    assert extract_counts(sentence).fatalities == fatalities


@pytest.mark.parametrize("date", ["on 12/03", "on 12/03/2011", "on 12 March", "on March 12th"])
def test_a_date_between_the_auxiliary_and_the_verb_does_not_cut_the_figure(date):
    assert extract_counts(f"Four suspected members of the gang were {date} lynched in Nyeri.").fatalities == 4
