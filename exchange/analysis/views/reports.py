from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from exchange.core import clock
from exchange.organisations.selectors import organisation_get
from exchange.surveys.selectors import wave_get

from ..disclosure import MicrodataRefused
from ..exports import analysis_csv, export_csv, export_sav, export_xlsx
from ..permissions import can_read_organisation_report
from ..protection import Refused
from ..reports import organisation_report_pdf, wave_report_pdf
from .common import managed_wave_or_404


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _refused(refusal: Refused) -> HttpResponse:
    """What the disclosure layer refuses, said in plain text (a download has no page to show it on)."""
    return HttpResponse(str(refusal), status=409, content_type="text/plain; charset=utf-8")


@login_required
def wave_report(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = managed_wave_or_404(request, series_slug, wave_slug)
    try:
        content = wave_report_pdf(wave=wave)
    except Refused as refusal:
        return _refused(refusal)
    return _attachment(content, "application/pdf", f"{series_slug}-{wave_slug}.pdf")


@login_required
def organisation_report(request: HttpRequest, series_slug: str, wave_slug: str, organisation_slug: str) -> HttpResponse:
    """404 unless `can_read_organisation_report` allows it: whether the organisation took part, or the wave is
    still open, is not revealed."""
    wave = wave_get(series_slug=series_slug, wave_slug=wave_slug)
    organisation = organisation_get(slug=organisation_slug)
    if wave is None or organisation is None:
        raise Http404
    if not can_read_organisation_report(user=request.user, wave=wave, organisation=organisation, now=clock.now()):
        raise Http404
    return _attachment(
        organisation_report_pdf(wave=wave, organisation=organisation),
        "application/pdf",
        f"{organisation_slug}-{series_slug}-{wave_slug}.pdf",
    )


EXPORTS = {
    "csv": (export_csv, "text/csv"),
    "xlsx": (export_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "sav": (export_sav, "application/x-spss-sav"),
}


@login_required
def export(request: HttpRequest, series_slug: str, wave_slug: str, fmt: str) -> HttpResponse:
    wave = managed_wave_or_404(request, series_slug, wave_slug)
    if fmt not in EXPORTS:
        raise Http404
    writer, content_type = EXPORTS[fmt]
    try:
        content = writer(wave)
    except MicrodataRefused as refused:
        messages.error(request, str(refused))
        return redirect("analysis:dashboard", series_slug=series_slug, wave_slug=wave_slug)
    return _attachment(content, content_type, f"{series_slug}-{wave_slug}.{fmt}")


@login_required
def results_csv(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = managed_wave_or_404(request, series_slug, wave_slug)
    by = request.GET.get("by", "")
    try:
        content = analysis_csv(wave, by=by)
    except Refused as refusal:
        return _refused(refusal)
    except (ValueError, KeyError):
        raise Http404 from None
    return _attachment(content, "text/csv", f"{series_slug}-{wave_slug}-results.csv")
