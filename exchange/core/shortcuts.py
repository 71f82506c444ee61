"""What every app's views do the same way (as `django.shortcuts` does for Django's own): a 404 for what a selector
did not find, an action or a form applied through a service, a form page's status, a page of a long list."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .client_ip import client_network
from .exceptions import ApplicationError
from .services.rate_limits import rate_limit_enforce

T = TypeVar("T")


def or_404(found: T | None) -> T:
    """`found`, or a 404 when the selector found nothing: nothing there, or nothing this person may see."""
    if found is None:
        raise Http404
    return found


def form_applied(
    request: HttpRequest, form: forms.Form, apply: Callable[[dict], Any], *, error_field: str | None = None
) -> bool:
    """Whether `form` was posted, is valid, and `apply(form.cleaned_data)` ran. The `ApplicationError` of a broken
    rule is shown on `error_field` (above the form when None) and the answer is False."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        apply(form.cleaned_data)
    except ApplicationError as error:
        form.add_error(error_field, error.message)
        return False
    return True


def attempt(request: HttpRequest, call: Callable[[], object], *, success: str | None = None) -> bool:
    """An action posted without a form: run `call`; tell the person why it was refused (the `ApplicationError`'s
    message, written for them) or, if given, `success`. True when it was done."""
    try:
        call()
    except ApplicationError as error:
        messages.error(request, error.message)
        return False
    if success:
        messages.success(request, success)
    return True


def render_form(request: HttpRequest, template_name: str, context: dict) -> HttpResponse:
    """A page with `context["form"]` (which may be None): 400 while the form has errors, so a refused submission is
    not answered as a success."""
    form = context["form"]
    return render(request, template_name, context, status=400 if form is not None and form.errors else 200)


def page_of(request: HttpRequest, items, per_page: int) -> tuple[Page, str]:
    """The page of `items` that `?page=` asks for (the last for a number past the end, the first for nonsense), and
    the request's other query parameters, encoded, for the pager's links."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def rate_limit_per_address(request: HttpRequest, *, scope: str, message: str) -> None:
    """Count one request of `scope` (a RATE_LIMITS key) from the client's address (`client_network`: behind a
    trusted proxy, the forwarded one; an IPv6 address's /64); past the limit raise `TooManyRequests`, which answers
    429 with Retry-After and `message`. Counted at once, outside any transaction of the view's."""
    rate_limit_enforce(scope=scope, key=client_network(request) or "unknown", message=message)
