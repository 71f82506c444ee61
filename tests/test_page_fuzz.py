"""The page fuzzer: no page answers a server error, whatever a visitor puts in its path, its query string or its
forms. The API has its own fuzzer (schemathesis, in the marketplace's tests); this one covers the HTML pages.

A small world (tests/page_fuzz_world.py) is crawled from the home page as each persona — anonymous, a buyer, a
provider's representative, platform staff, an evaluator, a survey analyst, a plan reviewer — and every page reached
must answer below 500. Sweeps then put each nasty value (numbers past any id or past int()'s digits, other
scripts' digits, NUL, long text) in every route argument, in every query parameter the views read, and in every
field of every form the crawl found (all at once, and one at a time over plausible values); each sweep names every
server error it met. Last, hypothesis draws, reproducibly (derandomize), paths with each argument real or hostile,
query strings, and posts with each field kept, dropped, repeated or made hostile, as any persona.
A 400 for a page is a page (HTML). Django's test client does not check CSRF; each post carries the page's token."""

import functools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.core import clock

from .page_fuzz_crawl import crawl, fill, page_routes, route_arguments
from .page_fuzz_world import fuzz_world

pytestmark = pytest.mark.django_db

HOSTILE_TEXT = [
    "",
    " ",
    "0",
    "-1",
    "+7",
    "1.5",
    "1e308",
    "NaN",
    str(2**63 - 1),
    str(2**63),
    "9" * 20,
    "9" * 4301,  # past int()'s default limit of digits
    "²",
    "٣",
    "\x00",
    "a\x00b",
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "🙂" * 40,
    "x" * 5000,
    "null",
    "[]",
    "2026-02-30",
    "2026-11-29T12:00:00",
    "on",
]
hostile = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=20),
)
# The query parameters the views read (request.GET in exchange/), besides those of the pages' own GET forms.
QUERY_NAMES = ["page", "o", "q", "theme", "sort", "as", "by", "region", "year", "next", "return", "result_code"]
QUERY_NAMES += ["service_lines", "submitted", "since", "until", "limit", "sector", "pricing_model"]
FUZZ = settings(
    max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
# What the sweeps put in every place: past SQLite's and C's integers, digits int() refuses, NUL (which PostgreSQL
# refuses in text), a sign, past int()'s limit of digits.
NASTY = ["9" * 20, "²", "\x00", "-1", "9" * 4301, "x" * 3000]
SWEEP_NASTY = ["9" * 20, "²", "9" * 4301, "x" * 3000]  # every field at once (NUL: the middleware's own tests)
FIELD_NASTY = "9" * 20  # one field at a time, the others plausible
QUERY_NASTY = ["9" * 20, "²", "\x00", "9" * 4301]  # the views read numbers and words from a query: no form limits
UPLOAD_BYTES = [b"", b"\x00" * 64, b"%PDF-1.4\n<html>", b"PK\x03\x04" + b"\x00" * 40, b"name,email\n\xff\xfe,x\n"]


def _judge(response, persona, path):
    assert response.status_code < 500, f"{response.status_code} for {persona} at {path}"
    if response.status_code == 400 and "/ocds/" not in path:
        assert response["Content-Type"].startswith("text/html"), f"a 400 that is no page for {persona} at {path}"


class Findings(list):
    """What a sweep met: every server error, so that one run names them all rather than the first."""

    def judge(self, send, persona, where):
        try:
            _judge(send(), persona, where)
        except Exception as error:  # the view's own exception, re-raised by the test client, or a 5xx
            self.append(f"{persona} {where}: {type(error).__name__}: {str(error)[:200]}")


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The world and its crawl, once for the module, in a transaction rolled back at its end; each test runs in a
    savepoint inside it (pytest-django's own), so what one test's posts change does not reach the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = fuzz_world()
        clients = {}
        for persona, user in world.people.items():
            clients[persona] = Client()
            if user is not None:
                clients[persona].force_login(user)
        clients["anonymous"].get(world.survey_link)
        clients["anonymous"].post(world.survey_link)  # the respondent starts the survey (a POST once GET only shows)
        found = crawl(clients, world.seeds, _judge)
        yield world, clients, found
        transaction.set_rollback(True)


def _signed_in(world, clients, persona):
    client, user = clients[persona], world.people[persona]
    if user is not None and str(user.pk) != client.session.get("_auth_user_id"):
        client.force_login(user)  # a post may have signed the persona out or in as someone else
    return client


def test_the_crawl_reaches_every_kind_of_page_as_every_persona(site):
    world, clients, found = site
    reached = {persona for persona, _ in found.pages}
    assert reached == set(world.people)
    routes = {route for route in page_routes() if route_arguments(route)}
    # Pages of later stages (an award, a contract, an evaluation after the bids close) are not in this world.
    assert len(set(found.arguments) & routes) >= len(routes) // 2, sorted(routes - set(found.arguments))
    assert len(found.forms) >= 30


def test_every_path_argument_takes_each_nasty_value(site):
    """The sweep: each argument of each route, one at a time, as each nasty value, the others real."""
    world, clients, found = site
    findings = Findings()
    for route in page_routes():
        arguments = route_arguments(route)
        real = (found.arguments.get(route) or [{name: "1" for _, name in arguments}])[0]
        for _, name in arguments:
            for nasty in NASTY:
                path = fill(route, {**real, name: nasty})
                findings.judge(lambda path=path: clients["staff"].get(path), "staff", path)
    assert not findings, findings


def test_every_page_takes_each_nasty_value_in_every_query_parameter(site):
    """The sweep: every page reached, with every parameter the views read set at once to each nasty value."""
    world, clients, found = site
    names = sorted(set(QUERY_NAMES) | found.query_names)
    findings = Findings()
    for persona, path in _one_page_per_route(found):
        client = _signed_in(world, clients, persona)
        for nasty in QUERY_NASTY:
            send = functools.partial(client.get, path.split("?")[0], dict.fromkeys(names, nasty))
            findings.judge(send, persona, f"{path} {nasty[:20]!r}")
    assert not findings, findings


def test_every_form_takes_each_nasty_value_in_every_field(site):
    """The sweep: every form the crawl found, posted with every field set at once to each nasty value, and once with
    each field kept and given a second, nasty value."""
    world, clients, found = site
    findings = Findings()
    for form in found.forms:
        client = _signed_in(world, clients, form.persona)
        token = {f["name"]: f["value"] for f in form.fields if f["name"] == "csrfmiddlewaretoken"}
        names = {f["name"] for f in form.fields} - set(token) - {f["name"] for f in form.fields if f["type"] == "file"}
        real = {spec["name"]: plausible(spec) for spec in form.fields if spec["name"] in names}
        posts = [dict.fromkeys(names, nasty) for nasty in SWEEP_NASTY]
        posts += [{**real, name: FIELD_NASTY} for name in sorted(names)]
        posts.append({name: [real.get(name, ""), NASTY[0]] for name in names})
        for data in posts:
            where = f"{form.action} (form of {form.page}) {str(data)[:60]}"
            send = functools.partial(client.post, form.action, {**data, **token})
            findings.judge(send, form.persona, where)
    assert not findings, findings


def plausible(spec: dict) -> str:
    """A value the field would likely take: what the page gave, else one guessed from its type and name (a date's
    boxes a day next year), so that one nasty field meets the checks after the others'."""
    if spec["value"]:
        return spec["value"]
    name, kind = spec["name"], spec["type"]
    guesses = {"-day": "1", "-month": "1", "-year": str(clock.today().year + 1), "-hour": "12"}
    for ending, guess in guesses.items():
        if name.endswith(ending):
            return guess
    if kind == "email" or "email" in name:
        return "fuzz@example.nhs.uk"
    if kind == "password" or "password" in name:
        return "a fuzzing passphrase 1"
    if kind == "number" or any(word in name for word in ("price", "weight", "days", "months", "score", "population")):
        return "3"
    return spec["options"][0] if spec["options"] and spec["options"][0] else "Fuzz"


def _one_page_per_route(found) -> list[tuple[str, str]]:
    from .page_fuzz_crawl import _route_of

    chosen = {}
    for persona, path in found.pages:
        route, _ = _route_of(path)
        chosen.setdefault(route, (persona, path))
    return list(chosen.values())


def test_no_path_argument_makes_a_server_error(site):
    world, clients, found = site
    routes = [route for route in page_routes() if route_arguments(route)]
    real = {}  # argument name -> every real value the crawl met
    for kwargs_list in found.arguments.values():
        for kwargs in kwargs_list:
            for name, value in kwargs.items():
                real.setdefault(name, []).append(value)

    @st.composite
    def paths(draw):
        route = draw(st.sampled_from(routes))
        known = found.arguments.get(route) or [{}]
        base = draw(st.sampled_from(known))
        values = {}
        for _, name in route_arguments(route):
            choices = [st.sampled_from(base[name])] if name in base else []
            choices.append(st.sampled_from(real.get(name) or ["1"]))
            values[name] = draw(st.one_of(*choices, hostile).map(str) if choices else hostile)
        return fill(route, {k: v if isinstance(v, str) else str(v) for k, v in values.items()})

    @given(path=paths(), persona=st.sampled_from(sorted(world.people)))
    @FUZZ
    def check(path, persona):
        _judge(_signed_in(world, clients, persona).get(path), persona, path)

    check()


def test_no_query_string_makes_a_server_error(site):
    world, clients, found = site
    names = sorted(set(QUERY_NAMES) | found.query_names)

    @given(
        page=st.sampled_from(found.pages),
        query=st.dictionaries(st.sampled_from(names), st.one_of(hostile, st.lists(hostile, max_size=3)), max_size=4),
    )
    @FUZZ
    def check(page, query):
        persona, path = page
        _judge(_signed_in(world, clients, persona).get(path.split("?")[0], query), persona, path)

    check()


def test_no_form_post_makes_a_server_error(site):
    world, clients, found = site
    forms = [form for form in found.forms if form.fields]

    @st.composite
    def posts(draw):
        form = draw(st.sampled_from(forms))
        data = {}
        for spec in form.fields:
            name = spec["name"]
            if name == "csrfmiddlewaretoken":
                data[name] = spec["value"]
                continue
            if spec["type"] == "file":
                content = draw(st.sampled_from(UPLOAD_BYTES))
                data[name] = SimpleUploadedFile(draw(st.sampled_from(["a.xlsx", "a.csv", "a.pdf", "a"])), content)
                continue
            real = [value for value in [spec["value"], *spec["options"]] if value is not None]
            kept = st.sampled_from(real) if real else st.just("")
            how = draw(st.sampled_from(["keep", "keep", "hostile", "drop", "list"]))
            if how == "keep":
                data[name] = draw(kept)
            elif how == "hostile":
                data[name] = draw(hostile)
            elif how == "list":
                data[name] = draw(st.lists(st.one_of(kept, hostile), min_size=2, max_size=3))
        return form, data

    @given(post=posts())
    @FUZZ
    def check(post):
        form, data = post
        client = _signed_in(world, clients, form.persona)
        _judge(client.post(form.action, data), form.persona, f"{form.action} (form of {form.page})")

    check()
