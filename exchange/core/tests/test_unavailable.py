"""A database outage answers 503 with Retry-After and a page that says so; a database bug stays a 500.

The outage is real: a fresh process whose settings point at a closed port of PostgreSQL, as a lost database
looks to the service. No mock of the database, the views or the middleware."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from django.utils.timezone import localtime

from exchange.core import clock

from .test_pages_and_headers import _assert_secure_headers

ROOT = Path(settings.BASE_DIR)
HEADING = "Sorry, the service is unavailable for a moment"

# Each request is made in the outage process and its status, headers and body printed as one JSON object.
OUTAGE_SCRIPT = """
import django, json; django.setup()
from django.test import Client

def answer(response):
    return {"status": response.status_code, "headers": dict(response.items()), "body": response.content.decode()}

# A view's outage is answered by the middleware: the test client, which re-raises what Django only logs, sees none.
plain = Client()
with_session = Client()
with_session.cookies["sessionid"] = "k" * 32
# These meet the outage inside Django's own handling (the 404 page, the CSRF refusal): handler500 answers them.
handled = Client(raise_request_exception=False)
handled.cookies["sessionid"] = "k" * 32
checked = Client(raise_request_exception=False, enforce_csrf_checks=True)
checked.cookies["sessionid"] = "k" * 32
print(json.dumps({
    "marketplace": answer(plain.get("/marketplace/")),
    "home": answer(plain.get("/")),
    "sign-in": answer(plain.get("/accounts/sign-in/")),
    "sign-in with a session": answer(with_session.get("/accounts/sign-in/")),
    "missing page with a session": answer(handled.get("/no-such-page/")),
    "sign-in sent": answer(plain.post("/accounts/sign-in/", {"email": "ada@example.nhs.uk", "password": "x" * 12})),
    "refused csrf with a session": answer(checked.post("/accounts/sign-in/", {"email": "ada@example.nhs.uk"})),
    "htmx": answer(plain.get("/marketplace/", HTTP_HX_REQUEST="true")),
    "healthz": answer(plain.get("/healthz")),
    "status": answer(plain.get("/status/")),
    "api": answer(plain.get("/api/offerings")),
    "json client": answer(plain.get("/ocds/releases.json", HTTP_ACCEPT="application/json")),
}))
"""


@pytest.fixture(scope="module")
def outage() -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
    }
    result = subprocess.run(
        [sys.executable, "-c", OUTAGE_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _assert_unavailable_page(answer: dict) -> None:
    assert answer["status"] == 503
    assert answer["headers"]["Retry-After"] == "30"
    assert "no-store" in answer["headers"]["Cache-Control"]
    assert answer["headers"]["Content-Type"].startswith("text/html")
    assert f"<h1>{HEADING}</h1>" in answer["body"]
    assert "Try again in a few minutes." in answer["body"]


@pytest.mark.parametrize("name", ["marketplace", "home"])
def test_a_database_outage_answers_503_with_retry_after_instead_of_500(outage, name):
    _assert_unavailable_page(outage[name])


def test_the_outage_page_stands_alone_in_nhs_styling_and_says_what_was_kept(outage):
    body = outage["marketplace"]["body"]
    assert "nhsuk-frontend.min.css" in body
    assert 'class="nhsuk-header' in body
    assert "Survey answers and bids you saved before this happened are safe." in body
    # Nothing of the layout that needs the database: no account links, no footer drawn from the cache.
    assert "Sign in" not in body
    assert "Service status" not in body


@pytest.mark.parametrize("name", ["marketplace", "sign-in with a session", "refused csrf with a session", "api"])
def test_the_outage_answers_carry_the_security_headers(outage, name):
    _assert_secure_headers(outage[name]["headers"], name)


def test_a_page_that_needs_no_database_still_answers_during_the_outage(outage):
    assert outage["sign-in"]["status"] == 200


def test_a_request_whose_session_cookie_needs_the_database_answers_503(outage):
    _assert_unavailable_page(outage["sign-in with a session"])


def test_a_missing_page_whose_layout_needs_the_session_answers_503(outage):
    _assert_unavailable_page(outage["missing page with a session"])


def test_a_form_sent_during_the_outage_answers_503(outage):
    _assert_unavailable_page(outage["sign-in sent"])


def test_a_refused_csrf_check_whose_page_needs_the_session_answers_503(outage):
    """The CSRF refusal is drawn inside CsrfViewMiddleware: the error reaches handler500, not process_exception."""
    _assert_unavailable_page(outage["refused csrf with a session"])


def test_an_htmx_request_gets_the_same_503(outage):
    _assert_unavailable_page(outage["htmx"])


def test_healthz_answers_503_json_with_retry_after(outage):
    answer = outage["healthz"]
    assert answer["status"] == 503
    assert answer["headers"]["Content-Type"] == "application/json"
    assert answer["headers"]["Retry-After"] == "30"
    assert json.loads(answer["body"]) == {"status": "unavailable", "database": "unreachable"}


def test_the_status_page_answers_503_with_the_outage_page(outage):
    _assert_unavailable_page(outage["status"])


@pytest.mark.parametrize("name", ["api", "json client"])
def test_the_api_and_json_clients_get_a_json_problem_with_retry_after(outage, name):
    answer = outage[name]
    assert answer["status"] == 503
    assert answer["headers"]["Content-Type"] == "application/problem+json"
    assert answer["headers"]["Retry-After"] == "30"
    assert json.loads(answer["body"])["status"] == 503


# A database bug, provoked for real in the test database by a view that exists only in this module's URLs.
def _database_bug(request: HttpRequest, kind: str) -> HttpResponse:
    with transaction.atomic():
        if kind == "integrity":
            Group.objects.create(name="twice")
            Group.objects.create(name="twice")  # the name is unique
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT %s", [])  # one placeholder, no parameter
    return HttpResponse("unreachable")


urlpatterns = [path("bug/<str:kind>/", _database_bug)]
handler500 = "exchange.core.views.pages.server_error"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize("kind", ["integrity", "programming"])
def test_a_database_bug_is_still_a_server_error_not_an_outage(kind):
    response = Client(raise_request_exception=False).get(f"/bug/{kind}/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Sorry, there is a problem with the service" in response.content.decode()


@pytest.mark.django_db
def test_the_status_page_says_the_service_is_running_normally_and_when_it_checked(client, time_machine):
    time_machine.move_to(clock.now(), tick=False)
    response = client.get("/status/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The service is running normally." in html
    assert f"Checked at {localtime(clock.now()):%H:%M on %-d %B %Y}." in html
    assert 'class="nhsuk-footer' in html
    assert "no-cache" in response["Cache-Control"]
    main = html[html.index("<main") : html.index("</main>")]
    assert "database" not in main.lower()  # no internal details


@pytest.mark.django_db
def test_the_footer_links_people_to_the_status_page_not_to_the_json(client):
    html = client.get("/").content.decode()
    assert 'href="/status/"' in html
    assert "/healthz" not in html


@pytest.mark.parametrize(
    ("cause", "outage"),
    [
        (None, True),  # the driver could not connect at all
        ("ConnectionFailure", True),  # SQLSTATE 08006
        ("AdminShutdown", True),  # 57P01
        ("CannotConnectNow", True),  # 57P03
        ("ProgramLimitExceeded", False),  # 54000: the same statement fails again
        ("DiskFull", False),
        ("DeadlockDetected", False),
    ],
)
def test_only_errors_a_retry_can_cure_are_answered_as_an_outage(cause, outage):
    import psycopg.errors
    from django.db import OperationalError

    from exchange.core.views.pages import is_database_unavailable

    error = OperationalError("the database said no")
    if cause:
        error.__cause__ = getattr(psycopg.errors, cause)("the database said no")
    assert is_database_unavailable(error) is outage
