"""The whole pipeline in one call: text -> places -> incidents. (Being built: see issue 2 and 3.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .models import Incident, Place


@dataclass(slots=True)
class Analysis:
    text: str  # the text every offset refers to
    published: dt.date | None
    places: list[Place] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    focus: Place | None = None
    warnings: list[str] = field(default_factory=list)


def analyze(text: str, *, published: dt.date | None = None, geocoder: str = "offline") -> Analysis:
    raise NotImplementedError("pipeline under construction")
