"""The engine's data files (gazetteer, lexicon, taxonomy, acled), found through importlib.resources.

Every loader asks this module for its files, so the package works the same from a checkout, an editable
install or a plain ``pip install``: the files ship inside the package (``incidentmap/data/``).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

GAZETTEER = "gazetteer"
LEXICON = "lexicon"
TAXONOMY = "taxonomy"
ACLED = "acled"


def data_dir(name: str) -> Path:
    """The folder ``incidentmap/data/<name>``, as a real path.

    A real path, not a Traversable: the gazetteer cache is keyed by the files' sizes and mtimes. Wheels
    install unzipped, so the package's files are always on disk.
    """
    return Path(str(files("incidentmap").joinpath("data", name)))


def data_file(name: str, file_name: str) -> Path:
    """One file of ``incidentmap/data/<name>/``."""
    return data_dir(name) / file_name
