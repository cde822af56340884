"""The sentence loop: every trigger of every sentence that no cue cancels becomes an incident at each place
it happened, dated, with its actors and counts.

What one article's sentences share (the scene they hand on, their dates) is an :class:`_Article`; what
the triggers of one sentence share is a :class:`_Sentence`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final, cast

from .. import patterns as rx
from ..counts import (Counts, daily_shares, days_spanned, died_of_wounds, extract_counts, further_part,
                      lowest_of_reports, place_shares)
from ..dates import ResolvedDate, fallback_date, find_dates, not_after_publication, pick_date
from ..geoparse import GeoparseResult
from ..models import DatePrecision, Incident, Kind, Place, Precision, Status
from ..segment import Span
from ..taxonomy import incident_types
from .actors import ONE_SIDED_SUB_EVENT, _actors, actor_mentions, code_actors, communal_sentence
from .coding import acled_types, recoded_sub_event
from .cues import WINDOWS, _cancelled, _clauses, _unquoted, _weak_dropped, claimed_event, may_hold
from .lexicon_data import Cue, Trigger, fold, folded_twin, lexicon, triggers_and_actor_words
from .locate import _context_place, _is_national, _locate, _points_back, _recent_scene, _scene_mentions, people_names
from .sides import decided_type, phrase_triggers


@dataclass(frozen=True, slots=True)
class ConfidenceFactors:
    """An incident's confidence: trigger weight × (place_base + place_share × place confidence) × the factors
    below that apply."""

    place_base: float = 0.6  # a trigger keeps most of its weight however unsure the place is
    place_share: float = 0.4  # the rest follows the geoparser's confidence in the place
    inherited: float = 0.8  # the place comes from an earlier sentence or the article's focus, not this sentence
    planned: float = 0.8  # announced or called for, not (yet) reported as happening
    # A sentence that reports a violent event or a demonstration codes that event (ACLED: one event per event):
    # the dead and injured it counts, the arrests, blockades, burnings, deployments and measures around it are
    # the event's consequences or context ("during the national lockdown"), so they rank below it, never above.
    consequence: float = 0.6
    # "following prior clashes", "the previous day's attack": a back-reference to an earlier event is the
    # sentence's background, not what it reports.
    background: float = 0.6


CONFIDENCE: Final = ConfidenceFactors()
# ACLED's event type whose incidents are context or consequence when the sentence also reports another kind; the
# casualties type (dead and injured, whoever did it) likewise.
_CONTEXT_EVENT_TYPE: Final = "Strategic developments"
_CONSEQUENCE_TYPES: Final = frozenset({"casualties"})
# An earlier event named as background: "prior clashes", "the previous day's attack", "last week's riots".
# (The lookahead for the words' first letters lets the engine skip the other positions of the window at once.)
_BACKGROUND: Final = rx.compile(r"(?=[perflyt])\b(?:prior|previous|earlier|past|recent|former|(?:last|previous)\s+"
                                r"(?:week|month|year)['’]s"
                                r"|yesterday['’]s|the\s+previous\s+day['’]s)\s+(?:[\w-]+\s+)?$", re.I)
_BACKGROUND_FOLDED: Final = folded_twin(_BACKGROUND)  # the same on folded text (lexicon_data.fold), faster
_RIOTS, _DEMONSTRATIONS, _BATTLES = "Riots", "Protests", "Battles"
# ACLED's event types of political violence: the events that carry fatalities.
_VIOLENT: Final = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
# A date that is only a weekday ("on Wednesday"): for a planned event, the coming one.
_WEEKDAY_TEXT: Final = rx.compile(r"^(?:on\s+|late\s+on\s+|early\s+on\s+)?"
                                  r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.I)
# A day and month without a year ("on January 10"): for a planned event, the reading nearest publication.
_MONTH_WORD: Final = rx.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
_YEAR_WORD: Final = rx.compile(r"\b(?:19|20)\d\d\b")


def extract_incidents(text: str, geo: GeoparseResult, *, published: dt.date | None) -> list[Incident]:
    article = _Article(text, geo, published)
    lex = article.lex
    # Answers remembered for one article only (actors._names, _Lexicon.may_name): texts seldom recur, and a
    # benchmark that repeats its articles must not be answered from an earlier run.
    lex._named.clear()
    lex._may_name.clear()
    previous: tuple[int, list[Incident]] | None = None  # the last sentence with incidents: its number, them
    paragraph: int = -1
    tolls: list[Incident] = []  # the paragraph's incidents that carry a death toll so far
    for sent_no, sent in enumerate(geo.sentences):
        sentence = text[sent.start:sent.end]
        triggers, actor_starts = triggers_and_actor_words(sentence, lex)
        if not triggers:
            continue
        state = _Sentence(article, sent_no, sent, sentence, triggers, actor_starts)
        first = len(article.incidents)
        for trig in state.triggers:
            _extract_trigger(article, state, trig)
        _rank_consequences(article.incidents[first:])
        _fatalities_on_the_event(article.incidents[first:], state)
        _dead_shared_out(article, state, first)
        if sent.paragraph != paragraph:
            paragraph, tolls = sent.paragraph, []
        _days_of_the_dead(article.incidents[first:], sentence, tolls)
        added_to = None
        if previous is not None and previous[0] == sent_no - 1:
            added_to = _further_dead(previous[1], article.incidents[first:], state, geo)
        if len(article.incidents) > first:
            # (the event this sentence's dead were added to stays the one a next sentence's further dead join)
            previous = (sent_no, article.incidents[first:] + ([added_to] if added_to is not None else []))
    _rank_turned_violent(article.incidents, geo)
    # ACLED's lowest of conflicting reports across sentences ("The Star reports four dead"; counts.lowest_of_reports)
    dead = [i for i in article.incidents if i.fatalities is not None]
    if len(dead) > 1:
        lowest = lowest_of_reports([(i.start, i.evidence, _report_place(i, dead), cast(int, i.fatalities))
                                    for i in dead], dates=[i.date for i in dead])
        for i, n in zip(dead, lowest, strict=True):
            i.fatalities = n
    return article.incidents


def _report_place(incident: Incident, dead: list[Incident]) -> str:
    """The place key a report of ``incident``'s dead is compared by: none for a country or a first-level region that
    holds another report's place ("… killed at Lamu. Kenya said only one was killed", "… killed in Mandera town. The
    Star reports five dead in Mandera county": the same event, told at the country's or the region's level)."""
    place = incident.place
    if place is None:
        return ""
    if place.precision is Precision.COUNTRY and any(
            i.place is not None and i.place is not place and i.place.country_code == place.country_code for i in dead):
        return ""
    if place.precision is Precision.REGION and place.admin1 and any(
            i.place is not None and i.place is not place and i.place.country_code == place.country_code
            and i.place.admin1 == place.admin1 for i in dead):
        return ""
    return place.key


def _rank_turned_violent(incidents: list[Incident], geo: GeoparseResult) -> None:
    """A demonstration whose crowd riots later in the paragraph, at the same place and date, turned violent:
    ACLED codes it as the riot, so the riot ranks first ("Students staged a demonstration in X. Demonstrators
    clashed with police ..."). Within one sentence :func:`_rank_consequences` does this."""
    paragraph = {sent.start: sent.paragraph for sent in geo.sentences}
    rioted = {(paragraph.get(i.start), i.place.key if i.place else "", i.date) for i in incidents
              if i.status == Status.REPORTED and acled_types(i)[0] == _RIOTS}
    if not rioted:
        return
    for i in incidents:
        if (acled_types(i)[0] == _DEMONSTRATIONS and i.status == Status.REPORTED
                and (paragraph.get(i.start), i.place.key if i.place else "", i.date) in rioted):
            i.confidence = round(i.confidence * CONFIDENCE.consequence, 3)


def _fatalities_on_the_event(incidents: list[Incident], s: _Sentence) -> None:
    """ACLED puts the dead on the event: a sentence whose deaths no casualties incident reports ("a mob lynched
    a suspect", "2 die in clashes") gives its figure to its first-ranked violent event. With a casualties
    incident the figure stays there alone, so no sum counts it twice."""
    violent = [i for i in incidents if i.status == Status.REPORTED and acled_types(i)[0] in _VIOLENT]
    if not violent or any(i.incident_type in _CONSEQUENCE_TYPES for i in incidents):
        return
    if s.counts.fatalities is not None:
        event = max(violent, key=lambda i: i.confidence)
        # ... the event's incidents at the places its clause lists share it out (see _extract_trigger)
        listed = [i for i in violent if i.incident_type == event.incident_type and i.trigger == event.trigger]
        if len(listed) > 1 and not _a_list_of_scenes(s, listed):
            listed = [event]
        for incident, share in zip(listed, daily_shares(s.counts.fatalities, len(listed)), strict=True):
            incident.fatalities = share
            incident.count_text = s.counts.texts.get("fatalities", "")


_BETWEEN_BEFORE: Final = rx.compile(r"\bbetween\s+(?:the\s+)?$")
_BORDER_AFTER: Final = rx.compile(r"\s+(?:\w+\s+)?(?:border|boundary)\b", re.I)  # "along the Igembe Central and Isiolo North border"


def _a_list_of_scenes(s: _Sentence, incidents: list[Incident]) -> bool:
    """Whether the incidents' places are a list the sentence joins with "and" or "or" ("in Oldonyiro and
    Isiolo"), not a place and what holds it ("in Starehe, Nairobi") nor the two ends of a stretch ("between
    Lafey and Elwak", "along the Igembe and Isiolo border"): only then is one toll shared among them."""
    keys = {i.place.key for i in incidents if i.place is not None}
    spans = [(a, b) for a, b, k in s.locatable if k in keys]
    if len(spans) < 2:
        return False
    first, last = spans[0], spans[-1]
    between = s.text[first[1]:last[0]]
    return ((" and " in between or " or " in between or "&" in between)
            and not _BETWEEN_BEFORE.search(s.text, max(0, first[0] - 14), first[0])
            and not _BORDER_AFTER.match(s.text, last[1]))


def _dead_shared_out(article: _Article, s: _Sentence, first: int) -> None:
    """A toll the sentence shares out over places ("two deaths, one in Awendo and the other in Rongo"; counts.
    place_shares): ACLED codes one event per place, each with its share, so the toll's incident and the sentence's
    violent events stand at each of those places, the dead divided among them."""
    incidents = article.incidents[first:]
    carriers = [i for i in incidents if i.fatalities and i.status == Status.REPORTED]
    if not carriers or len(s.locatable) < 2:
        return
    spans: list[tuple[int, int]] = []
    keys: list[str] = []
    for a, b, key in s.locatable:
        if key not in keys:
            spans.append((a, b))
            keys.append(key)
    if len(keys) < 2:
        return
    shares = place_shares(s.text, spans, cast(int, carriers[0].fatalities))
    if shares is None:
        return
    shared = [key for key, share in zip(keys, shares, strict=True) if share]
    events = [i for i in incidents if i.status == Status.REPORTED and acled_types(i)[0] in _VIOLENT]
    for incident in {id(i): i for i in carriers + events}.values():
        carries = incident.fatalities is not None
        own = incident.place.key if incident.place is not None else ""
        home = own if own in shared else shared[0]  # an incident at one of the places stays there
        if home != own:
            _move(article, s, incident, home)
        for key, share in zip(keys, shares, strict=True):
            if not share:
                continue
            target = incident if key == home else (s.seen.get((incident.incident_type, key))
                                                   or _copy_to(article, s, incident, key))
            if carries:
                target.fatalities = share


def _move(article: _Article, s: _Sentence, incident: Incident, key: str) -> None:
    """``incident`` put at the sentence's place ``key``."""
    if incident.place is not None and s.seen.get((incident.incident_type, incident.place.key)) is incident:
        del s.seen[(incident.incident_type, incident.place.key)]
    place = article.places[key]
    incident.place = place
    incident.mention = next((article.text[a:b] for a, b, k in s.mentions if k == key), place.name)
    s.seen[(incident.incident_type, key)] = incident


def _copy_to(article: _Article, s: _Sentence, incident: Incident, key: str) -> Incident:
    """A copy of ``incident`` at the sentence's place ``key``, added to the article's incidents."""
    place = article.places[key]
    copy = Incident(
        id=hashlib.sha1(f"{incident.id}|{key}".encode()).hexdigest()[:12],
        incident_type=incident.incident_type, place=place,
        mention=next((article.text[a:b] for a, b, k in s.mentions if k == key), place.name),
        evidence=incident.evidence, start=incident.start, end=incident.end, date=incident.date,
        date_precision=incident.date_precision, date_text=incident.date_text, actors=list(incident.actors),
        coded_actors=list(incident.coded_actors), fatalities=None, injuries=None, arrests=None,
        count_text=incident.count_text, status=incident.status, trigger=incident.trigger,
        confidence=incident.confidence, acled_sub_event_type=incident.acled_sub_event_type, days=incident.days)
    s.seen[(incident.incident_type, key)] = copy
    article.incidents.append(copy)
    return copy


def _days_of_the_dead(incidents: list[Incident], sentence: str, tolls: list[Incident]) -> None:
    """The days an event and its dead span ("ten killed in two days of clashes"; ACLED codes a row per day and
    divides the dead among them): on the sentence's tolls, or, from a sentence with a violent event and no toll of its
    own ("The clashes have been occurring over ten days"), on the paragraph's tolls so far. ``tolls`` is updated."""
    if not incidents:
        return
    carriers = [i for i in incidents if i.fatalities]
    days = days_spanned(sentence)
    if days > 1:
        if carriers:
            for i in carriers:
                i.days = days
        elif tolls and any(acled_types(i)[0] in _VIOLENT and i.status == Status.REPORTED for i in incidents):
            for i in tolls:
                if i.days == 1:
                    i.days = days
    tolls.extend(carriers)


# "Three civilians were also killed": "also" marks a further group of the dead of the event just told.
_ALSO: Final = rx.compile(r"\balso\b", re.I)
# "Two others reported dead as well", "4 more bodies were found in the days after": further dead of the same
# event, in other words than "also" (not "more than 20": a qualifier)
_FURTHER: Final = rx.compile(r"\b(?:others|more)\b(?!\s+than\b)", re.I)


def _further_dead(earlier: list[Incident], incidents: list[Incident], s: _Sentence,
                  geo: GeoparseResult) -> Incident | None:
    """ACLED sums the dead of one event over the groups a report names one by one: a sentence that says a
    further group was "also" killed, right after a sentence of the same paragraph whose event has a death
    toll, and that dates nothing of its own, adds its figure to that toll (and keeps none itself, so that no
    sum counts it twice). Returns the incident whose toll it added to, if it did."""
    # (The tests that need no counts come first: most sentences fail one, and counting is the costly part.)
    if s.dated_here:
        return None
    sents = geo.sentences
    if sents[s.no - 1].paragraph != sents[s.no].paragraph:
        return None
    carriers = [i for i in incidents if i.fatalities is not None]
    tolled = [i for i in earlier if i.fatalities is not None and i.status == Status.REPORTED]
    if not tolled or not carriers:
        return None
    dead = s.counts.fatalities
    text = s.counts.texts.get("fatalities", "")
    also = _ALSO.search(text) is not None
    event = max(tolled, key=lambda i: i.confidence)
    if dead is None or not (also or _FURTHER.search(text) or died_of_wounds(s.text, text) or further_part(
            text, event.evidence, battle=_BATTLES in {acled_types(i)[0] for i in earlier})):
        return None
    if not also and any(i.place is not None and event.place is not None and i.place.key != event.place.key
                        for i in carriers):
        return None  # "… killed in Mandera. Two more were killed in Wajir": another event
    event.fatalities = cast(int, event.fatalities) + dead  # (a tolled incident's figure is never None)
    event.count_text = "; ".join(t for t in (event.count_text, text) if t)
    for i in carriers:
        i.fatalities = None
    return event


def _rank_consequences(incidents: list[Incident]) -> None:
    """One sentence's incidents: if it reports an event (a violent one or a demonstration), its consequences
    and context rank below it (``ConfidenceFactors.consequence``); a demonstration ranks below the riot it
    turned into (ACLED codes a demonstration that turns violent as a riot). All are kept: the analyst types
    stay."""
    if len(incidents) < 2:
        return
    coded = [acled_types(i)[0] for i in incidents]
    rioting = _RIOTS in coded

    def consequence(incident: Incident, event_type: str) -> bool:
        return (incident.incident_type in _CONSEQUENCE_TYPES or event_type == _CONTEXT_EVENT_TYPE
                or (rioting and event_type == _DEMONSTRATIONS))

    flags = [consequence(i, t) for i, t in zip(incidents, coded, strict=True)]
    if all(flags):
        return
    for incident, flag in zip(incidents, flags, strict=True):
        if flag:
            incident.confidence = round(incident.confidence * CONFIDENCE.consequence, 3)


class _Article:
    """What the sentences of one article share: its places and mentions, their dates, the scene so far."""

    __slots__ = ("text", "geo", "published", "lex", "places", "mentions", "mention_starts", "scenes",
                 "scene_starts", "first_of_paragraph", "last_scene", "incidents", "_dates", "lede_date", "people")

    def __init__(self, text: str, geo: GeoparseResult, published: dt.date | None):
        self.text, self.geo, self.published = text, geo, published
        self.lex = lexicon()
        self.places = {p.key: p for p in geo.places}
        self.mentions = geo.mention_places  # sorted by start
        self.mention_starts = [m[0] for m in self.mentions]
        self.scenes = _scene_mentions(text, geo, self.places, self.lex)
        self.scene_starts = [m[0] for m in self.scenes]
        self.people = people_names(text, geo)  # names only qualifying persons ("a Kikuyu man"): no fallback scene
        sents = geo.sentences
        self.first_of_paragraph = {i for i, s in enumerate(sents) if i == 0 or sents[i - 1].paragraph != s.paragraph}
        # (sentence number, paragraph, place) of the latest located incident: the scene later sentences inherit.
        self.last_scene: tuple[int, int, Place] | None = None
        self.incidents: list[Incident] = []
        self._dates: dict[int, list] = {}
        # The day the lede (the first sentence) dates its first reported incident to: news reports tell the
        # day's events and leave it unsaid after the lede, so an undated sentence is of that day.
        self.lede_date: ResolvedDate | None = None

    def dates_in(self, k: int) -> list:
        """Each sentence's dates, found once: the next sentence may inherit them."""
        if k not in self._dates:
            sent = self.geo.sentences[k]
            self._dates[k] = find_dates(self.text[sent.start:sent.end], published=self.published)
        return self._dates[k]

    def inherited_date(self, sent_no: int):
        """A sentence without a date takes the date of an earlier sentence of its paragraph, if that had one."""
        sents = self.geo.sentences
        if sent_no == 0 or sents[sent_no - 1].paragraph != sents[sent_no].paragraph:
            return None
        when = pick_date(self.dates_in(sent_no - 1))
        return when if when.date is not None else None


def _within(items: list, starts: list[int], sent: Span) -> list:
    """The items (sorted by start) that start in the sentence."""
    return items[bisect.bisect_left(starts, sent.start):bisect.bisect_left(starts, sent.end)]


class _Sentence:
    """One sentence with triggers, and what its triggers share, each computed at most once."""

    __slots__ = ("no", "span", "text", "triggers", "clause_of", "slug_of", "locatable", "mentions", "found_dates",
                 "when", "dated_here", "_counts", "seen", "non_event", "features", "has_there", "_planned_at",
                 "article_lede", "_actors", "_national", "_actor_mentions", "_coded", "actor_starts", "recoded",
                 "folded")

    def __init__(self, article: _Article, no: int, span: Span, text: str, triggers: list[Trigger],
                 actor_starts: list[int] | None = None):
        self.no, self.span, self.text = no, span, text
        self.folded = fold(text)  # for the cues' case-sensitive twins (speed), None if it cannot be had
        self.actor_starts = actor_starts  # where actor words start, found with the triggers (one pass)
        # Scene mentions as offsets into the sentence: (start, end, place key).
        self.locatable = [(s - span.start, e - span.start, k)
                          for s, e, k, _ in _within(article.scenes, article.scene_starts, span) if e <= span.end]
        self.mentions = _within(article.mentions, article.mention_starts, span)
        self.found_dates = article.dates_in(no)
        self.when = pick_date(self.found_dates)
        self.dated_here = self.when.date is not None
        if not self.dated_here:
            self.when = article.inherited_date(no) or article.lede_date or fallback_date(article.published)
        self._counts: Counts | None = None  # extract_counts, for the sentences that need it (see counts)
        self.triggers = triggers = phrase_triggers(_unquoted(text, triggers))
        clauses = _clauses(text)
        self.clause_of = {t: next((c for c in clauses if c[0] <= t.start < c[1]), (0, len(text))) for t in triggers}
        self.slug_of = {t: decided_type(t, text, self.clause_of[t], article.lex) for t in triggers}
        self.seen: dict[tuple[str, str], Incident] = {}  # one incident per type and place per sentence
        self.non_event: dict[tuple[int, int], bool] = {}  # per clause, for _cancelled
        self.features: dict = {}  # per mention of this sentence, for _locate
        self.has_there = "there" in text or "There" in text
        self.article_lede = article.lede_date
        self._planned_at: list[int] | None = None
        self._actors: list[str] | None = None
        self._national: bool | None = None
        self._actor_mentions: list | None = None
        # (country code, ACLED type, peaceful protest?) -> coded actors: a sentence's incidents share them
        self._coded: dict = {}
        self.recoded: dict = {}  # recoded_sub_event's sentence-wide tests, for its other triggers

    def planned_from(self, clause: tuple[int, int], trig: Trigger, lex) -> int | None:
        """Where the announcement of a planned trigger starts: at its first "planned" cue before it in the
        clause ("called for a march"), or at the clause start when the words after it announce it ("protests
        will be held"); None for a reported trigger."""
        if self._planned_at is None:
            twin = lex.folded.get(Cue.PLANNED) if self.folded is not None else None
            if twin is not None:
                # (most sentences hold none of the words a "planned" cue needs: no scan for them)
                self._planned_at = [m.start() for m in twin.finditer(self.folded)] \
                    if may_hold(twin, cast(str, self.folded)) else []
            else:
                self._planned_at = [m.start() for m in lex.planned.finditer(self.text)]
        for pos in self._planned_at:  # (a loop, not next() over a generator: this runs for every trigger)
            if clause[0] <= pos < trig.start:
                return pos
        if lex.planned_after is not None:
            twin = lex.folded.get(Cue.PLANNED_AFTER) if self.folded is not None else None
            if twin is not None:
                if twin.match(cast(str, self.folded)[trig.end:clause[1]].lstrip()):
                    return clause[0]
            elif lex.planned_after.match(self.text[trig.end:clause[1]].lstrip()):
                return clause[0]
        return None

    def date_of(self, trig: Trigger, planned_from: int | None, published: dt.date | None):
        """The date nearest the trigger if the sentence has dates, else the sentence's. A reported event never
        happened after publication; a planned one dated after its announcement ("called for a march on
        Sunday") is ahead, while a date before the announcement ("on Wednesday appealed … to send troops")
        dates the announcement and stays as it is."""
        when = pick_date(self.found_dates, near=trig.start) if self.dated_here else self.when
        if planned_from is None:
            return not_after_publication(when, published)
        if not self.dated_here and when is self.article_lede:
            return fallback_date(published)  # the lede's day is when things happened, not when announced ones will
        if self.dated_here and when.start >= planned_from:
            return _future(when, published)
        return when

    def actors(self, lex) -> list[str]:
        if self._actors is None:
            self._actors = _actors(self.text, lex, self.actor_mentions(lex))
        return self._actors

    def actor_mentions(self, lex):
        if self._actor_mentions is None:
            self._actor_mentions = actor_mentions(self.text, lex, starts=self.actor_starts)
        return self._actor_mentions

    def national(self) -> bool:
        if self._national is None:
            self._national = _is_national(self.text)
        return self._national

    @property
    def counts(self) -> Counts:
        """extract_counts of the sentence, found once and only for the sentences that report casualties or
        arrests (the costly part of a sentence). (A property of this compiled class, not an object forwarding
        attribute reads: a read that Python must first fail to find costs more than the lookup.)"""
        if self._counts is None:
            self._counts = extract_counts(self.text)
        return self._counts


def _extract_trigger(article: _Article, s: _Sentence, trig: Trigger) -> None:
    """The incidents of one trigger, one per place it happened at, unless a cue cancels it."""
    clause = s.clause_of[trig]
    if trig.weight < WINDOWS.strong and _weak_dropped(trig, clause, s.clause_of, s.triggers, s.text, s.slug_of):
        return
    if _cancelled(s.text, clause, trig, article.lex, s.non_event, s.folded):
        return
    slug = s.slug_of[trig]
    if claimed_event(s.text, trig, clause) and any(i.incident_type == slug for i in article.incidents):
        return  # "Boko Haram claimed the kidnapping": the claim of an event told already, no second one
    located: Sequence[Place | None]
    located, in_sentence = _locate(s.text, trig, clause, s.locatable, article.places, article.lex, s.features)
    if located and s.has_there and _points_back(s.text, clause, s.locatable):
        located = []  # "erupted there": the place of the sentence before, not one of another clause
    if not located:
        located = _inherited_place(article, s, slug)
    if not located:
        located = [None]  # the article supports no place: an incident without a location, never a silent drop
    planned_from = s.planned_from(clause, trig, article.lex)
    status = Status.REPORTED if planned_from is None else Status.PLANNED
    when = s.date_of(trig, planned_from, article.published)
    if (article.lede_date is None and s.no == 0 and s.dated_here and planned_from is None
            and when.precision == DatePrecision.DAY):
        article.lede_date = when
    made: list[Incident] = []
    for place in located:
        key = (slug, place.key if place is not None else "")
        if key in s.seen:
            continue
        s.seen[key] = incident = _make_incident(article, s, slug, trig, place, when, status, in_sentence)
        article.incidents.append(incident)
        made.append(incident)
        if in_sentence and place is not None and place.kind != Kind.COUNTRY:
            article.last_scene = (s.no, s.span.paragraph, place)
    if len(made) > 1 and made[0].fatalities and _a_list_of_scenes(s, made):
        # "Two people were lynched in Ndumberi and Tinganga": one toll over the places listed, not one each (the
        # sum would count it twice): ACLED divides it evenly, the remainder to the first (counts.daily_shares,
        # as for the days of a multi-day toll). A toll the sentence shares out by place is _dead_shared_out's.
        for incident, share in zip(made, daily_shares(cast(int, made[0].fatalities), len(made)), strict=True):
            incident.fatalities = share


def _inherited_place(article: _Article, s: _Sentence, slug: str) -> list[Place]:
    """The sentence names no place for the trigger: the scene the story is at, or its context."""
    recent = _recent_scene(article.last_scene, s.no, s.span, s.no in article.first_of_paragraph)
    context = _context_place(slug, article.geo, s.span, article.scenes, article.places, recent,
                             national=s.national(), people=article.people)
    if context is None:
        return []
    if recent is not None and context.kind != Kind.COUNTRY:
        # The scene goes on ("Police moved in. Officers arrested …"), or zooms out to the city
        # after a city-wide measure ("A curfew is in effect. Shots were heard …").
        article.last_scene = (s.no, s.span.paragraph, context)
    return [context]


def _future(when, published: dt.date | None):
    """A planned event "on Wednesday" is the coming Wednesday, not the last one; "on January 10" (no year)
    is the January 10 nearest publication, which may be ahead of it (dates.py reads days back by default)."""
    if published is None or when.precision != DatePrecision.DAY or not when.date:
        return when
    day = dt.date.fromisoformat(when.date)
    text = when.text.strip()
    if _WEEKDAY_TEXT.match(text):
        if day < published:
            day += dt.timedelta(days=7)
    elif _MONTH_WORD.search(text) and not _YEAR_WORD.search(text) and day < published:
        try:
            ahead = day.replace(year=day.year + 1)
        except ValueError:  # 29 February
            return when
        if ahead - published < published - day:
            day = ahead
    return replace(when, date=day.isoformat())


# -- the incident record ----------------------------------------------------------------------------

def _make_incident(article: _Article, s: _Sentence, slug: str, trig: Trigger, place: Place | None, when,
                   status: Status, in_sentence: bool) -> Incident:
    sent, sentence = s.span, s.text
    if place is None:
        mention_text, place_key, place_confidence = "", "", 0.0
    else:
        mention_text = next((article.text[a:b] for a, b, k in s.mentions if k == place.key), place.name)
        place_key, place_confidence = place.key, place.confidence
    c = CONFIDENCE
    incident = Incident(
        id=_stable_id(slug, place_key, sent.start, trig.start),
        incident_type=slug, place=place, mention=mention_text, evidence=sentence,
        start=sent.start, end=sent.end, date=when.date, date_precision=when.precision,
        date_text=when.text, actors=list(s.actors(article.lex)), status=status,
        trigger=sentence[trig.start:trig.end],
        confidence=round(trig.weight * (c.place_base + c.place_share * place_confidence)
                         * (1.0 if in_sentence else c.inherited) * (c.planned if status == Status.PLANNED else 1.0)
                         * (c.background if _background(s, trig) else 1.0),
                         3),
    )
    incident.acled_sub_event_type = recoded_sub_event(slug, trig, sentence, s.clause_of[trig], article.lex,
                                                      memo=s.recoded)
    event_type, sub_event_type = acled_types(incident)
    if event_type:
        country_code = place.country_code if place is not None else ""
        key = (country_code, event_type, sub_event_type == ONE_SIDED_SUB_EVENT)  # all code_actors reads of it
        if key not in s._coded:
            s._coded[key] = code_actors(s.actor_mentions(article.lex), country_code=country_code,
                                        event_type=event_type, sub_event_type=sub_event_type,
                                        communal=communal_sentence(sentence, article.lex))
        incident.coded_actors = list(s._coded[key])
    if slug == "casualties":
        counts = s.counts
        incident.fatalities, incident.injuries = counts.fatalities, counts.injuries
        incident.count_text = "; ".join(counts.texts.get(k, "") for k in ("fatalities", "injuries")
                                        if counts.texts.get(k))
    elif slug == "arrest":
        incident.arrests = s.counts.arrests
        incident.count_text = s.counts.texts.get("arrests", "")
    return incident


def _background(s: _Sentence, trig: Trigger) -> bool:
    """Whether the words right before the trigger name it as an earlier event ("prior clashes")."""
    if s.folded is not None and _BACKGROUND_FOLDED is not None:
        start = max(0, trig.start - 40)
        return may_hold(_BACKGROUND_FOLDED, s.folded, start, trig.start) \
            and _BACKGROUND_FOLDED.search(s.folded, start, trig.start) is not None
    return _BACKGROUND.search(s.text, max(0, trig.start - 40), trig.start) is not None


def _stable_id(slug: str, place_key: str, sent_start: int, trig_start: int) -> str:
    raw = f"{slug}|{place_key}|{sent_start}|{trig_start}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]
