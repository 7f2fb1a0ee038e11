"""Deciding whether a place mention is an exercise location, and who says so."""

from __future__ import annotations

import re
from functools import lru_cache

from sources.cues import ANCHOR_PASS, PLANNED, Cues, cues_for, tokens

__all__ = ["attribution", "is_exercise_location"]

# "On May 18, Iran and ...": a preposition before a date heads a time phrase.
_TIME = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday week month year
    morning evening night""".split()
)
# How far a locative phrase may sit from the word it attaches to, in words.
_NOUN_GAP = 14
_VERB_GAP = 3
_AGENT_GAP = 16
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
    if language != "fa" and len(tokens(before)) > 2:
        # English puts the drill first; a place before it heads its own phrase
        # ("diplomacy in the South Caucasus unfolded ... launching drills").
        return False
    return _anchor_after(
        clause[end:], cues, event_ok=sentence_has_exercise or previous_has_exercise
    )


def _governing_preposition(clause: str, start: int, cues: Cues, *, is_country: bool) -> int | None:
    """End offset of the preposition the mention's phrase hangs from, if any."""
    # Ten words back at most: the window need not reach further.
    offset = max(0, start - 120)
    window = clause[offset:start]
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
    return offset + last.start()


_CHAIN_WORDS = frozenset("and or of near in at along including и в на و در".split())


def _continues_chain(between: str, cues: Cues) -> bool:
    """Does ``between`` link two places into one locative phrase?"""
    words = tokens(between)
    if len(words) > 4 or any(t in cues.blockers for t in words):
        return False
    if re.fullmatch(r"[\s,()’'“”‘\"-]*", between) or "," in between or "(" in between:
        return True
    if cues is cues_for("fa"):
        return len(words) <= 2  # Persian apposition: "island of X, city of Y"
    return any(t in _CHAIN_WORDS for t in words) or bool(cues.preposition.search(between))


def _gap_ok(before: str, anchor: re.Pattern[str], cues: Cues, max_gap: int) -> bool:
    before = before[-240:]  # no gap allowed is longer than this
    last = None
    for match in anchor.finditer(before):
        last = match
    if last is None:
        return False
    words = tokens(before[last.end() :])
    if words and words[0] in ANCHOR_PASS:
        # "conducted by special forces of ... in X", "drills with Armenia in X"
        max_gap = max(max_gap, _AGENT_GAP)
    between = [t for t in words if t not in ANCHOR_PASS]
    return len(between) <= max_gap and not any(t in cues.blockers for t in between)


def _anchor_after(after: str, cues: Cues, *, event_ok: bool) -> bool:
    """ "In Nakhchivan, drills were held"; Persian puts the verb last: "در X برگزار شد"."""
    anchors = [cues.exercise_noun.search(after)]
    if event_ok:
        anchors.append(cues.event_verb.search(after))
    for match in anchors:
        if match is not None:
            between = tokens(after[: match.start()])
            if len(between) <= 6 and not any(t in cues.blockers for t in between):
                return True
    return False


def _suffix_language_rule(clause: str, start: int, end: int, cues: Cues) -> bool:
    """Turkish and Azerbaijani: the place, or the head of its phrase, is locative.

    The phrase runs from the place through genitive links and geographic head
    nouns: "İran’ın Erdebil eyaletine bağlı Aslandüz sınır ilçesinde",
    "Azərbaycan ilə sərhəddə". Any other word ends it, so "Azərbaycan-İran
    hərbi əməkdaşlığının ..." and "... sınır terminalinde" are not sites.
    """
    if not cues.exercise_noun.search(clause):
        return False
    words = re.findall(r"[\w’'-]+", clause[start:])[:8]
    for i, word in enumerate(words):
        bare = re.sub(r"[’'-]", "", word).lower()
        if cues.adjectival_locative is not None and cues.adjectival_locative.search(bare):
            return False
        if i > 0 and not (_geo_word(bare) or word[:1].isupper() or bare in _LINK_WORDS):
            return False
        if cues.suffix_locative is not None and cues.suffix_locative.search(bare):
            return bare not in _TR_AZ_NOT_LOCATIVE and (i == 0 or _geo_word(bare))
        if i + 1 < len(words) and not _links(bare, words[i + 1]):
            return False
    return False


_GEO_STEMS = (
    "sınır",
    "sərhəd",
    "ilçe",
    "rayon",
    "bölge",
    "bölgə",
    "eyalet",
    "əyalət",
    "vilayet",
    "ərazi",
    "arazi",
    "istiqamət",
    "yön",
    "köy",
    "kənd",
    "şəhər",
    "şehir",
    "ada",
    "dəniz",
    "deniz",
    "nehir",
    "çay",
    "özerk",
    "cumhuriyet",
    "muxtar",
    "respublika",
    "düz",
    "bağlı",
)
_LINK_WORDS = frozenset({"ilə", "ile", "bağlı"})
_GENITIVE = re.compile(r"(?:n?[ıiuü]n|nın|nin|nun|nün)$")


def _geo_word(bare: str) -> bool:
    return bare.startswith(_GEO_STEMS)


def _links(bare: str, following: str) -> bool:
    """Can the phrase go on from ``bare`` to ``following``?"""
    nxt = re.sub(r"[’'-]", "", following).lower()
    if _geo_word(nxt) or nxt in _LINK_WORDS:
        return True
    return following[:1].isupper() and (
        bool(_GENITIVE.search(bare)) or bare in _LINK_WORDS or _geo_word(bare)
    )


# Common words that merely end like a locative case.
_TR_AZ_NOT_LOCATIVE = frozenset(
    "da de də ta te tə ayında sonra orada burada həmçinin ayrıca ancak".split()
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
    if _SAY_VERB.search(sentence):  # the full pattern is slow; most sentences lack a verb
        says = tuple((m.end(), _clean(m.group("who"))) for m in _SAYS.finditer(sentence))
    according = next((_clean(m.group("who")) for m in _ACCORDING.finditer(sentence)), None)
    if according is None and (trailing := _TRAILING_SAYS.search(sentence)):
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
