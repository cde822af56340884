"""Score the pipeline against the annotated development set (data/devset/).

    python -m bench.evaluate [--devset DIR] [--json] [--verbose] [--article ID] [--check]

For every ``<id>.json`` in the dev set the article text ``<id>.txt`` is run through
``incidentmap.pipeline.analyze(text, published=..., geocoder="offline")`` and the
result is compared with the gold annotation. The annotation format and guidelines
are in data/devset/README.md. The script is a report: it exits 0 whatever the
scores (and also when the pipeline raises: that article is scored as empty and the
error is shown), 2 when the dev set is missing or empty. ``--check`` only validates
the gold files and exits 1 if it finds a problem.

Places
  A predicted place *matches* a gold place if one of its mention spans overlaps a
  span where the gold place is mentioned (its ``mention`` or one of its ``aliases``,
  found in the text case-insensitively on word boundaries, longest surface first so
  "Khartoum airport" is not also a mention of "Khartoum"), or if the names are equal
  (case-, accent- and leading-"the"-insensitive; the gold side offers ``name``,
  ``alt_names`` and any mention/alias that is a proper name).
  recall    = gold places matched by at least one predicted place
  precision = predicted places that match at least one gold place
  Each found gold place is paired with its best predicted place (name match first,
  then most overlapping mentions); the pairs give:
  <=1/25/161 km   share of pairs within that distance (gold countries and gold
                  entries marked "historical" or "no_distance" are left out)
  country ok      gold countries: the predicted country_code is the gold one
  claimed ok      the location is right at the precision the pipeline claims:
                  distance <= max(uncertainty_m, floor for the claimed precision:
                  point 1 km, district 10 km, city 50 km, region 500 km,
                  country 1500 km); gold countries use "country ok" instead
  false precision predicted precision point/district but more than 5 km from gold
                  (listed by name)

Incidents
  A predicted incident matches a gold incident when
    * the types are equal,
    * the places agree: same name (as for places), or both have coordinates, are
      within 25 km and in the same precision class (point and district are one
      class "local"; city; region; country) -- except that a city-precision answer
      agrees with a local gold site inside its own uncertainty radius (right at the
      precision it claims), and
    * the evidence agrees: the gold evidence string is inside the predicted
      evidence text, or the predicted [start, end) overlaps the sentence that
      contains the gold evidence.
  Matching is one-to-one and greedy: all admissible pairs are sorted (name match
  first, then exact evidence containment, then closeness of offsets) and taken
  while both sides are free. Reported: P/R/F1 overall and per type, plus agreement
  on status / date / fatalities among matched pairs where the gold value is set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from incidentmap.geo import haversine_m
from incidentmap.models import Kind, Precision, Status

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEVSET = ROOT / "data" / "devset"

PRECISIONS = tuple(p.value for p in Precision)
KINDS = tuple(k.value for k in Kind)
STATUSES = tuple(s.value for s in Status)
DISTANCE_THRESHOLDS_KM = (1, 25, 161)
# The smallest error a claim of this precision is allowed (the claimed uncertainty may widen it).
PRECISION_FLOOR_KM = {"point": 1.0, "district": 10.0, "city": 50.0, "region": 500.0, "country": 1500.0}
DEFAULT_FLOOR_KM = 50.0
FALSE_PRECISION_KM = 5.0
INCIDENT_PLACE_KM = 25.0
PRECISION_CLASS = {"point": "local", "district": "local", "city": "city", "region": "region", "country": "country"}


AnalyzeFn = Callable[..., Any]


# --------------------------------------------------------------------------- text helpers


def norm_name(s: str | None) -> str:
    """Case-, accent-, dash- and leading-"the"-insensitive form of a place name."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\s\-\u2010-\u2015]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s


def _is_proper(surface: str) -> bool:
    """'the Defence Ministry' and 'Khartoum airport' are names; 'the capital' is not."""
    s = re.sub(r"^(the|The)\s+", "", surface.strip())
    return bool(s) and s[0].isupper()


_ABBREVIATIONS = {
    "gov", "gen", "lt", "col", "maj", "capt", "sgt", "mr", "mrs", "ms", "dr", "st", "sen", "rep", "prof",
    "jr", "sr", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.n", "u.k", "a.m", "p.m", "e.g", "i.e", "inc", "co", "corp", "ltd", "mt", "ft",
}
_TERMINATOR = re.compile(r"[.!?]+[\"\u201d\u2019')\]]*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end), whitespace-trimmed. Deliberately simple.

    A sentence ends at a newline, or at ./!/? (plus closing quotes) followed by
    whitespace and an upper-case letter or opening quote, or directly followed by an
    upper-case letter after a lower-case word ("vehicles.A curfew"). Common
    abbreviations ("Gov.", "Dec.", "U.S.", "p.m.") and initials do not end sentences.
    """
    cuts: set[int] = {0, len(text)}
    for m in re.finditer(r"\n", text):
        cuts.add(m.start())
        cuts.add(m.end())
    for m in _TERMINATOR.finditer(text):
        end = m.end()
        before = re.search(r"[\w.]*$", text[: m.start()]).group(0)
        token = before.rstrip(".").lower()
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or re.fullmatch(r"(\w\.)+\w", token):
            continue
        if end >= len(text):
            cuts.add(end)
            continue
        nxt = text[end]
        if nxt.isspace():
            rest = text[end:].lstrip()
            if not rest or rest[0].isupper() or rest[0] in "\"\u201c\u2018'(":
                cuts.add(end)
        elif nxt.isupper() and len(token) >= 2 and token.isalpha() and token.islower():
            cuts.add(end)
    points = sorted(cuts)
    spans = []
    for a, b in zip(points, points[1:]):
        chunk = text[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((a + lead, a + lead + len(stripped)))
    return spans


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return haversine_m(lat1, lon1, lat2, lon2) / 1000.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if (p + r) else 0.0


def _as_float(x: Any) -> float | None:
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _date_str(d: Any) -> str | None:
    if d is None or d == "":
        return None
    if hasattr(d, "isoformat"):
        return d.isoformat()[:10]
    return str(d)[:10]


# --------------------------------------------------------------------------- gold


@dataclass
class GoldArticle:
    id: str
    path: Path
    text: str
    published: dt.date | None
    data: dict
    places: list[dict]
    incidents: list[dict]
    place_spans: list[list[tuple[int, int]]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def place_index(self, name: str) -> int | None:
        key = norm_name(name)
        for i, p in enumerate(self.places):
            if norm_name(p.get("name")) == key:
                return i
        return None


def gold_place_spans(text: str, places: list[dict]) -> list[list[tuple[int, int]]]:
    """Where each gold place is mentioned: every occurrence of its mention/aliases.

    Case-insensitive, on word boundaries, longest surface first; a span already
    claimed by a longer surface (of any place) is not claimed again.
    """
    surfaces: list[tuple[str, int]] = []
    for i, p in enumerate(places):
        seen = set()
        for s in [p.get("mention", ""), *p.get("aliases", [])]:
            if s and s.casefold() not in seen:
                seen.add(s.casefold())
                surfaces.append((s, i))
    surfaces.sort(key=lambda si: (-len(si[0]), si[1]))
    claimed: list[tuple[int, int]] = []
    spans: list[list[tuple[int, int]]] = [[] for _ in places]
    for s, i in surfaces:
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text, re.IGNORECASE):
            span = m.span()
            if any(_overlaps(span, c) for c in claimed):
                continue
            claimed.append(span)
            spans[i].append(span)
    for s in spans:
        s.sort()
    return spans


def gold_names(place: dict) -> set[str]:
    names = {norm_name(place.get("name"))}
    names.update(norm_name(n) for n in place.get("alt_names", []))
    for s in [place.get("mention", ""), *place.get("aliases", [])]:
        if s and _is_proper(s):
            names.add(norm_name(s))
    names.discard("")
    return names


def _gold_has_coords(place: dict) -> bool:
    if place.get("historical") or place.get("no_distance"):
        return False
    return _as_float(place.get("lat")) is not None and _as_float(place.get("lon")) is not None


def load_article(json_path: Path) -> GoldArticle:
    data = json.loads(json_path.read_text(encoding="utf-8"))
    text = json_path.with_suffix(".txt").read_text(encoding="utf-8")
    published = None
    if data.get("published"):
        try:
            published = dt.date.fromisoformat(data["published"])
        except ValueError:
            published = None
    places = list(data.get("places", []))
    art = GoldArticle(
        id=data.get("id") or json_path.stem,
        path=json_path,
        text=text,
        published=published,
        data=data,
        places=places,
        incidents=list(data.get("incidents", [])),
    )
    art.place_spans = gold_place_spans(text, places)
    art.sentences = split_sentences(text)
    return art


def load_devset(devset: Path, only: Iterable[str] | None = None) -> list[GoldArticle]:
    wanted = set(only or [])
    arts = []
    for p in sorted(devset.glob("*.json")):
        if wanted and p.stem not in wanted:
            continue
        if not p.with_suffix(".txt").exists():
            continue
        arts.append(load_article(p))
    return arts


def taxonomy_slugs() -> set[str]:
    from incidentmap.taxonomy import incident_types

    return set(incident_types())


def evidence_span(art: GoldArticle, evidence: str) -> tuple[int, int] | None:
    i = art.text.find(evidence) if evidence else -1
    return (i, i + len(evidence)) if i >= 0 else None


def evidence_sentence(art: GoldArticle, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence(s) the evidence span lies in."""
    hit = [s for s in art.sentences if _overlaps(s, span)]
    if not hit:
        return span
    return (min(s[0] for s in hit), max(s[1] for s in hit))


def check_article(art: GoldArticle) -> list[str]:
    """Problems with one gold file (empty list = fine)."""
    out: list[str] = []
    d = art.data
    pre = f"{art.id}:"
    if d.get("id") != art.path.stem:
        out.append(f"{pre} id {d.get('id')!r} differs from file name")
    if art.published is None:
        out.append(f"{pre} 'published' missing or not YYYY-MM-DD")
    for key in ("country_code", "focus"):
        if not d.get(key):
            out.append(f"{pre} '{key}' missing")
    if d.get("focus") and art.place_index(d["focus"]) is None:
        out.append(f"{pre} focus {d['focus']!r} is not one of the places")
    seen_names = set()
    for i, p in enumerate(art.places):
        name = p.get("name", "")
        where = f"{pre} place {name!r}:"
        if norm_name(name) in seen_names:
            out.append(f"{where} listed twice")
        seen_names.add(norm_name(name))
        if p.get("kind") not in KINDS:
            out.append(f"{where} kind {p.get('kind')!r} not in {KINDS}")
        if p.get("precision") not in PRECISIONS:
            out.append(f"{where} precision {p.get('precision')!r} not in {PRECISIONS}")
        lat, lon = _as_float(p.get("lat")), _as_float(p.get("lon"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            out.append(f"{where} bad lat/lon")
        cc = p.get("country_code")
        if not (isinstance(cc, str) and re.fullmatch(r"[A-Z]{2}", cc)):
            out.append(f"{where} country_code {cc!r} is not two capital letters")
        mention = p.get("mention", "")
        if not mention or mention not in art.text:
            out.append(f"{where} mention {mention!r} does not occur verbatim in the text")
        for a in p.get("aliases", []):
            if not re.search(r"(?<!\w)" + re.escape(a) + r"(?!\w)", art.text, re.IGNORECASE):
                out.append(f"{where} alias {a!r} does not occur in the text")
        if not art.place_spans[i]:
            out.append(f"{where} no mention span left (all claimed by longer mentions of other places)")
    slugs = taxonomy_slugs()
    keys = set()
    for j, inc in enumerate(art.incidents):
        where = f"{pre} incident {j} ({inc.get('type')} @ {inc.get('place')}):"
        if slugs and inc.get("type") not in slugs:
            out.append(f"{where} unknown type")
        if art.place_index(inc.get("place", "")) is None:
            out.append(f"{where} place is not one of the places")
        ev = inc.get("evidence", "")
        span = evidence_span(art, ev)
        if span is None:
            out.append(f"{where} evidence {ev!r} not in the text")
        elif art.text.find(ev, span[0] + 1) >= 0:
            out.append(f"{where} evidence {ev!r} occurs more than once; make it longer")
        if inc.get("status") not in STATUSES:
            out.append(f"{where} status {inc.get('status')!r} not in {STATUSES}")
        date = inc.get("date")
        if date is not None:
            try:
                dt.date.fromisoformat(date)
            except (TypeError, ValueError):
                out.append(f"{where} date {date!r} is not YYYY-MM-DD or null")
        fat = inc.get("fatalities")
        if fat is not None and not (isinstance(fat, int) and not isinstance(fat, bool) and fat >= 0):
            out.append(f"{where} fatalities {fat!r} is not a non-negative int or null")
        if span is not None:
            key = (evidence_sentence(art, span), inc.get("type"), norm_name(inc.get("place")))
            if key in keys:
                out.append(f"{where} same type and place twice in one sentence")
            keys.add(key)
    return out


# --------------------------------------------------------------------------- predictions


def _mentions(place: Any) -> list[tuple[int, int]]:
    out = []
    for m in getattr(place, "mentions", None) or []:
        s, e = getattr(m, "start", None), getattr(m, "end", None)
        if isinstance(s, int) and isinstance(e, int) and e > s:
            out.append((s, e))
    return out


def _pred_coords(place: Any) -> tuple[float, float] | None:
    lat, lon = _as_float(getattr(place, "lat", None)), _as_float(getattr(place, "lon", None))
    return (lat, lon) if lat is not None and lon is not None else None


def _distance(pred_place: Any, gold_place: dict) -> float | None:
    pc = _pred_coords(pred_place)
    if pc is None or not _gold_has_coords(gold_place):
        return None
    return haversine_km(pc[0], pc[1], float(gold_place["lat"]), float(gold_place["lon"]))


def _tolerance_km(pred_place: Any) -> float:
    floor = PRECISION_FLOOR_KM.get(getattr(pred_place, "precision", None), DEFAULT_FLOOR_KM)
    unc = _as_float(getattr(pred_place, "uncertainty_m", None))
    return max(floor, unc / 1000.0) if unc is not None else floor


def _place_label(place: Any) -> str:
    return f"{getattr(place, 'name', '?')} [{getattr(place, 'precision', '?')}]"


# --------------------------------------------------------------------------- place scoring


def score_places(art: GoldArticle, pred_places: list[Any]) -> dict:
    names = [gold_names(g) for g in art.places]
    pred_spans = [_mentions(p) for p in pred_places]
    pred_names = [norm_name(getattr(p, "name", "")) for p in pred_places]

    def match(pi: int, gi: int) -> tuple[bool, int]:
        overlap = sum(1 for gs in art.place_spans[gi] if any(_overlaps(gs, ps) for ps in pred_spans[pi]))
        return (pred_names[pi] in names[gi], overlap)

    table = [[match(pi, gi) for gi in range(len(art.places))] for pi in range(len(pred_places))]
    pred_ok = [any(nm or ov for nm, ov in row) for row in table]

    within = {k: 0 for k in DISTANCE_THRESHOLDS_KM}
    n_dist = n_country = country_ok = n_claimed = claimed_ok = 0
    false_precision: list[dict] = []
    details: list[dict] = []
    found = 0
    for gi, g in enumerate(art.places):
        cands = [(table[pi][gi], pi) for pi in range(len(pred_places)) if table[pi][gi][0] or table[pi][gi][1]]
        row = {"gold": g.get("name"), "kind": g.get("kind"), "found": bool(cands)}
        details.append(row)
        if not cands:
            continue
        found += 1
        (_, _), best = max(cands, key=lambda c: (c[0][0], c[0][1], -c[1]))
        p = pred_places[best]
        d = _distance(p, g)
        row.update(
            pred=getattr(p, "name", None),
            pred_precision=getattr(p, "precision", None),
            pred_country_code=getattr(p, "country_code", None),
            km=None if d is None else round(d, 2),
        )
        if g.get("historical"):
            continue
        if g.get("kind") == "country":
            n_country += 1
            ok = str(getattr(p, "country_code", "") or "").upper() == str(g.get("country_code", "")).upper()
            country_ok += ok
            row["country_ok"] = ok
        elif d is not None:
            n_dist += 1
            for k in DISTANCE_THRESHOLDS_KM:
                within[k] += d <= k
            n_claimed += 1
            ok = d <= _tolerance_km(p)
            claimed_ok += ok
            row["claimed_ok"] = ok
        if d is not None and getattr(p, "precision", None) in ("point", "district") and d > FALSE_PRECISION_KM:
            false_precision.append(
                {"pred": getattr(p, "name", None), "precision": getattr(p, "precision", None),
                 "gold": g.get("name"), "km": round(d, 1)}
            )
    n_pred_ok = sum(pred_ok)
    return {
        "gold": len(art.places),
        "predicted": len(pred_places),
        "found": found,
        "predicted_matching": n_pred_ok,
        "recall": _ratio(found, len(art.places)),
        "precision": _ratio(n_pred_ok, len(pred_places)),
        "distance_pairs": n_dist,
        "within_km": {str(k): within[k] for k in DISTANCE_THRESHOLDS_KM},
        "country_pairs": n_country,
        "country_ok": country_ok,
        "claimed_pairs": n_claimed + n_country,
        "claimed_ok": claimed_ok + country_ok,
        "false_precision": false_precision,
        "unmatched_predicted": [_place_label(p) for p, ok in zip(pred_places, pred_ok) if not ok],
        "details": details,
    }


# --------------------------------------------------------------------------- incident scoring


def _place_agrees(pred_place: Any, gold_place: dict | None) -> tuple[bool, bool]:
    """(agrees, by_name)."""
    if pred_place is None or gold_place is None:
        return (False, False)
    if norm_name(getattr(pred_place, "name", "")) in gold_names(gold_place):
        return (True, True)
    d = _distance(pred_place, gold_place)
    if d is None or d > INCIDENT_PLACE_KM:
        return (False, False)
    pred_class = PRECISION_CLASS.get(getattr(pred_place, "precision", None))
    gold_class = PRECISION_CLASS.get(gold_place.get("precision"))
    if pred_class == "city" and gold_class == "local":
        # A city-precision answer for a site inside its own radius is right at the precision it claims
        # (the place figures still score the site itself).
        radius_km = (getattr(pred_place, "uncertainty_m", None) or 0) / 1000.0
        return (d <= radius_km, False)
    return (pred_class == gold_class, False)


def _pred_span(inc: Any, text_len: int) -> tuple[int, int] | None:
    s, e = getattr(inc, "start", None), getattr(inc, "end", None)
    if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= text_len:
        return (s, e)
    return None


def score_incidents(art: GoldArticle, pred_incidents: list[Any]) -> dict:
    golds = []
    for g in art.incidents:
        gi = art.place_index(g.get("place", ""))
        span = evidence_span(art, g.get("evidence", ""))
        golds.append(
            {
                "g": g,
                "place": art.places[gi] if gi is not None else None,
                "span": span,
                "sentence": evidence_sentence(art, span) if span else None,
            }
        )

    pairs = []
    for gi, G in enumerate(golds):
        g = G["g"]
        for pi, p in enumerate(pred_incidents):
            if getattr(p, "incident_type", None) != g.get("type"):
                continue
            ok_place, by_name = _place_agrees(getattr(p, "place", None), G["place"])
            if not ok_place:
                continue
            ev_text = getattr(p, "evidence", "") or ""
            in_text = bool(g.get("evidence")) and g["evidence"] in ev_text
            ps = _pred_span(p, len(art.text))
            in_span = bool(ps and G["span"] and ps[0] <= G["span"][0] and G["span"][1] <= ps[1])
            in_sentence = bool(ps and G["sentence"] and _overlaps(ps, G["sentence"]))
            if not (in_text or in_sentence):
                continue
            gap = abs(ps[0] - G["span"][0]) if ps and G["span"] else 10**9
            pairs.append(((by_name, in_text or in_span, -gap), gi, pi))
    pairs.sort(key=lambda x: (x[0], -x[1], -x[2]), reverse=True)
    g_used: dict[int, int] = {}
    p_used: set[int] = set()
    for _, gi, pi in pairs:
        if gi in g_used or pi in p_used:
            continue
        g_used[gi] = pi
        p_used.add(pi)

    types = sorted(
        {g.get("type") for g in art.incidents} | {getattr(p, "incident_type", None) for p in pred_incidents}, key=str
    )
    by_type = {}
    for t in types:
        ng = sum(1 for g in art.incidents if g.get("type") == t)
        npred = sum(1 for p in pred_incidents if getattr(p, "incident_type", None) == t)
        tp = sum(1 for gi in g_used if art.incidents[gi].get("type") == t)
        by_type[str(t)] = {"gold": ng, "predicted": npred, "tp": tp}

    attrs = {"status": [0, 0], "date": [0, 0], "fatalities": [0, 0]}
    for gi, pi in g_used.items():
        g, p = art.incidents[gi], pred_incidents[pi]
        attrs["status"][1] += 1
        attrs["status"][0] += (getattr(p, "status", "reported") or "reported") == g.get("status", "reported")
        if g.get("date"):
            attrs["date"][1] += 1
            attrs["date"][0] += _date_str(getattr(p, "date", None)) == g["date"]
        if g.get("fatalities") is not None:
            attrs["fatalities"][1] += 1
            attrs["fatalities"][0] += getattr(p, "fatalities", None) == g["fatalities"]

    tp = len(g_used)
    P, R = _ratio(tp, len(pred_incidents)), _ratio(tp, len(art.incidents))
    return {
        "gold": len(art.incidents),
        "predicted": len(pred_incidents),
        "tp": tp,
        "precision": P,
        "recall": R,
        "f1": _f1(P, R),
        "by_type": by_type,
        "attributes": {k: {"correct": v[0], "of": v[1]} for k, v in attrs.items()},
        "matches": [[gi, pi] for gi, pi in sorted(g_used.items())],
        "missed": [
            f"{g.get('type')} @ {g.get('place')}: {g.get('evidence')!r}"
            for gi, g in enumerate(art.incidents) if gi not in g_used
        ],
        "spurious": [
            f"{getattr(p, 'incident_type', None)} @ {getattr(getattr(p, 'place', None), 'name', None)}: "
            f"{(getattr(p, 'evidence', '') or '')[:90]!r}"
            for pi, p in enumerate(pred_incidents) if pi not in p_used
        ],
    }


# --------------------------------------------------------------------------- running


def _default_analyze() -> AnalyzeFn:
    from incidentmap import pipeline  # imported late so tests can monkeypatch pipeline.analyze

    return pipeline.analyze


def evaluate_article(art: GoldArticle, analyze: AnalyzeFn) -> dict:
    error = None
    places: list[Any] = []
    incidents: list[Any] = []
    t0 = time.perf_counter()
    try:
        result = analyze(art.text, published=art.published, geocoder="offline")
        places = list(getattr(result, "places", None) or [])
        incidents = list(getattr(result, "incidents", None) or [])
    except Exception as exc:  # a report, not a crash: score as empty and show the error
        error = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - t0
    return {
        "id": art.id,
        "error": error,
        "seconds": round(seconds, 3),
        "places": score_places(art, places),
        "incidents": score_incidents(art, incidents),
    }


def _total(articles: list[dict]) -> dict:
    pl = {k: sum(a["places"][k] for a in articles) for k in
          ("gold", "predicted", "found", "predicted_matching", "distance_pairs", "country_pairs",
           "country_ok", "claimed_pairs", "claimed_ok")}
    pl["within_km"] = {str(k): sum(a["places"]["within_km"][str(k)] for a in articles) for k in DISTANCE_THRESHOLDS_KM}
    pl["recall"] = _ratio(pl["found"], pl["gold"])
    pl["precision"] = _ratio(pl["predicted_matching"], pl["predicted"])
    pl["false_precision"] = [dict(fp, article=a["id"]) for a in articles for fp in a["places"]["false_precision"]]
    inc = {k: sum(a["incidents"][k] for a in articles) for k in ("gold", "predicted", "tp")}
    inc["precision"] = _ratio(inc["tp"], inc["predicted"])
    inc["recall"] = _ratio(inc["tp"], inc["gold"])
    inc["f1"] = _f1(inc["precision"], inc["recall"])
    by_type: dict[str, dict] = {}
    for a in articles:
        for t, v in a["incidents"]["by_type"].items():
            acc = by_type.setdefault(t, {"gold": 0, "predicted": 0, "tp": 0})
            for k in acc:
                acc[k] += v[k]
    for v in by_type.values():
        v["precision"] = _ratio(v["tp"], v["predicted"])
        v["recall"] = _ratio(v["tp"], v["gold"])
    inc["by_type"] = dict(sorted(by_type.items()))
    inc["attributes"] = {
        k: {
            "correct": sum(a["incidents"]["attributes"][k]["correct"] for a in articles),
            "of": sum(a["incidents"]["attributes"][k]["of"] for a in articles),
        }
        for k in ("status", "date", "fatalities")
    }
    return {
        "articles": len(articles),
        "errors": sum(1 for a in articles if a["error"]),
        "seconds": round(sum(a["seconds"] for a in articles), 3),
        "places": pl,
        "incidents": inc,
    }


def evaluate_devset(devset: Path = DEFAULT_DEVSET, analyze: AnalyzeFn | None = None,
                    only: Iterable[str] | None = None) -> dict:
    arts = load_devset(devset, only)
    problems = [p for a in arts for p in check_article(a)]
    if analyze is None:
        try:
            analyze = _default_analyze()
        except Exception as exc:  # the pipeline does not import: still a report
            message = f"{type(exc).__name__}: {exc}"

            def analyze(*_a, **_k):  # noqa: E306
                raise RuntimeError(f"cannot import incidentmap.pipeline.analyze ({message})")

    results = [evaluate_article(a, analyze) for a in arts]
    return {"devset": str(devset), "gold_problems": problems, "articles": results, "total": _total(results)}


# --------------------------------------------------------------------------- report


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def _frac(n: int, d: int) -> str:
    return f"{n}/{d}" if d else "-"


def _place_line(pl: dict) -> str:
    km = "  ".join(f"<={k}km {_frac(pl['within_km'][str(k)], pl['distance_pairs'])}" for k in DISTANCE_THRESHOLDS_KM)
    return (
        f"places    P {_pct(pl['precision'])}  R {_pct(pl['recall'])}  "
        f"(found {pl['found']}/{pl['gold']}, predicted ok {pl['predicted_matching']}/{pl['predicted']})  "
        f"{km}  countries {_frac(pl['country_ok'], pl['country_pairs'])}  "
        f"claimed-precision ok {_frac(pl['claimed_ok'], pl['claimed_pairs'])}  "
        f"false precision {len(pl['false_precision'])}"
    )


def _incident_line(inc: dict) -> str:
    return (
        f"incidents P {_pct(inc['precision'])}  R {_pct(inc['recall'])}  F1 {_pct(inc['f1'])}  "
        f"(tp {inc['tp']}, predicted {inc['predicted']}, gold {inc['gold']})"
    )


def format_report(summary: dict, verbose: bool = False) -> str:
    lines = [f"Incident Map dev-set evaluation: {summary['devset']}"]
    if summary["gold_problems"]:
        lines.append(f"GOLD PROBLEMS ({len(summary['gold_problems'])}):")
        lines += [f"  {p}" for p in summary["gold_problems"]]
    lines.append("")
    for a in summary["articles"]:
        lines.append(f"== {a['id']}  ({a['seconds']:.2f}s)" + (f"  ERROR {a['error']}" if a["error"] else ""))
        lines.append("  " + _place_line(a["places"]))
        lines.append("  " + _incident_line(a["incidents"]))
        for fp in a["places"]["false_precision"]:
            lines.append(f"    false precision: {fp['pred']} ({fp['precision']}) is {fp['km']} km from {fp['gold']}")
        if verbose:
            for d in a["places"]["details"]:
                if not d["found"]:
                    lines.append(f"    missed place: {d['gold']} ({d['kind']})")
            for s in a["places"]["unmatched_predicted"]:
                lines.append(f"    spurious place: {s}")
            for s in a["incidents"]["missed"]:
                lines.append(f"    missed incident: {s}")
            for s in a["incidents"]["spurious"]:
                lines.append(f"    spurious incident: {s}")
    t = summary["total"]
    lines += ["", f"== TOTAL  {t['articles']} articles, {t['errors']} with errors, {t['seconds']:.2f}s"]
    lines.append("  " + _place_line(t["places"]))
    lines.append("  " + _incident_line(t["incidents"]))
    attrs = t["incidents"]["attributes"]
    lines.append(
        "  matched incidents: "
        + "  ".join(f"{k} {_frac(v['correct'], v['of'])}" for k, v in attrs.items())
    )
    lines.append("")
    lines.append(f"  {'type':<18}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>9}{'R':>9}")
    for ty, v in t["incidents"]["by_type"].items():
        lines.append(
            f"  {ty:<18}{v['gold']:>6}{v['predicted']:>6}{v['tp']:>6}  {_pct(v['precision'])}  {_pct(v['recall'])}"
        )
    if t["places"]["false_precision"]:
        lines.append("")
        lines.append("  false precision (point/district claimed, > 5 km off):")
        for fp in t["places"]["false_precision"]:
            lines.append(f"    {fp['article']}: {fp['pred']} ({fp['precision']}) {fp['km']} km from {fp['gold']}")
    return "\n".join(lines)


def _json_ready(summary: dict) -> dict:
    def clean(x):
        if isinstance(x, float):
            return round(x, 4)
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items()}
        if isinstance(x, list):
            return [clean(v) for v in x]
        return x

    return clean(summary)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="directory of <id>.txt + <id>.json")
    ap.add_argument("--json", action="store_true", help="print a machine-readable summary")
    ap.add_argument("--verbose", "-v", action="store_true", help="list missed and spurious places/incidents")
    ap.add_argument("--article", action="append", metavar="ID", help="only this article (repeatable)")
    ap.add_argument("--check", action="store_true", help="only validate the gold files (exit 1 on problems)")
    args = ap.parse_args(argv)

    if not args.devset.is_dir():
        print(f"dev set directory not found: {args.devset}", file=sys.stderr)
        return 2
    if args.check:
        arts = load_devset(args.devset, args.article)
        problems = [p for a in arts for p in check_article(a)]
        for p in problems:
            print(p)
        n_pl = sum(len(a.places) for a in arts)
        n_in = sum(len(a.incidents) for a in arts)
        print(f"{len(arts)} articles, {n_pl} places, {n_in} incidents, {len(problems)} problems")
        return 1 if problems else 0
    if not any(args.devset.glob("*.json")):
        print(f"no gold files (*.json) in {args.devset}", file=sys.stderr)
        return 2
    summary = evaluate_devset(args.devset, only=args.article)
    out = (
        json.dumps(_json_ready(summary), indent=2, ensure_ascii=False)
        if args.json
        else format_report(summary, verbose=args.verbose)
    )
    try:
        print(out)
    except BrokenPipeError:  # e.g. piped into `head`
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
