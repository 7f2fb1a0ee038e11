"""The curated gazetteer: ``data/places.csv`` loaded, validated and indexed by surface form."""

from __future__ import annotations

import csv
import functools
import math
import re
import types
from collections.abc import Iterable, Mapping
from pathlib import Path

from geo.distance import haversine_km
from geo.places import KINDS, Place

__all__ = [
    "COLUMNS",
    "PLACES_CSV",
    "Gazetteer",
    "load_gazetteer",
    "load_places",
    "place_from_row",
]

PLACES_CSV = Path(__file__).parent / "data" / "places.csv"
COLUMNS = (
    "id",
    "name",
    "kind",
    "country",
    "geonameid",
    "lat",
    "lon",
    "radius_km",
    "population",
    "provenance",
    "aliases",
)
ALIAS_SEPARATOR = "|"
COUNTRY_SEPARATOR = "|"

_ID = re.compile(r"^(gn:[1-9][0-9]*|ov:[a-z0-9]+(-[a-z0-9]+)*)$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def load_places(path: Path | None = None) -> tuple[Place, ...]:
    """Read and validate the curated gazetteer CSV (``geo/data/places.csv`` by default).

    Every row is checked here, at the boundary: a bad id, kind, coordinate,
    radius, country code, alias list or missing provenance raises
    ``ValueError`` naming the row id and the offending value.
    """
    with open(path or PLACES_CSV, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = tuple(reader.fieldnames or ())
        if header != COLUMNS:
            raise ValueError(
                f"places CSV must have the columns {COLUMNS!r}, instead got: {header!r}."
            )
        places = tuple(place_from_row(row) for row in reader)
    _check_unique(places)
    return places


def place_from_row(row: Mapping[str, str]) -> Place:
    """Turn one CSV row (a dict of strings) into a validated ``Place``."""
    place_id = row["id"]
    if not _ID.match(place_id):
        raise ValueError(
            f"places row id must be 'gn:<geonameid>' or 'ov:<slug>', instead got: {place_id!r}."
        )
    geonameid = _geonameid(place_id, row["geonameid"])
    aliases = tuple(a for a in row["aliases"].split(ALIAS_SEPARATOR) if a)
    name = row["name"]
    if name not in aliases:
        raise ValueError(f"places row {place_id!r}: name {name!r} is not among its aliases.")
    if aliases != tuple(a.strip() for a in aliases):
        raise ValueError(
            f"places row {place_id!r}: aliases must not have surrounding spaces, "
            f"instead got: {aliases!r}."
        )
    if not row["provenance"].strip():
        raise ValueError(f"places row {place_id!r}: provenance must not be empty.")
    return Place(
        id=place_id,
        name=name,
        kind=_kind(place_id, row["kind"]),
        country=_country(place_id, row["country"]),
        lat=_number(place_id, "lat", row["lat"], -90.0, 90.0),
        lon=_number(place_id, "lon", row["lon"], -180.0, 180.0),
        radius_km=_radius(place_id, row["radius_km"]),
        provenance=row["provenance"],
        aliases=aliases,
        geonameid=geonameid,
        population=_population(place_id, row["population"]),
    )


def _geonameid(place_id: str, value: str) -> int | None:
    if place_id.startswith("gn:"):
        if value != place_id[3:]:
            raise ValueError(
                f"places row {place_id!r}: geonameid must repeat the id's number, "
                f"instead got: {value!r}."
            )
        return int(value)
    if value:
        raise ValueError(
            f"places row {place_id!r}: overlay rows have no geonameid, instead got: {value!r}."
        )
    return None


def _kind(place_id: str, value: str) -> str:
    if value not in KINDS:
        raise ValueError(
            f"places row {place_id!r}: kind must be one of {KINDS}, instead got: {value!r}."
        )
    return value


def _country(place_id: str, value: str) -> str:
    codes = value.split(COUNTRY_SEPARATOR)
    if not all(_COUNTRY.match(code) for code in codes):
        raise ValueError(
            f"places row {place_id!r}: country must be ISO alpha-2 codes joined by "
            f"{COUNTRY_SEPARATOR!r}, instead got: {value!r}."
        )
    return value


def _number(place_id: str, field: str, value: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not low <= number <= high:
        raise ValueError(
            f"places row {place_id!r}: {field} must be a number between {low} and {high}, "
            f"instead got: {value!r}."
        )
    return number


def _radius(place_id: str, value: str) -> float:
    radius = _number(place_id, "radius_km", value, 0.0, 20_000.0)
    if radius <= 0:
        raise ValueError(
            f"places row {place_id!r}: radius_km must be positive, instead got: {value!r}."
        )
    return radius


def _population(place_id: str, value: str) -> int:
    if not value.isdigit():
        raise ValueError(
            f"places row {place_id!r}: population must be a whole number >= 0, "
            f"instead got: {value!r}."
        )
    return int(value)


def _check_unique(places: Iterable[Place]) -> None:
    seen: set[str] = set()
    for place in places:
        if place.id in seen:
            raise ValueError(f"places row id must be unique, instead got {place.id!r} twice.")
        seen.add(place.id)


class Gazetteer:
    """Places indexed by id and by exact, case-sensitive surface form.

    Built once and never changed. ``surfaces`` maps every alias to the places
    that carry it, in gazetteer order; the matcher builds its automaton from it.
    ``extra_surfaces`` maps more surfaces to place ids, for names a place should
    answer to without listing them as aliases (the GeoNames-scale index uses it
    for alternate names of curated places); their places come after the alias
    holders.
    """

    __slots__ = ("__weakref__", "_by_id", "_places", "_surfaces")

    def __init__(
        self,
        places: Iterable[Place],
        *,
        extra_surfaces: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self._places = tuple(places)
        self._by_id = {place.id: place for place in self._places}
        surfaces: dict[str, tuple[Place, ...]] = {}
        for place in self._places:
            for alias in place.aliases:
                surfaces[alias] = (*surfaces.get(alias, ()), place)
        for surface, ids in (extra_surfaces or {}).items():
            held = surfaces.get(surface, ())
            extra = tuple(self._by_id[i] for i in ids if self._by_id[i] not in held)
            surfaces[surface] = held + extra
        self._surfaces = types.MappingProxyType(surfaces)

    @classmethod
    def from_surfaces(
        cls, places: Iterable[Place], surfaces: Mapping[str, tuple[Place, ...]]
    ) -> Gazetteer:
        """A gazetteer over ``places`` with a ready ``surfaces`` mapping, taken as given.

        For caches: another gazetteer's ``surfaces`` (a plain ``dict`` of it) can be
        stored beside its places and restored without re-deriving it, which is most of
        the cost of building a GeoNames-scale gazetteer.
        """
        gazetteer = cls.__new__(cls)
        gazetteer._places = tuple(places)
        gazetteer._by_id = {place.id: place for place in gazetteer._places}
        gazetteer._surfaces = types.MappingProxyType(dict(surfaces))
        return gazetteer

    @property
    def places(self) -> tuple[Place, ...]:
        return self._places

    @property
    def surfaces(self) -> Mapping[str, tuple[Place, ...]]:
        return self._surfaces

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or ``None``."""
        return self._by_id.get(place_id)

    def contains(self, outer: Place, inner: Place) -> bool:
        """Does ``outer`` contain ``inner``?

        By ``parents`` first, followed up the hierarchy (a town's province's country).
        When ``inner``'s parents include a place of ``outer``'s kind that is not
        ``outer`` (another province), the answer is no. Otherwise by country code
        for a country, and else by radii: ``inner``'s circle lies within ``outer``'s.
        """
        if outer.id == inner.id:
            return True
        ancestors = self.ancestors(inner)
        if outer.id in ancestors:
            return True
        if any(parent.kind == outer.kind for parent in ancestors.values()):
            return False
        if outer.kind == "country" and set(inner.country.split("|")) == {outer.country}:
            return True
        distance = haversine_km(outer.lat, outer.lon, inner.lat, inner.lon)
        return distance + inner.radius_km <= outer.radius_km

    def ancestors(self, place: Place) -> dict[str, Place]:
        """Every place that holds ``place`` by the hierarchy (parents of parents…), by id."""
        found: dict[str, Place] = {}
        stack = list(place.parents)
        while stack:
            parent = self.get(stack.pop())
            if parent is not None and parent.id not in found:
                found[parent.id] = parent
                stack.extend(parent.parents)
        return found

    def lookup(self, surface: str) -> tuple[Place, ...]:
        """Places whose aliases include exactly ``surface`` (case-sensitive); may be empty."""
        return self._surfaces.get(surface, ())

    def __len__(self) -> int:
        return len(self._places)

    def __repr__(self) -> str:
        return f"Gazetteer({len(self._places)} places, {len(self._surfaces)} surfaces)"


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The curated gazetteer from the bundled ``places.csv``, loaded once per process."""
    return Gazetteer(load_places())
