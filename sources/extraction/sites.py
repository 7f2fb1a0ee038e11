"""Training grounds, ranges, bases: "the Kamkhud shooting range", «полигон Дальний»."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from geo.gazetteer import Gazetteer
from sources.extraction.language import Languages

if TYPE_CHECKING:
    from sources.extraction.resolve import Located

__all__ = ["with_sites"]


def with_sites(
    body: str, located: Sequence[Located], gazetteer: Gazetteer, languages: Languages
) -> list[Located]:
    return list(located)
