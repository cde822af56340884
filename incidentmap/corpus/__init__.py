"""The corpus side: many articles in one store, duplicates merged into events.

* :mod:`.ingest`  read folders / JSONL / CSV, analyse in parallel, store (``python -m incidentmap ingest``)
* :mod:`.store`   the DuckDB store and its typed read API (what the corpus page and exports read)
* :mod:`.merge`   incidents from different articles that report one event become one event
* :mod:`.export`  events and incidents of the store as GeoJSON, CSV, ACLED CSV or Parquet

Never imports streamlit: pages read the store through :class:`incidentmap.corpus.store.Store`.
"""

from .store import CorpusFilter, Store

__all__ = ["CorpusFilter", "Store"]
