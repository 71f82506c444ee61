"""Uploads checked by what they really are, within bounds, before anything parses them in earnest.

A file's name and first bytes say nothing of what reading it costs: a 200 KB .docx can unpack to 200 MB, an .xlsx of
1.6 MB can hold 120,000 rows, and "%PDF-" can head an HTML page. So each format is opened the cheap way first:

- zip-based formats (.docx, .xlsx, .xlsm, .odt): the archive's directory is read without unpacking anything (entry
  count, each entry's declared size and packing ratio, their total), then every entry is unpacked as a stream, in
  chunks, stopping at the cap whatever its header declared, and the format's required parts must be there;
- spreadsheets: every XML part of an .xlsx streamed with expat, counting rows, columns and cells (and the shared
  strings and styles openpyxl makes objects of) and stopping at the first bound passed (the <dimension> record is not
  trusted); an .xls through xlrd, one sheet at a time;
- PDF: opened by PDFium (pypdfium2), which must find its pages; a page bound;
- CSV: rows and columns counted by the csv module, stopping at the bound.

Every refusal is `UploadRefused`, an `ApplicationError` whose message says what to do, and whose `extra["reason"]`
names the bound for the audit log. Nothing here writes anything. `core` imports no domain app: each app calls these
with its own limits.
"""

from .common import (
    CSV_TOO_MANY_COLUMNS,
    CSV_TOO_MANY_ROWS,
    DAMAGED,
    MB,
    MISSING_PART,
    NOT_A_PDF,
    PACKED_TOO_TIGHT,
    PDF_NO_PAGES,
    PDF_PASSWORD,
    PDF_TOO_MANY_PAGES,
    ROWS_OUT_OF_ORDER,
    STYLES_TOO_BIG,
    TOO_DEEP,
    TOO_MANY_CELLS,
    TOO_MANY_COLUMNS,
    TOO_MANY_ELEMENTS,
    TOO_MANY_NAMES,
    TOO_MANY_PARTS,
    TOO_MANY_ROWS,
    TOO_MANY_RUNS,
    TOO_MANY_SHEETS,
    TOO_MANY_STRINGS,
    TOO_MANY_STYLES,
    UNPACKS_TOO_BIG,
    UploadRefused,
)
from .pdfs import pdf_checked
from .sheets import SheetLimits, csv_bounds_checked, xls_bounds_checked
from .xlsx import xlsx_bounds_checked
from .zips import DOCX, ODT, XLSX, ZipFormat, ZipLimits, zip_checked

__all__ = [
    "CSV_TOO_MANY_COLUMNS",
    "CSV_TOO_MANY_ROWS",
    "DAMAGED",
    "DOCX",
    "MB",
    "MISSING_PART",
    "NOT_A_PDF",
    "ODT",
    "PACKED_TOO_TIGHT",
    "PDF_NO_PAGES",
    "PDF_PASSWORD",
    "PDF_TOO_MANY_PAGES",
    "ROWS_OUT_OF_ORDER",
    "TOO_DEEP",
    "TOO_MANY_CELLS",
    "TOO_MANY_ELEMENTS",
    "TOO_MANY_NAMES",
    "TOO_MANY_RUNS",
    "TOO_MANY_COLUMNS",
    "TOO_MANY_PARTS",
    "TOO_MANY_ROWS",
    "TOO_MANY_SHEETS",
    "TOO_MANY_STRINGS",
    "TOO_MANY_STYLES",
    "STYLES_TOO_BIG",
    "UNPACKS_TOO_BIG",
    "XLSX",
    "SheetLimits",
    "UploadRefused",
    "ZipFormat",
    "ZipLimits",
    "csv_bounds_checked",
    "pdf_checked",
    "xls_bounds_checked",
    "xlsx_bounds_checked",
    "zip_checked",
]
