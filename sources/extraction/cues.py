"""How news language places an exercise: the cue words, per language, and the rules.

The rule, in every language: a place mention is an *exercise location* when it
sits in a locative phrase ("in X", "near the X border", "X'da", "на
территории X", "در X") that attaches to an exercise word ("drill",
"tatbikat", "təlim", "учения", "رزمایش") or to an event verb ("held",
"taking place") in a sentence about an exercise, with nothing in between
that moves the phrase onto something else: a purpose ("aims to ensure
security in"), a movement ("arrived in", "crossed into", "based in"), an
agreement, a visit, or a new clause. Everything else is a *context mention*.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import ahocorasick_rs

__all__ = [
    "ANY_EXERCISE_NOUN",
    "EN_NOUN_HINTS",
    "NAMING_WORDS",
    "Cues",
    "cues_for",
    "has_exercise_noun",
    "hint_text",
    "hinted_matches",
    "is_exercise_noun",
    "is_furniture_line",
    "is_reference_line",
    "lower",
    "lower_body",
    "lowercase_cues",
    "may_match",
    "odd_letters",
]

_WORD = r"[^\W\d_][\w’'‐-]*"


@dataclass(frozen=True)
class Cues:
    """The cue lexicon of one language; every pattern is case-insensitive."""

    exercise_noun: re.Pattern[str]
    event_verb: re.Pattern[str]
    preposition: re.Pattern[str]
    blockers: frozenset[str]
    anaphoric: re.Pattern[str]
    suffix_locative: re.Pattern[str] | None = None
    adjectival_locative: re.Pattern[str] | None = None
    # What an exercise name reads as once masked: this language's exercise noun.
    noun: str = "exercise"


def _rx(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


_EN_BLOCKERS = frozenset(
    """with between from by for via after since than against about toward towards into onto
    that which who whose while when where said says told reported wrote announced
    is are was were be been being has have had will would can could might shall should
    do does did amid despite following before because unlike
    aim aims aimed aiming ensure ensuring security safety purpose goal goals protect protecting
    agreement agreed agreements discussions discussed plan plans planned proposal talks
    arrive arrives arrived arrival entered enter enters crossed cross crossing via sent
    based stationed headquartered deployed garrisoned received welcomed visit visited visits
    visiting meeting met embassy
    terminal threat threats threatened concern concerns tensions conflict war wars
    participate participating part join joined""".split()
)

EN = Cues(
    exercise_noun=_rx(
        r"exercises?|drills?|war[- ]?games?|wargames?|manoeuvres?|maneuvers?|maneuvres?"
        r"|military training|combat training"
    ),
    event_verb=_rx(
        r"held|hold|holds|holding|take place|takes place|took place|taking place|"
        r"taken place|conducted|conduct|conducts|conducting|launched|launch|launches|"
        r"launching|began|begun|begin|begins|started|kicked off|staged|stage|staging|"
        r"carried out|underway|under way|scheduled|organi[sz]ed|located|situated|"
        r"geolocated|hosted|hosts|hosting|runs|ran|running|run|occurred|occurs|unfolded|"
        r"continued|continues|resumed|ended|concluded|wrapped up|performed|practised|practiced"
    ),
    preposition=_rx(r"across from|in|at|near|along|across|inside|within|off|throughout|around|on"),
    blockers=_EN_BLOCKERS,
    anaphoric=_rx(r"located|situated|geolocated"),
)

# Turkic languages written in Latin letters (Turkish, Azerbaijani, Turkmen, Uzbek) and in
# Cyrillic (Kazakh, Kyrgyz, Uzbek), Armenian and Georgian place an event with a case
# ending or postposition on the place or on the head noun of its phrase ("Kars'ta",
# "Hazar deňzinde", "полигонында", "շրջանում", "ვაზიანში"), not with a preposition.
_TURKIC_BLOCKERS = frozenset(
    """amacı məqsədi amacıyla məqsədilə güvenliği təhlükəsizliyi karşılandı qarşılandı geldi
    gəldi ziyaret ziyarət ziyaretinde ziyarəti görüştü görüşdü bulunan yerleşik konuşlu
    мақсатында келді келип келди максатында сапар сапары maksady geldi sapar
    ташриф келди мақсадида""".split()
)
TR_AZ = Cues(
    exercise_noun=re.compile(
        r"(?:tatbikat|təlim|telim|manevra|manevr|maşk|türgenleşik|okuw|mashq|o[‘'ʻ]quv)\w*",
        re.IGNORECASE,
    ),
    event_verb=re.compile(
        r"(?:başla|başlat|düzenle|yapıl|gerçekleştir|keçiril|keçir|başlan|start ver|icra|"
        r"həyata keçir|davam ed|geçir|o[‘'ʻ]tkaz)\w*",
        re.IGNORECASE,
    ),
    preposition=re.compile(r"(?!)"),
    blockers=_TURKIC_BLOCKERS,
    anaphoric=re.compile(r"(?!)"),
    # A locative case ending on the place or on the head noun of its phrase.
    suffix_locative=re.compile(
        r"(?:[dt][aeə]|n[dt][aeə]|[ıiuü]n[dt][aeə]|ind[aeə])$", re.IGNORECASE
    ),
    # "-daki/-dəki": "the N in X"; the place then describes N, not the drill.
    adjectival_locative=re.compile(r"[dt][aeə]k[iı]$", re.IGNORECASE),
    noun="tatbikat",
)
CYRILLIC_TURKIC = Cues(
    exercise_noun=re.compile(
        r"(?:жаттығу|жаттыгуу|машыгуу|машығу|көнүгүү|ўқув|машқ|машғулот|учени|маневр|манёвр)\w*",
        re.IGNORECASE,
    ),
    event_verb=re.compile(r"(?:өткіз|өткөр|ўтказ|бошлан|басталд|башталд|болуп өт)\w*", re.I),
    preposition=re.compile(r"(?!)"),
    blockers=_TURKIC_BLOCKERS,
    anaphoric=re.compile(r"(?!)"),
    suffix_locative=re.compile(r"(?:[дт][аеәоөы]|н[дт][аеәоө]|[ыі]н[дт][аеә])$", re.IGNORECASE),
    adjectival_locative=re.compile(r"(?:[дт][аеә]ғы|[дт][аеә]гі|[дт][аеоө]гу|[дт]аги)$", re.I),
    noun="жаттығу",
)
HY = Cues(
    exercise_noun=re.compile(r"զորավարժ\w*|վարժանք\w*", re.IGNORECASE),
    event_verb=re.compile(r"(?:անցկաց|իրականաց|մեկնարկ|սկս)\w*", re.IGNORECASE),
    preposition=re.compile(r"(?!)"),
    blockers=frozenset("ժամանել ժամանեց այց այցով այցելություն".split()),
    anaphoric=re.compile(r"(?!)"),
    suffix_locative=re.compile(r"ում$"),
    noun="զորավարժություն",
)
KA = Cues(
    exercise_noun=re.compile(r"სწავლებ\w*|წვრთნ\w*", re.IGNORECASE),
    event_verb=re.compile(r"(?:ჩატარ|მიმდინარე|გაიმართ|დაიწყ|გამართ)\w*"),
    preposition=re.compile(r"(?!)"),
    blockers=frozenset("ჩამოვიდნენ ჩამოვიდა ჩავიდნენ მისაღებად ვიზიტი ვიზიტით".split()),
    anaphoric=re.compile(r"(?!)"),
    suffix_locative=re.compile(r"(?:ში|ზე)$"),
    noun="სწავლება",
)

_RU_BLOCKERS = frozenset(
    """с со между из от для против после посетил посетили прибыл прибыли прибыла посольство
    заявил заявила является отношениях отношения подняты поднята поднят""".split()
)
RU = Cues(
    exercise_noun=re.compile(r"учени[йяеюи]\w*|маневр\w*|манёвр\w*", re.IGNORECASE),
    event_verb=re.compile(
        r"(?:провод|провел|провёл|прош|пройд|начал|стартовал|состоял|состоит|организ)\w*",
        re.IGNORECASE,
    ),
    preposition=_rx(r"в|во|на|у|близ|вблизи|возле|около|вдоль|под"),
    blockers=_RU_BLOCKERS,
    anaphoric=re.compile(r"(?!)"),
    noun="учения",
)

_FA_BLOCKERS = frozenset(
    """منظور برای تأمین تامین اهداف هدف امنیت به با از بین رفته ترک سفر
    барои бо аз байни ҳадафи""".split()
)
FA = Cues(
    exercise_noun=re.compile(r"رزمایش\w*|مانور\w*"),
    event_verb=re.compile(r"برگزار|انجام|آغاز"),
    preposition=re.compile(r"(?<!\S)در(?!\S)"),
    blockers=_FA_BLOCKERS,
    anaphoric=re.compile(r"(?!)"),
    noun="رزمایش",
)
# Tajik: Persian grammar in Cyrillic letters ("дар машқгоҳи X ... баргузор гардиданд").
TG = Cues(
    exercise_noun=re.compile(r"машқ(?!гоҳ)\w*|тамрин\w*", re.IGNORECASE),
    event_verb=re.compile(r"(?:баргузор|гузарон|доир)\w*", re.IGNORECASE),
    preposition=_rx(r"дар"),
    blockers=_FA_BLOCKERS,
    anaphoric=re.compile(r"(?!)"),
    noun="машқ",
)

# "agreed to hold an exercise in X": the exercise is a plan, not a report.
PLANNED = re.compile(
    r"\b(?:agree\w*|plan\w*|decid\w*|decision\w*|propos\w*|intend\w*|discuss\w*)\b"
    r"[^.;]{0,80}?\bto (?:hold|conduct|stage|carry out|organi[sz]e|launch)\b",
    re.IGNORECASE,
)
# Between an exercise word and its place, a participant phrase is harmless:
# "a joint exercise with Azerbaijan in occupied Artsakh".
ANCHOR_PASS = frozenset({"with", "between", "by", "involving"})

# Uzbek is written in Latin and in Cyrillic letters: both scripts' cues at once.
UZ = Cues(
    exercise_noun=re.compile(
        f"{TR_AZ.exercise_noun.pattern}|{CYRILLIC_TURKIC.exercise_noun.pattern}", re.IGNORECASE
    ),
    event_verb=re.compile(
        f"{TR_AZ.event_verb.pattern}|{CYRILLIC_TURKIC.event_verb.pattern}", re.IGNORECASE
    ),
    preposition=re.compile(r"(?!)"),
    blockers=_TURKIC_BLOCKERS,
    anaphoric=re.compile(r"(?!)"),
    suffix_locative=re.compile(
        rf"{TR_AZ.suffix_locative.pattern}|{CYRILLIC_TURKIC.suffix_locative.pattern}",
        re.IGNORECASE,
    ),
    adjectival_locative=re.compile(
        r"[dt][aeə]k[iı]$|(?:[дт][аеә]ғы|[дт][аеә]гі|[дт][аеоө]гу|[дт]аги)$", re.IGNORECASE
    ),
    noun="mashq",
)

_BY_LANGUAGE = {
    "en": EN,
    **dict.fromkeys(("tr", "az", "tk"), TR_AZ),
    "uz": UZ,
    **dict.fromkeys(("kk", "ky"), CYRILLIC_TURKIC),
    **dict.fromkeys(("ru", "be", "uk", "bg"), RU),
    "fa": FA,
    "tg": TG,
    "hy": HY,
    "ka": KA,
}
# Every language's exercise words at once: for names and for sentences in any language.
ANY_EXERCISE_NOUN = re.compile(
    "|".join(
        rf"(?:{c.exercise_noun.pattern})" for c in (EN, TR_AZ, CYRILLIC_TURKIC, HY, KA, RU, FA, TG)
    ),
    re.IGNORECASE,
)


def has_exercise_noun(text: str) -> bool:
    """Does ``text`` have an exercise word of any language? On lowered text with a
    case-sensitive pattern: this alternation is slow to search case-insensitively."""
    return _ANY_EXERCISE_NOUN_LOWER.search(lower(text)) is not None


def is_exercise_noun(word: str) -> bool:
    """Does ``word`` start with an exercise word of any language?"""
    return _ANY_EXERCISE_NOUN_LOWER.match(lower(word)) is not None


# The words that introduce a drill's code name ("dubbed X", "adı altında", "под названием").
NAMING_WORDS = re.compile(
    r"(?<!\w)(?:dubbed|code-?named|code named|named|called|titled|entitled|christened|"
    r"under the (?:code ?)?name(?: of)?|adı altında|kod adlı|adıyla|adlı|isimli|adlanır|"
    r"adlandırılan|под (?:кодовым )?названием|с кодовым названием|кодовое название|"
    r"با نام|موسوم به|با عنوان|бо номи|атты|аттуу|аталышындагы|деп аталатын|деп аталган|"
    r"номли|nomli|atly|անվամբ|կոչվող|სახელწოდებით)(?!\w)",
    re.IGNORECASE,
)


_ANY_EXERCISE_NOUN_LOWER = re.compile(ANY_EXERCISE_NOUN.pattern)


def lower(text: str) -> str:
    """``text`` in lower case, offsets kept: Turkish "İ" becomes "i", not "i" and a dot."""
    return text.replace("İ", "I").lower()


# Letters that re's IGNORECASE reads as another letter than str.lower makes of them: "ı"
# as "i", "ſ" as "s", the old Cyrillic letters U+1C80-U+1C88 as "в д о с т ъ ѣ ꙋ"
# (tests/test_hint_scans.py finds every such letter for the letters of the hints).
_CASE_ODD = re.compile("[ıſ\u1c80-\u1c88]")


def may_match(hints: tuple[str, ...], text: str) -> bool:
    """Can a case-insensitive pattern match ``text``, when every match it finds holds one
    of ``hints`` once lowered (hints in lower case, without Greek letters)? A substring
    test on the lowered text, exact save for letters IGNORECASE reads otherwise."""
    lowered = lower(text)
    return any(hint in lowered for hint in hints) or _CASE_ODD.search(text) is not None


def hint_text(text: str) -> str | None:
    """``text`` lowered for substring tests as :func:`may_match` makes them, offsets kept;
    None when a letter IGNORECASE reads otherwise makes such tests inexact."""
    lowered = lower(text)
    if len(lowered) != len(text) or _CASE_ODD.search(text) is not None:
        return None
    return lowered


@lru_cache(maxsize=1)
def odd_letters(body: str) -> tuple[int, ...]:
    """Where ``body`` has a letter IGNORECASE reads otherwise than :func:`lower` writes
    it; ``clear_sentence_caches`` forgets it."""
    if body.isascii():
        return ()
    return tuple(m.start() for m in _CASE_ODD.finditer(body))


def hinted_matches(
    pattern: re.Pattern[str],
    body: str,
    hints: tuple[str, ...],
    reach: int,
    pos: int = 0,
    endpos: int | None = None,
) -> list[re.Match[str]]:
    """``list(pattern.finditer(body, pos, endpos))``, tried only near ``hints``.

    For a pattern that never matches the empty string and whose every match holds one of
    ``hints`` once lowered (see :func:`may_match`), at most ``reach`` characters after the
    match's start and the blanks before the hint. The pattern is tried with ``match`` at
    those starts only, in order, as ``finditer`` reaches them (a search tries every
    character of the text). A letter IGNORECASE reads otherwise may stand in a hint
    without showing it once lowered: every hint that may hold one is tried as well.
    """
    lowered = lower_body(body)
    if len(lowered) != len(body):
        return list(pattern.finditer(body, pos, len(body) if endpos is None else endpos))
    if endpos is None:
        endpos = len(body)
    at_hints = []
    for hint in hints:
        at = lowered.find(hint, pos, endpos)
        while at != -1:
            at_hints.append(at)
            at = lowered.find(hint, at + 1, endpos)
    if odd := odd_letters(body):
        stand_ins = _stand_ins(hints)
        for letter in odd[bisect_left(odd, pos) : bisect_left(odd, endpos)]:
            for offset, hint in stand_ins.get(body[letter], ()):
                at = letter - offset
                if at >= pos and hint.match(body, at, endpos):
                    at_hints.append(at)
    starts: set[int] = set()
    for at in at_hints:
        first = at
        while first > pos and body[first - 1].isspace():
            first -= 1
        starts.update(range(max(pos, first - reach), at + 1))
    found = []
    end = pos
    for start in sorted(starts):
        if start >= end and (m := pattern.match(body, start, endpos)) is not None:
            found.append(m)
            end = m.end()
    return found


@cache
def _stand_ins(hints: tuple[str, ...]) -> dict[str, list[tuple[int, re.Pattern[str]]]]:
    """Per letter IGNORECASE reads otherwise: where it may stand in each hint, and the
    hint as a case-insensitive pattern."""
    found: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
    odd = [chr(c) for c in range(0x1C80, 0x1C89)] + ["ı", "ſ"]
    for hint in hints:
        pattern = re.compile(re.escape(hint), re.IGNORECASE)
        for offset, letter in enumerate(hint):
            for char in odd:
                if re.fullmatch(re.escape(letter), char, re.IGNORECASE):
                    found.setdefault(char, []).append((offset, pattern))
    return found


# Every match of EN.exercise_noun holds one of these once lowered.
EN_NOUN_HINTS = ("exercis", "drill", "war", "euv", "training")


@lru_cache(maxsize=1)
def lower_body(body: str) -> str:
    """:func:`lower` of an article's body, kept for the next stage that scans the same
    body in lower case (five stages do); ``clear_sentence_caches`` forgets it."""
    return lower(body)


def cues_for(language: str) -> Cues:
    """The cue lexicon for ``language``; English for unknown languages."""
    return _BY_LANGUAGE.get(language, EN)


def case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without IGNORECASE, for text already in lower case.

    Python's re searches a case-insensitive alternation of words three to six times
    slower than the same alternation on lowered text, and the role rules search the
    text before every mention; every cue pattern is written in lower case.
    """
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def lowercase_cues(cues: Cues) -> Cues:
    """``cues`` as case-sensitive patterns, to search text lowered with ``str.lower``."""
    # By identity: hashing a Cues hashes every pattern in it, on every call.
    found = _LOWERED.get(id(cues))
    if found is None or found[0] is not cues:
        found = _LOWERED[id(cues)] = (
            cues,
            replace(
                cues,
                exercise_noun=case_sensitive(cues.exercise_noun),
                event_verb=case_sensitive(cues.event_verb),
                preposition=case_sensitive(cues.preposition),
                anaphoric=case_sensitive(cues.anaphoric),
            ),
        )
    return found[1]


_LOWERED: dict[int, tuple[Cues, Cues]] = {}


_REFERENCE_LINE = re.compile(r"^\s*(?:\|\s*)?\[\d+\]")
_FURNITURE_LINE = re.compile(
    r"©|\bTel:|\bFax\b|E-?Mail:|All Rights Reserved|^\s*[|\-]+\s*$", re.IGNORECASE
)
_FURNITURE_MARKS = (
    "©",
    "Tel",
    "TEL",
    "Fax",
    "FAX",
    "ail",
    "AIL",
    "ights",
    "IGHTS",
    "http",
    "HTTP",
    "www",
    "WWW",
    "@",
)
# One Aho-Corasick pass for any of the marks: cheaper than a substring test per mark,
# and about three times faster than their alternation in Python's re, which tries it
# at every "a", "i" or "h" of the line.
_FURNITURE_MARK = ahocorasick_rs.AhoCorasick(_FURNITURE_MARKS)
_LINK = re.compile(r"(?:https?://|www\.|@)\S+", re.IGNORECASE)


def is_reference_line(line: str) -> bool:
    """A numbered citation such as ``| [4] Title, date, URL |``."""
    return bool(_REFERENCE_LINE.match(line))


def is_furniture_line(line: str) -> bool:
    """An address, contact, copyright or bare-link line: never a claim.

    A sentence with a link inside it is still a sentence; only a line that is
    mostly links or handles counts as furniture.
    """
    if not line.strip(" \t|-"):
        return bool(line.strip())  # a table rule: "|---|---|"
    if not _FURNITURE_MARK.find_matches_as_indexes(line):
        return False
    if is_reference_line(line):
        return False
    if _FURNITURE_LINE.search(line):
        return True
    links = sum(len(m.group(0)) for m in _LINK.finditer(line))
    return links > 0 and links >= 0.4 * len(line.strip())


def tokens(text: str) -> list[str]:
    """Lowercased word tokens, for blocker checks."""
    return _WORD_RE.findall(lower(text))


_WORD_RE = re.compile(_WORD)
