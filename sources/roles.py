"""Deciding whether a place mention is an exercise location, and who says so."""

from __future__ import annotations

import re

from sources.cues import ANCHOR_PASS, PLANNED, Cues, cues_for, tokens

__all__ = ["attribution", "is_exercise_location"]

# "On May 18, Iran and ...": a preposition before a date heads a time phrase.
_TIME = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday week month year
    morning evening night""".split()
)
# How far a locative phrase may sit from the word it attaches to, in words.
_NOUN_GAP = 12
_VERB_GAP = 3
_PHRASE_GAP = 10


def is_exercise_location(
    clause: str,
    start: int,
    end: int,
    *,
    language: str,
    previous_has_exercise: bool = False,
    sentence_has_exercise: bool = False,
    is_country: bool = False,
    chained_from: int | None = None,
) -> bool:
    """True when ``clause[start:end]`` is where the clause says a drill happens.

    ``chained_from`` is the end offset, in ``clause``, of the previous mention
    when that one was an exercise location: "in Aslan Duz District near the
    Azerbaijan border", "Khojavend and Shusha", "Artsakh (Nagorno-Karabakh)"
    continue the same locative phrase.
    """
    cues = cues_for(language)
    if cues.suffix_locative is not None:
        return _suffix_language_rule(clause, start, end, cues)
    if chained_from is not None and _continues_chain(clause[chained_from:start], cues):
        return True
    prep = _governing_preposition(clause, start, cues, is_country=is_country)
    if prep is None:
        return False
    before = clause[:prep]
    if PLANNED.search(before):
        return False
    if cues.anaphoric.search(before[-40:]) and previous_has_exercise:
        return _gap_ok(before, cues.anaphoric, cues, _VERB_GAP)
    if not (sentence_has_exercise or previous_has_exercise) and not cues.exercise_noun.search(
        clause
    ):
        return False
    if _gap_ok(before, cues.event_verb, cues, _VERB_GAP) and (
        sentence_has_exercise or previous_has_exercise
    ):
        return True
    if _gap_ok(before, cues.exercise_noun, cues, _NOUN_GAP):
        return True
    return _anchor_after(clause[end:], cues)


def _governing_preposition(clause: str, start: int, cues: Cues, *, is_country: bool) -> int | None:
    """End offset of the preposition the mention's phrase hangs from, if any."""
    window = clause[:start]
    last = None
    for match in cues.preposition.finditer(window):
        last = match
    if last is None:
        return None
    between = tokens(window[last.end() :])
    if len(between) > _PHRASE_GAP or any(t in cues.blockers or t in _TIME for t in between):
        return None
    if is_country and any(t.startswith("border") for t in between):
        return None  # "along the borders of Armenia": the border, not the country
    return last.start()


def _continues_chain(between: str, cues: Cues) -> bool:
    words = tokens(between)
    if len(words) > 4 or any(t in cues.blockers for t in words):
        return False
    return (
        bool(re.fullmatch(r"[\s,()’'“”‘\"-]*", between))
        or any(
            t in ("and", "or", "of", "near", "in", "at", "along", "including", "и", "و", "ve", "və")
            for t in words
        )
        or bool(cues.preposition.search(between))
    )


def _gap_ok(before: str, anchor: re.Pattern[str], cues: Cues, max_gap: int) -> bool:
    last = None
    for match in anchor.finditer(before):
        last = match
    if last is None:
        return False
    between = [t for t in tokens(before[last.end() :]) if t not in ANCHOR_PASS]
    return len(between) <= max_gap and not any(t in cues.blockers for t in between)


def _anchor_after(after: str, cues: Cues) -> bool:
    match = cues.exercise_noun.search(after)
    if match is None:
        return False
    between = tokens(after[: match.start()])
    return len(between) <= 6 and not any(t in cues.blockers for t in between)


def _suffix_language_rule(clause: str, start: int, end: int, cues: Cues) -> bool:
    """Turkish and Azerbaijani: the place, or the head of its phrase, is locative."""
    if not cues.exercise_noun.search(clause):
        return False
    words = re.findall(r"[\w’'-]+", clause[start:])
    if not words:
        return False
    for word in words[:7]:
        bare = re.sub(r"[’'-]", "", word)
        if word.lower() in cues.blockers:
            return False
        if cues.adjectival_locative is not None and cues.adjectival_locative.search(bare):
            return False
        if cues.suffix_locative is not None and cues.suffix_locative.search(bare):
            return bare.lower() not in _TR_AZ_NOT_LOCATIVE
    return False


# Common words that merely end like a locative case.
_TR_AZ_NOT_LOCATIVE = frozenset(
    "da de də ta te tə ayında sonra orada burada həmçinin ayrıca ancak".split()
)

_ACCORDING = re.compile(
    r"(?:according to|citing|as reported by|via)\s+(?P<who>[^,.;:()]{2,80})", re.IGNORECASE
)
_SAYS = re.compile(
    r"(?P<who>(?:[A-Z][\w’'.-]*|the|of|and|pro-government|state|news|media|outlet|"
    r"officials?|ministry|agency|,|\s)+?)\s+(?:has |have |had )?(?:only )?"
    r"(?:reported|reports|wrote|written|writes|said|says|announced|stated|confirmed|confirms|confirm|"
    r"claimed|claims|quoted|told|noted)\b",
)
_RU_SAYS = re.compile(
    r"(?:сообщает|сообщило|сообщил|по данным|по словам|со ссылкой на)\s+"
    r"(?P<who>[^,.;:]{2,60})",
    re.IGNORECASE,
)


def attribution(sentence: str, start: int, *, language: str) -> str | None:
    """Who the sentence credits for what it says at ``start``, or None."""
    if language == "ru":
        match = _RU_SAYS.search(sentence)
        return _clean(match.group("who")) if match else None
    credited = None
    for match in _SAYS.finditer(sentence[:start]):
        credited = match.group("who")
    if credited and _clean(credited):
        return _clean(credited)
    for match in _ACCORDING.finditer(sentence):
        return _clean(match.group("who"))
    return None


_LEADING = re.compile(r"^(?:while|whereas|and|but|although|though|on \w+|the)\b[\s,]*", re.I)


def _clean(who: str) -> str | None:
    who = who.strip(" ,")
    for _ in range(3):
        who = _LEADING.sub("", who).strip(" ,")
    if not who or len(who) > 80 or not any(c.isupper() for c in who[:1] + who):
        return None
    return who[0].upper() + who[1:]
