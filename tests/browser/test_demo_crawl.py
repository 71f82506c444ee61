"""Every page reachable from each demo person's menus, at 390 px and 1280 px: no status of 400 or more, nothing wider
than the screen, and no axe-core violation of WCAG 2.2 AA (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa).

One test loads the whole demo once (as `make demo` does) and then signs in as each demo person in turn, and as a
visitor who is not signed in; the pages are the links of the header (its navigation and account links), the footer
and the home page's cards, each visited once per person and width."""

from urllib.parse import urlsplit

from exchange.demo.services import DEMO_PASSWORD, demo_load

from .conftest import axe_violations

WIDTHS = [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]
MENUS = "header a[href], footer a[href], main .nhsuk-card a[href]"


def _menu_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(MENUS, "links => links.map(link => link.getAttribute('href'))")
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        if (
            parts.scheme
            or parts.netloc
            or not parts.path.startswith("/")
            or parts.path.startswith("/accounts/sign-out")
        ):
            continue  # other sites, and signing out, which would end the crawl
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path not in paths:
            paths.append(path)
    return paths


def _problems(page, path: str) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size(width)
        response = page.goto(path)
        if response is None or response.status >= 400:
            problems.append(f"{path} answered {response.status if response else 'nothing'}")
            break
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll_width > width["width"]:
            problems.append(f"{path} at {width['width']} px is {scroll_width} px wide")
        problems += [f"{path} at {width['width']} px: {violation}" for violation in axe_violations(page)]
    return problems


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_every_page_of_every_demo_persons_menus_fits_both_widths_with_no_error_or_axe_violation(
    browser, live_server, transactional_db
):
    people, _ = demo_load()
    from exchange.analysis.tasks import protection_prepare
    from exchange.surveys.selectors import closed_confidential_waves

    for wave in closed_confidential_waves():
        protection_prepare.call(wave_id=wave.pk)
    problems: list[str] = []
    visited = 0
    for email in [None, *(person.email for person in people)]:
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(30_000)
        if email:
            _sign_in(page, email)
        page.goto("/")
        for path in ["/", *_menu_links(page)]:
            problems += [f"{email or 'visitor'}: {problem}" for problem in _problems(page, path)]
            visited += 1
        context.close()
    assert visited > 40
    assert not problems, "\n".join(problems)
