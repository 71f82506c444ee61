"""Respondent mode: a person answering a survey sees the survey, its progress, how their answers are protected and
where to get help; no sign-in, no marketplace, no navigation to the rest of the service."""

import re

import pytest
from django.urls import reverse

from exchange.surveys.models import Confidentiality

from .test_answering import answer_all, start, url

pytestmark = pytest.mark.django_db

FORBIDDEN = ["/marketplace/", "/accounts/sign-in/", "/organisations/", "/plans/", "/audit/", "Sign in", "Find support"]


def _links(body: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', body)


def _respondent_pages(client, contact) -> list[str]:
    wave = contact.wave
    link = client.get(reverse("surveys:respond", kwargs={"token": contact.token})).content.decode()
    start(client, contact)
    pages = [
        url(wave, "answer-start"),
        url(wave, "answer-section", section_code="your-support"),
        url(wave, "answer-section", section_code="about-your-relationship"),
    ]
    bodies = [link, *(client.get(page, follow=True).content.decode() for page in pages)]
    answer_all(client, wave)
    bodies.append(client.get(url(wave, "answer-check")).content.decode())
    submitted = client.post(url(wave, "answer-check"), {"action": "submit"}, follow=True)
    bodies.append(submitted.content.decode())
    bodies.append(client.get(reverse("surveys:respond", kwargs={"token": "not-a-token"}), follow=True).content.decode())
    return bodies


@pytest.mark.parametrize("confidentiality", [Confidentiality.NAMED, Confidentiality.CONFIDENTIAL])
def test_a_respondents_pages_have_no_link_to_the_marketplace_or_sign_in(client, contact, confidentiality):
    contact.wave.confidentiality = confidentiality
    contact.wave.save(update_fields=["confidentiality"])
    bodies = _respondent_pages(client, contact)
    assert len(bodies) == 7
    for body in bodies:
        for link in _links(body):
            assert not any(link.startswith(forbidden) for forbidden in FORBIDDEN if forbidden.startswith("/")), link
        assert "Sign in" not in body and "Find support" not in body
        assert "Service status" in body
        assert 'href="/"' not in body  # not even the home page: the service's name leads nowhere


def test_a_confidential_surveys_pages_say_how_answers_are_protected(client, contact):
    contact.wave.confidentiality = Confidentiality.CONFIDENTIAL
    contact.wave.save(update_fields=["confidentiality"])
    start(client, contact)
    body = client.get(url(contact.wave, "answer-section", section_code="your-support"), follow=True).content.decode()
    assert "Confidential survey." in body and "no longer linked to your name" in body
    assert "part 1 of 3" in body
