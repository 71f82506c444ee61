import math
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from ..api import API_PATH

# Seconds a client is asked to wait before it tries again while the database does not answer.
RETRY_AFTER_SECONDS = 30


# PostgreSQL's error classes that mean the server cannot be reached or is going away (SQLSTATE 08: connection
# exception; 57P01-57P03: shut down, crashed, not yet accepting connections): an outage that passes.
OUTAGE_SQLSTATES = ("08", "57P01", "57P02", "57P03")


def is_database_unavailable(exc: BaseException | None) -> bool:
    """A lost or refused connection is an outage that passes; other database errors are bugs and stay server
    errors: ProgrammingError and IntegrityError, and the OperationalErrors that a retry would only repeat (a
    statement past one of PostgreSQL's limits, a full disk, a deadlock)."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    sqlstate = getattr(exc.__cause__, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(OUTAGE_SQLSTATES)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: a JSON problem for the API and clients that do not take HTML, else a page that stands
    alone (no session, no user, no cache: each may need the database)."""
    if request.path_info.startswith(f"/{API_PATH}") or not request.accepts("text/html"):
        title, detail = "The service is unavailable for a moment", "Try again in a few minutes."
        problem = {"type": "about:blank", "title": title, "status": 503, "detail": detail}
        response: HttpResponse = JsonResponse(problem, status=503, content_type="application/problem+json")
    else:
        response = render(request, "core/503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def too_many_requests(request: HttpRequest, message: str, retry_after: int) -> HttpResponse:
    """429 with Retry-After: the reason (`message`, written for the person) and how long to wait; a JSON problem for
    the API and clients that do not take HTML."""
    if request.path_info.startswith(f"/{API_PATH}") or not request.accepts("text/html"):
        problem = {"type": "about:blank", "title": "Too many requests", "status": 429, "detail": message}
        response: HttpResponse = JsonResponse(problem, status=429, content_type="application/problem+json")
    else:
        minutes = math.ceil(retry_after / 60)
        wait = f"{minutes} minute{'s' if minutes != 1 else ''}"
        response = render(request, "core/429.html", {"message": message, "wait": wait}, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: a JSON problem for the API and clients that do not take HTML, else the service's page."""
    if request.path_info.startswith(f"/{API_PATH}") or not request.accepts("text/html"):
        title, detail = "The request could not be read", "It holds something this service cannot take."
        problem = {"type": "about:blank", "title": title, "status": 400, "detail": detail}
        return JsonResponse(problem, status=400, content_type="application/problem+json")
    return render(request, "core/400.html", status=400)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "core/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while it handles the exception, so the exception is still at hand. It arrives here when a
    # middleware (the session, the user) met the outage, or a view did and no middleware answered for it.
    if is_database_unavailable(sys.exception()):
        return service_unavailable(request)
    return render(request, "core/500.html", status=500)


def forbidden(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "core/403.html", {"csrf": True}, status=403)
