"""Distances on the Earth: the one great-circle formula every stage, the scorer and the build script use."""

from __future__ import annotations

import math
from typing import Final

# The IUGG mean Earth radius: the sphere that best fits the ellipsoid for great-circle distances.
EARTH_RADIUS_M: Final = 6_371_008.8


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def destination(lat: float, lon: float, bearing_deg: float, distance_m: float) -> tuple[float, float]:
    """The point ``distance_m`` from (lat, lon) along the great circle leaving it at ``bearing_deg`` (clockwise
    from north), in degrees."""
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    d = distance_m / EARTH_RADIUS_M
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0


def format_distance(metres) -> str:
    """An uncertainty radius for people: "19 km" from 1 km up, "800 m" below; "" if it is not a number.
    Rounded up, never to the nearest: a radius shown smaller than it is (2.5 km as "2 km") would claim
    more precision than the place has."""
    try:
        m = float(metres)
    except (TypeError, ValueError):
        return ""
    if m != m or m in (float("inf"), float("-inf")):
        return ""
    up = math.ceil(m - 1e-9)  # the tolerance keeps 19,000.0000001 m (float noise) at "19 km"
    return f"{math.ceil(up / 1000 - 1e-9):,} km" if up >= 1000 else f"{up:,} m"
