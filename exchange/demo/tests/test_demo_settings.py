"""`make demo` runs with config.settings.local: DEBUG off unless asked for, so a wrong address shows the service's own
"Page not found" and never Django's technical page, which lists every URL pattern of the site."""

import importlib

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings


def _local_settings(monkeypatch, debug: str | None):
    if debug is None:
        monkeypatch.delenv("CX_DEBUG", raising=False)
    else:
        monkeypatch.setenv("CX_DEBUG", debug)
    import config.settings.local as local

    return importlib.reload(local)


def test_the_demo_settings_have_debug_off_unless_a_developer_asks_for_it(monkeypatch):
    local = _local_settings(monkeypatch, None)
    assert local.DEBUG is False and local.DEMO is True
    assert local.WHITENOISE_USE_FINDERS  # runserver serves no static files with DEBUG off; WhiteNoise does
    assert _local_settings(monkeypatch, "1").DEBUG is True
    assert _local_settings(monkeypatch, "yes please").DEBUG is False


@pytest.mark.django_db
def test_a_wrong_address_in_the_demo_is_the_services_page_not_found_without_the_url_patterns(monkeypatch, client):
    local = _local_settings(monkeypatch, None)
    with override_settings(DEBUG=local.DEBUG, DEMO=local.DEMO, WHITENOISE_USE_FINDERS=local.WHITENOISE_USE_FINDERS):
        for path in ("/no-such-page/", "/marketplace/requirements/99999999999999999999/", "/plans/0/"):
            response = client.get(path)
            html = response.content.decode()
            assert response.status_code == 404
            assert "Page not found" in html and "Commissioning Exchange" in html
            assert "URLconf" not in html and "marketplace/requirements/&lt;" not in html and "urlpatterns" not in html
        assert client.get("/static/css/exchange.css").status_code == 200


def test_demo_data_is_refused_outside_the_demo_settings():
    with pytest.raises(CommandError, match="only loaded with the demo's settings"):
        call_command("load_demo")
