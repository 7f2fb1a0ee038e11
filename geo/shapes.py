"""Country outlines from Natural Earth, reduced to a small committed file, and tests on them.

``python -m geo.shapes --build world-atlas-2.0.2.tgz`` reads ``countries-50m.json``
from the npm package ``world-atlas@2.0.2`` (get it with ``npm pack world-atlas@2.0.2``;
Natural Earth, public domain) and writes ``geo/data/countries.json``: per ISO
alpha-2 code, the extent of the country's main landmass, its area-weighted
centroid, a point on land, a radius covering the main landmass, and outlines
simplified to about 3 km. ``--check [TARBALL]`` validates the file, and with the
tarball also that a fresh build gives the same file.

Longitudes of a country that crosses the antimeridian (Russia, Fiji, the US with
the Aleutians) are unwrapped: its coordinates run past 180° (Chukotka at 190°),
so its extent and centroid are those of the real shape.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import sys
import tarfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pycountry

from geo.distance import haversine_km

__all__ = [
    "COUNTRIES_JSON",
    "SOURCE",
    "Shape",
    "build_document",
    "check_document",
    "land_border",
    "land_mask",
    "load_shapes",
    "on_land",
    "point_on_land",
    "ring_area_km2",
    "ring_centroid",
    "shape_of",
]

COUNTRIES_JSON = Path(__file__).parent / "data" / "countries.json"
SOURCE = "world-atlas 2.0.2 countries-50m.json, Natural Earth 1:50m admin 0, public domain"
TOLERANCE_DEG = 0.03
# Parts of a country farther than this from its main landmass (Alaska, French Guiana,
# Hawaii) are outlines but not part of its extent, centre or radius.
MAIN_BODY_GAP_KM = 500.0
MIN_RING_KM2 = 30.0
_KM_PER_DEG = 111.195

Ring = tuple[tuple[float, float], ...]  # (lon, lat) points, closed implicitly
Polygon = tuple[Ring, ...]  # the outer ring, then holes


@dataclass(frozen=True, kw_only=True)
class Shape:
    """A country's simplified outline and what is derived from it.

    ``bbox`` is ``(west, south, east, north)`` of the main landmass; ``east`` may
    exceed 180 when the country crosses the antimeridian, and so may the
    longitudes in ``polygons``. ``main`` indexes the polygons of the main landmass.
    """

    code: str
    name: str
    bbox: tuple[float, float, float, float]
    centroid: tuple[float, float]
    point: tuple[float, float]
    radius_km: float
    polygons: tuple[Polygon, ...]
    main: tuple[int, ...]
    bounds: tuple[float, float, float, float]  # of every polygon, not just the main ones

    def main_polygons(self) -> tuple[Polygon, ...]:
        return tuple(self.polygons[i] for i in self.main)

    def contains(self, lat: float, lon: float) -> bool:
        """Is ``(lat, lon)`` inside the outline (holes excluded)? ``lon`` in [-180, 180]."""
        return any(
            _in_polygon(polygon, lat, x) for polygon in self.polygons for x in (lon, lon + 360)
        )


# --- reading the committed file -------------------------------------------------------


@functools.cache
def load_shapes(path: Path = COUNTRIES_JSON) -> Mapping[str, Shape]:
    """Every country's :class:`Shape` from ``countries.json``, keyed by ISO alpha-2."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return {code: _shape(code, entry) for code, entry in document["countries"].items()}


def shape_of(code: str) -> Shape | None:
    """The shape of the country with ISO alpha-2 ``code``, or ``None``."""
    return load_shapes().get(code)


def on_land(lat: float, lon: float) -> bool:
    """Is the point inside some country's outline? The open sea, the Caspian and
    big lakes cut out of Natural Earth's countries are not land."""
    return bool(land_mask(np.array([lat]), np.array([lon]))[0])


def land_mask(lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """:func:`on_land` for arrays of latitudes and longitudes at once."""
    inside = np.zeros(len(lats), dtype=bool)
    for shape in load_shapes().values():
        west, south, east, north = shape.bounds
        for shifted in (lons, lons + 360.0):
            near = (lats >= south) & (lats <= north) & (shifted >= west) & (shifted <= east)
            if near.any():
                for polygon in shape.polygons:
                    inside[near] |= _in_polygon_many(polygon, lats[near], shifted[near])
    return inside


def _shape(code: str, entry: Mapping[str, Any]) -> Shape:
    polygons = tuple(
        tuple(tuple(zip(ring[0::2], ring[1::2], strict=True)) for ring in polygon)
        for polygon in entry["polygons"]
    )
    points = [point for polygon in polygons for point in polygon[0]]
    return Shape(
        bounds=(
            min(p[0] for p in points),
            min(p[1] for p in points),
            max(p[0] for p in points),
            max(p[1] for p in points),
        ),
        code=code,
        name=entry["name"],
        bbox=tuple(entry["bbox"]),
        centroid=tuple(entry["centroid"]),
        point=tuple(entry["point"]),
        radius_km=entry["radius_km"],
        polygons=polygons,
        main=tuple(entry["main"]),
    )


def _in_polygon(polygon: Polygon, lat: float, lon: float) -> bool:
    return bool(_in_polygon_many(polygon, np.array([lat]), np.array([lon]))[0])


def _in_polygon_many(polygon: Polygon, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    inside = _in_ring_many(polygon[0], lats, lons)
    for hole in polygon[1:]:
        inside &= ~_in_ring_many(hole, lats, lons)
    return inside


def _in_ring_many(ring: Ring, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Even-odd ray casting of many points against one ring, vectorised over both."""
    xs = np.array([p[0] for p in ring])
    ys = np.array([p[1] for p in ring])
    x1, y1 = xs[:, None], ys[:, None]
    x2, y2 = np.roll(xs, -1)[:, None], np.roll(ys, -1)[:, None]
    crosses = (y1 > lats) != (y2 > lats)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = x1 + (lats - y1) * (x2 - x1) / (y2 - y1)
    return (crosses & (lons < at)).sum(axis=0) % 2 == 1


# --- planar helpers on a sinusoidal (equal-area) projection ----------------------------


def ring_area_km2(ring: Sequence[tuple[float, float]]) -> float:
    """Signed area of a (lon, lat) ring in km², positive when counter-clockwise."""
    return _area_and_centroid(ring)[0]


def ring_centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Area-weighted centroid ``(lat, lon)`` of a ring."""
    _, lat, lon = _area_and_centroid(ring)
    return lat, lon


def _area_and_centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    if len(ring) < 3:
        return 0.0, ring[0][1] if ring else 0.0, ring[0][0] if ring else 0.0
    lon0 = sum(p[0] for p in ring) / len(ring)
    xy = [((lon - lon0) * math.cos(math.radians(lat)), lat) for lon, lat in ring]
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(xy, xy[1:] + xy[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-12:
        return 0.0, sum(p[1] for p in ring) / len(ring), lon0
    cx, cy = cx / (3 * area), cy / (3 * area)
    lon = lon0 + cx / max(math.cos(math.radians(cy)), 1e-6)
    return area / 2 * _KM_PER_DEG**2, cy, lon


def weighted_centroid(
    polygons: Iterable[Sequence[Sequence[tuple[float, float]]]],
) -> tuple[float, float]:
    """Area-weighted centroid ``(lat, lon)`` of polygons (outer ring, then holes), whatever
    way their rings wind."""
    total = lat_sum = lon_sum = 0.0
    for polygon in polygons:
        for number, ring in enumerate(polygon):
            area, lat, lon = _area_and_centroid(ring)
            area = abs(area) if number == 0 else -abs(area)
            total += area
            lat_sum += area * lat
            lon_sum += area * lon
    if abs(total) < 1e-9:
        raise ValueError("rings enclose no area, instead got only degenerate rings.")
    return lat_sum / total, lon_sum / total


# --- building the file from world-atlas ------------------------------------------------


def build_document(tarball: Path) -> dict[str, Any]:
    """The ``countries.json`` document built from a ``world-atlas`` npm tarball."""
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("package/countries-50m.json")
        if member is None:
            raise ValueError(f"{tarball} has no package/countries-50m.json.")
        topology = json.load(member)
    countries = {}
    for code, name, polygons in _features(topology):
        entry = _entry(name, polygons)
        if entry is not None:
            countries[code] = entry
    return {
        "source": SOURCE,
        "tolerance_deg": TOLERANCE_DEG,
        "main_body_gap_km": MAIN_BODY_GAP_KM,
        "countries": dict(sorted(countries.items())),
    }


def _features(topology: Mapping[str, Any]) -> Iterator[tuple[str, str, list[list[list]]]]:
    arcs = _decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=geometry.get("id", ""))
        if country is None:  # Kosovo, N. Cyprus, Somaliland...: no ISO 3166 code
            continue
        if geometry["type"] == "Polygon":
            parts = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            parts = geometry["arcs"]
        else:
            continue
        polygons = [[_ring(ids, arcs) for ids in part] for part in parts]
        yield country.alpha_2, geometry["properties"]["name"], polygons


def _decode_arcs(topology: Mapping[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arc_ids: Sequence[int], arcs: Sequence[list[tuple[float, float]]]) -> list:
    points: list[tuple[float, float]] = []
    for index in arc_ids:
        segment = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(segment if not points else segment[1:])
    return points


def _entry(name: str, polygons: list[list[list]]) -> dict[str, Any] | None:
    polygons = _unwrap(polygons)
    kept = []
    for polygon in polygons:
        # Islands under MIN_RING_KM2 go, and a polygon whose outer ring went loses its holes.
        # Rounded first, to the 0.01° (about 1 km) stored, so that what is derived below
        # holds for the file's outlines.
        rings = [
            [(round(x, 2), round(y, 2)) for x, y in _simplify(r, TOLERANCE_DEG)] for r in polygon
        ]
        if len(rings[0]) >= 4 and abs(ring_area_km2(rings[0])) >= MIN_RING_KM2:
            holes = [r for r in rings[1:] if len(r) >= 4 and abs(ring_area_km2(r)) >= MIN_RING_KM2]
            kept.append([rings[0], *holes])
    if not kept:
        return None
    main = _main_body(kept)
    lat, lon = weighted_centroid([kept[i] for i in main])
    outer = [p for i in main for p in kept[i][0]]
    bbox = [min(p[0] for p in outer), min(p[1] for p in outer)]
    bbox += [max(p[0] for p in outer), max(p[1] for p in outer)]
    radius = max(haversine_km(lat, lon, p[1], p[0]) for p in outer)
    main_polygons = tuple(tuple(tuple(map(tuple, r)) for r in kept[i]) for i in main)
    point = point_on_land(main_polygons, lat, lon, bbox)
    return {
        "name": name,
        "bbox": [round(v, 2) for v in bbox],
        "centroid": [round(lat, 3), round(_normal_lon(lon), 3)],
        "point": [round(point[0], 3), round(_normal_lon(point[1]), 3)],
        "radius_km": float(math.ceil(radius)),
        "main": main,
        "polygons": [[_flat(ring) for ring in polygon] for polygon in kept],
    }


def _normal_lon(lon: float) -> float:
    return lon - 360 if lon > 180 else lon


def _flat(ring: Sequence[tuple[float, float]]) -> list[float]:
    return [round(v, 2) for point in ring for v in point]


def _unwrap(polygons: list[list[list]]) -> list[list[list]]:
    """Shift the western points of a country that crosses the antimeridian by 360°.

    Natural Earth cuts such countries at ±180°, sometimes inside one ring (Russia's
    mainland runs on into Chukotka at -180°), so points are shifted, not polygons;
    only when that makes the country narrower (not for Antarctica).
    """
    lons = [p[0] for polygon in polygons for ring in polygon for p in ring]
    span = max(lons) - min(lons)
    if span < 180:
        return polygons
    shifted_lons = [x + 360 if x < 0 else x for x in lons]
    if max(shifted_lons) - min(shifted_lons) >= span:
        return polygons
    return [
        [[(x + 360 if x < 0 else x, y) for x, y in ring] for ring in polygon]
        for polygon in polygons
    ]


def _simplify(ring: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on an open copy of a closed ring, keeping its first point."""
    points = [tuple(p) for p in ring]
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    if len(points) < 4:
        return points
    far = max(range(len(points)), key=lambda i: _sq(points[i], points[0]))
    first = _douglas_peucker(points[: far + 1], tolerance)
    second = _douglas_peucker([*points[far:], points[0]], tolerance)
    return first[:-1] + second[:-1]


def _douglas_peucker(points: list, tolerance: float) -> list:
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        best, index = 0.0, -1
        for i in range(start + 1, end):
            d = _segment_distance(points[i], points[start], points[end])
            if d > best:
                best, index = d, i
        if index != -1 and best > tolerance:
            keep[index] = True
            stack += [(start, index), (index, end)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _sq(a: tuple[float, float], b: tuple[float, float]) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _segment_distance(p: tuple, a: tuple, b: tuple) -> float:
    length = _sq(a, b)
    if length == 0:
        return math.sqrt(_sq(p, a))
    t = max(0.0, min(1.0, ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / length))
    return math.sqrt(_sq(p, (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))))


def _main_body(polygons: list[list[list]]) -> list[int]:
    """Indexes of the largest polygon and those within ``MAIN_BODY_GAP_KM`` of it, in a chain."""
    areas = [abs(ring_area_km2(p[0])) for p in polygons]
    vertices = [np.radians(np.array(p[0][:: max(1, len(p[0]) // 300)])) for p in polygons]
    body = {max(range(len(polygons)), key=areas.__getitem__)}
    grown = True
    while grown:
        grown = False
        for i in range(len(polygons)):
            if i not in body and any(
                _gap_km(vertices[i], vertices[j]) <= MAIN_BODY_GAP_KM for j in body
            ):
                body.add(i)
                grown = True
    return sorted(body)


def _gap_km(a: np.ndarray, b: np.ndarray) -> float:
    lon1, lat1 = a[:, 0][:, None], a[:, 1][:, None]
    lon2, lat2 = b[:, 0][None, :], b[:, 1][None, :]
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return float(2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(1.0, h))).min())


def point_on_land(
    polygons: Sequence[Polygon], lat: float, lon: float, bbox: Sequence[float]
) -> tuple[float, float]:
    """The centroid when it lies on land, else the nearest point of a land grid over the
    extent, or over the largest polygon when the islands are too small for that grid."""
    lat, lon = round(lat, 3), round(lon, 3)
    if any(_in_polygon(polygon, lat, lon) for polygon in polygons):
        return lat, lon
    largest = max(polygons, key=lambda polygon: abs(ring_area_km2(polygon[0])))
    outer = largest[0]
    for west, south, east, north in (
        bbox,
        (
            min(p[0] for p in outer),
            min(p[1] for p in outer),
            max(p[0] for p in outer),
            max(p[1] for p in outer),
        ),
    ):
        lons, lats = np.meshgrid(np.linspace(west, east, 80), np.linspace(south, north, 80))
        lats, lons = lats.ravel(), lons.ravel()
        inside = np.zeros(len(lats), dtype=bool)
        for polygon in polygons:
            inside |= _in_polygon_many(polygon, lats, lons)
        # Prefer grid points whose four neighbours are land too: rounding cannot
        # push those into the sea.
        grid = inside.reshape(80, 80)
        deep = grid.copy()
        for axis in (0, 1):
            for step in (1, -1):
                deep &= np.roll(grid, step, axis=axis)
        if deep.any():
            inside = deep.ravel()
        if inside.any():
            scale = math.cos(math.radians(lat))
            distance = (lats - lat) ** 2 + ((lons - lon) * scale) ** 2
            best = int(np.argmin(np.where(inside, distance, np.inf)))
            return float(lats[best]), float(lons[best])
    return lat, lon


# --- checking --------------------------------------------------------------------------


def check_document(document: Mapping[str, Any]) -> list[str]:
    """Problems with a ``countries.json`` document; empty when it is sound."""
    problems = []
    for code, entry in document.get("countries", {}).items():
        if pycountry.countries.get(alpha_2=code) is None:
            problems.append(f"{code}: not an ISO 3166 alpha-2 code")
            continue
        shape = _shape(code, entry)
        west, south, east, north = shape.bbox
        lat, lon = shape.point
        if not (south <= lat <= north and (west <= lon <= east or west <= lon + 360 <= east)):
            problems.append(f"{code}: point {shape.point} outside its extent {shape.bbox}")
        if not shape.contains(lat, lon):
            problems.append(f"{code}: point {shape.point} is not on its land")
        if not 0 < shape.radius_km < 20_000:
            problems.append(f"{code}: radius {shape.radius_km!r} km")
    if len(document.get("countries", {})) < 200:
        problems.append(f"only {len(document.get('countries', {}))} countries")
    return problems


def render(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.shapes", description=__doc__)
    parser.add_argument("--build", type=Path, metavar="TARBALL", help="world-atlas-2.0.2.tgz")
    parser.add_argument(
        "--check", nargs="?", const=True, metavar="TARBALL", help="validate (and rebuild)"
    )
    parser.add_argument("--path", type=Path, default=COUNTRIES_JSON, help="the file to write")
    args = parser.parse_args(argv)
    if args.build:
        text = render(build_document(args.build))
        args.path.write_text(text, encoding="utf-8")
        print(f"{args.path}: {len(text) / 1000:.0f} KB")
        return 0
    if args.check:
        text = args.path.read_text(encoding="utf-8")
        problems = check_document(json.loads(text))
        if isinstance(args.check, str) and render(build_document(Path(args.check))) != text:
            problems.append(f"{args.path} differs from a fresh build of {args.check}")
        for problem in problems:
            print(problem)
        print(f"{args.path}: {len(problems)} problem(s)", file=sys.stderr)
        return 1 if problems else 0
    parser.print_usage()
    return 2


if __name__ == "__main__":
    sys.exit(main())


def land_border(a: str, b: str, *, within_km: float = 10.0) -> tuple[float, float, float] | None:
    """The land border of countries ``a`` and ``b`` (ISO alpha-2) as ``(lat, lon,
    radius_km)``: the points of ``a``'s outline within ``within_km`` of ``b``'s, their
    mean, and a radius covering them; ``None`` when they share no border.

    The outlines are simplified to about 3 km, so the two sides of one border lie a
    few km apart at most; a coast facing another country across the sea lies farther.
    """
    shape_a, shape_b = shape_of(a), shape_of(b)
    if shape_a is None or shape_b is None or not _boxes_touch(shape_a, shape_b, within_km):
        return None
    points_a, points_b = _vertices(shape_a), _vertices(shape_b)
    lat0 = math.radians(float(np.mean(points_a[:, 1])))
    scale = np.array([_KM_PER_DEG * math.cos(lat0), _KM_PER_DEG])
    xy_a, xy_b = points_a * scale, points_b * scale
    near = np.zeros(len(xy_a), dtype=bool)
    for start in range(0, len(xy_a), 512):
        chunk = xy_a[start : start + 512]
        gaps = np.sqrt(((chunk[:, None, :] - xy_b[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
        near[start : start + 512] = gaps <= within_km
    if near.sum() < 3:
        return None
    border = points_a[near]
    lon, lat = float(border[:, 0].mean()), float(border[:, 1].mean())
    radius = max(haversine_km(lat, lon, float(y), float(x)) for x, y in border)
    return round(lat, 3), round(_normal_lon(lon), 3), float(math.ceil(max(radius, 10.0)))


def _boxes_touch(a: Shape, b: Shape, within_km: float) -> bool:
    pad = within_km / _KM_PER_DEG + 0.05
    west_a, south_a, east_a, north_a = a.bounds
    west_b, south_b, east_b, north_b = b.bounds
    apart = west_a > east_b + pad or west_b > east_a + pad
    return not (apart or south_a > north_b + pad or south_b > north_a + pad)


def _vertices(shape: Shape) -> np.ndarray:
    """Every outline point of ``shape`` as rows of (lon, lat)."""
    return np.array([point for polygon in shape.polygons for ring in polygon for point in ring])
