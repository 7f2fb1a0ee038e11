"""Building the map: claims travel to the browser as GeoJSON data, styled in JS.

Article text is untrusted, and folium escapes nothing (see FIELD-NOTES §1).
So no article string is ever put into HTML or a JS template by this module:
labels go into GeoJSON properties, which folium serialises with Jinja's
``tojson`` (``<``, ``>``, ``&`` and ``'`` become ``\\u`` escapes), and the JS
below only ever hands them to DOM text APIs (``title`` properties and text
nodes), never to ``innerHTML``. Excerpts never enter the map at all; the page
shows them with Streamlit after a click.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import folium
from folium.utilities import JsCode

__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "MarkClaim",
    "build_base_map",
    "build_claims_layer",
    "claims_geojson",
    "clean_label",
    "group_key",
    "outlet_colours",
]

# Okabe & Ito's colour-blind-safe palette, minus the yellow that vanishes on
# light tiles, then Paul Tol's "muted" scheme (also colour-blind safe) for
# corpora with more outlets; only past fifteen outlets do colours repeat.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
TOL_MUTED = ("#332288", "#88CCEE", "#117733", "#999933", "#882255", "#44AA99", "#AA4499", "#DDCC77")
PALETTE = OKABE_ITO + TOL_MUTED
CONTEXT_COLOUR = "#777777"
REGION_CENTER = (39.6, 46.9)
REGION_ZOOM = 7
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Bidi overrides and isolates can make a label read backwards; control
# characters have no business in a label.
_INVISIBLE = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_LABEL = 120
# Above this many claims in view, marks aggregate by place, outlet and role.
AGGREGATE_ABOVE = 1500


class MarkClaim(Protocol):
    """What the map needs of a claim (``sources.claims.Claim`` fits)."""

    id: str
    outlet: str
    mention: str
    role: str
    precision_km: float

    @property
    def place(self) -> Any: ...

    @property
    def is_area(self) -> bool: ...


def clean_label(text: str, limit: int = MAX_LABEL) -> str:
    """Plain text fit for a title or tooltip: no controls, no bidi tricks, bounded."""
    text = _INVISIBLE.sub("", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def outlet_colours(outlets: Iterable[str]) -> dict[str, str]:
    """A colour per outlet, stable for a given set of outlets (sorted, then cycled)."""
    names = sorted(set(outlets), key=str.casefold)
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def claims_geojson(
    claims: Sequence[MarkClaim],
    colours: Mapping[str, str],
    *,
    selected: str | None = None,
    aggregate_above: int | None = None,
) -> dict[str, Any]:
    """A FeatureCollection: one point feature per claim, or per group when many.

    Claims at the same place get consecutive ``slot`` numbers so the JS can
    draw them side by side: three outlets at Aslan Duz stay three marks.
    Above ``aggregate_above`` claims, the claims of one outlet at one place in
    one role become one mark with a count (its id from :func:`group_key`), so
    100,000 claims cost a few thousand features, not 100,000.
    """
    limit = AGGREGATE_ABOVE if aggregate_above is None else aggregate_above
    if len(claims) > limit:
        return _aggregated(claims, colours)
    slots: dict[tuple[float, float], list[MarkClaim]] = defaultdict(list)
    for claim in claims:
        slots[(claim.place.lat, claim.place.lon)].append(claim)
    features = []
    for (lat, lon), group in slots.items():
        for slot, claim in enumerate(group):
            features.append(_feature(claim, lat, lon, slot, len(group), colours, selected))
    return {"type": "FeatureCollection", "features": features}


def group_key(claim: MarkClaim) -> str:
    """The id of the aggregated mark a claim falls into."""
    digest = hashlib.sha1(
        f"{claim.place.id}\0{claim.outlet}\0{claim.role}".encode(), usedforsecurity=False
    )
    return "group:" + digest.hexdigest()[:16]


def _aggregated(claims: Sequence[MarkClaim], colours: Mapping[str, str]) -> dict[str, Any]:
    groups: dict[str, list[MarkClaim]] = defaultdict(list)
    for claim in claims:
        groups[group_key(claim)].append(claim)
    by_place: dict[tuple[float, float], list[str]] = defaultdict(list)
    for key, members in groups.items():
        by_place[(members[0].place.lat, members[0].place.lon)].append(key)
    features = []
    for (lat, lon), keys in by_place.items():
        for slot, key in enumerate(keys):
            members = groups[key]
            feature = _feature(members[0], lat, lon, slot, len(keys), colours, None)
            props = feature["properties"]
            first = members[0]
            props["id"] = key
            props["count"] = len(members)
            props["title"] = clean_label(f"{first.outlet}: {first.place.name} ({len(members)})")
            props["tooltip"] = clean_label(
                f"{len(members)} {'context' if props['context'] else 'exercise'} claim(s) · "
                f"{first.outlet} · {first.place.name} · click to list them",
                200,
            )
            features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def _feature(
    claim: MarkClaim,
    lat: float,
    lon: float,
    slot: int,
    slots: int,
    colours: Mapping[str, str],
    selected: str | None,
) -> dict[str, Any]:
    context = claim.role != "exercise"
    colour = CONTEXT_COLOUR if context else colours.get(claim.outlet, PALETTE[-1])
    if not _HEX.match(colour):
        raise ValueError(f"colour must be #rrggbb, instead got: {colour!r}.")
    title = clean_label(f"{claim.outlet}: {claim.mention}")
    kind = "area" if claim.is_area else "point"
    tooltip = clean_label(
        f"{'Context' if context else 'Exercise'} ({kind}, ±{claim.precision_km:g} km) · "
        f"{claim.outlet} · {claim.mention} → {claim.place.name}",
        200,
    )
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
        "properties": {
            "id": claim.id,
            "title": title,
            "tooltip": tooltip,
            "colour": colour,
            "area": claim.is_area,
            "radius_m": round(claim.precision_km * 1000),
            "context": context,
            "slot": slot,
            "slots": slots,
            "selected": claim.id == selected,
            "count": 1,
        },
    }


# Every value read from ``feature.properties`` goes to a DOM text API or is
# a number/boolean; nothing reaches innerHTML.
_POINT_TO_LAYER = JsCode(
    """
function (feature, latlng) {
    const p = feature.properties;
    const el = document.createElement('div');
    const size = p.count > 1 ? 22 : (p.context ? 10 : 16);
    el.style.width = size + 'px';
    el.style.height = size + 'px';
    el.style.borderRadius = p.area ? '50%' : '50% 50% 50% 0';
    el.style.boxSizing = 'border-box';
    if (p.area) {
        el.style.border = '3px dashed ' + p.colour;
        el.style.background = 'rgba(255,255,255,0.6)';
    } else {
        el.style.background = p.colour;
        el.style.border = '2px solid #ffffff';
    }
    if (p.context) { el.style.opacity = '0.75'; el.style.borderRadius = '2px'; }
    if (p.selected) { el.style.outline = '3px solid #000000'; }
    if (p.count > 1) {
        el.textContent = String(p.count);
        el.style.font = 'bold 9px sans-serif';
        el.style.color = p.area ? '#000000' : '#ffffff';
        el.style.textAlign = 'center';
        el.style.lineHeight = size + 'px';
    }
    const step = size + 4;
    const dx = (p.slot - (p.slots - 1) / 2) * step;
    const icon = L.divIcon({
        html: el, className: 'atlas-mark', iconSize: [size, size],
        iconAnchor: [size / 2 - dx, p.area ? size / 2 : size],
    });
    const marker = L.marker(latlng, {
        icon: icon, title: String(p.title), alt: String(p.title),
        riseOnHover: true, zIndexOffset: p.selected ? 1000 : (p.context ? -100 : 0),
    });
    marker.bindTooltip(document.createTextNode(String(p.tooltip)));
    return marker;
}
"""
)

_AREA_TO_LAYER = JsCode(
    """
function (feature, latlng) {
    const p = feature.properties;
    return L.circle(latlng, {
        radius: Number(p.radius_m), color: p.colour, weight: 1.5, dashArray: '6 6',
        fillColor: p.colour, fillOpacity: p.context ? 0.03 : 0.08, interactive: false,
    });
}
"""
)


def build_base_map() -> folium.Map:
    """The map every view starts from; the same each run so st_folium never remounts.

    Its tiles (or blank background) and asset URLs follow the settings (geo.basemap).
    """
    from geo.basemap import dress

    base = folium.Map(
        location=REGION_CENTER,
        zoom_start=REGION_ZOOM,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
    )
    return dress(base)


def build_claims_layer(collection: Mapping[str, Any]) -> folium.FeatureGroup:
    """A feature group of translucent areas and clickable marks for ``collection``.

    Build this fresh on every run (never cache folium objects: FIELD-NOTES §5);
    cache the FeatureCollection instead.
    """
    group = folium.FeatureGroup(name="Claims")
    areas = {
        "type": "FeatureCollection",
        "features": [f for f in collection["features"] if f["properties"]["area"]],
    }
    if areas["features"]:
        folium.GeoJson(areas, name="Areas", point_to_layer=_AREA_TO_LAYER).add_to(group)
    if collection["features"]:
        folium.GeoJson(dict(collection), name="Marks", point_to_layer=_POINT_TO_LAYER).add_to(group)
    return group
