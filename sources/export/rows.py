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

from sources.dating import exercise_name
from sources.frame import data_version
from sources.view import UNASSIGNED

__all__ = ["FIELDS", "ExportRow", "export_rows"]


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


def export_rows(view: pd.DataFrame, *, version: str | None = None) -> list[ExportRow]:
    """The rows of ``view`` (a :func:`sources.frame.filter_frame` result), in its order.

    ``version`` defaults to the view's own :func:`~sources.frame.data_version`.
    """
    version = version or data_version(view)
    return [_row(record, version) for record in view.to_dict("records")]


def _row(r: dict, version: str) -> ExportRow:
    exercise = r["exercise"]
    published = r["published"]
    return ExportRow(
        id=r["id"],
        outlet=r["outlet"],
        outlet_country=r["outlet_country"] or "",
        published="" if pd.isna(published) else pd.Timestamp(published).date().isoformat(),
        exercise_id="" if exercise == UNASSIGNED else exercise,
        exercise_name=r["exercise_name"]
        or exercise_name(None if exercise == UNASSIGNED else exercise),
        role=r["role"],
        place_as_written=r["mention"],
        start=int(r["start"]),
        end=int(r["end"]),
        sentence_start=int(r["sentence_start"]),
        place=r["place_name"],
        place_country=r["place_country"] or "",
        place_id=r["place_id"],
        place_kind=r["place_kind"],
        lat=float(r["lat"]),
        lon=float(r["lon"]),
        precision_km=float(r["precision_km"]),
        area=bool(r["is_area"]),
        attributed_to=_text(r["attributed_to"]),
        credited=r["credited"],
        sentence=r["sentence"],
        url=_text(r["url"]),
        status=r["status"],
        reviewed_by=r["reviewed_by"] or "",
        data_version=version,
    )


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
