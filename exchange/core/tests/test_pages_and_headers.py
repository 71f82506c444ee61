import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from exchange.accounts.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def test_healthz_is_200_with_json_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def public_pages():
    return ["/", "/organisations/", "/accounts/sign-in/", "/accounts/password-reset/", "/healthz", "/status/", "/nope/"]


def test_every_page_carries_csp_and_security_headers(client):
    membership = MembershipFactory(roles=["organisation_admin"])
    pages = public_pages()
    member_pages = [
        "/accounts/account/",
        reverse("accounts:member-list", kwargs={"slug": membership.organisation.slug}),
        reverse("accounts:invitation-create", kwargs={"slug": membership.organisation.slug}),
        reverse("organisations:organisation-detail", kwargs={"slug": membership.organisation.slug}),
    ]
    for url in pages:
        _assert_secure_headers(client.get(url), url)
    client.force_login(membership.user)
    for url in member_pages:
        _assert_secure_headers(client.get(url), url)
    client.force_login(UserFactory(is_staff=True))
    _assert_secure_headers(client.get("/audit/"), "/audit/")


def _assert_secure_headers(response, url):
    policy = response.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy, url
    assert "frame-ancestors 'none'" in policy, url
    assert "unsafe-inline" not in policy, url
    assert response["X-Frame-Options"] == "DENY", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert "camera=()" in response["Permissions-Policy"], url


def test_the_inline_script_carries_the_csp_nonce(client):
    response = client.get("/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_pages_use_the_nhs_layout_with_skip_link_header_and_footer(client):
    html = client.get("/").content.decode()
    assert 'href="#maincontent"' in html
    assert "Commissioning Exchange" in html
    assert 'class="nhsuk-footer' in html


def test_unknown_pages_get_the_nhs_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def _production_env(**overrides) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "ALLOWED_HOSTS": "exchange.example.nhs.uk",
        "EMAIL_HOST": "smtp.example.nhs.uk",
        "OCDS_PREFIX": "ocds-exampl",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    # The browser tests' conftest sets this for Playwright; a deployment never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def test_check_deploy_with_production_settings_prints_no_warning():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # One check silenced, on purpose: axes.W006 asks for a lock on the client address, which would lock out everyone
    # behind an organisation's shared address; failures per address are the sign-in.address limit instead.
    assert "System check identified no issues (1 silenced)." in result.stdout
    assert settings.SILENCED_SYSTEM_CHECKS == ["axes.W006"]


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "EMAIL_HOST", "OCDS_PREFIX", "REDIS_URL"]
)
def test_production_refuses_to_start_without_its_environment(missing):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_production_env(**{missing: None}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set in production." in result.stderr


@pytest.mark.parametrize("prefix", ["ocds-cx0000", "ocds-12345", "OCDS-ABCDEF", "cx0000", "ocds-abcdef-1"])
def test_production_refuses_the_placeholder_or_a_malformed_ocds_prefix(prefix):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_production_env(OCDS_PREFIX=prefix),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "OCDS_PREFIX must be the prefix the Open Contracting Partnership registered" in result.stderr


@pytest.mark.django_db
def test_pages_render_with_the_production_static_manifest(client, tmp_path, settings):
    """Production serves hashed file names from a manifest; a template asking for a name that is not in it
    would turn every page into a server error."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    for path in ["/", "/marketplace/", "/organisations/", "/no-such-page/"]:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert re.search(r"nhsuk-frontend\.min\.[0-9a-f]{12}\.css", response.content.decode()), path


@pytest.mark.django_db
def test_the_cached_header_carries_each_requests_own_csrf_token_and_each_persons_name():
    from django.test import Client

    first, second = UserFactory(full_name="Ada Lovelace"), UserFactory(full_name="Grace Hopper")
    for user in (first, second):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        client.get("/")  # the first page draws and caches this person's header
        page = client.get("/organisations/").content.decode()
        assert user.full_name in page and ({first.full_name, second.full_name} - {user.full_name}).pop() not in page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        response = client.post("/accounts/sign-out/", {"csrfmiddlewaretoken": token})
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session


def _production_setting(expression: str, **env) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=_production_env(**env), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_shares_everything_through_postgresql_and_redis_and_nothing_through_a_machine():
    cache = "settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION']"
    assert _production_setting(cache) == "exchange.core.cache.TolerantRedisCache redis://127.0.0.1:6379/0"
    assert _production_setting("settings.STORAGES['private']['BACKEND']") == "exchange.core.storage.DatabaseStorage"
    assert _production_setting("settings.DATABASES['default']['OPTIONS']['connect_timeout']") == "3"


def test_production_keys_the_cache_by_the_release_or_else_by_the_commit():
    assert _production_setting("settings.CACHES['default']['KEY_PREFIX']", RELEASE="v42") == "v42"
    commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    assert _production_setting("settings.CACHES['default']['KEY_PREFIX']", RELEASE=None) == (
        commit.stdout.strip() or "unversioned"
    )
