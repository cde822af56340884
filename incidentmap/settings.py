"""Every ``INCIDENTMAP_*`` environment variable, read in this one place.

Read at call time, not at import: a test (or a long-running server) that changes the environment is
obeyed at the next call. README's "Configuration" table lists the same variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CACHE_DIR = "INCIDENTMAP_CACHE_DIR"
NO_CACHE = "INCIDENTMAP_NO_CACHE"
USER_AGENT = "INCIDENTMAP_USER_AGENT"
CHROMIUM = "INCIDENTMAP_CHROMIUM"
SKIP_BROWSER = "INCIDENTMAP_SKIP_BROWSER"
# Test hook: the dashboard shows this JSON analysis instead of running the pipeline (the browser tests'
# hostile-text fixtures, the 10,000-incident speed bench). Never set in production.
ANALYSIS_FIXTURE = "INCIDENTMAP_ANALYSIS_FIXTURE"
# The corpus store (a DuckDB file, see incidentmap.corpus.store); unset: under the user's data directory.
DB = "INCIDENTMAP_DB"

DEFAULT_CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True, slots=True)
class Settings:
    cache_dir: Path | None  # None: the default, ~/.cache/incidentmap (or $XDG_CACHE_HOME/incidentmap)
    no_cache: bool  # rebuild the gazetteer index at every start, write no cache file
    user_agent: str | None  # sent to Nominatim; None: the package default
    chromium: str  # the browser the tests and the dashboard bench drive
    skip_browser: bool  # skip the browser tests on purpose
    analysis_fixture: Path | None  # test hook, see ANALYSIS_FIXTURE
    db: Path | None  # the corpus store; None: the default, see default_db_path()


def current() -> Settings:
    env = os.environ
    return Settings(
        cache_dir=Path(env[CACHE_DIR]).expanduser() if env.get(CACHE_DIR) else None,
        no_cache=bool(env.get(NO_CACHE)),
        user_agent=env.get(USER_AGENT) or None,
        chromium=env.get(CHROMIUM) or DEFAULT_CHROMIUM,
        skip_browser=env.get(SKIP_BROWSER) == "1",
        analysis_fixture=Path(env[ANALYSIS_FIXTURE]) if env.get(ANALYSIS_FIXTURE) else None,
        db=Path(env[DB]).expanduser() if env.get(DB) else None,
    )


def cache_base() -> Path:
    """Where the gazetteer index cache and the Nominatim cache live."""
    chosen = current().cache_dir
    if chosen is not None:
        return chosen
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache").expanduser() / "incidentmap"


def default_db_path() -> Path:
    """The corpus store: ``$INCIDENTMAP_DB``, else ``corpus.duckdb`` in $XDG_DATA_HOME/incidentmap
    (~/.local/share/incidentmap): user data that a cache clean-up must not delete."""
    chosen = current().db
    if chosen is not None:
        return chosen
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share").expanduser()
    return base / "incidentmap" / "corpus.duckdb"
