"""Output snapshot: a canonical JSON dump of everything ``analyze`` returns, to prove a change is output-neutral.

    python -m bench.output_snapshot /tmp/snap-before.jsonl
    python -m bench.output_snapshot /tmp/snap-after.jsonl [--xml /work/corpora/lgl.xml …] [--acled export.csv …]
    python -m bench.output_snapshot --compare /tmp/snap-before.jsonl /tmp/snap-after.jsonl

By default it reads only this project's texts (data/articles, data/devset, data/heldout2, data/corpus_dev);
``--xml`` adds the article texts of LGL / TR-News style corpora and ``--acled`` the ``notes`` of ACLED exports
(with ``event_date`` as the publication date), read at run time. Those are other people's data: write the
snapshot outside the project (e.g. under /tmp) and never commit it. One JSON line per text, every field of every
place and incident (floats written exactly), then a final line with the SHA-256 of all lines before it.
Speed work compares two snapshots: identical means the change moved nothing a user can see.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import enum
import hashlib
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT_DIRS = ("data/articles", "data/devset", "data/heldout2")
JSONL_FILES = ("data/corpus_dev/articles.jsonl",)


def _published(meta: Path) -> dt.date | None:
    if not meta.exists():
        return None
    value = json.loads(meta.read_text(encoding="utf-8")).get("published")
    return dt.date.fromisoformat(value) if value else None


def project_texts() -> Iterator[tuple[str, str, dt.date | None]]:
    """(id, text, published) of the project's own articles."""
    for folder in TEXT_DIRS:
        for path in sorted((ROOT / folder).glob("*.txt")):
            yield (f"{folder}/{path.name}", path.read_text(encoding="utf-8"), _published(path.with_suffix(".json")))
    for name in JSONL_FILES:
        with (ROOT / name).open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if line.strip():
                    row = json.loads(line)
                    published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
                    yield f"{name}:{i}", row["text"], published


def xml_texts(path: Path) -> Iterator[tuple[str, str, dt.date | None]]:
    """Article texts of an LGL / TR-News style XML corpus (no publication date: the corpora give none reliably)."""
    for i, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        if text.strip():
            yield f"{path.name}:{art.get('docid', i)}", text, None


def acled_texts(path: Path) -> Iterator[tuple[str, str, dt.date | None]]:
    """The ``notes`` of an ACLED export, each with its ``event_date`` as published (as bench.acled reads them)."""
    from bench.acled import parse_date

    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            notes = (row.get("notes") or "").strip()
            if notes:
                yield f"{path.name}:{row.get('event_id_cnty') or i}", notes, parse_date(row.get("event_date", ""))


def _plain(value):
    """JSON-ready copy: dataclasses by field name, enums by value, floats exact (repr round-trips)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, float):
        return repr(value)  # exact: a last-bit change shows
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def record(text_id: str, text: str, published: dt.date | None) -> dict:
    from incidentmap.errors import IncidentMapError
    from incidentmap.pipeline import analyze

    try:
        a = analyze(text, published=published)
    except IncidentMapError as exc:  # bad input is output too: the message must not change either
        return {"id": text_id, "error": f"{type(exc).__name__}: {exc}"}
    return {"id": text_id, "places": _plain(a.places), "incidents": _plain(a.incidents), "focus": _plain(a.focus),
            "focus_country": _plain(a.focus_country), "warnings": a.warnings}


def write_snapshot(out: Path, *, xml: list[Path], acled: list[Path]) -> str:
    sources = [project_texts()] + [xml_texts(p) for p in xml] + [acled_texts(p) for p in acled]
    digest, n, cpu = hashlib.sha256(), 0, time.process_time()
    with out.open("w", encoding="utf-8") as fh:
        for source in sources:
            for text_id, text, published in source:
                line = json.dumps(record(text_id, text, published), sort_keys=True, ensure_ascii=False) + "\n"
                digest.update(line.encode("utf-8"))
                fh.write(line)
                n += 1
        fh.write(json.dumps({"texts": n, "sha256": digest.hexdigest()}) + "\n")
    print(f"{n} texts, {time.process_time() - cpu:.1f} s CPU, sha256 {digest.hexdigest()} -> {out}")
    return digest.hexdigest()


def compare(a: Path, b: Path, *, show: int = 5) -> int:
    """0 when the two snapshots are identical; otherwise the ids of (up to ``show``) texts that differ."""
    with a.open(encoding="utf-8") as fa, b.open(encoding="utf-8") as fb:
        la, lb = fa.readlines(), fb.readlines()
    if la == lb:
        print(f"identical: {len(la) - 1} texts, {json.loads(la[-1])['sha256']}")
        return 0
    differ = [json.loads(x)["id"] for x, y in zip(la[:-1], lb[:-1]) if x != y]
    print(f"DIFFERENT: {len(la) - 1} vs {len(lb) - 1} texts; {len(differ)} differ, e.g. {differ[:show]}")
    return 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, nargs="?", help="where to write the snapshot (keep it outside the project)")
    ap.add_argument("--xml", type=Path, nargs="*", default=[], help="LGL / TR-News style XML corpora")
    ap.add_argument("--acled", type=Path, nargs="*", default=[], help="ACLED export CSV files (notes column)")
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"), help="compare two snapshots instead")
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        ap.error("give the snapshot file to write, or --compare A B")
    write_snapshot(args.out, xml=args.xml, acled=args.acled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
