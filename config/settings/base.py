"""Settings shared by every environment. Environment-specific files override these."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SERVICE_NAME = "Commissioning Exchange"
# Whether this is the demo (config/settings/local.py): only then may `load_demo` fill the database.
DEMO = False

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "exchange.core",
    "exchange.audit",
    "exchange.organisations",
    "exchange.accounts",
    "exchange.surveys",
    "exchange.analysis",
    "exchange.marketplace",
    "exchange.plans",
    "exchange.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "exchange.core.middleware.DatabaseUnavailableMiddleware",
    "exchange.core.middleware.NullCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "exchange.core.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "exchange.core.middleware.TooManyRequestsMiddleware",
]

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "exchange.core.views.pages.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "exchange.core.jinja2.environment",
            "undefined": ChainableUndefined,
            "loader": ChoiceLoader(
                [
                    FileSystemLoader(BASE_DIR / "exchange" / "templates"),
                    PackageLoader("nhsuk_frontend_jinja"),
                    PackageLoader("nhsuk_frontend_jinja", "templates/nhsuk"),
                ]
            ),
            "autoescape": True,
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "exchange.core.context_processors.service",
            ],
        },
    },
    {
        # Django's admin ships Django templates; the project's few overrides of them sit outside the Jinja folder.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "exchange" / "core" / "admin_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=600)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # What platform staff may do in the admin (exchange/accounts/backends.py).
    "exchange.accounts.backends.PlatformStaffBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

# The proxies (addresses or networks) whose X-Forwarded-For is believed: behind them, the client is the right-most
# address of that header that is not one of them (exchange.core.client_ip). None here; production reads them from
# the environment. Without it, every client behind a proxy has the proxy's address.
TRUSTED_PROXIES: list[str] = []

# Five failed sign-ins within the hour lock out that email address, from anywhere; a password reset lifts the lock.
# Not the client address: many people share one (an NHS organisation's network), and five of one colleague's typos
# would lock them all out, with a lock no reset lifts. Failures per address (or IPv6 /64) are limited by
# RATE_LIMITS["sign-in.address"] instead. axes records the client's address for the admin's list of attempts.
AXES_CLIENT_IP_CALLABLE = "exchange.core.client_ip.client_ip"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns that without 'ip_address' an attacker may try many accounts from one place: sign-in.address limits that.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_CALLABLE = "exchange.accounts.views.auth.lockout_username"
# Not axes' own reset on success, which deletes the records matching the username OR the address: an attacker's
# own good sign-in would clear the failures they caused at someone else's account. `sign_in` resets only the
# signed-in person's own records.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "exchange.accounts.views.auth.locked_out"
AXES_VERBOSE = False

# Rate limits: (how many, per how many seconds) for each scope, counted per key (an email address, a client address,
# an account, an organisation) in the database (exchange.core.services.rate_limits), not the cache, whose outage
# must not lift them. Past the limit the service answers 429 with Retry-After.
RATE_LIMITS = {
    "password-reset.email": (3, 60 * 60),  # reset emails asked for one address
    "password-reset.address": (10, 60 * 60),  # reset requests from one client address
    "sign-in.address": (20, 10 * 60),  # failed sign-ins from one client address, across accounts; success resets none
    # Attempts at one account (its normalised address), counted before the password is checked so that concurrent
    # guesses cannot all pass a check made before any is counted; a success gives its attempt back.
    "sign-in.account": (5, 60 * 60),
    "invitation.inviter": (50, 60 * 60),  # invitations sent by one person
    "invitation.organisation": (200, 60 * 60),  # invitations sent for one organisation, by all its admins
    "survey-link.address": (30, 10 * 60),  # survey links that do not exist, opened from one client address
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

DEFAULT_FROM_EMAIL = "Commissioning Exchange <no-reply@commissioning-exchange.nhs.uk>"

ORGANISATION_REFERENCE_DIR = BASE_DIR / "data" / "nhs-organisations-2013"
# The marketplace's content kept as data: search bands, recommendation weights, the evaluation scale.
MARKETPLACE_CONTENT_DIR = Path(os.environ.get("CX_MARKETPLACE_CONTENT_DIR", BASE_DIR / "data" / "marketplace"))

# Links in emails sent outside a request (scheduled reminders) start with this.
SITE_URL = "http://127.0.0.1:8000"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {name: {"level": "WARNING"} for name in ("axes", "weasyprint", "fontTools")},
}

# Seconds a catalogue results page stays cached (0: never). Entries are keyed by the catalogue's token, which
# every change renews, so the cache is never stale; the time only bounds memory.
CATALOGUE_CACHE_SECONDS = int(os.environ.get("CATALOGUE_CACHE_SECONDS", "600"))

# Bid attachments: outside STATIC_ROOT and any web root; served only through views that check permission.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Bid attachments. A folder on this machine here; in the database in production (see production.py), so that
    # every web machine serves what any of them received.
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},
}
BID_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# Uploads (issue 19). Every upload form takes one file, checked by exchange.core.uploads before it is read in
# earnest. Django keeps a file of up to FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB, its default) in memory and a larger one
# in a temporary file, and bounds the non-file part of a request (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB) and its
# fields (DATA_UPLOAD_MAX_NUMBER_FIELDS, 1,000): its defaults, kept. It does not bound a file's size while receiving
# it: the proxy in front must (a request body of some 12 MB: the largest upload, a 10 MB attachment, and its form).
# Files per request: Django's default of 100 would let one request park 100 large files in the temporary folder.
DATA_UPLOAD_MAX_NUMBER_FILES = 2
BID_ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".csv": "text/csv",
}
# Open Contracting IDs: a registered prefix belongs here in production; this one is illustrative.
OCDS_PREFIX = os.environ.get("OCDS_PREFIX", "ocds-cx0000")
# The publisher's own registered identifier in OCDS packages (an org-id.guide scheme and the id in it, such as
# GB-COH and a company number); without both, the publisher is given by name and web address only.
OCDS_PUBLISHER_SCHEME = os.environ.get("OCDS_PUBLISHER_SCHEME", "")
OCDS_PUBLISHER_UID = os.environ.get("OCDS_PUBLISHER_UID", "")
# Plans: an area team's conduct ratings are reported only when at least this many commissioners rated it
PLANS_DISCLOSURE_THRESHOLD = 5
# The shortest review window a commissioner may give its reviewers
PLANS_REVIEW_MIN_DAYS = 14
# Conduct ratings of an appraisal year (1 April to 31 March) are published this many days after it ends
PLANS_PUBLICATION_GRACE_DAYS = 7
