"""When did it happen? Resolve a sentence's date expression against the publication date.

News reports date events relative to the day they were published ("on Wednesday",
"over the past three days"), so almost every resolution needs ``published``.

Conventions (the integrator and the tests rely on them):

* From :func:`resolve_date`, ``date`` is ``None`` exactly when ``precision == "unknown"``
  (:func:`fallback_date` is the one "unknown" that carries a date). A day is
  ISO ``"YYYY-MM-DD"``; a period is an ISO interval ``"YYYY-MM-DD/YYYY-MM-DD"`` with
  both ends *inclusive*. "range" and "month" are intervals ("in January",
  "this week", "last week"), except the approximate single days "a month ago"
  (precision "month") and "a week ago"/"a few days ago" (precision "week").
* ``text`` is the whole temporal phrase as written, including its preposition and
  modifiers ("late on Thursday", "over the past three days"), and
  ``sentence[start:end] == text``. With no expression: ``""`` and ``-1``/``-1``.
* Weekdays name the most recent such day on or before publication ("on Saturday" in
  a Saturday paper is that Saturday); "last <weekday>" is strictly before it;
  "next <weekday>" is strictly after it (planned events).
* "tomorrow" is the day after publication: only an announced (planned) event has it; see
  :func:`not_after_publication` for what a reported event does with a date after publication.
* "overnight" and "last night" are the day *before* publication: the night began
  that evening, and a morning paper's "overnight" events mostly started before midnight.
* "this week" is Monday to publication; "last week" the previous Monday-Sunday;
  "the past week" the seven days ending at publication. "next week" is the next Monday-Sunday,
  "later this week"/"later this month" publication day to the week's/month's end, "next month"
  the whole next month: dates of announced events (a reported one cannot have them, see
  :func:`not_after_publication`).
* "over the past N days" counts publication day as one of the N days:
  2022-01-08 + "past three days" -> 2022-01-06/2022-01-08. "past 24 hours" -> the day
  before to publication day.
* Dates written without a year take the latest year that does not put them after
  publication ("December 30" in a 2022-01-08 article -> 2021-12-30). Month-long
  intervals of the current month end at publication ("earlier this month").
* "until Friday"/"through January 19" are end points (of a curfew, say), not event
  dates: they are skipped. "a few days ago" -> three days before, precision "week";
  "over the past few days"/"in recent days" -> the last seven days, precision "range".
* Without ``published``, relative expressions still return their text and offsets but
  ``date=None``; absolute ones ("5 January 2022", "2022-01-05") still resolve.

Speed: substring search rejects most sentences (no date word at all) in a few
microseconds; the full pattern is only tried at a few positions near date words; common
forms are resolved in pure Python; dateparser (imported lazily, results cached) only
handles numeric dates like ``05.01.2022`` or ``1/5/22``, trying both day orders.
"""

from __future__ import annotations

import calendar
import datetime as dt
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final, cast

from . import patterns as rx
from .models import DatePrecision
from .regex_source import split_alternatives

__all__ = ["ResolvedDate", "resolve_date", "find_dates", "pick_date", "fallback_date", "not_after_publication",
           "calendar_day"]


@dataclass(frozen=True, slots=True, init=False)
class ResolvedDate:
    """A date (or interval) and the span of the sentence that gave it."""

    date: str | None
    precision: DatePrecision
    text: str
    start: int
    end: int

    # (Written, not generated: compiled, it costs a tenth; see the note in models.py.)
    def __init__(self, date: str | None, precision: DatePrecision, text: str, start: int, end: int) -> None:
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)


_NONE: Final = ResolvedDate(None, DatePrecision.UNKNOWN, "", -1, -1)

# Spelled out rather than taken from calendar.day_name, which follows the process locale.
_WEEKDAY_NUM: Final = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_MONTH_NUM = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
_MONTH_NUM.update({m[:3]: i for m, i in list(_MONTH_NUM.items())})
_MONTH_NUM["sept"] = 9
_SMALL_NUM: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "twenty": 20, "thirty": 30, "a couple of": 2, "couple of": 2,
}  # fmt: skip
# "a few"/"several" days: an unknown count, bounded by a week for "past ..." windows.
_VAGUE_DAYS: Final = 7

# Speed. Python's regex engine tries every alternative of a big pattern at every word
# start (~4 us each here), so the full pattern never scans a sentence. Instead:
# 1. plain substring search finds anchors, words every expression contains (~3 us for a
#    sentence without any; "day" covers Monday..Sunday, today, yesterday, days);
# 2. the pattern is only tried (``match``) at word starts shortly before an anchor whose
#    word can begin an expression ("on", "over", "since", a weekday...).
_ANCHOR_WORDS: Final = ("day", "night", "week", "month", "ago", "hour", "tomorrow")  # searched in the lowercased sentence
_ANCHOR_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_DIGIT_SEP: Final = rx.compile(r"[0-9][-/.–][0-9]")  # [0-9] scans faster than \d
_DIGIT_SEPARATORS: Final = "-/.–"  # _DIGIT_SEP's middle character (see _digit_separators)
_MONTH_ANCHOR: Final = rx.compile("|".join(_ANCHOR_MONTHS))
_WORD: Final = rx.compile(r"(?<![\w-])\w+")
_FIRST_WORDS: Final = frozenset(
           """between from until till through over in during for throughout within ever since earlier later
           this last next past previous the at a an couple few several one two three four five six seven eight nine
           ten eleven twelve fourteen twenty thirty late early on mid of today yesterday tonight tomorrow overnight
           monday tuesday wednesday thursday friday saturday sunday
           january february march april may june july august september october november december
           jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_FIRST_WORD_LONGEST: Final = max(len(w) for w in _FIRST_WORDS)
_BACK, _AHEAD = 40, 48  # "within the previous twelve days"; "January 3 and January 5, 2022"

# --- building blocks (case-sensitive month names so "may" and "march" stay verbs) ---
_WD: Final = r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
_MONTH_FULL: Final = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_MONTH: Final = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"  # "Jan. 5", not "5 January."
)
_DAYNUM: Final = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR: Final = r"(?:19|20)\d\d(?!\d)"
_DM: Final = rf"(?:{_MONTH}\s+{_DAYNUM}|(?:the\s+)?{_DAYNUM}\s+(?:of\s+)?{_MONTH})(?:,?\s+{_YEAR})?"
_ISO: Final = r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-])"
_COUNT: Final = (
    r"(?i:a\s+couple\s+of|couple\s+of|a\s+few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|fourteen|twenty|thirty|\d{1,3})"
)
_PART: Final = r"(?:\s+(?i:night|morning|afternoon|evening))?"
_EARLY: Final = r"(?:(?i:late|early|earlier|later)\s+)?"
_MONTH_MOD: Final = r"early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"

# All expressions, tried at a few word starts (see above). At one position the first
# alternative that matches wins, so longer forms come first ("since Sunday" before "Sunday",
# "Wednesday, January 5" before "Wednesday"). Group names are prefixed by alternative;
# each resolver (see _resolve) reads its own.
_PATTERN: Final = rx.compile(
    r"(?<![\w-])(?:"
    # "until Friday", "through January 19": an end point (a curfew's), not when anything happened;
    # matched only so that find_dates can skip it
    rf"(?P<until>(?i:until|till|through)\s+(?:{_DM}|{_ISO}|{_WD}|{_MONTH_FULL}))"
    # explicit spans: "between January 3 and 5", "from Monday to Wednesday", "January 3-5"
    rf"|(?P<span>(?i:between|from)\s+(?P<span_a>{_DM}|{_WD})\s+(?i:and|to|until|till|through)\s+"
    rf"(?P<span_b>{_DM}|{_WD}|{_DAYNUM}(?:,?\s+{_YEAR})?))"
    rf"|(?P<mspan>(?P<mspan_m>{_MONTH})\s+(?P<mspan_a>{_DAYNUM})\s*(?:-|–|to)\s*(?P<mspan_b>{_DAYNUM})"
    rf"(?:,?\s+(?P<mspan_y>{_YEAR}))?)"
    rf"|(?P<dspan>(?P<dspan_a>{_DAYNUM})\s*(?:-|–|to)\s*(?P<dspan_b>{_DAYNUM})\s+(?P<dspan_m>{_MONTH})"
    rf"(?:,?\s+(?P<dspan_y>{_YEAR}))?)"
    # "over the past three days", "in the last 24 hours", "in recent days"
    rf"|(?P<past>(?i:(?:over|in|during|for|throughout|within)\s+the\s+(?:past|last|previous))\s+"
    rf"(?:(?P<past_n>{_COUNT})\s+)?(?P<past_unit>(?i:days?|nights?|weeks?|months?|hours?))\b)"
    r"|(?P<recent>(?i:in\s+recent\s+days))\b"
    # "since Sunday", "since January 2", "since yesterday", "since last week"
    rf"|(?P<since>(?i:ever\s+)?(?i:since)\s+(?P<since_t>{_DM}|(?i:last\s+)?{_WD}|{_MONTH_FULL}|"
    r"(?i:yesterday|last\s+week|the\s+weekend|the\s+start\s+of\s+the\s+week|the\s+beginning\s+of\s+the\s+week)\b))"
    # calendar weeks and months relative to publication
    r"|(?P<rel>(?i:(?:earlier|later)\s+(?:this|in\s+the)|this|last|next|past|previous|the\s+past|the\s+previous)"
    r"\s+(?P<rel_unit>(?i:weekend|week|month))\b)"
    r"|(?P<weekend>(?i:(?:over|at|during)\s+the\s+weekend))\b"
    # "a week ago", "two days ago"
    rf"|(?P<ago>(?P<ago_n>{_COUNT})\s+(?P<ago_unit>(?i:days?|weeks?|months?))\s+(?i:ago)\b)"
    # today, yesterday, overnight...
    r"|(?P<rday>" + _EARLY + r"(?:(?i:on\s+))?(?P<rday_w>(?i:the\s+day\s+before\s+yesterday|yesterday|today|"
    r"tonight|tomorrow|overnight|last\s+night|this\s+(?:morning|afternoon|evening)))\b" + _PART + ")"
    # day and month: "on Wednesday, January 5, 2022", "5th of January", "2022-01-05", "5.1.2022"
    rf"|(?P<dm>{_EARLY}(?:(?i:on)\s+)?(?:{_WD},?\s+)?(?P<dm_x>{_DM}|{_ISO}))"
    r"|(?P<num>(?:(?i:on)\s+)?(?<![\d.])\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?!\d|\.\d))"
    # weekdays: "on Wednesday", "late on Thursday", "last Friday night", "Saturday"
    rf"|(?P<wd>{_EARLY}(?:(?i:on)\s+)?(?:(?P<wd_mod>(?i:last|next|this|past))\s+)?"
    rf"(?P<wd_name>{_WD}){_PART})"
    # months need a preposition, a modifier or a year, or "March" the noun would be a date
    r"|(?P<month>(?:(?i:in|during|since|from|of)\s+(?:(?i:" + _MONTH_MOD + r")[-\s]+)?|(?i:" + _MONTH_MOD + r")[-\s]+)"
    rf"(?:(?P<month_mod>(?i:last|this))\s+)?(?P<month_m>{_MONTH_FULL})(?:\s+(?P<month_y>{_YEAR}))?)"
    rf"|(?P<monthy>(?P<monthy_m>{_MONTH_FULL})\s+(?P<monthy_y>{_YEAR}))"
    r")"
)

# Speed: at a word, only the alternatives of _PATTERN that can start with its first character are tried
# (:func:`_pattern_for`). The first alternative that matches at a position is the same either way: the others
# cannot match there. Each alternative keeps its named groups, so a match reads the same.
_OPENING: Final = r"(?<![\w-])(?:"
_ALTERNATIVES: list[str] = []  # _PATTERN's alternatives, in order (filled below, checked against it)


def _first_chars(items: Any, ignorecase: bool) -> tuple[set[str] | None, bool]:
    """The ASCII characters a match of the parsed pattern ``items`` (re's parser) can start with (None: any,
    or unsure), and whether it can match without consuming any."""
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero-width
        if name == "LITERAL":
            return _with_case({chr(av)}, ignorecase, chars), False
        if name == "IN":
            found = _class_chars(av)
            return (None if found is None else _with_case(found, ignorecase, chars)), False
        if name == "BRANCH":
            nullable = False
            for alt in av[1]:
                inner, empty = _first_chars(alt, ignorecase)
                if inner is None:
                    return None, False
                chars |= inner
                nullable = nullable or empty
        elif name == "SUBPATTERN":
            _group, add_flags, del_flags, sub = av
            case = (ignorecase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            inner, nullable = _first_chars(sub, case)
            if inner is None:
                return None, False
            chars |= inner
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = av
            inner, empty = _first_chars(sub, ignorecase)
            if inner is None:
                return None, False
            chars |= inner
            nullable = low == 0 or empty
        else:
            return None, False  # anything else (a back reference, "."): unsure
        if not nullable:
            return chars, False
    return chars, True


def _class_chars(items: Any) -> set[str] | None:
    """The ASCII characters a character class of re's parser admits; None if it admits more kinds of text."""
    out: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.add(chr(av))
        elif name == "RANGE":
            out |= {chr(c) for c in range(av[0], av[1] + 1)}
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            out |= set("0123456789")  # (and non-ASCII digits: a non-ASCII first character tries everything)
        else:
            return None
    return out


def _with_case(found: set[str], ignorecase: bool, chars: set[str]) -> set[str]:
    """``chars`` with ``found`` and, case-insensitive, their other case. (Only ASCII first characters use
    these sets: for them, lower and upper are what case-insensitive matching equates.)"""
    chars |= found
    if ignorecase:
        chars |= {c.lower() for c in found} | {c.upper() for c in found}
    return chars


def _alternative_starts() -> list[frozenset[str] | None]:
    """Per alternative of _PATTERN, the ASCII characters its matches can start with (None: unsure)."""
    parser: Any = importlib.import_module("re._parser")  # (re's own parser: what the engine reads)
    out: list[frozenset[str] | None] = []
    for source in _ALTERNATIVES:
        tree = parser.parse(source)
        chars, nullable = _first_chars(tree, bool(tree.state.flags & re.IGNORECASE))
        out.append(None if chars is None or nullable else frozenset(chars))
    return out


_ALTERNATIVES += split_alternatives(_PATTERN.pattern[len(_OPENING):-1])
if _OPENING + "|".join(_ALTERNATIVES) + ")" != _PATTERN.pattern or not _PATTERN.pattern.startswith(_OPENING):
    raise AssertionError("dates._PATTERN is no longer _OPENING + alternatives + ')'")  # (import-time check)
_STARTS: Final = _alternative_starts()
_BY_FIRST: Final[dict[str, rx.Pattern]] = {}  # first character -> the alternatives it can start, compiled


def _pattern_for(first: str) -> rx.Pattern:
    """_PATTERN with only the alternatives a match can have starting with the character ``first`` (a word's
    first character, which the match starts with); _PATTERN itself for a non-ASCII one."""
    found = _BY_FIRST.get(first)
    if found is None:
        if not first.isascii():
            return _PATTERN
        chosen = [alt for alt, starts in zip(_ALTERNATIVES, _STARTS) if starts is None or first in starts]
        if len(chosen) == len(_ALTERNATIVES):
            found = _PATTERN
        else:  # (no alternative at all: a pattern that matches nothing)
            found = rx.compile(_OPENING + "|".join(chosen) + ")" if chosen else "(?!)", _PATTERN.flags)
        _BY_FIRST[first] = found
    return found


# Re-parsing a matched piece ("January 5, 2022") into parts.
_DM_PARTS: Final = rx.compile(
    rf"(?:(?P<m1>{_MONTH})\s+(?P<d1>\d+)\w*|(?:the\s+)?(?P<d2>\d+)\w*\s+(?:of\s+)?(?P<m2>{_MONTH}))"
    rf"(?:,?\s+(?P<y>{_YEAR}))?"
)
_ISO_PARTS: Final = rx.compile(r"(\d{4})-(\d\d)-(\d\d)")


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _interval(a: dt.date, b: dt.date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def _month_no(word: str) -> int:
    return _MONTH_NUM[word.rstrip(".").lower()]


def _count(word: str | None) -> int | None:
    """Number of units in "three days"; None for "a few"/"several" (no count known)."""
    if not word:
        return 1
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    return _SMALL_NUM.get(w)


def _weekday_before(published: dt.date, name: str, *, strict: bool = False) -> dt.date:
    delta = (published.weekday() - _WEEKDAY_NUM[name.lower()]) % 7
    if strict and delta == 0:
        delta = 7
    return published - dt.timedelta(days=delta)


def _weekday_after(published: dt.date, name: str) -> dt.date:
    delta = (_WEEKDAY_NUM[name.lower()] - published.weekday()) % 7
    return published + dt.timedelta(days=delta or 7)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_interval(year: int, month: int, published: dt.date | None) -> str:
    start, end = dt.date(year, month, 1), _month_end(year, month)
    if published and start <= published < end:
        end = published  # nothing reported has happened after publication
    return _interval(start, end)


def _shift_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 - months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day_month(text: str, published: dt.date | None) -> dt.date | None:
    """"January 5", "5th of Jan. 2022": a year if given, else the latest one not after publication."""
    m = _DM_PARTS.search(text)
    if not m:
        return None
    month = _month_no(m["m1"] or m["m2"])
    day = int(m["d1"] or m["d2"])
    if m["y"]:
        try:
            return dt.date(int(m["y"]), month, day)
        except ValueError:
            return None
    if published is None:
        return None
    for year in range(published.year, published.year - 8, -1):  # Feb 29 may need a few years
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate
    return None


# (Compiled once, not passed to re's functions as strings: from compiled code those run as Python.)
_WD_RE: Final = rx.compile(_WD)
_DIGITS: Final = rx.compile(r"\d+")
_DAY_YEAR: Final = rx.compile(rf"{_DAYNUM}(?:,?\s+{_YEAR})?")
_MONTH_FULL_RE: Final = rx.compile(_MONTH_FULL)


def _point(text: str, published: dt.date | None) -> dt.date | None:
    """A single day named by a weekday or day-month phrase (used inside spans and "since")."""
    m = _ISO_PARTS.search(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    wd = _WD_RE.search(text)
    if wd and not _DM_PARTS.search(text):
        if published is None:
            return None
        return _weekday_before(published, wd.group(), strict=text.lower().startswith("last"))
    return _day_month(text, published)


@lru_cache(maxsize=2048)
def _dateparser_day(snippet: str, order: str, published: dt.date | None) -> dt.date | None:
    """Numeric dates via dateparser: it knows two-digit years and rejects impossible days."""
    import dateparser  # lazy: a slow import that most articles never need

    settings: dict = {"DATE_ORDER": order, "STRICT_PARSING": True, "PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    parsed = dateparser.parse(snippet, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _numeric(snippet: str, published: dt.date | None) -> dt.date | None:
    """5/1/2022 is ambiguous: keep the reading that is not after publication and closest to it."""
    readings = cast("set[dt.date]", {_dateparser_day(snippet, order, published) for order in ("DMY", "MDY")} - {None})
    if not readings:
        return None
    if published is not None:
        before = [d for d in readings if d <= published]
        if before:
            return max(before)
    return min(readings)


# What every resolver returns: (date or interval, precision).
_Resolved = tuple[str | None, DatePrecision]
_UNRESOLVED: Final[_Resolved] = (None, DatePrecision.UNKNOWN)
DAY, RANGE, WEEK, MONTH = DatePrecision.DAY, DatePrecision.RANGE, DatePrecision.WEEK, DatePrecision.MONTH


# --- absolute forms: resolvable without a publication date when they give a year ---

def _resolve_day_month(m: re.Match, P: dt.date | None) -> _Resolved:
    """"on Wednesday, January 5, 2022", "5th of January", "2022-01-05"."""
    x = m["dm_x"]
    day = _point(x, P) if _ISO_PARTS.match(x) else _day_month(x, P)
    return (_iso(day), DAY) if day else _UNRESOLVED


def _resolve_numeric(m: re.Match, P: dt.date | None) -> _Resolved:
    """"5.1.2022", "1/5/22"."""
    day = _numeric(m["num"], P)
    return (_iso(day), DAY) if day else _UNRESOLVED


def _resolve_month_year(m: re.Match, P: dt.date | None) -> _Resolved:
    """"January 2022"."""
    return _month_interval(int(m["monthy_y"]), _month_no(m["monthy_m"]), P), MONTH


def _resolve_month(m: re.Match, P: dt.date | None) -> _Resolved:
    """"in January", "in late January 2022", "since last March": the latest such month not after publication."""
    month = _month_no(m["month_m"])
    if m["month_y"]:
        return _month_interval(int(m["month_y"]), month, P), MONTH
    if P is None:
        return _UNRESOLVED
    year = P.year if month <= P.month else P.year - 1
    if (m["month_mod"] or "").lower() == "last" and month == P.month:
        year -= 1
    return _month_interval(year, month, P), MONTH


def _resolve_day_span(m: re.Match, P: dt.date | None) -> _Resolved:
    """"January 3-5" (mspan) and "3-5 January" (dspan)."""
    p = cast(str, m.lastgroup) + "_"  # every alternative of _PATTERN is a named group
    text = f"{m[p + 'a']} {m[p + 'm']}" + (f" {m[p + 'y']}" if m[p + "y"] else "")
    a = _day_month(text, P)
    if a is None:
        return _UNRESOLVED
    try:
        b = a.replace(day=int(cast(re.Match, _DIGITS.match(m[p + "b"])).group()))
    except ValueError:
        return _UNRESOLVED
    return (_interval(a, b), RANGE) if a <= b else _UNRESOLVED


# --- relative forms: only called with a publication date ---

def _resolve_span(m: re.Match, P: dt.date) -> _Resolved:
    """"between January 3 and 5", "from Monday to Wednesday"."""
    a = _point(m["span_a"], P)
    b_text = m["span_b"]
    if _DAY_YEAR.fullmatch(b_text) and a is not None:
        try:
            b = a.replace(day=int(cast(re.Match, _DIGITS.match(b_text)).group()))
        except ValueError:
            b = None
    else:
        b = _point(b_text, P)
        if b is not None and a is not None and b < a and _WEEKDAY_NUM.get(b_text.lower()) is not None:
            a -= dt.timedelta(days=7)  # "from Friday to Monday" spans a weekend
    if a is None or b is None or b < a:
        return _UNRESOLVED
    return _interval(a, b), RANGE


def _resolve_past(m: re.Match, P: dt.date) -> _Resolved:
    """"over the past three days", "in the last 24 hours", "over the past few weeks"."""
    n = _count(m["past_n"])  # None for "a few"/"several"
    unit = m["past_unit"].lower().rstrip("s")
    if unit == "hour":
        start = P - dt.timedelta(days=-(-(n or 24) // 24))  # 24 hours reach into yesterday
    elif unit == "week":
        start = P - dt.timedelta(days=7 * (n or 2) - 1)
    elif unit == "month":
        start = _shift_months(P, n or 2) + dt.timedelta(days=1)
    else:  # days or nights; publication day counts as one of them
        start = P - dt.timedelta(days=(n or _VAGUE_DAYS) - 1)
    return _interval(start, P), RANGE


def _resolve_recent(m: re.Match, P: dt.date) -> _Resolved:
    """"in recent days": the last week."""
    return _interval(P - dt.timedelta(days=_VAGUE_DAYS - 1), P), RANGE


def _resolve_since(m: re.Match, P: dt.date) -> _Resolved:
    """"since Sunday", "since January 2", "since yesterday", "since last week": up to publication."""
    t = " ".join(m["since_t"].lower().split())
    monday = P - dt.timedelta(days=P.weekday())
    start: dt.date | None
    if t == "yesterday":
        start = P - dt.timedelta(days=1)
    elif t == "last week":
        start = monday - dt.timedelta(days=7)
    elif t in ("the start of the week", "the beginning of the week"):
        start = monday
    elif t == "the weekend":
        start = _weekday_before(P, "saturday", strict=True)
    elif t in _MONTH_NUM and _MONTH_FULL_RE.fullmatch(m["since_t"]):
        month = _MONTH_NUM[t]
        start = dt.date(P.year if month <= P.month else P.year - 1, month, 1)
    else:
        start = _point(m["since_t"], P)
    if start is None or start > P:
        return _UNRESOLVED
    return _interval(start, P), RANGE


def _resolve_relative_period(m: re.Match, P: dt.date) -> _Resolved:
    """"this week", "last week", "the past week", "last weekend", "earlier this month"; for announced events
    "next week" (the next calendar week), "later this week" (publication to Sunday), "next month"."""
    unit = m["rel_unit"].lower()
    mod = " ".join(m.group("rel").lower().split()[:-1])
    monday = P - dt.timedelta(days=P.weekday())
    previous = mod in ("last", "previous", "the previous")
    rolling = mod in ("past", "the past")  # "the past week": the last seven days
    if mod == "next":
        if unit == "week":
            return _interval(monday + dt.timedelta(days=7), monday + dt.timedelta(days=13)), RANGE
        if unit == "weekend":
            sat = _weekday_after(P, "saturday")
            return _interval(sat, sat + dt.timedelta(days=1)), RANGE
        first = _shift_months(P.replace(day=1), -1)
        return _month_interval(first.year, first.month, P), MONTH
    if mod.startswith("later"):  # the rest of the week or month: what is to come
        end = monday + dt.timedelta(days=6) if unit != "month" else _month_end(P.year, P.month)
        return _interval(P, end), RANGE if unit != "month" else MONTH
    if unit == "week":
        if previous:  # the previous calendar week, Monday to Sunday
            return _interval(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)), RANGE
        if rolling:
            return _interval(P - dt.timedelta(days=6), P), RANGE
        if mod.startswith("earlier"):
            return _interval(monday, max(monday, P - dt.timedelta(days=1))), RANGE
        return _interval(monday, P), RANGE  # "this week": Monday to publication
    if unit == "weekend":
        sat = _weekday_before(P, "saturday", strict=mod != "this")
        return _interval(sat, min(P, sat + dt.timedelta(days=1))), RANGE
    if previous:
        first = _shift_months(P.replace(day=1), 1)
        return _month_interval(first.year, first.month, P), MONTH
    if rolling:
        return _interval(_shift_months(P, 1) + dt.timedelta(days=1), P), RANGE
    return _month_interval(P.year, P.month, P), MONTH  # "this month", "earlier this month"


def _resolve_weekend(m: re.Match, P: dt.date) -> _Resolved:
    """"over the weekend": the last Saturday and Sunday before publication."""
    sat = _weekday_before(P, "saturday", strict=True)
    return _interval(sat, sat + dt.timedelta(days=1)), RANGE


def _resolve_ago(m: re.Match, P: dt.date) -> _Resolved:
    """"two days ago", "a week ago", "a month ago": approximate single days."""
    n = _count(m["ago_n"])
    unit = m["ago_unit"].lower().rstrip("s")
    if unit == "day":
        # "a few days ago": about three days, known to within a week
        return (_iso(P - dt.timedelta(days=n)), DAY) if n else (_iso(P - dt.timedelta(days=3)), WEEK)
    if unit == "week":
        return _iso(P - dt.timedelta(days=7 * (n or 2))), WEEK
    return _iso(_shift_months(P, n or 2)), MONTH


def _resolve_relative_day(m: re.Match, P: dt.date) -> _Resolved:
    """"today", "yesterday", "overnight", "last night", "this morning"."""
    w = " ".join(m["rday_w"].lower().split())
    back = {"the day before yesterday": 2, "yesterday": 1, "overnight": 1, "last night": 1, "tomorrow": -1}.get(w, 0)
    return _iso(P - dt.timedelta(days=back)), DAY


def _resolve_weekday(m: re.Match, P: dt.date) -> _Resolved:
    """"on Wednesday", "last Friday night", "next Monday"."""
    mod = (m["wd_mod"] or "").lower()
    name = m["wd_name"]
    if mod == "next":
        return _iso(_weekday_after(P, name)), DAY
    return _iso(_weekday_before(P, name, strict=mod in ("last", "past"))), DAY


# Resolver by ``_PATTERN`` alternative (the match's ``lastgroup``); "until" is skipped before resolving.
_ABSOLUTE_RESOLVERS: Final = {
    "dm": _resolve_day_month, "num": _resolve_numeric, "monthy": _resolve_month_year, "month": _resolve_month,
    "mspan": _resolve_day_span, "dspan": _resolve_day_span,
}
_RELATIVE_RESOLVERS: Final = {
    "span": _resolve_span, "past": _resolve_past, "recent": _resolve_recent, "since": _resolve_since,
    "rel": _resolve_relative_period, "weekend": _resolve_weekend, "ago": _resolve_ago,
    "rday": _resolve_relative_day, "wd": _resolve_weekday,
}


def _resolve(m: re.Match, published: dt.date | None) -> _Resolved:
    """(date, precision) for one match of ``_PATTERN``."""
    kind = cast(str, m.lastgroup)  # every alternative of _PATTERN is a named group
    resolver: Callable[..., _Resolved] | None = _ABSOLUTE_RESOLVERS.get(kind)
    if resolver is not None:
        return resolver(m, published)
    resolver = _RELATIVE_RESOLVERS.get(kind)
    if resolver is None or published is None:  # relative to publication: nothing without it
        return _UNRESOLVED
    return resolver(m, published)


def _anchors(sentence: str) -> list[int]:
    """Offsets of anchor substrings, in order (false hits like "Chicago" only cost a lookup)."""
    hits: list[int] = []
    low = sentence.lower()
    if len(low) != len(sentence):  # "İ" lowercases to two characters; offsets must agree
        low = sentence.translate(_ASCII_LOWER)
    for key in _ANCHOR_WORDS:
        if key in low:
            i = low.find(key)
            while i != -1:
                hits.append(i)
                i = low.find(key, i + 1)
    # Case-sensitive: "may", "march" and "decided" are not dates. (Speed: one scan for the twelve, not twelve
    # substring searches; the same offsets: a name opens with the only capital of its three letters, so two
    # occurrences never overlap and the scan finds every one.)
    for m in _MONTH_ANCHOR.finditer(sentence):
        hits.append(m.start())
    hits.extend(_digit_separators(sentence))
    hits.sort()
    return hits


def _digit_separators(sentence: str) -> list[int]:
    """What ``[m.start() for m in _DIGIT_SEP.finditer(sentence)]`` gives, in order.

    Speed: a sentence holds few of the separators, and str.find skips to each (memchr) where the regex engine
    tests every character for a digit. A match is three characters long, so the scan's matches are the
    leftmost non-overlapping ones among every separator with a digit on each side ("1-2-3": 0 only)."""
    found: list[int] = []
    n = len(sentence)
    for sep in _DIGIT_SEPARATORS:
        i = sentence.find(sep, 1)
        while i != -1 and i + 1 < n:
            if "0" <= sentence[i - 1] <= "9" and "0" <= sentence[i + 1] <= "9":
                found.append(i - 1)
            i = sentence.find(sep, i + 1)
    if len(found) < 2:
        return found
    found.sort()
    out: list[int] = []
    free = 0  # where the next match may start: after the last one kept
    for start in found:
        if start >= free:
            out.append(start)
            free = start + 3
    return out


def find_dates(sentence: str, *, published: dt.date | None) -> list[ResolvedDate]:
    """Every date expression in ``sentence``, left to right (unresolvable ones have ``date=None``)."""
    found: list[ResolvedDate] = []
    pos, n = 0, len(sentence)
    for hit in _anchors(sentence):
        if hit < pos:
            continue  # inside the previous expression
        end = min(n, hit + _AHEAD)
        for word in _WORD.finditer(sentence, max(pos, hit - _BACK), end):
            at = word.start()
            if at > hit:
                break
            w = word.group()
            first = w[0]
            # (Lowercasing never shortens a word: one longer than the longest first word is none of them.)
            if not (first.isdigit() or (len(w) <= _FIRST_WORD_LONGEST and w.lower() in _FIRST_WORDS)):
                continue
            m = _pattern_for(first).match(sentence, at, end)
            if m is not None and m.end() > hit:
                pos = m.end()
                if m.lastgroup != "until":
                    date, precision = _resolve(m, published)
                    found.append(ResolvedDate(date, precision if date else DatePrecision.UNKNOWN, m.group(),
                                              m.start(), m.end()))
                break
    return found


def resolve_date(sentence: str, *, published: dt.date | None, near: int | None = None) -> ResolvedDate:
    """The date of what ``sentence`` reports.

    With several expressions, the first one wins, or with ``near`` (an offset within
    the sentence, e.g. the incident's trigger word) the closest one. No expression:
    ``ResolvedDate(None, "unknown", "", -1, -1)``; the caller picks a fallback
    (see :func:`fallback_date`).
    """
    return pick_date(find_dates(sentence, published=published), near=near)


def pick_date(found: list[ResolvedDate], *, near: int | None = None) -> ResolvedDate:
    """The date :func:`resolve_date` picks among a sentence's :func:`find_dates`."""
    if not found:
        return _NONE
    if near is None or len(found) == 1:
        return found[0]
    return min(found, key=lambda r: 0 if r.start <= near < r.end else min(abs(r.start - near), abs(r.end - near)))


def fallback_date(published: dt.date | None) -> ResolvedDate:
    """The publication day, flagged "unknown": used when a sentence carries no date."""
    return ResolvedDate(published.isoformat() if published else None, DatePrecision.UNKNOWN, "", -1, -1)


def not_after_publication(when: ResolvedDate, published: dt.date | None) -> ResolvedDate:
    """The date of a *reported* event: nothing reported has happened after publication.

    A date that lies wholly after publication ("next Monday", "tomorrow", "January 10, 2022" in a
    paper of January 8) cannot be when a reported event happened: the expression dates something
    else (an announcement's deadline, a misreading), so the event falls back to the publication day,
    flagged "unknown". An interval that reaches past publication ends at it.
    """
    if published is None or not when.date:
        return when
    first, _, last = when.date.partition("/")
    try:
        start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last or first)
    except ValueError:
        return when
    if start > published:
        return fallback_date(published)
    if end > published:
        return ResolvedDate(_interval(start, published), when.precision, when.text, when.start, when.end)
    return when


def calendar_day(text: str, *, latest: dt.date) -> dt.date | None:
    """The first calendar day written in ``text`` ("8 January 2022", "Jan. 8, 2022", "2022-01-08T10:00Z");
    written without a year ("Jan 8"), the latest such day not after ``latest``. None if there is none."""
    iso = _ISO_PARTS.search(text)
    dm = _DM_PARTS.search(text)
    if iso is not None and (dm is None or iso.start() <= dm.start()):
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    return _day_month(dm.group(), latest) if dm is not None else None
