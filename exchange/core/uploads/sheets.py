"""Spreadsheets and CSV: rows, columns and cells counted cheaply, stopping at the first bound passed."""

import csv
import io
from dataclasses import dataclass

from .common import (
    CSV_TOO_MANY_COLUMNS,
    CSV_TOO_MANY_ROWS,
    DAMAGED,
    MB,
    TOO_MANY_CELLS,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    TOO_MANY_SHEETS,
    UploadRefused,
)


@dataclass(frozen=True)
class SheetLimits:
    max_rows: int  # per sheet, to its last row
    max_columns: int  # per sheet, to its last column with a value
    max_cells: int  # filled cells, all sheets together
    max_sheets: int = 20
    max_styles: int = 5_000  # fonts, fills, borders, number and cell formats together, which openpyxl makes objects of
    max_styles_unpacked: int = 2 * MB  # xl/styles.xml, which openpyxl reads whole into a tree
    max_names: int = 5_000  # defined names, each an object

    @property
    def max_elements(self) -> int:
        """XML elements in every part together: a cell with its value and a shared string with its text are some
        four, plus the parts every workbook has (a theme alone is a few hundred)."""
        return 5 * self.max_cells + 50_000


def xls_bounds_checked(data: bytes, *, limits: SheetLimits) -> None:
    """Refuse an .xls (Excel 97–2003) with a sheet beyond `limits`: xlrd loads one sheet at a time (`on_demand`)
    and lets it go, each row as long as its own last cell (`ragged_rows`). Without ragged rows xlrd pads every row of
    a sheet to its widest, so that one cell at row 65,536 and column 256 of a 5.5 KB file cost 155 MB; with them, a
    sheet costs a list per row up to its last (at most 65,536 in the format), and the row bound refuses it."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, ragged_rows=True)
    except Exception as error:  # xlrd raises many types for a damaged file
        raise UploadRefused(DAMAGED.format(kind="an Excel workbook (.xls)"), "damaged") from error
    try:
        if book.nsheets > limits.max_sheets:
            raise UploadRefused(TOO_MANY_SHEETS.format(limit=limits.max_sheets), "too_many_sheets")
        cells = 0
        for index in range(book.nsheets):
            try:
                sheet = book.sheet_by_index(index)
            except Exception as error:
                raise UploadRefused(DAMAGED.format(kind="an Excel workbook (.xls)"), "damaged") from error
            if sheet.nrows > limits.max_rows:
                raise UploadRefused(TOO_MANY_ROWS.format(sheet=sheet.name, limit=limits.max_rows), "too_many_rows")
            if sheet.ncols > limits.max_columns:
                raise UploadRefused(
                    TOO_MANY_COLUMNS.format(sheet=sheet.name, limit=limits.max_columns), "too_many_columns"
                )
            cells += sum(1 for r in range(sheet.nrows) for value in sheet.row_values(r) if value not in ("", None))
            if cells > limits.max_cells:
                raise UploadRefused(TOO_MANY_CELLS.format(limit=limits.max_cells), "too_many_cells")
            book.unload_sheet(index)
    finally:
        book.release_resources()


def csv_bounds_checked(text: str, *, max_rows: int, max_columns: int) -> None:
    """Refuse CSV text with more than `max_rows` rows (the header included) or a row of more than `max_columns`
    columns, stopping at the first bound passed."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, row in enumerate(reader, start=1):
            if number > max_rows:
                raise UploadRefused(CSV_TOO_MANY_ROWS.format(limit=max_rows - 1), "too_many_rows")
            if len(row) > max_columns:
                raise UploadRefused(
                    CSV_TOO_MANY_COLUMNS.format(line=reader.line_num, limit=max_columns), "too_many_columns"
                )
    except csv.Error as error:
        raise UploadRefused(DAMAGED.format(kind="a CSV file"), "damaged") from error
