"""The survey link's start page: it names the survey and wave, says how answers are kept, offers Start (Continue with
a draft) as a form that posts, and the way to opt out; a contact who has answered or opted out is told so instead."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from exchange.surveys.models import Confidentiality, ContactStatus, WaveAccess
from exchange.surveys.services.authoring import wave_open
from exchange.surveys.services.responding import draft_for_contact

from .factories import full_wave
from .test_answering import answer_all, url

pytestmark = pytest.mark.django_db

CONFIDENTIAL = "This survey is confidential. When you submit, your answers are no longer linked to your name"


def _page(client, token):
    response = client.get(reverse("surveys:respond", kwargs={"token": token}))
    return response, response.content.decode()


def _start_form(body: str) -> str:
    forms = re.findall(r'<form method="post"[^>]*>.*?</form>', body, flags=re.S)
    assert len(forms) == 1, forms
    return forms[0]


def test_a_contacts_start_page_names_the_survey_and_says_how_answers_are_kept(client, contact):
    response, body = _page(client, contact.token)
    assert response.status_code == 200
    wave = contact.wave
    assert f"<h1>{wave.series.title}, {wave.label}</h1>" in body
    assert wave.series.owner.name in body
    assert "There are 3 parts." in body
    assert CONFIDENTIAL in body
    form = _start_form(body)
    assert "csrfmiddlewaretoken" in form and "Start now" in form and "action=" not in form
    assert f'href="{reverse("surveys:opt-out", kwargs={"token": contact.token})}"' in body
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_named_waves_start_page_says_answers_are_kept_with_the_name(client, contact):
    contact.wave.confidentiality = Confidentiality.NAMED
    contact.wave.save(update_fields=["confidentiality"])
    _, body = _page(client, contact.token)
    assert "Your answers will be kept with your name and organisation." in body
    assert CONFIDENTIAL not in body


def test_with_a_draft_the_button_says_continue(client, contact):
    draft_for_contact(contact=contact)
    contact.refresh_from_db()
    _, body = _page(client, contact.token)
    assert "Continue where you left off" in _start_form(body)


def test_a_contact_who_has_answered_is_thanked_and_offered_no_start_or_opt_out(client, contact):
    contact.status = ContactStatus.COMPLETED
    contact.save(update_fields=["status"])
    response, body = _page(client, contact.token)
    assert response.status_code == 200
    assert "You have already submitted your answers to this survey." in body
    assert "<form" not in body and "opt-out" not in body


def test_a_contact_who_has_opted_out_is_told_so_and_offered_no_start(client, contact):
    contact.status = ContactStatus.OPTED_OUT
    contact.save(update_fields=["status"])
    response, body = _page(client, contact.token)
    assert response.status_code == 409
    assert "You have opted out of this survey." in body and "<form" not in body


def test_an_open_links_start_page_offers_start_and_no_opt_out(db):
    wave = wave_open(wave=full_wave(access=WaveAccess.OPEN_LINK))
    response, body = _page(Client(), wave.open_link_key)
    assert response.status_code == 200
    assert "Start now" in _start_form(body)
    assert "opt-out" not in body and "opt out" not in body
    assert "with the same link in this browser" in body


def test_an_open_link_browser_that_has_answered_is_thanked(db):
    wave = wave_open(wave=full_wave(access=WaveAccess.OPEN_LINK))
    wave.series.suppression_threshold = 1
    wave.series.save(update_fields=["suppression_threshold"])
    browser = Client()
    browser.post(reverse("surveys:respond", kwargs={"token": wave.open_link_key}))
    answer_all(browser, wave)
    browser.post(url(wave, "answer-check"))
    _, body = _page(browser, wave.open_link_key)
    assert "already submitted" in body and "<form" not in body
    _, fresh = _page(Client(), wave.open_link_key)
    assert "Start now" in _start_form(fresh), "another browser may still answer"
