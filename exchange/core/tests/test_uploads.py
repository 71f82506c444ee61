"""The shared upload checks (`exchange.core.uploads`) on their own: what each bound counts, that a sheet's
<dimension> record is not believed, that the stream cap holds whatever a zip's header says, and that real files
pass."""

import io
import random
import re
import zipfile

import openpyxl
import pypdfium2
import pytest

from exchange.core import uploads
from exchange.core.tests import documents

LIMITS = uploads.SheetLimits(max_rows=10, max_columns=5, max_cells=40, max_sheets=3)


def workbook(rows_by_sheet: dict[str, list[list]], *, dimension: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in rows_by_sheet.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    source, target = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data)
            out.writestr(item, data)
    return target.getvalue()


def refusal(check, *args, **kwargs) -> uploads.UploadRefused:
    with pytest.raises(uploads.UploadRefused) as refused:
        check(*args, **kwargs)
    return refused.value


def test_a_workbook_within_every_bound_passes_whatever_its_dimension_record_claims():
    rows = [["a", "b", "c"]] * 10
    uploads.xlsx_bounds_checked(workbook({"survey": rows}, dimension="A1:XFD1048576"), limits=LIMITS)


def test_rows_are_counted_in_the_sheet_not_taken_from_its_dimension_record():
    data = workbook({"survey": [["a"]] * 11}, dimension="A1:A1")
    refused = refusal(uploads.xlsx_bounds_checked, data, limits=LIMITS)
    assert refused.message == uploads.TOO_MANY_ROWS.format(sheet="survey", limit=10)
    assert refused.extra == {"reason": "too_many_rows"}


def test_columns_count_to_the_last_value_and_cells_across_every_sheet():
    wide = workbook({"survey": [["a", None, None, None, None, "f"]]})
    assert refusal(uploads.xlsx_bounds_checked, wide, limits=LIMITS).message == uploads.TOO_MANY_COLUMNS.format(
        sheet="survey", limit=5
    )
    full = workbook({"one": [["x"] * 5] * 5, "two": [["x"] * 5] * 4})  # 25 + 20 filled cells
    assert refusal(uploads.xlsx_bounds_checked, full, limits=LIMITS).message == uploads.TOO_MANY_CELLS.format(limit=40)
    sheets = workbook({name: [["x"]] for name in "abcd"})
    assert refusal(uploads.xlsx_bounds_checked, sheets, limits=LIMITS).message == uploads.TOO_MANY_SHEETS.format(
        limit=3
    )


def test_the_stream_cap_stops_unpacking_whatever_the_entry_declares():
    archive = zipfile.ZipFile(io.BytesIO(documents.zipped({"big.xml": bytes(300_000)})))
    chunks = uploads.common.stream(archive, archive.getinfo("big.xml"), cap=100_000)
    seen = 0
    with pytest.raises(uploads.UploadRefused) as refused:
        for chunk in chunks:
            seen += len(chunk)
    assert refused.value.extra == {"reason": "unpacks_too_big"}
    assert seen <= 100_000


def test_real_documents_pass_and_are_left_rewound():
    real = [(documents.docx(), uploads.DOCX), (documents.xlsx(), uploads.XLSX), (documents.odt(), uploads.ODT)]
    for data, form in real:
        file = io.BytesIO(data)
        file.seek(5)
        uploads.zip_checked(file, form=form)
        assert file.tell() == 0
    uploads.pdf_checked(documents.pdf(pages=2), max_pages=2)


def test_a_pdf_without_pages_and_bytes_that_are_no_pdf_are_refused():
    empty = io.BytesIO()
    document = pypdfium2.PdfDocument.new()
    document.save(empty)
    # PDFium itself will not load a PDF whose page tree is empty: refused as no PDF (PDF_NO_PAGES is the back-stop)
    for data in [empty.getvalue(), b"", b"%PDF-", documents.pdf()[:200], documents.docx()]:
        assert refusal(uploads.pdf_checked, data, max_pages=5).message == uploads.NOT_A_PDF


def test_csv_rows_and_columns_are_bounded_and_a_broken_file_is_refused():
    uploads.csv_bounds_checked("a,b\n" * 10, max_rows=10, max_columns=2)
    too_long = refusal(uploads.csv_bounds_checked, "a,b\n" * 11, max_rows=10, max_columns=2)
    assert too_long.message == uploads.CSV_TOO_MANY_ROWS.format(limit=9)
    too_wide = refusal(uploads.csv_bounds_checked, "a,b\na,b,c\n", max_rows=10, max_columns=2)
    assert too_wide.message == uploads.CSV_TOO_MANY_COLUMNS.format(line=2, limit=2)
    broken = refusal(uploads.csv_bounds_checked, '"' + "x" * 200_000, max_rows=10, max_columns=2)
    assert broken.extra == {"reason": "damaged"}


def nested(levels: int) -> bytes:
    return b"<w:document xmlns:w='urn:w'>" + b"<w:p>" * (levels - 1) + b"</w:p>" * (levels - 1) + b"</w:document>"


def test_xml_nested_deeper_than_any_document_is_refused_in_whatever_part():
    """The review: 9 MB of elements each inside the last, in a .docx's word/document.xml, took 282 MB before
    anything refused it."""
    deep = documents.zipped({"[Content_Types].xml": documents.CONTENT_TYPES, "word/document.xml": nested(257)})
    refused = refusal(uploads.zip_checked, deep, form=uploads.DOCX)
    assert refused.message == uploads.TOO_DEEP.format(limit=256)
    assert refused.extra == {"reason": "too_deep"}
    at_bound = documents.zipped({"[Content_Types].xml": documents.CONTENT_TYPES, "word/document.xml": nested(256)})
    uploads.zip_checked(at_bound, form=uploads.DOCX)
    in_a_workbook = documents.rezipped(workbook({"survey": [["a"]]}), lambda parts: {**parts, "xl/x.xml": nested(257)})
    assert refusal(uploads.xlsx_bounds_checked, in_a_workbook, limits=LIMITS).extra == {"reason": "too_deep"}


def test_an_xls_with_one_cell_far_out_is_refused_without_padding_every_row():
    """The review: a 5.5 KB .xls with one cell at row 65,536 and column 256 cost 155 MB in xlrd, which padded every
    row to the widest. Ragged rows cost a list per row. The memory Python allocated is asserted, with a generous
    bound of 40 MB (some 10 MB measured, 154 MB without ragged rows), only to show that rows are no longer padded."""
    import tracemalloc

    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("survey")
    sheet.write(0, 0, "type")
    sheet.write(65535, 255, "x")
    buffer = io.BytesIO()
    book.save(buffer)
    assert len(buffer.getvalue()) < 10_000
    tracemalloc.start()
    try:
        refused = refusal(uploads.xls_bounds_checked, buffer.getvalue(), limits=LIMITS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.message == uploads.TOO_MANY_ROWS.format(sheet="survey", limit=10)
    assert peak < 40 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB"


def test_runs_of_rich_text_defined_names_and_xml_elements_of_any_kind_are_bounded():
    """Each is something openpyxl makes an object or an element of (the review's follow-up, within 20 MB unpacked:
    300,000 defined names took 7 s and 242 MB, 600,000 runs in one cell 17 s and 319 MB, 1,500,000 elements inside
    one cell 9 s and 132 MB)."""
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    noise = random.Random(19)  # names at random, so that no part packs tighter than a zip bomb

    def with_part(name: str, body: bytes):
        return documents.rezipped(workbook({"survey": [["a"]]}), lambda parts: {**parts, name: body})

    runs = b"".join(b"<r><t>%d</t></r>" % n for n in range(LIMITS.max_cells + 1))
    strings = with_part("xl/sharedStrings.xml", b"<sst " + main + b"><si>" + runs + b"</si></sst>")
    assert refusal(uploads.xlsx_bounds_checked, strings, limits=LIMITS).message == uploads.TOO_MANY_RUNS.format(
        limit=LIMITS.max_cells
    )
    names = b"".join(b'<definedName name="n%x">a!$A$1</definedName>' % n for n in range(LIMITS.max_names + 1))
    named = with_part("xl/names.xml", b"<workbook " + main + b"><definedNames>" + names + b"</definedNames></workbook>")
    refused = refusal(uploads.xlsx_bounds_checked, named, limits=LIMITS)
    assert refused.message == uploads.TOO_MANY_NAMES.format(limit=LIMITS.max_names)
    children = b"".join(b"<x%x/>" % noise.getrandbits(16) for _ in range(LIMITS.max_elements))
    crowded = with_part(
        "xl/worksheets/sheet1.xml", b"<worksheet " + main + b"><sheetData>" + children + b"</sheetData></worksheet>"
    )
    refused = refusal(uploads.xlsx_bounds_checked, crowded, limits=LIMITS)
    assert refused.message == uploads.TOO_MANY_ELEMENTS.format(limit=LIMITS.max_elements)


def test_a_zip_whose_entries_are_encrypted_is_refused_as_damaged_not_a_server_error():
    """zipfile raises RuntimeError for an encrypted entry, which no check caught (a 500 on the page)."""
    for data, form in [(documents.docx(), uploads.DOCX), (documents.xlsx(), uploads.XLSX)]:
        assert refusal(uploads.zip_checked, documents.encrypted(data), form=form).extra == {"reason": "damaged"}
    locked = documents.encrypted(documents.xlsx())
    assert refusal(uploads.xlsx_bounds_checked, locked, limits=LIMITS).extra == {"reason": "damaged"}
