"""Small real documents for tests that upload one: a PDF that PDFium opens, a .docx, .xlsx and .odt with their
required parts, and the hostile ones (a zip bomb, a zip whose header lies about an entry's size)."""

import io
import struct
import zipfile

import pypdfium2

CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def pdf(pages: int = 1) -> bytes:
    """A valid PDF of `pages` blank A4 pages, written by PDFium."""
    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(text: str = "Our delivery plan") -> bytes:
    """A .docx with the parts every Word document has (enough for our check; Word itself wants a few more)."""
    body = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
    body += f"<w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    return zipped({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": body.encode()})


def xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["price", 100])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def odt() -> bytes:
    content = b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
    return zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": content})


def zip_bomb_docx(megabytes: int = 200) -> bytes:
    """A real .docx's parts plus one entry of `megabytes` MB of zeros, deflated to a few hundred kB, written in
    chunks so that the test never holds it unpacked either."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<document/>")
        with archive.open("word/media/image1.png", "w") as entry:
            chunk = bytes(1024 * 1024)
            for _ in range(megabytes):
                entry.write(chunk)
    return buffer.getvalue()


def lying_docx(declared: int = 1000, megabytes: int = 50) -> bytes:
    """A .docx whose entry word/media/image1.png declares `declared` bytes unpacked (in its local header and in the
    central directory) but holds `megabytes` MB of zeros: a reader that trusts the header unpacks it all."""
    data = zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": b"<document/>",
            "word/media/image1.png": bytes(megabytes * 1024 * 1024),
        }
    )
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo("word/media/image1.png")
    actual = info.file_size
    data = bytearray(data)
    local = info.header_offset  # local header: uncompressed size at offset 22
    assert struct.unpack_from("<I", data, local + 22)[0] == actual
    struct.pack_into("<I", data, local + 22, declared)
    central = data.find(b"word/media/image1.png", archive.start_dir) - 46  # central entry: uncompressed size at 24
    assert struct.unpack_from("<I", data, central + 24)[0] == actual
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


def rezipped(data: bytes, change) -> bytes:
    """The zip `data` with its parts (a dict of name to bytes, in their order) passed through `change` and written
    again: for a workbook whose parts a person or an attacker has edited by hand."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = change({info.filename: source.read(info.filename) for info in source.infolist()})
    return zipped(parts)


def sheet_rows(rows: int, *, first: int = 1) -> bytes:
    """<row> elements of one inline-text cell each, numbered from `first`: a long sheet written in a moment."""
    return b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>text</t></is></c></row>' % (n, n)
        for n in range(first, first + rows)
    )


def encrypted(data: bytes) -> bytes:
    """The zip `data` with every entry marked encrypted (general purpose flag bit 0), in its local header and in the
    central directory: Python's zipfile then refuses to unpack it without a password."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    out = bytearray(data)
    for info in archive.infolist():
        struct.pack_into("<H", out, info.header_offset + 6, info.flag_bits | 1)
        central = out.find(info.filename.encode(), archive.start_dir) - 46
        struct.pack_into("<H", out, central + 8, info.flag_bits | 1)
    return bytes(out)
