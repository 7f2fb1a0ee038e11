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

__all__ = ["Comparison", "ComparisonRow", "PlaceGroup", "compare_exercise"]


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
    place_id: str
    label: str
    agreement: str
    rows: tuple[ComparisonRow, ...]


@dataclass(frozen=True)
class Comparison:
    exercise: str
    groups: tuple[PlaceGroup, ...]

    @property
    def claims(self) -> int:
        return sum(len(g.rows) for g in self.groups)


def compare_exercise(view: pd.DataFrame, exercise: str) -> Comparison:
    """The comparison of ``exercise``'s claims in ``view`` (a filtered claims frame)."""
    located = view[(view["exercise"] == exercise) & (view["role"] == "exercise")]
    agreements = _agreements(located)
    groups = []
    for place in agreements.itertuples():
        claims = located[located["place_id"] == place.place_id].sort_values(
            ["published", "outlet"], na_position="last", kind="stable"
        )
        rows = tuple(_row(r, place.label) for _, r in claims.iterrows())
        groups.append(PlaceGroup(place.place_id, place.label, place.agreement, rows))
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
