"""Casualty and arrest figures, ACLED-style (lowest reported figure, linked to the cue)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentmap.counts import Counts, extract_counts

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("sentence", "fatalities", "text"),
    [
        ("Security forces cleared the streets in clashes that have left dozens killed, according to the government.", 12, "dozens killed"),
        ("At least 12 people were killed.", 12, "At least 12 people were killed"),
        ("Between 10 and 15 protesters were killed.", 10, "Between 10 and 15 protesters were killed"),
        ("10-15 protesters were killed.", 10, "10-15 protesters were killed"),
        ("More than 20 people died.", 20, "More than 20 people died"),
        ("Up to 30 people were killed.", 10, "Up to 30 people were killed"),
        ("Up to 5 people were killed.", 5, "Up to 5 people were killed"),
        ("Security forces opened fire, killing 12 protesters.", 12, "killing 12"),
        ("The death toll rose to 164, officials said.", 164, "death toll rose to 164"),
        ("The death toll rose from 44 to 164.", 164, "death toll rose from 44 to 164"),
        ("At least 8 dead.", 8, "At least 8 dead"),
        ("Kassym-Jomart Tokayev said 164 people had died.", 164, "164 people had died"),
        ("Twelve people were killed.", 12, "Twelve people were killed"),
        ("Twenty-five people were killed.", 25, "Twenty-five people were killed"),
        ("A police officer was killed.", 1, "A police officer was killed"),
        ("A 12-year-old boy was killed.", 1, "A 12-year-old boy was killed"),
        ("Twelve bodies were found.", 12, "Twelve bodies"),
        ("The bodies of 12 protesters were recovered.", 12, "bodies of 12"),
        ("The unrest claimed the lives of 12 people.", 12, "lives of 12"),
        ("The clashes claimed 164 lives.", 164, "164 lives"),
        ("12 people lost their lives.", 12, "12 people lost their lives"),
        ("the deaths of 12 people", 12, "deaths of 12"),
        ("In 2022, 12 people were killed.", 12, "12 people were killed"),
        ("Officials say 12 were killed while activists say 40 were killed.", 12, "12 were killed"),
        ("between ten and fifteen people were killed", 10, "between ten and fifteen people were killed"),
        ("There were 3 fatalities.", 3, "3 fatalities"),
        ("As many as 12 may have died.", 10, "As many as 12 may have died"),
    ],
)
def test_fatalities(sentence, fatalities, text):
    c = extract_counts(sentence)
    assert c.fatalities == fatalities
    assert c.texts["fatalities"] == text
    assert text in sentence


@pytest.mark.parametrize(
    ("sentence", "injuries"),
    [
        ("Dozens were injured.", 12),
        ("Several people were hurt.", 10),
        ("Scores were wounded.", 20),
        ("A few people were hospitalised.", 3),
        ("Two dozen police officers were injured.", 24),
        ("Half a dozen people were injured.", 6),
        ("More than 1,000 people were hospitalized.", 1000),
        ("No one was hurt.", 0),
        ("Troops killed at least 20 people and injured dozens.", 12),
    ],
)
def test_injuries(sentence, injuries):
    assert extract_counts(sentence).injuries == injuries


@pytest.mark.parametrize(
    ("sentence", "arrests"),
    [
        ("A dozen protesters were arrested.", 12),
        ("Many were detained.", 10),
        ("Hundreds of people were arrested.", 100),
        ("Thousands were detained.", 1000),
        ("tens of thousands were detained", 10_000),
        ("Police said 1,200 people had been detained.", 1200),
        ("The interior ministry said 5,800 people had been detained, including foreigners.", 5800),
        ("The number of people detained rose to 5,800.", 5800),
        ("Police arrested 12 activists.", 12),
        ("Police rounded up dozens of protesters.", 12),
        ("Dozens were taken into custody.", 12),
        ("1,200 arrests were made.", 1200),
        ("There were 400 detentions.", 400),
        ("the arrest of 30 activists", 30),
        ("about 200 people were detained", 200),
        ("fewer than 30 people were arrested", 10),
        ("There were no arrests.", 0),
        ("more than 2,000 people were arrested in 2022", 2000),
    ],
)
def test_arrests(sentence, arrests):
    assert extract_counts(sentence).arrests == arrests


def test_several_categories_in_one_sentence():
    c = extract_counts("At least 12 people were killed and 30 injured, while police detained more than 300 protesters.")
    assert (c.fatalities, c.injuries, c.arrests) == (12, 30, 300)
    assert c.texts == {
        "fatalities": "At least 12 people were killed",
        "injuries": "30 injured",
        "arrests": "detained more than 300",
    }
    assert c.text == "At least 12 people were killed; 30 injured; detained more than 300"


def test_cue_without_a_figure_is_noted():
    c = extract_counts("Several journalists on the ground have reported seeing corpses lying in the street.")
    assert c.fatalities is None
    assert c.texts == {"fatalities": "corpses"}
    c = extract_counts("Protesters were killed.")
    assert c.fatalities is None and c.texts == {"fatalities": "killed"}


@pytest.mark.parametrize(
    "sentence",
    [
        "A few thousand Russian paratrooper units have since arrived in the country, along with several hundred from Belarus.",
        "The city's 2 million residents were told to stay indoors.",
        "Kazakhstan gained independence in 1991 after the fall of the Soviet Union.",
        "Prices for gas doubled on 1 January 2022.",
        "Soldiers arrived in 12 trucks.",
        "Several government bodies were dissolved.",
        "He remains in police custody.",
        "The curfew lasts 12 hours.",
        "casualties rose to 40",  # mixes dead and injured: not a cue
        "Most shops are closed and people are struggling to find basic groceries.",
        "",
    ],
)
def test_unrelated_numbers_are_not_counts(sentence):
    c = extract_counts(sentence)
    assert (c.fatalities, c.injuries, c.arrests, c.texts) == (None, None, None, {})


@pytest.mark.parametrize(
    "sentence",
    [
        "On January 12 protesters were killed.",  # a date, not a figure
        "Police killed 3 January protesters.",
        "The 2 million residents fear being killed.",
        "A bloody clampdown that was condemned as excessive killed protesters.",
        "A crackdown was launched and protesters were killed.",
        "Police detained him for 3 days.",
    ],
)
def test_numbers_not_linked_to_the_cue(sentence):
    c = extract_counts(sentence)
    assert c.fatalities is None and c.arrests is None


@pytest.mark.parametrize(("sentence", "expected"), [
    ("He was killed 2 years ago.", 1),  # the "2" is not linked; one man was killed
    ("The suspect was killed.", 1),
    ("A man was shot dead in Eldoret.", 1),
    ("A trader was stabbed to death in Nairobi.", 1),
    ("Police said the suspect was burned to death.", 1),
    ("Two men were beaten to death by a mob.", 2),
])
def test_a_single_death_without_a_numeral_is_one(sentence, expected):
    # ACLED: a death reported without a figure ("was killed", "stabbed to death") counts as 1.
    assert extract_counts(sentence).fatalities == expected


@pytest.mark.parametrize("sentence", ["He was sentenced to death.", "They were frightened to death of the police."])
def test_to_death_is_a_death_only_after_a_violent_verb(sentence):
    assert extract_counts(sentence).fatalities is None


def test_seed_article():
    text = (ROOT / "data/articles/almaty-2022-01-08.txt").read_text(encoding="utf-8")
    results = [extract_counts(s) for s in re.split(r"(?<=[.!?])\s+", text)]
    with_figures = [c for c in results if c.texts]
    assert [(c.fatalities, c.texts) for c in with_figures] == [
        (None, {"fatalities": "corpses"}),
        (12, {"fatalities": "dozens killed"}),
    ]


def test_counts_is_frozen_and_hashable():
    c = extract_counts("At least 12 people were killed.")
    assert hash(c) == hash(Counts(12, None, None, {"other": "texts do not count"}))
    with pytest.raises(AttributeError):
        c.fatalities = 3  # type: ignore[misc]


def test_fast_on_sentences_without_cues():
    sentences = [
        "Military units have set up checkpoints and are controlling access to the city.",
        "A few thousand Russian paratrooper units have since arrived in the country.",
        "Most shops are closed and people are struggling to find basic groceries, except for bread.",
    ] * 300
    t = time.perf_counter()
    for s in sentences:
        extract_counts(s)
    assert (time.perf_counter() - t) / len(sentences) < 100e-6  # typically ~5 us


_VOCAB = (
    "at least more than up to between and or to from 12 1,200 3.5 two twenty-five dozen dozens a an no one "
    "several hundreds thousands of people were was killed killing dead died death toll rose bodies corpses "
    "lives lost their injured wounded hurt arrested detained arrests custody taken into rounded up , . "
    "January 2022 years -year-old the claimed number"
).split()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), max_size=14).map(" ".join))
def test_vocabulary_soup_never_raises(sentence):
    c = extract_counts(sentence)
    for category, text in c.texts.items():
        assert text in sentence
        value = getattr(c, category)
        assert value is None or value >= 0


def test_offsets_survive_characters_that_lowercase_to_two():
    c = extract_counts("İİİ İstanbul: at least 12 people were killed.")
    assert (c.fatalities, c.texts["fatalities"]) == (12, "at least 12 people were killed")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("25 ADF fighters and 6 soldiers were killed in the clashes.", 31),
    ("12 protesters, 5 police officers and 3 bystanders were killed.", 20),
    ("Two soldiers and a civilian were killed near the border.", 3),
    ("The army said it had killed 25 rebels and 6 civilians in the raid.", 31),
    ("Gunmen killed a soldier and two civilians at a market.", 3),
])
def test_figures_for_different_groups_are_summed(sentence, expected):
    # ACLED sums the dead of every side of one event.
    assert extract_counts(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "fatalities", "injuries"), [
    ("Troops killed 3 people and 5 protesters were injured.", 3, 5),  # another cue's figure is not a group
    ("Security forces opened fire, killing 12 protesters and injuring 30.", 12, 30),
    ("Police killed 4 people and 30 were injured.", 4, 30),
])
def test_a_figure_of_another_category_is_not_summed(sentence, fatalities, injuries):
    c = extract_counts(sentence)
    assert (c.fatalities, c.injuries) == (fatalities, injuries)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("At least 10 people were killed, though other reports said 15 people died.", 10),
    ("Local media said 40 were killed while police said 25 people died.", 25),
])
def test_the_lowest_figure_when_reports_conflict(sentence, expected):
    assert extract_counts(sentence).fatalities == expected


def test_a_subset_in_commas_is_part_of_the_total():
    c = extract_counts("Ten people, including two officers, were injured, and 17 people, among them a child, were killed.")
    assert (c.fatalities, c.injuries) == (17, 10)
    assert c.texts["injuries"] == "Ten people, including two officers, were injured"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Police shot dead at least four people in the suburb.", 4),
    ("A teacher died after police broke up the march.", 1),
])
def test_more_ways_of_reporting_deaths(sentence, expected):
    assert extract_counts(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a singular pronoun as the object of an active killing verb is one person
    ("Armed men stormed the post and killed him on the spot.", 1),
    ("Gunmen robbed the shopkeeper and shot and killed her.", 1),
    # "gunned down" is killed, active or passive
    ("A court clerk is gunned down near his home.", 1),
    ("Masked men gunned down three guards at the depot.", 3),
    # "the death of one" is one death
    ("The dispute over grazing land caused the death of one and left houses burnt.", 1),
    # a verb joined to the cue ("are shot and killed") does not cut the figure from it
    ("Four herders are shot and killed by raiders.", 4),
    # figures for different groups in clauses side by side add up (ACLED sums them)
    ("Seven police officers were killed, and two attackers were also killed.", 9),
])
def test_single_deaths_and_separate_groups_as_acled_counts_them(sentence, expected):
    assert extract_counts(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Police detained him for questioning.", None),  # the pronoun rule is for deaths only
    ("The army killed her husband.", 1),  # a noun after "her": the person list decides
    ("Officials said 12 people were killed while witnesses said 30 people were killed.", 12),  # same group: lowest
    ("At least 20 people were killed; 4 soldiers were killed.", 4),  # a generic total may hold the soldiers: lowest
    ("5 miners were killed in the blast and a week later 3 rescuers were killed.", 3),  # clauses apart: lowest
])
def test_what_stays_unsummed_or_unnumbered(sentence, expected):
    c = extract_counts(sentence)
    assert (c.arrests if "detained" in sentence else c.fatalities) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # more death verbs: "succumbed", "executed", "assassinated", "murdered", "slain"
    ("The herdsman succumbed to his wounds in hospital.", 1),
    ("Eight people were hurt in the blast, 2 succumbed later that night.", 2),
    ("The militia executed 9 captured villagers at dawn.", 9),
    ("Unknown gunmen assassinated a ward councillor outside his gate.", 1),
    ("Three traders were murdered on the road to the market.", 3),
    ("The trader was murdered.", 1),
    ("Two watchmen were slain by the robbers.", 2),
    # the killing, murder or death of one person is one death
    ("Gang members carried out the murder of a local shopkeeper at dawn.", 1),
    ("The clashes began with the killing of a motorcycle taxi rider.", 1),
    # a label: "Fatalities: 3"
    ("Clashes over grazing land. FATALITIES: 3 - no further details.", 3),
    # a determiner before the object figure, and "both"
    ("Soldiers returned fire and killed the four.", 4),
    ("Robbers stopped a father and son on the highway, killing both.", 2),
])
def test_more_death_verbs_and_implied_figures(sentence, expected):
    assert extract_counts(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The army killed both rebels and civilians in the village.", None),  # "both ... and" coordinates groups
    ("He was sentenced to death for murder.", None),  # neither says how many died
    ("Police executed a search warrant at the house.", None),
    ("The court heard the murder case on Monday.", None),
])
def test_death_words_that_give_no_figure(sentence, expected):
    c = extract_counts(sentence)
    assert c.fatalities == expected
    assert "fatalities" not in c.texts or "murder" not in c.texts["fatalities"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The rival groups fought on 14/03, leading to the killing of a trader.", 1),  # "14/03" is a date, not 3
    ("Clashes resumed on 02/11/2019, and 4 people were killed.", 4),
    ("12 Mar. 5 fishermen were killed when the boat was attacked.", 5),  # a month after its day, then a figure
    ("Herders clashed in the valley - 3 killed from one clan.", 3),  # "from one clan": where from, not who
])
def test_dates_and_origins_are_not_figures(sentence, expected):
    assert extract_counts(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a series' toll is not one event's
    ("Nine people died that week, of which 6 were coded to other events.", None),
    ("Another 5 deaths were split across 4 events.", None),
    ("Police said 11 people were killed in several incidents.", None),
    # ... while one event's figure beside it stays
    ("2 guards were killed at the depot; 9 people died in several other incidents that day.", 2),
    # a breakdown in brackets right after the figure's cue is part of it
    ("In all 6 fatalities (4 protesters and 2 police officers) were reported.", 6),
    # a subset in commas no longer loses its total when it is long
    ("Five people, including two schoolchildren and an elderly roadside vendor, were killed.", 5),
    # a singular implied by "the killing of" gives way to a figure the sentence states
    ("At least 7 died in riots sparked by the killing of a student leader.", 7),
])
def test_series_tolls_breakdowns_and_stated_figures(sentence, expected):
    assert extract_counts(sentence).fatalities == expected


def test_a_figure_before_another_cue_is_not_the_injured():
    c = extract_counts("Nine people were wounded, 1 succumbed to his injuries on the way to hospital.")
    assert c.fatalities == 1 and c.injuries == 9


@pytest.mark.parametrize(("sentence", "expected"), [
    # more persons in the closed list, and nouns of two persons
    ("Soldiers killed an insurgent near the border post.", 1),
    ("Gunmen shot dead a ruling party sympathiser at the market.", 1),
    ("Attackers hacked to death a village chief and his assistant.", 2),
    ("Unknown men killed the parents of a local councillor.", 2),
    # a day or time between the auxiliary and the verb
    ("A fisherman was on Sunday killed by a mob.", 1),
    ("The suspect was on Tuesday night shot dead by police.", 1),
    # a second verb between the cue and its object
    ("Robbers broke into the farmhouse, killing and robbing him.", 1),
    # a short phrase saying how, between a joined verb and the cue
    ("1 pedestrian was hit by a stray bullet and killed.", 1),
    ("Two labourers were caught in the crossfire and died.", 2),
    # "who died": the words before the comma say how many
    ("Police shot a robbery suspect, who later died in hospital.", 1),
    ("Guards opened fire on three intruders, who died at the scene.", 3),
    # quotes around a word do not cut a figure from its cue
    ('Six "witches" were lynched by villagers.', 6),
    # a participle is not a group: "15 captured and 1 killed" is 1 dead
    ("20 arrested and 2 killed during the operation.", 2),
    # further groups named later in the clause
    ("Bandits killed a herder in one village and two others in the next.", 3),
    ("4 miners killed in the collapse plus 1 guard and 2 drivers.", 7),
])
def test_persons_joined_verbs_and_further_groups(sentence, expected):
    assert extract_counts(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Three people died and two others were injured.", 3),  # the others are the injured
    ("One person died, and two others sustaining wounds were taken to hospital.", 1),
    ("Two guards were killed; 5 more deaths are unconfirmed.", 2),  # ACLED counts no unconfirmed figure
    ("Twelve people are feared dead after the raid.", 12),  # "feared dead" ACLED counts
])
def test_what_further_groups_and_unconfirmed_figures_leave_out(sentence, expected):
    assert extract_counts(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("9 villagers killed + 2 police officers in the ambush.", 11),  # "+" adds a group as "plus" does
    ("Clashes left 3 dead + 2 injured.", 3),  # not a group of the dead: another cue's figure
    ("5 killed + 2 hours of gunfire.", 5),  # not people
])
def test_a_plus_sign_adds_a_further_group(sentence, expected):
    assert extract_counts(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Teacher killed near the school gate.", 1),
    ("Reform killed in committee, lawmakers said.", None),  # "reform" is no person: the word before the verb decides
    ("A labourer died on the site.", 1),  # the list's optional letters, both spellings
    ("A laborer died on the site.", 1),
])
def test_the_person_before_the_cue_is_a_person_word(sentence, expected):
    assert extract_counts(sentence).fatalities == expected


@pytest.mark.parametrize("sentence", [
    "Journalists staged a protest against the killing of a reporter.",
    "Youths rioted after the murder of a local shopkeeper.",
    "Residents demonstrated over the death of a suspect in police cells.",
    "Three men were charged in the killing of a trader.",
    "Traders marched, demanding justice for the killing of a vendor.",
])
def test_a_death_named_as_the_cause_is_not_the_events(sentence):
    # an earlier death the sentence gives as a reason is an event of its own (ACLED codes it separately)
    assert extract_counts(sentence).fatalities is None


@pytest.mark.parametrize("sentence", [
    "Locals torched the houses of men involved in killing of a herder.",
    "Workers blocked the road, demanding higher pay and justice for a prior killing of a colleague.",
    "Youths protested alleged police involvement in the death of a hawker.",
    "A gunman attempts to assassinate a county official.",
    "The militia threatened to kill 5 hostages.",
])
def test_earlier_and_attempted_deaths_are_not_the_events(sentence):
    assert extract_counts(sentence).fatalities is None


def test_a_claim_of_responsibility_is_not_a_cause():
    assert extract_counts("The group claimed responsibility for the killing of two guards.").fatalities == 2


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Three men suspected of killing an elderly man were lynched by a mob.", 3),
    ("Two youths accused of stealing a cow were beaten to death.", 2),
    # one person: "was <verb> <how> and <cue>"
    ("A thief was dragged from a police cell by a crowd and beaten to death.", 1),
])
def test_a_reduced_relative_clause_does_not_cut_the_figure_from_its_verb(sentence, expected):
    assert extract_counts(sentence).fatalities == expected
