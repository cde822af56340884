"""Compile the engine's rule modules with mypyc, in place (``make compiled``), or remove them (``--clean``).

    python scripts/compile_engine.py [--optional]
    python scripts/compile_engine.py --clean

Builds :data:`incidentmap.compiled.MODULES` into C extensions beside their sources (one mypyc group, its
runtime library ``incidentmap/_engine__mypyc…``), then records the SHA-256 of each source in
``incidentmap/compiled-sources.json``: the package refuses a compiled module whose source has changed since.
Needs mypy (requirements-dev.txt), a C compiler and Python's headers. ``--optional``: if the build fails
(no compiler, say), say so, leave plain Python and exit 0 — the package works the same, only slower.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "incidentmap"
BUILD_DIR = ROOT / "build" / "mypyc"


def clean() -> int:
    """Remove every extension module and the manifest from the package; returns how many files went."""
    gone = 0
    for path in PACKAGE.rglob("*"):
        if path.is_file() and any(path.name.endswith(s) for s in EXTENSION_SUFFIXES):
            path.unlink()
            gone += 1
    manifest = PACKAGE / "compiled-sources.json"
    if manifest.exists():
        manifest.unlink()
    return gone


def build() -> None:
    # Imported only now that no extension is left: the package checks its compiled modules on import.
    sys.path.insert(0, str(ROOT))
    from incidentmap.compiled import GROUP, MANIFEST, MODULES, source_hash

    from mypyc.build import mypycify
    from setuptools import setup

    os.chdir(ROOT)  # mypyc names modules after their paths
    sources = [f"incidentmap/{m}" for m in MODULES]
    # opt_level 3 (mypyc's default); debug_level 0: no debug symbols (the extensions are 3 MB, not 5).
    # multi_file: one C file per module, so that build_ext can compile them in parallel.
    extensions = mypycify(sources, opt_level="3", debug_level="0", multi_file=True,
                          group_name=f"incidentmap.{GROUP}", target_dir=str(BUILD_DIR))
    for ext in extensions:  # (mypyc 2.4 writes a dotted group's headers one folder down and misses them)
        ext.include_dirs.append(str(BUILD_DIR / "incidentmap"))
    setup(name="incidentmap-compiled", ext_modules=extensions, script_args=[
        "-q", "build_ext", "--inplace", "--parallel", str(os.cpu_count() or 1),
        "--build-temp", str(BUILD_DIR / "temp"), "--build-lib", str(BUILD_DIR / "lib")])
    hashes = {m: source_hash(PACKAGE / m) for m in MODULES}
    (PACKAGE / MANIFEST).write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clean", action="store_true", help="remove the compiled modules: plain Python again")
    parser.add_argument("--optional", action="store_true",
                        help="on a failed build, warn and leave plain Python (exit 0)")
    args = parser.parse_args()
    removed = clean()
    if args.clean:
        shutil.rmtree(BUILD_DIR, ignore_errors=True)
        print(f"removed {removed} compiled module files: incidentmap runs as plain Python")
        return 0
    start = time.perf_counter()
    try:
        build()
    except (Exception, SystemExit) as exc:  # mypyc reports type errors and compiler failures as SystemExit
        clean()
        if not args.optional:
            raise
        print(f"warning: could not compile the engine with mypyc ({exc!r}); it runs as plain Python, "
              "about a third slower", file=sys.stderr)
        return 0
    print(f"compiled the engine's rule modules with mypyc in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
