"""What the surveys pages share: what a person manages (or a 404), a refused upload."""

from django.http import HttpRequest

from exchange.core.exceptions import ApplicationError
from exchange.core.shortcuts import or_404

from .. import selectors
from ..models import SurveySeries, Wave
from ..services.contacts import ContactImportError
from ..services.xlsform import XLSFormError


def wave_or_404(request: HttpRequest, series_slug: str, wave_slug: str) -> Wave:
    return or_404(selectors.wave_managed_get(user=request.user, series_slug=series_slug, wave_slug=wave_slug))


def series_or_404(request: HttpRequest, series_slug: str) -> SurveySeries:
    return or_404(selectors.series_managed_get(user=request.user, slug=series_slug))


def upload_refused(form, error: ApplicationError | ContactImportError | XLSFormError, *, noun: str) -> list:
    """Puts why an upload was refused on the form's file field; returns the problems to list one by one, if any."""
    if isinstance(error, ApplicationError):
        form.add_error("file", error.message)
        return []
    if "language" in form.fields and error.problems[0].reason.startswith("the form has no labels in"):
        form.add_error("language", f"{error.problems[0].reason[0].upper()}{error.problems[0].reason[1:]}.")
        return []
    form.add_error("file", f"The {noun} has {len(error.problems)} problem(s). Nothing was imported.")
    return error.problems
