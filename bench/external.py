"""Score the geoparser on public annotated corpora that nobody here wrote (LGL, TR-News, …).

    python -m bench.external CORPUS.xml [CORPUS.xml …] [--limit N] [--errors FILE.jsonl]
    make eval-external CORPUS="path/lgl.xml path/TR-News.xml"

The corpora are others' data (GPL-3.0): they are read at run time from the paths given and never
copied into this project. With no path the script says so and exits 0 (nothing to score).

Corpus format (Gritta et al.'s XML, as in milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation):
``<article><text>…</text><toponyms><toponym><start/><end/><phrase/><gaztag geonameid=…>
<lat/><lon/></gaztag></toponym>…`` — character offsets into the article text.

Some offsets do not index their phrase: in 19 TR-News articles they drift by a character or more after some
point of the text (117 of 1,319 toponyms), so a gold span can overlap the neighbouring word or another
place. Such a span is re-aligned to the occurrence of its ``<phrase>`` nearest the given offset, within
:data:`MAX_DRIFT` characters (left as given when there is none); the figures line says how many were.

What is scored, end to end through :func:`incidentmap.pipeline.analyze` (offline gazetteer):

* **Recognition**: every mention of every place we return against every gold toponym. A predicted and a
  gold span match when they overlap; matching is one-to-one (largest overlap first). Precision, recall, F1.
* **Resolution**, over matched pairs whose gold toponym has coordinates: the great-circle error of our
  point; accuracy within 161 / 25 / 1 km, mean and median error, and the AUC of the log error (Gritta,
  Pilehvar and Collier 2019: errors sorted, ln(1 + km) normalised by ln of half the Earth's circumference,
  trapezoid area; 0 is perfect, 1 is always antipodal).
* Generic references ("the city", "the capital", "the airport"), which the pipeline resolves against the
  article's focus and flags ``generic`` on the mention, are toponyms for neither corpus: not scored.
* **Honesty**: of the matched pairs, how often our claimed ``uncertainty_m`` covers the gold point.
* Demonyms and adjectives ("Russian", "Sri Lankan"), which both corpora mark and we leave out by design, are
  also counted apart (approximately: see :func:`is_adjectival`), with P/R/F1 recomputed without them.

``--errors FILE`` writes one JSON line per recognition or resolution error (outside the project: the
lines quote the corpus) for studying failures by class.
"""

from __future__ import annotations

import argparse
import json
import functools
import math
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from bench.runner import score_files
from incidentmap.geo import haversine_m

HALF_EARTH_KM = 20_039.0  # the largest possible great-circle error: the AUC's normaliser
ACCURACY_KM = (161.0, 25.0, 1.0)
MAX_DRIFT = 300  # characters: the largest offset drift seen in a corpus article is well under this


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None
    geonameid: str


@dataclass(frozen=True, slots=True)
class Article:
    docid: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    realigned: int = 0  # gold spans whose offsets did not index their phrase, moved to it (see the docstring)


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    text: str
    name: str
    lat: float
    lon: float
    uncertainty_m: float
    precision: str
    kind: str
    key: str
    geonameid: int | None = None


@dataclass(slots=True)
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    errors_km: list[float] = field(default_factory=list)
    covered: int = 0  # matched pairs whose claimed uncertainty radius covers the gold point
    articles: int = 0
    seconds: float = 0.0
    # Gold toponyms that are demonyms or adjectives ("Russian", "Sri Lankan"): out of our scope by design.
    adjectival_gold: int = 0
    adjectival_matched: int = 0
    realigned_gold: int = 0

    def add(self, other: Score) -> None:
        self.realigned_gold += other.realigned_gold
        self.adjectival_gold += other.adjectival_gold
        self.adjectival_matched += other.adjectival_matched
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.errors_km += other.errors_km
        self.covered += other.covered
        self.articles += other.articles
        self.seconds += other.seconds


def _float(node: ET.Element | None) -> float | None:
    if node is None or node.text is None:
        return None
    try:
        value = float(node.text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_corpus(path: Path) -> list[Article]:
    """Articles with their gold toponyms; toponyms whose offsets do not index the text are dropped."""
    root = ET.parse(path).getroot()
    out = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        realigned = 0
        for t in art.iter("toponym"):
            try:
                start, end = int(t.findtext("start") or ""), int(t.findtext("end") or "")
            except ValueError:
                continue
            phrase = t.findtext("phrase")
            if phrase and text[max(start, 0):max(end, 0)] != phrase:
                moved = _nearest(text, phrase, start)
                if moved is not None:
                    start, end = moved, moved + len(phrase)
                    realigned += 1
            if not 0 <= start < end <= len(text):
                continue
            tag = t.find("gaztag")
            lat = _float(tag.find("lat")) if tag is not None else None
            lon = _float(tag.find("lon")) if tag is not None else None
            tops.append(GoldToponym(start, end, t.findtext("phrase") or text[start:end], lat, lon,
                                    tag.get("geonameid", "") if tag is not None else ""))
        out.append(Article(art.get("docid", str(len(out))), text, tuple(tops), realigned))
    return out


def _nearest(text: str, phrase: str, offset: int) -> int | None:
    """Start of the occurrence of ``phrase`` nearest ``offset``, within :data:`MAX_DRIFT` characters."""
    lo = max(0, offset - MAX_DRIFT)
    hi = min(len(text), offset + MAX_DRIFT + len(phrase))
    starts, i = [], text.find(phrase, lo, hi)
    while i >= 0:
        starts.append(i)
        i = text.find(phrase, i + 1, hi)
    return min(starts, key=lambda i: (abs(i - offset), i)) if starts else None


def predict(text: str) -> list[Predicted]:
    from incidentmap.pipeline import analyze

    analysis = analyze(text)
    # Generic references ("the city", "the capital") resolve to a place for the reader but name none: the
    # corpora annotate toponyms only, so they are not scored (the pipeline flags them, it does not drop them).
    return [Predicted(m.start, m.end, m.text, p.name, p.lat, p.lon, p.uncertainty_m, str(p.precision),
                      str(p.kind), p.key, p.geonameid or None)
            for p in analysis.places for m in p.mentions if not m.generic]


def match(gold: tuple[GoldToponym, ...], pred: list[Predicted]) -> list[tuple[GoldToponym, Predicted]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    pairs = []
    for g in gold:
        for p in pred:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((overlap, g.start, p.start, g, p))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _overlap, _gs, _ps, g, p in pairs:
        if id(g) in used_g or id(p) in used_p:
            continue
        used_g.add(id(g))
        used_p.add(id(p))
        out.append((g, p))
    return out


# A demonym or adjective of a place ("Russian", "Palestinians", "Sri Lankan", "Sudanese", "Turkish", "Iraqi",
# "Ohioans"): approximate, by its ending and its first four letters, which must open the name of a country or
# a first-level region; only for words the gazetteer does not know as a name.
_ADJECTIVAL = re.compile(r"(?:[A-Z][a-z]+ )?([A-Z][a-z]+(?:ans?|ians?|eans?|ese|ish|is?|ch|ot|iots?))")


@functools.lru_cache(maxsize=1)
def _area_prefixes() -> frozenset[str]:
    from incidentmap.gazetteer import default_gazetteer, normalize
    from incidentmap.models import Kind

    gaz = default_gazetteer()
    return frozenset(normalize(c.name)[:4] for c in map(gaz.get, gaz.by_key)
                     if c is not None and c.kind in (Kind.COUNTRY, Kind.REGION))


def is_adjectival(phrase: str) -> bool:
    """A gold toponym written as a demonym or adjective, which the geoparser does not try to find."""
    from incidentmap.gazetteer import default_gazetteer, normalize

    m = _ADJECTIVAL.fullmatch(phrase)
    return bool(m) and m.group(1)[:4].casefold() in _area_prefixes() \
        and not default_gazetteer().lookup(normalize(phrase))


def score_article(art: Article, errors_out=None) -> Score:
    t0 = time.process_time()
    try:
        pred = predict(art.text)
    except Exception as exc:  # noqa: BLE001 - a refused text (empty, too long) scores as no prediction
        print(f"  {art.docid}: {type(exc).__name__}: {exc}", file=sys.stderr)
        pred = []
    s = Score(gold=len(art.toponyms), predicted=len(pred), articles=1, seconds=time.process_time() - t0,
              realigned_gold=art.realigned)
    pairs = match(art.toponyms, pred)
    s.matched = len(pairs)
    adjectival = {id(g) for g in art.toponyms if is_adjectival(g.phrase)}
    s.adjectival_gold = len(adjectival)
    s.adjectival_matched = sum(id(g) in adjectival for g, _ in pairs)
    for g, p in pairs:
        if g.lat is None or g.lon is None:
            continue
        err_m = haversine_m(g.lat, g.lon, p.lat, p.lon)
        s.errors_km.append(err_m / 1000.0)
        s.covered += err_m <= p.uncertainty_m
        if errors_out is not None and err_m > 161_000:
            _write_error(errors_out, "far", art, g, p, err_m / 1000.0)
    if errors_out is not None:
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g in art.toponyms:
            if id(g) not in matched_g:
                _write_error(errors_out, "missed", art, g, None, None)
        for p in pred:
            if id(p) not in matched_p:
                _write_error(errors_out, "spurious", art, None, p, None)
    return s


def _write_error(fh, kind: str, art: Article, g: GoldToponym | None, p: Predicted | None, km: float | None) -> None:
    span = g or p
    lo, hi = max(0, span.start - 60), min(len(art.text), span.end + 60)
    row = {"kind": kind, "docid": art.docid, "context": art.text[lo:hi].replace("\n", " ")}
    if g is not None:
        row["gold"] = {"phrase": g.phrase, "lat": g.lat, "lon": g.lon, "geonameid": g.geonameid}
    if p is not None:
        row["pred"] = {"text": p.text, "name": p.name, "key": p.key, "kind": p.kind, "precision": p.precision,
                       "lat": round(p.lat, 4), "lon": round(p.lon, 4), "uncertainty_km": round(p.uncertainty_m / 1000),
                     "geonameid": p.geonameid}
    if km is not None:
        row["km"] = round(km, 1)
    fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def auc_log_error(errors_km: list[float]) -> float | None:
    """Area under the sorted log-error curve, normalised to [0, 1] (Gritta et al. 2019)."""
    if len(errors_km) < 2:
        return None
    ys = [math.log(1.0 + e) / math.log(1.0 + HALF_EARTH_KM) for e in sorted(errors_km)]
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:]))
    return area / (len(ys) - 1)


def summary(s: Score) -> dict:
    p = s.matched / s.predicted if s.predicted else 0.0
    r = s.matched / s.gold if s.gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    e = s.errors_km
    out = {"articles": s.articles, "gold": s.gold, "realigned_gold": s.realigned_gold, "predicted": s.predicted,
           "matched": s.matched,
           "precision": p, "recall": r, "f1": f1, "resolved": len(e)}
    for km in ACCURACY_KM:
        out[f"acc@{km:g}"] = sum(x <= km for x in e) / len(e) if e else 0.0
    out["mean_km"] = statistics.fmean(e) if e else None
    out["median_km"] = statistics.median(e) if e else None
    out["auc"] = auc_log_error(e)
    out["radius_covers"] = s.covered / len(e) if e else None
    out["articles_per_s"] = s.articles / s.seconds if s.seconds else None
    # Recognition without the demonyms and adjectives ("Russian"), which we leave out by design.
    gold_np, matched_np = s.gold - s.adjectival_gold, s.matched - s.adjectival_matched
    predicted_np = s.predicted - s.adjectival_matched
    p_np = matched_np / predicted_np if predicted_np else 0.0
    r_np = matched_np / gold_np if gold_np else 0.0
    out.update({"adjectival_gold": s.adjectival_gold, "precision_no_adjectival": p_np, "recall_no_adjectival": r_np,
                "f1_no_adjectival": 2 * p_np * r_np / (p_np + r_np) if p_np + r_np else 0.0})
    return out


def _fmt(name: str, d: dict) -> str:
    def opt(v, f):
        return "–" if v is None else format(v, f)
    return (f"{name:<14} articles {d['articles']:>4}  gold {d['gold']:>5}  P {d['precision']:.3f}  "
            f"R {d['recall']:.3f}  F1 {d['f1']:.3f}  | resolved {d['resolved']:>5}  "
            f"acc@161 {d['acc@161']:.3f}  acc@25 {d['acc@25']:.3f}  acc@1 {d['acc@1']:.3f}  "
            f"mean {opt(d['mean_km'], '.0f')} km  median {opt(d['median_km'], '.1f')} km  "
            f"AUC {opt(d['auc'], '.3f')}  radius covers {opt(d['radius_covers'], '.3f')}  "
            f"({opt(d['articles_per_s'], '.0f')} articles/s)\n"
            f"{'':<14} without {d['adjectival_gold']} demonyms/adjectives (out of scope): "
            f"P {d['precision_no_adjectival']:.3f}  R {d['recall_no_adjectival']:.3f}  F1 {d['f1_no_adjectival']:.3f}"
            + (f"\n{'':<14} {d['realigned_gold']} gold spans whose offsets missed their phrase re-aligned to it"
               if d["realigned_gold"] else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="*", type=Path, help="corpus XML files (LGL, TR-News, …)")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N articles of each corpus")
    ap.add_argument("--errors", type=Path, help="write failures as JSON lines here (keep it outside the project)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args(argv)
    if not args.corpus:
        print("external benchmark: no corpus given, skipped (make eval-external CORPUS=\"path/lgl.xml …\")")
        return 0
    from incidentmap.gazetteer import default_gazetteer

    default_gazetteer()  # load once, outside the timed articles

    def score_one(path: Path, errors_out) -> dict:
        total = Score()
        for art in read_corpus(path)[:args.limit or None]:
            total.add(score_article(art, errors_out))
        return summary(total)

    score_files(args.corpus, score_one=score_one, show=lambda name, d: print(_fmt(name, d)), errors=args.errors,
                as_json=args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
