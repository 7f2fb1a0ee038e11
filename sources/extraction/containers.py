"""Only the most specific place of a locative phrase is the site.

News copy locates a site by naming what holds it: "in Lankaran, a town in
Azerbaijan's Lankaran-Astara region", "the Aslan Duz district of Ardabil
Province", "in Baku, Azerbaijan", "the Kamkhud shooting range in Armenia",
"Azerbaijan's capital Baku", "in Aslan Duz near the Azerbaijan border". When
two places of one phrase (joined by a comma, a preposition, a possessive or a
head noun, not by "and") stand in a containment relation, the one contained is
the site and the container or border is context; the site keeps the
containers' names, most specific first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geo.distance import km_fast
from geo.gazetteer import Gazetteer
from geo.places import Place

if TYPE_CHECKING:
    from sources.extraction.resolve import Located

__all__ = ["contains", "settle_containers"]

# How general a kind of place is; a container is more general than what it holds.
_RANK = {
    "site": 0,
    "island": 1,
    "settlement": 2,
    "district": 3,
    "river": 3,
    "province": 4,
    "region": 4,
    "sea": 5,
    "country": 6,
}
_MAX_LINK_WORDS = 6
_COORDINATION = re.compile(
    r"(?<!\w)(?:and|or|as well as|ve|və|и|или|ва|және|жана|we|და|և|و|hem|həm)(?!\w)", re.I
)
_BREAK = re.compile(r"[;.!?]|\s[—–]\s|\s-\s")
_WORDS = re.compile(r"[^\W\d_]+")


def settle_containers(
    text: str,
    offset: int,
    located: Sequence[Located],
    roles: list[str],
    gazetteer: Gazetteer | None = None,
) -> list[tuple[str, ...]]:
    """Make containers of an exercise site context; return each mention's hierarchy.

    ``located`` are the mentions of one sentence (``text``, starting at body
    offset ``offset``) in order, and ``roles`` their roles, changed in place.
    """
    containers: list[list[Place]] = [[] for _ in located]
    site = list(range(len(located)))  # the site each mention's phrase is about
    for i in range(len(located) - 1):
        a, b = located[i], located[i + 1]
        if "exercise" not in (roles[i], roles[i + 1]) or a.modifier or b.modifier:
            continue
        link = text[a.end - offset : b.start - offset]
        here = site[i]
        if here != i and _joins_same(link, a.place, b.place):
            inner, outer = here, i + 1  # "along the borders of Armenia and Azerbaijan"
        elif not _one_phrase(link) or (
            _in_list(text, b.end - offset, link) and not _held_next(located, i + 1, gazetteer)
        ):
            continue
        elif b.place.kind == "border" and not _LOCATOR.search(link):
            continue  # "X, the Y border and Z": a list, not a locator
        elif _LOCATED.match(link):
            inner, outer = here, i + 1  # "the Caspian Sea, located on the territories of X"
        elif contains(b.place, located[here].place, gazetteer) or contains(
            b.place, a.place, gazetteer
        ):
            inner, outer = here, i + 1  # "in Baku, Azerbaijan": the later place holds it
        elif here == i and contains(a.place, b.place, gazetteer):
            inner, outer = i + 1, i  # "Azerbaijan's capital Baku": the earlier one does
        elif here == i and _POSSESSIVE.match(link) and a.place.kind == "country":
            inner, outer = i + 1, i  # "Germany's Baltic Sea port": the country's part of it
        else:
            continue
        roles[inner], roles[outer] = "exercise", "context"
        containers[inner].append(located[outer].place)
        site[outer] = site[i + 1] = inner
    return [
        tuple(p.name for p in sorted(found, key=lambda p: (_RANK.get(p.kind, 2), p.radius_km)))
        for found in containers
    ]


_LOCATOR = re.compile(
    r"(?<!\w)(?:near|along|on|at|by|beside|close to|вблизи|возле|у|вдоль|близ|کنار|نزدیک)(?!\w)",
    re.IGNORECASE,
)
# "X, located in/on Y": what follows locates X.
_LOCATED = re.compile(
    r"^\s*,?\s*(?:which is |that is )?(?:located|situated|lying|расположенн\w*)\b", re.I
)
_POSSESSIVE = re.compile(r"^[’']s?\s")
# "in A, B and C" goes on after B; "in Baku, Azerbaijan, October 24" does not: a date follows.
_LIST_GOES_ON = re.compile(
    r"^\s*(?:,|and\b|or\b|ve\b|və\b|и\b|و)(?!\s*(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Oct|Nov|Dec)[a-z]*\b|(?:on|in|at|last|this|next)\b))",
    re.IGNORECASE,
)


def _joins_same(link: str, a: Place, b: Place) -> bool:
    """ "X and Y" of one kind: a container's coordinated twin is a container too."""
    short = len(_WORDS.findall(link)) <= 3 and not _BREAK.search(link)
    return short and bool(_COORDINATION.search(link)) and a.kind == b.kind


def _held_next(located: Sequence[Located], i: int, gazetteer: Gazetteer | None) -> bool:
    """ "at the base, southeast of Jubail, Saudi Arabia": the comma after mention ``i``
    goes on to what holds it, not to another item of a list."""
    return i + 1 < len(located) and contains(located[i + 1].place, located[i].place, gazetteer)


def _in_list(text: str, after: int, link: str) -> bool:
    """ "in A, B and C": a comma that lists places rather than locating one by another."""
    return link.strip() == "," and bool(_LIST_GOES_ON.match(text[after : after + 12]))


def _one_phrase(link: str) -> bool:
    """Does the text between two places keep them in one locative phrase?"""
    if _BREAK.search(link) or _COORDINATION.search(link) or "\n" in link:
        return False
    return len(_WORDS.findall(link)) <= _MAX_LINK_WORDS


def contains(outer: Place, inner: Place, gazetteer: Gazetteer | None = None) -> bool:
    """Does ``outer`` hold or locate ``inner``? Borders locate anything beside them.

    The gazetteer's containers (``Place.parents``, followed up) decide when it has
    them; else kinds, countries and distance do.
    """
    if outer.id == inner.id:
        return False
    if gazetteer is not None and inner.parents:
        ancestors = gazetteer.ancestors(inner)
        if outer.id in ancestors:
            return True
        if any(parent.kind == outer.kind for parent in ancestors.values()):
            return False
    if outer.kind == "border":
        return inner.kind not in ("border", "country")
    rank_out, rank_in = _RANK.get(outer.kind, 2), _RANK.get(inner.kind, 2)
    if rank_out <= rank_in:
        return False
    if outer.kind == "country":
        return "|" not in inner.country and inner.country == outer.country
    shared = set(outer.country.split("|")) & set(inner.country.split("|"))
    reach = max(outer.radius_km * 1.5, 30.0)
    return bool(shared) and km_fast(outer, inner) <= reach
