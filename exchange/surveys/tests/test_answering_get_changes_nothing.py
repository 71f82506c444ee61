"""Looking changes nothing: every page of the answering journey, got (GET) or asked about (HEAD) by a person, by an
e-mail link scanner with no cookies, or by a respondent half-way through, leaves the database as it was (contacts,
drafts, responses, audit events, sessions) and sets no session or browser cookie; only pressing Start (a POST) marks
the contact opened, starts the draft and remembers the browser. Named and confidential waves, personal and open
links."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from exchange.audit.models import AuditEvent
from exchange.surveys.models import (
    Answer,
    Confidentiality,
    Contact,
    ContactStatus,
    Draft,
    OpenLinkSubmission,
    PendingResponse,
    Response,
    WaveAccess,
)
from exchange.surveys.selectors.answering import browser_key_hash
from exchange.surveys.services.authoring import wave_close, wave_open
from exchange.surveys.views.answering.respondent import BROWSER_COOKIE

from .factories import ContactFactory, full_wave
from .test_answering import FIRST, answer_all, url

pytestmark = pytest.mark.django_db

KINDS = [
    (confidentiality, access)
    for confidentiality in (Confidentiality.NAMED, Confidentiality.CONFIDENTIAL)
    for access in (WaveAccess.INVITED, WaveAccess.OPEN_LINK)
]
SECTIONS = ["your-support", "about-your-relationship", "anything-else"]
OUR_COOKIES = {settings.SESSION_COOKIE_NAME, BROWSER_COOKIE}


def _link(confidentiality, access):
    """An open wave of this kind, with a contact (in an open-link wave too, as the sample frame may hold people) and
    the token its respondents arrive with."""
    wave = full_wave(confidentiality=confidentiality, access=access)
    contact = ContactFactory(wave=wave)
    wave = wave_open(wave=wave)
    contact.refresh_from_db()
    token = contact.token if access == WaveAccess.INVITED else wave.open_link_key
    return wave, contact, token


def _urls(wave, token) -> list[str]:
    return [
        reverse("surveys:respond", kwargs={"token": token}),
        reverse("surveys:opt-out", kwargs={"token": token}),
        reverse("surveys:respond", kwargs={"token": "x" * 43}),
        reverse("surveys:opt-out", kwargs={"token": "x" * 43}),
        url(wave, "answer-start"),
        *(url(wave, "answer-section", section_code=code) for code in SECTIONS),
        url(wave, "answer-section", section_code="your-support") + "?return=check",
        url(wave, "answer-check"),
        url(wave, "answer-done"),
    ]


def _snapshot() -> dict:
    """Everything a look could have changed, row by row."""
    return {
        "contacts": list(
            Contact.objects.order_by("pk").values_list(
                "pk", "status", "opened_at", "started_at", "completed_at", "opted_out_at"
            )
        ),
        "drafts": list(
            Draft.objects.order_by("pk").values_list(
                "pk", "contact_id", "browser_key_hash", "answers", "started_at", "saved_at"
            )
        ),
        "responses": list(Response.objects.order_by("pk").values_list("pk", flat=True)),
        "pending": list(PendingResponse.objects.order_by("pk").values_list("pk", flat=True)),
        "answers": Answer.objects.count(),
        "open_link_submissions": OpenLinkSubmission.objects.count(),
        "audit": list(AuditEvent.objects.order_by("pk").values_list("pk", flat=True)),
        "sessions": list(
            Session.objects.order_by("session_key").values_list("session_key", "session_data", "expire_date")
        ),
    }


def _look_at_everything(client_for, wave, token) -> list[tuple[str, str, int]]:
    """GET and HEAD of every page, each with the client `client_for()` gives; no cookie of ours may be set."""
    seen = []
    for path in _urls(wave, token):
        for method in ("get", "head"):
            response = getattr(client_for(), method)(path)
            assert response.status_code < 500, (method, path, response.status_code)
            assert not OUR_COOKIES & set(response.cookies), (method, path, response.cookies)
            seen.append((method, path, response.status_code))
    return seen


@pytest.mark.parametrize(("confidentiality", "access"), KINDS)
def test_a_link_scanner_with_no_cookies_changes_nothing_on_any_page(confidentiality, access):
    wave, _, token = _link(confidentiality, access)
    before = _snapshot()
    seen = _look_at_everything(Client, wave, token)
    assert _snapshot() == before
    statuses = {(method, path): status for method, path, status in seen}
    assert statuses["get", reverse("surveys:respond", kwargs={"token": token})] == 200
    assert statuses["head", reverse("surveys:respond", kwargs={"token": token})] == 200
    assert statuses["get", reverse("surveys:respond", kwargs={"token": "x" * 43})] == 404
    assert statuses["get", url(wave, "answer-start")] == 404  # no Start pressed, so no page of answers
    assert not Session.objects.exists()


@pytest.mark.parametrize(("confidentiality", "access"), KINDS)
def test_a_browser_that_keeps_its_cookies_changes_nothing_until_it_presses_start(confidentiality, access):
    wave, contact, token = _link(confidentiality, access)
    browser = Client()
    before = _snapshot()
    _look_at_everything(lambda: browser, wave, token)
    assert _snapshot() == before
    contact.refresh_from_db()
    assert (contact.status, contact.opened_at, contact.started_at) == (ContactStatus.INVITED, None, None)

    started = browser.post(reverse("surveys:respond", kwargs={"token": token}))
    assert started.status_code == 302
    assert started["Location"] == url(wave, "answer-section", section_code="your-support")
    assert settings.SESSION_COOKIE_NAME in started.cookies
    draft = Draft.objects.get()
    if access == WaveAccess.INVITED:
        contact.refresh_from_db()
        assert contact.status == ContactStatus.STARTED and contact.opened_at is not None
        assert draft.contact == contact
    else:
        assert draft.browser_key_hash == browser_key_hash(started.cookies[BROWSER_COOKIE].value)
        contact.refresh_from_db()
        assert contact.opened_at is None, "an open link is nobody's: no contact is marked"


@pytest.mark.parametrize(("confidentiality", "access"), KINDS)
def test_a_respondent_half_way_through_changes_nothing_by_looking(confidentiality, access):
    wave, _, token = _link(confidentiality, access)
    browser = Client()
    browser.post(reverse("surveys:respond", kwargs={"token": token}))
    assert browser.post(url(wave, "answer-section", section_code="your-support"), FIRST).status_code == 302
    before = _snapshot()
    seen = _look_at_everything(lambda: browser, wave, token)
    assert _snapshot() == before
    statuses = {(method, path): status for method, path, status in seen}
    assert statuses["get", url(wave, "answer-section", section_code="about-your-relationship")] == 200
    assert statuses["get", url(wave, "answer-check")] == 200
    page = browser.get(reverse("surveys:respond", kwargs={"token": token})).content.decode()
    assert "Continue where you left off" in page


@pytest.mark.parametrize(("confidentiality", "access"), KINDS)
def test_after_submitting_looking_again_changes_nothing(confidentiality, access):
    wave, _, token = _link(confidentiality, access)
    wave.series.suppression_threshold = 1
    wave.series.save(update_fields=["suppression_threshold"])
    browser = Client()
    browser.post(reverse("surveys:respond", kwargs={"token": token}))
    answer_all(browser, wave)
    assert browser.post(url(wave, "answer-check"))["Location"] == url(wave, "answer-done")
    before = _snapshot()
    _look_at_everything(lambda: browser, wave, token)
    _look_at_everything(Client, wave, token)
    assert _snapshot() == before
    assert "already submitted" in browser.get(reverse("surveys:respond", kwargs={"token": token})).content.decode()


def test_a_closed_wave_answers_410_to_a_look_and_to_start_and_changes_nothing(contact):
    wave_close(wave=contact.wave)
    before = _snapshot()
    path = reverse("surveys:respond", kwargs={"token": contact.token})
    assert Client().get(path).status_code == 410
    assert Client().head(path).status_code == 410
    assert Client().post(path).status_code == 410
    assert _snapshot() == before


def test_an_unknown_token_is_refused_to_a_look_and_to_start_and_changes_nothing(db):
    before = _snapshot()
    for method in ("get", "head", "post"):
        assert getattr(Client(), method)(reverse("surveys:respond", kwargs={"token": "x" * 43})).status_code == 404
        assert getattr(Client(), method)(reverse("surveys:opt-out", kwargs={"token": "x" * 43})).status_code == 404
    assert _snapshot() == before


def test_pressing_start_twice_marks_the_contact_opened_once(contact):
    path = reverse("surveys:respond", kwargs={"token": contact.token})
    Client().post(path)
    contact.refresh_from_db()
    first = contact.opened_at
    Client().post(path)
    contact.refresh_from_db()
    assert contact.opened_at == first
    assert Draft.objects.filter(contact=contact).count() == 1


def test_the_start_button_posts_the_forms_csrf_token(contact):
    browser = Client(enforce_csrf_checks=True)
    path = reverse("surveys:respond", kwargs={"token": contact.token})
    assert browser.post(path).status_code == 403
    assert not Draft.objects.exists()
    page = browser.get(path).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert browser.post(path, {"csrfmiddlewaretoken": token}).status_code == 302
    assert Draft.objects.filter(contact=contact).exists()


def test_the_opt_out_link_only_confirms_and_its_button_opts_out(client, contact):
    path = reverse("surveys:opt-out", kwargs={"token": contact.token})
    for method in ("get", "head"):
        assert getattr(client, method)(path).status_code == 200
    contact.refresh_from_db()
    assert contact.status == ContactStatus.INVITED and contact.opted_out_at is None
    client.post(path)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OPTED_OUT


@pytest.mark.parametrize(("confidentiality", "access"), KINDS)
def test_pages_looked_at_with_no_draft_behind_them_start_none(confidentiality, access):
    """A session whose draft is not there (one opened before Start began drafts): its pages show nothing answered,
    and only saving a page starts the draft."""
    wave, _, token = _link(confidentiality, access)
    browser = Client()
    browser.post(reverse("surveys:respond", kwargs={"token": token}))
    Draft.objects.all().delete()
    before = _snapshot()
    _look_at_everything(lambda: browser, wave, token)
    assert _snapshot() == before
    assert not Draft.objects.exists()
    assert "Start now" in browser.get(reverse("surveys:respond", kwargs={"token": token})).content.decode()
    assert browser.post(url(wave, "answer-section", section_code="your-support"), FIRST).status_code == 302
    assert Draft.objects.get().answers["info"] == "no"
