"""The registry of exercises the articles report, with their names and aliases.

Dates are as reported; where outlets disagree the widest reported span is kept
and the disagreement is written in ``notes``. Aliases are matched
case-insensitively as whole words by :func:`find_exercise_names`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

__all__ = ["EXERCISES", "Exercise", "exercise_by_id", "find_exercise_names"]


@dataclass(frozen=True, kw_only=True)
class Exercise:
    id: str
    name: str
    aliases: tuple[str, ...]
    start: dt.date
    end: dt.date
    participants: tuple[str, ...]
    kind: str = "land"
    notes: str = ""

    def covers(self, day: dt.date, *, slack_days: int = 0) -> bool:
        """True when ``day`` falls within the reported dates, give or take ``slack_days``."""
        slack = dt.timedelta(days=slack_days)
        return self.start - slack <= day <= self.end + slack


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="aras-2025",
        name="Aras-2025",
        aliases=("Aras-2025", "Aras 2025", "Araz-2025", "Araz 2025", "Арас-2025", "Араз-2025"),
        start=_d("2025-05-18"),
        end=_d("2025-05-21"),
        participants=("Iran (IRGC Ground Force)", "Azerbaijan"),
        notes="OC Media and Zartonk: began Sunday 18 May; AVIM: 19-21 May.",
    ),
    Exercise(
        id="aras-2024",
        name="Aras Joint Exercise (November 2024)",
        aliases=("Aras Joint Exercise", "Aras Ortak Tatbikatı", "Aras-2024", "Aras 2024"),
        start=_d("2024-11-24"),
        end=_d("2024-11-27"),
        participants=("Iran (IRGC Ground Force)", "Azerbaijan"),
        notes="Four days from Sunday 24 November 2024, per IRNA and A News.",
    ),
    Exercise(
        id="azirex-2024",
        name="AZIREX-2024",
        aliases=("AZIREX-2024", "AZIREX 2024", "AZIREX2024"),
        start=_d("2024-11-01"),
        end=_d("2024-11-02"),
        participants=("Iran (Navy)", "Azerbaijan (Navy)"),
        kind="naval",
        notes="A two-day naval exercise in the Caspian 'less than a month' before 25 Nov 2024.",
    ),
    Exercise(
        id="azirex-2025",
        name="AZIREX-2025",
        aliases=("AZIREX-2025", "AZIREX 2025", "AZIREX2025", "AZIREX۲۰۲۵", "آزیرکس- ۲۰۲۵"),
        start=_d("2025-10-15"),
        end=_d("2025-10-18"),
        participants=("Iran (Navy, IRGC Navy)", "Azerbaijan (Navy)"),
        kind="naval",
        notes="Search-and-rescue; vessels arrived 15 October, four days.",
    ),
    Exercise(
        id="iran-azerbaijan-2024-06",
        name="Coordinated tactical exercises (June 2024)",
        aliases=(),
        start=_d("2024-06-12"),
        end=_d("2024-06-13"),
        participants=("Azerbaijan", "Iran (Army)"),
        notes="Held at once in Karabakh, Nakhchivan and, by the Iranian Army, in Iran.",
    ),
    Exercise(
        id="armenia-iran-2025-04",
        name="Armenia-Iran border drill (April 2025)",
        aliases=("Peace Drills",),
        start=_d("2025-04-14"),
        end=_d("2025-04-15"),
        participants=("Iran (IRGC Ground Force)", "Armenia"),
        notes="Two days on the Armenia-Iran border; the dates are approximate.",
    ),
    Exercise(
        id="irgc-2022-10",
        name="IRGC Ground Force's Might (October 2022)",
        aliases=("IRGC Ground Force's Might", "IRGC Ground Force’s Might"),
        start=_d("2022-10-17"),
        end=_d("2022-10-19"),
        participants=("Iran (IRGC Ground Force)",),
    ),
    Exercise(
        id="iran-border-2021-10",
        name="Iranian border drills (autumn 2021)",
        aliases=("Fatehan-e Khaybar", "Fatehan-e Kheibar"),
        start=_d("2021-09-28"),
        end=_d("2021-10-05"),
        participants=("Iran (IRGC)",),
    ),
    Exercise(
        id="sarsilmaz-kardeslik-2021",
        name="Unshakable Brotherhood 2021",
        aliases=("Sarsılmaz Kardeşlik 2021", "Unshakable Brotherhood 2021", "Sarsılmaz Kardeşlik"),
        start=_d("2021-09-20"),
        end=_d("2021-09-25"),
        participants=("Türkiye", "Azerbaijan"),
    ),
    Exercise(
        id="azerbaijan-turkey-2022-12",
        name="Azerbaijan-Türkiye drills (November-December 2022)",
        aliases=(),
        start=_d("2022-11-20"),
        end=_d("2022-12-05"),
        participants=("Azerbaijan", "Türkiye"),
    ),
    Exercise(
        id="mustafa-kemal-ataturk-2023",
        name="Mustafa Kemal Atatürk 2023",
        aliases=(
            "Mustafa Kemal Ataturk-2023",
            "Mustafa Kemal Ataturk 2023",
            "Mustafa Kemal Atatürk 2023",
        ),
        start=_d("2023-10-23"),
        end=_d("2023-10-25"),
        participants=("Türkiye", "Azerbaijan"),
    ),
)


@cache
def exercise_by_id() -> dict[str, Exercise]:
    return {exercise.id: exercise for exercise in EXERCISES}


@cache
def _alias_pattern() -> re.Pattern[str]:
    aliases = sorted(
        ((alias, ex.id) for ex in EXERCISES for alias in ex.aliases),
        key=lambda pair: -len(pair[0]),
    )
    parts = "|".join(re.escape(alias) for alias, _ in aliases)
    return re.compile(rf"(?<!\w)(?:{parts})(?!\w)", re.IGNORECASE)


@cache
def _alias_index() -> dict[str, str]:
    return {alias.casefold(): ex.id for ex in EXERCISES for alias in ex.aliases}


@cache
def _alias_automaton() -> tuple[ahocorasick_rs.AhoCorasick, tuple[str, ...]]:
    aliases = sorted({alias.lower(): ex for alias, ex in _alias_index().items()}.items())
    automaton = ahocorasick_rs.AhoCorasick(
        [alias for alias, _ in aliases], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )
    return automaton, tuple(ex for _, ex in aliases)


def find_exercise_names(text: str) -> list[tuple[int, int, str]]:
    """Spans of exercise names in ``text``, as ``(start, end, exercise_id)``."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # "İ".lower() is two characters: offsets would drift, so take the slow road.
        return _find_by_regex(text)
    automaton, ids = _alias_automaton()
    found: list[tuple[int, int, str]] = []
    for number, start, stop in automaton.find_matches_as_indexes(lowered):
        exercise_id = ids[number]
        if (start == 0 or not text[start - 1].isalnum()) and (
            stop == len(text) or not text[stop].isalnum()
        ):
            found.append((start, stop, exercise_id))
    return found


def _find_by_regex(text: str) -> list[tuple[int, int, str]]:
    index = _alias_index()
    found = []
    for match in _alias_pattern().finditer(text):
        exercise_id = index.get(match.group(0).casefold())
        if exercise_id:
            found.append((match.start(), match.end(), exercise_id))
    return found
