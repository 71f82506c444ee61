import os
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = "Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def registry(transactional_db):
    from exchange.organisations.services import organisations_import

    return organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    console_errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.console_errors = console_errors
    yield page
    context.close()


@pytest.fixture
def page_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page against WCAG 2.2 AA; evaluate() is not subject to the page's CSP."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def open_wave_contact(add_section, *, title: str, confidentiality: str = "named"):
    """An invited contact of an open wave of one section (`add_section(wave)` writes it), in a series of a
    membership body: what a respondent journey starts from."""
    from django.utils import timezone

    from exchange.organisations.models import Organisation
    from exchange.surveys.services.authoring import series_create, wave_create, wave_open
    from exchange.surveys.tests.factories import ContactFactory

    owner = Organisation.objects.create(name="NHS Clinical Commissioners", slug="nhscc", kind="membership_body")
    wave = wave_create(series=series_create(owner=owner, title=title), label="2014", confidentiality=confidentiality)
    add_section(wave)
    contact = ContactFactory(wave=wave, invited_at=timezone.now())
    wave_open(wave=wave)
    return contact
