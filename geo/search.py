"""Finding places by any of their names, for a reviewer choosing a claim's place."""

from __future__ import annotations

import bisect
import unicodedata
import weakref

from geo.gazetteer import Gazetteer
from geo.places import Place

__all__ = ["describe", "search_places"]

_INDEX: weakref.WeakKeyDictionary[Gazetteer, tuple[list[str], list[tuple[Place, ...]]]] = (
    weakref.WeakKeyDictionary()
)
# Curated and larger places first among equally good matches.
_KIND_RANK = {"country": 0, "region": 1, "province": 1, "sea": 1, "border": 1, "site": 2}


def search_places(gazetteer: Gazetteer, query: str, *, limit: int = 20) -> list[Place]:
    """Places with a name starting with ``query`` (case and accents ignored), best first:
    exact names, then curated rows, then by population."""
    key = _fold(query)
    if len(key) < 2:
        return []
    names, places = _index(gazetteer)
    found: dict[str, tuple[tuple, Place]] = {}
    start = bisect.bisect_left(names, key)
    for i in range(start, min(len(names), start + 5000)):
        if not names[i].startswith(key):
            break
        for place in places[i]:
            rank = (
                names[i] != key,
                not place.id.startswith("ov:"),
                _KIND_RANK.get(place.kind, 3),
                -place.population,
            )
            if place.id not in found or rank < found[place.id][0]:
                found[place.id] = (rank, place)
    ranked = sorted(found.values(), key=lambda item: (item[0], item[1].name))
    return [place for _, place in ranked[:limit]]


def _index(gazetteer: Gazetteer) -> tuple[list[str], list[tuple[Place, ...]]]:
    if gazetteer not in _INDEX:
        merged: dict[str, list[Place]] = {}
        for surface, places in gazetteer.surfaces.items():
            merged.setdefault(_fold(surface), []).extend(places)
        keys = sorted(merged)
        _INDEX[gazetteer] = (keys, [tuple(dict.fromkeys(merged[k])) for k in keys])
    return _INDEX[gazetteer]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def describe(place: Place) -> str:
    """``"Shusha — settlement, AZ"``: what a reviewer needs to tell places apart."""
    return f"{place.name} — {place.kind}, {place.country.replace('|', '/')}"
