"""One data version's claims and articles, and what a page looks up in them.

A thin layer over a :class:`~sources.snapshot.Snapshot`: the claims by id, the
exercises and outlets for the filters, and the colours of each "Colour by"
choice, assigned by the whole corpus's frequencies so that filtering never
repaints a mark. Shared between sessions and never mutated, except for the
colours, filled in the first time each choice is asked for.
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd
import pyarrow as pa

from geo.colours import Colours, colours_by_count
from sources.claims import Claim
from sources.exercises import exercise_name
from sources.frame import STATE_HASH, categorise, claim_from_row, exercise_names, state_hashes
from sources.render import plain
from sources.snapshot import Snapshot

__all__ = ["VIEW_COLUMNS", "Atlas"]


# What the map, the filters, the legend, the summaries and the tables read. Only
# these are converted from the memory-mapped snapshot, so a first view at 100,000
# claims pages in no sentences, and filtering copies none.
VIEW_COLUMNS = (
    "id",
    "article_id",
    "outlet",
    "outlet_country",
    "published",
    "exercise",
    "exercise_name",
    "role",
    "status",
    "reviewed_by",
    "revision",
    "mention",
    "attributed_to",
    "credited",
    "precision_km",
    "place_id",
    "place_name",
    "place_kind",
    "place_country",
    "place_parents",
    "lat",
    "lon",
    "radius_km",
    "is_area",
)


# Up to this many rows, :meth:`Atlas.full` reads row by row rather than with one ``take``.
_SLICED_UP_TO = 500


class Atlas:
    """The tables of one snapshot, with lookups by claim id, exercise and outlet."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        names = set(snapshot.table.column_names)
        self.claims: pd.DataFrame = snapshot.frame(c for c in VIEW_COLUMNS if c in names)
        categorise(self.claims)
        # Each claim's state hash, once: a view's data version is then a sort and a digest.
        # After categorise: a categorical hashes as its strings do, each category once.
        self.claims[STATE_HASH] = state_hashes(self.claims) if len(self.claims) else 0
        self.articles: pd.DataFrame = snapshot.articles
        self.exercise_names = exercise_names(self.claims) if len(self.claims) else {}
        self.exercises = sorted(self.exercise_names)
        self.outlets = tuple(sorted(set(self.articles["source"]), key=str.casefold))
        self._colours: dict[str, Colours] = {}

    @cached_property
    def ids(self) -> pd.Index:
        """Claim ids, for ``in`` and positions (built on first use: a hash of 100,000)."""
        return pd.Index(self.claims["id"])

    @cached_property
    def article_labels(self) -> dict[str, str]:
        """Article id -> "outlet · title" (the id when untitled), as the review list shows:
        plain text, without control or bidi characters (:func:`sources.render.plain`)."""
        articles = self.articles
        titles = articles["title"].fillna("")
        return {
            article: plain(f"{source} · {title or article}")
            for article, source, title in zip(
                articles["id"], articles["source"], titles, strict=True
            )
        }

    def claim(self, claim_id: str | None) -> Claim | None:
        """The one claim a reader opened, rebuilt from its full row; None when unknown."""
        if not claim_id or claim_id not in self.ids:
            return None
        row = self.snapshot.table.slice(self.ids.get_loc(claim_id), 1)
        return claim_from_row(row.to_pandas(date_as_object=False).iloc[0])

    def full(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Every column (sentences, URLs, provenance…) of the claims in ``rows``, a frame of
        :attr:`claims` rows, in that order: what exports and quotes read, converted only
        for the claims asked for."""
        positions = self.ids.get_indexer(rows["id"])
        if (positions < 0).any():
            raise KeyError("claims not in this snapshot")
        table = self.snapshot.table
        if len(positions) <= _SLICED_UP_TO:
            # One-row slices read only the pages those rows sit on; ``take`` reads far
            # more of the memory-mapped file the first time (0.2 s against 3 ms at 100,000).
            table = pa.concat_tables(
                [table.slice(int(p), 1) for p in positions] or [table.slice(0, 0)]
            )
        else:
            table = table.take(positions)
        return table.to_pandas(date_as_object=False)

    def row(self, claim_id: str) -> pd.DataFrame:
        """The claim's row of :attr:`claims` as a one-row table (empty when unknown)."""
        if claim_id not in self.ids:
            return self.claims.iloc[:0]
        return self.claims.iloc[[self.ids.get_loc(claim_id)]]

    def colours(self, colour_by: str) -> Colours:
        """Colours for a column of the claims table, by the whole corpus's frequencies."""
        if colour_by not in self._colours:
            counts = self.claims[colour_by].fillna("").value_counts()
            counts = counts[counts > 0]  # a categorical counts its unused categories too
            self._colours[colour_by] = colours_by_count(counts.to_dict())
        return self._colours[colour_by]

    def exercise_label(self, exercise_id: str) -> str:
        return self.exercise_names.get(exercise_id) or exercise_name(exercise_id)
