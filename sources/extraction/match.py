"""Stage 3, match: every gazetteer name and every exercise name in the text.

Place names are matched per run of lines in one language, so that a line's
inflections (Turkish ``Nahçıvan'da``, Russian ``Карабаха``) follow that line's
language and not the article's. Exercise names come from the registry and from
the text itself (:mod:`.codenames`); they are found here because a place inside
one ("Aras 2025", "Peace Mission-2016") is not a place.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.gazetteer import Gazetteer
from geo.matching import Mention, find_mentions
from sources.extraction.codenames import ExerciseName, find_names
from sources.extraction.language import Languages

__all__ = ["Matches", "match"]


@dataclass(frozen=True)
class Matches:
    languages: Languages
    mentions: tuple[Mention, ...]
    names: tuple[ExerciseName, ...]


def match(languages: Languages, gazetteer: Gazetteer) -> Matches:
    body = languages.segments.body
    mentions: list[Mention] = []
    for start, end, language in _runs(languages):
        for m in find_mentions(body[start:end], gazetteer, language=language):
            mentions.append(Mention(m.start + start, m.end + start, m.text, m.candidates))
    names = find_names(languages.segments.article, body)
    return Matches(languages, tuple(mentions), tuple(names))


def _runs(languages: Languages) -> list[tuple[int, int, str]]:
    """``(start, end, language)`` of each run of consecutive lines in one language."""
    runs: list[tuple[int, int, str]] = []
    for number, block in enumerate(languages.segments.blocks):
        language = languages.of_block(number)
        if runs and runs[-1][2] == language:
            runs[-1] = (runs[-1][0], block.end, language)
        else:
            runs.append((block.start, block.end, language))
    return runs
