"""What the surveys pages share: what a person manages (or a 404), a page with a form, a refused upload."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from exchange.core.exceptions import ApplicationError

from .. import selectors
from ..models import SurveySeries, Wave
from ..services.contacts import ContactImportError
from ..services.xlsform import XLSFormError


def wave_or_404(request: HttpRequest, series_slug: str, wave_slug: str) -> Wave:
    wave = selectors.wave_managed_get(user=request.user, series_slug=series_slug, wave_slug=wave_slug)
    if wave is None:
        raise Http404
    return wave


def series_or_404(request: HttpRequest, series_slug: str) -> SurveySeries:
    series = selectors.series_managed_get(user=request.user, slug=series_slug)
    if series is None:
        raise Http404
    return series


def form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """The page of `context["form"]`: status 400 while the form has errors, so a refusal never reads as a success."""
    return render(request, template, context, status=400 if context["form"].errors else 200)


def upload_refused(form, error: ApplicationError | ContactImportError | XLSFormError, *, noun: str) -> list:
    """Puts why an upload was refused on the form's file field; returns the problems to list one by one, if any."""
    if isinstance(error, ApplicationError):
        form.add_error("file", error.message)
        return []
    form.add_error("file", f"The {noun} has {len(error.problems)} problem(s). Nothing was imported.")
    return error.problems
