import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .api import API_PATH
from .exceptions import TooManyRequests
from .views.pages import bad_request, is_database_unavailable, service_unavailable, too_many_requests

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

logger = logging.getLogger(__name__)


class PermissionsPolicyMiddleware:
    """Django sets the other security headers itself; this one it does not."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with Retry-After, not 500. Errors raised inside other
    middleware never reach process_exception (Django turns them into responses where they happen): handler500
    makes the same check for those."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        # Logged with its traceback: on SQLite a missing table is an OperationalError too, and should be seen.
        logger.warning("The database did not answer %s %s", request.method, request.path, exc_info=exception)
        return service_unavailable(request)


class TooManyRequestsMiddleware:
    """A rate limit reached anywhere (`TooManyRequests`, raised by a service or a view) answers 429 with
    Retry-After and the reason, on the service's own page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, TooManyRequests):
            return None
        return too_many_requests(request, exception.message, exception.retry_after)


NUL = "\x00"


class NullCharacterMiddleware:
    """A page request with a NUL character in its path or its url-encoded form fields is answered 400 before any
    view runs. No text of this service holds one, PostgreSQL refuses it in every text column and lookup (a server
    error, where SQLite simply finds nothing), and Django's forms refuse it field by field; this refuses it once for
    what views read without a form (a code or token in the path, a field read straight from request.POST).
    Query strings are the views' (the catalogue's search drops control characters and still answers), the API is
    its own (its schema says what it answers), and multipart bodies are left to the views, which may set their own
    upload handlers before the body is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._holds_nul(request):
            return bad_request(request)
        return self.get_response(request)

    @staticmethod
    def _holds_nul(request: HttpRequest) -> bool:
        if request.path_info.startswith(f"/{API_PATH}"):
            return False
        if NUL in request.path:
            return True
        if request.method != "POST" or request.content_type != "application/x-www-form-urlencoded":
            return False
        return any(NUL in key or any(NUL in value for value in values) for key, values in request.POST.lists())
