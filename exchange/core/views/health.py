from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from .. import clock
from .pages import RETRY_AFTER_SECONDS, service_unavailable


def database_answers() -> bool:
    """The one health check, for machines (healthz) and people (the status page) alike."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    if not database_answers():
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
@require_safe
def status(request: HttpRequest) -> HttpResponse:
    if not database_answers():
        return service_unavailable(request)
    return render(request, "core/status.html", {"checked_at": clock.now()})
