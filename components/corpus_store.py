"""The dashboard's one way into the corpus store (incidentmap.corpus.store): short sessions under one lock.

Why one lock and one mode: DuckDB lets one process write a file and refuses, inside one process, a second
connection to the same file opened with another configuration (read-only beside read-write). The pages
(corpus page reads, corrections write) therefore never hold a connection between reruns: each use opens
the store read-write, does its work and closes it, one at a time. An ingest running in another process
holds the file; the page then says the store is busy instead of failing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from incidentmap.corpus.store import Store
from incidentmap.errors import StoreError
from incidentmap.settings import default_db_path

__all__ = ["store_session", "store_path", "exclusive", "StoreBusy"]

_LOCK = threading.RLock()  # one DuckDB connection at a time in this server process


class StoreBusy(StoreError):
    """The store file is held by another process (an ingest) or cannot be opened: say so on the page."""


def store_path() -> Path:
    """Where the store is (``INCIDENTMAP_DB``, else the user's data directory)."""
    return default_db_path()


@contextmanager
def exclusive() -> Iterator[None]:
    """Hold the store lock without opening the store: for work that opens it itself (the demo ingest)."""
    with _LOCK:
        yield


@contextmanager
def store_session(path: str | Path | None = None) -> Iterator[Store]:
    """An open :class:`Store`, closed on exit; sessions are serialised within the process."""
    with _LOCK:
        try:
            store = Store(path if path is not None else store_path())
        except StoreError as exc:
            raise StoreBusy(str(exc)) from exc
        try:
            yield store
        finally:
            store.close()
