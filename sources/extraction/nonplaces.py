"""Stage 4, filter non-places: drop gazetteer names that are not places here.

A name inside another name is not a place: outlets, organisations, people,
ships and exercise names ("Tehran Times", "Ararat Mirzoyan", "destroyer
Deylaman", "Aras 2025"); nor is a name in page furniture. Hyphenated pairs
("Azerbaijan-Iran cooperation") stay places but are marked as modifiers, which
never locate a drill.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from geo.matching import Mention
from sources.extraction.codenames import ExerciseName
from sources.extraction.cues import cues_for
from sources.extraction.match import Matches

__all__ = ["Places", "filter_nonplaces", "names_within"]


@dataclass(frozen=True)
class Places:
    """The mentions that are places, and which of them are hyphenated modifiers."""

    matches: Matches
    mentions: tuple[Mention, ...]
    modifiers: frozenset[int]


def filter_nonplaces(matches: Matches) -> Places:
    segments = matches.languages.segments
    body = segments.body
    furniture = [(b.start, b.end) for b in segments.blocks if b.furniture]
    kept = [
        m
        for m in real_places(body, matches.mentions, matches.names)
        if not any(s <= m.start < e for s, e in furniture)
    ]
    languages = [matches.languages.at(m.start) for m in kept]
    return Places(matches, tuple(kept), frozenset(compounds(body, kept, languages)))


# A place name followed by one of these is part of a name, not a place.
_NAME_SUFFIXES = frozenset(
    """Times News Agency Daily Press Media Post Herald Tribune International TV Radio Monitor
    Gazette Journal Review Observer University Institute Airlines Army Navy Air War Wars
    Victory Corps Guards FC Club Today Online Weekly Review Ministry Republic's Fleet Flotilla
    Flotillas Brigade Division""".split()
)
# A place adjective before a unit noun names the unit: "Каспийской флотилии",
# "Черноморского флота", "Южного военного округа".
_UNIT_AFTER = re.compile(
    r"(?:военн\w+\s+)?(?:флот|флотили|округ|арми|дивизи|бригад|корпус|эскадр)\w*", re.IGNORECASE
)
# A capitalised word before a place that still leaves it a place.
_PLACE_PREFIXES = frozenset(
    """In At On Near Along Across From To Of The And Or But For With By Into Inside Both
    North South East West Northern Southern Eastern Western Central Upper Lower Greater
    Occupied Liberated Mount Lake Port New Old Northwestern Northeastern Southwestern
    Southeastern Iran's Iran’s While Since After Before During Last First""".split()
)
_SURNAME = re.compile(r"^[A-Z][a-z]+(?:yan|ian|ov|ova|ev|eva|zadeh|pour|vili|dze|oglu|oğlu)$")


def compounds(body: str, mentions: Sequence[Mention], languages: Sequence[str]) -> set[int]:
    """Indices of places joined by a hyphen into a modifier: "Azerbaijan-Iran
    cooperation", "Baku-Tehran relations". Suffixing languages' place chains are
    handled by their own rule ("Culfa-Aslandüz-Muğan istiqamətində")."""
    found: set[int] = set()
    for i in range(len(mentions) - 1):
        if cues_for(languages[i]).suffix_locative is not None:
            continue
        a, b = mentions[i], mentions[i + 1]
        if b.start == a.end + 1 and body[a.end] in "-–‐":
            found.update((i, i + 1))
    return found


def real_places(
    body: str, mentions: Sequence[Mention], names: Sequence[ExerciseName]
) -> list[Mention]:
    """Drop names inside exercise, organisation, person and ship names."""
    ends = {m.end for m in mentions}
    starts = [n.start for n in names]
    kept = []
    for i, mention in enumerate(mentions):
        if _overlaps_name(names, starts, mention):
            continue
        if _narrowed(body, mention, mentions[i + 1] if i + 1 < len(mentions) else None):
            continue
        if _inside_other_name(body, mention, ends):
            continue
        kept.append(mention)
    return kept


def names_within(
    names: Sequence[ExerciseName], starts: Sequence[int], lo: int, hi: int
) -> Iterator[ExerciseName]:
    """Exercise names inside ``[lo, hi)``; ``names`` are sorted and never overlap."""
    for name in names[bisect_left(starts, lo) : bisect_left(starts, hi)]:
        if name.end <= hi:
            yield name


def _overlaps_name(names: Sequence[ExerciseName], starts: Sequence[int], mention: Mention) -> bool:
    i = bisect_left(starts, mention.end)  # names starting before the mention ends
    return i > 0 and names[i - 1].end > mention.start


def _narrowed(body: str, mention: Mention, following: Mention | None) -> bool:
    """ "liberated areas of Karabakh": the region is named by the place after "of"."""
    # The anchored "of" first: a name may have dozens of candidates to look through.
    if following is None or _OF.fullmatch(body, mention.end, following.start) is None:
        return False
    return all(p.kind == "region" for p in mention.candidates)


def _inside_other_name(body: str, mention: Mention, place_ends: set[int]) -> bool:
    after = body[mention.end : mention.end + 40]
    next_word = _NEXT_WORD.match(after)
    if next_word:
        word = next_word.group(1)
        if word in _NAME_SUFFIXES or _SURNAME.match(word) or _AGENCY.match(word):
            return True
        if mention.text[-2:] in _ADJECTIVE_ENDINGS and _UNIT_AFTER.match(after.lstrip()):
            return True
    offset = max(0, mention.start - 40)
    found = _last_word(body[offset : mention.start])
    if found is None:
        return False
    word, start = found
    if word.lower() in _SHIP_WORDS:
        return True
    if _ACRONYM.fullmatch(word) and next_word and next_word.group(1)[:1].isupper():
        return True  # "NATO Daimi Deniz Görev Grubu": inside an organisation's name
    capitalised = word[:1].isupper() and word[1:].islower() and word.isalpha()
    if not capitalised or word in _PLACE_PREFIXES or offset + start + len(word) in place_ends:
        return False  # "İran Azərbaycanla": two places, not a name
    if word.endswith(_TURKIC_PLURAL_POSSESSIVE):
        return False  # "Dəniz Qüvvələri Qara dənizdə": the name ends before the place
    if _CYRILLIC.match(mention.text) and mention.text not in mention.candidates[0].aliases:
        return False  # "Минобороны России": an inflected name after a noun is its genitive
    preceding = body[offset : offset + start].rstrip()
    sentence_initial = (
        not preceding
        or preceding[-1] in ".!?:\n"
        or "\n" in body[offset + len(preceding) : offset + start]
    )
    return not sentence_initial


_ADJECTIVE_ENDINGS = frozenset("ой ая ий ый го му ом ым их ые ей".split())
_NEXT_WORD = re.compile(r"[»”\"']?[ \t]+([\w’']+)")
# "Anadolu Ajansı", "“Anadolu” agentliyinin", "агентство": a news agency's name.
_AGENCY = re.compile(r"(?:[Aa]jans|[Aa]gentliy|[Aa]gentlig|агентств|агенттіг|агенттиг)\w*")
# A Turkic possessive ends a name: "Hərbi Dəniz Qüvvələri", "Azatlyk Radiosy".
_TURKIC_PLURAL_POSSESSIVE = ("ları", "ləri", "leri", "lari", "sy", "si", "sı", "su", "sü")
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
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
