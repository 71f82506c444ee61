"""The one reader of an XLSForm workbook: `.xls`, `.xlsx` or `.xlsm`, recognised by its first bytes, read by pyxform
itself (short rows, sheets without a size record, any case of sheet name, its header aliases), giving pyxform's JSON
of the form and, for messages, the sheet row of each question and choice."""

import logging
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pyxform.errors import PyXFormError
from pyxform.xls2json import parse_file_to_json
from pyxform.xls2json_backends import get_xlsform

from .spec import Problem, XLSFormError

logger = logging.getLogger(__name__)

XLSX_MAGIC = b"PK\x03\x04"  # a zip archive: .xlsx and .xlsm
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: .xls (Excel 97–2003)
NOT_A_WORKBOOK = "the file is not an Excel workbook (.xls, .xlsx or .xlsm)"
UNREADABLE = "the file could not be read as an XLSForm: it may be damaged ({what})"


@dataclass
class Workbook:
    form: dict  # pyxform's JSON of the form
    survey_rows: dict[str, int] = field(default_factory=dict)  # question or group name: its row on the survey sheet
    choice_rows: dict[tuple[str, str], int] = field(default_factory=dict)  # (list, choice name): its choices row
    survey_types: dict[str, str] = field(default_factory=dict)  # question name: its type as written in the sheet


def form_languages(node, found: dict[str, None]) -> dict[str, None]:
    """Every language of the form's labels and hints, in the order of their columns."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("label", "hint") and isinstance(value, dict):
                found.update(dict.fromkeys(value))
            elif isinstance(value, dict | list):
                form_languages(value, found)
    elif isinstance(node, list):
        for item in node:
            form_languages(item, found)
    return found


def workbook_suffix(data: bytes) -> str | None:
    if data.startswith(XLSX_MAGIC):
        return ".xlsx"
    if data.startswith(XLS_MAGIC):
        return ".xls"
    return None


def _rows(sheet, *columns: tuple[str, ...]) -> dict:
    """Row numbers as a person sees them (pyxform keeps empty rows, and the header is row 1), keyed by the values of
    `columns`, each given as the header names pyxform accepts for it."""
    rows: dict = {}
    for index, row in enumerate(sheet or [], start=2):
        values = tuple(next((str(row[k]).strip() for k in names if row.get(k)), "") for names in columns)
        if all(values):
            rows.setdefault(values[0] if len(values) == 1 else values, index)
    return rows


PYXFORM_ROW = re.compile(r"\[row\s*:\s*(\d+)\]\s*")


def pyxform_problems(message: str) -> list[Problem]:
    """pyxform's refusal as our lines: its `[row : N]` becomes the row, each of its messages one line."""
    problems = []
    for line in filter(None, (part.strip() for part in message.splitlines())):
        found = PYXFORM_ROW.search(line)
        reason = PYXFORM_ROW.sub("", line).strip()
        sheet = "choices" if reason.startswith("On the 'choices' sheet") else "survey"
        problems.append(Problem(sheet, int(found.group(1)) if found else None, reason))
    return problems or [Problem("survey", None, message)]


def workbook_read(data: bytes) -> Workbook:
    """pyxform's reading of the workbook, or XLSFormError with one line saying why it could not be read."""
    suffix = workbook_suffix(data)
    if suffix is None:
        raise XLSFormError([Problem("workbook", None, NOT_A_WORKBOOK)])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"form{suffix}"
        path.write_bytes(data)
        try:
            sheets = get_xlsform(str(path))
            form = parse_file_to_json(str(path))
        except PyXFormError as error:
            if "not recognized as a supported type" not in str(error):  # else pyxform could not open it at all
                raise XLSFormError(pyxform_problems(str(error))) from error
            raise XLSFormError([Problem("workbook", None, UNREADABLE.format(what="PyXFormError"))]) from error
        except Exception as error:  # a damaged workbook surfaces as many exception types from xlrd and openpyxl
            logger.info("XLSForm not readable: %r", error)
            raise XLSFormError([Problem("workbook", None, UNREADABLE.format(what=type(error).__name__))]) from error
    return Workbook(
        form=form,
        survey_rows=_rows(sheets.survey, ("name", "value")),
        choice_rows=_rows(sheets.choices, ("list_name", "list name"), ("name", "value")),
        survey_types={
            str(row.get("name")).strip(): str(row.get("type")).strip()
            for row in sheets.survey or []
            if row.get("name") and row.get("type")
        },
    )
