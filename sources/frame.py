"""Claims as one table: a column per field, a row per claim, filtered with vectorised code.

The page, the exports and the benchmarks read claims through this table, so
that a view at 100,000 claims is a few array operations, not 100,000 Python
objects, and so that every output of a view goes through the same filter
(:func:`filter_frame`). :func:`claim_from_row` turns one row back into a
:class:`~sources.claims.Claim` for the one claim a reader opens.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np
import pandas as pd

from geo.places import Place
from sources.claims import Claim
from sources.view import UNASSIGNED, ViewState

__all__ = [
    "COLUMNS",
    "claim_from_row",
    "claims_frame",
    "data_version",
    "filter_claims",
    "filter_frame",
]

# Column -> how it is read from a claim. The order is the order of the table.
COLUMNS: dict[str, object] = {
    "id": lambda c: c.id,
    "article_id": lambda c: c.article_id,
    "file": lambda c: c.file,
    "outlet": lambda c: c.outlet,
    "outlet_country": lambda c: c.outlet_country,
    "published": lambda c: c.published,
    "url": lambda c: c.url,
    "exercise": lambda c: c.exercise or UNASSIGNED,
    "exercise_name": lambda c: c.exercise_name,
    "role": lambda c: c.role,
    "status": lambda c: c.status,
    "reviewed_by": lambda c: c.reviewed_by,
    "revision": lambda c: c.revision,
    "mention": lambda c: c.mention,
    "start": lambda c: c.start,
    "end": lambda c: c.end,
    "sentence": lambda c: c.sentence,
    "sentence_start": lambda c: c.sentence_start,
    "attributed_to": lambda c: c.attributed_to,
    "credited": lambda c: c.credited,
    "precision_km": lambda c: c.precision_km,
    "note": lambda c: c.note,
    "hierarchy": lambda c: "\u241e".join(c.hierarchy),
    "place_id": lambda c: c.place.id,
    "place_name": lambda c: c.place.name,
    "place_kind": lambda c: c.place.kind,
    "place_country": lambda c: c.place.country,
    "lat": lambda c: c.place.lat,
    "lon": lambda c: c.place.lon,
    "radius_km": lambda c: c.place.radius_km,
    "is_area": lambda c: c.is_area,
    "place_provenance": lambda c: c.place.provenance,
}
_HIERARCHY_SEPARATOR = "\u241e"
# Columns whose values, with the ids, make a claim's visible state.
_STATE = ["id", "status", "revision", "role", "exercise", "place_id", "lat", "lon"]


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """One row per claim, the columns of :data:`COLUMNS`; ``published`` as datetime64."""
    claims = list(claims)
    data = {name: [read(c) for c in claims] for name, read in COLUMNS.items()}  # type: ignore[operator]
    frame = pd.DataFrame(data, columns=list(COLUMNS))
    frame["published"] = pd.to_datetime(frame["published"])
    for name in ("start", "end", "sentence_start", "revision"):
        frame[name] = frame[name].astype("int64")
    return frame


def filter_frame(frame: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """The rows a view shows: exercise locations, plus context and rejected claims when
    asked, within the chosen exercises, outlets and publication dates."""
    keep = np.ones(len(frame), dtype=bool)
    if not state.context:
        keep &= (frame["role"] == "exercise").to_numpy()
    if not state.rejected:
        keep &= (frame["status"] != "rejected").to_numpy()
    if state.exercises:
        keep &= frame["exercise"].isin(state.exercises).to_numpy()
    if state.outlets:
        keep &= frame["outlet"].isin(state.outlets).to_numpy()
    published = frame["published"]
    if state.date_from:
        keep &= (published >= pd.Timestamp(state.date_from)).fillna(False).to_numpy(dtype=bool)
    if state.date_to:
        keep &= (published <= pd.Timestamp(state.date_to)).fillna(False).to_numpy(dtype=bool)
    return frame[keep]


def filter_claims(claims: Iterable[Claim], state: ViewState) -> list[Claim]:
    """The claims of ``claims`` a view shows, in order: :func:`filter_frame`'s rule."""
    claims = list(claims)
    kept = filter_frame(claims_frame(claims), state).index
    return [claims[i] for i in kept]


def data_version(frame: pd.DataFrame) -> str:
    """A short hash of the claims in ``frame`` and their review state, order-independent."""
    if frame.empty:
        return "0" * 12
    rows = pd.util.hash_pandas_object(frame[_STATE], index=False).to_numpy()
    digest = hashlib.sha256(np.sort(rows).tobytes()).hexdigest()
    return digest[:12]


def claim_from_row(row: pd.Series | dict) -> Claim:
    """The :class:`Claim` a row was made from (its place rebuilt from the row's columns)."""
    get = row.__getitem__
    published = get("published")
    place = Place(
        id=get("place_id"),
        name=get("place_name"),
        kind=get("place_kind"),
        country=get("place_country"),
        lat=float(get("lat")),
        lon=float(get("lon")),
        radius_km=float(get("radius_km")),
        provenance=get("place_provenance"),
    )
    exercise = get("exercise")
    hierarchy = get("hierarchy")
    return Claim(
        article_id=get("article_id"),
        file=get("file"),
        outlet=get("outlet"),
        outlet_country=get("outlet_country"),
        published=None if pd.isna(published) else pd.Timestamp(published).date(),
        url=_optional(get("url")),
        mention=get("mention"),
        start=int(get("start")),
        end=int(get("end")),
        sentence=get("sentence"),
        sentence_start=int(get("sentence_start")),
        place=place,
        role=get("role"),
        exercise=None if exercise == UNASSIGNED else exercise,
        exercise_name=get("exercise_name"),
        attributed_to=_optional(get("attributed_to")),
        precision_km=float(get("precision_km")),
        status=get("status"),
        reviewed_by=get("reviewed_by"),
        revision=int(get("revision")),
        note=get("note"),
        hierarchy=tuple(hierarchy.split(_HIERARCHY_SEPARATOR)) if hierarchy else (),
    )


def _optional(value: object) -> str | None:
    """A missing value (None, or pandas' NaN for it) as None."""
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value
