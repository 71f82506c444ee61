"""What the page fuzzer knows of the site: every HTML page pattern of the URLconf, and what a crawl of the small
world finds as each persona — the pages reached, the real arguments of each pattern, the forms and their fields."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

# Not pages of this project's HTML: Django's admin, the API (fuzzed by schemathesis in the marketplace's tests).
SKIPPED_PREFIXES = ("admin/", "api/", "static/")
# Signing out would change who the persona is for the rest of the run.
SKIPPED_ROUTES = {"accounts/sign-out/"}
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
VISITS_PER_ROUTE = 1


def page_routes() -> list[str]:
    """Every route of the URLconf that serves pages, as written (`marketplace/requirements/<id:pk>/`)."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route

    routes = (route for route in walk(get_resolver().url_patterns) if not route.startswith(SKIPPED_PREFIXES))
    return sorted(set(routes) - SKIPPED_ROUTES)


def route_arguments(route: str) -> list[tuple[str, str]]:
    """(converter, name) of each argument of `route`."""
    return [(match["converter"] or "str", match["name"]) for match in CONVERTER.finditer(route)]


def fill(route: str, values: dict[str, str]) -> str:
    from urllib.parse import quote

    return "/" + CONVERTER.sub(lambda match: quote(values[match["name"]], safe=""), route)


@dataclass
class Form:
    persona: str
    page: str
    action: str
    method: str
    fields: list[dict] = field(default_factory=list)  # {"name", "type", "value", "options"}


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            method = (attributes.get("method") or "get").lower()
            self.forms.append({"action": attributes.get("action") or "", "method": method, "fields": []})
        elif not self.forms:
            return
        elif tag in ("input", "textarea", "button") and attributes.get("name"):
            kind = attributes.get("type", "text" if tag == "input" else tag)
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                value = None
            else:
                value = attributes.get("value", "")
            self.forms[-1]["fields"].append(
                {"name": attributes["name"], "type": kind, "value": value, "options": [attributes.get("value", "on")]}
            )
        elif tag == "select" and attributes.get("name"):
            self._select = {"name": attributes["name"], "type": "select", "value": None, "options": []}
            self.forms[-1]["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attributes.get("value", ""))
            if "selected" in attributes or self._select["value"] is None:
                self._select["value"] = attributes.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


@dataclass
class Site:
    pages: list[tuple[str, str]] = field(default_factory=list)  # (persona, path with its query)
    arguments: dict = field(default_factory=lambda: defaultdict(list))  # route -> [kwargs as strings]
    forms: list[Form] = field(default_factory=list)
    query_names: set = field(default_factory=set)


def _route_of(path: str):
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None, {}
    return match.route, {name: str(value) for name, value in match.kwargs.items()}


def crawl(clients: dict, seeds: list[str], check) -> Site:
    """Breadth first from the home page, every seed and every route without arguments, as each persona: at most
    VISITS_PER_ROUTE pages of each route each. `check(response, persona, path)` judges every answer."""
    site = Site()
    plain = ["/" + route for route in page_routes() if not route_arguments(route)]
    forms_seen = set()  # a form is posted as the first persona that found it
    for persona, client in clients.items():
        queue, seen, visits = ["/", *seeds, *plain], set(), defaultdict(int)
        while queue:
            path = queue.pop(0)
            route, kwargs = _route_of(path)
            if path in seen or route is None or route in SKIPPED_ROUTES or route.startswith(SKIPPED_PREFIXES):
                continue
            if visits[route] >= VISITS_PER_ROUTE:
                continue
            seen.add(path)
            visits[route] += 1
            response = client.get(path)
            check(response, persona, path)
            site.pages.append((persona, path))
            if kwargs and kwargs not in site.arguments[route]:
                site.arguments[route].append(kwargs)
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            parser = _PageParser()
            parser.feed(response.content.decode())
            for link in parser.links:
                target = urljoin(path, link)
                if target.startswith("/") and not target.startswith("//"):
                    queue.append(target.split("#")[0])
            for found in parser.forms:
                action = urljoin(path, found["action"]) if found["action"] else path
                names = tuple(sorted(f["name"] for f in found["fields"]))
                if found["method"] == "get":
                    site.query_names.update(names)
                    continue
                action_route, action_kwargs = _route_of(action)
                if action_kwargs and action_kwargs not in site.arguments[action_route]:
                    site.arguments[action_route].append(action_kwargs)
                key = (action_route, names)
                if action_route in SKIPPED_ROUTES or key in forms_seen:
                    continue
                forms_seen.add(key)
                site.forms.append(Form(persona, path, action, found["method"], found["fields"]))
    return site
