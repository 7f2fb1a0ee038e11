"""Areas derived from a place and a direction: "northwestern Iran", "30 km east of Yerevan",
"off Baku". Pure functions from a :class:`Place` to a new ``Place``, with provenance.

* :func:`directional_area` — the part of a country's (or any area's) extent on one
  side: a third of it for north, south, east and west, a corner ninth for north-west
  and the others, the middle ninth for "central"; cut to the country's Natural Earth
  outline so that the centre lies on land. Never the country's own centre.
* :func:`offset_area` — a point some distance out from a place, on a bearing.
* :func:`off_coast_area` — the sea next to a coastal town or country.

Russia crosses the antimeridian and is mostly Siberia, while "southern" or "western
Russia" in the news means the part west of the Urals. So for directions without an
east component Russia's extent is its mainland west of 60°E; north-east, east and
south-east use the whole shape, unwrapped past 180° (Chukotka, Primorye).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from geo.distance import destination_point, haversine_km
from geo.places import Place
from geo.shapes import SOURCE, Shape, land_mask, point_on_land, shape_of, weighted_centroid

__all__ = ["DIRECTIONS", "directional_area", "off_coast_area", "offset_area", "parse_direction"]

# code: (bearing in degrees, adjective, noun phrase for provenance)
DIRECTIONS: dict[str, tuple[float | None, str, str]] = {
    "n": (0.0, "Northern", "northern third"),
    "ne": (45.0, "Northeastern", "north-eastern ninth"),
    "e": (90.0, "Eastern", "eastern third"),
    "se": (135.0, "Southeastern", "south-eastern ninth"),
    "s": (180.0, "Southern", "southern third"),
    "sw": (225.0, "Southwestern", "south-western ninth"),
    "w": (270.0, "Western", "western third"),
    "nw": (315.0, "Northwestern", "north-western ninth"),
    "c": (None, "Central", "central ninth"),
}
_WORDS = {
    "n": "north northern northerly n север северн şimal kuzey شمال",
    "s": "south southern southerly s юг южн cənub güney جنوب",
    "e": "east eastern easterly e восто şərq doğu شرق",
    "w": "west western westerly w запад qərb batı غرب",
    "ne": "northeast ne северовосто şimalşərq kuzeydoğu شمالشرق",
    "nw": "northwest nw северозапад şimalqərb kuzeybatı شمالغرب",
    "se": "southeast se юговосто cənubşərq güneydoğu جنوبشرق",
    "sw": "southwest sw югозапад cənubqərb güneybatı جنوبغرب",
    "c": "central centre center middle mid c центр mərkəz orta مرکز",
}
# Longest first, so "northwestern" is not read as "north"; the bare codes only match whole.
_PREFIXES = sorted(
    (
        (word, code)
        for code, words in _WORDS.items()
        for word in words.split()
        if word not in DIRECTIONS
    ),
    key=lambda item: -len(item[0]),
)
_JOINERS = re.compile(r"[\s\-\u200c_]+")
_EUROPEAN_RUSSIA_EAST = 60.0  # the Urals
# Fewer sea probes than this along a coast are a gap between outlines, not a sea.
_MIN_COAST_PROBES = 3


def parse_direction(word: str) -> str:
    """A compass code ("n", "nw", ..., "c") from a direction word in English, Russian,
    Azerbaijani, Turkish or Persian, inflected or not: "northwestern", "north-west",
    "NW", "северо-западе", "южной", "kuzeybatısında", "şimal-qərbində", "شمال‌غرب".

    Raises ``ValueError`` for anything else.
    """
    folded = _JOINERS.sub("", word.strip().lower())
    if folded in DIRECTIONS:
        return folded
    for prefix, code in _PREFIXES:
        if folded.startswith(prefix):
            return code
    raise ValueError(
        f"direction must be a compass word such as 'northwestern', instead got: {word!r}."
    )


def directional_area(place: Place, direction: str) -> Place:
    """The part of ``place``'s extent on the side ``direction`` ("northwestern", "nw"...).

    For a country with a Natural Earth outline the extent is the outline's (see the
    module docstring for Russia); for any other place it is the box around its circle,
    cut to its country's outline when it has one. The result's centre is the
    area-weighted centroid of the land in that part (moved onto land when it falls in
    the sea), and its radius covers that land. Kind ``"region"``.
    """
    code = parse_direction(direction)
    extent, polygons, what = _extent(place, code)
    cell = _cell(extent, code)
    pieces = [piece for polygon in polygons for piece in _clip(polygon[0], cell)]
    if pieces:
        lat, lon = weighted_centroid([[piece] for piece in pieces])
        lat, lon = point_on_land([(piece,) for piece in pieces], lat, lon, cell)
        radius = max(haversine_km(lat, lon, y, x) for piece in pieces for x, y in piece)
        where = f"{what}; its land part, centre = area-weighted centroid on land"
    else:
        west, south, east, north = cell
        lat, lon = (south + north) / 2, (west + east) / 2
        radius = haversine_km(lat, lon, north, east)
        where = f"{what}; centre = the middle of that part"
    adjective, phrase = DIRECTIONS[code][1], DIRECTIONS[code][2]
    return Place(
        id=f"ov:dir-{_slug(place)}-{code}",
        name=f"{adjective} {place.name}",
        kind="region",
        country=place.country,
        lat=round(lat, 5),
        lon=round(_normal_lon(lon), 5),
        radius_km=float(math.ceil(max(radius, 1.0))),
        provenance=f"{phrase} of {where}; radius covers it",
        aliases=(f"{adjective} {place.name}",),
    )


def offset_area(place: Place, direction: str, km: float | None = None) -> Place:
    """The area ``km`` out from ``place`` on the bearing ``direction`` ("east of Yerevan").

    ``km`` counts from the place's point for a town and from its edge for a country
    (where its outline ends on that bearing); when no distance is stated (``None``)
    20 km, or twice the place's radius for a larger town, is assumed. The radius is
    0.6 × the distance (the bearing of an 8-point direction and the distance are both
    rough) plus the town's own radius.
    """
    code = parse_direction(direction)
    bearing = DIRECTIONS[code][0]
    if bearing is None:
        raise ValueError(f"offset_area needs a compass bearing, instead got: {direction!r}.")
    stated = km is not None
    distance = float(km) if km is not None else max(20.0, 2 * place.radius_km)
    if distance <= 0:
        raise ValueError(f"offset_area needs a positive distance, instead got: {km!r}.")
    edge = _edge_km(place, bearing)
    lat, lon = destination_point(place.lat, place.lon, bearing, edge + distance)
    radius = 0.6 * distance + (0.0 if edge else place.radius_km)
    word = DIRECTIONS[code][2].split()[0].removesuffix("ern").replace("-", "")
    word = {"norther": "north", "souther": "south"}.get(word, word)
    name = (
        f"{distance:g} km {word} of {place.name}" if stated else f"{word.title()} of {place.name}"
    )
    start = f"the edge of its outline ({edge:.0f} km out)" if edge else "its point"
    return Place(
        id=f"ov:near-{_slug(place)}-{code}" + (f"-{round(distance)}km" if stated else ""),
        name=name,
        kind="region",
        country=place.country,
        lat=round(lat, 5),
        lon=round(lon, 5),
        radius_km=float(math.ceil(radius)),
        provenance=(
            f"point {distance:g} km on bearing {bearing:g}° from {start} of {place.name} "
            f"({place.id})"
            + ("" if stated else ", distance assumed")
            + "; radius = 0.6 × the distance"
            + ("" if edge else " + the place's radius")
        ),
        aliases=(name,),
    )


def off_coast_area(place: Place, *, sea: Place | None = None) -> Place:
    """The sea just off a coastal town, or off a country's coast ("off Baku").

    A town: the nearest open sea within 60 km (sea again 6 km further out, so not a
    river mouth), centre 10 km beyond the shore. A country: the waters along the
    coast of its main landmass, one stretch of coast: the one nearest ``sea`` (a
    Place, e.g. the Caspian Sea) when given, else the longest. Kind ``"sea"``.
    Raises ``ValueError`` for a place with no sea near it.
    """
    shape = shape_of(place.country) if place.kind == "country" else None
    if shape is not None:
        lat, lon, radius, how = _off_country(shape, sea)
    else:
        lat, lon, radius, how = _off_point(place, sea)
    suffix = f"-{_slug(sea)}" if sea is not None else ""
    name = f"Off the coast of {place.name}" if shape is not None else f"Off {place.name}"
    return Place(
        id=f"ov:off-{_slug(place)}{suffix}",
        name=name,
        kind="sea",
        country=place.country,
        lat=round(lat, 5),
        lon=round(_normal_lon(lon), 5),
        radius_km=float(math.ceil(radius)),
        provenance=f"{how}, sea = outside every country of {SOURCE}",
        aliases=(name,),
    )


# --- extents and cells -----------------------------------------------------------------


def _extent(
    place: Place, code: str
) -> tuple[tuple[float, float, float, float], Sequence[Sequence[Sequence[tuple]]], str]:
    shape = shape_of(place.country.split("|")[0])
    if place.kind == "country" and shape is not None:
        if shape.code == "RU" and "e" not in code:
            return _european_russia(shape)
        return shape.bbox, shape.main_polygons(), f"{place.name}'s Natural Earth extent"
    west, south, east, north = _circle_box(place)
    polygons = () if shape is None or place.kind == "sea" else shape.polygons
    within = f", within {shape.name}'s Natural Earth outline" if polygons else ""
    return (
        (west, south, east, north),
        polygons,
        f"the box around {place.name}'s circle ({place.radius_km:g} km){within}",
    )


def _european_russia(shape: Shape) -> tuple[tuple[float, float, float, float], tuple, str]:
    mainland = max(shape.polygons, key=lambda polygon: len(polygon[0]))
    west_of_urals = _clip(mainland[0], (-180.0, -90.0, _EUROPEAN_RUSSIA_EAST, 90.0))
    points = [p for piece in west_of_urals for p in piece]
    box = (
        min(p[0] for p in points),
        min(p[1] for p in points),
        max(p[0] for p in points),
        max(p[1] for p in points),
    )
    return (
        box,
        [(piece,) for piece in west_of_urals],
        f"Russia's Natural Earth mainland west of the Urals ({_EUROPEAN_RUSSIA_EAST:g}°E)",
    )


def _circle_box(place: Place) -> tuple[float, float, float, float]:
    dlat = place.radius_km / 111.195
    dlon = dlat / max(math.cos(math.radians(place.lat)), 0.01)
    return place.lon - dlon, place.lat - dlat, place.lon + dlon, place.lat + dlat


def _cell(extent: Sequence[float], code: str) -> tuple[float, float, float, float]:
    west, south, east, north = extent
    width, height = (east - west) / 3, (north - south) / 3
    rows = {"n": (2, 3), "s": (0, 1), "c": (1, 2)}
    cols = {"w": (0, 1), "e": (2, 3), "c": (1, 2)}
    if code == "c":
        row, col = rows["c"], cols["c"]
    else:
        row = rows.get(code[0], (0, 3)) if code[0] in "ns" else (0, 3)
        col = cols.get(code[-1], (0, 3)) if code[-1] in "we" else (0, 3)
    return (
        west + col[0] * width,
        south + row[0] * height,
        west + col[1] * width,
        south + row[1] * height,
    )


def _clip(ring: Sequence[tuple[float, float]], box: Sequence[float]) -> list[list[tuple]]:
    """Sutherland-Hodgman: the part of ``ring`` inside ``box``, as zero or one ring."""
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    )
    points = list(ring)
    for inside, cross in edges:
        if not points:
            break
        out = []
        for a, b in zip(points, points[1:] + points[:1], strict=True):
            if inside(b):
                if not inside(a):
                    out.append(cross(a, b))
                out.append(b)
            elif inside(a):
                out.append(cross(a, b))
        points = out
    if len(points) < 3 or abs(_planar_area(points)) < 1e-9:
        return []
    return [points]


def _at_x(a: tuple, b: tuple, x: float) -> tuple[float, float]:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _at_y(a: tuple, b: tuple, y: float) -> tuple[float, float]:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def _planar_area(points: Sequence[tuple[float, float]]) -> float:
    return (
        sum(
            a[0] * b[1] - b[0] * a[1] for a, b in zip(points, [*points[1:], points[0]], strict=True)
        )
        / 2
    )


# --- offsets and coasts ----------------------------------------------------------------


def _edge_km(place: Place, bearing: float) -> float:
    """How far from its point ``place``'s outline runs on ``bearing``; 0 for a town."""
    shape = shape_of(place.country) if place.kind == "country" else None
    if shape is None:
        return place.radius_km if place.is_area and place.kind != "settlement" else 0.0
    steps = np.arange(0.0, shape.radius_km + 10.0, 10.0)
    points = [destination_point(place.lat, place.lon, bearing, float(d)) for d in steps]
    inside = [shape.contains(lat, lon) for lat, lon in points]
    last = max((i for i, flag in enumerate(inside) if flag), default=0)
    return float(steps[last])


def _off_point(place: Place, sea: Place | None) -> tuple[float, float, float, str]:
    bearings = np.arange(0.0, 360.0, 15.0)
    distances = np.arange(3.0, 67.0, 3.0)
    grid = [
        destination_point(place.lat, place.lon, float(b), float(d))
        for b in bearings
        for d in distances
    ]
    lats, lons = np.array([p[0] for p in grid]), np.array([p[1] for p in grid])
    wet = ~land_mask(lats, lons).reshape(len(bearings), len(distances))
    best: tuple[float, float] | None = None
    for i, bearing in enumerate(bearings):
        if sea is not None and _angle(bearing, _bearing(place, sea)) > 75:
            continue
        for j in range(len(distances) - 2):
            if wet[i, j] and wet[i, j + 1] and wet[i, j + 2]:
                if best is None or distances[j] < best[1]:
                    best = (float(bearing), float(distances[j]))
                break
    if best is None:
        raise ValueError(
            f"off_coast_area needs a place within 60 km of the sea, instead got: "
            f"{place.name!r} ({place.id})."
        )
    bearing, shore = best
    lat, lon = destination_point(place.lat, place.lon, bearing, shore + 10.0)
    how = (
        f"{shore + 10:g} km from {place.name} ({place.id}) on bearing {bearing:g}°, 10 km past "
        f"the nearest shore ({shore:g} km)"
    )
    return lat, lon, 15.0 + place.radius_km, how


def _off_country(shape: Shape, sea: Place | None) -> tuple[float, float, float, str]:
    coast = [p for polygon in shape.main_polygons() for p in polygon[0]]
    coast = coast[:: max(1, len(coast) // 400)]
    # A probe counts as sea when it is off every outline 20 km and 35 km from the
    # coast on the same bearing: the slivers between two independently simplified
    # borders are narrower than that.
    probes = [
        destination_point(y, _normal_lon(x), float(b), float(d))
        for x, y in coast
        for b in range(0, 360, 45)
        for d in (20, 35)
    ]
    lats, lons = np.array([p[0] for p in probes]), np.array([p[1] for p in probes])
    wet = ~land_mask(lats, lons).reshape(-1, 2)
    sea_probe = wet.all(axis=1)
    points = np.column_stack([lats[0::2][sea_probe], lons[0::2][sea_probe]])
    groups = _clusters(points, 250.0) if len(points) else []
    sizes = {label: groups.count(label) for label in set(groups)}
    kept = [i for i, label in enumerate(groups) if sizes[label] >= _MIN_COAST_PROBES]
    if not kept:
        raise ValueError(
            f"off_coast_area needs a country with a coast, instead got: {shape.name!r}."
        )
    if sea is not None:
        chosen = groups[min(kept, key=lambda i: haversine_km(sea.lat, sea.lon, *points[i]))]
    else:
        chosen = max(sizes, key=sizes.__getitem__)
    members = points[np.array(groups) == chosen]
    mean = members.mean(axis=0)
    centre = members[int(np.argmin(((members - mean) ** 2).sum(axis=1)))]
    radius = max(haversine_km(centre[0], centre[1], lat, lon) for lat, lon in members) + 20.0
    which = f"the stretch nearest {sea.name}" if sea is not None else "its longest stretch"
    how = (
        f"waters 20 km off {shape.name}'s Natural Earth coast ({which}); centre = the probe "
        "nearest their mean, radius covers them"
    )
    return float(centre[0]), float(centre[1]), radius, how


def _clusters(points: np.ndarray, km: float) -> list[int]:
    """Single-linkage cluster labels of ``(lat, lon)`` points closer than ``km``."""
    rad = np.radians(points)
    lat, lon = rad[:, 0][:, None], rad[:, 1][:, None]
    h = (
        np.sin((lat.T - lat) / 2) ** 2
        + np.cos(lat) * np.cos(lat.T) * np.sin((lon.T - lon) / 2) ** 2
    )
    near = 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(1.0, h))) < km
    labels = [-1] * len(points)
    for start in range(len(points)):
        if labels[start] != -1:
            continue
        labels[start] = start
        stack = [start]
        while stack:
            i = stack.pop()
            for j in np.nonzero(near[i])[0]:
                if labels[j] == -1:
                    labels[j] = start
                    stack.append(int(j))
    return labels


def _bearing(a: Place, b: Place) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlon = math.radians(b.lon - a.lon)
    y = math.sin(dlon) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    return math.degrees(math.atan2(y, x)) % 360


def _angle(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)


def _normal_lon(lon: float) -> float:
    return (lon + 180) % 360 - 180


def _slug(place: Place) -> str:
    if place.kind == "country" and re.fullmatch(r"[A-Z]{2}", place.country):
        return place.country.lower()
    return re.sub(r"[^a-z0-9]+", "-", place.id.split(":", 1)[-1].lower()).strip("-") or "place"
