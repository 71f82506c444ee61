import pytest
from django.urls import reverse

from exchange.surveys.models import Response, WaveAccess
from exchange.surveys.services.authoring import wave_open

from .factories import full_wave
from .test_answering import answer_all, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _each_response_its_own_batch(request):
    """These tests are about answering; with a threshold of 1 each confidential response is released at once.
    Batching has its own tests (test_batches.py)."""
    if "open_link_wave" in request.fixturenames:
        series = request.getfixturevalue("open_link_wave").series
        series.suppression_threshold = 1
        series.save(update_fields=["suppression_threshold"])


@pytest.fixture
def open_link_wave(db):
    return wave_open(wave=full_wave(access=WaveAccess.OPEN_LINK))


def test_an_anonymous_browser_answers_once(client, open_link_wave):
    wave = open_link_wave
    assert client.post(reverse("surveys:respond", kwargs={"token": wave.open_link_key})).status_code == 302
    answer_all(client, wave)
    client.post(url(wave, "answer-check"))
    response = Response.objects.get()
    assert response.via_open_link and response.organisation is None
    # The same browser opening the link again is told it has already answered.
    client.post(reverse("surveys:respond", kwargs={"token": wave.open_link_key}))
    assert client.get(url(wave, "answer-start"))["Location"] == url(wave, "answer-done")
    assert client.post(url(wave, "answer-check"))["Location"] == url(wave, "answer-done")
    assert Response.objects.count() == 1


def test_another_browser_can_answer(client, open_link_wave):
    from django.test import Client

    wave = open_link_wave
    for browser in (client, Client()):
        browser.post(reverse("surveys:respond", kwargs={"token": wave.open_link_key}))
        answer_all(browser, wave)
        browser.post(url(wave, "answer-check"))
    assert Response.objects.count() == 2
