"""A plan's whole review in Chromium, with JavaScript and without: NHS Blackpool (from the 2013 registry) opens a
review of its plan; Blackpool's Health and Wellbeing Board refers it back; the clinical senate advises; three of
five member practices endorse; Blackpool answers the referral with a new version, responds to the advice and
decides; the area team assures; Blackpool rates the reviewers; the public page shows the whole timeline. Every
page of the journey is checked with axe-core (WCAG 2.2 AA) when JavaScript runs."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from exchange.accounts.models import Role
from exchange.accounts.services import membership_create, user_create
from exchange.organisations.models import Organisation
from exchange.organisations.services import oversight_bodies_import
from exchange.plans.models import Review, StrategyPriority

from .conftest import axe_violations
from .test_procurement_journey import PASSWORD, sign_in

DATA = Path(settings.BASE_DIR) / "data" / "organisations"
BOARD = "Blackpool Health and Wellbeing Board"
SENATE = "Greater Manchester, Lancashire and South Cumbria Clinical Senate"
AREA_TEAM = "NHS England Lancashire Area Team"


@pytest.fixture
def oversight(registry):
    """The bodies that oversee NHS Blackpool, loaded from the repository's CSV files, and one lead for each."""
    oversight_bodies_import(
        boards=DATA / "boards.csv", senates=DATA / "senates.csv", practices=DATA / "practices.csv", area_teams=True
    )
    blackpool = Organisation.objects.get(name="NHS Blackpool")
    practices = list(Organisation.objects.filter(member_of=blackpool).order_by("name"))
    assert len(practices) == 5
    people = {
        "lead@blackpool.example": (blackpool, Role.CLINICAL_LEAD),
        "board@blackpool.example": (Organisation.objects.get(name=BOARD), Role.MANAGERIAL_LEAD),
        "senate@nw.example": (Organisation.objects.get(name=SENATE), Role.MANAGERIAL_LEAD),
        "area.team@england.example": (Organisation.objects.get(name=AREA_TEAM), Role.MANAGERIAL_LEAD),
        **{f"practice{n}@blackpool.example": (p, Role.MANAGERIAL_LEAD) for n, p in enumerate(practices, 1)},
    }
    for email, (organisation, role) in people.items():
        user = user_create(email=email, full_name=email.split("@")[0].title(), password=PASSWORD)
        membership_create(actor=None, user=user, organisation=organisation, roles=[role])
    board = Organisation.objects.get(name=BOARD)
    StrategyPriority.objects.create(board=board, code="P1", title="Healthy weight in childhood")
    StrategyPriority.objects.create(board=board, code="P2", title="Reducing harm from alcohol")
    return practices


@pytest.fixture(params=["with JavaScript", "without JavaScript"])
def browser_page(request, oversight):
    page = request.getfixturevalue("page" if request.param == "with JavaScript" else "page_without_javascript")
    page.javascript = request.param == "with JavaScript"
    return page


def accessible(page) -> None:
    if page.javascript:
        assert axe_violations(page) == [], page.url


def act(page, link: str, fields: dict, button: str, done: str) -> None:
    """Follow a link of the review page to a form, fill it (text boxes by label, radios and checkboxes by label),
    send it and see the review page say it is done."""
    page.get_by_role("link", name=link).first.click()
    accessible(page)
    for label, value in fields.items():
        if value is True:
            page.get_by_label(label, exact=True).check()
        else:
            page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name=button).click()
    expect(page.locator("main")).to_contain_text(done)
    accessible(page)


def test_a_plan_is_reviewed_by_everyone_with_exactly_their_power(browser_page, time_machine):
    page = browser_page
    today = datetime.datetime.now(tz=datetime.UTC).date()
    sign_in(page, "lead@blackpool.example")
    page.goto("/plans/")
    accessible(page)
    page.get_by_role("link", name="Start a plan").click()
    page.get_by_role("button", name="Save version 1").click()  # nothing typed: the error summary, nothing saved
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the plan's title.")
    accessible(page)
    page.get_by_label("Title").fill("Blackpool two-year operating plan")
    page.get_by_label("First day of the plan").fill((today + datetime.timedelta(days=90)).isoformat())
    page.get_by_label("Last day of the plan").fill((today + datetime.timedelta(days=820)).isoformat())
    page.get_by_label("The plan", exact=True).fill(
        "## Childhood weight\nA weight service in every school.\n\n## Urgent care\nOne urgent care centre."
    )
    page.get_by_label(re.compile("P1 Healthy weight in childhood")).check()
    page.get_by_role("button", name="Save version 1").click()
    expect(page.locator("main")).to_contain_text("The plan is saved as version 1.")
    accessible(page)
    plan_url = page.url
    page.get_by_role("link", name="Open a review").click()
    page.get_by_label("The review closes at the end of").fill((today + datetime.timedelta(days=28)).isoformat())
    for checkbox in page.locator("input[name=reviewers]").all():
        checkbox.check()
    accessible(page)
    page.get_by_role("button", name="Open the review").click()
    expect(page.locator("main")).to_contain_text("The review is open; each reviewer has been told.")
    accessible(page)
    review_url = page.url
    assert re.search(r"/plans/reviews/\d+/$", review_url)

    sign_in(page, "board@blackpool.example")
    page.goto("/plans/")
    page.get_by_role("link", name="Blackpool two-year operating plan").click()
    accessible(page)
    page.get_by_role("link", name="Refer the plan back").click()
    page.get_by_role("button", name="Refer the plan back").click()  # no priority, no reasons: refused, nothing saved
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Name the strategy priorities the plan conflicts")
    accessible(page)
    page.get_by_label("P2 Reducing harm from alcohol").check()
    page.get_by_label("Your reasons").fill("Alcohol harm, our second priority, is missing.")
    page.get_by_role("button", name="Refer the plan back").click()
    expect(page.locator("main")).to_contain_text("The plan is referred back")
    expect(page.get_by_role("link", name="Refer the plan back")).to_have_count(0)  # once per version

    sign_in(page, "senate@nw.example")
    page.goto(review_url)
    expect(page.get_by_role("link", name="Refer the plan back")).to_have_count(0)  # a senate only advises
    act(page, "Give advice", {"Your advice": "Add a stroke pathway."}, "Give advice", "Your advice is recorded")

    sign_in(page, "lead@blackpool.example")
    page.goto(review_url)
    page.get_by_role("link", name="Write a new version").click()
    page.get_by_label("The plan", exact=True).fill(
        "## Childhood weight\nAs before.\n\n## Alcohol\nAn alcohol liaison nurse at Blackpool Victoria Hospital."
    )
    page.get_by_label("What changed, and why").fill("Alcohol harm added, as the board asked.")
    accessible(page)
    page.get_by_role("button", name="Save the new version").click()
    expect(page.locator("main")).to_contain_text("The new version is saved")

    for n in range(1, 6):
        sign_in(page, f"practice{n}@blackpool.example")
        page.goto(review_url)
        answer = "Yes" if n <= 3 else "No"
        act(page, "Endorse or not", {answer: True}, "Endorse or not", "Your practice's view is recorded.")
    expect(page.locator("main")).to_contain_text("Practices endorsing version 2: 3 of 5.")

    sign_in(page, "lead@blackpool.example")
    page.goto(review_url)
    act(
        page,
        "answer the referral of Blackpool Health and Wellbeing Board",
        {"With the plan's latest version": True, "Your reasons": "Version 2 adds an alcohol service."},
        "Answer the referral",
        "Your answer is recorded; the board has been told.",
    )
    act(
        page,
        f"respond to the advice of {SENATE}",
        {"Partly accepted": True, "Your reasons": "The stroke network leads on the pathway."},
        "Respond to advice",
        "Your response to the advice is recorded.",
    )
    # Version 2 is new: the reviewers may still give their view of it, so the decision is not offered yet
    expect(page.get_by_role("link", name="Decide the plan")).to_have_count(0)
    page.goto(review_url + "decide/")
    expect(page.locator("main")).to_contain_text("some reviewers have not yet given their view")
    accessible(page)

    review = Review.objects.get()
    time_machine.move_to(review.closes_at + datetime.timedelta(hours=1), tick=True)
    sign_in(page, "lead@blackpool.example")
    page.goto(review_url)
    act(page, "Decide the plan", {"Your decision, and why": "Agreed as version 2."}, "Decide the plan", "is decided")

    sign_in(page, "area.team@england.example")
    page.goto(review_url)
    act(page, "Assure", {"Good": True, "Your reasons": "Well led, and open."}, "Assure", "assurance is recorded")

    sign_in(page, "lead@blackpool.example")
    page.goto(review_url)
    rate = page.get_by_role("link", name=re.compile("^Rate the conduct of "))
    expect(rate).to_have_count(8)  # every reviewer: the board, the senate, five practices and the area team
    for n in range(8):
        name = " ".join(rate.first.text_content().split()).removeprefix("Rate the conduct of ")
        rate.first.click()
        if n == 0:
            accessible(page)
        for label, score in {"Common purpose": "4", "Local leadership": "4", "Honesty": "5"}.items():
            page.get_by_role("group", name=re.compile(label)).get_by_label(score, exact=True).check()
        page.get_by_role("button", name=f"Rate the conduct of {name}").click()
        expect(page.locator("main")).to_contain_text("Your ratings are recorded.")
    expect(page.get_by_role("link", name=re.compile("Rate the conduct"))).to_have_count(0)

    page.context.clear_cookies()  # anyone, signed in or not
    page.goto(plan_url + "public/")
    timeline = page.locator("main")
    for said in (
        "Member practices endorsing version 2: 3 of 5.",
        "Referred version 1 back",
        "Advice on version 1",
        "Version 2",
        "Answered Blackpool Health and Wellbeing Board",
        "partly accepted",
        "Endorsed version 2",
        "Decided",
        "Assurance: Good",
    ):
        expect(timeline).to_contain_text(said)
    accessible(page)
    if page.javascript:  # only the two refusals meant above: the empty plan and the empty referral
        assert (
            page.console_errors
            == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"] * 2
        )
