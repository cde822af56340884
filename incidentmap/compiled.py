"""The engine's rule modules, optionally compiled with mypyc: C extensions beside their sources.

``make compiled`` (scripts/compile_engine.py) builds :data:`MODULES` into extension modules that Python
imports in place of the .py files next to them: about a third more articles per second on one core, the
output byte-identical. The .py files stay the program: without the extensions (``make pure``, ``pip install
.``, a machine without a C compiler) the package runs as plain Python.

A compiled module is used only while it was built from the source beside it. Otherwise an edit made after
``make compiled`` would silently not run; :func:`check_fresh` (called when the package is imported) refuses
a stale build with a message saying what to do. Its cost without extensions: a few directory listings.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from .errors import IncidentMapError

PACKAGE_DIR = Path(__file__).resolve().parent

# What mypyc compiles, relative to the package: where a plain-Python profile of analyze() spends its time,
# and the data types the rules read field by field (models.py: compiled, a field read is a load from the
# object, not an attribute lookup by name). Not vocabulary.py, gazetteer, pipeline, taxonomy: compiled code
# enforces its annotations at run time and its classes and functions cannot be subclassed or monkeypatched
# from Python (callers and tests do that there, e.g. Candidate("…", "city", …) with a plain string for Kind:
# the StrEnums live outside the group, so that an argument typed with one is not checked).
MODULES = (
    "models.py", "geo.py", "patterns.py", "segment.py", "mentions.py", "disambiguate.py", "sites.py", "unlisted.py",
    "geoparse.py",
    "dates.py",
    "counts.py", "incidents/lexicon_data.py", "incidents/cues.py", "incidents/actors.py",
    "incidents/sides.py", "incidents/coding.py", "incidents/locate.py", "incidents/extract.py",
)
# Written by scripts/compile_engine.py after a build: {module: SHA-256 of the source it was built from}.
MANIFEST = "compiled-sources.json"
# mypyc's runtime library for the group (one shared extension the modules' extensions call into).
GROUP = "_engine"


class StaleBuildError(IncidentMapError, ImportError):
    """Compiled engine modules do not match their sources (edited since ``make compiled``), or come from a
    build this package did not record."""


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compiled_modules(*, package_dir: Path = PACKAGE_DIR) -> list[str]:
    """The package's modules (paths relative to it, as in :data:`MODULES`) that have an extension module
    beside their source; the group's runtime library is not one."""
    found = []
    for folder in {package_dir, *(package_dir / Path(m).parent for m in MODULES)}:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            suffix = next((s for s in EXTENSION_SUFFIXES if name.endswith(s)), None)
            if suffix is None:
                continue
            stem = name[: -len(suffix)]
            if (folder / f"{stem}.py").exists():
                found.append((folder / f"{stem}.py").relative_to(package_dir).as_posix())
    return sorted(found)


def check_fresh(*, package_dir: Path = PACKAGE_DIR) -> None:
    """Raise :class:`StaleBuildError` unless every compiled module was built from its current source."""
    compiled = compiled_modules(package_dir=package_dir)
    if not compiled:
        return
    try:
        built = json.loads((package_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        built = {}
    stale = [m for m in compiled if built.get(m) != source_hash(package_dir / m)]
    if stale:
        raise StaleBuildError(
            f"compiled modules of incidentmap do not match their sources ({', '.join(stale)}): "
            "run `make compiled` to rebuild them, or `make pure` to remove them and run plain Python")


def active() -> list[str]:
    """The modules of :data:`MODULES` that this process runs compiled (imports them)."""
    import importlib

    out = []
    for m in MODULES:
        module = importlib.import_module("incidentmap." + m[: -len(".py")].replace("/", "."))
        if not (module.__file__ or "").endswith(".py"):
            out.append(m)
    return out
