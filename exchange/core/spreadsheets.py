"""Cells that are safe to open in a spreadsheet: the one rule for every CSV and XLSX the platform writes.

A spreadsheet runs text that starts with = + - @ (and, in some, a tab or carriage return before one of them) as
a formula, so a free-text answer such as `=HYPERLINK("http://evil.example","x")` would become a live link, or
worse, on an analyst's machine (OWASP "CSV injection"). Every writer passes its rows through `safe_row`.
"""

import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text)


def safe_cell(value):
    """Text that a spreadsheet would run as a formula, with an apostrophe in front; anything else unchanged.

    Only `str` values change, so numbers, dates, booleans and None reach the file as they are (-5 stays the
    number -5). Text that is wholly a plain number ("-5", "-0.25") is left alone too: it cannot call anything,
    a spreadsheet reads it as the number, and survey codes such as "-9" (refused) stay usable.

    The apostrophe is OWASP's recommendation, and it is kept in XLSX as well as CSV: openpyxl stores "'=1+1" as
    the literal text "'=1+1" (a string cell, never a formula), so the same escaped text reaches the reader
    whichever format is downloaded. `unescape_cell` undoes it for a file the platform reads back."""
    if isinstance(value, str) and _is_formula_like(value):
        return ESCAPE + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


def unescape_cell(value):
    """The inverse of `safe_cell`, for text read back from a file the platform wrote (e.g. a re-imported
    XLSForm): an apostrophe in front of formula-like text is dropped; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(ESCAPE) and _is_formula_like(value[1:]):
        return value[1:]
    return value
