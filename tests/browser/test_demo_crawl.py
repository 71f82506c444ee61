"""Every page reachable from each demo person's menus, at 390 px and 1280 px: no status of 400 or more, nothing wider
than the screen, and no axe-core violation of WCAG 2.2 AA (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa).

One test loads the whole demo once (as `make demo` does) and then signs in as each demo person in turn, and as a
visitor who is not signed in; the pages are the links of the header (its navigation and account links), the footer
and the home page's cards, each visited once per person and width; beside them the pages its people reach in
one step from there: compare (two offerings of a search), the admin for platform staff, and the demo survey as its
respondent (its link's start page and, after Start, its first page of questions). With CX_SCREENSHOTS set to a
folder, the screenshots in docs/ are taken on the way."""

import os
from pathlib import Path
from urllib.parse import urlsplit

from exchange.demo.services import DEMO_PASSWORD, demo_load

from .conftest import axe_violations

SHOTS = os.environ.get("CX_SCREENSHOTS")
# (person or None for a visitor, page, name of its screenshot): pages of the README's pictures.
PICTURED = {
    (None, "/marketplace/?q=business+intelligence"): "catalogue",
    ("buyer@demo.example", "compare"): "compare",
    ("admin@demo.example", "/audit/"): "audit-log",
    ("admin@demo.example", "/admin/"): "admin",
    ("respondent", "survey"): "survey",
}
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


def _problems(page, path: str, picture: str | None = None) -> list[str]:
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
        if picture and SHOTS:
            page.evaluate("() => window.scrollTo(0, 0)")
            page.screenshot(path=str(Path(SHOTS) / f"{picture}-{width['width']}.png"))
    return problems


def _extra_pages(page, email: str | None) -> list[str]:
    """Pages one step from the menus: compare for a buyer, the admin for staff."""
    if email == "buyer@demo.example":
        page.goto("/marketplace/?q=business+intelligence")
        ids = page.eval_on_selector_all('input[name="o"]', "boxes => boxes.slice(0, 3).map(box => box.value)")
        return ["/marketplace/compare/?" + "&".join(f"o={pk}" for pk in ids)]
    if email == "admin@demo.example":
        return ["/admin/"]
    return []


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_every_page_of_every_demo_persons_menus_fits_both_widths_with_no_error_or_axe_violation(
    browser, live_server, transactional_db
):
    people, survey_token = demo_load()
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
        paths = ["/", *_menu_links(page), *_extra_pages(page, email)]
        if email is None:
            paths.append("/marketplace/?q=business+intelligence")
        for path in paths:
            picture = PICTURED.get((email, path)) or PICTURED.get(
                (email, path.split("?")[0].rstrip("/").rsplit("/", 1)[-1])
            )
            problems += [f"{email or 'visitor'}: {problem}" for problem in _problems(page, path, picture)]
            visited += 1
        context.close()
    # The demo survey as its respondent, from the personal link the demo prints.
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    # The link's start page (it only shows the survey), then Start, which posts, to the first page of questions.
    problems += [f"respondent: {problem}" for problem in _problems(page, f"/surveys/respond/{survey_token}/")]
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url("**/answer/**")
    problems += [f"respondent: {problem}" for problem in _problems(page, page.url, "survey")]
    context.close()
    assert visited > 40
    assert not problems, "\n".join(problems)
