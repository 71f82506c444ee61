"""Rate limits counted in the database: a key's hits are allowed up to the limit within its window, refused past it
with the seconds to wait, and allowed again once the window has closed; other keys and scopes are unaffected; the
key is never stored in clear; a refusal anywhere answers 429 with Retry-After on the service's page."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.urls import path

from config.urls import urlpatterns as service_urlpatterns
from exchange.core import clock
from exchange.core.exceptions import TooManyRequests
from exchange.core.models import RateCount
from exchange.core.selectors.rate_limits import rate_limit_state
from exchange.core.services.rate_limits import (
    rate_limit_clear,
    rate_limit_enforce,
    rate_limit_give_back,
    rate_limit_hit,
)
from exchange.core.shortcuts import rate_limit_per_address

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "test.three-an-hour": (3, 3600), "test.other": (3, 3600)}


def hits(scope: str, key: str, times: int) -> list[bool]:
    return [rate_limit_hit(scope=scope, key=key).allowed for _ in range(times)]


def test_hits_up_to_the_limit_are_allowed_and_the_next_is_refused_with_the_wait():
    assert hits("test.three-an-hour", "ada@example.nhs.uk", 4) == [True, True, True, False]
    refused = rate_limit_hit(scope="test.three-an-hour", key="ada@example.nhs.uk")
    assert not refused.allowed and 3590 <= refused.retry_after <= 3600


def test_another_key_and_another_scope_are_unaffected():
    hits("test.three-an-hour", "ada@example.nhs.uk", 4)
    assert rate_limit_hit(scope="test.three-an-hour", key="bob@example.nhs.uk").allowed
    assert rate_limit_hit(scope="test.other", key="ada@example.nhs.uk").allowed


def test_the_window_opens_at_the_first_hit_and_after_it_hits_are_allowed_again(time_machine):
    time_machine.move_to(clock.now(), tick=False)
    start = clock.now()
    rate_limit_hit(scope="test.three-an-hour", key="ada")
    time_machine.move_to(start + datetime.timedelta(minutes=50), tick=False)
    assert hits("test.three-an-hour", "ada", 3) == [True, True, False]
    assert rate_limit_hit(scope="test.three-an-hour", key="ada").retry_after == 10 * 60
    time_machine.move_to(start + datetime.timedelta(minutes=60), tick=False)
    assert hits("test.three-an-hour", "ada", 4) == [True, True, True, False]


def test_a_key_is_stored_only_as_a_keyed_hash():
    rate_limit_hit(scope="test.three-an-hour", key="ada@example.nhs.uk")
    row = RateCount.objects.get()
    assert "ada" not in row.key_hash and len(row.key_hash) == 64
    assert (row.scope, row.count) == ("test.three-an-hour", 1)


def test_rows_of_windows_closed_a_day_ago_are_deleted_when_a_window_opens(
    time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(clock.now().replace(microsecond=0), tick=False)
    start = clock.now()
    hits("test.three-an-hour", "ada", 2)
    hits("test.other", "bob", 1)
    time_machine.move_to(start + datetime.timedelta(hours=2), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        rate_limit_hit(scope="test.three-an-hour", key="carol")
    assert RateCount.objects.count() == 3  # closed an hour ago: kept for a while
    time_machine.move_to(start + datetime.timedelta(days=1, hours=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        rate_limit_hit(scope="test.three-an-hour", key="dan")
    assert sorted(RateCount.objects.values_list("window_start", flat=True)) == [
        start + datetime.timedelta(hours=2),
        start + datetime.timedelta(days=1, hours=1),
    ]


def test_inside_a_transaction_closed_rows_are_pruned_only_after_it_commits(
    time_machine, django_capture_on_commit_callbacks
):
    """Pruned inside a service's transaction, the deleted rows would stay locked until its commit."""
    time_machine.move_to(clock.now().replace(microsecond=0), tick=False)
    start = clock.now()
    hits("test.other", "bob", 1)
    time_machine.move_to(start + datetime.timedelta(days=2), tick=False)
    with django_capture_on_commit_callbacks() as after_commit, transaction.atomic():
        rate_limit_hit(scope="test.three-an-hour", key="carol")
        assert RateCount.objects.filter(scope="test.other").exists()
    assert RateCount.objects.filter(scope="test.other").exists() and len(after_commit) == 1
    after_commit[0]()
    assert not RateCount.objects.filter(scope="test.other").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent connections: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_on_one_key_are_each_counted_once():
    def hit(_):
        try:
            return rate_limit_hit(scope="test.three-an-hour", key="ada").allowed
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        allowed = list(pool.map(hit, range(24)))
    assert sorted(allowed) == [False] * 21 + [True] * 3
    assert RateCount.objects.get().count == 24


def test_the_state_counts_nothing_and_says_when_one_more_would_be_refused():
    assert rate_limit_state(scope="test.three-an-hour", key="ada").allowed
    hits("test.three-an-hour", "ada", 2)
    assert rate_limit_state(scope="test.three-an-hour", key="ada").allowed
    assert RateCount.objects.get().count == 2
    rate_limit_hit(scope="test.three-an-hour", key="ada")
    state = rate_limit_state(scope="test.three-an-hour", key="ada")
    assert not state.allowed and state.retry_after > 3500
    assert rate_limit_state(scope="test.three-an-hour", key="bob").allowed


def test_enforce_raises_past_the_limit_and_a_refusal_rolled_back_uses_up_nothing():
    for _ in range(3):
        rate_limit_enforce(scope="test.three-an-hour", key="ada", message="Too many.")
    with pytest.raises(TooManyRequests) as refused, transaction.atomic():
        rate_limit_enforce(scope="test.three-an-hour", key="ada", message="Too many.")
    assert refused.value.message == "Too many." and refused.value.retry_after > 3500
    assert RateCount.objects.get().count == 3


def test_survey_links_opened_from_one_address_are_limited_per_real_address(settings):
    """What a survey-link view calls: counted per client address, behind a trusted proxy the forwarded one."""
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    limit, _ = settings.RATE_LIMITS["survey-link.address"]

    def open_link(forwarded_for: str):
        request = RequestFactory().get("/s/abc/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded_for)
        rate_limit_per_address(request, scope="survey-link.address", message="Too many survey links.")

    for _ in range(limit):
        open_link("203.0.113.9")
    with pytest.raises(TooManyRequests) as refused:
        open_link("192.0.2.1, 203.0.113.9")
    assert refused.value.message == "Too many survey links." and refused.value.retry_after > 590
    open_link("203.0.113.10")


def too_many(request):
    raise TooManyRequests("You have done this too often.", retry_after=61)


urlpatterns = [*service_urlpatterns, path("too-many/", too_many)]


@pytest.mark.urls(__name__)
def test_a_refusal_answers_429_with_retry_after_on_the_service_page():
    response = Client().get("/too-many/")
    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "61" and response["Cache-Control"] == "no-store"
    assert "Too many requests" in html and "You have done this too often." in html and "2 minutes" in html
    assert "nhsuk-header" in html


@pytest.mark.urls(__name__)
def test_a_refusal_answers_a_json_problem_to_a_client_that_does_not_take_html():
    response = Client().get("/too-many/", HTTP_ACCEPT="application/json")
    assert response.status_code == 429 and response["Retry-After"] == "61"
    assert response.json()["detail"] == "You have done this too often."


def test_a_hit_given_back_is_uncounted_but_not_in_a_window_that_opened_after_it(time_machine):
    time_machine.move_to(clock.now().replace(microsecond=0), tick=False)
    start = clock.now()
    hits("test.three-an-hour", "ada", 3)
    rate_limit_give_back(scope="test.three-an-hour", key="ada", counted_at=start)
    assert RateCount.objects.get().count == 2
    time_machine.move_to(start + datetime.timedelta(hours=1), tick=False)
    hits("test.three-an-hour", "ada", 1)  # a new window
    rate_limit_give_back(scope="test.three-an-hour", key="ada", counted_at=start)
    assert RateCount.objects.get().count == 1


def test_a_cleared_key_has_its_whole_allowance_again_and_other_keys_keep_theirs():
    hits("test.three-an-hour", "ada", 4)
    hits("test.three-an-hour", "bob", 4)
    rate_limit_clear(scope="test.three-an-hour", key="ada")
    assert hits("test.three-an-hour", "ada", 4) == [True, True, True, False]
    assert not rate_limit_hit(scope="test.three-an-hour", key="bob").allowed
