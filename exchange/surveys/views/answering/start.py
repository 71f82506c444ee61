"""The survey link: looking at it (GET or HEAD, as a person or an e-mail link scanner does) shows a start page and
writes nothing; pressing Start (POST) marks the contact opened, swaps the token for a session entry (and gives an
open-link browser its key), starts the draft and goes to the first page to answer. Opting out likewise: the link
shows a confirmation, and only its button opts out."""

import secrets

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from exchange.core.exceptions import ApplicationError
from exchange.core.shortcuts import rate_limit_per_address

from ...models import ContactStatus, Draft, WaveStatus
from ...questionnaire import Questionnaire
from ...selectors import answering as reading
from ...services import invitations, responding
from .respondent import (
    BROWSER_COOKIE,
    BROWSER_COOKIE_AGE,
    draft_started,
    first_page_url,
    remember,
    stopped,
)

LINK_GUESSES = "survey-link.address"
TOO_MANY_LINKS = (
    "Too many survey links that do not exist were opened from your network. Check the link in your email: open it "
    "from the email itself rather than copying it by hand."
)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def respond(request: HttpRequest, token: str) -> HttpResponse:
    link = reading.respondent_link_get(token=token)
    if link is None:
        # Only links that do not exist are counted and refused (someone trying tokens): a real link still writes
        # nothing, and works for everyone behind an address that someone else there has used up.
        rate_limit_per_address(request, scope=LINK_GUESSES, message=TOO_MANY_LINKS)
        return render(request, "surveys/link_invalid.html", status=404)
    if link.wave.status != WaveStatus.OPEN:
        return render(request, "surveys/answer_closed.html", {"wave": link.wave}, status=410)
    if request.method == "POST":
        return _start(request, link)
    return _start_page(request, link)


def _start_page(request: HttpRequest, link: reading.RespondentLink) -> HttpResponse:
    """What the survey is, how its answers are kept, and Start (Continue with a draft): read, never written."""
    wave, contact = link.wave, link.contact
    draft: Draft | None = None
    message = ""
    try:
        if contact is not None:
            draft = reading.contact_draft_get(contact=contact)
        elif browser_key := request.COOKIES.get(BROWSER_COOKIE):
            draft = reading.browser_draft_get(wave=wave, browser_key=browser_key)
    except ApplicationError as error:
        message = error.message
    context = {
        "wave": wave,
        "questionnaire": Questionnaire.for_wave(wave),
        "resuming": draft is not None,
        "message": message,
        "opt_out_url": reverse("surveys:opt-out", kwargs={"token": contact.token}) if contact else "",
    }
    status = 409 if message and message != responding.ALREADY_SUBMITTED else 200
    return render(request, "surveys/respond_start.html", context, status=status)


def _start(request: HttpRequest, link: reading.RespondentLink) -> HttpResponse:
    wave, contact = link.wave, link.contact
    browser_key = None
    if contact is not None:
        responding.contact_mark_opened(contact=contact)
        entry: dict = {"contact": contact.pk}
    else:
        browser_key = request.COOKIES.get(BROWSER_COOKIE) or secrets.token_urlsafe(32)
        entry = {"open": True}
    remember(request, wave, entry)
    try:
        draft = draft_started(request, wave, entry, browser_key=browser_key)
    except ApplicationError as error:
        response = stopped(request, wave, error)
    else:
        response = redirect(first_page_url(wave, Questionnaire.for_wave(wave), draft.answers))
    if browser_key and browser_key != request.COOKIES.get(BROWSER_COOKIE):
        response.set_cookie(
            BROWSER_COOKIE,
            browser_key,
            max_age=BROWSER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    link = reading.respondent_link_get(token=token)
    if link is None or link.contact is None:
        rate_limit_per_address(request, scope=LINK_GUESSES, message=TOO_MANY_LINKS)
        return render(request, "surveys/link_invalid.html", status=404)
    contact = link.contact
    if request.method == "POST":
        contact = invitations.contact_opt_out(contact=contact)
        return render(request, "surveys/opted_out.html", {"wave": contact.wave, "contact": contact})
    return render(
        request,
        "surveys/opt_out.html",
        {"wave": contact.wave, "completed": contact.status == ContactStatus.COMPLETED},
    )
