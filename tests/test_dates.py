"""Date resolution relative to the seed article's publication day, Saturday 2022-01-08."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentmap import dates
from incidentmap.models import DatePrecision
from incidentmap.segment import sentences
from incidentmap.dates import ResolvedDate, fallback_date, find_dates, resolve_date

PUB = dt.date(2022, 1, 8)  # a Saturday
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("sentence", "date", "precision", "text"),
    [
        # weekdays: the most recent such day on or before publication
        ("Tokayev on Wednesday appealed to Russia for help.", "2022-01-05", "day", "on Wednesday"),
        ("Shots were heard late on Thursday near the square.", "2022-01-06", "day", "late on Thursday"),
        ("The streets were mostly deserted on Saturday, but gunshots could be heard.", "2022-01-08", "day", "on Saturday"),
        ("Saturday was quiet.", "2022-01-08", "day", "Saturday"),
        ("Protesters gathered on Sunday.", "2022-01-02", "day", "on Sunday"),
        ("Troops arrived on Friday night.", "2022-01-07", "day", "on Friday night"),
        ("Police raided the office last Saturday.", "2022-01-01", "day", "last Saturday"),
        ("A rally is planned for next Monday.", "2022-01-10", "day", "next Monday"),
        # days relative to publication
        ("The president spoke today.", "2022-01-08", "day", "today"),
        ("Yesterday the airport reopened.", "2022-01-07", "day", "Yesterday"),
        ("Looting continued overnight.", "2022-01-07", "day", "overnight"),
        ("Gunfire was heard last night.", "2022-01-07", "day", "last night"),
        ("It began the day before yesterday.", "2022-01-06", "day", "the day before yesterday"),
        ("The office was stormed two days ago.", "2022-01-06", "day", "two days ago"),
        # weeks
        ("The protests began a week ago, triggered by a rise in gas prices.", "2022-01-01", "week", "a week ago"),
        ("It happened two weeks ago.", "2021-12-25", "week", "two weeks ago"),
        ("Almaty was the epicenter of the protests this week.", "2022-01-03/2022-01-08", "range", "this week"),
        ("Prices rose last week.", "2021-12-27/2022-01-02", "range", "last week"),
        ("Crowds gathered earlier this week.", "2022-01-03/2022-01-07", "range", "earlier this week"),
        ("Over the weekend, crowds gathered.", "2022-01-01/2022-01-02", "range", "Over the weekend"),
        # "past N days" ranges are inclusive and count publication day
        ("Security forces have cleared the streets over the past three days.", "2022-01-06/2022-01-08", "range", "over the past three days"),
        ("Arrests rose in the past two days.", "2022-01-07/2022-01-08", "range", "in the past two days"),
        ("Clashes continued for the last 3 days.", "2022-01-06/2022-01-08", "range", "for the last 3 days"),
        ("Dozens were detained in the past 24 hours.", "2022-01-07/2022-01-08", "range", "in the past 24 hours"),
        ("The city has been under curfew since Sunday.", "2022-01-02/2022-01-08", "range", "since Sunday"),
        ("Shops have been shut since January 4.", "2022-01-04/2022-01-08", "range", "since January 4"),
        ("Protests ran from Monday to Wednesday.", "2022-01-03/2022-01-05", "range", "from Monday to Wednesday"),
        ("Protests ran between January 3 and 5.", "2022-01-03/2022-01-05", "range", "between January 3 and 5"),
        ("Protests ran January 3-5.", "2022-01-03/2022-01-05", "range", "January 3-5"),
        # calendar dates; the year is inferred so the date is not after publication
        ("Police fired on January 5 at protesters.", "2022-01-05", "day", "on January 5"),
        ("January 5 was the bloodiest day.", "2022-01-05", "day", "January 5"),
        ("Troops arrived on 5 January.", "2022-01-05", "day", "on 5 January"),
        ("Troops arrived on the 5th of January.", "2022-01-05", "day", "on the 5th of January"),
        ("On Jan. 5, 2022, troops arrived.", "2022-01-05", "day", "On Jan. 5, 2022"),
        ("On Wednesday, January 5, 2022, troops arrived.", "2022-01-05", "day", "On Wednesday, January 5, 2022"),
        ("Prices were raised on December 30.", "2021-12-30", "day", "on December 30"),
        ("The decree of 2022-01-05 was annulled.", "2022-01-05", "day", "2022-01-05"),
        ("The decree dated 05.01.2022 was annulled.", "2022-01-05", "day", "05.01.2022"),
        ("The decree dated 1/5/22 was annulled.", "2022-01-05", "day", "1/5/22"),
        # months
        ("Gas prices doubled in January.", "2022-01-01/2022-01-08", "month", "in January"),
        ("Prices were freed in December.", "2021-12-01/2021-12-31", "month", "in December"),
        ("Unrest began earlier this month.", "2022-01-01/2022-01-08", "month", "earlier this month"),
        ("Unrest began last month.", "2021-12-01/2021-12-31", "month", "last month"),
        ("It was announced in mid-December.", "2021-12-01/2021-12-31", "month", "in mid-December"),
        ("Elections were held in March 2021.", "2021-03-01/2021-03-31", "month", "in March 2021"),
    ],
)
def test_resolves_relative_to_publication(sentence, date, precision, text):
    r = resolve_date(sentence, published=PUB)
    assert (r.date, r.precision, r.text) == (date, precision, text)
    assert sentence[r.start : r.end] == r.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Military units have set up checkpoints and are controlling access to the city.",
        "A curfew is in effect in the evening and people must remain indoors.",
        "For the second day in a row, Almaty was eerily quiet.",
        "It was the biggest uprising since it gained independence.",
        "A few thousand Russian paratrooper units have since arrived in the country.",
        "Days of mass protests ended.",
        "Protesters may march to the square.",  # "may", "march": verbs, not months
        "The March organisers were detained.",
        "The curfew lasts until January 19.",  # an end point, not an event date
        "The 2 million residents stayed home.",
        "",
    ],
)
def test_no_date_expression(sentence):
    assert resolve_date(sentence, published=PUB) == ResolvedDate(None, "unknown", "", -1, -1)


def test_relative_expressions_need_a_publication_date():
    r = resolve_date("Tokayev on Wednesday appealed for help.", published=None)
    assert (r.date, r.precision, r.text) == (None, "unknown", "on Wednesday")
    assert r.start == 8
    assert resolve_date("over the past three days", published=None).date is None
    # absolute dates still resolve
    assert resolve_date("on 5 January 2022", published=None).date == "2022-01-05"
    assert resolve_date("in January 2022", published=None).date == "2022-01-01/2022-01-31"


def test_year_inference_never_after_publication():
    assert resolve_date("on February 29", published=dt.date(2022, 1, 8)).date == "2020-02-29"
    assert resolve_date("on January 8", published=PUB).date == "2022-01-08"
    assert resolve_date("on January 9", published=PUB).date == "2021-01-09"
    # an explicit year is kept even if later (a planned event)
    assert resolve_date("on January 9, 2022", published=PUB).date == "2022-01-09"


def test_ambiguous_numeric_date_picks_reading_not_after_publication():
    # 3/1/2022: 3 January (DMY) or 1 March (MDY, after publication)
    assert resolve_date("on 3/1/2022", published=PUB).date == "2022-01-03"
    assert resolve_date("on 13/1/2022", published=PUB).date == "2022-01-13"  # only DMY is valid


def test_several_expressions_first_or_nearest():
    s = "After protests on Tuesday, troops arrived on Thursday."
    assert resolve_date(s, published=PUB).date == "2022-01-04"
    assert resolve_date(s, published=PUB, near=s.index("arrived")).date == "2022-01-06"
    found = find_dates(s, published=PUB)
    assert [f.text for f in found] == ["on Tuesday", "on Thursday"]


def test_fallback_date():
    assert fallback_date(PUB) == ResolvedDate("2022-01-08", "unknown", "", -1, -1)
    assert fallback_date(None) == ResolvedDate(None, "unknown", "", -1, -1)


def test_seed_article_dates():
    text = (ROOT / "data/articles/almaty-2022-01-08.txt").read_text(encoding="utf-8")
    found = {f.text: (f.date, f.precision) for f in find_dates(text, published=PUB)}
    assert found == {
        "on Wednesday": ("2022-01-05", "day"),
        "a week ago": ("2022-01-01", "week"),
        "on Saturday": ("2022-01-08", "day"),
        "over the past three days": ("2022-01-06/2022-01-08", "range"),
        "this week": ("2022-01-03/2022-01-08", "range"),
    }


def test_dateparser_is_imported_lazily():
    code = (
        "import sys, datetime as dt; from incidentmap.dates import resolve_date; "
        "resolve_date('on Wednesday, January 5', published=dt.date(2022, 1, 8)); "
        "print('dateparser' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_fast_on_sentences_without_dates():
    sentences = [
        "Military units have set up checkpoints and are controlling access to the city.",
        "The main square, the key protest site, was occupied by security forces and blocked off.",
        "Most shops are closed and people are struggling to find basic groceries, except for bread.",
    ] * 300
    sentences = [f"{s[:-1]}, report {i}." for i, s in enumerate(sentences)]  # distinct: no cache hits
    resolve_date(sentences[0], published=PUB)
    t = time.perf_counter()
    for s in sentences:
        resolve_date(s, published=PUB)
    per_sentence = (time.perf_counter() - t) / len(sentences)
    assert per_sentence < 100e-6  # budget: well under 0.1 ms (typically ~5 us)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_never_raises_and_offsets_hold(sentence, published):
    for r in [resolve_date(sentence, published=published), *find_dates(sentence, published=published)]:
        assert r.precision in set(DatePrecision)
        assert (r.date is None) == (r.precision == "unknown")
        if r.text:
            assert sentence[r.start : r.end] == r.text


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)),
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
)
def test_weekday_is_within_the_week_before_publication(published, weekday):
    r = resolve_date(f"It happened on {weekday}.", published=published)
    day = dt.date.fromisoformat(r.date)
    assert 0 <= (published - day).days <= 6
    assert day.strftime("%A") == weekday


_VOCAB = (
    "on in since over the past last next this a few several two 3 31 29 0 days day weeks week month months "
    "hours ago Monday Sunday January February May Dec. Sept between and from to until - , 2022 1999 "
    "yesterday today tonight overnight night late early earlier weekend of mid- 5th 12/31/2021 31.02.2022 "
    "2022-02-30 couple recent throughout ever"
).split()


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(_VOCAB), max_size=10).map(" ".join),
    st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
)
def test_date_vocabulary_soup_never_raises(sentence, published):
    for r in find_dates(sentence, published=published):
        assert sentence[r.start : r.end] == r.text
        assert (r.date is None) == (r.precision == "unknown")
        if r.date and "/" in r.date:
            a, b = r.date.split("/")
            assert a <= b


def test_offsets_survive_characters_that_lowercase_to_two():
    s = "İİİ İstanbul: troops arrived on Wednesday."
    r = resolve_date(s, published=PUB)
    assert (r.date, s[r.start : r.end]) == ("2022-01-05", "on Wednesday")


def test_tomorrow_is_the_day_after_publication():
    found = resolve_date("Unions called a strike for tomorrow.", published=PUB)
    assert (found.date, found.precision, found.text) == ("2022-01-09", "day", "tomorrow")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Protesters clashed with police next Monday.", "2022-01-08"),  # after publication: the fallback
    ("Police fired on protesters tomorrow.", "2022-01-08"),
    ("Police fired on protesters on January 10, 2022.", "2022-01-08"),
    ("Police fired on protesters on Wednesday.", "2022-01-05"),  # before publication: kept
    ("Police fired on protesters on January 5, 2022.", "2022-01-05"),
])
def test_a_reported_event_never_gets_a_date_after_publication(sentence, expected):
    from incidentmap.dates import not_after_publication

    when = not_after_publication(resolve_date(sentence, published=PUB), PUB)
    assert when.date == expected
    day = dt.date.fromisoformat(when.date)
    assert day <= PUB
    if day != dt.date(2022, 1, 5):
        assert when.precision == "unknown" and when.text == ""  # flagged: the publication day, not a reading


def test_an_interval_reaching_past_publication_ends_at_it():
    from incidentmap.dates import not_after_publication

    when = not_after_publication(ResolvedDate("2022-01-06/2022-01-12", DatePrecision.RANGE, "x", 0, 1), PUB)
    assert when.date == "2022-01-06/2022-01-08" and when.precision == "range"
    assert not_after_publication(fallback_date(None), None).date is None


@pytest.mark.parametrize(("sentence", "date", "precision"), [
    ("A general strike is planned for next week.", "2022-01-10/2022-01-16", "range"),
    ("They will march next weekend.", "2022-01-15/2022-01-16", "range"),
    ("Elections are due next month.", "2022-02-01/2022-02-28", "month"),
    ("A rally will be held later this week.", "2022-01-08/2022-01-09", "range"),
    ("More protests are expected later this month.", "2022-01-08/2022-01-31", "month"),
])
def test_periods_ahead_for_announced_events(sentence, date, precision):
    found = resolve_date(sentence, published=PUB)
    assert (found.date, found.precision) == (date, precision)


def _set_groups(m):
    """The named groups that took part in the match (a narrowed pattern lacks the other alternatives' groups)."""
    return {name: value for name, value in m.groupdict().items() if value is not None}


def test_patterns_by_first_character_match_what_the_whole_pattern_matches():
    # find_dates tries only the alternatives a word's first character can start (speed): at every word start
    # of varied text, the narrowed pattern must give the whole pattern's match, groups and alternative.
    import random
    import re

    from incidentmap.dates import _PATTERN, _WORD, _first_chars, _pattern_for

    rng = random.Random(11)
    vocab = _VOCAB + ("Until Through THROUGH Between FROM Over In DURING For Ever SINCE Earlier Later This Last Next "
                      "Past Previous The At A An One Two Ten Couple Few Several Late Early On Mid Of Today "
                      "Yesterday Tonight Tomorrow Overnight TUESDAY thursday Wednesday Friday Saturday Jan Jan. "
                      "March march April Aug Sep Oct Nov December 2022-01-05 05.01.2022 1/5/22 3-5 4–6 ſince "
                      "ſeveral İn ın \u212aenya 12th 1st 03").split()
    texts = [" ".join(rng.choice(vocab) for _ in range(rng.randrange(1, 12))) for _ in range(4000)]
    texts += [s for path in sorted((ROOT / "data" / "devset").glob("*.txt"))
              for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))]
    narrowed = tried = 0
    for text in texts:
        for word in _WORD.finditer(text):
            fast = _pattern_for(word.group()[0])
            narrowed += fast is not _PATTERN
            for end in (len(text), min(len(text), word.start() + 20)):
                a, b = fast.match(text, word.start(), end), _PATTERN.match(text, word.start(), end)
                assert (a and (a.span(), a.lastgroup, _set_groups(a))) == \
                    (b and (b.span(), b.lastgroup, _set_groups(b))), (text, word.start())
                tried += b is not None
    assert narrowed and tried > 1000
    assert _pattern_for("İ") is _PATTERN  # a non-ASCII first character tries every alternative
    parser = __import__("re._parser", fromlist=["parse"])
    assert _first_chars(parser.parse(r"(?:(?i:on)\s+)?(?<![\d.])\d{1,2}"), False) == (set("Oo0123456789"), False)
    assert _first_chars(parser.parse(r"(?:a|b)?"), False) == ({"a", "b"}, True)  # may match empty
    assert _first_chars(parser.parse(r"\w+"), False) == (None, False)  # a class of any kind: unsure


# -- the anchor scan's shortcuts (speed) give what the scans they replace give -------------------------------

_ANCHOR_CASES = [
    "1-2-3", "12-3-4-5", "1.2.3.4", "5/6/7 and 8–9–10", "-1-2", "1-", "-", "", "9", "a1-2b", "1–2", "1—2",
    "JanFebMarch", "Jun–Jul 2021", "on 3 May, 2022 and 4/5/2021", "MayMay", "Mayday", "İstanbul, 12-13 Jan",
    "“On 1.2.2022” — he said", "Dec.-Jan.", "7-", "0-0", "no dates here at all", "١-٢ (Arabic digits)",
]


def _anchors_by_scans(sentence: str) -> list[int]:
    """The anchors as found before the shortcuts: a substring search per month name, the digit regex."""
    low = sentence.lower()
    if len(low) != len(sentence):
        low = sentence.translate(dates._ASCII_LOWER)
    hits = []
    for key in dates._ANCHOR_WORDS:
        i = low.find(key)
        while i != -1:
            hits.append(i)
            i = low.find(key, i + 1)
    for key in dates._ANCHOR_MONTHS:
        i = sentence.find(key)
        while i != -1:
            hits.append(i)
            i = sentence.find(key, i + 1)
    hits.extend(m.start() for m in dates._DIGIT_SEP.finditer(sentence))
    return sorted(hits)


def _project_sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "data" / "devset").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [text[s.start:s.end] for s in sentences(text)]
    return out


def test_anchor_shortcuts_find_what_the_scans_find():
    cases = _ANCHOR_CASES + _project_sentences()
    assert sum(bool(dates._DIGIT_SEP.search(s)) for s in cases) > 10  # the cases do hold digit separators
    for s in cases:
        assert dates._digit_separators(s) == [m.start() for m in dates._DIGIT_SEP.finditer(s)], s
        assert dates._anchors(s) == _anchors_by_scans(s), s


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1", "2", "0", "-", "/", ".", "–", "—", " ", "a", "Jan", "Ma", "y", "Jun", "İ",
                                 "day", "Mon", "ago", "x9", "Dec"]), max_size=30).map("".join))
def test_anchor_shortcuts_on_generated_text(s):
    assert dates._digit_separators(s) == [m.start() for m in dates._DIGIT_SEP.finditer(s)]
    assert dates._anchors(s) == _anchors_by_scans(s)


def test_a_word_longer_than_every_first_word_lowercases_to_none_of_them():
    # find_dates skips lowercasing words longer than the longest first word: lowercasing never shortens a
    # character (some lengthen, "İ" -> "i̇"), so such a word's lowercase is none of them either.
    assert all(len(chr(c).lower()) >= 1 for c in range(sys.maxunicode + 1))
    assert dates._FIRST_WORD_LONGEST == max(len(w) for w in dates._FIRST_WORDS)
    # the longest first word still counts; longer words (and a first word inside one) do not start a date
    found = find_dates("Notwithstanding Wednesdays' rallies: on Wednesday, and THROUGHOUT the past three days",
                       published=PUB)
    assert [f.text for f in found] == ["on Wednesday", "THROUGHOUT the past three days"]
