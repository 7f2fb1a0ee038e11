"""Stage 6, classify role: is each place where a drill happens, or context?

A mention is an exercise location when it sits in a locative phrase that
attaches to an exercise word or event verb in a sentence about a drill, with
nothing in between that moves the phrase onto something else (see
:mod:`.cues`). Exercise names are read as the exercise word.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from geo.gazetteer import Gazetteer
from sources.extraction.codenames import ExerciseName
from sources.extraction.containers import settle_containers
from sources.extraction.cues import (
    ANCHOR_PASS,
    EN,
    EN_NOUN_HINTS,
    PLANNED,
    Cues,
    case_sensitive,
    cues_for,
    has_exercise_noun,
    hint_text,
    lower,
    lowercase_cues,
    tokens,
)
from sources.extraction.language import Languages
from sources.extraction.nonplaces import names_within
from sources.extraction.resolve import Located, Resolved
from sources.extraction.segment import Segments
from sources.extraction.suffixes import suffix_locates
from sources.extraction.text import clause_bounds

__all__ = ["Roles", "SentenceFacts", "classify_roles", "is_exercise_location"]


@dataclass(frozen=True)
class SentenceFacts:
    """A sentence ``body[start:end]`` and what the role rules need to know of it."""

    start: int
    end: int
    language: str
    is_reference: bool
    has_exercise: bool
    names: tuple[ExerciseName, ...]
    wrapped: bool = False
    # A headline over a lead about a drill (see _with_headline).
    headline: bool = False


@dataclass(frozen=True)
class Roles:
    """Per located mention: its sentence, its clause (body offsets) and its role.

    ``masked`` is the body with exercise names read as the exercise word.
    """

    resolved: Resolved
    masked: str
    sentences: tuple[SentenceFacts, ...]
    clauses: tuple[tuple[int, int], ...]
    roles: tuple[str, ...]
    hierarchy: tuple[tuple[str, ...], ...]

    @property
    def body(self) -> str:
        return self.resolved.places.matches.languages.segments.body


def classify_roles(resolved: Resolved) -> Roles:
    matches = resolved.places.matches
    languages = matches.languages
    segments = languages.segments
    body = segments.body
    masked = _mask_exercise_names(body, matches.names, languages)
    facts = _with_headline(_sentence_facts(resolved, masked), segments)
    starts = [f.start for f in facts]
    # The title comes before the body: a drill in the title is the one the lead talks of.
    title_has = has_exercise_noun(segments.article.title)
    before_has = _previous_has(facts, segments, title_has)
    sentences, clauses, roles = [], [], []
    chain: tuple[int, int] | None = None  # (sentence number, end of the last exercise place)
    for located in resolved.located:
        number = max(0, bisect_right(starts, located.start) - 1)
        sentence = facts[number]
        previous_has = before_has[number]
        chained = chain[1] if chain is not None and chain[0] == number else None
        role, clause = _role(masked, located, sentence, previous_has, chained)
        chain = (number, located.end - sentence.start) if role == "exercise" else None
        sentences.append(sentence)
        clauses.append(clause)
        roles.append(role)
    hierarchy = _containers(masked, resolved.located, sentences, roles, resolved.gazetteer)
    return Roles(resolved, masked, tuple(sentences), tuple(clauses), tuple(roles), tuple(hierarchy))


def _containers(
    masked: str,
    located: Sequence[Located],
    sentences: Sequence[SentenceFacts],
    roles: list[str],
    gazetteer: Gazetteer | None,
) -> list[tuple[str, ...]]:
    """Containers of a site in its phrase become context (:mod:`.containers`)."""
    hierarchy: list[tuple[str, ...]] = []
    i = 0
    while i < len(located):
        j = i
        while j < len(located) and sentences[j] is sentences[i]:
            j += 1
        part = roles[i:j]
        sentence = sentences[i]
        text = masked[sentence.start : sentence.end]
        hierarchy += settle_containers(text, sentence.start, located[i:j], part, gazetteer)
        roles[i:j] = part
        i = j
    return hierarchy


def _sentence_facts(resolved: Resolved, masked: str) -> list[SentenceFacts]:
    matches = resolved.places.matches
    segments = matches.languages.segments
    names = matches.names
    starts = [n.start for n in names]
    blocks = segments.blocks
    nouns: dict[str, re.Pattern[str]] = {}
    # English sentences without a hint of an exercise word skip the search (most do not).
    hints = hint_text(masked)
    out = []
    for sentence in segments.sentences:
        language = matches.languages.of_block(sentence.block)
        noun = nouns.get(language) or nouns.setdefault(language, cues_for(language).exercise_noun)
        start, end = sentence.start, sentence.end
        hinted = (
            hints is None
            or noun is not EN.exercise_noun
            or any(hints.find(hint, start, end) != -1 for hint in EN_NOUN_HINTS)
        )
        out.append(
            SentenceFacts(
                start,
                end,
                language,
                blocks[sentence.block].reference,
                hinted and noun.search(masked, start, end) is not None,
                tuple(names_within(names, starts, start, end)) if names else (),
                "\n" in masked[start:end] if blocks[sentence.block].end < end else False,
            )
        )
    return out


def _previous_has(
    facts: Sequence[SentenceFacts], segments: Segments, title_has: bool
) -> list[bool]:
    """Per sentence: has the sentence before it an exercise word? Page furniture between
    them (a photo's file name, a byline) is passed over."""
    out, last = [], title_has
    for fact, sentence in zip(facts, segments.sentences, strict=True):
        out.append(last)
        if not segments.blocks[sentence.block].furniture:
            last = fact.has_exercise
    return out


_HEADLINE_WORDS = 16
_HEADLINE_LINES = 3


def _with_headline(facts: list[SentenceFacts], segments: Segments) -> list[SentenceFacts]:
    """A headline is about the drill its lead reports, whether or not it says "drill":
    "Naxçıvanda xüsusi təyinatlılar ... mesaj verir" over a lead on the drills there.

    The headline is the body's first lines while each is one short sentence without a
    full stop (a headline, its repeat, a caption); the lead is the sentence after them.
    """
    count = 0
    while count < min(len(facts) - 1, _HEADLINE_LINES) and _is_headline(facts[count], segments):
        count += 1
    if count == 0 or not facts[count].has_exercise:
        return facts
    headlines = [replace(f, has_exercise=True, headline=True) for f in facts[:count]]
    return [*headlines, *facts[count:]]


def _is_headline(sentence: SentenceFacts, segments: Segments) -> bool:
    blocks = segments.blocks
    number = next((i for i, b in enumerate(blocks) if b.start == sentence.start), None)
    if number is None or blocks[number].end != sentence.end:
        return False  # not a line of its own
    text = segments.body[sentence.start : sentence.end]
    return not text.endswith(".") and len(text.split()) <= _HEADLINE_WORDS


def _role(
    masked: str,
    located: Located,
    sentence: SentenceFacts,
    previous_has: bool,
    chain: int | None,
) -> tuple[str, tuple[int, int]]:
    text = masked[sentence.start : sentence.end]
    local = located.start - sentence.start
    clause_start, clause_end = _clause_at(text, local)
    clause = text[clause_start:clause_end]
    span = (sentence.start + clause_start, sentence.start + clause_end)
    # No exercise word here or just before: a context mention, without more ado.
    if not (sentence.has_exercise or previous_has) or located.modifier or sentence.is_reference:
        return "context", span
    chained_from = chain - clause_start if chain is not None and chain >= clause_start else None
    if _where_holds_drill(text, located.end - sentence.start, sentence.language):
        return "exercise", span  # "marched to the X range, where the drill will be held"
    exercise = is_exercise_location(
        clause,
        local - clause_start,
        located.end - sentence.start - clause_start,
        language=sentence.language,
        previous_has_exercise=previous_has,
        sentence_has_exercise=sentence.has_exercise,
        is_country=located.place.kind == "country",
        chained_from=chained_from,
        continued=sentence.wrapped or sentence.headline,
        at_site=located.place.kind == "site",
        names=located.place.aliases,
    )
    return ("exercise" if exercise else "context"), span


def _clause_at(sentence: str, offset: int) -> tuple[int, int]:
    for start, end in clause_bounds(sentence):
        if start <= offset < end:
            return start, end
    return 0, len(sentence)


def _mask_exercise_names(body: str, names: Sequence[ExerciseName], languages: Languages) -> str:
    """Exercise names read as the exercise noun, so "IRGC Ground Force's Might"
    is neither a place nor a run of words between a drill and its site."""
    parts, done = [], 0
    for name in names:
        noun = cues_for(languages.at(name.start)).noun
        width = name.end - name.start
        parts += [
            body[done : name.start],
            (noun if width >= len(noun) else "_" * width).ljust(width),
        ]
        done = name.end
    parts.append(body[done:])
    return "".join(parts)


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
    continued: bool = False,
    at_site: bool = False,
    names: tuple[str, ...] = (),
) -> bool:
    """True when ``clause[start:end]`` is where the clause says a drill happens.

    ``chained_from`` is the end offset, in ``clause``, of the previous mention
    when that one was an exercise location: "in Aslan Duz District near the
    Azerbaijan border", "Khojavend and Shusha", "Artsakh (Nagorno-Karabakh)"
    continue the same locative phrase. ``continued``: the sentence runs over a
    line break (hard-wrapped text), so its exercise word may be on another line.
    ``at_site``: the mention is a range or base, where drills are held, so a drill
    named in the sentence before is enough.
    """
    cues = cues_for(language)
    if cues.suffix_locative is not None:
        if chained_from is not None and _APPOSITION.fullmatch(clause[chained_from:start]):
            return True  # "...ცენტრში (JTEC)": a name in brackets glosses the site before it
        drill = bool(cues.exercise_noun.search(clause))
        drill = (
            drill or (continued and sentence_has_exercise) or (at_site and previous_has_exercise)
        )
        return suffix_locates(clause, start, end, cues, drill=drill, names=names)
    if language == "tg" and _ezafe_owner(clause[:start]):
        return False
    lowered = lower(clause)
    if len(lowered) == len(clause):  # a letter whose lower case is longer is rarer still
        clause, cues = lowered, lowercase_cues(cues)
    if chained_from is not None and _continues_chain(clause[chained_from:start], cues):
        return True
    prep = _governing_preposition(clause, start, cues, is_country=is_country)
    if _OWN_PREPOSITION.match(clause[start:end]):
        prep = start  # "held east of Yerevan", "off Baku": the phrase is its own preposition
    if prep is None:
        return False
    before = _parallel(_without_ordinal_time(clause[:prep]), cues)
    if "to " in before and any(h in before for h in _PLANNED_HINTS) and _PLANNED.search(before):
        return False
    if cues.anaphoric.search(before[-40:]) and previous_has_exercise:
        return _gap_ok(before, cues.anaphoric, cues, _VERB_GAP)
    if not (sentence_has_exercise or previous_has_exercise) and not _noun_search(cues, clause):
        return False
    if (
        _gap_ok(before, cues.event_verb, cues, _VERB_GAP)
        and (sentence_has_exercise or previous_has_exercise)
        and not _other_event(before, cues)
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


# A directional area that opens with its own locative words.
_OWN_PREPOSITION = re.compile(
    r"(?:(?:north|south)(?:[- ]?(?:east|west))?|east|west)\s+of\b|off\b", re.IGNORECASE
)
# The text these search is lowered first (see is_exercise_location).
_PLANNED = case_sensitive(PLANNED)
# Every match of _PLANNED (case-sensitive) holds "to " and one of these.
_PLANNED_HINTS = ("agree", "plan", "deci", "propos", "intend", "discuss")
# Events that are held somewhere but are not the drill: "a meeting was held in X".
_OTHER_EVENTS = re.compile(
    r"\b(?:meeting|conference|talks|session|summit|forum|seminar|briefing|negotiations|"
    r"consultations|press conference|interview)\b[^.;]{0,40}$"
)
# Tajik head nouns of a place phrase, which may take the ezafe before a name.
_TG_GEO = ("машқгоҳ", "полигон", "вилоят", "ноҳия", "шаҳр", "деҳа", "ҳудуд", "минтақа", "гарнизон")


# "held for the fourth time in ...": how often, not where; transparent between verb and place.
_ORDINAL_TIME = re.compile(
    r"\bfor the (?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\w+th|"
    r"\d+(?:st|nd|rd|th)|last|next) time\b"
)
_AND_AT_END = re.compile(r"(?:\band|,)\s*$")


def _without_ordinal_time(text: str) -> str:
    # Every match holds "for the ": a substring test spares most texts the regex.
    return _ORDINAL_TIME.sub(" ", text) if "for the " in text else text


def _parallel(before: str, cues: Cues) -> str:
    """ "held in A and in B": a locative coordinated with an earlier one hangs from the
    same word, so the text before B is the text before A."""
    # _AND_AT_END, tried only where it can match: re.search would try every character.
    tail = before.rstrip()
    if not tail.endswith((",", "and")) or not _AND_AT_END.search(before, len(tail) - 4):
        return before
    earlier = None
    for match in cues.preposition.finditer(before):
        earlier = match
    return before[: earlier.start()] if earlier is not None else before


def _other_event(before: str, cues: Cues) -> bool:
    """The event verb's subject is another kind of event than the drill."""
    verbs = list(cues.event_verb.finditer(before))
    return bool(verbs) and bool(_OTHER_EVENTS.search(before[: verbs[-1].start()]))


def _ezafe_owner(before: str) -> bool:
    """Tajik "низомиёни Тоҷикистон" (soldiers of Tajikistan): a noun in the ezafe before
    the name makes it the owner of that noun, not a place; head nouns of places aside."""
    words = before.split()
    # Back over a coordinated name: "низомиёни Тоҷикистону Қазоқистон".
    while words and (words[-1][:1].isupper() or words[-1] in ("ва", "у")):
        if words[-1][:1].isupper() and not words[-1].endswith("у"):
            break
        words.pop()
    if not words:
        return False
    word = words[-1].lower()
    return word.endswith("и") and len(word) > 3 and not word.startswith(_TG_GEO)


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


_PUNCTUATION_ONLY = re.compile(r"[\s,()’'“”‘\"-]*")
# A relative clause on the place that holds the drill: "X, where the drills will be held",
# "X, где пройдут учения", "X, куда прибыли ... для учений".
_WHERE = re.compile(
    r"[\s»”\"']*,\s*(?:where|in which|at which|где|куда|на котором|в котором)\s", re.IGNORECASE
)
_WHERE_REACH = 60


def _where_holds_drill(sentence: str, end: int, language: str) -> bool:
    """A relative clause right after the place says the drill is held there."""
    where = _WHERE.match(sentence, end)
    if where is None:
        return False
    after = lower(sentence[where.end() : where.end() + _WHERE_REACH])
    return lowercase_cues(cues_for(language)).exercise_noun.search(after) is not None


# A second name for the same place, in brackets right after it: "Artsakh (Nagorno-Karabakh)".
_APPOSITION = re.compile(r"\s*\(\s*")
_CHAIN_WORDS = frozenset("and or of near in at along including и в на و در".split())


def _continues_chain(between: str, cues: Cues) -> bool:
    """Does ``between`` link two places into one locative phrase?"""
    if _PUNCTUATION_ONLY.fullmatch(between):
        return True  # "Khojavend, Shusha", "Artsakh (Nagorno-Karabakh)"
    words = tokens(between)
    if len(words) > 4 or any(t in cues.blockers for t in words):
        return False
    if "," in between or "(" in between:
        return True
    if cues is cues_for("fa"):
        return len(words) <= 2  # Persian apposition: "island of X, city of Y"
    return any(t in _CHAIN_WORDS for t in words) or bool(cues.preposition.search(between))


# "from 9 to 21 June", "from May 18 to May 24": a time span between a verb and its place.
_DATE_SPAN = re.compile(
    r"\b(?:from|between)\s+(?:[A-Za-z]+\s+)?\d{1,2}(?:\s+[A-Za-z]+)?\s+(?:to|and|until|till)"
    r"\s+(?:[A-Za-z]+\s+)?\d{1,2}(?:\s+[A-Za-z]+)?"
)


def _gap_ok(before: str, anchor: re.Pattern[str], cues: Cues, max_gap: int) -> bool:
    before = before[-240:]  # no gap allowed is longer than this
    if "from" in before or "between" in before:  # in every match of _DATE_SPAN
        before = _DATE_SPAN.sub(" ", before)
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


def _noun_search(cues: Cues, text: str) -> re.Match[str] | None:
    """``cues.exercise_noun.search(text)``; for English cues in lower case on lowered text,
    none is there when the text holds none of its words, and a substring test says so."""
    if cues is _EN_LOWER and not any(hint in text for hint in EN_NOUN_HINTS):
        return None
    return cues.exercise_noun.search(text)


_EN_LOWER = lowercase_cues(EN)


def _anchor_after(after: str, cues: Cues, *, event_ok: bool) -> bool:
    """ "In Nakhchivan, drills were held"; Persian puts the verb last: "در X برگزار شد"."""
    anchors = [_noun_search(cues, after)]
    if event_ok:
        anchors.append(cues.event_verb.search(after))
    for match in anchors:
        if match is not None:
            between = tokens(after[: match.start()])
            if len(between) <= 6 and not any(t in cues.blockers for t in between):
                return True
    return False
