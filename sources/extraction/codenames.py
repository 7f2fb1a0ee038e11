"""Exercise names in a text: the registry's aliases, and names the text gives a drill.

News copy names a drill in a few fixed ways, in every language:

* after a naming word: "dubbed Poisk-2017", "codenamed X", "adı altında",
  "под названием", "با نام", "atly";
* in quotation marks next to an exercise word: 'the "Araz-2025" joint
  exercise', «Кавказ-2016» учения, “TURAZ Şahini 2015”;
* as a name with a year or number joined by a hyphen in a sentence about a
  drill: "Poisk-2017", "Hazar-2016", "Bridge-20".

A discovered name gets an id made from its words ("Peace Mission -2016" ->
``peace-mission-2016``), so every article naming the same drill the same way
groups under one id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

from sources.articles import Article
from sources.exercises import exercise_by_id, find_exercise_names
from sources.extraction.cues import (
    NAMING_WORDS,
    has_exercise_noun,
    hinted_matches,
    is_exercise_noun,
    lower_body,
)

__all__ = ["ExerciseName", "find_names", "slug"]


@dataclass(frozen=True)
class ExerciseName:
    """``body[start:end]`` names exercise ``id``; ``discovered`` when the registry lacks it."""

    start: int
    end: int
    id: str
    name: str
    discovered: bool = False


_OPEN, _CLOSE = "\"“«„‘'", "\"”»“’'"
_QUOTED = re.compile(r"[\"“«„‘'](?P<name>[^\"“”«»„‘’'\n]{2,60})[\"”»“’']")
# Cyrillic and Latin capitals, digits: what a code name starts with.
_NAME_START = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЎҚҒҲӘӨҮҰІҢՀ-Ֆ0-9]")
_WORD = r"[^\W_][\w’'.]*"
_UNQUOTED = re.compile(rf"(?P<name>{_WORD}(?:[ \t]?-[ \t]?\w+|[ \t]+[A-Z0-9А-ЯЁ]\w*){{0,3}})")
_HYPHEN_YEAR = re.compile(
    r"(?<![\w-])(?P<name>[A-ZА-ЯЁ][\w’']*(?:[ \t][A-ZА-ЯЁ][\w’']*){0,2}[ \t]?-[ \t]?"
    r"(?:(?:19|20)\d\d|\d{1,2}))(?![\w-])"
)
_MONTHS = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|COVID|Covid|MiG|Su|Mi|Ka|Tu|Il|Yak|T|F|S|B|C|K)\b"
)
_NEAR_WORDS = 3


def find_names(article: Article, body: str) -> list[ExerciseName]:
    """Registry names and discovered names in ``body``, sorted, never overlapping."""
    by_id = exercise_by_id()
    found = [ExerciseName(s, e, i, by_id[i].name) for s, e, i in find_exercise_names(body)]
    taken = [(n.start, n.end) for n in found]
    for start, end in _discovered(body):
        if any(s < end and start < e for s, e in taken):
            continue
        name = body[start:end].strip()
        found.append(ExerciseName(start, end, slug(name), name, discovered=True))
        taken.append((start, end))
    return sorted(found, key=lambda n: n.start)


def slug(name: str) -> str:
    """ "Peace Mission -2016" -> "peace-mission-2016"."""
    return re.sub(r"[\W_]+", "-", name.casefold()).strip("-")


def _discovered(body: str) -> list[tuple[int, int]]:
    spans = []
    for match in _QUOTED.finditer(body):
        start, end = match.span("name")
        name = match.group("name")
        named = _named_before(body, match.start()) and _drill_before(body, match.start())
        if _looks_like_name(name) and (named or _near_noun(body, match)):
            spans.append((start, end))
    for match in _naming_words(body):
        rest = body[match.end() : match.end() + 80]
        lead = len(rest) - len(rest.lstrip(" \t"))
        if lead == 0 or (rest[lead : lead + 1] and rest[lead] in _OPEN):
            continue
        name = _UNQUOTED.match(rest, lead)
        if name and _NAME_START.match(name.group("name")) and _drill_before(body, match.start()):
            spans.append((match.end() + lead, match.end() + name.end()))
    for match in _hyphen_numbers(body):
        name = match.group("name")
        if _MONTHS.match(name) or not _in_drill_sentence(body, match.start()):
            continue
        if not re.search(r"(?:19|20)\d\d$", name) and not _short_number_name(body, match):
            continue
        spans.append(match.span("name"))
    return sorted(spans)


def _naming_words(body: str) -> list[re.Match[str]]:
    """NAMING_WORDS in ``body``; the big pattern runs only on lines that may hold one."""
    lowered = lower_body(body)
    if len(lowered) != len(body):
        return list(NAMING_WORDS.finditer(body))
    hits = [start for _, start, _ in _naming_scanner().find_matches_as_indexes(lowered)]
    if not hits:
        return []
    # On those lines, the pattern is tried only at the words of its matches.
    found = []
    for start, end in _lines_at(body, hits):
        found += hinted_matches(NAMING_WORDS, body, _NAMING_MATCH_HINTS, _NAMING_REACH, start, end)
    return found


def _hyphen_numbers(body: str) -> list[re.Match[str]]:
    """ "Poisk-2017", "Hazar -2016": searched only on lines with a hyphen before a digit."""
    found = []
    for start, end in _lines_at(body, [m.start() for m in _HYPHEN_DIGIT.finditer(body)]):
        found += _HYPHEN_YEAR.finditer(body, start, end)
    return found


def _lines_at(body: str, offsets: list[int]) -> list[tuple[int, int]]:
    """The lines holding ``offsets`` (sorted), each once."""
    lines: list[tuple[int, int]] = []
    for at in offsets:
        if lines and at < lines[-1][1]:
            continue
        start = body.rfind("\n", 0, at) + 1
        end = body.find("\n", at)
        lines.append((start, len(body) if end == -1 else end))
    return lines


# Cheap first looks: a hyphen before a digit; the first letters of a naming word.
_HYPHEN_DIGIT = re.compile(r"-\s?\d")
_NAMING_HINTS = (
    "dubbed named called titled christened name adı adlı isimli adlan названи نام موسوم عنوان "
    "номи атты аттуу аталыш аталат аталган номли nomli atly անվամբ կոչվող სახელწოდებით"
).split()


# One of these is in every match of NAMING_WORDS once lowered ("adi": IGNORECASE reads an
# "ı" of the pattern as "i" and "I" too), at most this many characters after the match's
# start and the blanks before the hint ("under the code name").
_NAMING_MATCH_HINTS = (*_NAMING_HINTS, "adi", "adli")
_NAMING_REACH = 14


@cache
def _naming_scanner() -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick(_NAMING_HINTS)


def _drill_before(body: str, at: int) -> bool:
    """ "the drill, dubbed X": a naming word names a drill only after an exercise word."""
    before = _same_sentence_before(body, at).split()[-8:]
    return any(is_exercise_noun(w.strip('(),.«»"“”—–-')) for w in before)


def _short_number_name(body: str, match: re.Match[str]) -> bool:
    """ "Bridge-20", "Waves-4" next to an exercise word; not "F-16", "Su-35", "SNMG-2"."""
    word = re.split(r"[\s-]+", match.group("name").strip())[-2]
    if len(word) < 4 or word.isupper():
        return False
    return _near_noun(body, match)


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return (
        0 < len(words) <= 6
        and bool(_NAME_START.match(name.strip()))
        and not re.search(r"[.,;:!?]\s", name)
        and not name.strip().endswith((".", ",", ":"))
    )


def _named_before(body: str, start: int) -> bool:
    before = body[max(0, start - 40) : start].rstrip(" \t—–-,")
    return any(m.end() == len(before) for m in NAMING_WORDS.finditer(before))


def _near_noun(body: str, match: re.Match[str]) -> bool:
    """An exercise word within three words of the name, in its sentence."""
    before = _same_sentence_before(body, match.start()).split()[-_NEAR_WORDS:]
    line_end = body.find("\n", match.end())
    after = body[match.end() : line_end if line_end != -1 else len(body)]
    after = re.split(r"[.!?;]\s", after, maxsplit=1)[0].split()[:_NEAR_WORDS]
    return any(is_exercise_noun(w.strip("(),.:«»\"“”’'")) for w in [*before, *after])


def _same_sentence_before(body: str, at: int) -> str:
    line_start = body.rfind("\n", 0, at) + 1
    return re.split(r"[.!?;]\s", body[line_start:at])[-1]


def _in_drill_sentence(body: str, at: int) -> bool:
    start = max(body.rfind("\n", 0, at), body.rfind(". ", 0, at)) + 1
    end = body.find("\n", at)
    return has_exercise_noun(body[start : end if end != -1 else len(body)])
