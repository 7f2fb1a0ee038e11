"""The value type every other module in ``geo`` passes around."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = (
    "settlement",
    "district",
    "province",
    "region",
    "island",
    "sea",
    "river",
    "border",
    "country",
    "site",
)


@dataclass(frozen=True, kw_only=True)
class Place:
    """A named place with coordinates, an uncertainty radius and provenance.

    ``id`` is ``"gn:<geonameid>"`` for places taken from GeoNames and
    ``"ov:<slug>"`` for rows of the curated overlay. ``radius_km`` is how far
    from ``(lat, lon)`` the place may be meant: a few km for a town, hundreds
    for a sea or a border. ``provenance`` says where the coordinates came from.
    ``parents`` are the ids of the places that contain it, innermost first: a
    town's province and country, a province's country; ``()`` when unknown.
    """

    id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    radius_km: float
    provenance: str
    aliases: tuple[str, ...] = ()
    geonameid: int | None = None
    population: int = 0
    parents: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Decoded JSON gives lists; a Place must stay hashable.
        if not isinstance(self.parents, tuple):
            object.__setattr__(self, "parents", tuple(self.parents))

    @property
    def is_area(self) -> bool:
        """True when the place is too large to be drawn as a point."""
        return self.kind != "settlement" or self.radius_km > 10
