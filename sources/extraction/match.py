"""Stage 3, match: every gazetteer name and every exercise name in the text.

Place names are matched per run of lines in one language, so that a line's
inflections (Turkish ``Nahçıvan'da``, Russian ``Карабаха``) follow that line's
language and not the article's. Exercise names come from the registry and from
the text itself (:mod:`.codenames`); they are found here because a place inside
one ("Aras 2025", "Peace Mission-2016") is not a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
        mentions += find_mentions(body[start:end], gazetteer, language=language, offset=start)
    mentions += _datelines(body, mentions, gazetteer)
    names = find_names(languages.segments.article, body)
    mentions.sort(key=lambda m: m.start)
    return Matches(languages, tuple(mentions), tuple(names))


# A dateline opens a line with a place in capitals: "GYUMRI, Armenia (RFE/RL)—",
# "MOSCOW, May 14. /TASS/.", "ДУШАНБЕ, 19.05.2019", "BISHKEK. KAZINFORM".
_DATELINE = re.compile(
    r"^[ \t]*([^\W\d_][^\W\d_’'-]+(?:[ -][^\W\d_]+)?)(?=[ \t]*[,(—–]|\.[ \t]+[A-Z])", re.M
)


def _datelines(body: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    found = []
    taken = {m.start for m in mentions}
    for match in _dateline_matches(body):
        word = match.group(1)
        if not word.isupper() or len(word) < 3 or match.start(1) in taken:
            continue
        name = "-".join(" ".join(p.capitalize() for p in part.split()) for part in word.split("-"))
        places = tuple(p for p in gazetteer.lookup(name) if p.kind == "settlement")
        if places:
            found.append(Mention(match.start(1), match.end(1), word, places))
    return found


def _dateline_matches(body: str) -> Iterator[re.Match[str]]:
    """_DATELINE.finditer(body), tried at line starts only: re would try every character,
    and a match never leaves its line."""
    start = 0
    while start != -1:
        if (match := _DATELINE.match(body, start)) is not None:
            yield match
        start = body.find("\n", start) + 1 or -1


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
