"""The shape of an area claim: a country's own outline where we have it, else a circle.

GeoJSON and KML exports draw an area claim ("Nagorno-Karabakh", "the Caspian
Sea") as a polygon rather than a point, so that a GIS user sees how vague it is.
A country's outline comes from ``geo.shapes`` (Natural Earth, committed as
``geo/data/countries.json``) when that module is present; every other area is a
circle of the place's radius, computed on the sphere with vectorised numpy
(exact enough for a drawing; geopy's geodesic would cost 90 µs a vertex).

Rings are lists of ``(lon, lat)`` pairs, closed (the first point repeated) and
counter-clockwise, as RFC 7946 asks of exterior rings.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

__all__ = ["EARTH_RADIUS_KM", "area_polygons", "circle_ring"]

EARTH_RADIUS_KM = 6371.0088
VERTICES = 64
Ring = list[tuple[float, float]]


def circle_ring(lat: float, lon: float, radius_km: float, *, vertices: int = VERTICES) -> Ring:
    """A closed, counter-clockwise ring ``radius_km`` around ``(lat, lon)`` on the sphere."""
    if radius_km <= 0:
        raise ValueError(f"radius must be positive, instead got: {radius_km!r}.")
    # Bearings decrease so the ring runs counter-clockwise seen from above.
    bearings = np.radians(np.linspace(360.0, 0.0, vertices, endpoint=False))
    phi, lam, delta = np.radians(lat), np.radians(lon), radius_km / EARTH_RADIUS_KM
    phi2 = np.arcsin(np.sin(phi) * np.cos(delta) + np.cos(phi) * np.sin(delta) * np.cos(bearings))
    lam2 = lam + np.arctan2(
        np.sin(bearings) * np.sin(delta) * np.cos(phi),
        np.cos(delta) - np.sin(phi) * np.sin(phi2),
    )
    lons = (np.degrees(lam2) + 540.0) % 360.0 - 180.0
    ring = [
        (round(float(x), 6), round(float(y), 6))
        for x, y in zip(lons, np.degrees(phi2), strict=True)
    ]
    return [*ring, ring[0]]


@functools.lru_cache(maxsize=4096)
def area_polygons(
    *, lat: float, lon: float, radius_km: float, kind: str, country: str
) -> tuple[list[list[Ring]], str]:
    """The polygons (each a list of rings: outer, then holes) of an area, and what
    they are: ``"outline"`` (the country's own shape) or ``"circle"``. Cached: many
    claims name the same places; callers must not change what they get."""
    if kind == "country":
        outline = _country_outline(country)
        if outline:
            return outline, "outline"
    return [[circle_ring(lat, lon, radius_km)]], "circle"


def _country_outline(code: str) -> list[list[Ring]] | None:
    try:
        from geo.shapes import shape_of  # committed by the gazetteer work; optional here
    except ImportError:
        return None
    shape = shape_of(code) if code else None
    if shape is None:
        return None
    polygons = []
    for polygon in shape.polygons:
        rings = [_closed(ring) for ring in polygon]
        # A country unwrapped past the antimeridian (Russia runs to 190°) is not valid
        # RFC 7946 as it stands; the circle is the honest fallback there.
        if any(abs(x) > 180 for ring in rings for x, _ in ring):
            return None
        rings[0] = _counter_clockwise(rings[0])
        rings[1:] = [list(reversed(_counter_clockwise(r))) for r in rings[1:]]
        polygons.append(rings)
    return polygons or None


def _closed(ring) -> Ring:
    points = [(round(float(x), 6), round(float(y), 6)) for x, y in ring]
    return points if points[0] == points[-1] else [*points, points[0]]


def _counter_clockwise(ring: Ring) -> Ring:
    area2 = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))
    return ring if area2 > 0 else list(reversed(ring))
