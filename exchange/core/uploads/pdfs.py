"""PDF: opened by PDFium, which must find its pages."""

import threading

import pypdfium2

from .common import NOT_A_PDF, PDF_NO_PAGES, PDF_PASSWORD, PDF_TOO_MANY_PAGES, UploadRefused, rewound

FPDF_ERR_PASSWORD = 4
# PDFium is not thread-safe (pypdfium2's documentation): one document at a time per process, whatever the server's
# threads. Opening and counting pages takes milliseconds.
_PDFIUM = threading.Lock()


def pdf_checked(file, *, max_pages: int) -> None:
    """Refuse anything PDFium cannot open as a PDF with pages (an HTML page behind "%PDF-" among them), or with more
    than `max_pages`. The file is left rewound."""
    handle = rewound(file)
    try:
        data = handle.read()
        with _PDFIUM:
            try:
                document = pypdfium2.PdfDocument(data)
            except pypdfium2.PdfiumError as error:
                if getattr(error, "err_code", None) == FPDF_ERR_PASSWORD:
                    raise UploadRefused(PDF_PASSWORD, "pdf_password") from error
                raise UploadRefused(NOT_A_PDF, "not_a_pdf") from error
            try:
                pages = len(document)
            finally:
                document.close()
    finally:
        handle.seek(0)
    if pages == 0:
        raise UploadRefused(PDF_NO_PAGES, "pdf_no_pages")
    if pages > max_pages:
        raise UploadRefused(PDF_TOO_MANY_PAGES.format(limit=max_pages), "too_many_pages")
