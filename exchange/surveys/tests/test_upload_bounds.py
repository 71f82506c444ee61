"""Uploads of surveys bounded before anything reads them in earnest (issue 19): an XLSForm by its rows, columns and
cells before pyxform runs, a contacts CSV by its rows and columns; each refusal said on the file box, nothing saved."""

import io
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent
from exchange.core import uploads
from exchange.core.tests.error_summaries import assert_error_summary_links_to_fields
from exchange.surveys.models import Contact, Wave
from exchange.surveys.services import contacts
from exchange.surveys.services.xlsform import read_xlsform
from exchange.surveys.services.xlsform.workbook import XLSFORM_SHEETS

from .helpers import csv_bytes, wave_url
from .services.test_xlsform_workbook import CHOICES, SURVEY, xls, xlsx

pytestmark = pytest.mark.django_db


def big_xlsform(rows: int, *, columns: int = 3) -> bytes:
    """An XLSForm of `rows` questions after the header, written as openpyxl streams it (write_only)."""
    book = openpyxl.Workbook(write_only=True)
    survey = book.create_sheet("survey")
    survey.append(["type", "name", "label"][:columns])
    for number in range(rows):
        survey.append(["text", f"q{number}", f"Question {number}"][:columns])
    choices = book.create_sheet("choices")
    for row in CHOICES:
        choices.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(client, wave, data: bytes, name: str = "form.xlsx"):
    page = reverse("surveys:xlsform-upload", kwargs={"series_slug": wave.series.slug})
    return client.post(page, {"file": SimpleUploadedFile(name, data), "label": "2015", "language": ""})


def _summary(response) -> list[tuple[str, str | None]]:
    assert response.status_code == 400
    return assert_error_summary_links_to_fields(response.content.decode())


def test_a_120000_row_xlsform_is_refused_through_the_page_in_under_two_seconds(client, wave, analyst):
    """Acceptance 3 of issue 19 asks for a time: a 1.6 MB XLSForm of 120,000 rows took pyxform 75–86 s to refuse.
    This is the one test that measures wall time (time.perf_counter around the request through the real view), with a
    generous bound of 2 s; the refusal is the bound on rows, before pyxform runs. This one is some 1.2 MB: its
    two columns keep the sheet
    under 20 MB unpacked, as Excel's shared strings keep such a file (with a label column as openpyxl writes it, it
    would pass 20 MB and be refused from the zip's directory alone, see test_xlsform_workbook). The page is shown
    once before, so that the time is the refusal's, not the first request's (templates compiled, session)."""
    data = big_xlsform(120_000, columns=2)
    assert 1_000_000 < len(data) < 2_500_000
    client.force_login(analyst)
    assert _upload(client, wave, b"not a workbook", name="warm-up.xlsx").status_code == 400
    started = time.perf_counter()
    response = _upload(client, wave, data)
    elapsed = time.perf_counter() - started
    expected = uploads.TOO_MANY_ROWS.format(sheet="survey", limit=XLSFORM_SHEETS.max_rows)
    assert _summary(response) == [(expected, "id_file")]
    assert elapsed < 2.0, f"refused in {elapsed:.2f} s"
    assert not Wave.objects.filter(label="2015").exists()


def test_an_xlsform_one_row_over_the_bound_is_refused_and_one_at_it_imports(client, wave, analyst):
    client.force_login(analyst)
    at_bound = XLSFORM_SHEETS.max_rows - 1  # the header is a row
    refused = _upload(client, wave, big_xlsform(at_bound + 1))
    assert _summary(refused) == [
        (uploads.TOO_MANY_ROWS.format(sheet="survey", limit=XLSFORM_SHEETS.max_rows), "id_file")
    ]
    assert not Wave.objects.filter(label="2015").exists()
    spec = read_xlsform(big_xlsform(at_bound))  # within the bound: read whole
    assert sum(len(section.questions) for section in spec.sections) == at_bound


def test_a_row_far_below_the_form_counts_as_every_row_above_it(client, wave, analyst):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in SURVEY:
        sheet.append(row)
    sheet.cell(row=1_000_000, column=1, value="note")
    book.create_sheet("choices").append(CHOICES[0])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(analyst)
    message = uploads.TOO_MANY_ROWS.format(sheet="survey", limit=XLSFORM_SHEETS.max_rows)
    assert _summary(_upload(client, wave, buffer.getvalue())) == [(message, "id_file")]


def test_an_xlsform_with_a_value_beyond_the_last_column_allowed_is_refused():
    header = [*SURVEY[0], *[f"extra{n}" for n in range(XLSFORM_SHEETS.max_columns)]]
    with pytest.raises(uploads.UploadRefused) as refused:
        read_xlsform(xlsx({"survey": [header, *SURVEY[1:]], "choices": CHOICES}))
    assert refused.value.message == uploads.TOO_MANY_COLUMNS.format(sheet="survey", limit=XLSFORM_SHEETS.max_columns)


def test_an_xlsform_with_too_many_filled_cells_is_refused_though_each_sheet_is_within_rows_and_columns():
    width = XLSFORM_SHEETS.max_cells // XLSFORM_SHEETS.max_rows + 1  # rows × width just past the cell bound
    rows = [[f"c{column}" for column in range(width)] for _ in range(XLSFORM_SHEETS.max_rows)]
    with pytest.raises(uploads.UploadRefused) as refused:
        read_xlsform(xlsx({"survey": rows, "choices": CHOICES}))
    assert refused.value.message == uploads.TOO_MANY_CELLS.format(limit=XLSFORM_SHEETS.max_cells)


def test_an_xls_over_the_row_bound_is_refused_before_pyxform_reads_it():
    survey = [SURVEY[0], *[["text", f"q{n}", f"Q{n}"] for n in range(XLSFORM_SHEETS.max_rows)]]
    with pytest.raises(uploads.UploadRefused) as refused:
        read_xlsform(xls({"survey": survey, "choices": CHOICES}))
    assert refused.value.message == uploads.TOO_MANY_ROWS.format(sheet="survey", limit=XLSFORM_SHEETS.max_rows)


def test_a_contacts_file_over_the_row_bound_is_refused_on_the_file_box_and_nothing_is_added(client, wave, analyst):
    lines = [f"Person {n},p{n}@nhs.example,clinical_lead,00R" for n in range(contacts.MAX_ROWS + 1)]
    client.force_login(analyst)
    response = client.post(wave_url(wave, "contacts-upload"), {"file": SimpleUploadedFile("c.csv", csv_bytes(*lines))})
    assert _summary(response) == [(uploads.CSV_TOO_MANY_ROWS.format(limit=contacts.MAX_ROWS), "id_file")]
    assert not Contact.objects.filter(wave=wave).exists()


def test_a_contacts_file_with_a_row_too_wide_is_refused_at_its_line(wave, analyst):
    wide = "Amanda Hughes,amanda@nhs.example,clinical_lead,00R" + ",x" * contacts.MAX_COLUMNS
    with pytest.raises(uploads.UploadRefused) as refused:
        contacts.contacts_import_csv(wave=wave, data=csv_bytes(wide), actor=analyst)
    assert refused.value.message == uploads.CSV_TOO_MANY_COLUMNS.format(line=2, limit=contacts.MAX_COLUMNS)
    assert not Contact.objects.filter(wave=wave).exists()
    event = AuditEvent.objects.get(action=AuditAction.SURVEY_CONTACTS_IMPORT_REFUSED)  # audited with its reason only
    assert event.details == {"reason": "too_many_columns"}


def test_a_contacts_file_at_the_row_bound_is_counted_through(wave, analyst):
    """At the bound the file is read for its meaning: its rows are checked one by one (here, all refused for
    their unknown organisation code), not refused for their number."""
    lines = [f"Person {n},p{n}@nhs.example,clinical_lead,ZZZ" for n in range(contacts.MAX_ROWS)]
    with pytest.raises(contacts.ContactImportError):
        contacts.contacts_import_csv(wave=wave, data=csv_bytes(*lines), actor=analyst)
