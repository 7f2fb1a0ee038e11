"""Find gazetteer surface forms in running text: exact, case-sensitive, whole words."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick_rs

from geo.gazetteer import Gazetteer
from geo.places import Place

__all__ = ["Mention", "find_mentions"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Russian case endings (and the -ский adjective family) that may follow a Cyrillic name.
RUSSIAN_ENDINGS = _words(
    "а у е ом ой ы и я ю ем ей ью ям ями ах ях ами ов ев ского ской ском скому ским ских ский "
    "ская ское скую ские скими"
)
# Azerbaijani and Turkish case suffixes. Demonym and adjective suffixes (-lı, -li, -lu,
# -lü) are deliberately absent: "Azərbaycanlı" is a person, not a place.
TURKIC_SUFFIXES = _words(
    "da də de ta tə te dan dən den tan tən ten ın in un ün nın nin nun nün a ə e ya yə ye na nə "
    "ı i u ü yı yi yu yü nı ni nu nü dakı dəki deki daki taki təki teki ki la lə le yla ylə yle"
)
# Persian: an attached ye, or a zero-width non-joiner followed by ye or alef-ye.
PERSIAN_SUFFIXES = frozenset({"ی", "\u200cی", "\u200cای"})
TURKIC_LANGUAGES = frozenset({"az", "tr"})
APOSTROPHES = frozenset("'’")
# Russian nouns ending in these letters drop them before a case ending (Армения → Армении).
_CYRILLIC_STEM_LETTERS = frozenset("аяьй")
# Persian and Arabic keyboards differ in ye and kaf; both spellings occur in the wild.
_ARABIC_VARIANTS = str.maketrans({"ی": "ي", "ک": "ك"})
_ZWNJ = "\u200c"


@dataclass(frozen=True)
class Mention:
    """A surface form found in a text: ``text == source[start:end]``, suffix included."""

    start: int
    end: int
    text: str
    candidates: tuple[Place, ...]


class _Entry(NamedTuple):
    surface: str
    places: tuple[Place, ...]
    script: str
    needs_suffix: bool


@dataclass(frozen=True)
class _Automaton:
    automaton: Any
    entries: tuple[tuple[_Entry, ...], ...]


_AUTOMATA: weakref.WeakKeyDictionary[Gazetteer, _Automaton | None] = weakref.WeakKeyDictionary()


def find_mentions(text: str, gazetteer: Gazetteer, *, language: str = "") -> list[Mention]:
    """Every gazetteer surface form in ``text``, leftmost-longest, without overlaps.

    Matching is case-sensitive and on whole words: the character before a match
    must not be a letter or digit, and the match may run on into the word only
    with an allowed inflection, which the mention's span then includes: Russian
    case endings after Cyrillic names, Azerbaijani/Turkish case suffixes after
    Latin names when ``language`` is ``"az"`` or ``"tr"`` or after an apostrophe
    (``Nahçıvan'da``), and a Persian ye after Arabic-script names. English never
    inflects: "Iranian" is not a mention of Iran. Offsets index the original
    string; the text is never lowercased, so "İ" cannot shift them.
    """
    automaton = _automaton(gazetteer)
    if automaton is None:
        return []
    found = []
    for number, start, stop in automaton.automaton.find_matches_as_indexes(text, overlapping=True):
        if start > 0 and text[start - 1].isalnum():
            continue
        entries = automaton.entries[number]
        for entry in entries:
            end = _word_end(text, stop, entry, language)
            if end is not None:
                found.append((start, end, entry.places))
                break
    return [Mention(s, e, text[s:e], places) for s, e, places in _leftmost_longest(found)]


def _leftmost_longest(
    found: list[tuple[int, int, tuple[Place, ...]]],
) -> Iterator[tuple[int, int, tuple[Place, ...]]]:
    taken_until = -1
    for start, end, places in sorted(found, key=lambda m: (m[0], -m[1])):
        if start >= taken_until:
            taken_until = end
            yield start, end, places


def _word_end(text: str, end: int, entry: _Entry, language: str) -> int | None:
    """Where the word that starts with ``entry`` ends, or None if it is not a mention."""
    rest_end = _run_end(text, end)
    rest = text[end:rest_end]
    if entry.script == "cyrillic":
        if rest in RUSSIAN_ENDINGS or (not rest and not entry.needs_suffix):
            return rest_end
        return None
    if not rest:
        if entry.script == "latin" and end < len(text) and text[end] in APOSTROPHES:
            after_end = _run_end(text, end + 1)
            if _is_turkic_suffix(text[end + 1 : after_end]):
                return after_end
        return end
    if entry.script == "latin" and language in TURKIC_LANGUAGES and _is_turkic_suffix(rest):
        return rest_end
    if entry.script == "arabic" and rest in PERSIAN_SUFFIXES:
        return rest_end
    return None


def _run_end(text: str, start: int) -> int:
    """End of the run of letters and digits (and ZWNJ inside Persian words) from ``start``."""
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] == _ZWNJ):
        end += 1
    while end > start and text[end - 1] == _ZWNJ:
        end -= 1
    return end


def _is_turkic_suffix(rest: str) -> bool:
    """One case suffix, or two in a row ("Qarabağ" + "da" + "kı")."""
    if rest in TURKIC_SUFFIXES:
        return True
    return any(
        rest[:i] in TURKIC_SUFFIXES and rest[i:] in TURKIC_SUFFIXES for i in range(1, len(rest))
    )


def _script(surface: str) -> str:
    """The script of the first letter: "latin", "cyrillic", "arabic" or "other"."""
    code = ord(next((char for char in surface if char.isalpha()), "\0"))
    if 0x400 <= code <= 0x4FF:
        return "cyrillic"
    if 0x600 <= code <= 0x6FF or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if 0x41 <= code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    return "other"


def _automaton(gazetteer: Gazetteer) -> _Automaton | None:
    """The gazetteer's Aho-Corasick automaton, built on first use and kept with it."""
    if gazetteer not in _AUTOMATA:
        _AUTOMATA[gazetteer] = build_automaton(gazetteer)
    return _AUTOMATA[gazetteer]


def build_automaton(gazetteer: Gazetteer) -> _Automaton | None:
    """An automaton from each key to its entries, exact surfaces before stems."""
    keyed: dict[str, list[_Entry]] = {}
    for surface, places in gazetteer.surfaces.items():
        for entry in _entries(surface, places):
            keyed.setdefault(entry.surface, []).append(entry)
    if not keyed:
        return None
    # ahocorasick-rs reports character offsets (not bytes) and scans about 5x
    # faster than pyahocorasick on a GeoNames-sized automaton (FIELD-NOTES §4).
    table = []
    for entries in keyed.values():
        if len(entries) > 1:
            entries.sort(key=lambda e: e.needs_suffix)
        table.append(tuple(entries))
    automaton = ahocorasick_rs.AhoCorasick(
        list(keyed), matchkind=ahocorasick_rs.MatchKind.Standard, store_patterns=False
    )
    return _Automaton(automaton, tuple(table))


def _entries(surface: str, places: tuple[Place, ...]) -> Iterator[_Entry]:
    script = _script(surface)
    yield _Entry(surface, places, script, needs_suffix=False)
    if script == "arabic":
        variant = surface.translate(_ARABIC_VARIANTS)
        if variant != surface:
            yield _Entry(variant, places, script, needs_suffix=False)
    stemmable = " " not in surface and len(surface) > 3 and surface[-1] in _CYRILLIC_STEM_LETTERS
    if script == "cyrillic" and stemmable:
        yield _Entry(surface[:-1], places, script, needs_suffix=True)
