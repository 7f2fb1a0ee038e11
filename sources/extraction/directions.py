"""Directional areas: a direction word makes a part of a place, and the part is the place.

News copy says where in a country a drill was, not only which country:
"northwestern Iran", "the north of Uzbekistan", "Iran's northwestern border
regions", "the country's northwest", "east of Yerevan", "off Baku",
"شمالغرب ایران", "на юге России", "Ўзбекистон шимолида". The mention then
spans the phrase and its place is that part (:func:`geo.areas.directional_area`,
from the country's or province's extent), never the country's centre. "X of a
town" is a point out from the town (:func:`geo.areas.offset_area`). A direction
adjective before a province ("northwestern Ardabil province") says where the
province lies in its country, and leaves the province as it is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

import ahocorasick_rs

from geo.gazetteer import Gazetteer
from geo.places import Place
from sources.extraction.cues import hint_text, hinted_matches, lower_body
from sources.extraction.language import Languages

if TYPE_CHECKING:
    from sources.extraction.resolve import Located

__all__ = ["with_directions"]

# Direction words of the languages geo.areas does not read, mapped to its English codes.
_MORE_WORDS = {
    "n": "шимол shimol солтүстік түндүк demirgazyk հյուսիս ჩრდილო",
    "s": "жануб janub ҷануб оңтүстік түштүк günorta հարավ სამხრეთ",
    "e": "шарқ sharq шығыс чыгыш gündogar արևել აღმოსავლეთ",
    "w": "ғарб g'arb батыс батыш günbatar արևմուտ დასავლეთ",
}
_EN_DIR = r"(?:north|south)(?:[- ]?(?:east|west))?(?:ern|erly)?|(?:east|west)(?:ern|erly)?|central"
# "northwestern Iran", "the northern sectors of Ardabil", "north of Yerevan".
_EN_BEFORE = re.compile(
    rf"(?P<dir>{_EN_DIR})(?P<part>\s+(?:(?:border|frontier|coastal)\s+)?"
    r"(?:parts?|sectors?|areas?|regions?|reaches|provinces?|districts?|side)\s+of)?"
    r"(?P<of>\s+of)?\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "Iran's northwestern border regions", "the country's north".
_EN_AFTER = re.compile(
    rf"^(?:’s|'s)\s+(?P<dir>{_EN_DIR})(?:\s+(?:(?:border|frontier|coastal)\s+)?"
    r"(?:parts?|sectors?|areas?|regions?|reaches|provinces?|borders?|side))?",
    re.IGNORECASE,
)
_COUNTRY_WORDS = re.compile(
    rf"(?<!\w)(?:(?:the\s+)?country(?:’s|'s)\s+(?P<en>{_EN_DIR})(?:\s+(?:border\s+)?"
    r"(?:regions?|areas?|parts?))?"
    r"|(?P<fa>شمال\s?غرب|شمال\s?شرق|جنوب\s?غرب|جنوب\s?شرق|شمال|جنوب|شرق|غرب)\s*کشور"
    r"|ülkenin\s+(?P<tr>kuzey\w*|güney\w*|doğu\w*|batı\w*)(?:\s+sınır)?(?:\s+bölge\w*)?)",
    re.IGNORECASE,
)
# One of these is in every match of _COUNTRY_WORDS, lowered, at most this many characters
# after the match's start and the blanks before the hint ("the", "جنوب غرب").
_COUNTRY_HINTS = ("country", "کشور", "ülkenin")
_COUNTRY_REACH = 8
_FA_BEFORE = re.compile(
    r"(?P<dir>شمال\s?غرب|شمال\s?شرق|جنوب\s?غرب|جنوب\s?شرق|شمال|جنوب|شرق|غرب)\s*$"
)
_RU_BEFORE = re.compile(
    r"(?:(?<=на )|(?<=в ))"
    r"(?P<dir>(?:северо|юго)-?(?:запад|восто)\w*|север\w*|юг\w*|восто\w*|запад\w*)"
    r"(?:\s+част\w+)?\s+$",
    re.IGNORECASE,
)
# Suffixing languages put the direction after the (genitive) name: "Ўзбекистон шимолида".
_DIR_AFTER = re.compile(r"^\s+(?P<dir>[^\W\d_][\w’'-]*)")
_OFF = re.compile(r"(?<!\w)off\s+(?:the\s+)?(?:coast\s+of\s+)?$", re.IGNORECASE)
# One of these is in every match of each pattern, lowered (see cues.may_match).
_OFF_HINTS = ("off",)
_EN_HINTS = ("north", "south", "east", "west", "central")
_FA_HINTS = ("شمال", "جنوب", "شرق", "غرب")
_RU_HINTS = ("север", "юг", "восто", "запад")
_BEFORE = ((_EN_BEFORE, _EN_HINTS), (_FA_BEFORE, _FA_HINTS), (_RU_BEFORE, _RU_HINTS))
_AREAS_KINDS = ("country", "province", "region", "sea")
# Any direction word of any language, or "off": where a direction phrase may be. An
# Aho-Corasick scan of the lowercased text finds them all at once (offsets may drift by a
# character after a Turkish "İ", which a window of 60 characters absorbs).
_DIRECTION_WORDS = (
    "north south east west central off север юг восто запад şimal cənub şərq qərb kuzey "
    "güney doğu batı شمال جنوب شرق غرب " + " ".join(_MORE_WORDS.values())
).split()


@cache
def _direction_scanner() -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick([w.lower() for w in _DIRECTION_WORDS])


def with_directions(
    body: str, located: Sequence[Located], gazetteer: Gazetteer, languages: Languages
) -> list[Located]:
    areas = _areas()
    if areas is None:
        return list(located)
    # Most mentions have no direction word near them: find those words once per text.
    lowered = lower_body(body)
    near = [start for _, start, _ in _direction_scanner().find_matches_as_indexes(lowered)]
    if not near:
        return list(located)
    out: list[Located] = []
    turned: Located | None = None  # the last mention this stage made a directional area
    for mention in located:
        i = bisect_left(near, mention.start - 60)
        if i < len(near) and near[i] < mention.end + 60:
            found = _directional(body, mention, languages.at(mention.start), areas)
            if found is None and turned is not None:
                found = _shared_direction(body, turned, mention, areas)
            turned = found
            mention = found or mention
        else:
            turned = None
        out.append(mention)
    if any(word in lowered for word in _COUNTRY_HINTS):  # a cheap look at the whole text
        out += _country_phrases(body, out, gazetteer, areas)
    return sorted(out, key=lambda m: m.start)


def _directional(body: str, mention: Located, language: str, areas: _Areas) -> Located | None:
    place = mention.place
    line_start = body.rfind("\n", 0, mention.start) + 1
    before = body[max(line_start, mention.start - 60) : mention.start]
    after = body[mention.end : mention.end + 60].split("\n")[0]
    if place.kind in _AREAS_KINDS or place.kind == "settlement":
        found = _before(before, place, areas)
        if found is not None:
            start, area, how = found
            return replace(mention, start=mention.start - start, place=area, note=how)
    if place.kind not in _AREAS_KINDS:
        return None
    if (m := _EN_AFTER.match(after)) is not None:
        area = _part(place, m.group("dir"), areas)
        if area is not None:
            return replace(mention, end=mention.end + m.end(), place=area)
    if (m := _DIR_AFTER.match(after)) is not None and language not in ("en", "ru", "fa"):
        code = _code(m.group("dir"), areas)
        # Never "central" here: "orta", "mid-" begin too many other words.
        area = _part(place, code, areas) if code not in (None, "c") else None
        if area is not None:
            return replace(mention, end=mention.end + m.end(), place=area)
    return None


# "the northern sectors of East Azarbaijan and Ardabil provinces": one direction, two places.
_AND_THEN = re.compile(r"\s*(?:,|and|or)\s+(?:the\s+)?$")
_PLURAL_HEAD = re.compile(r"^\s+(?:provinces|regions|oblasts|districts)\b")


def _shared_direction(
    body: str, previous: Located, mention: Located, areas: _Areas
) -> Located | None:
    """A place coordinated with a directional area before a plural head takes its
    direction: "northern sectors of A and B provinces" is the north of A and of B."""
    if mention.place.kind not in ("province", "region"):
        return None
    joined = _AND_THEN.fullmatch(body, previous.end, mention.start)
    if joined is None or not _PLURAL_HEAD.match(body[mention.end : mention.end + 20]):
        return None
    word = previous.place.name.split()[0]  # "Northern East Azerbaijan Province"
    if _code(word, areas) is None:
        return None
    area = _part(mention.place, word, areas)
    return replace(mention, place=area) if area is not None else None


def _before(before: str, place: Place, areas: _Areas) -> tuple[int, Place, str] | None:
    """A direction phrase ending right before the name: (its length, the area, a note)."""
    # Each pattern searches the window only when it holds one of its words.
    lowered = hint_text(before)
    if (lowered is None or "off" in lowered) and (m := _OFF.search(before)) is not None:
        try:
            return len(before) - m.start(), areas.off(place), ""
        except ValueError:
            return None
    for pattern, hints in _BEFORE:
        if lowered is not None and not any(hint in lowered for hint in hints):
            continue
        m = pattern.search(before)
        if m is None:
            continue
        of = pattern is _EN_BEFORE and bool(m.group("of") or m.group("part"))
        if place.kind == "settlement":
            if not (pattern is _EN_BEFORE and m.group("of") and not m.group("part")):
                return None  # "northern Baku" is still Baku
            area = _offset(place, m.group("dir"), areas)
        elif place.kind == "country" or of or pattern is not _EN_BEFORE:
            area = _part(place, m.group("dir"), areas)
        else:
            return None  # "northwestern Ardabil province": where the province lies
        return (len(before) - m.start(), area, "") if area is not None else None
    return None


def _country_phrases(
    body: str, located: list[Located], gazetteer: Gazetteer, areas: _Areas
) -> list[Located]:
    """ "the country's northwest": the country is the one named last before it."""
    from sources.extraction.resolve import Located

    found = []
    taken = [(m.start, m.end) for m in located]
    for match in _country_words(body):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        country = _country_before(start, located, gazetteer)
        word = match.group("en") or match.group("fa") or match.group("tr")
        area = _part(country, word, areas) if country is not None else None
        if area is not None:
            note = f"'the country' read as {country.name}, the country named last before it"
            found.append(Located(start, end, area, note=note))
    return found


def _country_words(body: str) -> list[re.Match[str]]:
    """_COUNTRY_WORDS in ``body``, tried only at its words: a case-insensitive search of a
    whole article for them tries every character of it."""
    return hinted_matches(_COUNTRY_WORDS, body, _COUNTRY_HINTS, _COUNTRY_REACH)


def _country_before(start: int, located: list[Located], gazetteer: Gazetteer) -> Place | None:
    for mention in reversed(located):
        if mention.start < start and "|" not in mention.place.country:
            code = mention.place.country
            return (
                mention.place
                if mention.place.kind == "country"
                else _countries(gazetteer).get(code)
            )
    return None


@cache
def _countries(gazetteer: Gazetteer) -> dict[str, Place]:
    return {p.country: p for p in gazetteer.places if p.kind == "country"}


def _part(place: Place, word: str, areas: _Areas) -> Place | None:
    code = _code(word, areas)
    if code is None:
        return None
    try:
        return areas.directional(place, code)
    except ValueError:
        return None


def _offset(place: Place, word: str, areas: _Areas) -> Place | None:
    code = _code(word, areas)
    if code is None or code == "c":
        return None
    try:
        return areas.offset(place, code)
    except ValueError:
        return None


def _code(word: str, areas: _Areas) -> str | None:
    folded = re.sub(r"[\s\-\u200c_]+", "", word.lower())
    for code, words in _MORE_WORDS.items():
        if folded.startswith(tuple(words.split())):
            return code
    try:
        return areas.parse(word)
    except ValueError:
        return None


class _Areas:
    """geo.areas, when the gazetteer side provides it."""

    def __init__(self, module: object) -> None:
        self.parse: Callable[[str], str] = module.parse_direction  # type: ignore[attr-defined]
        self.directional: Callable[[Place, str], Place] = cache(module.directional_area)  # type: ignore[attr-defined]
        self.offset: Callable[[Place, str], Place] = cache(module.offset_area)  # type: ignore[attr-defined]
        self.off: Callable[[Place], Place] = cache(module.off_coast_area)  # type: ignore[attr-defined]


@cache
def _areas() -> _Areas | None:
    try:
        from geo import areas
    except ImportError:
        return None
    return _Areas(areas)
