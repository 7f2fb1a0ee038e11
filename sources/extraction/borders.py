"""Borders named by a country: "the border with Iran", "Azerbaijan Border",
"along the borders of Armenia and Azerbaijan", "Azərbaycan ilə sərhəddə".

A country named as one side of a border stands for that border; the other side
is the country named nearby, else the one the article names most often.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

import ahocorasick_rs

from geo.gazetteer import Gazetteer
from geo.places import Place
from sources.extraction.cues import lower_body
from sources.extraction.language import Languages

if TYPE_CHECKING:
    from sources.extraction.resolve import Located

__all__ = ["with_borders"]


# Blanks, not line breaks: a border phrase never runs across lines.
# Headlines capitalise every word: "Encroachments On Border With Armenia"; Russian
# puts the other side in the instrumental: "вблизи границ с Польшей".
_BORDER_BEFORE = re.compile(
    r"(?:[Tt]he[ \t]+)?(?:(?:common|shared|joint|northern|southern)[ \t]+)?[Bb]orders?[ \t]+"
    r"(?:[Ww]ith|[Oo]f)[ \t]+(?:[Tt]he[ \t]+)?$|[Гг]раниц\w*[ \t]+со?[ \t]+$"
)
_BORDER_AFTER = re.compile(r"^(?:’s|'s)?\s+[Bb]orders?\b")
_BORDER_AFTER_TR_AZ = re.compile(r"^(?:\s+(?:ilə|ile))?\s+(?:sərhəd|sınır)\w*")
# Every border phrase below has one of these words within _REACH characters of the country.
_BORDER_WORDS = ("border", "sərhəd", "sınır", "serhet", "chegara", "границ")
_REACH = 60
_COORDINATED = re.compile(r"^(?:,|\s+and|\s+or)\s+\S+(?:\s+\S+)?\s+[Bb]orders?\b")


def with_borders(
    body: str, located: Sequence[Located], gazetteer: Gazetteer, languages: Languages
) -> list[Located]:
    """A country named as one side of a border stands for that border.

    "the border with Iran", "borders of Armenia and Azerbaijan", "Azerbaijan
    Border", "Azərbaycan ilə sərhəddə": the other side is the country the
    article names most often.
    """
    located = _borders_between(body, located, gazetteer)
    countries = Counter(x.place.country for x in located if x.place.kind == "country")
    country_at = [(x.start, x.place.country) for x in located if x.place.kind == "country"]
    out = list(located)
    converted = -2
    # Most country names stand far from any word for a border: find those words once.
    near = [start for _, start, _ in _border_scanner().find_matches_as_indexes(lower_body(body))]
    for i, mention in enumerate(located):
        place = mention.place
        if place.kind != "country":
            continue
        at = bisect_left(near, mention.start - _REACH)
        if converted != i - 1 and not (at < len(near) and near[at] < mention.end + _REACH):
            continue
        language = languages.at(mention.start)
        before, after = body[max(0, mention.start - 40) : mention.start], body[mention.end :][:40]
        start, end = mention.start, mention.end
        if (m := _BORDER_BEFORE.search(before)) is not None:
            start = mention.start - len(before) + m.start()
        elif (m := _border_after(after, language)) is not None:
            end = mention.end + m.end()
        elif not (_COORDINATED.match(after) or converted == i - 1):
            continue
        siblings = _coordinated(body, located, i)
        line_start = body.rfind("\n", 0, mention.start) + 1
        nearby = [c for pos, c in country_at if line_start <= pos < mention.start + 300]
        others = [
            c
            for c in [*nearby, *(c for c, _ in countries.most_common())]
            if c != place.country and c not in siblings
        ]
        border = next(
            (b for c in others if (b := _border_between(gazetteer, place.country, c))), None
        )
        if border is None:
            continue
        out[i] = replace(mention, start=start, end=end, place=border)
        converted = i
    return out


@cache
def _border_scanner() -> ahocorasick_rs.AhoCorasick:
    # Leftmost-first and without overlaps, as a regex alternation of these words finds
    # them; one Aho-Corasick pass is about three times faster than Python's re on it.
    return ahocorasick_rs.AhoCorasick(
        _BORDER_WORDS, matchkind=ahocorasick_rs.MatchKind.LeftmostFirst
    )


# "the border areas between Iran and Armenia", "border between Georgia and Russia".
_BETWEEN_BEFORE = re.compile(
    r"[Bb]orders?(?:[ \t]+(?:areas?|regions?|zones?|districts?|line))?[ \t]+between[ \t]+"
    r"(?:the[ \t]+)?$"
)
_AND = re.compile(r"[ \t]+(?:and|&)[ \t]+(?:the[ \t]+)?")


def _borders_between(
    body: str, located: Sequence[Located], gazetteer: Gazetteer
) -> Sequence[Located]:
    """ "border areas between X and Y": the two countries name one border."""
    out = list(located)
    i = 0
    while i < len(out) - 1:
        a, b = out[i], out[i + 1]
        if a.place.kind == "country" and b.place.kind == "country":
            before = _BETWEEN_BEFORE.search(body, max(0, a.start - 40), a.start)
            if before is not None and _AND.fullmatch(body, a.end, b.start):
                border = _border_between(gazetteer, a.place.country, b.place.country)
                if border is not None:
                    out[i : i + 2] = [replace(a, start=before.start(), end=b.end, place=border)]
        i += 1
    return out


def _border_after(after: str, language: str) -> re.Match[str] | None:
    match = _BORDER_AFTER.match(after)
    if match is None and language in ("az", "tr", "tk", "uz"):
        match = _BORDER_AFTER_TR_AZ.match(after)
    return match


def _coordinated(body: str, located: Sequence[Located], i: int) -> set[str]:
    """Countries listed together with mention ``i``: "Armenia, Azerbaijan", "X and Y"."""
    found = set()
    for j in (i - 1, i + 1):
        if 0 <= j < len(located) and located[j].place.kind == "country":
            a, b = sorted((located[i], located[j]), key=lambda m: m.start)
            if body[a.end : b.start].strip() in (",", "and", "or", "ve", "və", "и"):
                found.add(located[j].place.country)
    return found


def _border_between(gazetteer: Gazetteer, a: str, b: str | None) -> Place | None:
    return None if b is None else _borders_by_pair(gazetteer).get(frozenset((a, b)))


@cache
def _borders_by_pair(gazetteer: Gazetteer) -> dict[frozenset[str], Place]:
    found: dict[frozenset[str], Place] = {}
    for place in gazetteer.places:
        if place.kind == "border":
            found.setdefault(frozenset(place.country.split("|")), place)
    return found
