"""The optional mypyc build of the engine's rule modules (incidentmap/compiled.py, scripts/compile_engine.py)."""

import ast
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


def _unannotated_constants(source: str) -> list[str]:
    """Module-level names bound exactly once, by a plain assignment of a value (not a type alias, a TypeVar or a
    cast), and not declared Final."""
    tree = ast.parse(source)
    bound: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            for name in node.names:
                bound[name] = bound.get(name, 0) + 2
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
            continue
        for sub in ast.walk(node):
            targets: list[ast.expr] = []
            if isinstance(sub, ast.Assign):
                targets = sub.targets
            elif isinstance(sub, (ast.AnnAssign, ast.AugAssign, ast.For, ast.comprehension)):
                targets = [sub.target]
            for name in (e.id for t in targets for e in ast.walk(t) if isinstance(e, ast.Name)):
                bound[name] = bound.get(name, 0) + 1

    def typeish(value: ast.expr) -> bool:  # a type alias or a typing construct, which Final would break
        if isinstance(value, ast.Subscript) or isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
            return True  # (a union of sets too: left as it is)
        if isinstance(value, ast.Call):
            func = value.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            return name in {"TypeVar", "NewType", "NamedTuple", "TypedDict", "cast"}
        name = value.id if isinstance(value, ast.Name) else value.attr if isinstance(value, ast.Attribute) else ""
        return name[:1].isupper() and not name.isupper()

    missing = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if bound.get(name) == 1 and not name.startswith("__") and not typeish(node.value):
                missing.append(name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            annotation = ast.unparse(node.annotation)
            if bound.get(node.target.id) == 1 and not annotation.startswith(("Final", "TypeAlias", "ClassVar")):
                missing.append(node.target.id)
    return missing


def test_the_compiled_modules_constants_are_final():
    """mypyc reads a Final module constant from a C variable; any other module-level name costs a dictionary
    lookup in the module's globals at every use (a pattern, a word set, a weight read once per sentence or per
    word). Declared Final, the constants of the compiled modules cost nothing to reach: about 5 % of the
    pipeline's time, output unchanged."""
    missing = {m: names for m in MODULES
               if (names := _unannotated_constants((ROOT / "incidentmap" / m).read_text(encoding="utf-8")))}
    assert not missing, missing


def test_the_final_check_reads_assignments_as_meant():
    source = ("from typing import Final, TypeVar\nA = 1\nB: Final = 2\nC = 3\nC = 4\nT = TypeVar('T')\n"
              "Alias = dict[str, int]\nD: int = 5\nE: Final[int] = 6\n__all__ = ['A']\nU = int | None\n"
              "def f():\n    global G\n    G = 1\nG = 0\n")
    assert _unannotated_constants(source) == ["A", "D"]
