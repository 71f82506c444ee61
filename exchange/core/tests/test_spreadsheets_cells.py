"""`safe_cell`, on its own: text a spreadsheet would run gets an apostrophe in front; everything else passes
unchanged; `unescape_cell` undoes it. Every writer's output is attacked in test_spreadsheets.py."""

from datetime import date
from decimal import Decimal

import pytest

from exchange.core.spreadsheets import safe_cell, safe_row, unescape_cell

FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.mark.parametrize(
    "text", ["=1+1", "+1+1", "-1+1", "@SUM(1)", "\t=1+1", "\r=1+1", FORMULA, "-", "=", "-5 or less"]
)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe_in_front(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    [-5, 5, 0, -2.5, Decimal("-0.40"), True, False, None, date(2013, 10, 1), "", "Plain text", "a = b", "'=1+1"],
)
def test_numbers_dates_booleans_none_and_plain_text_pass_unchanged(value):
    assert safe_cell(value) is value


@pytest.mark.parametrize("text", ["-5", "-0.25", "12", "0.4000"])
def test_text_that_is_wholly_a_plain_number_passes_unchanged(text):
    assert safe_cell(text) == text


def test_a_row_is_made_safe_cell_by_cell():
    assert safe_row(iter(["=1+1", -5, "ok", None])) == ["'=1+1", -5, "ok", None]


@pytest.mark.parametrize("value", ["=1+1", "-1+1", "\t=1+1", FORMULA, "plain", "-5", "'x", "", None, -5])
def test_unescape_cell_undoes_safe_cell(value):
    assert unescape_cell(safe_cell(value)) == value
