from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from exchange.core import clock
from exchange.organisations.selectors import organisation_get
from exchange.surveys.selectors import wave_get, wave_managed_get

from ..disclosure import MicrodataRefused
from ..exports import analysis_csv, export_csv, export_sav, export_xlsx
from ..permissions import can_read_organisation_report
from ..protection import Refused
from ..reports import organisation_report_pdf, wave_report_pdf


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def wave_report(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_managed_get(user=request.user, series_slug=series_slug, wave_slug=wave_slug)
    if wave is None:
        raise Http404
    try:
        content = wave_report_pdf(wave=wave)
    except Refused as refusal:
        return HttpResponse(str(refusal), status=409, content_type="text/plain; charset=utf-8")
    return _pdf(content, f"{series_slug}-{wave_slug}.pdf")


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
    return _pdf(
        organisation_report_pdf(wave=wave, organisation=organisation),
        f"{organisation_slug}-{series_slug}-{wave_slug}.pdf",
    )


EXPORTS = {
    "csv": (export_csv, "text/csv"),
    "xlsx": (export_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "sav": (export_sav, "application/x-spss-sav"),
}


@login_required
def export(request: HttpRequest, series_slug: str, wave_slug: str, fmt: str) -> HttpResponse:
    wave = wave_managed_get(user=request.user, series_slug=series_slug, wave_slug=wave_slug)
    if wave is None or fmt not in EXPORTS:
        raise Http404
    writer, content_type = EXPORTS[fmt]
    try:
        content = writer(wave)
    except MicrodataRefused as refused:
        messages.error(request, str(refused))
        return redirect("analysis:dashboard", series_slug=series_slug, wave_slug=wave_slug)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{series_slug}-{wave_slug}.{fmt}"'
    return response


@login_required
def results_csv(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_managed_get(user=request.user, series_slug=series_slug, wave_slug=wave_slug)
    if wave is None:
        raise Http404
    by = request.GET.get("by", "")
    try:
        content = analysis_csv(wave, by=by)
    except Refused as refusal:
        return HttpResponse(str(refusal), status=409, content_type="text/plain; charset=utf-8")
    except (ValueError, KeyError):
        raise Http404 from None
    response = HttpResponse(content, content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{series_slug}-{wave_slug}-results.csv"'
    return response
