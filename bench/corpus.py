"""Synthetic corpora for the ingest speed bench, and the bench itself.

    python -m bench.corpus --n 1000 [--out corpus.jsonl] [--workers 1 2] [--repeat 3] [--seed 1] [--add 50]

Each synthetic article recombines two to four paragraphs of the annotated dev-set articles, with the
focus city of each paragraph's article replaced by another dev-set focus city (its name, and the name in
capitals of a dateline), and a random publication day in 2025: real prose, other places and dates, and
no two articles alike. Without ``--out`` the corpus goes to a temporary file. With ``--workers`` the corpus
is ingested into a fresh temporary store once per worker count and the speed (articles/s end to end:
reading, analysis, store, merge) and the store's size are printed, with the CPU time of this process (the
serial part: reading, hashing, handing out, storing, merging what is not parallel) and of the worker
processes. On a shared machine the wall clock is noisy and the CPU times are not: ``--repeat`` runs each
worker count several times (interleaved) and prints the median speed and speed-up too.

``--add K`` measures the incremental case: K more articles (generated with the others, published over the
same year) are ingested into each store just built, the events merged incrementally; then, on a copy of
the store as it was, the same K with every event rebuilt (what every ingest did before the incremental
merge: forced here by clearing the store's record of its merge rules). Printed: the end-to-end time of
each, and its merge phase (wall, and CPU of this process: the incremental merge runs here, the rebuild
in the workers too, whose CPU is printed as well).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "data" / "devset"


def _sources() -> list[tuple[str, list[str]]]:
    """(focus city, paragraphs) of every dev-set article."""
    out = []
    for gold in sorted(DEVSET.glob("*.json")):
        meta = json.loads(gold.read_text(encoding="utf-8"))
        text = gold.with_suffix(".txt").read_text(encoding="utf-8")
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 80]
        if meta.get("focus") and paragraphs:
            out.append((meta["focus"], paragraphs))
    return out


def generate(n: int, *, seed: int = 1) -> list[dict]:
    """``n`` article records (``text``, ``title``, ``url``, ``source``, ``published``)."""
    rng = random.Random(seed)
    sources = _sources()
    cities = sorted({focus for focus, _ in sources})
    start = dt.date(2025, 1, 1)
    out = []
    for k in range(n):
        target = rng.choice(cities)
        parts = []
        for _ in range(rng.randint(2, 4)):
            focus, paragraphs = rng.choice(sources)
            text = rng.choice(paragraphs)
            text = re.sub(rf"\b{re.escape(focus.upper())}\b", target.upper(), text)
            parts.append(re.sub(rf"\b{re.escape(focus)}\b", target, text))
        out.append({"text": "\n\n".join(parts), "title": f"Synthetic report {k} from {target}",
                    "url": f"https://synthetic.example/{seed}/{k}", "source": f"Outlet {k % 7}",
                    "published": (start + dt.timedelta(days=rng.randrange(365))).isoformat()})
    return out


def write_jsonl(records: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def _timed_ingest(paths: list[Path], db: Path, *, workers: int):
    from incidentmap.corpus.ingest import ingest

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    report = ingest(paths, db=db, workers=workers)
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return report, seconds, (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)


def _add(db: Path, extra: Path, *, workers: int) -> None:
    """Ingest ``extra`` into a copy of ``db`` merged incrementally, then into another copy rebuilding every event."""
    from incidentmap.corpus.store import Store

    for how in ("incremental", "rebuild"):
        copy = db.with_name(f"{db.stem}-{how}.duckdb")
        shutil.copyfile(db, copy)
        if how == "rebuild":
            with Store(copy) as store:
                store.con.execute("DELETE FROM merge_state")  # rules unknown: every event is rebuilt
        report, seconds, worker_cpu = _timed_ingest([extra], copy, workers=workers)
        wall, cpu = report.timings["merge"]
        print(f"  +{report.ingested} articles ({report.incidents} incidents), {how}: {seconds:.2f} s end to end; "
              f"merge {wall:.2f} s wall, {cpu:.2f} s CPU of this process; workers {worker_cpu:.2f} s CPU in all; "
              f"{report.events} events", flush=True)
        copy.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--workers", type=int, nargs="*", default=[])
    parser.add_argument("--repeat", type=int, default=1, help="ingest this many times per worker count")
    parser.add_argument("--add", type=int, default=0, help="then ingest this many more articles into each store")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.out or Path(tmp) / "corpus.jsonl"
        records = generate(args.n + args.add, seed=args.seed)
        write_jsonl(records[:args.n], path)
        extra = Path(tmp) / "added.jsonl"
        write_jsonl(records[args.n:], extra)
        print(f"{args.n} articles -> {path} ({path.stat().st_size / 1e6:.1f} MB)")
        from incidentmap.corpus.ingest import ingest
        from incidentmap.gazetteer import default_gazetteer

        default_gazetteer()  # this process's own copy (workers=1): not part of the timing
        speeds: dict[int, list[float]] = {w: [] for w in args.workers}
        for run in range(args.repeat):
            for workers in args.workers:
                db = Path(tmp) / f"bench-{workers}-{run}.duckdb"
                cpu, children = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
                t = time.perf_counter()
                report = ingest([path], db=db, workers=workers)
                seconds = time.perf_counter() - t
                cpu = time.process_time() - cpu
                after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers have exited: counted
                worker_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
                speeds[workers].append(report.ingested / seconds)
                per_article = 1000 / max(1, report.ingested)
                print(f"workers={workers}: {report.ingested} articles, {report.incidents} incidents, {report.events} "
                      f"events in {seconds:.1f} s = {report.ingested / seconds:.0f} articles/s; "
                      f"CPU: this process {cpu:.2f} s ({cpu * per_article:.2f} ms/article), workers {worker_cpu:.2f} s "
                      f"({worker_cpu * per_article:.2f} ms/article); store {db.stat().st_size / 1e6:.1f} MB", flush=True)
                print("  " + "; ".join(f"{phase}: {wall:.2f} s wall, {cpu:.2f} s CPU of this process"
                                       for phase, (wall, cpu) in report.timings.items()), flush=True)
                if args.add:
                    _add(db, extra, workers=workers)
                db.unlink()
        if args.repeat > 1 or len(args.workers) > 1:
            median = {w: statistics.median(v) for w, v in speeds.items()}
            base = median[args.workers[0]]
            print("median: " + ", ".join(f"workers={w} {m:.0f} articles/s ({m / base:.2f}×)"
                                         for w, m in median.items()))
            # Each run against the first worker count's run of the same repeat (they ran back to back): on a
            # shared machine the spread of these says how far the median can be trusted.
            first = speeds[args.workers[0]]
            for w in args.workers[1:]:
                pairs = sorted(s / f for s, f in zip(speeds[w], first))
                print(f"  workers={w} per pair: " + ", ".join(f"{p:.2f}×" for p in pairs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
