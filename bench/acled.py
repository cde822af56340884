"""Score incident extraction against human-coded ACLED events (issue 11's measure).

    python -m bench.acled EXPORT.csv [EXPORT.csv …] [--sample N] [--seed S] [--errors FILE.jsonl]
                          [--dump FILE.jsonl]
    make eval-acled CSV="path/kenya.csv path/bangladesh.csv"

ACLED exports are others' data (ACLED's terms): read at run time from the paths given, never copied into
this project. With no path the script says so and exits 0.

Each ACLED row is one coded event. Its ``notes`` field is the text, its ``event_date`` the publication
date; the pipeline (offline gazetteer) runs on it and its incidents are compared with ACLED's coding:

* **type**: ACLED's event type among our incidents' ACLED event types; the sub-event type likewise; and
  whether our first (most confident) incident has ACLED's event type.
* **place**: the distance from ACLED's point to our nearest incident: within 25 km and 161 km; whether our
  claimed radius covers ACLED's point (an honest precision claim), overall and by our precision; and, of the
  events ACLED codes at a town whose note names ACLED's location (a whole word), the share within 25 km (many
  short notes never name the town: ACLED's location column does).
* **fatalities**: where ACLED counts some, whether the largest count among our incidents equals it.
* **no incident**: notes that gave no incident at all.
* **actors**: among events whose ACLED event type is among ours, whether an incident of that type has ACLED's
  ``inter1`` as its actor1's type (numeric codes and the newer exports' labels are both read). Newer
  "monadic" exports give a two-actor event twice, each actor in turn as actor1 (same ``event_id_cnty``): such
  an event is read once, and either actor's type counts as its ``inter1``. Likewise ``inter2`` of a
  dyadic export, except in violence against civilians: ACLED's codebook gives the order of actors no meaning
  but there (actor1 is the violent actor).

The sample is stratified by country and event type (a fixed seed): each stratum gives its share of the
sample, at least one event. ACLED notes seldom name the country (its own column does) while an article
would, so every event is scored twice: the bare note, and the note after a first line naming the country
("Kenya."). Both are reported.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench.runner import score_files
from incidentmap.counts import daily_shares
from incidentmap.geo import haversine_m
from incidentmap.incidents.coding import acled_types

DATE_FORMATS = ("%d-%m-%y", "%d-%b-%y", "%Y-%m-%d", "%d %B %Y", "%d-%m-%Y", "%m/%d/%Y", "%d-%B-%Y")
# ACLED's event types before its 2019 taxonomy, as older exports write them -> today's (no sub-event types then).
# "Riots/Protests" was one type: it stays as it is, so it is never found among ours (compare places, fatalities
# and actors of such exports, not types).
OLD_EVENT_TYPES = {
    "Battle-No change of territory": "Battles", "Battle-Government regains territory": "Battles",
    "Battle-Non-state actor overtakes territory": "Battles", "Remote violence": "Explosions/Remote violence",
    "Violence Against Civilians": "Violence against civilians", "Strategic development": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
}
DISTANCES_KM = (25.0, 161.0)


@dataclass(frozen=True, slots=True)
class CodedEvent:
    event_id: str
    date: dt.date | None
    event_type: str
    sub_event_type: str
    lat: float
    lon: float
    geo_precision: str
    fatalities: int
    notes: str
    country: str = ""
    inter1: int | None = None  # ACLED's actor type of actor1 (older exports: a number; newer: a label)
    # The event's other actor types that count as actor1's: a dyadic export's inter2 (but in violence against
    # civilians), a monadic export's other rows' inter1 (each of the event's actors in turn).
    inter1_also: tuple[int, ...] = ()
    # ACLED's place names (location; admin1, admin2): read only into ``--dump`` rows, to read place misses by class
    location: str = ""
    admins: tuple[str, ...] = ()


@dataclass(slots=True)
class Tally:
    events: int = 0
    no_incident: int = 0
    no_location: int = 0  # events whose incidents all lack a location (the note names no place we know)
    type_found: int = 0
    sub_type_found: int = 0
    first_type_right: int = 0
    within: Counter = field(default_factory=Counter)  # km threshold -> events
    located: int = 0  # events with at least one located incident
    covered: int = 0
    covered_by_precision: Counter = field(default_factory=Counter)
    claims_by_precision: Counter = field(default_factory=Counter)
    confusion: Counter = field(default_factory=Counter)  # (ACLED event type, our first incident's) -> events
    # geo_precision -> [events, located, within 25 km, within 161 km]
    by_geo_precision: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    # Events coded at a town (geo_precision 1) whose note names ACLED's location: [events, located, within 25 km].
    # Many short notes never name the town (ACLED's location column does): this part of the town figure is the
    # one an engine can reach from the text alone; what it misses is a name not read or a place not known.
    town_named: list = field(default_factory=lambda: [0, 0, 0])
    fatal_events: int = 0
    fatalities_exact: int = 0
    # ... and how the others miss: no figure among our incidents, a figure above ACLED's (often a toll ACLED split
    # over several events), or below it (often groups ACLED summed across sentences)
    fatalities_none: int = 0
    fatalities_higher: int = 0
    # ... of the events whose note writes ACLED's figure (states_figure): [events, exact]
    fatal_stated: int = 0
    fatalities_stated_exact: int = 0
    by_type: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # type -> [events, found]
    actor_events: int = 0  # events whose type we found and whose inter1 ACLED gives
    inter1_right: int = 0  # ... where an incident of that type has ACLED's inter1
    inter1_confusion: Counter = field(default_factory=Counter)  # (ACLED's inter1, our first such incident's) -> n


def parse_date(value: str) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def read_export(path: Path) -> list[CodedEvent]:
    """ACLED rows by column name; rows without notes or coordinates are skipped. An event given once per actor
    (a monadic export: the same ``event_id_cnty`` again, the next actor as actor1) is one event whose other rows'
    actor types are ``inter1_also``."""
    out: list[CodedEvent] = []
    seen: dict[str, CodedEvent] = {}
    extra: dict[str, list[int]] = {}  # event id -> the other rows' actor1 types
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for raw in csv.DictReader(fh):
            row = {(k or "").strip().lower(): v for k, v in raw.items()}  # (older exports write "EVENT_TYPE")
            event_type = (row.get("event_type") or "").strip()
            row["event_type"] = OLD_EVENT_TYPES.get(event_type, event_type)
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except (KeyError, ValueError):
                continue
            notes = (row.get("notes") or "").strip()
            if not notes:
                continue
            event_id = row.get("event_id_cnty", "")
            inter1 = parse_inter(row.get("inter1", ""))
            if event_id and event_id in seen:
                also = extra.setdefault(event_id, [])
                if inter1 is not None and inter1 != seen[event_id].inter1 and inter1 not in also:
                    also.append(inter1)
                continue
            ev = CodedEvent(
                event_id, parse_date(row.get("event_date", "")), row.get("event_type", ""),
                row.get("sub_event_type", ""), lat, lon, row.get("geo_precision", ""),
                int(row.get("fatalities") or 0) if (row.get("fatalities") or "0").isdigit() else 0, notes,
                row.get("country", ""), inter1, location=row.get("location", ""),
                admins=(row.get("admin1", ""), row.get("admin2", "")))
            inter2 = parse_inter(row.get("inter2", ""))
            if inter2 and inter2 != inter1 and row.get("event_type") != "Violence against civilians":
                # The order of actors has no meaning in ACLED's coding, barring violence against civilians.
                ev = replace(ev, inter1_also=(inter2,))
            if event_id:
                seen[event_id] = ev
            out.append(ev)
    return [replace(e, inter1_also=(*e.inter1_also, *extra[e.event_id])) if extra.get(e.event_id) else e
            for e in out]


def parse_inter(value: str) -> int | None:
    """ACLED's actor type: a code ("1", older exports) or its label ("State forces", newer ones)."""
    from incidentmap.acled import inter_name
    from incidentmap.models import Inter

    value = (value or "").strip()
    if value.isdigit():
        return int(value)
    return next((int(i) for i in Inter if i and inter_name(i).casefold() == value.casefold()), None)


def sample(events: list[CodedEvent], n: int, seed: int) -> list[CodedEvent]:
    """About ``n`` events stratified by (country, event type): each stratum its share, at least one."""
    if not n or n >= len(events):
        return events
    rng = random.Random(seed)
    strata: dict[tuple[str, str], list[CodedEvent]] = defaultdict(list)
    for ev in events:
        strata[(ev.country, ev.event_type)].append(ev)
    out = []
    for key in sorted(strata):
        members = strata[key][:]
        rng.shuffle(members)
        out += members[:max(1, round(n * len(members) / len(events)))]
    return out


def score_event(ev: CodedEvent, tally: Tally, errors_out=None, *, name_country: bool = False,
                dump_out=None) -> None:
    from incidentmap.pipeline import analyze

    tally.events += 1
    tally.by_type[ev.event_type][0] += 1
    try:
        text = f"{ev.country}.\n\n{ev.notes}" if name_country and ev.country else ev.notes
        incidents = analyze(text, published=ev.date).incidents
    except Exception as exc:  # noqa: BLE001 - a refused text counts as no incident
        print(f"  {ev.event_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
        incidents = []
    _dump(dump_out, ev, incidents)
    _score_named_town(ev, tally, incidents)
    if not incidents:
        tally.no_incident += 1
        tally.by_geo_precision[ev.geo_precision][0] += 1
        _write(errors_out, "no incident", ev, None)
        return
    ours = [acled_types(i) for i in incidents]  # (event type, sub-event type): ACLED's coding of each incident
    if ev.event_type in {t for t, _ in ours}:
        tally.type_found += 1
        tally.by_type[ev.event_type][1] += 1
    else:
        _write(errors_out, "type", ev, incidents)
    tally.sub_type_found += ev.sub_event_type in {sub for _, sub in ours}
    same_type = [i for i, (t, _) in zip(incidents, ours, strict=True) if t == ev.event_type]
    if same_type and ev.inter1:
        tally.actor_events += 1
        accepted = {ev.inter1, *ev.inter1_also}
        tally.inter1_right += any(a.side == 1 and a.inter in accepted for i in same_type for a in i.coded_actors[:1])
        first = max(same_type, key=lambda i: i.confidence).coded_actors
        ours = int(first[0].inter) if first else 0
        tally.inter1_confusion[(ours if ours in accepted else ev.inter1, ours)] += 1
    best = acled_types(max(incidents, key=lambda i: i.confidence))[0]
    tally.first_type_right += best == ev.event_type
    tally.confusion[(ev.event_type, best)] += 1
    _score_fatalities(ev, tally, incidents)
    located = [i for i in incidents if i.place is not None]
    if not located:  # incidents without a location (the note names no place we know): never within any distance
        tally.no_location += 1
        tally.by_geo_precision[ev.geo_precision][0] += 1
        _write(errors_out, "no location", ev, incidents)
        return
    nearest = min(located, key=lambda i: haversine_m(ev.lat, ev.lon, i.place.lat, i.place.lon))
    dist = haversine_m(ev.lat, ev.lon, nearest.place.lat, nearest.place.lon)
    tally.located += 1
    for km in DISTANCES_KM:
        tally.within[km] += dist <= km * 1000
    geo = tally.by_geo_precision[ev.geo_precision]
    geo[0] += 1
    geo[1] += 1
    geo[2] += dist <= DISTANCES_KM[0] * 1000
    geo[3] += dist <= DISTANCES_KM[1] * 1000
    honest = dist <= nearest.place.uncertainty_m
    tally.covered += honest
    tally.claims_by_precision[str(nearest.place.precision)] += 1
    tally.covered_by_precision[str(nearest.place.precision)] += honest
    if not honest:
        _write(errors_out, "place", ev, [nearest], km=dist / 1000)


def names_location(ev: CodedEvent) -> bool:
    """Whether ACLED's location name occurs in the note as a whole word (case and accents aside)."""
    name = ev.location.strip().casefold()
    if not name:
        return False
    note = ev.notes.casefold()
    start = note.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not note[start - 1].isalnum()) and (end == len(note) or not note[end].isalnum()):
            return True
        start = note.find(name, start + 1)
    return False


_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                 "sixteen seventeen eighteen nineteen twenty").split()


def states_figure(ev: CodedEvent) -> bool:
    """Whether ACLED's fatalities are written in the note: the figure in digits or as a number word ("five"), as a
    whole word; one death counts as written (a single death needs no numeral: "was shot dead"). Many old notes
    give no figure at all (ACLED took it from its sources) or one ACLED split or summed: the part of the
    fatalities figure the text can give."""
    n = ev.fatalities
    if n == 1:
        return True
    words = {str(n)} | ({_NUMBER_WORDS[n]} if 0 <= n < len(_NUMBER_WORDS) else set())
    tokens = re.findall(r"[a-z]+|\d+(?:[.,]\d+)*(?:/\d+)*", ev.notes.casefold())
    return any(t in words for t in tokens)


def _score_named_town(ev: CodedEvent, tally: Tally, incidents) -> None:
    if ev.geo_precision != "1" or not names_location(ev):
        return
    tally.town_named[0] += 1
    located = [i for i in incidents or [] if i.place is not None]
    if located:
        tally.town_named[1] += 1
        tally.town_named[2] += min(haversine_m(ev.lat, ev.lon, i.place.lat, i.place.lon)
                                   for i in located) <= DISTANCES_KM[0] * 1000


def daily_figures(incidents, ev: CodedEvent | None = None) -> list[int]:
    """The fatalities of our ACLED rows for ACLED's one row: the largest toll's, per day for a multi-day event (our
    ACLED export writes a row per day, the dead divided evenly: counts.daily_shares); [0] when no toll. Where our
    tolls stand at several places (one event per place: "two deaths, one in Awendo and the other in Rongo"), ACLED's
    row is compared with the tolls at its place (within 25 km of its point), if one is there."""
    tolled = [i for i in incidents if i.fatalities]
    if ev is not None and len({i.place.key for i in tolled if i.place is not None}) > 1:
        here = [i for i in tolled if i.place is not None
                and haversine_m(ev.lat, ev.lon, i.place.lat, i.place.lon) <= DISTANCES_KM[0] * 1000]
        tolled = here or tolled
    top = max(tolled, key=lambda i: i.fatalities, default=None)
    if top is None:
        return [0]
    return sorted(set(daily_shares(top.fatalities, top.days)))


def _score_fatalities(ev: CodedEvent, tally: Tally, incidents) -> None:
    if ev.fatalities > 0:
        tally.fatal_events += 1
        figures = daily_figures(incidents, ev)
        tally.fatalities_exact += ev.fatalities in figures
        tally.fatalities_none += figures == [0]
        tally.fatalities_higher += min(figures) > ev.fatalities
        if states_figure(ev):
            tally.fatal_stated += 1
            tally.fatalities_stated_exact += ev.fatalities in figures


def _write(fh, kind: str, ev: CodedEvent, incidents, km: float | None = None) -> None:
    if fh is None:
        return
    row = {"kind": kind, "event": ev.event_id, "acled": [ev.event_type, ev.sub_event_type], "notes": ev.notes,
           "ours": [[i.incident_type, i.place.name if i.place else None, str(i.place.precision) if i.place else None]
                    for i in incidents or []]}
    if km is not None:
        row["km"] = round(km, 1)
    fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def failure_classes(ev: CodedEvent, incidents) -> list[str]:
    """Which of the measures this event fails (a dump row's classes, to count and read failures by class)."""
    if not incidents:
        return ["no incident"]
    ours = [acled_types(i) for i in incidents]
    out = []
    if ev.event_type not in {t for t, _ in ours}:
        out.append("type")
    if ev.sub_event_type not in {sub for _, sub in ours}:
        out.append("sub-event type")
    if acled_types(max(incidents, key=lambda i: i.confidence))[0] != ev.event_type:
        out.append("first type")
    if ev.fatalities > 0 and ev.fatalities not in daily_figures(incidents, ev):
        out.append("fatalities")
    located = [i for i in incidents if i.place is not None]
    if not located:
        out.append("no location")
    else:
        dist = min(haversine_m(ev.lat, ev.lon, i.place.lat, i.place.lon) for i in located)
        if dist > DISTANCES_KM[0] * 1000:
            out.append("beyond 25 km")
    return out


def _dump(fh, ev: CodedEvent, incidents) -> None:
    """One JSON line per event: ACLED's coding, ours, and the failure classes (``--dump``; ACLED's text:
    keep the file outside the project, never commit it)."""
    if fh is None:
        return
    row = {"event": ev.event_id, "classes": failure_classes(ev, incidents),
           "acled": {"event_type": ev.event_type, "sub_event_type": ev.sub_event_type, "fatalities": ev.fatalities,
                     "geo_precision": ev.geo_precision, "lat": ev.lat, "lon": ev.lon, "inter1": ev.inter1,
                     "location": ev.location, "admins": list(ev.admins)},
           "notes": ev.notes,
           "ours": [{"type": i.incident_type, "acled": list(acled_types(i)),
                     "confidence": round(i.confidence, 3), "fatalities": i.fatalities, "days": i.days, "trigger": i.trigger,
                     "count_text": i.count_text, "evidence": i.evidence,
                     "actors": [[a.name, int(a.inter), a.side] for a in i.coded_actors],
                     "place": None if i.place is None else {
                         "name": i.place.name, "precision": str(i.place.precision),
                         "radius_km": round(i.place.uncertainty_m / 1000, 1), "source": str(i.place.source),
                         "km": round(haversine_m(ev.lat, ev.lon, i.place.lat, i.place.lon) / 1000, 1)}}
                    for i in incidents]}
    fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def summary(t: Tally) -> dict:
    def share(a: int, b: int) -> float | None:
        return a / b if b else None
    return {
        "events": t.events,
        "event_type_found": share(t.type_found, t.events),
        "sub_event_type_found": share(t.sub_type_found, t.events),
        "first_incident_type_right": share(t.first_type_right, t.events),
        **{f"within_{km:g}km": share(t.within[km], t.events) for km in DISTANCES_KM},
        "radius_covers": share(t.covered, t.located),
        "radius_covers_by_precision": {p: share(t.covered_by_precision[p], n) for p, n in t.claims_by_precision.items()},
        "fatalities_exact": share(t.fatalities_exact, t.fatal_events),
        "fatalities_none": share(t.fatalities_none, t.fatal_events),
        "fatalities_stated": {"events": t.fatal_stated, "exact": share(t.fatalities_stated_exact, t.fatal_stated)},
        "fatalities_higher": share(t.fatalities_higher, t.fatal_events),
        "fatalities_lower": share(t.fatal_events - t.fatalities_exact - t.fatalities_none - t.fatalities_higher,
                                  t.fatal_events),
        "no_incident": share(t.no_incident, t.events),
        "inter1_agrees": share(t.inter1_right, t.actor_events),
        "inter1_confusion": {f"{a} -> {b}": n for (a, b), n in sorted(t.inter1_confusion.items())},
        "no_location": share(t.no_location, t.events),
        "found_by_event_type": {k: share(v[1], v[0]) for k, v in sorted(t.by_type.items())},
        # Of the events whose incidents have a location (the note names a place we know), and of all events
        # (an event with no incident or no located one is a miss): a figure of located events alone would
        # rise if a wrong location were withdrawn instead of the right one found, so both are printed.
        "within_km_by_geo_precision": {p: {"events": v[0], "located": v[1], "25km": share(v[2], v[1]),
                                           "161km": share(v[3], v[1]), "25km_of_all": share(v[2], v[0]),
                                           "161km_of_all": share(v[3], v[0])}
                                       for p, v in sorted(t.by_geo_precision.items())},
        "town_named": {"events": t.town_named[0], "located": t.town_named[1],
                       "25km": share(t.town_named[2], t.town_named[1]),
                       "25km_of_all": share(t.town_named[2], t.town_named[0])},
        "confusion": {f"{a} -> {b}": n for (a, b), n in sorted(t.confusion.items())},
    }


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{100 * v:.0f} %"


def _print(name: str, s: dict) -> None:
    print(f"{name}: {s['events']} events")
    print(f"  ACLED event type among ours {_pct(s['event_type_found'])} · sub-event type {_pct(s['sub_event_type_found'])}"
          f" · first incident's type right {_pct(s['first_incident_type_right'])}")
    print(f"  nearest incident within 25 km {_pct(s['within_25km'])} · 161 km {_pct(s['within_161km'])}"
          f" · radius covers ACLED's point {_pct(s['radius_covers'])} ("
          + ", ".join(f"{p} {_pct(v)}" for p, v in sorted(s["radius_covers_by_precision"].items())) + ")")
    print(f"  fatalities exact where ACLED > 0 {_pct(s['fatalities_exact'])}"
          f" (none found {_pct(s['fatalities_none'])}, higher {_pct(s['fatalities_higher'])},"
          f" lower {_pct(s['fatalities_lower'])};"
          f" {_pct(s['fatalities_stated']['exact'])} of the {s['fatalities_stated']['events']} whose note writes"
          f" ACLED's figure)"
          f" · notes with no incident {_pct(s['no_incident'])}"
          f" · with incidents but no location {_pct(s['no_location'])}"
          f" · actor1's type (inter1) as ACLED's where the event type is found {_pct(s['inter1_agrees'])}")
    print("  found by ACLED event type: " + ", ".join(f"{k} {_pct(v)}" for k, v in s["found_by_event_type"].items()))
    print("  within 25 / 161 km by ACLED geo_precision, of located events [of all events]: " + ", ".join(
        f"{p or '?'} ({v['located']} of {v['events']}) {_pct(v['25km'])} / {_pct(v['161km'])}"
        f" [{_pct(v['25km_of_all'])} / {_pct(v['161km_of_all'])}]"
        for p, v in s["within_km_by_geo_precision"].items()))
    named = s["town_named"]
    print(f"  coded at a town the note names ({named['events']} events, {named['located']} located): within 25 km"
          f" {_pct(named['25km'])} of located [{_pct(named['25km_of_all'])} of all]")
    print("  ACLED inter1 -> ours (the most confident incident of ACLED's type): "
          + "; ".join(f"{k} {n}" for k, n in s["inter1_confusion"].items()))
    print("  ACLED event type -> our first incident's: " + "; ".join(f"{k} {n}" for k, n in s["confusion"].items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("export", nargs="*", type=Path, help="ACLED export CSV files")
    ap.add_argument("--sample", type=int, default=300, help="events per file (0: all)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--errors", type=Path, help="write misses as JSON lines here (keep it outside the project)")
    ap.add_argument("--dump", type=Path, help="write every event (bare note) as a JSON line here: ACLED's coding, "
                    "ours, the failure classes (ACLED's text: keep it outside the project, never commit it)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.export:
        print("ACLED benchmark: no export given, skipped (make eval-acled CSV=\"path/export.csv …\")")
        return 0

    dump_out = args.dump.open("w", encoding="utf-8") if args.dump else None

    def score_one(path: Path, errors_out) -> dict:
        events = sample(read_export(path), args.sample, args.seed)
        out = {}
        for variant, name_country in (("bare note", False), ("country named", True)):
            tally = Tally()
            for ev in events:
                score_event(ev, tally, errors_out if not name_country else None, name_country=name_country,
                            dump_out=dump_out if not name_country else None)
            out[variant] = summary(tally)
        return out

    def show(name: str, both: dict) -> None:
        for variant, s in both.items():
            _print(f"{name} ({variant})", s)

    try:
        score_files(args.export, score_one=score_one, show=show, errors=args.errors, as_json=args.json)
    finally:
        if dump_out is not None:
            dump_out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
