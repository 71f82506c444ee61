import datetime
import os

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.template.backends.jinja2 import Template as JinjaTemplate
from django.test.signals import template_rendered

# `CX_CLOCK_SHIFT_DAYS=400 pytest …` runs the tests with every clock of the process (datetime, time, Django's
# timezone.now) moved that many days ahead and still ticking, as the real clock will be one day. CI runs the
# procurement, OCDS and marketplace tests so, to prove that no test depends on a date the real clock can pass.
# The clock moves when this file is imported, before any test module (some compute moments at import).
CLOCK_SHIFT_DAYS = int(os.environ.get("CX_CLOCK_SHIFT_DAYS") or 0)
if CLOCK_SHIFT_DAYS:
    time_machine.travel(
        datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=CLOCK_SHIFT_DAYS), tick=True
    ).start()


def pytest_report_header(config):
    if CLOCK_SHIFT_DAYS:
        now = datetime.datetime.now(tz=datetime.UTC)
        return f"clock shifted {CLOCK_SHIFT_DAYS} days ahead: now is {now:%Y-%m-%d %H:%M} UTC"
    return None


@pytest.fixture(autouse=True)
def _append_only_triggers_on_sqlite(request):
    """Keep SQLite's append-only triggers (the audit log, the published releases) in force for every test, yet let
    Django empty the tables.

    Transactional tests (the browser tests) are cleaned up by DELETE on SQLite, which the triggers refuse,
    so they drop the triggers on the way out; every test that uses the database puts them back first.
    PostgreSQL empties tables with TRUNCATE, which its row triggers do not see, so it needs none of this.
    """
    uses_db = any(name in request.fixturenames for name in ("db", "transactional_db", "live_server"))
    if not uses_db or connection.vendor != "sqlite":
        yield
        return
    from exchange.audit.triggers import AUDIT_EVENTS
    from exchange.marketplace.procurement.models import RELEASES

    transactional = "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    request.getfixturevalue("transactional_db" if transactional else "db")
    for table in (AUDIT_EVENTS, RELEASES):
        table.install(connection)
    yield
    if transactional:
        for table in (AUDIT_EVENTS, RELEASES):
            table.remove(connection)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages are keyed by tokens held in the database; a rolled-back test must not leave them behind."""
    cache.clear()
    yield
    cache.clear()


_jinja_render = JinjaTemplate.render


def _render_and_signal(self, context=None, request=None):
    # Django's test client records `response.context` from this signal, which only its own template engine sends.
    template_rendered.send(sender=self, template=self, context=context or {})
    return _jinja_render(self, context, request)


JinjaTemplate.render = _render_and_signal


REDIS_TEST_URL = os.environ.get("CX_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis of the tests that need one (a spare database number; each test keeps to a key prefix of its own and
    never empties it). Skipped when nothing answers there, except with CI=true, where a silent Redis fails the test,
    as a silent PostgreSQL fails `make test-postgres`."""
    import redis

    try:
        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis does not answer at {REDIS_TEST_URL}: failing because CI=true ({error})")
        pytest.skip(f"Redis does not answer at {REDIS_TEST_URL}")
    return REDIS_TEST_URL
