"""Languages that place an event with a case ending, not a preposition.

Turkish, Azerbaijani, Turkmen and Uzbek (Latin), Kazakh, Kyrgyz and Uzbek
(Cyrillic), Armenian and Georgian mark "in X" on the place or on the head noun
of its phrase: "Kars'ta", "Aslandüz sınır ilçesinde", "Hazar deňzinde",
"«Мәтібұлақ» полигонында", "զորավարժարանում", "ვაზიანში". The phrase runs
from the place through geographic head nouns, coordinated names ("Kavuşak,
Baski ve Işıklı bölgelerinde") and hyphenated chains ("Culfa-Aslandüz-Muğan
istiqamətində") to the locative. A place in the genitive, or before a head noun,
that is followed by another name holds that name ("İran’ın Erdebil eyaletine
bağlı Aslandüz", "Жамбыл облысының «Мәтібұлақ» полигонында"): it is a container,
not the site. "X-daki N" describes N, so X is the site only when N is the drill
("Naxçıvandakı təlimlər"). A movement or visit verb after the phrase ("თბილისში
... ჩამოვიდნენ", arrived in Tbilisi) places the movement, not the drill.
"""

from __future__ import annotations

import re

from sources.extraction.cues import Cues

__all__ = ["suffix_locates"]

_ATTACHED = re.compile(r"[’'][^\W\d_]+")
_MARKS = re.compile(r"[’'-]")
_TOKEN = re.compile(r"[\w’'-]+|,")
_PHRASE_TOKENS = 12
# Head nouns (stems) of a geographic phrase, in every script these languages use.
_GEO_STEMS = (
    *"sınır sərhəd serhet chegara ilçe rayon etrap tuman bölge bölgə region eyalet əyalət "
    "vilayet vilayət welaýat viloyat ərazi arazi istiqamət yön köy kənd oba qishloq şəhər "
    "şehir şäher shahar ada dəniz deniz deňiz deňz dengiz nehir çay derýa daryo özerk "
    "cumhuriyet muxtar respublika düz bağlı poligon poliqon meydan alan kışla üs baza "
    "garnizon menzil sahra".split(),
    *"шекара чек чегара аудан ауданы район облыс облус вилоят туман аймақ аймак өңір "
    "теңіз деңиз денгиз полигон гарнизон база аэродром шаҳар қала кала шимол жануб шарқ "
    "ғарб солтүстік оңтүстік түндүк түштүк".split(),
    *"սահման մարզ շրջան զորավարժարան պոլիգոն".split(),
    *"საზღვ რეგიონ მხარე პოლიგონ ბაზ ცენტრ ზღვ".split(),
)
# Adjectives that sit inside a site's phrase: "hərbi poliqon", "სამხედრო პოლიგონი".
_ADJECTIVES = ("hərbi", "askeri", "harby", "harbiy", "әскери", "аскердик", "ҳарбий", "სამხედრო")
_LINK_WORDS = frozenset("ilə ile bağlı ve və we va ва және жана hem həm da და և".split())
# After a genitive or a subordinating word, a following name is held by this place.
_SUBORDINATE = frozenset({"bağlı", "qarashli", "tabe"})
_GENITIVE = re.compile(
    r"(?:[nñ]?[ıiuü]n|nın|nin|nun|nün|[nň]?[yi]ň|ның|нің|дың|дің|тың|тің|нын|нин|нун|нүн|"
    r"дын|дин|тын|тин|дун|дүн|тун|түн|нинг|ის|ի)$"
)
# Common words that merely end like a locative case.
_NOT_LOCATIVE = frozenset(
    "da de də ta te tə ayında sonra orada burada həmçinin ayrıca ancak sonda başta".split()
)


def suffix_locates(
    clause: str, start: int, end: int, cues: Cues, *, drill: bool, names: tuple[str, ...] = ()
) -> bool:
    """True when ``clause[start:end]``, or the head of its phrase, is where the drill is.

    ``drill``: the clause, or the line it runs on into, has an exercise word.
    ``names``: the place's own names; a name that merely ends like a case
    ("Kanada", "Rwanda") is not in the locative.
    """
    if _apposition(clause, start, cues):
        return True  # "Harby maşklar, Hazar deňizi": a caption naming the drill, then its place
    if not drill:
        return False
    head = _TOKEN.findall(clause[start:end])
    rest = clause[end:]
    attached = _ATTACHED.match(rest)  # "Cumhuriyeti'nde": the case after the name
    if attached and head:
        head[-1] += attached.group(0)
        rest = rest[attached.end() :]
    words = [head[-1] if head else "", *_TOKEN.findall(rest)][:_PHRASE_TOKENS]
    previous = ""
    for i, word in enumerate(words):
        if word == ",":
            if i + 1 < len(words) and _is_name(words[i + 1]):
                continue  # "Kavuşak, Baski ve Işıklı bölgelerinde"
            return False
        bare = _MARKS.sub("", word).lower()
        if i > 0 and _is_name(word):
            if _holds_next(previous):
                return False  # "İran’ın Erdebil ...": this place holds the next one
            if previous and words[i - 1] != "," and previous not in _LINK_WORDS:
                return False  # "İran Azərbaycan ilə ...": two phrases, not one
        if cues.adjectival_locative is not None and cues.adjectival_locative.search(bare):
            if i == 0 and _describes_place(words[1:4], cues):
                return not _moves_after(words[1:], cues)
            return i == 0 and _describes_drill(words[1:4], cues)
        linked = _geo_word(bare) or _is_name(word) or bare in _LINK_WORDS
        if i > 0 and not linked and not bare.startswith(_ADJECTIVES):
            return False
        if i == 0 and word in names:
            previous = bare
            continue
        if cues.suffix_locative is not None and cues.suffix_locative.search(bare):
            located = bare not in _NOT_LOCATIVE and (i == 0 or _geo_word(bare))
            return located and not _moves_after(words[i + 1 :], cues)
        previous = bare
    return False


def _is_name(word: str) -> bool:
    return word[:1].isupper()


def _holds_next(previous: str) -> bool:
    """Is a name after ``previous`` held by the place before it?"""
    if not previous or previous in _LINK_WORDS - _SUBORDINATE:
        return False
    return (
        bool(_GENITIVE.search(previous))
        or previous in _SUBORDINATE
        or (_geo_word(previous) and not previous.startswith(_ADJECTIVES))
    )


def _geo_word(bare: str) -> bool:
    return bare.startswith(_GEO_STEMS)


def _describes_drill(following: list[str], cues: Cues) -> bool:
    """ "Naxçıvandakı təlimlər", "-daki hərbi təlimlər": the place describes the drill
    itself, not the troops or the units whose drill it is."""
    for word in following[:2]:
        if cues.exercise_noun.match(word):
            return True
        if not word.lower().startswith(_ADJECTIVES):
            return False
    return False


def _describes_place(following: list[str], cues: Cues) -> bool:
    """ "-deki zorlu bölgede": the place holds an area that is itself in the locative,
    where the drill is ("in the rough area in the country's north")."""
    for word in following:
        bare = _MARKS.sub("", word).lower()
        if _geo_word(bare):
            return cues.suffix_locative is not None and bool(cues.suffix_locative.search(bare))
        if word == "," or _is_name(word):
            return False
    return False


def _moves_after(rest: list[str], cues: Cues) -> bool:
    """A movement or visit verb comes before any drill word after the phrase."""
    for word in rest:
        lowered = word.lower()
        if cues.exercise_noun.match(word) or cues.event_verb.match(word):
            return False
        if lowered in cues.blockers:
            return True
    return False


def _apposition(clause: str, start: int, cues: Cues) -> bool:
    """ "Harby maşklar, Hazar deňizi": a caption naming the drill, then its place."""
    before = clause[:start]
    if not before.rstrip().endswith(","):
        return False
    words = before.rstrip(" ,").split()
    return 0 < len(words) <= 3 and bool(cues.exercise_noun.fullmatch(words[-1]))
