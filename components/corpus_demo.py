"""The demo corpus loaded on the corpus page's first start, so the page is never empty.

It is the project's own annotated articles: the dev set (data/devset/*.txt, each with its publication date
from the .json beside it) and the merge dev corpus (data/corpus_dev/articles.jsonl: several outlets telling
the same events). They go through the engine's ordinary ingest (one worker: inside the server), then merge.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from incidentmap.corpus.ingest import IngestReport, ingest

from .corpus_store import exclusive

__all__ = ["DEMO_DEVSET", "DEMO_CORPUS", "demo_records", "load_demo"]

ROOT = Path(__file__).resolve().parent.parent
DEMO_DEVSET = ROOT / "data" / "devset"
DEMO_CORPUS = ROOT / "data" / "corpus_dev" / "articles.jsonl"


def demo_records(devset: Path = DEMO_DEVSET) -> list[dict]:
    """The dev-set articles as ingest records: text, and the publication date of their annotation."""
    out = []
    for meta_file in sorted(devset.glob("*.json")):
        text_file = meta_file.with_suffix(".txt")
        if not text_file.is_file():
            continue
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        out.append({"text": text_file.read_text(encoding="utf-8"), "published": meta.get("published"),
                    "source": "Incident Map dev set", "url": None})
    return out


def load_demo(db: str | Path, *, devset: Path = DEMO_DEVSET, corpus: Path = DEMO_CORPUS) -> IngestReport:
    """Ingest the demo corpus into ``db`` (articles already there are skipped: running twice adds nothing).

    Holds the dashboard's store lock the whole time: no page session opens the file meanwhile."""
    with tempfile.TemporaryDirectory(prefix="incidentmap-demo-") as tmp:
        records = Path(tmp) / "devset.jsonl"
        records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in demo_records(devset)),
                           encoding="utf-8")
        paths = [records] + ([corpus] if corpus.is_file() else [])
        with exclusive():
            return ingest(paths, db=db, workers=1, merge=True)
