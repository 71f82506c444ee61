"""What every upload check shares: the refusal, its messages, and reading a part of a zip or XML as a bounded stream."""

import io
import zipfile
from collections.abc import Iterator
from xml.parsers import expat

from ..exceptions import ApplicationError

MB = 1024 * 1024
CHUNK = 64 * 1024

DAMAGED = "The file could not be opened as {kind}: it may be damaged, or not {kind} at all."
TOO_MANY_PARTS = "The file holds more than {limit:,} parts: that is not {kind} as people make them."
UNPACKS_TOO_BIG = "The file unpacks to more than {limit} MB, which is more than we accept."
PACKED_TOO_TIGHT = "Part of the file unpacks to more than {limit} times its packed size, as a zip bomb does: refused."
MISSING_PART = "The file is not {kind}: it has no {part}."
NOT_A_PDF = "The file could not be read as a PDF: it may be damaged, or not a PDF at all."
PDF_PASSWORD = "The PDF is protected by a password: attach a copy without one."
PDF_NO_PAGES = "The PDF has no pages."
PDF_TOO_MANY_PAGES = "The PDF has more than {limit:,} pages."
TOO_DEEP = "The file nests its parts more than {limit} levels deep, which no real document does: refused."
TOO_MANY_SHEETS = "The workbook has more than {limit} sheets."
TOO_MANY_ROWS = (
    "The {sheet} sheet has more than {limit:,} rows (counting to its last row with anything in it). "
    "Delete empty rows below the data, or split the file."
)
TOO_MANY_COLUMNS = "The {sheet} sheet has something in a column beyond the {limit}th. Delete the columns not used."
ROWS_OUT_OF_ORDER = (
    "The {sheet} sheet numbers its rows out of order, as no spreadsheet program writes them: it may be damaged."
)
TOO_MANY_CELLS = "The workbook has more than {limit:,} filled cells, which is more than we accept."
TOO_MANY_STRINGS = "The workbook holds more than {limit:,} different texts, which is more than we accept."
TOO_MANY_STYLES = (
    "The workbook holds more than {limit:,} styles (fonts, fills, borders and formats together). "
    "Clear the formatting (Home, Clear, Clear Formats) and upload it again."
)
TOO_MANY_RUNS = (
    "The workbook holds more than {limit:,} runs of formatted text. "
    "Clear the formatting inside cells (Home, Clear, Clear Formats) and upload it again."
)
TOO_MANY_NAMES = "The workbook defines more than {limit:,} names. Delete the names not used (Formulas, Name Manager)."
TOO_MANY_ELEMENTS = (
    "The workbook is made of more than {limit:,} pieces (cells, texts, formats, names), which is more than we "
    "accept. Clear the formatting not needed, or split the file."
)
STYLES_TOO_BIG = "The workbook's styles unpack to more than {limit} MB. Clear the formatting and upload it again."
CSV_TOO_MANY_ROWS = "The file has more than {limit:,} rows. Split it into smaller files."
CSV_TOO_MANY_COLUMNS = "Line {line} of the file has more than {limit} columns."


class UploadRefused(ApplicationError):
    def __init__(self, message: str, reason: str):
        super().__init__(message, extra={"reason": reason})


def rewound(file):
    """A seekable binary file for `file`, bytes or an uploaded file, at its start."""
    if isinstance(file, bytes | bytearray):
        return io.BytesIO(file)
    handle = getattr(file, "file", file)  # Django's UploadedFile wraps the real file
    handle.seek(0)
    return handle


def stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> Iterator[bytes]:
    """The entry unpacked chunk by chunk; UploadRefused as soon as more than `cap` bytes came out, whatever its
    header declared (Python's zipfile also stops at the declared size and checks the CRC at the end)."""
    seen = 0
    with archive.open(info) as opened:
        while chunk := opened.read(CHUNK):
            seen += len(chunk)
            if seen > cap:
                raise UploadRefused(UNPACKS_TOO_BIG.format(limit=cap // MB), "unpacks_too_big")
            yield chunk


class DoctypeFound(Exception):
    """A DTD in a part of a document: refused as damaged."""


MAX_DEPTH = 256  # a Word table inside a table inside a table is some 30 levels deep; expat's stack grows with each


def xml_parser(on_start=None, on_end=None, *, max_depth: int = MAX_DEPTH) -> expat.XMLParserType:
    """expat with namespaces split off, no DTD at all (OOXML and OpenDocument parts never have one, and a DTD is where
    entity expansion attacks live), and no element deeper than `max_depth` (the review: 9 MB of elements each inside
    the last took 282 MB before anything refused them)."""
    parser = expat.ParserCreate(namespace_separator="}")
    depth = 0

    def doctype(*_):
        raise DoctypeFound("doctype")

    def start(name, attributes):
        nonlocal depth
        depth += 1
        if depth > max_depth:
            raise UploadRefused(TOO_DEEP.format(limit=max_depth), "too_deep")
        if on_start:
            on_start(name, attributes)

    def end(name):
        nonlocal depth
        depth -= 1
        if on_end:
            on_end(name)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    return parser


def parse(parser: expat.XMLParserType, chunks: Iterator[bytes]) -> None:
    for chunk in chunks:
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
