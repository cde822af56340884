"""Pipeline speed: gazetteer load time and memory, then articles per second on one core.

    python -m bench.pipeline_speed [--seconds 5]
    python -m bench.pipeline_speed --instructions

Articles are the seed and the dev set, each padded or cut to ~500 words by repeating its own
paragraphs (so the text stays real prose). Figures are printed; README records them.

``--instructions`` counts instructions instead of time (valgrind's callgrind, collecting only during one
pass over the articles after a warm-up pass): a figure that does not move with the machine's load, for
comparing two versions of the code on a shared machine. It prints millions of instructions per article for
places + incidents and for incidents alone (extraction over geoparse results made beforehand), and the first
again after the memos that outlive an article (the per-word trigger plans, the patterns they try, the words of
each token) are emptied: a pass that must learn its vocabulary, as a first article does. Python's hash seed
is fixed so that runs compare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from incidentmap import settings

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_DIRS = [ROOT / "data" / "articles", ROOT / "data" / "devset"]

_LOAD_PROBE = """
import json, resource, time
t, cpu = time.perf_counter(), time.process_time()
from incidentmap.gazetteer import Gazetteer
g = Gazetteer()
print(json.dumps({"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - cpu, "entries": len(g),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def load_figures(*, cached: bool) -> dict:
    """Gazetteer start-up in a fresh interpreter (cold: no cache file; warm: the marshal cache)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))  # this checkout's incidentmap, whatever the current folder
    if not cached:
        env[settings.NO_CACHE] = "1"
    else:  # make sure the cache exists
        subprocess.run([sys.executable, "-c", _LOAD_PROBE], env=env, check=True, capture_output=True)
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _LOAD_PROBE], env=env, check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout))
    best = min(runs, key=lambda r: r["seconds"])
    return {"seconds": best["seconds"], "cpu_seconds": min(r["cpu_seconds"] for r in runs),
            "rss_mb": max(r["rss_mb"] for r in runs), "entries": best["entries"]}


def articles(words: int = 500) -> list[tuple[str, dt.date | None]]:
    out = []
    for folder in ARTICLE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            meta = path.with_suffix(".json")
            published = None
            if meta.exists():
                published = dt.date.fromisoformat(json.loads(meta.read_text(encoding="utf-8"))["published"])
            paras = [p for p in text.split("\n\n") if p.strip()]
            body, i = [], 0
            while sum(len(p.split()) for p in body) < words and paras:
                body.append(paras[i % len(paras)])
                i += 1
            out.append(("\n\n".join(body), published))
    return out


def real_prose(chars: int) -> str:
    """Up to ``chars`` characters of real article text: the dev-set articles, paragraph by paragraph,
    repeated (nothing in the pipeline caches by sentence, so repeats cost what new text costs)."""
    paras = [p for path in sorted((ROOT / "data" / "devset").glob("*.txt"))
             for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out, n, i = [], 0, 0
    while n + len(paras[i % len(paras)]) + 2 <= chars:
        out.append(paras[i % len(paras)])
        n += len(out[-1]) + 2
        i += 1
    return "\n\n".join(out)


def largest_article(runs: int = 3) -> dict:
    """CPU seconds (best of ``runs``) to analyse the longest text the pipeline accepts."""
    from incidentmap.pipeline import analyze
    from incidentmap.textinput import MAX_CHARS

    text = real_prose(MAX_CHARS)
    analyze("Protesters gathered in Almaty on Monday.")  # warm-up: gazetteer, lexicon
    best, incidents = float("inf"), 0
    for _ in range(runs):
        start = time.process_time()
        incidents = len(analyze(text).incidents)
        best = min(best, time.process_time() - start)
    return {"chars": len(text), "seconds": best, "incidents": incidents}


def throughput(seconds: float) -> dict:
    from incidentmap.gazetteer import default_gazetteer
    from incidentmap.pipeline import analyze
    from incidentmap.geoparse import geoparse

    default_gazetteer()
    docs = articles()
    for text, published in docs:  # warm-up: compile patterns, fill caches
        analyze(text, published=published)
    result = {}
    for label, fn in (("geoparse only", lambda t, p: geoparse(t)),
                      ("places + incidents", lambda t, p: analyze(t, published=p))):
        rates, cpu_rates = [], []
        for _ in range(3):
            n, start, cpu = 0, time.perf_counter(), time.process_time()
            while time.perf_counter() - start < seconds / 3:
                for text, published in docs:
                    fn(text, published)
                    n += 1
            rates.append(n / (time.perf_counter() - start))
            cpu_rates.append(n / (time.process_time() - cpu))
        result[label] = statistics.median(rates)
        # On a shared machine wall-clock rates move with the neighbours' load; CPU time (best of 3) much less.
        result[label + " (CPU)"] = max(cpu_rates)
    result["words per article"] = statistics.mean(len(t.split()) for t, _ in docs)
    result["articles"] = len(docs)
    return result


_CALLGRIND_MODES = {"places + incidents": ("all",), "incidents only": ("incidents",),
                    "places + incidents, memos emptied": ("all", "cold")}


def _callgrind_child(mode: str, cold: bool) -> None:
    """Run under callgrind with collection off: warm up, then collect during one pass only."""
    from incidentmap.gazetteer import default_gazetteer
    from incidentmap.geoparse import geoparse
    from incidentmap.incidents import extract_incidents
    from incidentmap.incidents.lexicon_data import lexicon
    from incidentmap.pipeline import analyze

    default_gazetteer()
    docs = articles()
    geos = [geoparse(text) for text, _ in docs]
    for text, published in docs:
        analyze(text, published=published)
    if cold:  # (getattr: the bench also measures versions of the code from before the memos)
        for memo in ("_word_plans", "_tries", "_token_words"):
            getattr(lexicon(), memo, {}).clear()

    def collect(on: bool) -> None:
        subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())],
                       check=True, capture_output=True)

    collect(True)
    if mode == "all":
        for text, published in docs:
            analyze(text, published=published)
    else:
        for (text, published), geo in zip(docs, geos, strict=True):
            extract_incidents(text, geo, published=published)
    collect(False)


def collected_instructions(valgrind_stderr: str) -> int:
    """The instruction count of callgrind's "Collected : N" summary line."""
    for line in valgrind_stderr.splitlines():
        if "Collected :" in line:
            return int(line.split("Collected :")[1].split()[0])
    raise RuntimeError("callgrind printed no 'Collected' line:\n" + valgrind_stderr[-2000:])


def instructions() -> dict[str, float]:
    """Millions of instructions per article for each of :data:`_CALLGRIND_MODES` (needs valgrind)."""
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        raise SystemExit("--instructions needs valgrind (callgrind and callgrind_control) on the PATH")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED="0")
    n = len(articles())
    out = {}
    for label, (mode, *flags) in _CALLGRIND_MODES.items():
        with tempfile.TemporaryDirectory() as tmp:
            run = subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no",
                                  f"--callgrind-out-file={tmp}/callgrind.out", sys.executable, "-m",
                                  "bench.pipeline_speed", "--callgrind-child", mode, *(["--cold"] if flags else [])],
                                 env=env, cwd=ROOT, capture_output=True, text=True, check=True)
        out[label] = collected_instructions(run.stderr) / n / 1e6
    return out


def engine_build() -> str:
    """Which engine the figures are of: the mypyc-compiled modules or plain Python (``make`` builds the first)."""
    from incidentmap.compiled import MODULES, compiled_modules

    found = compiled_modules()
    if not found:
        return "engine: plain Python (no compiled modules; `make compiled` builds them)"
    return f"engine: {len(found)} of {len(MODULES)} rule modules compiled with mypyc"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=6.0, help="measuring time per figure")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions per article with valgrind instead of measuring time")
    parser.add_argument("--callgrind-child", choices=("all", "incidents"), help=argparse.SUPPRESS)
    parser.add_argument("--cold", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.callgrind_child:
        _callgrind_child(args.callgrind_child, args.cold)
        return 0
    print(engine_build())
    if args.instructions:
        for label, millions in instructions().items():
            print(f"{label}: {millions:.2f} M instructions per article (one pass over {len(articles())} articles)")
        return 0
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    except (AttributeError, OSError):
        pass
    cold = load_figures(cached=False)
    warm = load_figures(cached=True)
    print(f"gazetteer load, cold (no cache): {cold['seconds']:.2f} s ({cold['cpu_seconds']:.2f} s CPU), "
          f"peak RSS {cold['rss_mb']:.0f} MB, {cold['entries']} entries")
    print(f"gazetteer load, warm (marshal cache): {warm['seconds']:.2f} s ({warm['cpu_seconds']:.2f} s CPU), "
          f"peak RSS {warm['rss_mb']:.0f} MB")
    rates = throughput(args.seconds)
    print(f"{rates['articles']} articles of ~{rates['words per article']:.0f} words, one core, after warm-up:")
    for label in ("geoparse only", "places + incidents"):
        print(f"  {label}: {rates[label]:.0f} articles/s ({1000 / rates[label]:.1f} ms each); "
              f"by CPU time {rates[label + ' (CPU)']:.0f} articles/s (best of 3)")
    big = largest_article()
    print(f"largest accepted text ({big['chars']:,} characters, {big['incidents']:,} incidents): "
          f"{big['seconds']:.2f} s CPU, best of 3")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
