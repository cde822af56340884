"""Score the cross-article merge against the hand-annotated merge corpus (data/corpus_dev/).

    python -m bench.merge_eval [--corpus DIR] [--workers N] [--chunks N] [--verbose] [--check] [--json]

The corpus's articles (``articles.jsonl``) are ingested into a temporary store (the real ingest: pipeline, store, merge),
then each stored incident is matched to a gold row of ``gold.csv`` (format in data/corpus_dev/README.md):
same article (by URL), same incident type, and the gold ``evidence`` text inside the incident's
evidence sentence. Scored are *pairs* of matched incidents:

  precision = pairs the merge put in one event that gold puts in one event / pairs the merge put together
  recall    = pairs gold puts in one event that the merge put in one event / pairs gold puts together

over all pairs, and again over pairs from different articles only (duplicates across outlets, the point
of merging). A gold row with no incident counts against recall (its pairs are missed); an incident with no
gold row is listed (the corpus needs annotating) and left out. ``--check`` exits 1 when either happens.
Targets (issue 12): precision >= 0.90, recall >= 0.80. A report: exits 0 whatever the scores.

``--chunks N`` ingests the articles in N interleaved chunks, one after the other, each merged incrementally
into the events of those before (:func:`incidentmap.corpus.merge.merge_store`): the scores must be the
ones of ingesting them at once.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from incidentmap.corpus.ingest import ingest
from incidentmap.corpus.store import Store

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus_dev"
ARTICLES = "articles.jsonl"
GOLD_COLUMNS = ("article_url", "incident_type", "evidence", "event")


@dataclass(frozen=True, slots=True)
class GoldRow:
    article_url: str
    incident_type: str
    evidence: str
    event: str


def read_gold(path: Path) -> list[GoldRow]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in GOLD_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise SystemExit(f"{path}: missing column(s) {', '.join(missing)}")
        return [GoldRow(**{c: row[c].strip() for c in GOLD_COLUMNS}) for row in reader]


def _pairs(groups: dict[str, list[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for members in groups.values() for p in itertools.combinations(sorted(members), 2)}


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _ingest_in_chunks(articles: Path, db: Path, *, chunks: int, workers: int, tmp: Path):
    from incidentmap.corpus.merge import Incremental, merge_store

    lines = [line for line in articles.read_text(encoding="utf-8").splitlines() if line.strip()]
    report, skipped = None, []
    for k in range(chunks):
        path = tmp / f"chunk{k}.jsonl"
        path.write_text("".join(line + "\n" for line in lines[k::chunks]), encoding="utf-8")
        report = ingest([path], db=db, workers=workers, progress=False, merge=k == 0)
        skipped += report.skipped
        if k:
            with Store(db) as store:  # incremental however large the chunk (a speed threshold otherwise)
                report.events = merge_store(store, incremental=Incremental(max_new_share=1.0))
    report.skipped = skipped
    return report


def score(corpus: Path, *, workers: int = 1, chunks: int = 1) -> dict:
    gold = read_gold(corpus / "gold.csv")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "merge_eval.duckdb"
        if chunks > 1:
            report = _ingest_in_chunks(corpus / ARTICLES, db, chunks=chunks, workers=workers, tmp=Path(tmp))
        else:
            report = ingest([corpus / ARTICLES], db=db, workers=workers, progress=False)
        with Store(db, read_only=True) as store:
            urls = {a.id: a.url for a in store.articles()}
            incidents = store.incidents()
            event_of = {m.incident_id: eid for eid, ms in store.event_members().items() for m in ms}
    # Gold rows are matched one-to-one, first come first served, to incidents in text order.
    matched: dict[int, str] = {}  # gold row -> incident id
    unannotated = []
    for inc in incidents:
        hit = next((n for n, g in enumerate(gold) if n not in matched and g.article_url == urls.get(inc.article_id)
                    and g.incident_type == inc.incident_type and g.evidence in (inc.evidence or "")), None)
        if hit is None:
            unannotated.append(inc)
        else:
            matched[hit] = inc.id
    gold_article = {n: g.article_url for n, g in enumerate(gold)}
    ids = {n: matched.get(n, f"missing:{n}") for n in range(len(gold))}
    article_of = {ids[n]: gold_article[n] for n in ids}
    gold_groups: dict[str, list[str]] = {}
    for n, g in enumerate(gold):
        gold_groups.setdefault(g.event, []).append(ids[n])
    pred_groups: dict[str, list[str]] = {}
    for n in matched:
        pred_groups.setdefault(event_of[ids[n]], []).append(ids[n])
    gold_pairs, pred_pairs = _pairs(gold_groups), _pairs(pred_groups)

    def cross(pairs):
        return {p for p in pairs if len({article_of[i] for i in p}) == 2}

    out = {"articles": len(urls), "incidents": len(incidents), "events": report.events, "gold_rows": len(gold),
           "gold_events": len(gold_groups), "skipped": [s.file_name for s in report.skipped],
           "missing_gold_rows": [gold[n].__repr__() for n in range(len(gold)) if n not in matched],
           "unannotated": [f"{urls.get(i.article_id)} {i.incident_type}: {i.evidence}" for i in unannotated]}
    for name, g, p in (("all", gold_pairs, pred_pairs), ("cross_article", cross(gold_pairs), cross(pred_pairs))):
        both = len(g & p)
        prec, rec = _ratio(both, len(p)), _ratio(both, len(g))
        out[name] = {"gold_pairs": len(g), "merged_pairs": len(p), "correct": both, "precision": prec, "recall": rec,
                     "f1": 2 * prec * rec / (prec + rec) if prec and rec else None}
    label = {ids[n]: f"{g.article_url.rsplit('/', 1)[-1]} {g.incident_type} [{g.event}]" for n, g in enumerate(gold)}
    out["false_merges"] = sorted(" + ".join(sorted(label[i] for i in p)) for p in pred_pairs - gold_pairs)
    out["missed_merges"] = sorted(" + ".join(sorted(label[i] for i in p)) for p in gold_pairs - pred_pairs)
    return out


def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.merge_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--chunks", type=int, default=1, help="ingest the articles in this many chunks, one by one")
    parser.add_argument("--verbose", action="store_true", help="list the false and missed merges")
    parser.add_argument("--check", action="store_true", help="exit 1 if gold and incidents do not match up")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.corpus / "gold.csv").is_file():
        print(f"no gold.csv in {args.corpus}", file=sys.stderr)
        return 2
    result = score(args.corpus, workers=args.workers, chunks=args.chunks)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"Merge corpus {args.corpus}: {result['articles']} articles, {result['incidents']} incidents, "
              f"{result['events']} events (gold: {result['gold_events']} events)")
        for name in ("all", "cross_article"):
            r = result[name]
            print(f"  {name:13} pairs: precision {_fmt(r['precision'])}  recall {_fmt(r['recall'])}  "
                  f"F1 {_fmt(r['f1'])}   ({r['correct']} correct of {r['merged_pairs']} merged, "
                  f"{r['gold_pairs']} in gold)")
        for key in ("skipped", "missing_gold_rows", "unannotated"):
            if result[key]:
                print(f"  {key.replace('_', ' ')}: {len(result[key])}")
                for line in result[key]:
                    print(f"    {line}")
        if args.verbose:
            for key in ("false_merges", "missed_merges"):
                print(f"  {key.replace('_', ' ')}: {len(result[key])}")
                for line in result[key]:
                    print(f"    {line}")
    if args.check and (result["missing_gold_rows"] or result["unannotated"]):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
