"""Someone trying survey tokens from one place (issue 19): links that do not exist are counted per client address
(`survey-link.address`); past the limit that address is refused every link, real ones too, with 429 and Retry-After,
until its window closes. Opening a real link is never counted, so looking at it still writes nothing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from exchange.core.models import RateCount
from exchange.surveys.views.answering.start import TOO_MANY_LINKS

pytestmark = pytest.mark.django_db


def _guess(client: Client, n: int, view: str = "surveys:respond") -> int:
    return client.get(reverse(view, kwargs={"token": f"guess-{n:04d}-" + "x" * 30})).status_code


def _limit(settings) -> int:
    return settings.RATE_LIMITS["survey-link.address"][0]


def test_links_that_do_not_exist_are_refused_past_the_limit_and_then_so_is_every_link(client, contact, settings):
    limit = _limit(settings)
    assert [_guess(client, n) for n in range(limit)] == [404] * limit
    refused = client.get(reverse("surveys:respond", kwargs={"token": "one-more-guess"}))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert TOO_MANY_LINKS in refused.content.decode()
    real = client.get(reverse("surveys:respond", kwargs={"token": contact.token}))
    assert real.status_code == 429  # the address is refused everything until its window closes
    assert client.post(reverse("surveys:respond", kwargs={"token": contact.token})).status_code == 429
    contact.refresh_from_db()
    assert contact.opened_at is None


def test_opt_out_links_that_do_not_exist_count_as_guesses_too(client, settings):
    limit = _limit(settings)
    assert [_guess(client, n, "surveys:opt-out") for n in range(limit)] == [404] * limit
    assert _guess(client, limit, "surveys:opt-out") == 429
    assert _guess(client, limit + 1) == 429


def test_another_address_is_not_refused_for_one_addresses_guesses(contact, settings):
    guesser, person = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.20")
    for n in range(_limit(settings) + 1):
        _guess(guesser, n)
    assert person.get(reverse("surveys:respond", kwargs={"token": contact.token})).status_code == 200


def test_behind_a_trusted_proxy_guesses_count_against_the_forwarded_address(contact, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    person = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    for n in range(_limit(settings) + 1):
        _guess(guesser, n)
    assert _guess(guesser, 999) == 429
    assert person.get(reverse("surveys:respond", kwargs={"token": contact.token})).status_code == 200


def test_an_address_is_let_in_again_once_its_window_has_closed(client, contact, settings, time_machine):
    limit, seconds = settings.RATE_LIMITS["survey-link.address"]
    time_machine.move_to(datetime.datetime.now(tz=datetime.UTC), tick=False)
    for n in range(limit + 1):
        _guess(client, n)
    assert client.get(reverse("surveys:respond", kwargs={"token": contact.token})).status_code == 429
    time_machine.shift(datetime.timedelta(seconds=seconds + 1))
    assert client.get(reverse("surveys:respond", kwargs={"token": contact.token})).status_code == 200


def test_opening_a_real_link_again_and_again_is_never_counted(client, contact, settings):
    for _ in range(_limit(settings) + 5):
        assert client.get(reverse("surveys:respond", kwargs={"token": contact.token})).status_code == 200
        assert client.head(reverse("surveys:opt-out", kwargs={"token": contact.token})).status_code == 200
    assert RateCount.objects.count() == 0
