"""The respondent's journey. The personal token appears only in the first URL: it is swapped for a session entry,
so later requests (and any access log of them) carry no token, and submission cannot be tied to a person."""

import secrets
from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from exchange.core.exceptions import ApplicationError
from exchange.core.shortcuts import render_form

from ..forms.answering import SectionForm
from ..models import Contact, ContactStatus, Draft, QuestionKind, Wave, WaveAccess, WaveStatus
from ..presentation import answer_display
from ..questionnaire import Questionnaire
from ..rules import default_value
from ..services import invitations, responding

SESSION_KEY = "survey_respondents"
BROWSER_COOKIE = "exchange_browser_key"
BROWSER_COOKIE_AGE = 60 * 60 * 24 * 365


def _wave_url(name: str, wave: Wave, **kwargs) -> str:
    return reverse(f"surveys:{name}", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug, **kwargs})


@never_cache
def respond(request: HttpRequest, token: str) -> HttpResponse:
    contact = Contact.objects.select_related("wave", "wave__series").by_token(token).first()
    if contact is not None:
        wave = contact.wave
        if wave.status != WaveStatus.OPEN:
            return render(request, "surveys/answer_closed.html", {"wave": wave}, status=410)
        responding.contact_mark_opened(contact=contact)
        _remember(request, wave, {"contact": contact.pk})
        return redirect(_wave_url("answer-start", wave))
    wave = Wave.objects.select_related("series").filter(access=WaveAccess.OPEN_LINK, open_link_key=token).first()
    if wave is None or not token:
        return render(request, "surveys/link_invalid.html", status=404)
    if wave.status != WaveStatus.OPEN:
        return render(request, "surveys/answer_closed.html", {"wave": wave}, status=410)
    _remember(request, wave, {"open": True})
    response = redirect(_wave_url("answer-start", wave))
    if not request.COOKIES.get(BROWSER_COOKIE):
        response.set_cookie(
            BROWSER_COOKIE,
            secrets.token_urlsafe(32),
            max_age=BROWSER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _remember(request: HttpRequest, wave: Wave, entry: dict) -> None:
    respondents = dict(request.session.get(SESSION_KEY, {}))
    respondents[str(wave.pk)] = entry
    request.session[SESSION_KEY] = respondents


def _respondent_wave(request: HttpRequest, series_slug: str, wave_slug: str) -> tuple[Wave, dict]:
    wave = get_object_or_404(
        Wave.objects.select_related("series", "series__owner"), series__slug=series_slug, slug=wave_slug
    )
    entry = request.session.get(SESSION_KEY, {}).get(str(wave.pk))
    if not entry:
        raise Http404
    return wave, entry


def _draft(request: HttpRequest, wave: Wave, entry: dict) -> Draft:
    if entry.get("done"):
        raise ApplicationError(responding.ALREADY_SUBMITTED)
    if "contact" in entry:
        contact = get_object_or_404(Contact.objects.select_related("wave"), pk=entry["contact"], wave=wave)
        return responding.draft_for_contact(contact=contact)
    browser_key = request.COOKIES.get(BROWSER_COOKIE)
    if not browser_key:
        raise ApplicationError("Your browser did not keep our cookie. Open the survey link again.")
    return responding.draft_for_browser(wave=wave, browser_key=browser_key)


def _stopped(request: HttpRequest, wave: Wave, error: ApplicationError) -> HttpResponse:
    if error.message == responding.ALREADY_SUBMITTED:
        return redirect(_wave_url("answer-done", wave))
    return render(request, "surveys/answer_stopped.html", {"wave": wave, "message": error.message}, status=409)


def _with_draft(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Gives the view this browser's wave, session entry and draft; a respondent who cannot go on is stopped."""

    @wraps(view)
    def wrapper(request: HttpRequest, series_slug: str, wave_slug: str, **kwargs) -> HttpResponse:
        wave, entry = _respondent_wave(request, series_slug, wave_slug)
        try:
            draft = _draft(request, wave, entry)
        except ApplicationError as error:
            return _stopped(request, wave, error)
        return view(request, wave=wave, entry=entry, draft=draft, **kwargs)

    return wrapper


@never_cache
@_with_draft
def answer_start(request: HttpRequest, *, wave: Wave, entry: dict, draft: Draft) -> HttpResponse:
    questionnaire = Questionnaire.for_wave(wave)
    first = questionnaire.first_unanswered_section(draft.answers) if draft.answers else None
    start = first or (questionnaire.next_section(None, draft.answers) if not draft.answers else None)
    next_url = _wave_url("answer-section", wave, section_code=start.code) if start else _wave_url("answer-check", wave)
    return render(
        request,
        "surveys/answer_start.html",
        {"wave": wave, "questionnaire": questionnaire, "resuming": bool(draft.answers), "next_url": next_url},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@_with_draft
def answer_section(request: HttpRequest, *, wave: Wave, entry: dict, draft: Draft, section_code: str) -> HttpResponse:
    questionnaire = Questionnaire.for_wave(wave)
    section = questionnaire.section(section_code)
    if section is None:
        raise Http404
    shown = questionnaire.questions_on_page(section, draft.answers)
    if not shown:
        following = questionnaire.next_section(section, draft.answers)
        return redirect(_section_or_check(wave, following))
    form = SectionForm(
        request.POST if request.method == "POST" else None,
        questions=shown,
        answers=draft.answers,
        questionnaire=questionnaire,
    )
    if form.is_bound:
        provisional = {**draft.answers, **form.posted_answers()}
        asked = {question.code for question in questionnaire.asked_questions(section, provisional)}
        form.skip({question.code for question in shown} - asked)
    if request.method == "POST" and form.is_valid():
        try:
            draft = responding.draft_save_answers(draft=draft, answers=form.answers())
        except ApplicationError as error:
            return _stopped(request, wave, error)
        if request.POST.get("action") == "save-and-leave":
            return render(request, "surveys/answer_saved.html", {"wave": wave, "entry": entry})
        if request.GET.get("return") == "check":
            return redirect(_wave_url("answer-check", wave))
        return redirect(_section_or_check(wave, questionnaire.next_section(section, draft.answers)))
    to_ask = questionnaire.sections_to_ask(draft.answers)
    number = next((index for index, s in enumerate(to_ask, start=1) if s.id == section.id), len(to_ask))
    previous = questionnaire.previous_section(section, draft.answers)
    return render_form(
        request,
        "surveys/answer_section.html",
        {
            "wave": wave,
            "section": section,
            "form": form,
            "questions": shown,
            "same_page_conditions": {q.code: questionnaire.same_page_conditions(q) for q in shown},
            "number": number,
            "total": len(to_ask),
            "back_url": _wave_url("answer-section", wave, section_code=previous.code)
            if previous
            else _wave_url("answer-start", wave),
        },
    )


def _section_or_check(wave: Wave, section) -> str:
    if section is None:
        return _wave_url("answer-check", wave)
    return _wave_url("answer-section", wave, section_code=section.code)


@never_cache
@require_http_methods(["GET", "POST"])
def answer_check(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    if request.method == "POST" and (submitted := _contact_submission(request, series_slug, wave_slug)):
        return submitted
    wave, entry = _respondent_wave(request, series_slug, wave_slug)
    if request.method == "POST" and "contact" in entry:
        # The draft went with an earlier submission (a double click) or the wave is not open: no re-opening.
        draft = Draft.objects.filter(contact_id=entry["contact"], wave=wave).only("pk", "answers").first()
        if draft is None:
            return redirect(_wave_url("answer-done", wave))
    else:
        try:
            draft = _draft(request, wave, entry)
        except ApplicationError as error:
            return _stopped(request, wave, error)
    questionnaire = Questionnaire.for_wave(wave)
    missing = questionnaire.first_unanswered_section(draft.answers)
    if request.method == "POST":
        if missing is None:
            try:
                responding.response_submit(draft_id=draft.pk, questionnaire=questionnaire)
            except ApplicationError as error:
                return _stopped(request, wave, error)
            # The session forgets who answered: only that this browser has finished this wave.
            _remember(request, wave, {"done": True})
            return redirect(_wave_url("answer-done", wave))
        return redirect(_wave_url("answer-section", wave, section_code=missing.code))
    summary = _summary(questionnaire, draft.answers, wave)
    return render(request, "surveys/answer_check.html", {"wave": wave, "summary": summary, "missing": missing})


def _contact_submission(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse | None:
    """Submitting is the hot path: the draft of the contact this browser answers for is found in this wave, locked
    and read with all the submission needs in one statement, and checked once, under the lock. None leaves
    anything else (an open link, no draft, a wave not open) to the general path, which says what happened."""
    respondents = request.session.get(SESSION_KEY, {})
    contacts = [entry["contact"] for entry in respondents.values() if "contact" in entry]
    if not contacts:
        return None
    try:
        submission = responding.contact_response_submit(
            series_slug=series_slug, wave_slug=wave_slug, contact_ids=contacts
        )
    except ApplicationError:
        return None
    if submission is None:
        return None
    if submission.missing is not None:
        return redirect(_wave_url("answer-section", submission.wave, section_code=submission.missing.code))
    # The session forgets who answered: only that this browser has finished this wave.
    _remember(request, submission.wave, {"done": True})
    return redirect(_wave_url("answer-done", submission.wave))


def _summary(questionnaire: Questionnaire, answers: dict, wave: Wave) -> list[dict]:
    """Each section's answers to check; notes are no questions, so a section of notes alone has nothing to check, and
    calculated values are not shown."""
    effective = questionnaire.effective_answers(answers)
    parts = [
        {
            "section": section,
            "change_url": _wave_url("answer-section", wave, section_code=section.code) + "?return=check",
            "rows": [
                {"question": question, "answer": answer_display(question, _answer(question, effective))}
                for question in questionnaire.asked_questions(section, answers)
                if question.kind not in (QuestionKind.NOTE, QuestionKind.CALCULATE)
            ],
        }
        for section in questionnaire.sections_to_ask(answers)
    ]
    return [part for part in parts if part["rows"]]


def _answer(question, effective: dict):
    """What the respondent gave, or for a read-only question what it shows."""
    return default_value(question) if question.readonly else effective.get(question.code)


@never_cache
def answer_done(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = get_object_or_404(Wave.objects.select_related("series"), series__slug=series_slug, slug=wave_slug)
    entry = request.session.get(SESSION_KEY, {}).get(str(wave.pk))
    if not entry:
        raise Http404
    return render(request, "surveys/answer_done.html", {"wave": wave})


@never_cache
@require_http_methods(["GET", "POST"])
def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    contact = Contact.objects.select_related("wave", "wave__series").by_token(token).first()
    if contact is None:
        return render(request, "surveys/link_invalid.html", status=404)
    if request.method == "POST":
        contact = invitations.contact_opt_out(contact=contact)
        return render(request, "surveys/opted_out.html", {"wave": contact.wave, "contact": contact})
    return render(
        request,
        "surveys/opt_out.html",
        {"wave": contact.wave, "completed": contact.status == ContactStatus.COMPLETED},
    )
