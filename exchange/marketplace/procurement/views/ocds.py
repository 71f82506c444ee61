"""Open data: every release ever published, as it was published, in packages a page at a time that a reader can
follow incrementally (`since` and `until` on when a release was published, `page`, `limit`, a `next` link); each
process's releases; and records, with the release ocdsmerge compiles from them. Open to any site's scripts (CORS
`*`: the data is public and no cookie is read), and answered in JSON even when nothing is found or the request is
wrong."""

import datetime
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from exchange.core.ids import whole_number
from exchange.marketplace.procurement.ocds import EXTENSIONS, LICENSE, package_envelope, package_text, record
from exchange.marketplace.procurement.selectors import releases

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
    number = whole_number(query.get(name, str(default)), low=1, high=highest)
    if number is None:
        raise _BadQuery(f"{name} must be a whole number from 1 to {highest}")
    return number


def _query(request: HttpRequest) -> tuple[datetime.datetime | None, datetime.datetime | None, int, int]:
    since, until = _moment(request.GET, "since"), _moment(request.GET, "until")
    page = _whole(request.GET, "page", 1, 1_000_000)
    limit = _whole(request.GET, "limit", PAGE_SIZE, MAX_PAGE_SIZE)
    return since, until, page, limit


def _page(request: HttpRequest, rows: list, limit: int, page: int, route: str) -> tuple[list, dict]:
    """The first `limit` of `rows` (fetched one beyond), and the package's head, with a next link if there is more."""
    path = reverse(route)
    query = request.GET.copy()
    envelope = package_envelope(uri_path=f"{path}?{query.urlencode()}" if query else path)
    if len(rows) > limit:
        query["page"] = str(page + 1)
        envelope["links"] = {"next": f"{settings.SITE_URL}{path}?{query.urlencode()}"}
    return rows[:limit], envelope


def _text(text: str) -> HttpResponse:
    response = HttpResponse(text, content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _unknown(ocid: str) -> JsonResponse:
    listed = reverse("ocds:release-list")
    return _problem(404, "No published release has that ocid", f"Published releases are listed at {listed}.")


def release_list(request: HttpRequest) -> HttpResponse:
    """Every release ever published, in the order they were published: a reader who keeps the moment it last read
    asks for those published `since` then (a few minutes before, to be safe: it may get a release twice, by id)."""
    try:
        since, until, page, limit = _query(request)
    except _BadQuery as error:
        return _problem(400, "The request is not valid", str(error))
    rows = list(releases.releases_published(since=since, until=until)[(page - 1) * limit : page * limit + 1])
    rows, envelope = _page(request, rows, limit, page, "ocds:release-list")
    return _text(package_text(envelope, "releases", [row.body for row in rows]))


def release_detail(request: HttpRequest, ocid: str) -> HttpResponse:
    """Every release of one contracting process, in the order they were published."""
    rows = releases.process_releases(ocid)
    if not rows:
        return _unknown(ocid)
    envelope = package_envelope(uri_path=reverse("ocds:release-detail", args=[ocid]))
    return _text(package_text(envelope, "releases", [row.body for row in rows]))


def _record_package(envelope: dict, grouped: dict[str, list]) -> str:
    package_urls = []
    records = []
    for ocid, rows in grouped.items():
        url = settings.SITE_URL + reverse("ocds:release-detail", args=[ocid])
        package_urls.append(url)
        records.append(record(ocid, [json.loads(row.body) for row in rows], package_url=url))
    envelope = {**envelope, "packages": package_urls}
    return package_text(envelope, "records", [json.dumps(each, ensure_ascii=False) for each in records])


def record_detail(request: HttpRequest, ocid: str) -> HttpResponse:
    """The record of one contracting process: its releases, linked, and the compiled release."""
    rows = releases.process_releases(ocid)
    if not rows:
        return _unknown(ocid)
    envelope = package_envelope(uri_path=reverse("ocds:record-detail", args=[ocid]))
    return _text(_record_package(envelope, {ocid: rows}))


def record_list(request: HttpRequest) -> HttpResponse:
    """The record of every process with a release published from `since` to `until`, first published first."""
    try:
        since, until, page, limit = _query(request)
    except _BadQuery as error:
        return _problem(400, "The request is not valid", str(error))
    ocids = list(releases.processes_changed(since=since, until=until)[(page - 1) * limit : page * limit + 1])
    ocids, envelope = _page(request, ocids, limit, page, "ocds:record-list")
    return _text(_record_package(envelope, releases.releases_of(ocids)))


def publication_policy(request: HttpRequest) -> HttpResponse:
    context = {
        "extensions": EXTENSIONS,
        "licence": LICENSE,
        "ocds_prefix": settings.OCDS_PREFIX,
        "page_size": PAGE_SIZE,
        "max_page_size": MAX_PAGE_SIZE,
    }
    return render(request, "marketplace/ocds_policy.html", context)
