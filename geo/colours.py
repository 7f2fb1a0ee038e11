"""Colours for the things a map is coloured by (outlets, countries, credited sources).

A colour names one thing only. The palette is colour-blind safe (Okabe & Ito's,
minus the yellow that vanishes on light tiles, then Paul Tol's "muted"); when
there are more things than colours, the most frequent ones get colours and the
rest share one neutral grey labelled "Other", with a note saying how many.
Colours are assigned by frequency, then name, so a view's colours are stable
for the same data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = [
    "COLOUR_BY",
    "OKABE_ITO",
    "OTHER",
    "OTHER_COLOUR",
    "PALETTE",
    "Colours",
    "assign_colours",
    "blank_as",
    "colours_by_count",
]

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
TOL_MUTED = ("#332288", "#88CCEE", "#117733", "#999933", "#882255", "#44AA99", "#AA4499", "#DDCC77")
PALETTE = OKABE_ITO + TOL_MUTED
OTHER = "Other"
OTHER_COLOUR = "#BBBBBB"
# What a view can colour by: the page's labels, keyed by the claims table's column.
COLOUR_BY = {
    "outlet": "Outlet",
    "outlet_country": "Outlet's country",
    "credited": "Attributed source",
}


@dataclass(frozen=True)
class Colours:
    """Value -> colour for the named values; every other value is :data:`OTHER`."""

    named: dict[str, str]
    others: tuple[str, ...] = field(default=())

    def __getitem__(self, value: str) -> str:
        return self.named.get(value, OTHER_COLOUR)

    def label(self, value: str) -> str:
        """The legend entry a value falls under: itself, or "Other"."""
        return value if value in self.named else OTHER

    @property
    def note(self) -> str:
        """Why some values share the grey, or "" when none do."""
        if not self.others:
            return ""
        return (
            f"{len(self.others)} more, fewer-claimed values share the grey “{OTHER}”: "
            "the palette has only so many colours that stay apart for every reader."
        )


def assign_colours(values: Iterable[str], *, palette: tuple[str, ...] = PALETTE) -> Colours:
    """Colours for ``values`` (one entry per claim): the most frequent first."""
    return colours_by_count(Counter(values), palette=palette)


def colours_by_count(counts: Mapping[str, int], *, palette: tuple[str, ...] = PALETTE) -> Colours:
    """:func:`assign_colours` from ``value -> number of claims`` (a column's value counts)."""
    merged: Counter[str] = Counter()
    for value, n in counts.items():
        merged[value if value else "Unknown"] += int(n)
    counts = merged
    ranked = sorted(counts, key=lambda v: (-counts[v], v.casefold(), v))
    named = {value: palette[i] for i, value in enumerate(ranked[: len(palette)])}
    return Colours(named, tuple(ranked[len(palette) :]))


def blank_as(column: pd.Series, label: str) -> pd.Series:
    """``column`` with its missing and empty values read as ``label``; a categorical stays
    one (its categories renamed, not its rows rewritten)."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return column.fillna("").replace("", label)
    # The last entry stands for a missing value (code -1), so no category need be "".
    named = [c if c != "" else label for c in column.cat.categories] + [label]
    categories = sorted(set(named))
    position = {c: i for i, c in enumerate(categories)}
    codes = np.array([position[c] for c in named], dtype=np.int64)[column.cat.codes.to_numpy()]
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=categories),
        index=column.index,
        name=column.name,
    )
