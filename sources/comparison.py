"""Who says where, side by side: one exercise's claims, grouped by place.

For one exercise, one row per exercise-location claim (outlet, date, credited
source, place with its country, the sentence with the place in bold as inert
markdown), grouped by place, each place marked *consistent* or *conflicting*
by the disagreement summary (:mod:`sources.disagreement`), never by a rule of
its own. Conflicting places come first, as in that summary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from sources.disagreement import compare_places
from sources.frame import claim_from_row
from sources.render import excerpt_markdown

__all__ = ["ROWS_PER_PLACE", "Comparison", "ComparisonRow", "PlaceGroup", "compare_exercise"]

ROWS_PER_PLACE = 25


@dataclass(frozen=True)
class ComparisonRow:
    claim_id: str
    outlet: str
    published: dt.date | None
    credited: str
    place_label: str
    sentence_markdown: str


@dataclass(frozen=True)
class PlaceGroup:
    """A place's claims; ``rows`` holds the first ``limit`` of ``total``."""

    place_id: str
    label: str
    agreement: str
    rows: tuple[ComparisonRow, ...]
    total: int


@dataclass(frozen=True)
class Comparison:
    exercise: str
    groups: tuple[PlaceGroup, ...]

    @property
    def claims(self) -> int:
        return sum(g.total for g in self.groups)


def compare_exercise(
    view: pd.DataFrame, exercise: str, *, limit: int = ROWS_PER_PLACE
) -> Comparison:
    """The comparison of ``exercise``'s claims in ``view`` (a filtered claims frame),
    at most ``limit`` rows a place (the earliest), so a big exercise stays readable."""
    located = view[(view["exercise"] == exercise) & (view["role"] == "exercise")]
    agreements = _agreements(located)
    groups = []
    for place in agreements.itertuples():
        claims = located[located["place_id"] == place.place_id].sort_values(
            ["published", "outlet"], na_position="last", kind="stable"
        )
        rows = tuple(_row(r, place.label) for _, r in claims.head(limit).iterrows())
        groups.append(
            PlaceGroup(place.place_id, place.label, place.agreement, rows, total=len(claims))
        )
    return Comparison(exercise, tuple(groups))


def _row(row: pd.Series, label: str) -> ComparisonRow:
    claim = claim_from_row(row)
    return ComparisonRow(
        claim_id=claim.id,
        outlet=claim.outlet,
        published=claim.published,
        credited=claim.credited,
        place_label=label,
        sentence_markdown=excerpt_markdown(claim),
    )


def _agreements(located: pd.DataFrame) -> pd.DataFrame:
    """``place_id``, ``label`` and ``agreement`` per place, conflicting first."""
    return compare_places(located)[["place_id", "label", "agreement"]]
