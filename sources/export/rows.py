"""One export row per claim in view: every field a reader needs to check it.

The row is the same for every format, so a CSV line, a GeoJSON feature and a
KML placemark of one claim always say the same thing, and each carries the
view's data version (see :func:`sources.frame.data_version`), which ties an
exported row back to the link it was made from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from sources.exercises import exercise_name
from sources.frame import CATEGORY_COLUMNS, data_version
from sources.view import UNASSIGNED

__all__ = ["FIELDS", "ExportRow", "export_rows", "export_table"]


@dataclass(frozen=True, kw_only=True)
class ExportRow:
    """A claim as exported. ``published`` is ISO (``""`` when undated); ``start`` and
    ``end`` index the article's text, as does ``sentence_start``, where ``sentence``
    begins in it."""

    id: str
    outlet: str
    outlet_country: str
    published: str
    exercise_id: str
    exercise_name: str
    role: str
    place_as_written: str
    start: int
    end: int
    sentence_start: int
    place: str
    place_country: str
    place_id: str
    place_kind: str
    lat: float
    lon: float
    precision_km: float
    area: bool
    attributed_to: str
    credited: str
    sentence: str
    url: str
    status: str
    reviewed_by: str
    data_version: str

    @property
    def radius_km(self) -> float:
        return self.precision_km

    @property
    def highlight(self) -> tuple[str, str, str]:
        """The sentence split around the place as written: (before, place, after)."""
        lo, hi = self.start - self.sentence_start, self.end - self.sentence_start
        return self.sentence[:lo], self.sentence[lo:hi], self.sentence[hi:]


FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(ExportRow))


def export_table(view: pd.DataFrame, *, version: str | None = None) -> pd.DataFrame:
    """The export's columns (:data:`FIELDS`) for every row of ``view``, built column-wise.

    ``view`` is a :func:`sources.frame.filter_frame` result; ``version`` defaults
    to its own :func:`~sources.frame.data_version`.
    """
    version = version or data_version(view)
    # Plain strings: the columns below take values their categories lack ("", names).
    view = view.astype({c: "str" for c in CATEGORY_COLUMNS if c in view.columns})
    exercise = view["exercise"]
    assigned = exercise.where(exercise != UNASSIGNED, "")
    names = {e: exercise_name(e or None) for e in assigned.unique()}
    published = view["published"]
    table = pd.DataFrame(
        {
            "id": view["id"],
            "outlet": view["outlet"],
            "outlet_country": view["outlet_country"].fillna(""),
            "published": published.dt.strftime("%Y-%m-%d").where(published.notna(), ""),
            "exercise_id": assigned,
            "exercise_name": view["exercise_name"].where(
                view["exercise_name"].fillna("") != "", assigned.map(names)
            ),
            "role": view["role"],
            "place_as_written": view["mention"],
            "start": view["start"].astype("int64"),
            "end": view["end"].astype("int64"),
            "sentence_start": view["sentence_start"].astype("int64"),
            "place": view["place_name"],
            "place_country": view["place_country"].fillna(""),
            "place_id": view["place_id"],
            "place_kind": view["place_kind"],
            "lat": view["lat"].astype(float),
            "lon": view["lon"].astype(float),
            "precision_km": view["precision_km"].astype(float),
            "area": view["is_area"].astype(bool),
            "attributed_to": view["attributed_to"].fillna("").astype(str),
            "credited": view["credited"],
            "sentence": view["sentence"],
            "url": view["url"].fillna("").astype(str),
            "status": view["status"],
            "reviewed_by": view["reviewed_by"].fillna(""),
            "data_version": version,
        },
        columns=list(FIELDS),
    )
    return table.reset_index(drop=True)


def export_rows(view: pd.DataFrame, *, version: str | None = None) -> list[ExportRow]:
    """The rows of ``view`` (a :func:`sources.frame.filter_frame` result), in its order."""
    table = export_table(view, version=version)
    return [
        ExportRow(**dict(zip(FIELDS, t, strict=True)))
        for t in table.itertuples(index=False, name=None)
    ]
