"""Places listed after the district that holds them: "Çukurca ilçesi Kavuşak, Baski ve
Işıklı bölgelerinde", "Xocavənd rayonu Hadrut, Tuğ və Edilli kəndlərində".

News copy names villages and valleys the gazetteer lacks by the district they are in,
in the order container, head noun, list. Each listed name is then a place of that
district: a name the gazetteer has there keeps its place; a name it lacks, or has only
far away (a namesake elsewhere), is placed at the district's point with the district's
reach, and its provenance says so.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geo.distance import km_fast
from geo.places import Place

if TYPE_CHECKING:
    from sources.extraction.resolve import Located

__all__ = ["with_listed_places"]

# The head noun between a district (or province) and the names it holds.
_HEAD = re.compile(
    r"[ \t]+(?:ilçesi|ilçesinin|ilinin|ili|rayonu|rayonunun|district|province|район[аеу]?|"
    r"ауданы|ауданының|туманы|etraby)[ \t]+"
)
_NAME = re.compile(r"[^\W\d_][\w’'-]*")
_SEPARATOR = re.compile(r"[ \t]*,[ \t]*|[ \t]+(?:ve|və|we|va|and|и|және|жана)[ \t]+")
_CONTAINERS = ("settlement", "district", "province")
# How far a listed name's own place may lie from the district's point and still be its.
_NEAR_KM = 30.0
_MIN_RADIUS_KM = 10.0


def with_listed_places(body: str, located: Sequence[Located]) -> list[Located]:
    out = list(located)
    for mention in located:
        if mention.place.kind not in _CONTAINERS:
            continue
        head = _HEAD.match(body, mention.end)
        if head is not None:
            _place_list(body, head.end(), mention.place, out)
    return sorted(out, key=lambda m: m.start)


def _place_list(body: str, at: int, container: Place, out: list[Located]) -> None:
    from sources.extraction.resolve import Located

    for start, end in _names(body, at):
        inside = [i for i, m in enumerate(out) if m.start < end and start < m.end]
        if inside and all(km_fast(out[i].place, container) <= _NEAR_KM for i in inside):
            continue  # the gazetteer has it, there
        span = (
            min([start, *(out[i].start for i in inside)]),
            max([end, *(out[i].end for i in inside)]),
        )
        for i in sorted(inside, reverse=True):
            del out[i]
        name = body[start:end]
        out.append(
            Located(*span, _at(container, name), note=f"placed at its district {container.name}")
        )


def _names(body: str, at: int) -> list[tuple[int, int]]:
    """The capitalised names listed from ``at``: "Kavuşak, Baski ve Işıklı"."""
    found = []
    while (name := _NAME.match(body, at)) is not None and name.group(0)[0].isupper():
        found.append(name.span())
        separator = _SEPARATOR.match(body, name.end())
        if separator is None:
            break
        at = separator.end()
    return found


def _at(container: Place, name: str) -> Place:
    slug = re.sub(r"[\W_]+", "-", name.casefold()).strip("-")
    if not slug.isascii():  # an id of ASCII letters, the same in every run
        slug = f"{zlib.crc32(name.encode()):08x}"
    return replace(
        container,
        id=f"ov:in-{container.id.split(':')[-1]}-{slug}",
        name=name,
        kind="settlement",
        radius_km=max(container.radius_km, _MIN_RADIUS_KM),
        provenance=(
            f"a place the gazetteer lacks, listed in {container.name} ({container.id}); "
            "placed at that place's point, with a radius covering its district"
        ),
        aliases=(name,),
        geonameid=None,
        population=0,
    )
