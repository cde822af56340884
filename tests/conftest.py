"""Shared test set-up: the import path.

pyproject.toml's ``pythonpath = ["."]`` puts the repository root first on sys.path, so
``components``, ``bench`` and ``incidentmap`` come from this checkout. This adds
tests/fixtures/dashboard, home of the dashboard test helpers ``dash_helpers`` and
``dash_fake_pipeline`` (plain modules: the app tests import them by name).
"""

from __future__ import annotations

import sys
from pathlib import Path

DASHBOARD_FIXTURES = str(Path(__file__).resolve().parent / "fixtures" / "dashboard")
if DASHBOARD_FIXTURES not in sys.path:
    sys.path.insert(0, DASHBOARD_FIXTURES)


import pytest  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _no_user_store(tmp_path_factory):
    """No test (nor a dashboard server a test starts) ever reads or writes the user's corpus store: the
    default store is a session-wide temporary path that nothing creates unless a test writes to it.
    Tests that write corrections set their own INCIDENTMAP_DB."""
    import os

    from incidentmap import settings

    before = os.environ.get(settings.DB)
    os.environ[settings.DB] = str(tmp_path_factory.mktemp("store") / "corpus.duckdb")
    yield
    if before is None:
        os.environ.pop(settings.DB, None)
    else:
        os.environ[settings.DB] = before
