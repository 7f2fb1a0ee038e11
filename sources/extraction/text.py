"""Sentence and clause boundaries with exact character offsets."""

from __future__ import annotations

import re
from functools import lru_cache

from sources.extraction.cues import lower

__all__ = ["clause_bounds", "sentence_bounds"]

MAX_SENTENCE = 1000
# A full stop after these does not end a sentence.
_ABBREVIATIONS = frozenset(
    "gen brig col lt maj capt sgt adm mr mrs ms dr st no vs etc inc jr sr prof gov rep sen "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e".split()
)
# "[.!?؟。]+" written as one mark and then any more: a pattern that opens with a set of
# characters lets re skip ahead to the next mark, while one that opens with a repeat is
# tried at every character (twice as slow over a line; the same matches).
_END = re.compile(r"[.!?؟。][.!?؟。]*[\"'”’»)\]]*(?=\s)")
_CLAUSE_BREAK = re.compile(
    r";\s|,\s(?=while\b|whereas\b|where\b|but\b|although\b)"
    r"|\s(?=while\b|whereas\b)|\s\((?=\d)",
    re.IGNORECASE,
)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence; lines always end sentences.

    Leading and trailing whitespace is excluded, so ``text[start:end]`` is
    the sentence as a reader sees it.
    """
    bounds: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        _split_line(line, line_start, bounds)
        line_start += len(line) + 1
    return bounds


def _split_line(line: str, offset: int, out: list[tuple[int, int]]) -> None:
    start = 0
    for match in _END.finditer(line):
        if match.group(0) == ".":
            word = _word_before(line, match.start(), start)
            # "Gen. Madani", "U.S. forces", an initial as in "A. Smith"
            if word.lower() in _ABBREVIATIONS or len(word) == 1:
                continue
        _append(line, start, match.end(), offset, out)
        start = match.end()
    _append(line, start, len(line), offset, out)


def _word_before(line: str, end: int, floor: int) -> str:
    start = end
    while start > floor and (line[start - 1].isalnum() or line[start - 1] in "._"):
        start -= 1
    return line[start:end]


def _append(line: str, start: int, end: int, offset: int, out: list[tuple[int, int]]) -> None:
    chunk = line[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    first, last = offset + start + lead, offset + start + lead + len(stripped)
    # A "sentence" of a megabyte is not one: cut it at spaces, so that the work
    # per sentence (and every excerpt) stays bounded whatever the input.
    while last - first > MAX_SENTENCE:
        cut = line.rfind(" ", first - offset + MAX_SENTENCE // 2, first - offset + MAX_SENTENCE)
        cut = cut + offset if cut != -1 else first + MAX_SENTENCE
        out.append((first, cut))
        first = cut
        while first < last and line[first - offset].isspace():
            first += 1
    if first < last:
        out.append((first, last))


@lru_cache(maxsize=2048)
def clause_bounds(sentence: str) -> tuple[tuple[int, int], ...]:
    """Split a sentence at dashes, semicolons and contrastive conjunctions."""
    if not _may_break(sentence):
        return ((0, len(sentence)),)
    bounds, start = [], 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        bounds.append((start, match.start()))
        start = match.start()
    bounds.append((start, len(sentence)))
    return tuple(bounds)


def _may_break(sentence: str) -> bool:
    """Can _CLAUSE_BREAK match in ``sentence``? Most sentences show it cannot, at a
    fifth of the cost of searching them."""
    # Every match holds ";" or "(" or is followed, in any case, by "while", "where" (and
    # "whereas"), "but" or "although". In lower case (see cues.lower) that is a substring
    # test, but for the two letters re's IGNORECASE also reads as "i" and "s": left to the
    # regex.
    lowered = lower(sentence)
    return (
        ";" in lowered
        or "(" in lowered
        or "while" in lowered
        or "where" in lowered
        or "but" in lowered
        or "although" in lowered
        or "ı" in lowered
        or "ſ" in lowered
    )
