"""KML for Google Earth: a folder per exercise, placemarks styled by the colour-by.

Built with fastkml, whose lxml tree escapes every value for XML. That is not
enough on its own: Google Earth renders a ``<description>`` as HTML once the
XML is read, and replaces ``$[name]`` entities in it. So every untrusted string
in a description is HTML-escaped first (and ``$`` written as ``&#36;``), which
makes the file hold it escaped twice and Google Earth show it as text. Each
placemark's balloon shows only that description; the fields travel, unescaped
for QGIS, as ``ExtendedData``. Characters XML 1.0 cannot hold are dropped.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from collections.abc import Iterable, Mapping

from fastkml import containers, data, features, kml, styles
from fastkml import geometry as kml_geometry
from pygeoif.geometry import GeometryCollection, Point, Polygon

from geo.colours import assign_colours
from geo.footprint import area_polygons
from sources.export.rows import FIELDS, ExportRow

__all__ = ["description_html", "kml_colour", "to_kml"]

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Bidi overrides and isolates can make a balloon read backwards.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
AREA_ALPHA = "40"


def to_kml(
    rows: Iterable[ExportRow],
    *,
    colour_by: str = "outlet",
    colours: Mapping[str, str] | None = None,
) -> bytes:
    """The rows as a KML document: one folder per exercise, one style per colour.

    ``colour_by`` is a field of the claims table (``outlet``, ``outlet_country``,
    ``credited``); ``colours`` maps its values to ``#rrggbb`` (by default
    :func:`geo.colours.assign_colours` over the rows, as the page does).
    """
    rows = list(rows)
    values = [_colour_value(r, colour_by) for r in rows]
    palette = colours or assign_colours(values)
    style_ids: dict[str, str] = {}
    for value in values:
        colour = palette[value]
        style_ids.setdefault(colour, f"c{len(style_ids)}")
    folders: dict[str, list[features.Placemark]] = {}
    for row, value in zip(rows, values, strict=True):
        folder = row.exercise_name or "Unassigned"
        folders.setdefault(folder, []).append(_placemark(row, f"#{style_ids[palette[value]]}"))
    version = rows[0].data_version if rows else ""
    document = containers.Document(
        name=_clean(f"Exercise Atlas · data version {version}"),
        styles=[_style(sid, colour) for colour, sid in style_ids.items()],
        features=[
            containers.Folder(name=_clean(name), features=marks)
            for name, marks in sorted(folders.items(), key=lambda item: item[0].casefold())
        ],
    )
    text = kml.KML(features=[document]).to_string(prettyprint=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text).encode("utf-8")


def kml_colour(hex_colour: str, alpha: str = "ff") -> str:
    """``#rrggbb`` as KML's ``aabbggrr``."""
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", hex_colour):
        raise ValueError(f"colour must be #rrggbb, instead got: {hex_colour!r}.")
    r, g, b = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"{alpha}{b}{g}{r}".lower()


def description_html(row: ExportRow) -> str:
    """The balloon's HTML: every untrusted value escaped, the place in bold."""
    before, mention, after = row.highlight
    lines = [
        ("Outlet", f"{_e(row.outlet)} ({_e(row.outlet_country or 'country unknown')})"),
        ("Published", _e(row.published or "undated")),
        ("Credited to", _e(row.credited)),
        ("Exercise", _e(row.exercise_name)),
        ("Role", _e(row.role)),
        ("Place as written", f"{_e(row.place_as_written)} → {_e(row.place)} ({_e(row.place_id)})"),
        ("Precision", f"±{row.precision_km:g} km ({'area' if row.area else 'point'})"),
        ("Sentence", f"{_e(before)}<b>{_e(mention)}</b>{_e(after)}"),
        ("Article", _e(row.url or "no link")),
        ("Review", _e(row.status + (f" by {row.reviewed_by}" if row.reviewed_by else ""))),
        ("Claim", f"{_e(row.id)} · data version {_e(row.data_version)}"),
    ]
    return "<br/>".join(f"<b>{label}</b>: {value}" for label, value in lines)


@functools.lru_cache(maxsize=4096)
def _area_geometry(lat: float, lon: float, radius_km: float, kind: str, country: str):
    """An area's point and polygon(s) as one KML geometry, built once per place:
    pygeoif and fastkml make building a polygon costly, and places repeat."""
    polygons, _ = area_polygons(lat=lat, lon=lon, radius_km=radius_km, kind=kind, country=country)
    collection = GeometryCollection([Point(lon, lat), *(Polygon(p[0], p[1:]) for p in polygons)])
    return kml_geometry.create_kml_geometry(collection)


def _placemark(row: ExportRow, style_url: str) -> features.Placemark:
    shape = (
        {
            "kml_geometry": _area_geometry(
                row.lat, row.lon, row.radius_km, row.place_kind, row.place_country
            )
        }
        if row.area
        else {"geometry": Point(row.lon, row.lat)}
    )
    return features.Placemark(
        id=_xml_id(row.id),
        name=_clean(f"{row.outlet}: {row.place_as_written}"),
        description=description_html(row),
        style_url=styles.StyleUrl(url=style_url),
        extended_data=data.ExtendedData(
            elements=[
                data.Data(name=name, value=_clean(_text(getattr(row, name)))) for name in FIELDS
            ]
        ),
        **shape,
    )


def _style(style_id: str, colour: str) -> styles.Style:
    return styles.Style(
        id=style_id,
        styles=[
            styles.IconStyle(color=kml_colour(colour), scale=1.0),
            styles.LineStyle(color=kml_colour(colour), width=2),
            styles.PolyStyle(color=kml_colour(colour, AREA_ALPHA)),
            # Only the escaped description: Google Earth's default balloon would also
            # show the name and ExtendedData, and render HTML in them.
            styles.BalloonStyle(text="$[description]"),
        ],
    )


def _colour_value(row: ExportRow, colour_by: str) -> str:
    value = getattr(row, colour_by, None)
    if value is None:
        raise ValueError(f"cannot colour by {colour_by!r}: not a field of the export.")
    return value or "Unknown"


def _e(text: str) -> str:
    """Untrusted text for an HTML balloon: escaped, no ``$[...]`` entities, no bidi tricks."""
    return html.escape(_clean(_BIDI.sub("", text)), quote=True).replace("$", "&#36;")


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xml_id(claim_id: str) -> str:
    """An XML id (a name: no ``@``, no leading digit) for a claim id, unique per id."""
    digest = hashlib.sha1(claim_id.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"claim-{re.sub(r'[^A-Za-z0-9._-]', '_', claim_id)[:80]}-{digest}"
