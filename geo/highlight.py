"""Rings around chosen claims on the map (e.g. those changed since a cited link).

Only positions and ids travel, as GeoJSON data; the JS draws a non-interactive
ring, so nothing untrusted reaches the map's code.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import folium
from folium.utilities import JsCode

__all__ = ["HIGHLIGHT_COLOUR", "highlight_layer"]

HIGHLIGHT_COLOUR = "#E6007E"

_RING = JsCode(
    """
function (feature, latlng) {
    return L.circleMarker(latlng, {
        radius: 17, color: '#E6007E', weight: 3, dashArray: '4 3', fill: false,
        interactive: false, className: 'atlas-highlight',
    });
}
"""
)


def highlight_layer(collection: Mapping[str, Any], ids: Collection[str]) -> folium.GeoJson | None:
    """A ring at each feature of ``collection`` whose id is in ``ids``; None when none is."""
    wanted = set(ids)
    features = [
        {"type": "Feature", "geometry": f["geometry"], "properties": {"id": f["properties"]["id"]}}
        for f in collection["features"]
        if f["properties"]["id"] in wanted
    ]
    if not features:
        return None
    data = {"type": "FeatureCollection", "features": features}
    return folium.GeoJson(data, name="Changed since the link", point_to_layer=_RING)
