"""Stage 7, assign exercise: which drill each exercise location belongs to.

By the name in the clause or sentence (the registry's, or one the text gives the
drill, :mod:`.codenames`), then by date, then the article's main drill. A
context mention gets an exercise only when its sentence names one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sources.articles import Article
from sources.exercises import EXERCISES, Exercise, exercise_by_id, find_exercise_names
from sources.extraction.codenames import ExerciseName
from sources.extraction.cues import may_match
from sources.extraction.resolve import Located
from sources.extraction.roles import Roles

__all__ = ["Assigned", "assign", "assign_exercise", "default_exercise", "unnamed_exercise"]


@dataclass(frozen=True)
class Assigned:
    """Per located mention: the exercise id (or None) and its display name."""

    roles: Roles
    exercises: tuple[str | None, ...]
    names: tuple[str, ...]


def assign(roles: Roles) -> Assigned:
    matches = roles.resolved.places.matches
    article = matches.languages.segments.article
    masked = roles.masked
    display = {n.id: n.name for n in matches.names}
    fallback = default_exercise(article, masked, matches.names)
    exercises: list[str | None] = []
    # Mentions of one clause in one role get one answer: work it out once.
    known: dict[tuple[int, int, int, bool], str | None] = {}
    for role, sentence, (lo, hi) in zip(roles.roles, roles.sentences, roles.clauses, strict=True):
        names_only = role != "exercise"
        key = (lo, hi, sentence.start, names_only)
        if key not in known:
            if names_only and not sentence.names:
                known[key] = None  # a context mention takes an exercise from a name only
            else:
                in_clause = [n.id for n in sentence.names if lo <= n.start and n.end <= hi]
                known[key] = assign_exercise(
                    masked[lo:hi],
                    masked[sentence.start : sentence.end],
                    article,
                    None if names_only else fallback,
                    names_only=names_only,
                    named=(in_clause, [n.id for n in sentence.names]),
                )
        exercises.append(known[key])
    if any(e is None and r == "exercise" for e, r in zip(exercises, roles.roles, strict=True)):
        unnamed = unnamed_exercise(article, roles.resolved.located, roles.roles)
        if unnamed is not None:
            display[unnamed[0]] = unnamed[1]
            exercises = [
                unnamed[0] if e is None and r == "exercise" else e
                for e, r in zip(exercises, roles.roles, strict=True)
            ]
    by_id = exercise_by_id()
    names = tuple(
        "" if e is None else (by_id[e].name if e in by_id else display.get(e, e)) for e in exercises
    )
    return Assigned(roles, tuple(exercises), names)


# The lead, where news copy names who held a drill.
_LEAD_CHARS = 600
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()


def unnamed_exercise(
    article: Article, located: Sequence[Located], roles: Sequence[str]
) -> tuple[str, str] | None:
    """An id and a display name for a drill that has neither a registry entry nor a code
    name: its participants and its month. Reports of one unnamed drill from different
    outlets then group together, and unnamed drills of other countries or months do not.

    The participants are the countries the lead names and the countries of the drill's
    sites; the month is the article's date. Without a date the drill stays unassigned,
    since two undated reports cannot be told to be of one drill.
    """
    if article.published is None:
        return None
    lead = [m.place for m in located if m.start < _LEAD_CHARS and m.place.kind == "country"]
    sites = [m.place for m, role in zip(located, roles, strict=True) if role == "exercise"]
    countries: dict[str, str] = {}
    for place in (*lead, *sites):
        if place.country and "|" not in place.country:
            countries.setdefault(place.country, place.name if place.kind == "country" else "")
    if not countries:
        return None
    codes = sorted(countries)
    month = f"{article.published.year:04d}-{article.published.month:02d}"
    named = [countries[c] or c for c in codes]
    when = f"{_MONTH_NAMES[article.published.month - 1]} {article.published.year}"
    return f"unnamed-{'-'.join(codes).lower()}-{month}", f"Drill of {', '.join(named)}, {when}"


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "ocak", "yanvar", "январ"),
            ("february", "feb", "şubat", "fevral", "феврал"),
            ("march", "mar", "mart", "март"),
            ("april", "apr", "nisan", "aprel", "апрел"),
            ("may", "mayıs", "may", "ма"),
            ("june", "jun", "haziran", "iyun", "июн"),
            ("july", "jul", "temmuz", "iyul", "июл"),
            ("august", "aug", "ağustos", "avqust", "август"),
            ("september", "sep", "sept", "eylül", "sentyabr", "сентябр"),
            ("october", "oct", "ekim", "oktyabr", "октябр"),
            ("november", "nov", "kasım", "noyabr", "ноябр"),
            ("december", "dec", "aralık", "dekabr", "декабр"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b(?:\s+(\d{4}))?",
)
_NAVAL = re.compile(r"naval|navy|vessel|ship|Caspian|sea\b|dəniz|deniz|دریایی|морск", re.I)
_LAST_MONTH = re.compile(r"\blast month\b|\bgeçen ay\b|\bкеçən ay\b", re.I)
# What every match of these holds once lowered: most sentences have none, and a substring
# test is cheaper than re's case-insensitive search of the alternation.
_NAVAL_HINTS = (
    "nava",
    "navy",
    "vessel",
    "ship",
    "caspian",
    "sea",
    "dəniz",
    "deniz",
    "دریایی",
    "морск",
)
_LAST_MONTH_HINTS = ("last month", "n ay")
_COUNTRY_WORDS = {
    "Iran": re.compile(r"Iran|İran|Иран|ایران"),
    "Azerbaijan": re.compile(r"Azerbaijan|Azərbaycan|Azerbaycan|Азербайджан|آذربایجان"),
    "Armenia": re.compile(r"Armenia|Ermənistan|Ermenistan|Армени"),
    "Türkiye": re.compile(r"Turkey|Türkiye|Turkiye|Türkiyə|Турци|Turkish|Türk"),
}


def assign_exercise(
    clause: str,
    sentence: str,
    article: Article,
    fallback: str | None,
    *,
    names_only: bool = False,
    named: tuple[Sequence[str], Sequence[str]] | None = None,
) -> str | None:
    """The exercise a clause is about: its name, its date, the sentence's, else ``fallback``.

    ``named`` gives the exercise ids already found in the clause and the
    sentence, in text order, to save finding them again.
    """
    if named is None:
        named = tuple([n[2] for n in find_exercise_names(t)] for t in (clause, sentence))
    for text, ids in zip((clause, sentence), named, strict=True):
        if ids:
            return ids[0]
        if names_only:
            continue
        by_date = _by_dates(text, article)
        if by_date:
            return by_date
    if names_only:
        return None
    if may_match(_NAVAL_HINTS, sentence) and _NAVAL.search(sentence) and article.published:
        naval = [e for e in EXERCISES if e.kind == "naval" and e.end <= article.published]
        recent = _nearest(naval, article.published, within_days=60)
        if recent:
            return recent.id
    return fallback


def default_exercise(
    article: Article, body: str, body_names: Sequence[ExerciseName] = ()
) -> str | None:
    """The exercise an article is mainly about, when a sentence doesn't say."""
    in_title = [ex for _, _, ex in find_exercise_names(article.title)]
    # A drill the registry lacks is the article's main one only when its lead names it;
    # later names are often earlier drills recalled for context.
    lead = body.find("\n", 400) if len(body) > 400 else len(body)
    lead = len(body) if lead == -1 else lead
    ids = [n.id for n in body_names if not n.discovered or n.start < lead]
    names = Counter([*in_title, *ids])
    if names:
        return names.most_common(1)[0][0]
    text = f"{article.title}\n{body}"
    countries = {name for name, rx in _COUNTRY_WORDS.items() if rx.search(text)}
    candidates = [e for e in EXERCISES if _participants_named(e, countries)]
    if article.published:
        # Only drills of the countries the article names: a date alone would pull an
        # unrelated registry drill onto a drill the registry does not list.
        near = _nearest(candidates, article.published, within_days=10)
        if near:
            return near.id
    months = {_MONTHS[m.group(1).lower()] for m in _MONTH_RE.finditer(body)}
    dated = [e for e in candidates if {e.start.month, e.end.month} & months]
    if len(dated) == 1:
        return dated[0].id
    return candidates[0].id if len(candidates) == 1 else None


def _participants_named(exercise: Exercise, countries: set[str]) -> bool:
    named = {name for name in _COUNTRY_WORDS if any(name in p for p in exercise.participants)}
    return bool(named) and named <= countries


@lru_cache(maxsize=1024)
def _by_dates(sentence: str, article: Article) -> str | None:
    spans: list[tuple[dt.date, dt.date]] = []
    reference = article.published
    for match in _MONTH_RE.finditer(sentence):
        month = _MONTHS[match.group(1).lower()]
        year = int(match.group(2)) if match.group(2) else None
        if year is None and reference is not None:
            year = reference.year if month <= reference.month else reference.year - 1
        if year is not None:
            spans.append(_month_span(year, month))
    last_month = may_match(_LAST_MONTH_HINTS, sentence) and _LAST_MONTH.search(sentence)
    if last_month and reference is not None:
        first = reference.replace(day=1) - dt.timedelta(days=1)
        spans.append(_month_span(first.year, first.month))
    for lo, hi in spans:
        hits = [e for e in EXERCISES if e.start <= hi and lo <= e.end]
        if len(hits) > 1:
            named = {name for name, rx in _COUNTRY_WORDS.items() if rx.search(sentence)}
            hits = [e for e in hits if _participants_named(e, named)] or hits
        if len(hits) > 1:
            naval = bool(_NAVAL.search(sentence))
            hits = [e for e in hits if (e.kind == "naval") == naval] or hits
        if hits:
            return hits[0].id
    return None


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, nxt - dt.timedelta(days=1)


def _nearest(exercises: list[Exercise], day: dt.date, *, within_days: int) -> Exercise | None:
    def gap(e: Exercise) -> int:
        if e.start <= day <= e.end:
            return 0
        return min(abs((e.start - day).days), abs((e.end - day).days))

    ranked = sorted(exercises, key=gap)
    return ranked[0] if ranked and gap(ranked[0]) <= within_days else None
