"""Cells a spreadsheet cannot execute: the one guard of every CSV and XLSX the service writes.

Text that a user typed (a project's title, an organisation's name) reaches reviewers' spreadsheets.
A cell starting with ``=``, ``+``, ``-`` or ``@`` is a formula to Excel or LibreOffice opening a
CSV file, and a tab or a carriage return first lets one slip past naive filters: such text is
written with a leading ``'``, as OWASP advises against CSV injection
(https://owasp.org/www-community/attacks/CSV_Injection). Numbers the service formats itself are not
text typed by anyone and stay numbers. In XLSX, every text is a text cell (type ``s``), never a
formula, whatever it starts with; characters XLSX cannot hold are replaced by U+FFFD.

The canonical CSV bundle is read back by the service: :func:`unguard_csv` removes exactly the quote
:func:`guard_csv` added, so an export imports back to the same data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"

# The control characters an XLSX cell cannot hold (openpyxl refuses them): all but tab, LF and CR.
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def guard_csv(value: Any) -> Any:
    """A CSV cell's value: text that a spreadsheet would run gets a leading ``'``.

    Text already starting with quotes before a formula character gets one more, so that
    :func:`unguard_csv` gives it back whole. Anything but text is returned as it is.

    Examples
    --------
    >>> guard_csv('=HYPERLINK("http://x","Voir")')
    '\\'=HYPERLINK("http://x","Voir")'
    >>> guard_csv("Mission Locale"), guard_csv(-0.5)
    ('Mission Locale', -0.5)
    """
    if isinstance(value, str) and value.lstrip(GUARD).startswith(FORMULA_STARTS):
        return GUARD + value
    return value


def unguard_csv(text: str) -> str:
    """Remove the quote :func:`guard_csv` added (reading a CSV the service wrote)."""
    if text.startswith(GUARD) and text.lstrip(GUARD).startswith(FORMULA_STARTS):
        return text[1:]
    return text


def xlsx_value(value: Any) -> Any:
    """A value XLSX can hold: text without the control characters the format refuses."""
    if isinstance(value, str):
        return _NOT_IN_XLSX.sub("\ufffd", value)
    return value


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append a row whose text cells are text (type ``s``), never formulas.

    openpyxl makes a formula of any text starting with ``=``; the cell is set back to text.
    """
    row = [xlsx_value(value) for value in values]
    sheet.append(row)
    number = sheet.max_row
    for column, value in enumerate(row, start=1):
        if isinstance(value, str) and value.startswith("="):
            sheet.cell(row=number, column=column).data_type = "s"


__all__ = ["FORMULA_STARTS", "GUARD", "append_row", "guard_csv", "unguard_csv", "xlsx_value"]
