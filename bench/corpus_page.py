"""Speed of the corpus page's server side on a large store, against the issue's targets.

    python -m bench.corpus_page [--events 1000000] [--db FILE]

Builds (unless ``--db`` names an existing store) a synthetic store: the demo corpus ingested for real
(components.corpus_demo), then its events copied with their members until there are ``--events``: each copy
shifted by whole days and its position moved by up to ±0.25° (so places multiply and the map must
aggregate). Analysing a million incidents through the pipeline would take hours on this machine; the page
only reads the events, their members and articles, which this reproduces at scale.

Then, for a few views (everything, one event type, one country, one month), it times what one page run
reads and builds: the timeline (target <= 0.5 s), all reads plus the map payload and the table (a filter
change, target <= 1 s on the server), and the map payload's size as sent (target <= 3 MB).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

TARGETS = {"timeline_s": 0.5, "filter_s": 1.0, "payload_mb": 3.0}


def build_store(db: Path, n_events: int) -> dict:
    from components.corpus_demo import load_demo
    from incidentmap.corpus.store import Store

    load_demo(db)
    with Store(db) as store:
        con = store.con
        base = store.counts()["events"]
        copies = max(0, -(-n_events // base) - 1)
        con.execute("CREATE TEMP TABLE base_events AS SELECT * FROM events")
        con.execute("CREATE TEMP TABLE base_members AS SELECT * FROM event_members")
        con.execute("CREATE TEMP TABLE k AS SELECT range AS k FROM range(1, ?)", [copies + 1])
        con.execute("""
            INSERT INTO events SELECT e.* REPLACE (
                e.id || '#' || k.k AS id,
                e.date_start + CAST(k.k % 730 AS INTEGER) AS date_start,
                e.date_end + CAST(k.k % 730 AS INTEGER) AS date_end,
                CAST(e.date_start + CAST(k.k % 730 AS INTEGER) AS VARCHAR) AS date,
                e.lat + (hash(e.id, k.k) % 1000) / 2000.0 - 0.25 AS lat,
                e.lon + (hash(k.k, e.id) % 1000) / 2000.0 - 0.25 AS lon)
            FROM base_events e, k""")
        con.execute("INSERT INTO event_members SELECT m.* REPLACE (m.event_id || '#' || k.k AS event_id) "
                    "FROM base_members m, k")
        con.execute("DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id DESC LIMIT "
                    "(SELECT greatest(count(*) - ?, 0) FROM events))", [n_events])
        return store.counts()


def measure(db: Path) -> list[dict]:
    from components import corpus_data as cd
    from components.corpus_view import CorpusView
    from components.map_view import PAYLOAD_FIELDS, _as_arrays, _inert_json, build_payload
    from incidentmap.corpus.event_corrections import overlay_corrections
    from incidentmap.corpus.store import Store

    with Store(db) as store:
        top_country = store.one("SELECT country_code FROM events GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
        first = store.one("SELECT min(date_start) FROM events")
    views = {
        "everything": CorpusView(),
        "Protests": CorpusView(groups=("Protests",)),
        f"country {top_country}": CorpusView(countries=(top_country,)),
        "one month": CorpusView(date_from=first, date_to=first + dt.timedelta(days=30)),
    }
    out = []
    for name, view in [next(iter(views.items())), *views.items()]:  # the first run warms imports and caches up
        t0 = time.perf_counter()
        with Store(db) as store:  # the page opens the store on every run
            ev, _ = overlay_corrections(store)  # and lays the analyst's corrections over the events
            t1 = time.perf_counter()
            timeline = cd.timeline_by_group(store, view.corpus_filter(dates=False), events=ev)
            t2 = time.perf_counter()
            n = cd.count_events(store, view.corpus_filter(), events=ev)
            points = cd.map_points(store, view.corpus_filter(), events=ev)
            rows = cd.table_events(store, view.corpus_filter(), events=ev)
            cd.articles_of(store, [r.id for r in rows])
            t3 = time.perf_counter()
        payload = build_payload(points.features, show_muted=False)
        sent = _inert_json(_as_arrays(payload, PAYLOAD_FIELDS))
        cd.events_frame(rows)
        t4 = time.perf_counter()
        out.append({"view": name, "events": n, "map level": points.level, "markers": len(points.features),
                    "timeline_s": round(t2 - t1, 3), "filter_s": round(t4 - t0, 3), "reads_s": round(t3 - t2, 3),
                    "payload_mb": round(len(sent.encode()) / 1e6, 2), "timeline bars": len(timeline)})
    return out[1:]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="an existing store to measure (else a synthetic one is built)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="incidentmap-page-bench-") as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "store.duckdb"
            t = time.perf_counter()
            counts = build_store(db, args.events)
            print(f"synthetic store: {counts['events']:,} events ({time.perf_counter() - t:.0f} s to build)")
        results = measure(db)
    ok = True
    for r in results:
        verdicts = [f"{k} {r[k]} ({'ok' if r[k] <= v else 'OVER ' + str(v)})" for k, v in TARGETS.items()]
        ok &= all(r[k] <= v for k, v in TARGETS.items())
        print(f"{r['view']:>14}: {r['events']:>9,} events, map by {r['map level']} ({r['markers']:,} markers); "
              + "; ".join(verdicts) + f" (reads {r['reads_s']} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
