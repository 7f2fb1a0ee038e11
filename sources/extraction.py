"""From an article to claims: find places, drop non-places, resolve, classify.

``extract_claims(article)`` returns one :class:`~sources.claims.Claim` per place
mention, exercise locations and context mentions alike, in text order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from geo.distance import km_between
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.matching import Mention, find_mentions
from geo.places import Place
from sources.articles import Article
from sources.claims import Claim
from sources.cues import cues_for, is_furniture_line, is_reference_line
from sources.dating import assign_exercise, default_exercise
from sources.exercises import find_exercise_names
from sources.roles import attribution, is_exercise_location
from sources.text import clause_bounds, guess_language, sentence_bounds

__all__ = ["extract_claims"]

# A place name followed by one of these is part of a name, not a place.
_NAME_SUFFIXES = frozenset(
    """Times News Agency Daily Press Media Post Herald Tribune International TV Radio Monitor
    Gazette Journal Review Observer University Institute Airlines Army Navy Air War Wars
    Victory Corps Guards FC Club Today Online Weekly Review Ministry Republic's""".split()
)
# A capitalised word before a place that still leaves it a place.
_PLACE_PREFIXES = frozenset(
    """In At On Near Along Across From To Of The And Or But For With By Into Inside Both
    North South East West Northern Southern Eastern Western Central Upper Lower Greater
    Occupied Liberated Mount Lake Port New Old Northwestern Northeastern Southwestern
    Southeastern Iran's Iran’s While Since After Before During Last First""".split()
)
_SURNAME = re.compile(r"^[A-Z][a-z]+(?:yan|ian|ov|ova|ev|eva|zadeh|pour|vili|dze|oglu|oğlu)$")
_SHIPS = re.compile(r"(?:destroyer|frigate|vessel|ship|corvette|warship|ناو|sloop)\W*$", re.I)
_PROVINCE_WORDS = re.compile(r"^\W*(?:province|provinces|ostan|eyalet|vilayet)", re.I)
_DISTRICT_WORDS = re.compile(r"^\W*(?:district|county|region|ilçe|rayon)", re.I)


@dataclass(frozen=True)
class _Sentence:
    start: int
    text: str
    line: str
    has_exercise: bool


def extract_claims(article: Article, gazetteer: Gazetteer | None = None) -> tuple[Claim, ...]:
    """Every place mention in ``article`` as a claim, in text order."""
    gazetteer = gazetteer or load_gazetteer()
    body = article.body
    language = guess_language(body, article.language)
    mentions = _real_places(body, find_mentions(body, gazetteer, language=language))
    if not mentions:
        return ()
    sentences = _sentences(body, language)
    places = _resolve_all(body, mentions)
    fallback = default_exercise(article, body)
    claims: list[Claim] = []
    index = 0
    for number, sentence in enumerate(sentences):
        previous_has = number > 0 and sentences[number - 1].has_exercise
        end = sentence.start + len(sentence.text)
        chain: int | None = None
        while index < len(mentions) and mentions[index].start < end:
            mention = mentions[index]
            if mention.start >= sentence.start:
                claim = _claim(
                    article,
                    mention,
                    places[index],
                    sentence,
                    previous_has,
                    fallback,
                    language,
                    chain,
                )
                claims.append(claim)
                chain = claim.end - sentence.start if claim.role == "exercise" else None
            index += 1
    return tuple(claims)


def _sentences(body: str, language: str) -> list[_Sentence]:
    noun = cues_for(language).exercise_noun
    out = []
    for start, end in sentence_bounds(body):
        line_start = body.rfind("\n", 0, start) + 1
        line_end = body.find("\n", end)
        line = body[line_start : line_end if line_end != -1 else len(body)]
        text = body[start:end]
        out.append(_Sentence(start, text, line, bool(noun.search(text))))
    return out


def _claim(
    article: Article,
    mention: Mention,
    place: Place,
    sentence: _Sentence,
    previous_has: bool,
    fallback: str | None,
    language: str,
    chain: int | None,
) -> Claim:
    local = mention.start - sentence.start
    role = "context"
    clause_start, clause = _clause_at(sentence.text, local)
    if not is_reference_line(sentence.line):
        chained_from = chain - clause_start if chain is not None and chain >= clause_start else None
        if is_exercise_location(
            clause,
            local - clause_start,
            local - clause_start + len(mention.text),
            language=language,
            previous_has_exercise=previous_has,
            sentence_has_exercise=sentence.has_exercise,
            is_country=place.kind == "country",
            chained_from=chained_from,
        ):
            role = "exercise"
    exercise = assign_exercise(
        clause,
        sentence.text,
        article,
        fallback if role == "exercise" else None,
        names_only=role != "exercise",
    )
    return Claim(
        article_id=article.id,
        file=article.path,
        outlet=article.source_label,
        published=article.published,
        url=article.url,
        mention=mention.text,
        start=mention.start,
        end=mention.end,
        sentence=sentence.text,
        sentence_start=sentence.start,
        place=place,
        role=role,
        exercise=exercise,
        attributed_to=attribution(sentence.text, local, language=language),
        precision_km=max(place.radius_km, 1.0),
    )


def _clause_at(sentence: str, offset: int) -> tuple[int, str]:
    for start, end in clause_bounds(sentence):
        if start <= offset < end:
            return start, sentence[start:end]
    return 0, sentence


def _real_places(body: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Drop names inside exercise, organisation, person and ship names, and furniture."""
    names = find_exercise_names(body)
    kept = []
    for mention in mentions:
        if any(s < mention.end and mention.start < e for s, e, _ in names):
            continue
        if _inside_other_name(body, mention) or _in_furniture(body, mention.start):
            continue
        kept.append(mention)
    return kept


def _inside_other_name(body: str, mention: Mention) -> bool:
    after = body[mention.end : mention.end + 40]
    next_word = re.match(r"[ \t]+([\w’']+)", after)
    if next_word:
        word = next_word.group(1)
        if word in _NAME_SUFFIXES or _SURNAME.match(word):
            return True
    before = body[max(0, mention.start - 40) : mention.start]
    prev_word = re.search(r"([\w’']+)[ \t]+$", before)
    if prev_word:
        word = prev_word.group(1)
        capitalised = word[:1].isupper() and word[1:].islower() and word.isalpha()
        sentence_initial = re.search(r"(?:^|[.!?:\n]\s*)[\w’']+[ \t]+$", before) is not None
        if capitalised and not sentence_initial and word not in _PLACE_PREFIXES:
            return True
    return bool(_SHIPS.search(before))


def _in_furniture(body: str, offset: int) -> bool:
    line_start = body.rfind("\n", 0, offset) + 1
    line_end = body.find("\n", offset)
    return is_furniture_line(body[line_start : line_end if line_end != -1 else len(body)])


def _resolve_all(body: str, mentions: Sequence[Mention]) -> list[Place]:
    """Pick one candidate per mention, using the places around it."""
    anchors = [m.candidates[0] for m in mentions if len(m.candidates) == 1]
    countries = Counter(p.country for p in anchors if p.country and "|" not in p.country)
    return [_resolve(body, m, anchors, countries) for m in mentions]


def _resolve(
    body: str, mention: Mention, anchors: Sequence[Place], countries: Counter[str]
) -> Place:
    if len(mention.candidates) == 1:
        return mention.candidates[0]
    following = body[mention.end : mention.end + 20]
    point_anchors = [a for a in anchors if a.kind in ("settlement", "district")]

    def score(place: Place) -> float:
        value = math.log10(place.population + 10) * 0.3
        value += 1.0 * min(countries.get(place.country, 0), 3)
        if point_anchors:
            others = [km_between(place, a) for a in point_anchors if a.id != place.id]
            value -= min(others, default=0.0) / 150.0
        if _PROVINCE_WORDS.match(following) and place.kind == "province":
            value += 5.0
        if _DISTRICT_WORDS.match(following) and place.kind == "district":
            value += 5.0
        return value

    return max(mention.candidates, key=score)
