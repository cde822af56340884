"""Incident Map pipeline: article text -> places -> incidents -> exports.

Pure Python (its rule modules optionally compiled with mypyc: :mod:`incidentmap.compiled`); never
imports streamlit. The dashboard and the CLI are thin layers over :func:`incidentmap.pipeline.analyze`.
"""

from .compiled import check_fresh as _check_fresh

__version__ = "0.1.0"

_check_fresh()  # a compiled module built from other sources than those beside it must not run
