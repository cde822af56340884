"""A plain (non-editable) install of the engine works: its data ship inside it, the app does not."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "almaty-2022-01-08.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # No build isolation: the venv's pinned setuptools builds it, nothing is downloaded.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    (whl,) = out.glob("*.whl")
    return whl


def test_the_wheel_holds_the_engine_and_its_data_not_the_app(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("incidentmap/incidents/extract.py", "incidentmap/data/gazetteer/cities.tsv.gz",
                   "incidentmap/data/lexicon/incident_triggers.csv", "incidentmap/data/taxonomy/incident_types.csv"):
        assert needed in names
    assert not any(n.startswith(("components/", "dashboard", "tests/", "bench/")) for n in names)
    meta = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("/METADATA"))).decode()
    requires = [ln for ln in meta.splitlines() if ln.startswith("Requires-Dist:")]
    # The engine alone needs no dashboard stack; that is the [dashboard] extra.
    assert all("extra ==" in ln for ln in requires if "streamlit" in ln or "folium" in ln or "pandas" in ln)


def test_the_installed_engine_runs_from_anywhere(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target), "INCIDENTMAP_NO_CACHE": "1"}
    code = "import incidentmap, incidentmap.resources as r; print(incidentmap.__file__); print(r.data_dir('gazetteer'))"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True, timeout=60).stdout.split("\n")
    assert out[0].startswith(str(target)) and out[1].startswith(str(target))  # not this checkout's copy
    run = subprocess.run([sys.executable, "-m", "incidentmap", "incidents", str(SEED), "--published", "2022-01-08",
                          "--format", "csv"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("\n") > 10 and "Almaty" in run.stdout
