"""Find gazetteer surface forms in running text: exact, case-sensitive, whole words."""

from __future__ import annotations

import re
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
# -lü) are deliberately absent: "Azərbaycanlı" is a person, not a place. The same holds
# for every table below: -лық/-лик, -lik/-ly, -ӣ, -ացի, -ელი make people or adjectives.
TURKIC_SUFFIXES = _words(
    "da də de ta tə te dan dən den tan tən ten ın in un ün nın nin nun nün a ə e ya yə ye na nə "
    "ı i u ü yı yi yu yü nı ni nu nü dakı dəki deki daki taki təki teki ki la lə le yla ylə yle "
    # after a possessive ("tatbikat alanı" + "nda"), the pronominal n
    "nda ndə nde ndan ndən nden ndaki ndakı ndəki ndeki"
)
# Kazakh case endings (with vowel harmony and the n-forms after a possessive, as in
# "облысының", "облысында"), and the plural.
KAZAKH_ENDINGS = _words(
    "да де та те нда нде дағы дегі тағы тегі ндағы ндегі ның нің дың дің тың тің ын ін ин "
    "ға ге қа ке а е на не дан ден тан тен нан нен ны ні ды ді ты ті н мен бен пен "
    "лар лер дар дер тар тер"
)
# Kyrgyz: four-way vowel harmony (а е о ө) in every case.
KYRGYZ_ENDINGS = _words(
    "да де до дө та те то тө нда нде ндо ндө дагы деги догу дөгү тагы теги тогу төгү ндагы "
    "ндеги нын нин нун нүн дын дин дун дүн тын тин тун түн ын ин га ге го гө ка ке ко кө а е "
    "о ө на не дан ден дон дөн тан тен тон төн нан нен ны ни ну нү ды ди ду дү ты ти ту тү н "
    "менен лар лер дар дер тар тер"
)
# Tajik: the ezafe (-и, -йи after a vowel), the object marker -ро and the plural -ҳо.
TAJIK_ENDINGS = _words("и йи ро ҳо ҳои ву")
UZBEK_CYRILLIC_ENDINGS = _words("да даги нинг га ка қа ни дан гача да")
UZBEK_ENDINGS = _words("da dagi ning ga ka qa ni dan gacha dek")
TURKMEN_ENDINGS = _words(
    "da de dä daky däki ta te tä taky täki nda nde ndä ndaky ndäki nyň niň yň iň ň "
    "a e ä ga ge ka ke na ne y i ny ni dan den dän tan ten tän ndan nden ndän"
)
# Georgian case endings and fused postpositions, after the full name (vowel stems:
# "საქართველოში", "საქართველოს") ...
GEORGIAN_ENDINGS = _words("ს ში ზე ზედ თი თ დ მ დან თან სკენ სთვის მდე ც ა")
# ... and after a stem that drops its final -ი (or the -ა of a genitive/instrumental):
# ვაზიანი → ვაზიანში, თბილისი → თბილისის, ანკარა → ანკარის.
GEORGIAN_STEM_ENDINGS = _words(
    "ის ში ზე ზედ ით ითა ად ადა მა ს თან იდან ისკენ ისთვის ამდე ისა შიც ზეც"
)
# Armenian: genitive-dative -ի, locative -ում, ablative -ից, instrumental -ով, the articles
# -ը/-ն, and their glide forms after a vowel (Թուրքիայում).
ARMENIAN_ENDINGS = _words("ի ում ից ով ը ն ին յի յում յից յով յին ու ուց ում")
# Names in -ի make their genitive in -ու (Գյումրի → Գյումրու, Գյումրուց).
ARMENIAN_STEM_ENDINGS = _words("ու ուց ուն")
# Persian: an attached ye, or a zero-width non-joiner followed by ye or alef-ye.
PERSIAN_SUFFIXES = frozenset({"ی", "\u200cی", "\u200cای"})
TURKIC_LANGUAGES = frozenset({"az", "tr"})
# Which endings a name in a script may take: always the script's own language (a script
# used by one language, or Russian for Cyrillic), plus the article language's when it
# writes in that script. Latin takes none unless the language says so: English never
# inflects ("Iranian" is not a mention of Iran).
_SCRIPT_ENDINGS = {
    "cyrillic": RUSSIAN_ENDINGS,
    "georgian": GEORGIAN_ENDINGS,
    "armenian": ARMENIAN_ENDINGS,
    "arabic": PERSIAN_SUFFIXES,
}
_LANGUAGE_ENDINGS = {
    ("latin", "az"): TURKIC_SUFFIXES,
    ("latin", "tr"): TURKIC_SUFFIXES,
    ("latin", "uz"): UZBEK_ENDINGS,
    ("latin", "tk"): TURKMEN_ENDINGS,
    ("cyrillic", "kk"): KAZAKH_ENDINGS,
    ("cyrillic", "ky"): KYRGYZ_ENDINGS,
    ("cyrillic", "tg"): TAJIK_ENDINGS,
    ("cyrillic", "uz"): UZBEK_CYRILLIC_ENDINGS,
}
_LATIN_TURKIC = frozenset({"az", "tr", "tk", "uz"})
_LATIN_TURKIC_ENDINGS = TURKIC_SUFFIXES | TURKMEN_ENDINGS | UZBEK_ENDINGS
_INFLECTING_LATIN = _LATIN_TURKIC | {
    lang for (script, lang) in _LANGUAGE_ENDINGS if script == "latin"
}
# Agglutinating scripts and languages, whose suffixes may follow each other
# ("Qarabağ" + "da" + "kı"); Russian and Persian take one ending at most.
_CHAINING_SCRIPTS = frozenset({"latin", "georgian", "armenian"})
_CHAINING_LANGUAGES = frozenset({"kk", "ky", "tg", "uz"})
APOSTROPHES = frozenset("'’")
# Russian nouns ending in these letters drop them before a case ending (Армения → Армении).
_CYRILLIC_STEM_LETTERS = frozenset("аяьй")
# Persian and Arabic keyboards differ in ye and kaf; both spellings occur in the wild.
_ARABIC_VARIANTS = str.maketrans({"ی": "ي", "ک": "ك"})
# Russian writes ё or plain е at will (Орёл, Орел).
_CYRILLIC_VARIANTS = str.maketrans({"ё": "е", "Ё": "Е"})
# Armenian "ev" is one letter (և) in the reformed spelling and two (եւ) in many outlets.
_ARMENIAN_EV = ("\u0587", "\u0565\u0582")
# Uzbek Latin writes oʻ and gʻ with any of these marks; a name must match them all.
_UZBEK_MARKS = ("\u02bb", "\u2018", "'", "\u2019", "`", "\u02bc")
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
    # For a stem ("Армени" of "Армения"), the endings it must take; None for a full name.
    stem_endings: frozenset[str] | None


@dataclass(frozen=True)
class _Automaton:
    automaton: Any
    entries: tuple[tuple[_Entry, ...], ...]
    # Per key: are all its entries full Latin names (no stems)? Then in a language that
    # never inflects a Latin name, the first entry decides the match for all of them.
    latin: tuple[bool, ...] = ()


_AUTOMATA: weakref.WeakKeyDictionary[Gazetteer, _Automaton | None] = weakref.WeakKeyDictionary()


def find_mentions(
    text: str, gazetteer: Gazetteer, *, language: str = "", offset: int = 0
) -> list[Mention]:
    """Every gazetteer surface form in ``text``, leftmost-longest, without overlaps.

    Matching is case-sensitive and on whole words: the character before a match
    must not be a letter or digit, and the match may run on into the word only
    with an allowed inflection, which the mention's span then includes: Russian
    case endings after Cyrillic names (and Kazakh, Kyrgyz, Tajik or Uzbek ones when
    ``language`` is ``"kk"``, ``"ky"``, ``"tg"`` or ``"uz"``), Azerbaijani, Turkish,
    Uzbek or Turkmen suffixes after Latin names when ``language`` is ``"az"``,
    ``"tr"``, ``"uz"`` or ``"tk"`` or after an apostrophe (``Nahçıvan'da``),
    Georgian and Armenian case endings after names in those scripts
    (``ვაზიანში``, ``Երևանում``), and a Persian ye after Arabic-script names.
    English never inflects: "Iranian" is not a mention of Iran. Offsets index the
    original string (plus ``offset``, for text cut from a longer one); the text is
    never lowercased, so "İ" cannot shift them.
    """
    automaton = _automaton(gazetteer)
    if automaton is None:
        return []
    found = []
    table, latin = automaton.entries, automaton.latin
    plain = language not in _INFLECTING_LATIN
    size = len(text)
    for number, start, stop in automaton.automaton.find_matches_as_indexes(text, overlapping=True):
        if start > 0 and text[start - 1].isalnum():
            continue
        entries = table[number]
        if plain and latin[number]:
            # _word_end's answer for a full Latin name in English and the like, without
            # the call: most matches are these. An apostrophe or ZWNJ after it goes the
            # long way ("Nahçıvan'da").
            char = text[stop] if stop < size else ""
            if char.isalnum():
                continue  # "Iranian"
            if char != _ZWNJ and char not in APOSTROPHES:
                found.append((start, stop, 0, entries[0].places))
                continue
        for entry in entries:
            word = _word_end(text, stop, entry, language)
            if word is not None:
                found.append((start, *word, entry.places))
                break
    return [
        Mention(s + offset, e + offset, text[s:e], places)
        for s, e, places in _leftmost_longest(found)
    ]


def _leftmost_longest(
    found: list[tuple[int, int, int, tuple[Place, ...]]],
) -> Iterator[tuple[int, int, tuple[Place, ...]]]:
    """Leftmost, then longest word, then a reading with at most one ending: "რუსეთის"
    is Russia's stem with -ის, not the Bulgarian town Ruse (რუსე) with -თი-ს."""
    taken_until = -1
    for start, end, _, places in sorted(found, key=lambda m: (m[0], -m[1], m[2] > 1)):
        if start >= taken_until:
            taken_until = end
            yield start, end, places


def _word_end(text: str, end: int, entry: _Entry, language: str) -> tuple[int, int] | None:
    """Where the word that starts with ``entry`` ends and how many endings it took
    (0, 1 or 2), or None if it is not a mention."""
    # Most names end a word: look for a run of letters only when one follows.
    follows = end < len(text) and (text[end].isalnum() or text[end] == _ZWNJ)
    latin_name = entry.script == "latin" and entry.stem_endings is None
    if latin_name and language not in _INFLECTING_LATIN and follows and text[end].isalnum():
        return None  # as below, without finding where the word ends ("Iranian")
    rest_end = _run_end(text, end) if follows else end
    rest = text[end:rest_end]
    if entry.stem_endings is not None:
        chaining = entry.script in _CHAINING_SCRIPTS
        pieces = _suffix_pieces(rest, entry.stem_endings, chaining)
        return (rest_end, pieces) if pieces else None
    if rest and entry.script == "latin" and language not in _INFLECTING_LATIN:
        return None  # "Iranian": English and other Latin languages never inflect a name
    if not rest:
        if entry.script == "latin" and end < len(text) and text[end] in APOSTROPHES:
            after_end = _run_end(text, end + 1)
            pieces = _suffix_pieces(text[end + 1 : after_end], TURKIC_SUFFIXES, chaining=True)
            if pieces:
                return after_end, pieces
        return end, 0
    for endings, chaining in _endings(entry.script, language):
        pieces = _suffix_pieces(rest, endings, chaining)
        if pieces:
            return rest_end, pieces
    return None


def _endings(script: str, language: str) -> Iterator[tuple[frozenset[str], bool]]:
    """The ending tables a name in ``script`` may take in a ``language`` article.

    A Latin name in any of the Turkic languages written in Latin letters may take the
    endings of all of them: a line of Turkmen is easily read as Turkish, and no
    ending of one ("-yň", "-dagi") is a word of another after a place name.
    """
    chaining = script in _CHAINING_SCRIPTS
    if script in _SCRIPT_ENDINGS:
        yield _SCRIPT_ENDINGS[script], chaining
    if script == "latin" and language in _LATIN_TURKIC:
        yield _LATIN_TURKIC_ENDINGS, True
    elif (script, language) in _LANGUAGE_ENDINGS:
        yield _LANGUAGE_ENDINGS[script, language], chaining or language in _CHAINING_LANGUAGES


# Letters and digits (str.isalnum: \w without the underscore), and ZWNJ inside Persian words.
_RUN = re.compile("(?:[^\\W_]|\u200c)*")


def _run_end(text: str, start: int) -> int:
    """End of the run of letters and digits (and ZWNJ inside Persian words) from ``start``."""
    end = _RUN.match(text, start).end()  # type: ignore[union-attr]  # * always matches
    while end > start and text[end - 1] == _ZWNJ:
        end -= 1
    return end


def _suffix_pieces(rest: str, endings: frozenset[str], chaining: bool) -> int:
    """1 for one ending, 2 for two in a row when ``chaining`` ("Qarabağ" + "da" + "kı"),
    else 0."""
    if rest in endings:
        return 1
    if chaining and any(rest[:i] in endings and rest[i:] in endings for i in range(1, len(rest))):
        return 2
    return 0


def _script(surface: str) -> str:
    """The script of the first letter: "latin", "cyrillic", "arabic", "georgian",
    "armenian" or "other"."""
    code = ord(next((char for char in surface if char.isalpha()), "\0"))
    if 0x400 <= code <= 0x52F:
        return "cyrillic"
    if 0x10A0 <= code <= 0x10FF or 0x1C90 <= code <= 0x1CBF:
        return "georgian"
    if 0x531 <= code <= 0x58F or 0xFB13 <= code <= 0xFB17:
        return "armenian"
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
            entries.sort(key=lambda e: e.stem_endings is not None)
        table.append(tuple(entries))
    latin = tuple(all(e.script == "latin" and e.stem_endings is None for e in t) for t in table)
    # The contiguous NFA scans a GeoNames-sized automaton about a third faster than the
    # implementation ahocorasick-rs picks by default, and builds as fast.
    automaton = ahocorasick_rs.AhoCorasick(
        list(keyed),
        matchkind=ahocorasick_rs.MatchKind.Standard,
        store_patterns=False,
        implementation=ahocorasick_rs.Implementation.ContiguousNFA,
    )
    return _Automaton(automaton, tuple(table), latin)


def _entries(surface: str, places: tuple[Place, ...]) -> Iterator[_Entry]:
    script = _script(surface)
    for variant in _spellings(surface, script):
        yield _Entry(variant, places, script, stem_endings=None)
        yield from _stems(variant, places, script)


def _spellings(surface: str, script: str) -> tuple[str, ...]:
    """The surface and its equivalent spellings (keyboard and orthography variants)."""
    variants = [surface]
    if script == "arabic":
        variants.append(surface.translate(_ARABIC_VARIANTS))
        if " " in surface or _ZWNJ in surface:
            # Persian compounds are often typed without their space or zero-width
            # non-joiner: "آذربایجانغربی" for "آذربایجان غربی", "بیلهسوار" for "بیله‌سوار".
            joined = surface.replace(_ZWNJ, "").replace(" ", "")
            variants += [joined, joined.translate(_ARABIC_VARIANTS)]
    elif script == "cyrillic":
        variants.append(surface.translate(_CYRILLIC_VARIANTS))
    elif script == "armenian":
        variants.append(surface.replace(*_ARMENIAN_EV))
        variants.append(surface.replace(*reversed(_ARMENIAN_EV)))
    elif script == "latin" and any(mark in surface for mark in _UZBEK_MARKS):
        variants.extend(_uzbek_spellings(surface))
    return tuple(dict.fromkeys(variants))


def _uzbek_spellings(surface: str) -> list[str]:
    out = []
    for mark in _UZBEK_MARKS:
        spelled = surface
        for other in _UZBEK_MARKS:
            for letter in "oOgG":
                spelled = spelled.replace(letter + other, letter + mark)
        out.append(spelled)
    return out


def _stems(surface: str, places: tuple[Place, ...], script: str) -> Iterator[_Entry]:
    # Russian inflects every word of a multi-word name, so only single words get a stem;
    # Georgian and Armenian inflect the last word only.
    if len(surface) <= 3 or (script == "cyrillic" and " " in surface):
        return
    last = surface[-1]
    if script == "cyrillic" and last in _CYRILLIC_STEM_LETTERS:
        yield _Entry(surface[:-1], places, script, stem_endings=RUSSIAN_ENDINGS)
    elif script == "georgian" and last in "ია":
        yield _Entry(surface[:-1], places, script, stem_endings=GEORGIAN_STEM_ENDINGS)
    elif script == "armenian" and last == "ի":
        yield _Entry(surface[:-1], places, script, stem_endings=ARMENIAN_STEM_ENDINGS)
