"""The literal scans and tests that stand in for regexes find what the regexes find."""

from __future__ import annotations

import re

import pytest

from sources.extraction.borders import _border_scanner
from sources.extraction.cues import lower
from sources.extraction.match import _DATELINE, _dateline_matches
from sources.extraction.resolve import _admin_hints
from sources.extraction.text import _CLAUSE_BREAK, clause_bounds

# The alternations the scans replaced, as they were.
ADMIN_HINT = re.compile(
    r"provinc|region|oblast|ostan|eyalet|vilay|ili|il\b|mintaqa|viloyat|welaýat|област|"
    r"облыс|облус|вилоят|край|крае|استان|მხარე|მარზ|մարզ|əyalət"
)
BORDER_WORD = re.compile(r"border|sərhəd|sınır|serhet|chegara|границ")

TEXTS = [
    "",
    "il",
    "il ",
    "ilil il_ il1 il- ilı",
    "iliili vilil vilayet, Ardabil il",
    "Ardabil Province and the regions of the north; Ardabil ostanı, Ərdəbil əyaləti",
    "Краснодарский край, Ростовская область, краевой",
    "استان اردبیل، მხარე, მარზ, Սյունիքի մարզ, Кашкадарё вилояти, Jizzax viloyati",
    "the border with Iran; sərhəddə, sınırında, serhetde, chegarada, границы с Польшей",
    "borderborder sınırsınır",
]


@pytest.mark.parametrize("text", TEXTS)
def test_admin_hints_are_where_the_regex_finds_them(text: str) -> None:
    lowered = lower(text)
    assert _admin_hints(lowered) == [m.start() for m in ADMIN_HINT.finditer(lowered)]


@pytest.mark.parametrize("text", TEXTS)
def test_border_words_are_where_the_regex_finds_them(text: str) -> None:
    lowered = lower(text)
    found = [start for _, start, _ in _border_scanner().find_matches_as_indexes(lowered)]
    assert found == [m.start() for m in BORDER_WORD.finditer(lowered)]


@pytest.mark.parametrize(
    "body",
    [
        "",
        "GYUMRI, Armenia (RFE/RL)— drills\nMOSCOW, May 14. /TASS/.\n",
        "  ДУШАНБЕ, 19.05.2019\nBISHKEK. KAZINFORM - text\n\nTEHRAN (IRNA) --",
        "no dateline here\n\n\nBAKU, Nov 25",
    ],
)
def test_datelines_are_tried_at_line_starts_only(body: str) -> None:
    spans = [m.span(1) for m in _dateline_matches(body)]
    assert spans == [m.span(1) for m in _DATELINE.finditer(body)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Drills were held in Ardabil.",
        "Drills were held in Ardabil; Iran said so.",
        "Drills were held in Ardabil, while Baku watched.",
        "Drills were held in Ardabil WHEREAS talks stalled, BUT not in Baku.",
        "Held in Baku, Although late, and (2) in Ganja, where it rained",
        "A whıle after, a drill; whereaſ Baku (3 units)",  # what IGNORECASE reads as i, s
        "Drills in İzmir while Ankara",
        "",
    ],
)
def test_clause_bounds_split_where_the_regex_does(sentence: str) -> None:
    clause_bounds.cache_clear()
    starts = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    ends = [*starts, len(sentence)]
    assert clause_bounds(sentence) == tuple(zip([0, *starts], ends, strict=True))
