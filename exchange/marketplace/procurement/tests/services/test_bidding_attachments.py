"""A bid's attachments are opened as what their name says before they are kept (issue 19): a PDF must open in
PDFium, a .docx, .xlsx or .odt must be a zip within bounds with its format's parts; the first bytes are not enough.
Each refusal says why, and nothing is kept: no attachment, no file, no audit event."""

import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from exchange.audit.models import AuditEvent
from exchange.core import uploads
from exchange.core.exceptions import ApplicationError
from exchange.core.tests import documents
from exchange.marketplace.procurement.models import BidAttachment
from exchange.marketplace.procurement.services import bidding
from exchange.marketplace.procurement.tests.procurement_flow import DRAFTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(world, joint):
    requirement, *_ = joint
    return bidding.bid_save(
        actor=world.us, requirement=requirement, provider=world.ours, price=Decimal("0.4"), answers={}, now=DRAFTED
    )


def _attach(world, saved, name: str, data: bytes):
    return bidding.bid_attachment_add(actor=world.us, bid=saved, uploaded=SimpleUploadedFile(name, data), now=DRAFTED)


def _refused(world, saved, name: str, data: bytes) -> str:
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        _attach(world, saved, name, data)
    assert not BidAttachment.objects.filter(bid=saved).exists()
    assert AuditEvent.objects.count() == events
    return refused.value.message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("plan.pdf", documents.pdf(pages=3)),
        ("plan.docx", documents.docx()),
        ("prices.xlsx", documents.xlsx()),
        ("plan.odt", documents.odt()),
        ("prices.csv", b"item,price\nlicence,100\n"),
    ],
)
def test_a_real_document_of_each_type_is_attached_as_it_came(world, saved, name, data):
    attachment = _attach(world, saved, name, data)
    assert attachment.file.open("rb").read() == data


def test_an_html_page_behind_a_pdf_signature_is_refused_as_not_a_pdf(world, saved):
    """It starts with %PDF-, so the first-bytes check let it through; PDFium finds no PDF in it."""
    html = b"%PDF-1.7\n<html><body><script>document.location='https://evil.example'</script></body></html>\n"
    assert _refused(world, saved, "plan.pdf", html) == uploads.NOT_A_PDF


def test_a_pdf_beyond_the_page_bound_is_refused(world, saved, monkeypatch):
    monkeypatch.setattr(bidding, "ATTACHMENT_MAX_PAGES", 2)
    assert _refused(world, saved, "plan.pdf", documents.pdf(pages=3)) == uploads.PDF_TOO_MANY_PAGES.format(limit=2)


def test_a_zip_bomb_docx_is_refused_before_it_is_unpacked(world, saved):
    bomb = documents.zip_bomb_docx(megabytes=200)
    assert len(bomb) < 400_000  # 200 MB of zeros in a few hundred kB
    started = time.perf_counter()
    message = _refused(world, saved, "plan.docx", bomb)
    assert message == uploads.UNPACKS_TOO_BIG.format(limit=bidding.ATTACHMENT_ZIP.max_unpacked // uploads.MB)
    assert time.perf_counter() - started < 2.0  # read from the zip's directory: nothing was inflated


def test_a_small_docx_packed_tighter_than_any_document_is_refused(world, saved):
    """Within the size bound unpacked, but one part of 20 MB of zeros packs 1,000 times: only a bomb does that."""
    assert _refused(world, saved, "plan.docx", documents.zip_bomb_docx(megabytes=20)) == (
        uploads.PACKED_TOO_TIGHT.format(limit=bidding.ATTACHMENT_ZIP.max_ratio)
    )


def test_a_docx_that_lies_about_the_size_of_a_part_is_refused_without_unpacking_what_it_hides(world, saved):
    """The header says 1,000 bytes; the part holds 50 MB of zeros. The zip is read as a stream that stops at the
    declared size (and at our cap, whichever comes first), where the checksum no longer matches: refused as damaged,
    quickly, and nothing is inflated beyond what was declared."""
    started = time.perf_counter()
    message = _refused(world, saved, "plan.docx", documents.lying_docx(declared=1000, megabytes=50))
    assert message == uploads.DAMAGED.format(kind=uploads.DOCX.kind)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.docx", documents.zipped({"[Content_Types].xml": documents.CONTENT_TYPES}), "word/document.xml"),
        ("prices.xlsx", documents.docx(), "xl/workbook.xml"),
        ("plan.odt", documents.docx(), "mimetype"),
        (
            "plan.odt",
            documents.zipped({"mimetype": b"application/zip", "content.xml": b"<x/>"}),
            "mimetype",
        ),
    ],
    ids=["docx without its document", "a docx renamed xlsx", "a docx renamed odt", "odt of another mimetype"],
)
def test_a_zip_without_the_parts_of_its_type_is_refused(world, saved, name, data, message):
    kind = {".docx": uploads.DOCX, ".xlsx": uploads.XLSX, ".odt": uploads.ODT}[name[name.rfind(".") :]].kind
    assert _refused(world, saved, name, data) == uploads.MISSING_PART.format(kind=kind, part=message)


def test_a_docx_whose_document_is_not_xml_or_has_a_doctype_is_refused_as_damaged(world, saved):
    for body in [b"<w:document><unclosed>", b'<!DOCTYPE d [<!ENTITY a "aaaa">]><document>&a;</document>']:
        data = documents.zipped({"[Content_Types].xml": documents.CONTENT_TYPES, "word/document.xml": body})
        assert _refused(world, saved, "plan.docx", data) == uploads.DAMAGED.format(kind=uploads.DOCX.kind)


def test_a_zip_of_too_many_parts_is_refused(world, saved):
    parts = {"[Content_Types].xml": documents.CONTENT_TYPES, "word/document.xml": b"<document/>"}
    parts |= {f"word/media/{n}.png": b"" for n in range(bidding.ATTACHMENT_ZIP.max_entries)}
    assert _refused(world, saved, "plan.docx", documents.zipped(parts)) == uploads.TOO_MANY_PARTS.format(
        limit=bidding.ATTACHMENT_ZIP.max_entries, kind=uploads.DOCX.kind
    )
