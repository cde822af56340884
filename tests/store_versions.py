"""Older corpus stores for the migration tests: a current store file taken back to what an older schema version
wrote (shared by tests/test_corpus_days.py, tests/test_corpus_actors.py and tests/test_corpus_types.py)."""

from __future__ import annotations

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
