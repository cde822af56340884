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
