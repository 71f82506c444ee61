"""What the respondent's pages share: the session entry that stands for the link once Start is pressed, and the
draft, which only a POST starts; a page only looked at (GET or HEAD) is shown from the draft as it is, or from an
empty one that is never saved."""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from exchange.core.exceptions import ApplicationError

from ...models import Contact, Draft, Wave
from ...questionnaire import Answers, Questionnaire
from ...selectors import answering as reading
from ...services import responding

SESSION_KEY = "survey_respondents"
BROWSER_COOKIE = "exchange_browser_key"
BROWSER_COOKIE_AGE = 60 * 60 * 24 * 365
LOOKING = ("GET", "HEAD")
NO_COOKIE = "Your browser did not keep our cookie. Open the survey link again."


def wave_url(name: str, wave: Wave, **kwargs) -> str:
    return reverse(f"surveys:{name}", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug, **kwargs})


def remember(request: HttpRequest, wave: Wave, entry: dict) -> None:
    """Write this browser's entry for the wave into its session: on POST only."""
    respondents = dict(request.session.get(SESSION_KEY, {}))
    respondents[str(wave.pk)] = entry
    request.session[SESSION_KEY] = respondents


def respondent_wave(request: HttpRequest, series_slug: str, wave_slug: str) -> tuple[Wave, dict]:
    wave = get_object_or_404(
        Wave.objects.select_related("series", "series__owner"), series__slug=series_slug, slug=wave_slug
    )
    entry = request.session.get(SESSION_KEY, {}).get(str(wave.pk))
    if not entry:
        raise Http404
    return wave, entry


def _contact(wave: Wave, entry: dict) -> Contact:
    return get_object_or_404(Contact.objects.select_related("wave"), pk=entry["contact"], wave=wave)


def draft_started(request: HttpRequest, wave: Wave, entry: dict, browser_key: str | None = None) -> Draft:
    """The draft, started if there is none yet (POST only): `browser_key` is an open-link browser's key when it is
    being given its cookie in this very response."""
    if entry.get("done"):
        raise ApplicationError(responding.ALREADY_SUBMITTED)
    if "contact" in entry:
        return responding.draft_for_contact(contact=_contact(wave, entry))
    browser_key = browser_key or request.COOKIES.get(BROWSER_COOKIE)
    if not browser_key:
        raise ApplicationError(NO_COOKIE)
    return responding.draft_for_browser(wave=wave, browser_key=browser_key)


def draft_seen(request: HttpRequest, wave: Wave, entry: dict) -> Draft:
    """The draft as it is, or an empty one that is never saved; the same refusals as `draft_started`."""
    if entry.get("done"):
        raise ApplicationError(responding.ALREADY_SUBMITTED)
    if "contact" in entry:
        draft = reading.contact_draft_get(contact=_contact(wave, entry))
    else:
        browser_key = request.COOKIES.get(BROWSER_COOKIE)
        if not browser_key:
            raise ApplicationError(NO_COOKIE)
        draft = reading.browser_draft_get(wave=wave, browser_key=browser_key)
    return draft if draft is not None else Draft(wave=wave, answers={})


def respondent_draft(request: HttpRequest, wave: Wave, entry: dict) -> Draft:
    return draft_seen(request, wave, entry) if request.method in LOOKING else draft_started(request, wave, entry)


def stopped(request: HttpRequest, wave: Wave, error: ApplicationError) -> HttpResponse:
    if error.message == responding.ALREADY_SUBMITTED:
        return redirect(wave_url("answer-done", wave))
    return render(request, "surveys/answer_stopped.html", {"wave": wave, "message": error.message}, status=409)


def with_draft(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Gives the view this browser's wave, session entry and draft (started only on POST); a respondent who cannot go
    on is stopped."""

    @wraps(view)
    def wrapper(request: HttpRequest, series_slug: str, wave_slug: str, **kwargs) -> HttpResponse:
        wave, entry = respondent_wave(request, series_slug, wave_slug)
        try:
            draft = respondent_draft(request, wave, entry)
        except ApplicationError as error:
            return stopped(request, wave, error)
        return view(request, wave=wave, entry=entry, draft=draft, **kwargs)

    return wrapper


def first_page_url(wave: Wave, questionnaire: Questionnaire, answers: Answers) -> str:
    """Where a respondent goes on: the first page still to answer, or the check once every page is answered."""
    # Nothing answered yet: the first page asked (the first may be all notes or skipped); else the first gap.
    section = questionnaire.first_unanswered_section(answers) if answers else questionnaire.next_section(None, answers)
    if section is None:
        return wave_url("answer-check", wave)
    return wave_url("answer-section", wave, section_code=section.code)
