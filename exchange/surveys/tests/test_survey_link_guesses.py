"""Someone trying survey tokens from one place (issue 19): links that do not exist are counted per client address (an
IPv6 address's /64), `survey-link.address`; past the limit more of them are refused with 429 and Retry-After until
the window closes. A real link is never counted or refused: looking at it still writes nothing, and colleagues behind
the guesser's shared address keep answering."""

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


def test_links_that_do_not_exist_are_refused_past_the_limit_but_a_real_link_still_opens(client, contact, settings):
    limit = _limit(settings)
    assert [_guess(client, n) for n in range(limit)] == [404] * limit
    refused = client.get(reverse("surveys:respond", kwargs={"token": "one-more-guess"}))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert TOO_MANY_LINKS in refused.content.decode()
    # A colleague behind the same address, with a real link, is not shut out by someone else's guesses.
    assert client.get(reverse("surveys:respond", kwargs={"token": contact.token})).status_code == 200
    assert client.post(reverse("surveys:respond", kwargs={"token": contact.token})).status_code == 302
    contact.refresh_from_db()
    assert contact.opened_at is not None


def test_guesses_from_one_ipv6_network_are_counted_together(settings):
    limit = _limit(settings)
    statuses = [_guess(Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}"), n) for n in range(limit + 1)]
    assert statuses == [404] * limit + [429]


def test_opt_out_links_that_do_not_exist_count_as_guesses_too(client, settings):
    limit = _limit(settings)
    assert [_guess(client, n, "surveys:opt-out") for n in range(limit)] == [404] * limit
    assert _guess(client, limit, "surveys:opt-out") == 429
    assert _guess(client, limit + 1) == 429  # one count for both kinds of link


def test_another_address_is_not_refused_for_one_addresses_guesses(contact, settings):
    guesser, person = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.20")
    for n in range(_limit(settings) + 1):
        _guess(guesser, n)
    assert _guess(person, 0) == 404  # its own count


def test_behind_a_trusted_proxy_guesses_count_against_the_forwarded_address(contact, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    person = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    for n in range(_limit(settings) + 1):
        _guess(guesser, n)
    assert _guess(guesser, 999) == 429
    assert person.get(reverse("surveys:respond", kwargs={"token": contact.token})).status_code == 200


def test_an_address_may_try_again_once_its_window_has_closed(client, settings, time_machine):
    limit, seconds = settings.RATE_LIMITS["survey-link.address"]
    time_machine.move_to(datetime.datetime.now(tz=datetime.UTC), tick=False)
    for n in range(limit + 1):
        _guess(client, n)
    assert _guess(client, 9998) == 429
    time_machine.shift(datetime.timedelta(seconds=seconds + 1))
    assert _guess(client, 9999) == 404


def test_opening_a_real_link_again_and_again_is_never_counted(client, contact, settings):
    for _ in range(_limit(settings) + 5):
        assert client.get(reverse("surveys:respond", kwargs={"token": contact.token})).status_code == 200
        assert client.head(reverse("surveys:opt-out", kwargs={"token": contact.token})).status_code == 200
    assert RateCount.objects.count() == 0
