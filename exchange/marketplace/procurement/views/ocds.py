"""Open data: every published requirement as an OCDS 1.1 release, and packages of them, a page at a time, that a
reader can follow incrementally (`since` and `until` on the release date, `page`, `limit`, a `next` link). Open to
any site's scripts (CORS `*`: the data is public and no cookie is read), and answered in JSON even when nothing is
found or the request is wrong."""

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from exchange.marketplace.procurement.ocds import EXTENSIONS, LICENSE, published_requirements, release_package

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


def _json(data: dict, *, status: int = 200, content_type: str = "application/json") -> JsonResponse:
    response = JsonResponse(
        data, status=status, content_type=content_type, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _problem(status: int, title: str, detail: str) -> JsonResponse:
    problem = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return _json(problem, status=status, content_type="application/problem+json")


class _BadQuery(ValueError):
    pass


def _moment(query: QueryDict, name: str) -> datetime.datetime | None:
    value = query.get(name)
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None or moment.tzinfo is None:
        raise _BadQuery(f"{name} must be a date and time with its zone, such as 2026-11-29T12:00:00Z")
    return moment


def _whole(query: QueryDict, name: str, default: int, highest: int) -> int:
    value = query.get(name, str(default))
    if not value.isdigit() or not 1 <= int(value) <= highest:
        raise _BadQuery(f"{name} must be a whole number from 1 to {highest}")
    return int(value)


def release_detail(request: HttpRequest, ocid: str) -> JsonResponse:
    requirement = published_requirements().filter(ocid=ocid).first()
    if requirement is None:
        listed = reverse("ocds:release-list")
        return _problem(404, "No published release has that ocid", f"Published releases are listed at {listed}.")
    return _json(release_package([requirement], uri_path=reverse("ocds:release-detail", args=[ocid])))


def release_list(request: HttpRequest) -> JsonResponse:
    try:
        since, until = _moment(request.GET, "since"), _moment(request.GET, "until")
        page = _whole(request.GET, "page", 1, 1_000_000)
        limit = _whole(request.GET, "limit", PAGE_SIZE, MAX_PAGE_SIZE)
    except _BadQuery as error:
        return _problem(400, "The request is not valid", str(error))
    requirements = published_requirements()
    if since:
        requirements = requirements.filter(updated_at__gte=since)
    if until:
        requirements = requirements.filter(updated_at__lt=until)
    rows = list(requirements[(page - 1) * limit : page * limit + 1])
    path = reverse("ocds:release-list")
    query = request.GET.copy()
    package = release_package(rows[:limit], uri_path=f"{path}?{query.urlencode()}" if query else path)
    if len(rows) > limit:
        query["page"] = str(page + 1)
        package["links"] = {"next": f"{settings.SITE_URL}{path}?{query.urlencode()}"}
    return _json(package)


def publication_policy(request: HttpRequest) -> HttpResponse:
    context = {
        "extensions": EXTENSIONS,
        "licence": LICENSE,
        "ocds_prefix": settings.OCDS_PREFIX,
        "page_size": PAGE_SIZE,
        "max_page_size": MAX_PAGE_SIZE,
    }
    return render(request, "marketplace/ocds_policy.html", context)
