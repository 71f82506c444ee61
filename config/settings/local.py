"""Developer machine and `make demo`: SQLite unless DATABASE_URL says otherwise, mail to the console."""

import os

from .base import *  # noqa: F403
from .base import STORAGES

# The demo runs as a deployment would, with DEBUG off: a wrong address shows the service's own "Page not found",
# not Django's technical page listing every URL pattern. CX_DEBUG=1 turns DEBUG on while developing.
DEBUG = os.environ.get("CX_DEBUG") == "1"
# `load_demo` refuses to run unless the settings say this is the demo (never in production).
DEMO = True
# WhiteNoise serves the static files straight from their folders (runserver serves none with DEBUG off).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SECRET_KEY = os.environ.get("SECRET_KEY", "local-only-secret-key-not-for-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# The demo has no worker running by default, so mail goes out at once; `make worker` uses the queue.
TASKS = {"default": {"BACKEND": os.environ.get("TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}
# A file cache on this machine: `make demo` needs nothing but SQLite (disclosure decisions are kept in the database).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),  # noqa: F405
    }
}
