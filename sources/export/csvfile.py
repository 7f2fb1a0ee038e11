"""CSV for spreadsheets: UTF-8 with a byte-order mark, formulas defused.

Excel guesses a legacy code page for a CSV without a BOM, which garbles
Azerbaijani (ə, ğ) and Persian; with ``utf-8-sig`` it reads UTF-8. A text cell
starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return, which
Excel strips before looking) would run as a formula, so such a cell gets a
leading apostrophe, OWASP's advice: Excel shows the text, and the apostrophe is
the only character added. Numbers are written as numbers and never prefixed.
"""

from __future__ import annotations

import pandas as pd

from sources.export.rows import FIELDS

__all__ = ["FORMULA_PREFIXES", "defuse", "to_csv"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text, never evaluates it."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def to_csv(table: pd.DataFrame) -> bytes:
    """An export table (:func:`sources.export.rows.export_table`) as CSV bytes:
    one line per claim, a header of :data:`FIELDS`, text cells defused."""
    table = table[list(FIELDS)].copy()
    for name in table.columns:
        column = table[name]
        if column.dtype == bool:
            table[name] = column.map({True: "true", False: "false"})
        elif not pd.api.types.is_numeric_dtype(column):
            text = column.astype(str)
            table[name] = text.where(~text.str.startswith(FORMULA_PREFIXES), "'" + text)
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
