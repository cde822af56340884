"""The optional mypyc build of the engine's rule modules (incidentmap/compiled.py, scripts/compile_engine.py)."""

import json
import os
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from incidentmap import compiled
from incidentmap.compiled import MANIFEST, MODULES, StaleBuildError, check_fresh, compiled_modules, source_hash
from incidentmap.errors import IncidentMapError

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = EXTENSION_SUFFIXES[0]


def _package(tmp_path: Path, *, compiled: tuple[str, ...] = ()) -> Path:
    """A stand-in package: the compiled modules' sources, and an (empty) extension beside those named."""
    pkg = tmp_path / "pkg"
    for m in MODULES:
        (pkg / m).parent.mkdir(parents=True, exist_ok=True)
        (pkg / m).write_text(f"# {m}\n", encoding="utf-8")
    for m in compiled:
        (pkg / m).with_suffix(SUFFIX).write_bytes(b"")
    return pkg


def _record(pkg: Path, modules) -> None:
    (pkg / MANIFEST).write_text(json.dumps({m: source_hash(pkg / m) for m in modules}), encoding="utf-8")


def test_plain_python_needs_no_build(tmp_path):
    pkg = _package(tmp_path)
    assert compiled_modules(package_dir=pkg) == []
    check_fresh(package_dir=pkg)  # nothing compiled, no manifest: fine


def test_a_build_of_the_current_sources_is_accepted(tmp_path):
    pkg = _package(tmp_path, compiled=("mentions.py", "incidents/extract.py"))
    # the group's runtime library has no source of its own: not a compiled module
    (pkg / f"_engine__mypyc{SUFFIX}").write_bytes(b"")
    _record(pkg, MODULES)
    assert compiled_modules(package_dir=pkg) == ["incidents/extract.py", "mentions.py"]
    check_fresh(package_dir=pkg)


def test_a_source_edited_after_the_build_is_refused(tmp_path):
    pkg = _package(tmp_path, compiled=("mentions.py", "incidents/extract.py"))
    _record(pkg, MODULES)
    (pkg / "incidents/extract.py").write_text("# edited\n", encoding="utf-8")
    with pytest.raises(StaleBuildError, match=r"incidents/extract\.py.*make compiled.*make pure") as err:
        check_fresh(package_dir=pkg)
    assert "mentions.py" not in str(err.value)
    assert isinstance(err.value, IncidentMapError) and isinstance(err.value, ImportError)


@pytest.mark.parametrize("manifest", [None, "{not json", "{}"])
def test_extensions_the_build_did_not_record_are_refused(tmp_path, manifest):
    pkg = _package(tmp_path, compiled=("geo.py",))
    if manifest is not None:
        (pkg / MANIFEST).write_text(manifest, encoding="utf-8")
    with pytest.raises(StaleBuildError, match="geo.py"):
        check_fresh(package_dir=pkg)


def test_this_checkout_is_plain_or_freshly_compiled():
    """Whatever the checkout holds runs: extensions, if any, match their sources (the package import would
    have failed otherwise), and make test's build really is what the tests exercise."""
    check_fresh()
    assert set(compiled_modules()) <= set(MODULES)
    if compiled_modules():
        assert compiled.active() == sorted(compiled_modules(), key=MODULES.index)


@pytest.mark.skipif(shutil.which("mypy", path=os.path.dirname(sys.executable)) is None
                    and shutil.which("mypy") is None, reason="mypy is not installed (requirements-dev.txt)")
def test_the_compiled_modules_type_check():
    """mypyc compiles only what mypy accepts: an untyped or mistyped change to these modules would break the
    build (make test would then quietly run plain Python). Checked here, compiled or not."""
    run = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary", *(f"incidentmap/{m}" for m in MODULES)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    # (mypyc refuses notes too, e.g. "By default the bodies of untyped functions are not checked")
    assert run.returncode == 0 and not run.stdout.strip(), run.stdout + run.stderr
