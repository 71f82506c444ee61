import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .exceptions import TooManyRequests
from .views.pages import is_database_unavailable, service_unavailable, too_many_requests

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
