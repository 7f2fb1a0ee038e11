"""Training grounds, ranges, bases: "the Kamkhud shooting range", "полигоне Гожский".

A range is named by a name and a head noun, in an order each language fixes:
"X training ground / range / air base / airfield", "X Atış ve Tatbikat Alanı",
"X poliqonu", "X Hava Meydanı", "«X» полигонында", "X პოლიგონზე",
"«X» զորավարժարանում", and head first "полигон X", "машқгоҳи X", "پایگاه X".
The mention then spans name and head, and its place is, in order:

* the site itself when the gazetteer has it (kind "site");
* the settlement the range is named after, widened to the range's reach,
  when the name is a known town: "range named after the settlement X; the
  range's own position is not in the gazetteer";
* when the name is unknown, the place that holds it in the same phrase
  ("Kars'taki ... Atış ve Tatbikat Alanı'nda", "in the town of Balykchy at
  the Edelweiss training area"), at that place's point and radius.

A range with an unknown name and nothing around it stays unplaced.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from functools import cache
from typing import TYPE_CHECKING

import ahocorasick_rs

from geo.distance import km_fast
from geo.gazetteer import Gazetteer
from geo.places import Place
from sources.extraction.containers import contains
from sources.extraction.cues import lower_body
from sources.extraction.language import Languages

if TYPE_CHECKING:
    from sources.extraction.resolve import Located

__all__ = ["with_sites"]

# How far a range named after a town may lie from the town's point.
SITE_RADIUS_KM = 15.0
_HEAD_AFTER = re.compile(
    r"(?:(?:military\s+)?(?:training\s+(?:grounds?|areas?|ranges?|cent(?:re|er)|camp)"
    r"|(?:firing|shooting|artillery|missile|tank)\s+ranges?|test(?:ing)?\s+(?:site|range)"
    r"|proving\s+grounds?|(?:air|naval|military|army)\s+base|airbase|airfield|air\s+field"
    r"|range|polygon)(?!\w)"
    r"|(?:Atış\s+(?:ve\s+Tatbikat\s+)?Alanı|Tatbikat\s+Alanı|Eğitim\s+Alanı|Kışlası|"
    r"Garnizonu|Hava\s+Üssü|Üssü|Poligonu|Hava\s+Meydanı|poliqonu|təlim\s+meydanı|"
    r"полигон|аэродром|poligon|զորավարժարան|պոլիգոն|(?:სამხედრო\s+)?(?:პოლიგონ|ბაზა|ბაზ))"
    r"[\w’']*)",
    re.IGNORECASE,
)
_HEAD_BEFORE = re.compile(
    r"(?<!\w)(?:полигон|аэродром|машқгоҳ|полигони|پایگاه|میدان تیر)[\w’']*\s+$", re.IGNORECASE
)
# A name of capitalised words (and their quotes), as it stands right before a head noun.
_NAME_BEFORE = re.compile(
    r"(?:[«“\"„']?[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁӘҒҚҢӨҰҮҺІЎҲҶӢӮԱ-Ֆ][\w’'-]*[»”\"']?\s+){1,8}$"
)
_NAME_AFTER = re.compile(
    r"^[«“\"„']?(?P<name>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІЎҲҶӢӮ][\w’'-]*(?:[ \t][A-ZА-ЯЁ][\w’'-]*){0,2})[»”\"']?"
)
# Words that may start a capitalised run without belonging to the name.
_NOT_NAME = frozenset("The A An In At On Near Of And To From".split())
_HEAD_FIRST = frozenset({"ru", "be", "uk", "bg", "tg", "fa"})
_CONTAINER_KINDS = ("settlement", "district", "province", "region", "island", "country")


def with_sites(
    body: str, located: Sequence[Located], gazetteer: Gazetteer, languages: Languages
) -> list[Located]:
    out = list(located)
    hints = _hints(body)
    if not hints:
        return out
    for at in hints:
        head = _HEAD_AFTER.match(body, at)
        if head is not None and (at == 0 or not body[at - 1].isalnum()):
            _name_then_head(body, head, out, gazetteer)
    for match in (m for at in hints if (m := _HEAD_BEFORE_SCAN.match(body, at))):
        # Russian, Tajik and Persian put the head first ("полигоне Гожский"); Kazakh
        # or Kyrgyz "полигонында Қорғаныс министрі" is a head and the next phrase.
        if languages.at(match.start()) in _HEAD_FIRST:
            _head_then_name(body, match, out, gazetteer)
    return sorted(out, key=lambda m: m.start)


# The first word of every head noun, lowercased: a quick scan says where a head may start.
_HEAD_WORDS = (
    "military training firing shooting artillery missile tank test testing proving air naval "
    "army airbase airfield range polygon atış tatbikat eğitim kışlası garnizonu hava üssü "
    "poligonu poliqonu təlim полигон аэродром poligon զորավարժարան պոլիգոն სამხედრო პოლიგონ "
    "ბაზ машқгоҳ پایگاه میدان"
).split()


@cache
def _head_scanner() -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick(_HEAD_WORDS)


def _hints(body: str) -> list[int]:
    """Where a head noun may start; lowercasing keeps offsets but for a Turkish "İ"."""
    lowered = lower_body(body)
    if len(lowered) != len(body):
        return [m.start() for m in re.finditer(r"\w+", body)]
    return sorted({start for _, start, _ in _head_scanner().find_matches_as_indexes(lowered)})


_HEAD_BEFORE_SCAN = re.compile(
    r"(?<!\w)(?:полигон|аэродром|машқгоҳ|پایگاه|میدان تیر)[\w’']*\s+", re.IGNORECASE
)


def _name_then_head(
    body: str, head: re.Match[str], out: list[Located], gazetteer: Gazetteer
) -> None:
    line_start = body.rfind("\n", 0, head.start()) + 1
    before = body[max(line_start, head.start() - 120) : head.start()]
    name = _NAME_BEFORE.search(before)
    mention = _ending_before(out, head.start())
    run = None
    if name is not None:
        run = _skip_leading_words(body, head.start() - len(before) + name.start(), head.start())
    if mention is not None and body[mention.end : head.start()].strip(" »”\"'") == "":
        # Georgian has no capitals; a gazetteer name in the genitive before the head will do.
        start = mention.start
    elif run is not None:
        start = _skip_inflected_place(body, run, head.start(), out)
    else:
        return
    if run is not None and run < start and _site_named(gazetteer, _label(body[run : head.end()])):
        start = run  # a known site's name may hold places' names ("Anadolu Kartalı Hava Üssü")
    if start >= head.start():
        return
    _place_site(body, start, head.end(), out, gazetteer)


def _head_then_name(
    body: str, head: re.Match[str], out: list[Located], gazetteer: Gazetteer
) -> None:
    name = _NAME_AFTER.match(body[head.end() : head.end() + 80])
    if name is None:
        return
    _place_site(body, head.start(), head.end() + name.end(), out, gazetteer)


def _place_site(body: str, start: int, end: int, out: list[Located], gazetteer: Gazetteer) -> None:
    from sources.extraction.resolve import Located

    inside = [i for i, m in enumerate(out) if start <= m.start and m.end <= end + 3]
    if any(out[i].place.kind == "site" for i in inside):
        i = next(i for i in inside if out[i].place.kind == "site")
        out[i] = replace(out[i], start=min(start, out[i].start), end=max(end, out[i].end))
        _drop(out, [j for j in inside if j != i])
        return
    named = [i for i in inside if out[i].place.kind in ("settlement", "district")]
    label = _label(body[start:end])
    known = _site_named(gazetteer, label)
    town = out[named[0]].place if named else None
    if known is not None and (town is None or km_fast(town, known) > SITE_RADIUS_KM):
        # The town the words resolved to is another of that name: the site says which.
        _drop(out, inside)
        out.append(Located(start, min(end, len(body)), known, note=f"the site {known.name}"))
        return
    holder = _container(body, start, end, [m for i, m in enumerate(out) if i not in inside])
    if named and holder is not None and not contains(holder, out[named[0]].place, gazetteer):
        # "Алматы облысының «Көктал» полигонында": a Koktal elsewhere is not this range's.
        named = []
    if named:
        town = out[named[0]].place
        site = _site(
            town,
            label,
            max(SITE_RADIUS_KM, town.radius_km),
            f"range named after the settlement {town.name} ({town.id}); the range's own "
            "position is not in the gazetteer",
        )
        note = f"named after {town.name}"
    else:
        container = holder
        if container is None and not inside:
            earlier = _named_before(out, label, start)
            if earlier is not None:
                out.append(Located(start, min(end, len(body)), earlier, note="named before"))
                return
            container = _garrison(body, start, out)
        if container is None or (inside and not _only_namesakes(out, inside)):
            return
        site = _site(
            container,
            label,
            max(container.radius_km, 10.0),
            f"a range not in the gazetteer, placed at {container.name} ({container.id}), "
            "which the text says holds it; radius is that place's",
        )
        note = f"placed at its container {container.name}"
    _drop(out, inside)
    out.append(Located(start, min(end, len(body)), site, note=note))


def _named_before(out: Sequence[Located], label: str, start: int) -> Place | None:
    """A range placed earlier in the article under the same name, give or take a
    letter or two: a report names a range with its place once, then by name alone,
    and the press spells a long name differently within one article."""
    words = _fold(label)
    if len(words.split()) < 3:
        return None
    for mention in out:
        place = mention.place
        if mention.end > start or place.kind != "site":
            continue
        if SequenceMatcher(None, words, _fold(place.name)).ratio() >= _SAME_NAME:
            return place
    return None


_SAME_NAME = 0.9


def _fold(label: str) -> str:
    return " ".join(re.sub(r"[’'][\w]*$", "", label).casefold().split())


# Turkish and Azerbaijani "-deki/-daki" make a place an attribute: "Tunceli'deki ... Tugay".
_LOCATED_IN = re.compile(r"(?:[dt][ea]ki|[dt][aə]k[iı])$", re.IGNORECASE)


def _garrison(body: str, start: int, out: Sequence[Located]) -> Place | None:
    """Where the sentence stations the unit holding a drill at an unplaced base:
    "Tunceli'deki 4'üncü Komando Tugayı, Şehit ... Kışlası'nda tatbikat yaptı".
    A barracks or range lies at its unit's garrison town or province."""
    ends = [m.end() for m in _SENTENCE_END.finditer(body, max(0, start - 400), start)]
    sentence = ends[-1] if ends else 0
    for mention in reversed(out):
        if sentence <= mention.start and mention.end <= start:
            text = body[mention.start : mention.end]
            if mention.place.kind in _GARRISON_KINDS and _LOCATED_IN.search(text):
                return mention.place
    return None


_GARRISON_KINDS = ("settlement", "district", "province")
# A full stop after a number is an ordinal ("5. Komando Tugayı"), not a sentence's end.
_SENTENCE_END = re.compile(r"(?<!\d)[.!?]\s|\n\s*\n")


def _only_namesakes(out: Sequence[Located], inside: Sequence[int]) -> bool:
    """The words inside the range's name are towns only (namesakes set aside above)."""
    return all(out[i].place.kind in ("settlement", "district") for i in inside)


def _site_named(gazetteer: Gazetteer, label: str) -> Place | None:
    """The gazetteer's site whose name begins with the same word as ``label``, in any of
    its languages (a head noun shared by many sites names none):
    "«Բաղրամյան» զորավարժարանում" is the Baghramyan training ground
    ("Բաղրամյանի զորավարժարան"), not a range at one of three villages of that name."""
    key = _name_word(label)
    return _sites_by_word(gazetteer).get(key) if key else None


@cache
def _sites_by_word(gazetteer: Gazetteer) -> dict[str, Place]:
    found: dict[str, Place] = {}
    ambiguous: set[str] = set()
    for place in gazetteer.places:
        if place.kind != "site":
            continue
        for alias in place.aliases:
            word = _name_word(alias)
            # A genitive before the head noun: Armenian -ի, Georgian -ის/-ს.
            for key in {word, re.sub(r"(?:ի|ის|ს)$", "", word)}:
                if len(key) < 4 or not key.isalpha():
                    continue
                if found.setdefault(key, place) is not place:
                    ambiguous.add(key)
    return {key: place for key, place in found.items() if key not in ambiguous}


def _name_word(label: str) -> str:
    """The first word of a site's name, past a head noun that comes first
    ("полигоне Баграмян" → "баграмян", "Baghramyan range" → "baghramyan")."""
    words = [w.strip("«»“”\"„'") for w in label.split()]
    while len(words) > 1 and words[0].casefold().startswith(_HEAD_STEMS):
        words.pop(0)
    return words[0].casefold() if words else ""


_HEAD_STEMS = ("полигон", "аэродром", "авиабаз", "машқгоҳ", "پایگاه", "میدان", "военн", "база")


def _drop(out: list[Located], indices: Sequence[int]) -> None:
    for i in sorted(indices, reverse=True):
        del out[i]


def _ending_before(out: Sequence[Located], at: int) -> Located | None:
    found = [m for m in out if at - 4 <= m.end <= at]
    return found[-1] if found else None


def _skip_leading_words(body: str, start: int, end: int) -> int:
    """Drop a sentence-opening "The" or "In" from the front of a capitalised run."""
    while True:
        word = re.match(r"[«“\"„']?([\w’'-]+)\s+", body[start:end])
        if word is None or word.group(1) not in _NOT_NAME:
            return start
        start += word.end()


def _skip_inflected_place(body: str, start: int, end: int, out: Sequence[Located]) -> int:
    """ "Kars'taki Şehit ... Alanı": an inflected place before more capitalised words
    holds the range; it is not part of its name."""
    for mention in out:
        if mention.start == start and mention.end < end - 2:
            text = body[mention.start : mention.end]
            if any(mark in text for mark in "'’") or text not in mention.place.aliases:
                rest = body[mention.end : end]
                return mention.end + len(rest) - len(rest.lstrip(" \t"))
    return start


def _container(body: str, start: int, end: int, out: Sequence[Located]) -> Place | None:
    """A place just before the range's name, or just after its head, in one phrase."""
    for mention in out:
        if mention.place.kind not in _CONTAINER_KINDS:
            continue
        gap = body[mention.end : start] if mention.end <= start else body[end : mention.start]
        if mention.end <= start or mention.start >= end:
            words = re.findall(r"[^\W\d_]+", gap)
            if len(words) <= 4 and not re.search(r"[.;!?\n]", gap):
                return mention.place
    return None


def _label(text: str) -> str:
    return re.sub(r"[«»“”\"„]", "", text).strip()


def _site(anchor: Place, label: str, radius: float, provenance: str) -> Place:
    slug = re.sub(r"[\W_]+", "-", label.casefold()).strip("-")[:60]
    return Place(
        id=f"ov:site-{slug}" if slug.isascii() else f"ov:site-near-{anchor.id.split(':')[-1]}",
        name=label,
        kind="site",
        country=anchor.country,
        lat=anchor.lat,
        lon=anchor.lon,
        radius_km=radius,
        provenance=provenance,
        aliases=(label,),
    )
