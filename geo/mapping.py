"""Building the map: claims travel to the browser as GeoJSON data, clustered by
Leaflet.markercluster, and every mark sits on its point.

Claims at one place (or at places that touch on screen) are one cluster mark
at that point, ringed by the mix of its colours and labelled with its count; a
click spreads them out on legs back to the point (markercluster's spiderfy),
so no mark is ever drawn away from its place without a line to it. Zoomed out
below :data:`MERGE_BELOW_ZOOM`, nearby places merge by distance, as
markercluster does. Areas (regions, borders, seas) are drawn once each, as
dashed outlines with a faint fill, however many claims name them.

Article text is untrusted, and folium escapes nothing (see FIELD-NOTES §1).
So no article string is ever put into HTML or a JS template by this module:
labels go into GeoJSON properties, which folium serialises with Jinja's
``tojson`` (``<``, ``>``, ``&`` and ``'`` become ``\\u`` escapes), and the JS
below only ever hands them to DOM text APIs (``title`` properties and text
nodes), never to ``innerHTML``. Excerpts never enter the map at all; the page
shows them with Streamlit after a click.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from typing import Any

import folium
import pandas as pd
from branca.element import MacroElement
from folium import plugins
from folium.template import Template

from geo.colours import blank_as

__all__ = [
    "AGGREGATE_ABOVE",
    "MERGE_BELOW_ZOOM",
    "SHAPES",
    "ClaimClusters",
    "build_base_map",
    "build_claims_layer",
    "clean_label",
    "group_id",
    "group_members",
    "map_data",
    "shape_img",
    "shape_of",
    "shape_svg",
]

REGION_CENTER = (39.6, 46.9)
REGION_ZOOM = 7
# At and above this zoom only marks on (nearly) the same point cluster, so a cluster
# is never more than SAME_POINT_PX from any of its claims' points; below it, places
# within MERGE_RADIUS_PX of one another merge, as markercluster does.
MERGE_BELOW_ZOOM = 9
MAX_ZOOM = 18
SAME_POINT_PX = 1
MERGE_RADIUS_PX = 18
NEUTRAL = "#444444"
# An area is an outline with a faint fill; a country or a sea (hundreds of km) gets
# the outline only, so overlapping areas never stack into a wash over the land.
AREA_FILL = 0.05
FILLED_UP_TO_KM = 150
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Bidi overrides and isolates can make a label read backwards; control
# characters have no business in a label.
_INVISIBLE = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_LABEL = 120
# Above this many claims in view, the claims of one place, role and colour become
# one mark with a count: 100,000 claims cost a few thousand features, not 100,000.
AGGREGATE_ABOVE = 1500

# The mark shapes, as SVG path data in a 24 x 30 box; the legend draws the same.
SHAPES = {
    # A pin whose tip, the bottom centre, is the point: a town or a site.
    "pin": "M12 29 C12 29 2 17.5 2 11 A10 10 0 1 1 22 11 C22 17.5 12 29 12 29 Z",
    # A dashed ring centred on the point: an area (region, province, border, sea).
    "ring": "M12 5 A10 10 0 1 1 11.99 5 Z",
    # A small square centred on the point: a context mention, not an exercise location.
    "square": "M6 9 H18 V21 H6 Z",
}
SHAPE_MEANING = {
    "pin": "exercise location: a town or site (the tip is the point)",
    "ring": "exercise location: an area, outlined at its uncertainty radius",
    "square": "context mention (a place named nearby, not where the drill was)",
}


def clean_label(text: str, limit: int = MAX_LABEL) -> str:
    """Plain text fit for a title or tooltip: no controls, no bidi tricks, bounded."""
    text = _INVISIBLE.sub("", " ".join(str(text).split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shape_of(role: str, is_area: bool) -> str:
    """The mark a claim gets: square for context, ring for an area, else a pin."""
    if role != "exercise":
        return "square"
    return "ring" if is_area else "pin"


def shape_svg(shape: str, colour: str, *, size: int = 16) -> str:
    """The mark as an inline SVG, drawn as on the map. Trusted input only."""
    if shape not in SHAPES or not _HEX.match(colour):
        raise ValueError(f"shape and #rrggbb colour expected, instead got: {shape!r}, {colour!r}.")
    stroke, fill, dash = _style(shape, colour)
    height = round(size * 30 / 24)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{height}" '
        f'viewBox="0 0 24 30"><path d="{SHAPES[shape]}" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="{2.5 if shape == "ring" else 1.5}"'
        f"{f' stroke-dasharray={dash!r}' if dash else ''}/></svg>"
    )


def shape_img(shape: str, colour: str, *, size: int = 16) -> str:
    """The mark as an ``<img>`` of :func:`shape_svg` (sanitisers that drop inline SVG keep it)."""
    svg = shape_svg(shape, colour, size=size)
    data = base64.b64encode(svg.encode()).decode()
    return (
        f'<img src="data:image/svg+xml;base64,{data}" width="{size}" '
        f'height="{round(size * 30 / 24)}" alt="" style="vertical-align:middle">'
    )


def _style(shape: str, colour: str) -> tuple[str, str, str]:
    """(stroke, fill, dash) for a shape: kept in step with the JS's markStyle()."""
    if shape == "ring":
        return colour, "#ffffff", "4 2.5"
    if shape == "square":
        return colour, "#ffffff", ""
    return "#ffffff", colour, ""


def map_data(
    frame: pd.DataFrame,
    colours: Mapping[str, str],
    *,
    colour_by: str = "outlet",
    selected: str | None = None,
    aggregate_above: int | None = None,
) -> dict[str, Any]:
    """The map's data for the claims of ``frame`` (a :mod:`sources.frame` table).

    Returns ``{"marks": FeatureCollection, "areas": FeatureCollection}``: one
    point feature per claim, or per place, role and colour value (its id from
    :func:`group_id`) when there are more than ``aggregate_above`` claims; and
    one feature per distinct area place. ``colours`` maps the values of the
    ``colour_by`` column to ``#rrggbb``.
    """
    limit = AGGREGATE_ABOVE if aggregate_above is None else aggregate_above
    values = _values(frame, colour_by)
    if len(frame) > limit:
        marks = _group_marks(frame, values, colours, selected)
    else:
        marks = _claim_marks(frame, values, colours, selected)
    return {
        "marks": {"type": "FeatureCollection", "features": marks},
        "areas": {"type": "FeatureCollection", "features": _areas(frame, values, colours)},
    }


def group_id(place_id: str, role: str, value: str) -> str:
    """The id of the aggregated mark for one place, role and colour value."""
    digest = hashlib.sha1(f"{place_id}\0{role}\0{value}".encode(), usedforsecurity=False)
    return "group:" + digest.hexdigest()[:16]


def group_members(frame: pd.DataFrame, group: str, *, colour_by: str = "outlet") -> pd.DataFrame:
    """The rows of ``frame`` behind the aggregated mark ``group``, or none."""
    values = _values(frame, colour_by)
    keys = pd.DataFrame({"place_id": frame["place_id"], "role": frame["role"], "value": values})
    for place_id, role, value in keys.drop_duplicates().itertuples(index=False):
        if group_id(place_id, role, value) == group:
            mask = (
                (keys["place_id"] == place_id) & (keys["role"] == role) & (keys["value"] == value)
            )
            return frame[mask.to_numpy()]
    return frame.iloc[:0]


def _values(frame: pd.DataFrame, colour_by: str) -> pd.Series:
    """The ``colour_by`` column, with "Unknown" for a missing or empty value."""
    if colour_by not in frame.columns:
        raise ValueError(
            f"colour_by must be a column of the claims table, instead got: {colour_by!r}."
        )
    column = frame[colour_by]
    blank = column.isna() | (column == "")
    if not blank.any():
        return column
    return blank_as(column, "Unknown")


def _colour(colours: Mapping[str, str], value: str) -> str:
    # geo.colours.Colours answers every value ("Other" for the rest); a plain dict may not.
    colour = colours[value] if hasattr(colours, "named") else colours.get(value, NEUTRAL)
    if not _HEX.match(colour):
        raise ValueError(f"colour must be #rrggbb, instead got: {colour!r}.")
    return colour


def _claim_marks(frame, values, colours, selected) -> list[dict[str, Any]]:
    columns = ["id", "outlet", "mention", "role", "is_area", "precision_km", "place_name"]
    features = []
    for row, value, lat, lon in zip(
        frame[columns].itertuples(index=False),
        values,
        frame["lat"].to_numpy(),
        frame["lon"].to_numpy(),
        strict=True,
    ):
        context = row.role != "exercise"
        kind = "area" if row.is_area else "point"
        tooltip = (
            f"{'Context' if context else 'Exercise'} ({kind}, ±{row.precision_km:g} km) · "
            f"{row.outlet} · {row.mention} → {row.place_name}"
        )
        features.append(
            _feature(
                lat,
                lon,
                id=row.id,
                title=clean_label(f"{row.outlet}: {row.mention}"),
                tooltip=clean_label(tooltip, 200),
                colour=_colour(colours, value),
                shape=shape_of(row.role, bool(row.is_area)),
                selected=row.id == selected,
                count=1,
            )
        )
    return features


def _group_marks(frame, values, colours, selected) -> list[dict[str, Any]]:
    # .array keeps Arrow-backed strings as they are; .to_numpy() would make objects.
    keyed = pd.DataFrame(
        {
            "place_id": frame["place_id"].array,
            "role": frame["role"].array,
            "value": values.array,
            "place_name": frame["place_name"].array,
            "lat": frame["lat"].array,
            "lon": frame["lon"].array,
            "is_area": frame["is_area"].array,
        }
    )
    groups = keyed.groupby(["place_id", "role", "value"], sort=True).agg(
        count=("lat", "size"),
        place_name=("place_name", "first"),
        lat=("lat", "first"),
        lon=("lon", "first"),
        is_area=("is_area", "first"),
    )
    chosen = None
    if selected is not None:
        hit = (frame["id"] == selected).to_numpy()
        if hit.any():
            chosen = tuple(keyed[["place_id", "role", "value"]][hit].iloc[0])
    features = []
    for key, group in zip(groups.index, groups.itertuples(index=False), strict=True):
        place_id, role, value = key
        context = role != "exercise"
        features.append(
            _feature(
                group.lat,
                group.lon,
                id=group_id(place_id, role, value),
                title=clean_label(f"{value}: {group.place_name} ({group.count})"),
                tooltip=clean_label(
                    f"{group.count:,} {'context' if context else 'exercise'} claim(s) · "
                    f"{value} · {group.place_name} · click to list them",
                    200,
                ),
                colour=_colour(colours, value),
                shape=shape_of(role, bool(group.is_area)),
                selected=chosen == key,
                count=int(group.count),
            )
        )
    return features


def _areas(frame, values, colours) -> list[dict[str, Any]]:
    """Each distinct area once: its own colour when one value claims it, else neutral."""
    is_area = frame["is_area"].to_numpy(dtype=bool)
    if not is_area.any():
        return []
    table = pd.DataFrame(
        {
            "place_id": frame["place_id"].array[is_area],
            "value": values.array[is_area],
            "lat": frame["lat"].array[is_area],
            "lon": frame["lon"].array[is_area],
            "radius_km": frame["radius_km"].array[is_area],
        }
    )
    areas = table.groupby("place_id", sort=True).agg(
        n_values=("value", "nunique"),
        value=("value", "first"),
        lat=("lat", "first"),
        lon=("lon", "first"),
        radius_km=("radius_km", "first"),
    )
    return [
        _feature(
            area.lat,
            area.lon,
            id=f"area:{place_id}",
            colour=_colour(colours, area.value) if area.n_values == 1 else NEUTRAL,
            radius_m=round(float(area.radius_km) * 1000),
            fill=AREA_FILL if float(area.radius_km) <= FILLED_UP_TO_KM else 0,
        )
        for place_id, area in zip(areas.index, areas.itertuples(index=False), strict=True)
    ]


def _feature(lat: float, lon: float, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(float(lon), 5), round(float(lat), 5)]},
        "properties": properties,
    }


# Every value read from ``feature.properties`` goes to a DOM text API or is a
# number/boolean or a colour checked against #rrggbb again; nothing reaches innerHTML.
_MARKS_JS = """
function (data, shapes, options) {
    const SVG = 'http://www.w3.org/2000/svg';
    const HEX = /^#[0-9A-Fa-f]{6}$/;
    const touch = (window.matchMedia && window.matchMedia('(pointer: coarse)').matches)
        || window.innerWidth < 560;
    const scale = touch ? 1.5 : 1;
    const colourOf = (c) => HEX.test(String(c)) ? String(c) : '#444444';
    function svg(width, height, box) {
        const el = document.createElementNS(SVG, 'svg');
        el.setAttribute('width', String(width));
        el.setAttribute('height', String(height));
        el.setAttribute('viewBox', box);
        el.setAttribute('aria-hidden', 'true');
        return el;
    }
    function markStyle(shape, colour) {
        if (shape === 'ring') return [colour, '#ffffff', '4 2.5', 2.5];
        if (shape === 'square') return [colour, '#ffffff', '', 1.5];
        return ['#ffffff', colour, '', 1.5];
    }
    function markIcon(p) {
        const shape = shapes[p.shape] ? p.shape : 'pin';
        const w = Math.round(24 * scale * (shape === 'square' ? 0.8 : 1));
        const h = Math.round(w * 30 / 24);
        const box = document.createElement('div');
        box.className = 'atlas-shape';
        const icon = svg(w, h, '0 0 24 30');
        if (p.selected) {
            const halo = document.createElementNS(SVG, 'path');
            halo.setAttribute('d', shapes[shape]);
            halo.setAttribute('fill', 'none');
            halo.setAttribute('stroke', '#000000');
            halo.setAttribute('stroke-width', '6');
            icon.appendChild(halo);
        }
        const path = document.createElementNS(SVG, 'path');
        const [stroke, fill, dash, width] = markStyle(shape, colourOf(p.colour));
        path.setAttribute('d', shapes[shape]);
        path.setAttribute('fill', fill);
        path.setAttribute('stroke', stroke);
        path.setAttribute('stroke-width', String(width));
        if (dash) path.setAttribute('stroke-dasharray', dash);
        icon.appendChild(path);
        box.appendChild(icon);
        if (Number(p.count) > 1) {
            const count = document.createElement('span');
            count.className = 'atlas-count';
            count.textContent = Number(p.count) > 999 ? '999+' : String(Number(p.count));
            box.appendChild(count);
        }
        // The pin's tip, or the centre of a ring or square, is the point.
        const anchor = shape === 'pin' ? [w / 2, h * 29 / 30] : [w / 2, h / 2];
        return L.divIcon({
            html: box, iconSize: [w, h], iconAnchor: anchor,
            className: 'atlas-mark' + (p.selected ? ' atlas-selected' : ''),
            tooltipAnchor: [0, -h / 2],
        });
    }
    function keepTooltipInside(marker, map) {
        marker.on('tooltipopen', function (e) {
            const tip = e.tooltip, el = tip.getElement();
            if (!el) return;
            const box = el.getBoundingClientRect();
            const frame = map.getContainer().getBoundingClientRect();
            let dx = 0, dy = 0;
            if (box.left < frame.left + 2) dx = frame.left + 2 - box.left;
            else if (box.right > frame.right - 2) dx = frame.right - 2 - box.right;
            if (box.top < frame.top + 2) dy = frame.top + 2 - box.top;
            else if (box.bottom > frame.bottom - 2) dy = frame.bottom - 2 - box.bottom;
            if (dx || dy) {
                tip.options.offset = L.point(dx, dy);
                tip.update();
            }
        });
        marker.on('tooltipclose', function (e) { e.tooltip.options.offset = L.point(0, 0); });
    }
    function mark(feature, latlng) {
        const p = feature.properties;
        const marker = L.marker(latlng, {
            icon: markIcon(p), title: String(p.title), alt: String(p.title),
            riseOnHover: true, zIndexOffset: p.selected ? 1000 : (p.shape === 'square' ? -100 : 0),
        });
        marker.bindTooltip(document.createTextNode(String(p.tooltip)), {className: 'atlas-tip'});
        return marker;
    }
    function clusterIcon(cluster) {
        // A cluster is not a claim: with no toGeoJSON, st_folium reports no click for it
        // (and skips a rerun); markercluster still spreads it out or zooms in.
        cluster.toGeoJSON = null;
        const children = cluster.getAllChildMarkers();
        const shares = new Map();
        let total = 0, selected = false;
        for (const m of children) {
            const p = m.feature.properties, n = Math.max(1, Number(p.count) || 1);
            const c = colourOf(p.colour);
            shares.set(c, (shares.get(c) || 0) + n);
            total += n;
            selected = selected || Boolean(p.selected);
        }
        const size = Math.round((26 + Math.min(10, 3 * Math.log10(total))) * scale);
        const r = size / 2 - 3.5 * scale, width = 5 * scale, around = 2 * Math.PI * r;
        const box = document.createElement('div');
        box.className = 'atlas-cluster';
        box.title = total + ' claims here: click to spread them out';
        const ring = svg(size, size, '0 0 ' + size + ' ' + size);
        const disc = document.createElementNS(SVG, 'circle');
        disc.setAttribute('cx', String(size / 2));
        disc.setAttribute('cy', String(size / 2));
        disc.setAttribute('r', String(size / 2 - 1));
        disc.setAttribute('fill', '#ffffff');
        disc.setAttribute('stroke', selected ? '#000000' : '#ffffff');
        disc.setAttribute('stroke-width', selected ? '3' : '1');
        ring.appendChild(disc);
        let offset = 0;
        for (const [colour, n] of [...shares.entries()].sort((a, b) => b[1] - a[1])) {
            const arc = document.createElementNS(SVG, 'circle');
            const length = around * n / total;
            arc.setAttribute('cx', String(size / 2));
            arc.setAttribute('cy', String(size / 2));
            arc.setAttribute('r', String(r));
            arc.setAttribute('fill', 'none');
            arc.setAttribute('stroke', colour);
            arc.setAttribute('stroke-width', String(width));
            arc.setAttribute('stroke-dasharray', length + ' ' + (around - length));
            arc.setAttribute('stroke-dashoffset', String(-offset));
            arc.setAttribute('transform', 'rotate(-90 ' + size / 2 + ' ' + size / 2 + ')');
            ring.appendChild(arc);
            offset += length;
        }
        box.appendChild(ring);
        const count = document.createElement('span');
        count.className = 'atlas-count';
        count.textContent = total > 9999 ? Math.round(total / 1000) + 'k' : String(total);
        box.appendChild(count);
        return L.divIcon({
            html: box, iconSize: [size, size], iconAnchor: [size / 2, size / 2],
            className: 'atlas-cluster-icon' + (selected ? ' atlas-selected' : ''),
        });
    }
    const group = L.markerClusterGroup({
        maxClusterRadius: (zoom) => zoom >= options.mergeBelowZoom
            ? options.samePointPx * scale : options.mergeRadiusPx * scale,
        spiderfyOnMaxZoom: true,
        showCoverageOnHover: true,
        zoomToBoundsOnClick: true,
        spiderfyDistanceMultiplier: touch ? 1.8 : 1.3,
        spiderLegPolylineOptions: {weight: 2, color: '#222222', opacity: 0.7},
        iconCreateFunction: clusterIcon,
    });
    const layer = L.geoJson(data, {pointToLayer: mark});
    let selectedMarker = null;
    layer.eachLayer(function (m) {
        if (m.feature.properties.selected) selectedMarker = m;
    });
    group.addLayers(layer.getLayers());
    group.on('add', function () {
        const map = group._map;
        layer.eachLayer((m) => keepTooltipInside(m, map));
        // The mark just clicked stays in sight: a cluster holding it on one point
        // opens again after the rerun redraws the map.
        setTimeout(function () {
            if (!selectedMarker || !group._map) return;
            const parent = group.getVisibleParent(selectedMarker);
            const here = selectedMarker.getLatLng();
            if (parent && parent !== selectedMarker && parent.spiderfy
                    && parent.getAllChildMarkers().every((m) => m.getLatLng().equals(here))) {
                parent.spiderfy();
            }
        }, 0);
    });
    return group;
}
"""

# An area is drawn as a polygon around its point rather than an L.circle: Leaflet clips
# polygons to the view, but not circles, and zoomed in, a circle hundreds of km across
# became an SVG arc millions of pixels wide that kept Chromium busy for seconds.
_AREA_TO_LAYER = """
function (feature, latlng) {
    const p = feature.properties;
    const colour = /^#[0-9A-Fa-f]{6}$/.test(String(p.colour)) ? String(p.colour) : '#444444';
    const d = Number(p.radius_m) / 6371008.8, rad = Math.PI / 180;
    const lat = latlng.lat * rad, lon = latlng.lng * rad, ring = [];
    for (let i = 0; i < 96; i++) {
        const b = 2 * Math.PI * i / 96;
        const lat2 = Math.asin(
            Math.sin(lat) * Math.cos(d) + Math.cos(lat) * Math.sin(d) * Math.cos(b));
        const lon2 = lon + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat),
                                      Math.cos(d) - Math.sin(lat) * Math.sin(lat2));
        ring.push([lat2 / rad, lon2 / rad]);
    }
    return L.polygon(ring, {
        color: colour, weight: 1.5, opacity: 0.8, dashArray: '6 5', fillColor: colour,
        fillOpacity: Number(p.fill), interactive: false,
        atlasArea: {centre: latlng, radius: Number(p.radius_m)},
    });
}
"""

# Page-wide behaviour of the map frame, set once with the base map.
_MAP_CSS = """
<style>
.atlas-mark, .atlas-cluster-icon { background: none; border: none; }
.atlas-shape, .atlas-cluster { position: relative; width: 100%; height: 100%; }
.atlas-shape svg, .atlas-cluster svg { display: block; overflow: visible; }
.atlas-count {
  position: absolute; left: 0; right: 0; top: 50%; transform: translateY(-50%);
  text-align: center; font: bold 11px/1 sans-serif; color: #111111; pointer-events: none;
}
.atlas-shape .atlas-count { top: 38%; color: #ffffff; text-shadow: 0 0 2px #000000; }
.leaflet-tooltip.atlas-tip { white-space: normal; width: max-content; max-width: min(260px, 70vw); }
</style>
"""


class _MapFrame(MacroElement):
    """The map frame's CSS, and focus without scrolling.

    Leaflet focuses the map on the first press (for its keyboard handler). When
    the map does not fit the window, the browser then scrolls Streamlit's page to
    bring the focused frame into view, the press lands on the background, and
    the click is lost (FIELD-NOTES §8). Focusing with ``preventScroll`` keeps
    the keyboard handler and the click.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}"""
        + _MAP_CSS
        + """{% endmacro %}
        {% macro script(this, kwargs) %}
        (function (container) {
            const focus = HTMLElement.prototype.focus;
            container.focus = function (options) {
                focus.call(this, Object.assign({}, options, {preventScroll: true}));
            };
        })({{ this._parent.get_name() }}.getContainer());
        {% endmacro %}
        """
    )


class ClaimClusters(plugins.MarkerCluster):
    """The claims' marks, clustered by Leaflet.markercluster (folium's MarkerCluster
    plugin provides the library's files); ``data`` is the marks' FeatureCollection."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        function {{ this.get_name() }}_add(data) {
            return ("""
        + _MARKS_JS
        + """)(data, {{ this.shapes|tojson }}, {{ this.js_options|tojson }});
        }
        var {{ this.get_name() }} = {{ this.get_name() }}_add({{ this.data|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, data: Mapping[str, Any]) -> None:
        super().__init__(name="Marks", control=False)
        self._name = "ClaimClusters"
        self.data = dict(data)
        self.shapes = SHAPES
        self.js_options = {
            "mergeBelowZoom": MERGE_BELOW_ZOOM,
            "samePointPx": SAME_POINT_PX,
            "mergeRadiusPx": MERGE_RADIUS_PX,
        }


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
        # The map's own zoom limit: Leaflet.markercluster needs one, and a blank
        # background has no tile layer to lend it.
        maxZoom=MAX_ZOOM,
    )
    _MapFrame().add_to(base)
    return dress(base)


def build_claims_layer(data: Mapping[str, Any]) -> folium.FeatureGroup:
    """A feature group of area outlines and clustered marks for :func:`map_data`'s ``data``.

    Build this fresh on every run (never cache folium objects: FIELD-NOTES §5);
    cache the data instead.
    """
    group = folium.FeatureGroup(name="Claims")
    areas = data["areas"]
    if areas["features"]:
        folium.GeoJson(
            dict(areas), name="Areas", point_to_layer=folium.JsCode(_AREA_TO_LAYER)
        ).add_to(group)
    ClaimClusters(data["marks"]).add_to(group)
    from geo.basemap import localise

    # The clustering library's files belong to this layer, not to the base map.
    return localise(group)
