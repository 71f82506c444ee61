"""The one reader of an XLSForm workbook: `.xls`, `.xlsx` or `.xlsm`, recognised by its first bytes, read by pyxform
itself (short rows, sheets without a size record, any case of sheet name, its header aliases), giving pyxform's JSON
of the form and, for messages, the sheet row of each question and choice."""

import logging
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pyxform import constants
from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from exchange.core.uploads import (
    MB,
    XLSX,
    SheetLimits,
    UploadRefused,
    ZipLimits,
    xls_bounds_checked,
    xlsx_bounds_checked,
    zip_checked,
)

from .spec import Problem, XLSFormError

logger = logging.getLogger(__name__)

XLSX_MAGIC = b"PK\x03\x04"  # a zip archive: .xlsx and .xlsm
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: .xls (Excel 97–2003)
NOT_A_WORKBOOK = "the file is not an Excel workbook (.xls, .xlsx or .xlsm)"
UNREADABLE = "the file could not be read as an XLSForm: it may be damaged ({what})"
# What reading a workbook costs is bounded before pyxform reads it (a 1.6 MB .xlsx can hold 120,000 rows, which
# pyxform takes over a minute to refuse). An .xlsx is a zip: bounded by its size unpacked and its packing ratio.
# The sheets: the largest questionnaires in use (national staff and patient surveys, DHS-style ODK forms) have a
# few hundred to some 1,500 rows of questions and choices, in a few languages of label, hint and message columns.
XLSFORM_ZIP = ZipLimits(max_entries=500, max_unpacked=20 * MB)
XLSFORM_SHEETS = SheetLimits(max_rows=3_000, max_columns=60, max_cells=60_000, max_sheets=20)


@dataclass
class Workbook:
    form: dict  # pyxform's JSON of the form
    survey_rows: dict[str, int] = field(default_factory=dict)  # question or group name: its row on the survey sheet
    choice_rows: dict[tuple[str, str], int] = field(default_factory=dict)  # (list, choice name): its choices row
    survey_types: dict[str, str] = field(default_factory=dict)  # question name: its type as written in the sheet
    later_rows: dict[str, int] = field(default_factory=dict)  # a name's last row (where a repeated name is at fault)


def form_languages(form: dict) -> list[str]:
    """Every language of the form's labels and hints, in the order of their columns (walked without recursion, so
    no depth of groups can exhaust the stack)."""
    found: dict[str, None] = {}
    stack: list = [form]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("label", "hint") and isinstance(value, dict):
                    found.update(dict.fromkeys(value))
                elif isinstance(value, dict | list):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return list(found)


def workbook_suffix(data: bytes) -> str | None:
    if data.startswith(XLSX_MAGIC):
        return ".xlsx"
    if data.startswith(XLS_MAGIC):
        return ".xls"
    return None


def _rows(sheet, *columns: tuple[str, ...], last: bool = False) -> dict:
    """Row numbers as a person sees them (pyxform keeps empty rows, and the header is row 1), keyed by the values of
    `columns`, each given as the header names pyxform accepts for it; a value's first row, or with `last` its last."""
    rows: dict = {}
    for index, row in enumerate(sheet or [], start=2):
        values = tuple(next((str(row[k]).strip() for k in names if row.get(k)), "") for names in columns)
        if all(values):
            key = values[0] if len(values) == 1 else values
            rows[key] = index if last else rows.get(key, index)
    return rows


PYXFORM_ROW = re.compile(r"\[row\s*:\s*(\d+)\]\s*")
PYXFORM_SHEET = re.compile(r"(?:On the|for sheet:?) '(\w+)'(?: sheet)?")


def pyxform_problems(message: str) -> list[Problem]:
    """pyxform's refusal as our lines: its `[row : N]` becomes the row, each of its messages one line."""
    problems = []
    for line in filter(None, (part.strip() for part in message.splitlines())):
        found = PYXFORM_ROW.search(line)
        reason = PYXFORM_ROW.sub("", line).strip()
        named = PYXFORM_SHEET.search(reason)
        sheet = named.group(1).lower() if named else "survey"
        if "must have a sheet named" in reason:
            sheet = "workbook"
        problems.append(Problem(sheet, int(found.group(1)) if found else None, reason))
    return problems or [Problem("survey", None, message)]


def workbook_read(data: bytes) -> Workbook:
    """pyxform's reading of the workbook, or XLSFormError with one line saying why it could not be read, or
    UploadRefused for a workbook beyond the bounds (`_bounds_checked`), before pyxform reads it."""
    suffix = workbook_suffix(data)
    if suffix is None:
        raise XLSFormError([Problem("workbook", None, NOT_A_WORKBOOK)])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"form{suffix}"
        path.write_bytes(data)
        _bounds_checked(data, suffix)
        try:
            sheets = get_xlsform(str(path))
            survey_rows = _rows(sheets.survey, ("name", "value"))
            later_rows = _rows(sheets.survey, ("name", "value"), last=True)
            choice_rows = _rows(sheets.choices, ("list_name", "list name"), ("name", "value"))
            types = {
                str(row.get("name")).strip(): str(row.get("type")).strip()
                for row in sheets.survey or []
                if row.get("name") and row.get("type")
            }
            form = workbook_to_json(  # what pyxform's parse_file_to_json does, without reading the file again
                workbook_dict=sheets,
                form_name=constants.DEFAULT_FORM_NAME,
                fallback_form_name=sheets.fallback_form_name,
                default_language=constants.DEFAULT_LANGUAGE_VALUE,
                warnings=[],
            )
        except PyXFormError as error:
            if "not recognized as a supported type" not in str(error):  # else pyxform could not open it at all
                raise XLSFormError(pyxform_problems(str(error))) from error
            raise XLSFormError([Problem("workbook", None, UNREADABLE.format(what="PyXFormError"))]) from error
        except Exception as error:  # a damaged workbook surfaces as many exception types from xlrd and openpyxl
            logger.info("XLSForm not readable: %r", error)
            raise XLSFormError([Problem("workbook", None, UNREADABLE.format(what=type(error).__name__))]) from error
    return Workbook(
        form=form, survey_rows=survey_rows, choice_rows=choice_rows, survey_types=types, later_rows=later_rows
    )


def _bounds_checked(data: bytes, suffix: str) -> None:
    """Refuse a workbook beyond `XLSFORM_ZIP` and `XLSFORM_SHEETS` before pyxform reads it: UploadRefused (an
    ApplicationError, said on the file field), or for a file that does not open at all, UNREADABLE."""
    try:
        if suffix == ".xlsx":
            zip_checked(data, form=XLSX, limits=XLSFORM_ZIP)
            xlsx_bounds_checked(data, limits=XLSFORM_SHEETS, cap=XLSFORM_ZIP.max_unpacked)
        else:
            xls_bounds_checked(data, limits=XLSFORM_SHEETS)
    except UploadRefused as error:
        if error.extra.get("reason") != "damaged":
            raise
        raise XLSFormError([Problem("workbook", None, UNREADABLE.format(what="damaged"))]) from error
