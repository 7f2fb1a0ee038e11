"""GeoJSON (RFC 7946) for QGIS and web maps: points are points, areas are polygons.

An area claim is a polygon, the country's own outline where we have it, else a
circle of its radius (see :mod:`geo.footprint`), with the radius and the kind
of shape as properties, so it never looks more precise than it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from geo.footprint import area_polygons
from sources.export.rows import FIELDS, ExportRow

__all__ = ["feature", "to_geojson"]


def feature(row: ExportRow) -> dict[str, Any]:
    """The GeoJSON Feature of one export row."""
    properties = {name: getattr(row, name) for name in FIELDS}
    properties["radius_km"] = row.radius_km
    if row.area:
        polygons, shape = area_polygons(
            lat=row.lat,
            lon=row.lon,
            radius_km=row.radius_km,
            kind=row.place_kind,
            country=row.place_country,
        )
        properties["shape"] = shape
        geometry: dict[str, Any] = (
            {"type": "Polygon", "coordinates": polygons[0]}
            if len(polygons) == 1
            else {"type": "MultiPolygon", "coordinates": polygons}
        )
    else:
        properties["shape"] = "point"
        geometry = {"type": "Point", "coordinates": [round(row.lon, 6), round(row.lat, 6)]}
    return {"type": "Feature", "id": row.id, "geometry": geometry, "properties": properties}


def to_geojson(rows: Iterable[ExportRow]) -> bytes:
    """A FeatureCollection of the rows, as UTF-8 JSON (non-ASCII kept as is)."""
    collection = {"type": "FeatureCollection", "features": [feature(r) for r in rows]}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
