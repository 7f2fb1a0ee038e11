"""Who says where, side by side: one exercise's claims, grouped by place.

For one exercise, one row per exercise-location claim (outlet, date, credited
source, place with its country, the sentence exactly as the outlet wrote it with
the place marked, as inert HTML), grouped by place, each place marked *consistent* or *conflicting*
by the disagreement summary (:mod:`sources.disagreement`), never by a rule of
its own. Conflicting places come first, as in that summary.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from sources.disagreement import Contains, Disagreement, compare_places, contains
from sources.frame import claim_from_row
from sources.render import excerpt_html, plain

__all__ = [
    "ROWS_PER_PLACE",
    "ROWS_SHOWN",
    "Comparison",
    "ComparisonRow",
    "PlaceGroup",
    "compare_exercise",
    "header_html",
    "row_html",
]

ROWS_PER_PLACE = 25
# Rows a comparison shows in all: past it, each place shows fewer (at least two), so a
# big exercise (hundreds of places) stays a page a person reads, and a quick one to draw.
ROWS_SHOWN = 60
MIN_ROWS_PER_PLACE = 2
HEADINGS = ("Outlet", "Date", "Credited source", "Place", "Sentence")
# The columns' widths, shared by the heading and every row so that they line up.
_GRID = (
    "display:grid;grid-template-columns:2fr 1.3fr 2fr 2fr 6fr;gap:0.4rem 0.8rem;align-items:start"
)


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
    total: int = ROWS_SHOWN,
    contains: Contains = contains,
    full: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    summary: Disagreement | None = None,
) -> Comparison:
    """The comparison of ``exercise``'s claims in ``view`` (a filtered claims frame),
    at most ``limit`` rows a place (the earliest), fewer when the places together would
    pass ``total`` rows (never fewer than two a place), so a big exercise stays readable.

    ``contains`` is the containment rule the disagreement summary uses (the
    gazetteer's); ``full`` turns rows of ``view`` into rows with every column
    (sentences), when ``view`` holds only the columns a map reads. ``summary`` is the
    exercise's disagreement summary when the caller has it already: its places and
    their agreement are used as they are, not judged again.
    """
    located = view[(view["exercise"] == exercise) & (view["role"] == "exercise")]
    if summary is not None and summary.exercise == exercise:
        agreements = pd.DataFrame(
            {
                "place_id": [p.place.id for p in summary.places],
                "label": [p.label for p in summary.places],
                "agreement": [p.agreement for p in summary.places],
            }
        )
    else:
        agreements = compare_places(located, contains=contains)
    if len(agreements):
        limit = min(limit, max(MIN_ROWS_PER_PLACE, total // len(agreements)))
    # Earliest first within a place: one stable sort, then each place's first rows.
    ordered = located.sort_values(["published", "outlet"], na_position="last", kind="stable")
    counts = ordered["place_id"].value_counts()
    heads = ordered.groupby("place_id", sort=False).head(limit)
    rows_of = (full(heads) if full is not None else heads).set_index("id", drop=False)
    ids_at = heads.groupby("place_id", sort=False)["id"].agg(list)
    groups = []
    for place in agreements.itertuples():
        rows = tuple(_row(rows_of.loc[i], place.label) for i in ids_at.get(place.place_id, []))
        count = int(counts.get(place.place_id, 0))
        groups.append(PlaceGroup(place.place_id, place.label, place.agreement, rows, total=count))
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


def header_html() -> str:
    """The comparison's column headings, laid out as :func:`row_html` lays out a row."""
    cells = "".join(f"<div><strong>{title}</strong></div>" for title in HEADINGS)
    return f'<div class="atlas-compare-head" style="{_GRID}">{cells}</div>'


def row_html(row: ComparisonRow) -> str:
    """One claim's row as one inert HTML block: every untrusted field escaped, the
    sentence exactly as the outlet wrote it (:func:`sources.render.excerpt_html`).

    One element a row rather than one per cell: a page of sixty rows stays quick to
    send and to draw."""
    published = row.published.isoformat() if row.published else "undated"
    cells = [row.outlet, published, row.credited, row.place_label]
    escaped = "".join(f"<div>{html.escape(plain(c))}</div>" for c in cells)
    return (
        f'<div class="atlas-compare-row" style="{_GRID}">{escaped}'
        f"<div>{row.sentence_html}</div></div>"
    )
