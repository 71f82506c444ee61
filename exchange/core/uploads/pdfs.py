"""PDF: opened by PDFium, which must find its pages."""

from .common import NOT_A_PDF, PDF_NO_PAGES, PDF_PASSWORD, PDF_TOO_MANY_PAGES, UploadRefused, rewound


def pdf_checked(file, *, max_pages: int) -> None:
    """Refuse anything PDFium cannot open as a PDF with pages (an HTML page behind "%PDF-" among them), or with more
    than `max_pages`. The file is left rewound."""
    import pypdfium2

    handle = rewound(file)
    try:
        data = handle.read()
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as error:
            if getattr(error, "err_code", None) == 4:  # FPDF_ERR_PASSWORD
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
