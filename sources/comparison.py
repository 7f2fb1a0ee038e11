"""Who says where, side by side: one exercise's claims, grouped by place.

For one exercise, one row per exercise-location claim (outlet, date, credited
source, place with its country, the sentence exactly as the outlet wrote it with
the place marked, as inert HTML), grouped by place, each place marked *consistent* or *conflicting*
by the disagreement summary (:mod:`sources.disagreement`), never by a rule of
its own. Conflicting places come first, as in that summary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from sources.disagreement import Contains, compare_places, contains
from sources.frame import claim_from_row
from sources.render import excerpt_html

__all__ = ["ROWS_PER_PLACE", "Comparison", "ComparisonRow", "PlaceGroup", "compare_exercise"]

ROWS_PER_PLACE = 25


@dataclass(frozen=True)
class ComparisonRow:
    claim_id: str
    outlet: str
    published: dt.date | None
    credited: str
    place_label: str
    sentence_html: str


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
    view: pd.DataFrame,
    exercise: str,
    *,
    limit: int = ROWS_PER_PLACE,
    contains: Contains = contains,
    full: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> Comparison:
    """The comparison of ``exercise``'s claims in ``view`` (a filtered claims frame),
    at most ``limit`` rows a place (the earliest), so a big exercise stays readable.

    ``contains`` is the containment rule the disagreement summary uses (the
    gazetteer's); ``full`` turns rows of ``view`` into rows with every column
    (sentences), when ``view`` holds only the columns a map reads.
    """
    located = view[(view["exercise"] == exercise) & (view["role"] == "exercise")]
    agreements = compare_places(located, contains=contains)
    heads = []
    for place in agreements.itertuples():
        claims = located[located["place_id"] == place.place_id].sort_values(
            ["published", "outlet"], na_position="last", kind="stable"
        )
        heads.append((place, claims.head(limit), len(claims)))
    shown = pd.concat([h for _, h, _ in heads]) if heads else located.iloc[:0]
    rows_of = (full(shown) if full is not None else shown).set_index("id", drop=False)
    groups = []
    for place, head, total in heads:
        rows = tuple(_row(rows_of.loc[i], place.label) for i in head["id"])
        groups.append(PlaceGroup(place.place_id, place.label, place.agreement, rows, total=total))
    return Comparison(exercise, tuple(groups))


def _row(row: pd.Series, label: str) -> ComparisonRow:
    claim = claim_from_row(row)
    return ComparisonRow(
        claim_id=claim.id,
        outlet=claim.outlet,
        published=claim.published,
        credited=claim.credited,
        place_label=label,
        sentence_html=excerpt_html(claim, css_class="atlas-row-quote"),
    )
