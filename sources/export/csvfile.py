"""CSV for spreadsheets: UTF-8 with a byte-order mark, formulas defused.

Excel guesses a legacy code page for a CSV without a BOM, which garbles
Azerbaijani (ə, ğ) and Persian; with ``utf-8-sig`` it reads UTF-8. A text cell
starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return, which
Excel strips before looking) would run as a formula, so such a cell gets a
leading apostrophe, OWASP's advice: Excel shows the text, and the apostrophe is
the only character added. Numbers are written as numbers and never prefixed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from sources.export.rows import FIELDS, ExportRow

__all__ = ["FORMULA_PREFIXES", "defuse", "to_csv"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text, never evaluates it."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def to_csv(rows: Iterable[ExportRow]) -> bytes:
    """The rows as CSV bytes, one line per claim, a header of :data:`FIELDS`."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([_cell(getattr(row, name)) for name in FIELDS])
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return defuse(value) if isinstance(value, str) else value
