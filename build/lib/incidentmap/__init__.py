"""Incident Map pipeline: article text -> places -> incidents -> exports.

Pure Python; never imports streamlit. The dashboard and the CLI are thin
layers over :func:`incidentmap.pipeline.analyze`.
"""

__version__ = "0.1.0"
