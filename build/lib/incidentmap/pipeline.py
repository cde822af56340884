"""The whole pipeline in one call: text -> places -> incidents."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

from .errors import InputError
from .gazetteer import Gazetteer, default_gazetteer
from .geoparse import geoparse
from .incidents import extract_incidents
from .models import Incident, Place
from .textinput import validate_text

GEOCODERS = ("offline", "nominatim")


@dataclass(slots=True)
class Analysis:
    text: str  # the text every offset refers to
    published: dt.date | None
    places: list[Place] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    focus: Place | None = None
    focus_country: Place | None = None
    warnings: list[str] = field(default_factory=list)
    geocoder: str = "offline"


_online_lock = threading.Lock()
_online_backend = None


def shared_online_backend():
    """One Nominatim backend per process: its 1 request/s limit only holds if everyone shares it."""
    global _online_backend
    with _online_lock:
        if _online_backend is None:
            from .online import NominatimBackend  # imported only when asked for: offline use stays offline

            _online_backend = NominatimBackend()
        return _online_backend


_ENGLISH_WORDS = frozenset("the of and to in a is was were are on for with by at from that said have has".split())


def _looks_english(text: str) -> bool:
    """At least one word in twenty is among the commonest English words (a sample of the text suffices)."""
    words = [w.lower() for w in text[:20_000].split()]
    return not words or sum(w in _ENGLISH_WORDS for w in words) * 20 >= len(words)


def analyze(text: str, *, published: dt.date | None = None, geocoder: str = "offline",
            gazetteer: Gazetteer | None = None, online=None) -> Analysis:
    """Find the places and incidents of one article.

    ``geocoder="nominatim"`` refines sites the gazetteer can only place at their city, through
    ``online`` (a :class:`incidentmap.online.NominatimBackend`; one is made if not given).
    Raises :class:`InputError` for text that cannot be analysed (empty, too large, no letters).
    """
    if geocoder not in GEOCODERS:
        raise InputError(f"Unknown geocoder {geocoder!r}: choose one of {', '.join(GEOCODERS)}.")
    validate_text(text)
    if geocoder == "nominatim" and online is None:
        online = shared_online_backend()
    geo = geoparse(text, gazetteer=gazetteer or default_gazetteer(), online=online if geocoder == "nominatim" else None)
    incidents = extract_incidents(text, geo, published=published)
    warnings = list(geo.warnings)
    if online is not None and geocoder == "nominatim":
        warnings += [w for w in getattr(online, "warnings", []) if w not in warnings]  # e.g. a corrupt cache file
    if not geo.places:
        warnings.append("No places found: the article names no place the gazetteer knows.")
    if not incidents and not _looks_english(text):
        warnings.append("No incidents found: the incident lexicon is English, and this text does not look like "
                        "English. Places are still found where the gazetteer knows their names.")
    return Analysis(text=text, published=published, places=geo.places, incidents=incidents, focus=geo.focus,
                    focus_country=geo.focus_country, warnings=warnings, geocoder=geocoder)
