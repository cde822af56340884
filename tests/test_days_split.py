"""A multi-day event's toll (issue 11): ACLED codes one event per day and divides the dead evenly among the days."""

import csv
import datetime as dt
import io

import pytest

from incidentmap.counts import daily_shares, days_spanned
from incidentmap.export import incidents_acled_csv
from incidentmap.pipeline import analyze


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("Eight people died after three days of fighting between two clans in Wajir.", 3),
        ("Twelve were killed in clashes over a 48-hour period near the border.", 2),
        ("Nine people have been killed over the course of four days in the valley.", 4),
        ("Two traders were shot dead over the weekend in Mombasa.", 2),
        ("Clashes over a period of 5 days left 15 dead.", 5),
        # no span: one day
        ("Five people were killed in clashes on Monday.", 1),
        ("The suspect was detained for 6 hours.", 1),  # (under a day)
        ("The standoff lasted for 90 days.", 1),  # (longer than a month: no day-by-day account)
    ],
)
def test_days_spanned(sentence, days):
    assert days_spanned(sentence) == days


def test_daily_shares_divide_evenly_remainder_first():
    assert daily_shares(17, 2) == [9, 8]
    assert daily_shares(5, 3) == [2, 2, 1]
    assert daily_shares(12, 4) == [3, 3, 3, 3]
    assert daily_shares(7, 1) == [7]
    assert sum(daily_shares(23, 6)) == 23


def _analysis(text):
    return analyze(text, published=dt.date(2020, 3, 14))


def test_a_toll_over_days_in_its_sentence():
    tolls = [i for i in _analysis("Twelve people were killed in three days of clashes between herders "
                                  "in Marsabit.").incidents if i.fatalities]
    assert tolls and all(i.fatalities == 12 and i.days == 3 for i in tolls)


def test_a_span_told_later_in_the_paragraph_goes_to_the_toll():
    text = ("Fourteen are dead after clashes between two clans in Mandera. The clashes broke out near a water point. "
            "The clashes have continued sporadically over the course of seven days.")
    tolls = [i for i in _analysis(text).incidents if i.fatalities]
    assert tolls and all(i.days == 7 for i in tolls)


def test_a_span_in_another_paragraph_is_another_story():
    text = ("Fourteen are dead after clashes between two clans in Mandera.\n\n"
            "In a separate development, protests over the past three days shut schools in Garissa.")
    tolls = [i for i in _analysis(text).incidents if i.fatalities]
    assert tolls and all(i.days == 1 for i in tolls)


def test_the_acled_export_writes_a_row_per_day_with_the_dead_divided():
    analysis = _analysis("Seventeen people were killed over a 36-hour period in clashes between two clans in Moyale.")
    rows = list(csv.DictReader(io.StringIO(incidents_acled_csv(analysis, timestamp=0))))
    split = [r for r in rows if r["event_id_cnty"].endswith(("-1", "-2"))]
    assert sorted(int(r["fatalities"]) for r in split) == [8, 9]
    days = sorted(r["event_date"] for r in split)
    assert len(set(days)) == 2 and days[1] == "2020-03-14"
    assert {r["time_precision"] for r in split} == {"2"}  # counted back from a day: known to a week
    assert sum(int(r["fatalities"]) for r in rows) == 17


def test_a_one_day_event_keeps_one_row():
    analysis = _analysis("Four people were killed in clashes between two clans in Moyale on Friday.")
    rows = list(csv.DictReader(io.StringIO(incidents_acled_csv(analysis, timestamp=0))))
    assert [int(r["fatalities"]) for r in rows if int(r["fatalities"])] == [4]
    assert not any(r["event_id_cnty"].endswith("-1") for r in rows)
