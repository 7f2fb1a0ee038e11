"""Stage 5, resolve: one place for each mention, and the places phrases make of them.

Same-name places are told apart by the words next to them (a province word
after the name picks the province) and by the places around them; then phrases
turn names into the places they denote: "the border with Iran" is a border,
"northwestern Iran" a part of Iran (:mod:`.directions`), "the Kamkhud shooting
range" a site (:mod:`.sites`). An optional geocoder places names in drill
sentences that the gazetteer lacks.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

from geo.distance import km_fast
from geo.gazetteer import Gazetteer
from geo.geocoding import Geocoder
from geo.matching import Mention
from geo.places import Place
from sources.extraction.borders import with_borders
from sources.extraction.cues import has_exercise_noun, lower_body
from sources.extraction.directions import with_directions
from sources.extraction.lists import with_listed_places
from sources.extraction.nonplaces import Places
from sources.extraction.sites import with_sites

__all__ = ["Located", "Resolved", "resolve"]


@dataclass(frozen=True)
class Located:
    """``body[start:end]`` names ``place``; a ``modifier`` never locates a drill."""

    start: int
    end: int
    place: Place
    modifier: bool = False
    note: str = ""


@dataclass(frozen=True)
class Resolved:
    places: Places
    located: tuple[Located, ...]
    # Kept for the containment checks of the role stage (Gazetteer.contains, parents).
    gazetteer: Gazetteer | None = None


def resolve(places: Places, gazetteer: Gazetteer, geocoder: Geocoder | None = None) -> Resolved:
    body = places.matches.languages.segments.body
    mentions = list(places.mentions)
    modifiers = {(mentions[i].start, mentions[i].end) for i in places.modifiers}
    if geocoder is not None:
        mentions = _with_geocoded(body, _drill_sentences(places), mentions, geocoder)
    chosen = resolve_places(body, mentions, gazetteer)
    located = [
        Located(m.start, m.end, p, (m.start, m.end) in modifiers)
        for m, p in zip(mentions, chosen, strict=True)
    ]
    languages = places.matches.languages
    located = with_borders(body, located, gazetteer, languages)
    located = with_sites(body, located, gazetteer, languages)
    located = with_listed_places(body, located)
    located = with_directions(body, located, gazetteer, languages)
    return Resolved(places, tuple(located), gazetteer)


def _drill_sentences(places: Places) -> Iterable[tuple[int, str]]:
    segments = places.matches.languages.segments
    for sentence in segments.sentences:
        text = segments.body[sentence.start : sentence.end]
        if places.matches.languages.at(sentence.start) == "en" and has_exercise_noun(text):
            yield sentence.start, text


# "held in Xyzabad": a capitalised name after a locative preposition.
_UNKNOWN_SITE = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:the\s+)?((?:[A-Z][a-z][\w’'-]*)(?:\s+[A-Z][a-z][\w’'-]*){0,2})"
)
_NOT_SITES = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This That These Those""".split()
)


def _with_geocoded(
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


def _province_named(gazetteer: Gazetteer, mention: Mention) -> Place | None:
    """The province or region called after a town the mention names, when the mention's
    candidates have none: "Ardabil" beside "provinces" is Ardabil Province."""
    if any(p.kind in ("province", "region") for p in mention.candidates):
        return None
    for name in dict.fromkeys([mention.text, *(p.name for p in mention.candidates)]):
        for head in ("Province", "province", "Region", "region", "Oblast"):
            found = [p for p in gazetteer.lookup(f"{name} {head}") if p.kind == "province"]
            if found:
                return found[0]
    return None


# A head word after (or, in Persian, before) a name that says which level is meant.
_PROVINCE_WORDS = re.compile(
    r"^\W*(?:provinces?|oblasts?|regions?|ostan|eyalet\w*|vilayet\w*|vilayət\w*|il[iİ]?\b|"
    r"ostanı|mintaqa\w*|viloyat\w*|welaýat\w*|област\w*|облыс\w*|облус\w*|вилоят\w*|"
    r"вилояти|край|крае|استان|მხარე\w*|მარზ|մարզ\w*)",
    re.IGNORECASE,
)
_DISTRICT_WORDS = re.compile(
    r"^\W*(?:district|county|rayon\w*|raion|ilçe\w*|район\w*|ауданы\w*|туман\w*|tuman\w*|"
    r"etrap\w*|شهرستان|მუნიციპალიტეტ\w*)",
    re.IGNORECASE,
)
# "Kermanshah and Ilam provinces": both names take the plural head.
_SHARED_PLURAL_HEAD = re.compile(
    r"\s*(?:,|and|or|və|ve|и)\s+[^\W\d_][\w’'-]*(?:\s[^\W\d_][\w’'-]*)?\s+"
    r"(?:provinces|regions|oblasts|областей|областях|eyaletleri|əyalətləri)\b"
)
_PROVINCE_BEFORE = re.compile(
    r"(?:province|region|oblast|استان|область|вилояти)\s+(?:of\s+)?$", re.IGNORECASE
)


def resolve_places(
    body: str, mentions: Sequence[Mention], gazetteer: Gazetteer | None = None
) -> list[Place]:
    """Pick one candidate per mention, using the words and places around it."""
    anchors = [m.candidates[0] for m in mentions if len(m.candidates) == 1]
    countries = Counter(p.country for p in anchors if p.country and "|" not in p.country)
    # A town alone needs a second look only beside a word for a province: find those once.
    near = _admin_hints(lower_body(body))
    chosen = []
    for m in mentions:
        if len(m.candidates) == 1 and not _near(near, m.start - 30, m.end + 60):
            chosen.append(m.candidates[0])
        else:
            chosen.append(_resolve(body, m, anchors, countries, gazetteer))
    return chosen


# Every word of _PROVINCE_WORDS, _PROVINCE_BEFORE and _SHARED_PLURAL_HEAD starts like one of
# these (lowered); "il" only when it ends a word.
_ADMIN_HINTS = (
    "provinc region oblast ostan eyalet vilay ili il mintaqa viloyat welaýat област "
    "облыс облус вилоят край крае استان მხარე მარზ մարզ əyalət"
).split()


@cache
def _admin_scanner() -> ahocorasick_rs.AhoCorasick:
    # Leftmost-first and without overlaps, as a regex alternation of these words finds
    # them; one Aho-Corasick pass is about eight times faster than Python's re on it.
    return ahocorasick_rs.AhoCorasick(
        _ADMIN_HINTS, matchkind=ahocorasick_rs.MatchKind.LeftmostFirst
    )


def _admin_hints(lowered: str) -> list[int]:
    """Where the words of _ADMIN_HINTS start in ``lowered``. A rejected "il" hides no
    other hint, as none starts with "l"."""
    il = _ADMIN_HINTS.index("il")
    return [
        start
        for number, start, end in _admin_scanner().find_matches_as_indexes(lowered)
        if number != il or end == len(lowered) or not _WORD_CHAR.match(lowered, end)
    ]


_WORD_CHAR = re.compile(r"\w")


def _near(positions: Sequence[int], lo: int, hi: int) -> bool:
    i = bisect_left(positions, lo)
    return i < len(positions) and positions[i] < hi


def _resolve(
    body: str,
    mention: Mention,
    anchors: Sequence[Place],
    countries: Counter[str],
    gazetteer: Gazetteer | None = None,
) -> Place:
    if len(mention.candidates) == 1 and mention.candidates[0].kind != "settlement":
        return mention.candidates[0]
    following = body[mention.end : mention.end + 24]
    preceding = body[max(0, mention.start - 24) : mention.start]
    admin = bool(
        _PROVINCE_WORDS.match(following)
        or _PROVINCE_BEFORE.search(preceding)
        or _SHARED_PLURAL_HEAD.match(body, mention.end, mention.end + 60)
    )
    if admin and gazetteer is not None:
        # "Ardabil provinces", "the region of Ardabil": the province the town names.
        province = _province_named(gazetteer, mention)
        if province is not None:
            return province
    if len(mention.candidates) == 1:
        return mention.candidates[0]
    district = bool(_DISTRICT_WORDS.match(following))
    point_anchors = [a for a in anchors if a.kind in ("settlement", "district")]

    def score(place: Place) -> float:
        value = math.log10(place.population + 10) * 0.3
        value += 1.0 * min(countries.get(place.country, 0), 3)
        if point_anchors:
            others = [km_fast(place, a) for a in point_anchors if a.id != place.id]
            value -= min(others, default=0.0) / 150.0
        if admin and place.kind in ("province", "region"):
            value += 5.0
        if district and place.kind == "district":
            value += 5.0
        return value

    return max(mention.candidates, key=score)
