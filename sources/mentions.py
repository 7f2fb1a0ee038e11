"""Which names in a text are places, and which place each one is.

The matcher finds every gazetteer name; this module drops those that sit
inside other names (outlets, people, ships, exercise names) or page furniture,
rewrites "the border with X" into the border it names, marks hyphenated pairs
("Azerbaijan-Iran cooperation") as modifiers, adds what an optional geocoder
can place, and picks one candidate for each same-name place.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from geo.distance import km_fast
from geo.gazetteer import Gazetteer
from geo.geocoding import Geocoder
from geo.matching import Mention
from geo.places import Place
from sources.cues import cues_for, is_furniture_line

__all__ = [
    "compounds",
    "names_within",
    "real_places",
    "resolve_places",
    "with_borders",
    "with_geocoded",
]

# A place name followed by one of these is part of a name, not a place.
_NAME_SUFFIXES = frozenset(
    """Times News Agency Daily Press Media Post Herald Tribune International TV Radio Monitor
    Gazette Journal Review Observer University Institute Airlines Army Navy Air War Wars
    Victory Corps Guards FC Club Today Online Weekly Review Ministry Republic's""".split()
)
# A capitalised word before a place that still leaves it a place.
_PLACE_PREFIXES = frozenset(
    """In At On Near Along Across From To Of The And Or But For With By Into Inside Both
    North South East West Northern Southern Eastern Western Central Upper Lower Greater
    Occupied Liberated Mount Lake Port New Old Northwestern Northeastern Southwestern
    Southeastern Iran's Iran’s While Since After Before During Last First""".split()
)
_SURNAME = re.compile(r"^[A-Z][a-z]+(?:yan|ian|ov|ova|ev|eva|zadeh|pour|vili|dze|oglu|oğlu)$")
_PROVINCE_WORDS = re.compile(r"^\W*(?:province|provinces|ostan|eyalet|vilayet)", re.I)
_DISTRICT_WORDS = re.compile(r"^\W*(?:district|county|region|ilçe|rayon)", re.I)

_UNKNOWN_SITE = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:the\s+)?((?:[A-Z][a-z][\w’'-]*)(?:\s+[A-Z][a-z][\w’'-]*){0,2})"
)
_NOT_SITES = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This That These Those""".split()
)


def with_geocoded(
    body: str,
    sentences: Iterable[tuple[int, str]],
    mentions: list[Mention],
    geocoder: Geocoder,
) -> list[Mention]:
    """Mentions plus the names a geocoder could place, for names the gazetteer lacks."""
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    for offset, text in sentences:
        for match in _UNKNOWN_SITE.finditer(text):
            start, end = offset + match.start(1), offset + match.end(1)
            name = body[start:end]
            if name.split()[0] in _NOT_SITES or any(s < end and start < e for s, e in taken):
                continue
            place = geocoder(name)
            if place is not None:
                extra.append(Mention(start, end, name, (place,)))
    return sorted([*mentions, *extra], key=lambda m: m.start)


def compounds(body: str, mentions: Sequence[Mention], language: str) -> set[int]:
    """Indices of places joined by a hyphen into a modifier: "Azerbaijan-Iran
    cooperation", "Baku-Tehran relations". Turkic place chains are handled by
    their own rule ("Culfa-Aslandüz-Muğan istiqamətində")."""
    if cues_for(language).suffix_locative is not None:
        return set()
    found: set[int] = set()
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if b.start == a.end + 1 and body[a.end] in "-–‐":
            found.update((i, i + 1))
    return found


# Blanks, not line breaks: a border phrase never runs across lines.
_BORDER_BEFORE = re.compile(
    r"(?:the[ \t]+)?(?:(?:common|shared|joint|northern|southern)[ \t]+)?[Bb]orders?[ \t]+"
    r"(?:with|of)[ \t]+(?:the[ \t]+)?$"
)
_BORDER_AFTER = re.compile(r"^(?:’s|'s)?\s+[Bb]orders?\b")
_BORDER_AFTER_TR_AZ = re.compile(r"^(?:\s+(?:ilə|ile))?\s+(?:sərhəd|sınır)\w*")
_COORDINATED = re.compile(r"^(?:,|\s+and|\s+or)\s+\S+(?:\s+\S+)?\s+[Bb]orders?\b")


def with_borders(
    body: str,
    mentions: Sequence[Mention],
    places: Sequence[Place],
    gazetteer: Gazetteer,
    language: str,
) -> tuple[list[Mention], list[Place]]:
    """A country named as one side of a border stands for that border.

    "the border with Iran", "borders of Armenia and Azerbaijan", "Azerbaijan
    Border", "Azərbaycan ilə sərhəddə": the other side is the country the
    article names most often.
    """
    countries = Counter(p.country for p in places if p.kind == "country")
    country_at = [
        (m.start, p.country) for m, p in zip(mentions, places, strict=True) if p.kind == "country"
    ]
    out_m, out_p = list(mentions), list(places)
    converted = -2
    for i, (mention, place) in enumerate(zip(mentions, places, strict=True)):
        if place.kind != "country":
            continue
        before, after = body[max(0, mention.start - 40) : mention.start], body[mention.end :][:40]
        start, end = mention.start, mention.end
        if (m := _BORDER_BEFORE.search(before)) is not None:
            start = mention.start - len(before) + m.start()
        elif (m := _border_after(after, language)) is not None:
            end = mention.end + m.end()
        elif not (_COORDINATED.match(after) or converted == i - 1):
            continue
        siblings = _coordinated(body, mentions, places, i)
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
        out_m[i] = Mention(start, end, body[start:end], (border,))
        out_p[i] = border
        converted = i
    return out_m, out_p


def _border_after(after: str, language: str) -> re.Match[str] | None:
    match = _BORDER_AFTER.match(after)
    if match is None and language in ("az", "tr"):
        match = _BORDER_AFTER_TR_AZ.match(after)
    return match


def _coordinated(
    body: str, mentions: Sequence[Mention], places: Sequence[Place], i: int
) -> set[str]:
    """Countries listed together with mention ``i``: "Armenia, Azerbaijan", "X and Y"."""
    found = set()
    for j in (i - 1, i + 1):
        if 0 <= j < len(mentions) and places[j].kind == "country":
            a, b = sorted((mentions[i], mentions[j]), key=lambda m: m.start)
            if body[a.end : b.start].strip() in (",", "and", "or", "ve", "və", "и"):
                found.add(places[j].country)
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


def real_places(
    body: str, mentions: Sequence[Mention], names: Sequence[tuple[int, int, str]]
) -> list[Mention]:
    """Drop names inside exercise, organisation, person and ship names, and furniture."""
    ends = {m.end for m in mentions}
    starts = [n[0] for n in names]
    furniture: dict[int, bool] = {}
    kept = []
    for i, mention in enumerate(mentions):
        if _overlaps_name(names, starts, mention):
            continue
        if _narrowed(body, mention, mentions[i + 1] if i + 1 < len(mentions) else None):
            continue
        if _inside_other_name(body, mention, ends) or _in_furniture(body, mention, furniture):
            continue
        kept.append(mention)
    return kept


def names_within(
    names: Sequence[tuple[int, int, str]], starts: Sequence[int], lo: int, hi: int
) -> Iterator[tuple[int, int, str]]:
    """Exercise names inside ``[lo, hi)``; ``names`` are sorted and never overlap."""
    for name in names[bisect_left(starts, lo) : bisect_left(starts, hi)]:
        if name[1] <= hi:
            yield name


def _overlaps_name(
    names: Sequence[tuple[int, int, str]], starts: Sequence[int], mention: Mention
) -> bool:
    i = bisect_left(starts, mention.end)  # names starting before the mention ends
    return i > 0 and names[i - 1][1] > mention.start


def _narrowed(body: str, mention: Mention, following: Mention | None) -> bool:
    """ "liberated areas of Karabakh": the region is named by the place after "of"."""
    if following is None or not all(p.kind == "region" for p in mention.candidates):
        return False
    return re.fullmatch(r"\s+of\s+(?:the\s+)?", body[mention.end : following.start]) is not None


def _inside_other_name(body: str, mention: Mention, place_ends: set[int]) -> bool:
    after = body[mention.end : mention.end + 40]
    next_word = _NEXT_WORD.match(after)
    if next_word:
        word = next_word.group(1)
        if word in _NAME_SUFFIXES or _SURNAME.match(word):
            return True
    offset = max(0, mention.start - 40)
    found = _last_word(body[offset : mention.start])
    if found is None:
        return False
    word, start = found
    if word.lower() in _SHIP_WORDS:
        return True
    capitalised = word[:1].isupper() and word[1:].islower() and word.isalpha()
    if not capitalised or word in _PLACE_PREFIXES or offset + start + len(word) in place_ends:
        return False  # "İran Azərbaycanla": two places, not a name
    preceding = body[offset : offset + start].rstrip()
    sentence_initial = (
        not preceding
        or preceding[-1] in ".!?:\n"
        or "\n" in body[offset + len(preceding) : offset + start]
    )
    return not sentence_initial


_NEXT_WORD = re.compile(r"[ \t]+([\w’']+)")
_SHIP_WORDS = frozenset("destroyer frigate vessel ship corvette warship sloop ناو".split())


def _last_word(text: str) -> tuple[str, int] | None:
    """The word before trailing blanks at the end of ``text``, and where it starts."""
    end = len(text.rstrip(" \t"))
    if end == len(text):
        return None
    start = end
    while start and (text[start - 1].isalnum() or text[start - 1] in "_’'"):
        start -= 1
    return (text[start:end], start) if start < end else None


def _in_furniture(body: str, mention: Mention, seen: dict[int, bool]) -> bool:
    line_start = body.rfind("\n", 0, mention.start) + 1
    if line_start not in seen:
        line_end = body.find("\n", mention.start)
        line = body[line_start : line_end if line_end != -1 else len(body)]
        seen[line_start] = is_furniture_line(line)
    return seen[line_start]


def resolve_places(body: str, mentions: Sequence[Mention]) -> list[Place]:
    """Pick one candidate per mention, using the places around it."""
    anchors = [m.candidates[0] for m in mentions if len(m.candidates) == 1]
    countries = Counter(p.country for p in anchors if p.country and "|" not in p.country)
    return [_resolve(body, m, anchors, countries) for m in mentions]


def _resolve(
    body: str, mention: Mention, anchors: Sequence[Place], countries: Counter[str]
) -> Place:
    if len(mention.candidates) == 1:
        return mention.candidates[0]
    following = body[mention.end : mention.end + 20]
    point_anchors = [a for a in anchors if a.kind in ("settlement", "district")]

    def score(place: Place) -> float:
        value = math.log10(place.population + 10) * 0.3
        value += 1.0 * min(countries.get(place.country, 0), 3)
        if point_anchors:
            others = [km_fast(place, a) for a in point_anchors if a.id != place.id]
            value -= min(others, default=0.0) / 150.0
        if _PROVINCE_WORDS.match(following) and place.kind == "province":
            value += 5.0
        if _DISTRICT_WORDS.match(following) and place.kind == "district":
            value += 5.0
        return value

    return max(mention.candidates, key=score)
