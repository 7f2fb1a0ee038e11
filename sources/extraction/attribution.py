"""Stage 8, attribute: who each sentence credits for what it says.

"according to X", "X reported/wrote/said", "citing X", "..., state TV
reported", and in Russian "сообщает X", "по данным X". None means the outlet
says it in its own voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

from sources.extraction.assign import Assigned

__all__ = ["Attributed", "attribute", "attribution"]


@dataclass(frozen=True)
class Attributed:
    assigned: Assigned
    credits: tuple[str | None, ...]


def attribute(assigned: Assigned) -> Attributed:
    roles = assigned.roles
    body = roles.body
    credits = []
    current, text = None, ""
    for located, sentence in zip(roles.resolved.located, roles.sentences, strict=True):
        if sentence is not current:  # mentions come in text order, sentence by sentence
            current, text = sentence, body[sentence.start : sentence.end]
        credits.append(
            attribution(text, located.start - sentence.start, language=sentence.language)
        )
    return Attributed(assigned, tuple(credits))


# Cheap looks: literals, without word boundaries or case folding. An Aho-Corasick scan
# finds whether any is there about twice as fast as re's search of their alternation.
# One of these is in every match of _ACCORDING, lowered.
_ACCORDING_HINT = ahocorasick_rs.AhoCorasick(["according", "citing", "reported by", "via"])
# Every verb of _SAY_VERB, _SAYS and _TRAILING_SAYS contains one of these.
_SAY_HINT = ahocorasick_rs.AhoCorasick(
    "report wrote writ said says announced stated confirm claim quoted told noted".split()
)
_ACCORDING = re.compile(
    r"(?:according to|citing|as reported by|via)\s+(?P<who>[^,.;:()]{2,80})", re.IGNORECASE
)
# The possessive ``*+`` keeps a capitalised word whole: letting the engine split "NATO" or
# "Armenia-Azerbaijan" at every capital made a failing search exponential (a 70-character
# all-caps headline took minutes). Every match the pattern finds is unchanged.
_SAYS = re.compile(
    r"(?P<who>(?:[A-Z][\w’'.-]*+|the|of|and|pro-government|state|news|media|outlet|"
    r"officials?|ministry|agency|,|\s)+?)\s+(?:has |have |had )?(?:only )?"
    r"(?:reported|reports|wrote|written|writes|said|says|announced|stated|confirmed|confirms|confirm|"
    r"claimed|claims|quoted|told|noted)\b",
)
_SAY_VERB = re.compile(
    r"\b(?:reported|reports|wrote|written|writes|said|says|announced|stated|confirmed|"
    r"confirms|confirm|claimed|claims|quoted|told|noted)\b"
)
_TRAILING_SAYS = re.compile(
    r",\s+(?P<who>[^,;:]{2,60}?)\s+(?:reported|said|announced|stated|wrote|told \w+)\W*$"
)
_RU_SAYS = re.compile(
    r"(?:сообщает|сообщило|сообщил|по данным|по словам|со ссылкой на)\s+"
    r"(?P<who>[^,.;:]{2,60})",
    re.IGNORECASE,
)


def attribution(sentence: str, start: int, *, language: str) -> str | None:
    """Who the sentence credits for what it says at ``start``, or None."""
    says, according = _credits(sentence, language)
    credited = None
    for end, who in says:
        if end <= start:
            credited = who
    return credited or according


@lru_cache(maxsize=4096)
def _credits(sentence: str, language: str) -> tuple[tuple[tuple[int, str | None], ...], str | None]:
    """Every "X said" cue in a sentence (with where it ends), and its "according to X"."""
    if language == "ru":
        match = _RU_SAYS.search(sentence)
        return (), _clean(match.group("who")) if match else None
    says = ()
    # Cheap looks first, in plain substrings: most sentences credit nobody.
    lowered = sentence.lower()
    say = bool(_SAY_HINT.find_matches_as_indexes(sentence))
    if say and _SAY_VERB.search(sentence):
        says = tuple((m.end(), _clean(m.group("who"))) for m in _SAYS.finditer(sentence))
    according = None
    if _ACCORDING_HINT.find_matches_as_indexes(lowered):
        according = next((_clean(m.group("who")) for m in _ACCORDING.finditer(sentence)), None)
    if according is None and say and (trailing := _TRAILING_SAYS.search(sentence)):
        according = _clean(trailing.group("who"))  # "..., state TV reported."
    return says, according


_LEADING = re.compile(r"^(?:while|whereas|and|but|although|though|on \w+|the)\b[\s,]*", re.I)


def _clean(who: str) -> str | None:
    who = who.strip(" ,")
    for _ in range(3):
        who = _LEADING.sub("", who).strip(" ,")
    if not who or len(who) > 80 or who.lower() in _PRONOUNS:
        return None
    if not any(c.isupper() for c in who) and not _SOURCE_NOUNS.search(who):
        return None  # "they said": nobody in particular
    return who[0].upper() + who[1:]


_PRONOUNS = frozenset("i you he she it we they this that these those".split())
_SOURCE_NOUNS = re.compile(
    r"\b(?:ministry|agency|media|officials?|spokes(?:man|woman|person)|statement|army|navy|"
    r"military|commander|government|press|television|tv|radio|outlets?|sources?)\b",
    re.IGNORECASE,
)
