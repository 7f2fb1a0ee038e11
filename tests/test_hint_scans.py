"""The literal scans that stand in for regex alternations find what the regexes find."""

from __future__ import annotations

import re

import pytest

from sources.extraction.borders import _border_scanner
from sources.extraction.cues import lower
from sources.extraction.match import _DATELINE, _dateline_matches
from sources.extraction.resolve import _admin_hints

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
