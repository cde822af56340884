"""What the file-driven benchmarks (external.py, acled.py) share: each input scored on its own, a missing
file skipped with a word, failures written as JSON lines to a file the caller names."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO


def score_files(paths: Iterable[Path], *, score_one: Callable[[Path, IO[str] | None], dict],
                show: Callable[[str, dict], None], errors: Path | None = None, as_json: bool = False) -> dict:
    """``score_one(path, errors_out)`` for each existing path; its summary is shown and returned by file name."""
    results: dict[str, dict] = {}
    errors_out = errors.open("w", encoding="utf-8") if errors else None
    try:
        for path in paths:
            if not path.is_file():
                print(f"{path}: not found, skipped")
                continue
            results[path.name] = score_one(path, errors_out)
            show(path.stem, results[path.name])
    finally:
        if errors_out is not None:
            errors_out.close()
    if as_json:
        print(json.dumps(results, indent=2))
    return results
