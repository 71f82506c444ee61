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
import zipfile
from collections import Counter
from xml.parsers import expat

from .common import (
    DAMAGED,
    MB,
    STYLES_TOO_BIG,
    TOO_MANY_CELLS,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
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
from .sheets import _REF, SheetLimits, _column
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
RELATIONSHIP_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


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


def xlsx_bounds_checked(file, *, limits: SheetLimits, cap: int = 100 * MB) -> None:
    """Refuse an .xlsx (or .xlsm) beyond `limits`, streaming every XML part and stopping at the first bound passed:
    rows by their number (so a row far below counts as all those above it, which a reader walks), columns by the
    last one with a value, cells with a value (a part that two sheets name counted twice), shared strings against the
    cell bound, and styles. Call `zip_checked` first.
    The file is left rewound."""
    handle = rewound(file)
    cells = strings = styles = 0
    try:
        with zipfile.ZipFile(handle) as archive:
            sheets = _xlsx_sheets(archive, cap)
            if len(sheets) > limits.max_sheets:
                raise UploadRefused(TOO_MANY_SHEETS.format(limit=limits.max_sheets), "too_many_sheets")
            names = {path: name for name, path in reversed(sheets)}
            times = Counter(path for _, path in sheets)
            for info in archive.infolist():
                if info.is_dir():
                    continue
                sheet, weight = names.get(info.filename, info.filename), max(times[info.filename], 1)
                state = {"row": 0, "cell": None, "valued": False}

                def on_start(name, attributes, sheet=sheet, state=state):
                    nonlocal strings, styles
                    tag = _local(name)
                    if tag == "si":  # a shared string: openpyxl holds each one
                        strings += 1
                        if strings > limits.max_cells:
                            raise UploadRefused(TOO_MANY_STRINGS.format(limit=limits.max_cells), "too_many_strings")
                    elif tag in STYLE_KINDS:
                        styles += 1
                        if styles > limits.max_styles:
                            raise UploadRefused(TOO_MANY_STYLES.format(limit=limits.max_styles), "too_many_styles")
                    elif tag == "row":
                        state["row"] = int(attributes.get("r") or state["row"] + 1)
                        if state["row"] > limits.max_rows:
                            raise UploadRefused(
                                TOO_MANY_ROWS.format(sheet=sheet, limit=limits.max_rows), "too_many_rows"
                            )
                    elif tag == "c":
                        state["cell"], state["valued"] = attributes.get("r", ""), False
                    elif tag in ("v", "is"):
                        state["valued"] = True

                def on_end(name, sheet=sheet, state=state, weight=weight):
                    nonlocal cells
                    if _local(name) != "c" or not state["valued"]:
                        return
                    found = _REF.fullmatch(state["cell"] or "")
                    if found and _column(found.group(1)) > limits.max_columns:
                        raise UploadRefused(
                            TOO_MANY_COLUMNS.format(sheet=sheet, limit=limits.max_columns), "too_many_columns"
                        )
                    cells += weight
                    if cells > limits.max_cells:
                        raise UploadRefused(TOO_MANY_CELLS.format(limit=limits.max_cells), "too_many_cells")

                styles_part = info.filename == STYLES
                too_big = UploadRefused(STYLES_TOO_BIG.format(limit=limits.max_styles_unpacked // MB), "styles_too_big")
                if styles_part and info.file_size > limits.max_styles_unpacked:
                    raise too_big
                try:
                    parse(
                        xml_parser(on_start, on_end),
                        stream(archive, info, limits.max_styles_unpacked if styles_part else cap),
                    )
                except expat.ExpatError:
                    continue  # not XML (an image, a macro project), or XML no further than this: counted so far
                except UploadRefused as refused:
                    if styles_part and refused.extra["reason"] == "unpacks_too_big":
                        raise too_big from refused
                    raise
    except (zipfile.BadZipFile, KeyError, ValueError, expat.ExpatError, DoctypeFound) as error:
        raise UploadRefused(DAMAGED.format(kind=XLSX.kind), "damaged") from error
    finally:
        handle.seek(0)
