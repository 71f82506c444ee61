import pytest
from django.core.cache import cache
from django.db import connection
from django.template.backends.jinja2 import Template as JinjaTemplate
from django.test.signals import template_rendered

from exchange.audit.triggers import triggers_install, triggers_remove


@pytest.fixture(autouse=True)
def _audit_triggers_on_sqlite(request):
    """Keep SQLite's append-only audit triggers in force for every test, yet let Django empty the tables.

    Transactional tests (the browser tests) are cleaned up by DELETE on SQLite, which the triggers refuse,
    so they drop the triggers on the way out; every test that uses the database puts them back first.
    PostgreSQL empties tables with TRUNCATE, which its row triggers do not see, so it needs none of this.
    """
    uses_db = any(name in request.fixturenames for name in ("db", "transactional_db", "live_server"))
    if not uses_db or connection.vendor != "sqlite":
        yield
        return
    transactional = "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    request.getfixturevalue("transactional_db" if transactional else "db")
    triggers_install(connection)
    yield
    if transactional:
        triggers_remove(connection)


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
