"""Opening a page changes nothing (issue 19): every page a demo person reaches by following links from the home page,
as each demo person and as a visitor (and the demo survey's personal link), is read with GET and writes no row.
E-mail link scanners, browsers that prefetch and people who reload must not open, start, mark or count anything; a
change is a POST behind a button.

One write is allowed, and named: a confidential wave's disclosure decision (analysis.DisclosureDecision) is a memo
of the disclosure layer's answer for one state of the wave, kept so that every output on every machine follows the
same decision; it changes nothing anyone sees. The closed confidential waves' results pages are left out here: their
decisions are worked out ahead by a task when the wave closes (and by `make demo`), tens of seconds of integer
programming that tests/browser/test_demo_crawl.py pays once before it reads those pages.

The demo is loaded once (five seconds); each person's crawl follows the links of the pages it reads, breadth
first, reading each route (the URL pattern and the names of its query parameters) at most twice."""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from exchange.accounts.selectors import user_by_email
from exchange.demo.services import demo_load
from exchange.surveys.selectors import closed_confidential_waves

pytestmark = pytest.mark.django_db
LINK = re.compile(r'<a\b[^>]*\bhref="([^"#]+)', re.S)
NOT_FOLLOWED = ("/accounts/sign-out/", "/admin/logout/", "/static/")
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE)\b", re.I)
MEMO = "analysis_disclosuredecision"
PAGES_PER_PERSON = 120
PER_ROUTE = 2


def _route(path: str) -> str | None:
    parts = urlsplit(path)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    names = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return f"{match.route}?{','.join(names)}"


def _links(html: str, skipped: tuple[str, ...]) -> list[str]:
    paths = []
    for href in LINK.findall(html):
        parts = urlsplit(href.replace("&amp;", "&"))
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith(skipped):
            continue
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def _crawl(client, start: list[str], skipped: tuple[str, ...]) -> tuple[int, list[str]]:
    """How many pages were read, and every write any of them made."""
    queue, seen, routes, writes, read = deque(start), set(start), {}, [], 0
    while queue and read < PAGES_PER_PERSON:
        path = queue.popleft()
        route = _route(path)
        if route is None or routes.get(route, 0) >= PER_ROUTE:
            continue
        routes[route] = routes.get(route, 0) + 1
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        read += 1
        writes += [
            f"GET {path}: {query['sql'][:200]}"
            for query in captured.captured_queries
            if WRITE.match(query["sql"]) and MEMO not in query["sql"]
        ]
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            for link in _links(response.content.decode(), skipped):
                if link not in seen:
                    seen.add(link)
                    queue.append(link)
    return read, writes


def test_no_page_any_demo_person_can_reach_writes_anything_when_it_is_opened(client):
    people, survey_token = demo_load()
    prepared = tuple(f"/results/{wave.series.slug}/{wave.slug}/" for wave in closed_confidential_waves())
    skipped = NOT_FOLLOWED + prepared
    read, writes = _crawl(client, ["/", f"/surveys/respond/{survey_token}/"], skipped)
    for email in sorted({person.email for person in people}):
        client.logout()
        client.force_login(user_by_email(email=email))
        pages, found = _crawl(client, ["/"], skipped)
        read += pages
        writes += [f"{email}: {write}" for write in found]
    assert read > 250  # every demo person's pages, not only the home page
    assert writes == []
