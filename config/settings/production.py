"""Production: every secret and host comes from the environment, and the service will not start without it."""

import ipaddress
import os
import re
import subprocess

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def git_commit() -> str:
    """The commit of the code being run, or "" where there is no git checkout."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=BASE_DIR,  # noqa: F405
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = required_env("SECRET_KEY")
# Former keys, comma-separated, while what they signed is still in use: invitation and survey links are rebuilt under
# the key they were made with (exchange.core.tokens), so keep a rotated key here while its links are live.
SECRET_KEY_FALLBACKS = [key.strip() for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key.strip()]
ALLOWED_HOSTS = [host.strip() for host in required_env("ALLOWED_HOSTS").split(",") if host.strip()]
SITE_URL = os.environ.get("SITE_URL", f"https://{ALLOWED_HOSTS[0]}")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]
DATABASES = {"default": dj_database_url.parse(required_env("DATABASE_URL"), conn_max_age=600, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that drops packets would otherwise hold each worker for minutes on connecting.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)  # unless the URL sets one

# Every ocid starts with the prefix the Open Contracting Partnership registered for the publisher; an ocid once
# published never changes, so one published under the placeholder would stay wrong for ever.
OCDS_PREFIX = required_env("OCDS_PREFIX")
if not re.fullmatch(r"ocds-[a-z0-9]{6}", OCDS_PREFIX) or OCDS_PREFIX == "ocds-cx0000":
    raise ImproperlyConfigured(
        "OCDS_PREFIX must be the prefix the Open Contracting Partnership registered for this publisher "
        "(ocds- and six lower-case letters or digits), not the placeholder ocds-cx0000."
    )

EMAIL_HOST = required_env("EMAIL_HOST")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405

SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The load balancers' addresses or networks, comma-separated (10.0.0.0/8,192.0.2.10): behind them, the lock-out and
# the rate limits count the client's address from X-Forwarded-For. Empty: REMOTE_ADDR, right only with no proxy.
TRUSTED_PROXIES = [proxy.strip() for proxy in os.environ.get("TRUSTED_PROXIES", "").split(",") if proxy.strip()]
for proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(proxy, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {proxy!r} is not an IP address or network.") from error
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Nothing lives on one machine: any number of identical web machines serve any request. Sessions, the lock-out
# counts, the task queue, disclosure decisions and (here) bid attachments are in PostgreSQL; the page cache is Redis.
STORAGES = {**STORAGES, "private": {"BACKEND": "exchange.core.storage.DatabaseStorage"}}  # noqa: F405

# The release this code is: the cache's keys start with it, so during a rolling deploy old and new machines sharing
# one Redis never read each other's pages. Set RELEASE to the deployed version; without it, the git commit.
RELEASE = os.environ.get("RELEASE", "").strip() or git_commit() or "unversioned"
# Everything in the cache can be worked out again, and a Redis outage only costs speed (see exchange.core.cache).
CACHES = {
    "default": {
        "BACKEND": "exchange.core.cache.TolerantRedisCache",
        "LOCATION": required_env("REDIS_URL"),
        "KEY_PREFIX": RELEASE,
    }
}
