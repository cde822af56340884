"""Older corpus stores for the migration tests: a current store file taken back to what an older schema version
wrote (shared by tests/test_corpus_days.py, tests/test_corpus_actors.py and tests/test_corpus_types.py), and the
one-article stores they start from."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from incidentmap.corpus.ingest import ingest
from incidentmap.corpus.store import ACLED_ACTOR_COLUMNS, ACLED_TYPE_COLUMNS, Store

# What schema version 4 added to incidents.
V4_COLUMNS = ("days", *ACLED_ACTOR_COLUMNS, "admin2", *ACLED_TYPE_COLUMNS)


def downgrade(path, version: int) -> None:
    """The store file at ``path`` as version ``version`` wrote it: without what later versions added."""
    with Store(path) as s:
        if version < 4:
            for column in V4_COLUMNS:
                s.con.execute(f"ALTER TABLE incidents DROP COLUMN {column}")
        if version < 3:
            s.con.execute("DROP TABLE merge_state")
        if version < 2:
            s.con.execute("DROP TABLE corrections")
        s.con.execute("UPDATE schema_version SET version = ?", [version])


def old_copy(path: Path, folder: Path, version: int) -> Path:
    """A copy of the store file ``path`` in ``folder``, taken back to schema version ``version``."""
    old = folder / "old.duckdb"
    shutil.copy(path, old)
    downgrade(old, version)
    return old


def one_article_store(folder: Path, *, text: str, published: dt.date, source: str) -> Path:
    """A store in ``folder`` holding one ingested article (merged), its events built."""
    (folder / "article.jsonl").write_text(json.dumps({"text": text, "published": published.isoformat(),
                                                      "source": source}) + "\n", encoding="utf-8")
    db = folder / "corpus.duckdb"
    report = ingest([folder], db=db, workers=1)
    assert (report.ingested, report.skipped) == (1, [])
    return db
