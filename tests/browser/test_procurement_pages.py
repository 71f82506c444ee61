"""Every requirement, bid, evaluation and award page, as the people who use it see it at each stage of a joint
procurement, on a phone (390 px) and a desktop (1280 px): nothing wider than the window, no axe-core violation
(WCAG 2.2 AA), no error status. The procurement is the access matrix's, brought to each stage as time would pass."""

import pytest
from django.conf import settings
from django.test import Client

from exchange.marketplace.conftest import world  # noqa: F401  (the fixture)
from exchange.marketplace.procurement.tests.access_matrix.stages import build

from .conftest import axe_violations

WIDTHS = [(390, 844), (1280, 800)]
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _pages(stage: str, pk: int, bids: dict) -> list[tuple[str, str, str | None]]:
    """(person, path, button to press first or None) for every page worth looking at in `stage`. A button pressed
    shows the page's errors; "Clear <label>, then <button>" empties that box or list first."""
    requirement = f"/marketplace/requirements/{pk}/"
    score = {bidder: f"{requirement}evaluation/{bid.pk}/" for bidder, bid in bids.items()} or dict.fromkeys(
        ("ours", "theirs"), ""
    )
    pages = {
        "draft": [
            ("lead_buyer", requirement, None),
            ("lead_buyer", requirement, "Add criterion"),  # the criterion form's errors
            ("lead_buyer", "/marketplace/requirements/new/", None),
            ("lead_buyer", "/marketplace/requirements/new/", "Save draft"),  # every error of the empty form
            ("invited_buyer", requirement, None),
        ],
        "questions": [
            ("lead_buyer", "/marketplace/requirements/", None),
            ("lead_buyer", requirement, None),
            ("partner_buyer", requirement, None),
            ("bidder_ours", requirement, None),
            ("bidder_ours", f"{requirement}bid/", None),
            ("drafter", f"{requirement}bid/", None),
            ("drafter", f"{requirement}bid/", "Clear Your price in pounds, then Submit bid"),
            ("evaluator_first", f"{requirement}evaluation/", None),
            ("lead_buyer", f"{requirement}moderation/", None),
            ("lead_buyer", f"{requirement}report/", None),
        ],
        "first_submitted": [
            ("evaluator_first", f"{requirement}evaluation/", None),
            ("evaluator_first", score["ours"], None),
            ("evaluator_second", f"{requirement}evaluation/", None),
            ("evaluator_second", score["ours"], None),
            ("evaluator_second", score["ours"], "Clear Score for Approach, then Save evaluation"),
            ("evaluator_second", score["theirs"], None),
            ("lead_buyer", f"{requirement}moderation/", None),
            ("lead_buyer", requirement, None),
        ],
        "all_submitted": [
            ("lead_buyer", f"{requirement}moderation/", None),
            ("lead_buyer", f"{requirement}report/", None),
            ("evaluator_first", f"{requirement}evaluation/", None),
            ("evaluator_second", score["ours"], None),
        ],
        "standstill": [
            ("bidder_theirs", f"{requirement}feedback/", None),
            ("bidder_ours", f"{requirement}feedback/", None),
            ("bidder_ours", requirement, None),
            ("lead_buyer", f"{requirement}moderation/", None),
            ("lead_buyer", f"{requirement}report/", None),
            ("staff", f"{requirement}report/", None),
        ],
        "final": [
            ("lead_buyer", f"{requirement}report/", None),
            ("lead_buyer", f"{requirement}contract/", None),
            ("lead_buyer", f"{requirement}contract/", "Record the contract"),
            ("lead_buyer", "/marketplace/requirements/", None),
        ],
    }
    return pages[stage]


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])


@pytest.mark.parametrize("stage", ["draft", "questions", "first_submitted", "all_submitted", "standstill", "final"])
def test_every_procurement_page_fits_a_phone_and_a_desktop_without_violations(
    page,
    live_server,
    world,  # noqa: F811
    time_machine,
    stage,
):
    procurement = build(world, time_machine, stage)
    problems = []
    for person, path, press in _pages(stage, procurement.requirement.pk, procurement.bids):
        _sign_in(page, live_server, procurement.people[person])
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(path)
            if press:
                if press.startswith("Clear "):
                    box = page.get_by_label(press.removeprefix("Clear ").split(", then ")[0], exact=True)
                    if box.evaluate("element => element.tagName") == "SELECT":
                        box.select_option("")
                    else:
                        box.fill("")
                page.get_by_role("button", name=press.split(", then ")[-1], exact=True).click()
                page.wait_for_load_state()
            where = f"{person} {path}{' after ' + press if press else ''} at {width}px"
            if response.status != 200:
                problems.append(f"{where}: {response.status}")
                continue
            if press and not page.locator(".nhsuk-error-summary").count():
                problems.append(f"{where}: no error summary")
            if overflow := page.evaluate(OVERFLOW):
                problems.append(f"{where}: {overflow}px wider than the window")
            if violations := axe_violations(page):
                problems.append(f"{where}: {violations}")
    assert problems == [], "\n".join(problems)
