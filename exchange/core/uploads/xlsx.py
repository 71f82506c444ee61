"""An .xlsx (or .xlsm) bounded by counting every XML part of it, not only the parts we think are its sheets.

Which parts are sheets is openpyxl's reading of [Content_Types].xml, the workbook part it names, that part's
relationships and their targets; a second reading of our own can differ from it (an attribute in another namespace, a
`./` target, a workbook part under another name), and a sheet we did not find is a sheet we did not count. So the
counter runs over every entry of the archive that parses as XML (the zip check has already bounded what they unpack
to): whatever openpyxl reads as a sheet has been counted. The sheets' names are read only to say which sheet is at
fault, and how many times a part is a sheet (two sheets can name one part, and openpyxl reads it twice).

An entry that is not well-formed XML is counted up to where it stops being XML: openpyxl reads these parts with the
same parser (expat, through ElementTree), so it stops there too.
"""

import posixpath
import string
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from xml.parsers import expat

from .common import (
    DAMAGED,
    MB,
    ROWS_OUT_OF_ORDER,
    STYLES_TOO_BIG,
    TOO_MANY_CELLS,
    TOO_MANY_COLUMNS,
    TOO_MANY_ELEMENTS,
    TOO_MANY_NAMES,
    TOO_MANY_ROWS,
    TOO_MANY_RUNS,
    TOO_MANY_SHEETS,
    TOO_MANY_STRINGS,
    TOO_MANY_STYLES,
    DoctypeFound,
    UploadRefused,
    parse,
    rewound,
    stream,
    xml_parser,
)
from .sheets import SheetLimits
from .zips import XLSX

WORKBOOK_TYPES = tuple(  # in the order openpyxl looks for them
    f"application/vnd.{kind}"
    for kind in (
        "ms-excel.template.macroEnabled.main+xml",
        "openxmlformats-officedocument.spreadsheetml.template.main+xml",
        "ms-excel.sheet.macroEnabled.main+xml",
        "openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    )
)
STYLE_KINDS = frozenset({"font", "fill", "border", "xf", "numFmt", "dxf", "cellStyle", "tableStyle", "rgbColor"})
STYLES = "xl/styles.xml"  # openpyxl reads the styles from this part, whatever the relationships say
SHEET_NAMESPACES = frozenset(
    {"http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"}
)
RELATIONSHIP_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _reference(coordinate: str) -> tuple[int, int]:
    """(row, column) of a cell's `r` as openpyxl reads it (utils.cell.coordinate_to_tuple): up to three letters in
    any case before the first digit, then the row; ValueError where openpyxl raises one (and for letters beyond A-Z,
    which openpyxl reads in ways of its own)."""
    digits = (index for index, character in enumerate(coordinate) if character in string.digits)
    index = next(digits, len(coordinate) - 1)  # where openpyxl's loop stops when there is no digit
    letters, row = coordinate[:index].upper(), int(coordinate[index:])
    if not 0 < len(letters) <= 3 or any(letter not in string.ascii_uppercase for letter in letters):
        raise ValueError("a cell reference that is no cell's")
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return row, column


def _workbook_part(archive: zipfile.ZipFile, cap: int) -> str:
    """The workbook part as openpyxl finds it: the first override of a workbook content type, in openpyxl's order,
    else xl/workbook.xml if a default declares one. KeyError (refused as damaged) if there is none."""
    overrides: dict[str, str] = {}
    defaults: set[str] = set()

    def on_type(name, attributes):
        if _local(name) == "Override":
            overrides.setdefault(attributes.get("ContentType", ""), attributes.get("PartName", ""))
        elif _local(name) == "Default":
            defaults.add(attributes.get("ContentType", ""))

    parse(xml_parser(on_type), stream(archive, archive.getinfo("[Content_Types].xml"), cap))
    for kind in WORKBOOK_TYPES:
        if kind in overrides:
            return overrides[kind][1:]
    if defaults & set(WORKBOOK_TYPES):
        return "xl/workbook.xml"
    raise KeyError("no workbook part")


def _xlsx_sheets(archive: zipfile.ZipFile, cap: int) -> list[tuple[str, str]]:
    """(sheet name, part path) of each sheet, as openpyxl reads them: the workbook part's <sheet> elements by their
    relationship id, its relationships' targets resolved as openpyxl resolves them."""
    part = _workbook_part(archive, cap)
    sheets: list[tuple[str, str]] = []
    targets: dict[str, str] = {}

    def on_sheet(name, attributes):
        if _local(name) == "sheet":
            sheets.append((attributes.get("name", ""), attributes.get(RELATIONSHIP_ID, "")))

    def on_relationship(name, attributes):
        if _local(name) == "Relationship" and attributes.get("TargetMode") != "External":
            target = attributes.get("Target", "")
            if target.startswith("/"):
                target = target[1:]
            else:  # openpyxl joins a relative target to the folder above the _rels folder
                target = posixpath.normpath(posixpath.join(posixpath.dirname(posixpath.dirname(rels)), target))
            targets[attributes.get("Id", "")] = target

    rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    parse(xml_parser(on_sheet), stream(archive, archive.getinfo(part), cap))
    if rels in archive.namelist():
        parse(xml_parser(on_relationship), stream(archive, archive.getinfo(rels), cap))
    return [(name, targets.get(rid, "")) for name, rid in sheets]


class _Part:
    """One part counted as openpyxl's sheet reader walks it (openpyxl/worksheet/_reader.py): every <row> of the
    sheet namespace wherever it is, numbered by its `r` or one after the last; every child element of a row a cell,
    in the column of its `r` (in any case) or one after the last. A row or cell openpyxl would refuse
    (a row number that is no whole number, a reference that is no cell's) raises ValueError: damaged."""

    def __init__(self, totals: "_Totals", sheet: str, weight: int):
        self.totals, self.limits, self.sheet, self.weight = totals, totals.limits, sheet, weight
        self.depth = 0
        self.rows_open: list[int] = []  # the depth of each row open (a row inside a row is a cell of the outer one)
        self.row = self.rows = self.column = self.cells = 0
        self.cell_at: int | None = None  # the depth of the cell open
        self.valued = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        self.totals.add("elements", 1, self.limits.max_elements, TOO_MANY_ELEMENTS)
        namespace, _, tag = name.rpartition("}")
        if self.rows_open and self.depth == self.rows_open[-1] + 1:
            self._cell(attributes)
        elif tag in ("v", "is") and self.cell_at is not None:
            self.valued = True
        if tag == "row" and namespace in SHEET_NAMESPACES:
            self._row(attributes)
        elif tag == "si":  # a shared string: openpyxl holds each one
            self.totals.add("strings", 1, self.limits.max_cells, TOO_MANY_STRINGS)
        elif tag in STYLE_KINDS:
            self.totals.add("styles", 1, self.limits.max_styles, TOO_MANY_STYLES)
        elif tag == "r" and namespace in SHEET_NAMESPACES:  # a run of rich text: openpyxl makes an object of each
            self.totals.add("runs", 1, self.limits.max_cells, TOO_MANY_RUNS)
        elif tag == "definedName":
            self.totals.add("names", 1, self.limits.max_names, TOO_MANY_NAMES)

    def end(self, name: str) -> None:
        if self.cell_at == self.depth:
            if self.valued:
                self.totals.add("cells", self.weight, self.limits.max_cells, TOO_MANY_CELLS)
            self.cell_at, self.valued = None, False
        if self.rows_open and self.rows_open[-1] == self.depth:
            self.rows_open.pop()
        self.depth -= 1

    def _row(self, attributes: dict[str, str]) -> None:
        if "r" in attributes:
            try:
                number = int(attributes["r"])
            except ValueError:
                whole = float(attributes["r"])  # openpyxl takes "2.0"; ValueError for anything else, as openpyxl
                if not whole.is_integer():
                    raise ValueError("a row number that is not whole") from None
                number = int(whole)
        else:
            number = self.row + 1
        if number <= self.row:  # no spreadsheet program writes rows out of order, or a row twice
            raise UploadRefused(ROWS_OUT_OF_ORDER.format(sheet=self.sheet), "rows_out_of_order")
        self.row, self.rows, self.column = number, self.rows + 1, 0
        self.rows_open.append(self.depth)
        if max(number, self.rows) > self.limits.max_rows:
            raise UploadRefused(TOO_MANY_ROWS.format(sheet=self.sheet, limit=self.limits.max_rows), "too_many_rows")

    def _cell(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("r")
        if reference:
            row, self.column = _reference(reference)
            if row > self.limits.max_rows:
                raise UploadRefused(TOO_MANY_ROWS.format(sheet=self.sheet, limit=self.limits.max_rows), "too_many_rows")
        else:
            self.column += 1
        if self.column > self.limits.max_columns:  # with a value or not: openpyxl makes a row as wide as its last cell
            raise UploadRefused(
                TOO_MANY_COLUMNS.format(sheet=self.sheet, limit=self.limits.max_columns), "too_many_columns"
            )
        self.cells += 1  # every cell, filled or not: a column may be named again and again
        if self.cells > self.limits.max_rows * self.limits.max_columns:
            raise UploadRefused(TOO_MANY_CELLS.format(limit=self.limits.max_cells), "too_many_cells")
        self.cell_at, self.valued = self.depth, False


@dataclass
class _Totals:
    limits: SheetLimits
    counts: Counter = field(default_factory=Counter)

    def add(self, what: str, number: int, limit: int, message: str) -> None:
        self.counts[what] += number
        if self.counts[what] > limit:
            raise UploadRefused(message.format(limit=limit), f"too_many_{what}")


def xlsx_bounds_checked(file, *, limits: SheetLimits, cap: int = 100 * MB) -> None:
    """Refuse an .xlsx (or .xlsm) beyond `limits`, streaming every XML part (`_Part`) and stopping at the first bound
    passed: rows by their number (so a row far below counts as all those above it, which a reader walks) and by
    their count, columns of every cell, cells with a value (a part that two sheets name counted twice), shared
    strings against the cell bound, styles, runs of rich text, defined names, and XML elements of any kind
    (`SheetLimits.max_elements`). Call `zip_checked` first. The file is left rewound."""
    handle = rewound(file)
    totals = _Totals(limits)
    try:
        with zipfile.ZipFile(handle) as archive:
            sheets = _xlsx_sheets(archive, cap)
            if len(sheets) > limits.max_sheets:
                raise UploadRefused(TOO_MANY_SHEETS.format(limit=limits.max_sheets), "too_many_sheets")
            names = {path: name for name, path in reversed(sheets)}
            times = Counter(path for _, path in sheets)
            for info in archive.infolist():
                if not info.is_dir():
                    part = _Part(totals, names.get(info.filename, info.filename), max(times[info.filename], 1))
                    _counted(archive, info, part, limits, cap)
    except (zipfile.BadZipFile, KeyError, ValueError, expat.ExpatError, DoctypeFound, NotImplementedError) as error:
        raise UploadRefused(DAMAGED.format(kind=XLSX.kind), "damaged") from error
    except (RuntimeError, EOFError, OSError) as error:  # RuntimeError: zipfile's word for an encrypted entry
        raise UploadRefused(DAMAGED.format(kind=XLSX.kind), "damaged") from error
    finally:
        handle.seek(0)


def _counted(archive: zipfile.ZipFile, info: zipfile.ZipInfo, part: _Part, limits: SheetLimits, cap: int) -> None:
    styles_part = info.filename == STYLES
    too_big = UploadRefused(STYLES_TOO_BIG.format(limit=limits.max_styles_unpacked // MB), "styles_too_big")
    if styles_part and info.file_size > limits.max_styles_unpacked:
        raise too_big
    try:
        parse(
            xml_parser(part.start, part.end), stream(archive, info, limits.max_styles_unpacked if styles_part else cap)
        )
    except expat.ExpatError:
        return  # not XML (an image, a macro project), or XML no further than this: counted so far
    except UploadRefused as refused:
        if styles_part and refused.extra["reason"] == "unpacks_too_big":
            raise too_big from refused
        raise
