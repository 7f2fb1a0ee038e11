"""Exports of a view: exactly the claims in it, with every field, as CSV, GeoJSON or KML.

    view = filter_frame(claims_frame(corpus.claims), state)   # the page's one filter
    data = export_view(view, "kml", colour_by=state.colour_by)

The page's "Download" menu and ``python -m sources.export`` both call
:func:`export_view` on a :func:`sources.frame.filter_frame` result, so a file
holds what the map showed. Every row carries the view's data version.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from sources.export.csvfile import to_csv
from sources.export.geojson import to_geojson
from sources.export.kml import to_kml
from sources.export.rows import FIELDS, ExportRow, export_rows, export_table

__all__ = ["FIELDS", "FORMATS", "ExportRow", "Format", "export_rows", "export_view", "file_name"]


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    mime: str
    suffix: str


FORMATS: dict[str, Format] = {
    "csv": Format("csv", "CSV (Excel, pandas)", "text/csv", ".csv"),
    "geojson": Format("geojson", "GeoJSON (QGIS, web maps)", "application/geo+json", ".geojson"),
    "kml": Format("kml", "KML (Google Earth)", "application/vnd.google-earth.kml+xml", ".kml"),
}


def export_view(
    view: pd.DataFrame,
    fmt: str,
    *,
    colour_by: str = "outlet",
    colours: Mapping[str, str] | None = None,
    version: str | None = None,
) -> bytes:
    """The claims of ``view`` (a filtered claims frame) as a file of format ``fmt``."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, instead got: {fmt!r}.")
    if fmt == "csv":
        return to_csv(export_table(view, version=version))
    rows = export_rows(view, version=version)
    writers: dict[str, Callable[[list[ExportRow]], bytes]] = {
        "geojson": to_geojson,
        "kml": lambda r: to_kml(r, colour_by=colour_by, colours=colours),
    }
    return writers[fmt](rows)


def file_name(fmt: str, version: str) -> str:
    """The download's file name: the atlas, the data version and the format."""
    return f"exercise-atlas-{version}{FORMATS[fmt].suffix}"
