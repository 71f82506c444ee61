import datetime
import re

import pytest
from playwright.sync_api import expect

from exchange.accounts.models import Role
from exchange.accounts.services import membership_create, user_create
from exchange.audit.models import AuditEvent
from exchange.marketplace.catalogue.models import ServiceLine
from exchange.marketplace.catalogue.services.offerings import offering_create, offering_status_set
from exchange.marketplace.catalogue.services.service_lines import service_lines_ensure
from exchange.marketplace.procurement.models import Requirement
from exchange.organisations.models import Organisation, OrganisationKind, Region, Sector
from exchange.organisations.services import organisation_create

from .conftest import axe_violations

PASSWORD = "browser-test-passphrase"
PROVIDERS = [
    ("Community Voice Partnership", "cvp@example.org", "0.40", {"Approach and method": 4, "Social value": 3}),
    ("Meridian Health Analytics Ltd", "meridian@example.com", "0.35", {"Approach and method": 2, "Social value": 2}),
    ("Healthwatch Analytics Trust", "healthwatch@example.org", "0.45", {"Approach and method": 3, "Social value": 4}),
]


def person(email, organisation, role, name=None):
    user = user_create(email=email, full_name=name or email.split("@")[0].title(), password=PASSWORD)
    membership_create(actor=None, user=user, organisation=organisation, roles=[role])
    return user


@pytest.fixture
def market(registry):
    service_lines_ensure()
    admin = user_create(email="admin@example.nhs.uk", full_name="Admin", password=PASSWORD, is_staff=True)
    blackpool = Organisation.objects.get(name="NHS Blackpool")
    camden = Organisation.objects.get(name="NHS Camden")
    person("lead@example.nhs.uk", blackpool, Role.BUYER, "Sam Reid")
    person("camden@example.nhs.uk", camden, Role.BUYER, "Kwame Mensah")
    person("eval.one@example.nhs.uk", blackpool, Role.EVALUATOR, "Helen Marsh")
    person("eval.two@example.nhs.uk", camden, Role.EVALUATOR, "Ade Bello")
    regions = list(Region.objects.filter(name__in=["North of England", "London"]))
    for name, email, _, _ in PROVIDERS:
        provider = organisation_create(name=name, kind=OrganisationKind.SUPPORT_PROVIDER, sector=Sector.THIRD_SECTOR)
        person(email, provider, Role.PROVIDER_REPRESENTATIVE)
        offering = offering_create(
            actor=admin,
            provider=provider,
            title=f"BI by {name}",
            summary="Dashboards",
            service_lines=ServiceLine.objects.filter(code="business-intelligence"),
            regions=regions,
            pricing_model="per_head",
            price="0.40",
        )
        offering_status_set(actor=admin, offering=offering, status="published")


def sign_in(page, email):
    page.context.clear_cookies()
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def set_deadline(page, name: str, day: datetime.date, time: str) -> None:
    """A deadline as the buyer sets it: the date in three boxes and the time from the list."""
    deadline = page.get_by_role("group", name=name)
    deadline.get_by_label("Day").fill(str(day.day))
    deadline.get_by_label("Month").fill(str(day.month))
    deadline.get_by_label("Year").fill(str(day.year))
    deadline.get_by_label("Time").select_option(label=time)


def closed_actions(page) -> list[str]:
    """The buttons on the page that would change a procurement."""
    names = [
        "Publish requirement",
        "Add criterion",
        "Invite",
        "Assign evaluator",
        "Ask question",
        "Publish answer",
        "Submit bid",
        "Save as draft",
        "Withdraw bid",
        "Attach file",
        "Save declaration",
        "Change declaration",
        "Save evaluation",
        "Submit my scores",
        "Save moderated scores",
        "Award",
        "Make the award final",
    ]
    return [name for name in names if page.get_by_role("button", name=name, exact=True).count()]


def test_a_whole_joint_procurement(page, market, time_machine):
    now = datetime.datetime.now(tz=datetime.UTC)  # the clock of this process, moved later as time would pass
    sign_in(page, "lead@example.nhs.uk")
    page.goto("/marketplace/requirements/")
    page.get_by_role("button", name="Post a requirement").click()
    page.get_by_label("Title").fill("Business intelligence for Blackpool and Camden")
    page.get_by_label("Summary").fill("Dashboards, risk stratification and analysts for two CCGs")
    page.get_by_label("Business intelligence and analytics").check()
    page.get_by_label("Per head of registered population per year").check()
    set_deadline(page, "Clarification deadline", (now + datetime.timedelta(days=7)).date(), "5pm")
    set_deadline(page, "Bid deadline", (now + datetime.timedelta(days=14)).date(), "midday")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Business intelligence for Blackpool and Camden")
    bids_close = (now + datetime.timedelta(days=14)).date()
    expect(page.locator("main")).to_contain_text(f"{bids_close.day} {bids_close:%B %Y} at midday")
    requirement_url = page.url
    for title, weight, kind in [("Approach and method", "50", None), ("Social value", "20", "Social value")]:
        page.get_by_label("Criterion", exact=True).fill(title)
        page.get_by_label("Weight (%)").fill(weight)
        if kind:
            page.get_by_role("group", name="Kind").get_by_label(kind).check()
        page.get_by_role("button", name="Add criterion").click()
        expect(page.locator("main")).to_contain_text(f"Criterion “{title}” added.")
    page.get_by_label("Invite another commissioner to join").select_option(label="NHS Camden")
    page.get_by_role("button", name="Invite").click()
    assert axe_violations(page) == []

    sign_in(page, "camden@example.nhs.uk")
    page.goto(requirement_url)
    page.get_by_role("button", name="Join as a partner for NHS Camden").click()
    expect(page.locator("main")).to_contain_text("NHS Camden has joined as a partner.")

    sign_in(page, "lead@example.nhs.uk")
    page.goto(requirement_url)
    page.get_by_role("button", name="Publish requirement").click()
    expect(page.locator("main")).to_contain_text("Published")
    for evaluator in ("Helen Marsh", "Ade Bello"):
        page.get_by_label("Assign an evaluator from the partners").select_option(label=evaluator)
        page.get_by_role("button", name="Assign evaluator").click()
        expect(page.locator("main")).to_contain_text(f"{evaluator} will evaluate the bids.")
    expect(page.locator("main")).to_contain_text("NHS Camden")
    assert axe_violations(page) == []

    for name, email, price, _ in PROVIDERS:
        sign_in(page, email)
        page.goto(requirement_url)
        page.get_by_label("Your question").fill(f"Which data sets will {name} receive?")
        page.get_by_role("button", name="Ask question").click()
        expect(page.locator("main")).to_contain_text("Your question was sent")
        page.get_by_role("button", name=re.compile("Prepare your bid")).click()
        page.get_by_label("Your price in pounds").fill(price)
        page.get_by_label("Approach and method (50%)").fill(f"{name} will build the dashboards with you.")
        page.get_by_label("Social value (20%)").fill(f"{name} employs local people.")
        if name == PROVIDERS[0][0]:
            assert axe_violations(page) == []
        page.get_by_role("button", name="Submit bid").click()
        expect(page.locator("main")).to_contain_text("Your bid is submitted")

    sign_in(page, "lead@example.nhs.uk")
    page.goto(requirement_url)
    for _ in PROVIDERS:
        page.locator("textarea[name=answer]").first.fill("The monthly SUS and GP extracts.")
        page.get_by_role("button", name="Publish answer").first.click()
        expect(page.locator("main")).to_contain_text("Answer published to every bidder.")

    requirement = Requirement.objects.get()
    # Time passes: every clock of the server moves past the bid deadline.
    time_machine.move_to(requirement.bid_deadline + datetime.timedelta(hours=1), tick=True)

    for email, conflicted_with in [("eval.one@example.nhs.uk", None), ("eval.two@example.nhs.uk", PROVIDERS[2][0])]:
        sign_in(page, email)
        page.goto(requirement_url)
        page.get_by_role("button", name="Evaluate the bids").click()
        for name, _, _, scores in PROVIDERS:
            page.get_by_role("link", name=name).click()
            # The bid stays unread until the evaluator has declared a conflict of interest, or none.
            expect(page.locator("main")).not_to_contain_text("will build the dashboards")
            if name == conflicted_with:
                page.get_by_label("Yes, I have a conflict of interest").check()
                page.get_by_label("If yes, what is it?").fill("I worked there until 2024.")
                page.get_by_role("button", name="Save declaration").click()
                expect(page.locator("main")).to_contain_text(f"Conflict of interest with {name} recorded")
                continue
            page.get_by_label("No, I have no conflict of interest with this bidder").check()
            page.get_by_role("button", name="Save declaration").click()
            expect(page.locator("main")).to_contain_text(f"{name} will build the dashboards with you.")
            for criterion, score in scores.items():
                page.get_by_label(f"Score for {criterion}", exact=True).select_option(value=str(score))
                page.get_by_label(f"Why this score for {criterion}").fill(f"Evidence supports {score}.")
            if email == "eval.one@example.nhs.uk" and name == PROVIDERS[0][0]:
                assert axe_violations(page) == []
            page.get_by_role("button", name="Save evaluation").click()
            expect(page.locator("main")).to_contain_text("evaluation of")
        page.get_by_role("button", name="Submit my scores").click()
        expect(page.locator("main")).to_contain_text("Your scores are submitted")

    sign_in(page, "lead@example.nhs.uk")
    page.goto(requirement_url)
    page.get_by_role("link", name="Moderation, results and award").click()
    assert closed_actions(page) == ["Save moderated scores"]  # what is offered while moderation is open
    bids = {bid.provider.name: bid for bid in requirement.bids.select_related("provider")}
    criteria = {criterion.title: criterion for criterion in requirement.criteria.all()}
    for name, _, _, scores in PROVIDERS:
        for criterion, score in scores.items():
            key = f"{bids[name].pk}_{criteria[criterion].pk}"
            page.locator(f"#score_{key}").select_option(value=str(score))
            page.locator(f"#rationale_{key}").fill("Agreed in moderation.")
    page.get_by_role("button", name="Save moderated scores").click()
    expect(page.locator("main")).to_contain_text("Results")
    # Community Voice: 50 + 15 = 65, price 0.35 / 0.40 × 30 = 26.25, total 91.25.
    expect(page.locator("table").last).to_contain_text("91.25")
    page.get_by_label("Community Voice Partnership").check()
    page.get_by_label("Why").fill("Highest weighted score.")
    page.get_by_role("button", name="Award").click()
    expect(page.locator("main")).to_contain_text("Awarded to Community Voice Partnership")

    # After the standstill the lead makes the award final; from then on no page offers an action that changes it.
    time_machine.move_to(requirement.award.standstill_ends_at + datetime.timedelta(hours=1), tick=True)
    sign_in(page, "lead@example.nhs.uk")
    page.goto(f"{requirement_url}report/")
    page.get_by_role("button", name="Make the award final").click()
    expect(page.locator("main")).to_contain_text("The award is final")
    assert axe_violations(page) == []
    # The lead records the signed contract (a wrong period first: the error summary, then the real dates).
    page.get_by_role("button", name="Record the signed contract").click()
    assert axe_violations(page) == []
    today = datetime.datetime.now(tz=datetime.UTC).date()
    page.get_by_label("Date the contract was signed").fill(today.isoformat())
    page.get_by_label("First day of the contract").fill((today + datetime.timedelta(days=7)).isoformat())
    page.get_by_label("Last day of the contract").fill(today.isoformat())
    page.get_by_role("button", name="Record the contract").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The last day must be on or after the first day")
    assert axe_violations(page) == []
    page.get_by_label("Last day of the contract").fill((today + datetime.timedelta(days=372)).isoformat())
    page.get_by_role("button", name="Record the contract").click()
    expect(page.locator("main")).to_contain_text("Contract signed on")
    for email in ("lead@example.nhs.uk", "camden@example.nhs.uk", "eval.one@example.nhs.uk", "cvp@example.org"):
        sign_in(page, email)
        for path in ("", "moderation/", "report/", "evaluation/", "bid/", "feedback/"):
            response = page.goto(f"{requirement_url}{path}")
            if response.status == 200:
                assert closed_actions(page) == [], (email, path)
    page.console_errors.clear()  # the 404s of pages these people may not open were meant

    sign_in(page, "meridian@example.com")
    page.goto(requirement_url)
    page.get_by_role("button", name="See your assessment summary").click()
    expect(page.locator("main")).to_contain_text("awarded to Community Voice Partnership")
    expect(page.locator("main")).to_contain_text("Assessment summary of your bid")
    expect(page.locator("main")).to_contain_text("Winning bid's score")
    expect(page.locator("main")).to_contain_text("Why (winning bid)")
    assert axe_violations(page) == []
    assert page.console_errors == []

    events = list(
        AuditEvent.objects.filter(action__startswith="procurement.")
        .order_by("id")
        .values_list("action", "actor__email")
    )
    lead, camden = "lead@example.nhs.uk", "camden@example.nhs.uk"
    one, two = "eval.one@example.nhs.uk", "eval.two@example.nhs.uk"
    expected = [
        ("procurement.requirement_created", lead),
        ("procurement.partner_invited", lead),
        ("procurement.partner_joined", camden),
        ("procurement.requirement_published", lead),
        ("procurement.evaluator_assigned", lead),
        ("procurement.evaluator_assigned", lead),
    ]
    for _, email, _, _ in PROVIDERS:
        expected += [(f"procurement.{step}", email) for step in ("question_asked", "bid_saved", "bid_submitted")]
    expected += [("procurement.question_answered", lead)] * 3
    for evaluator, conflicted_with in [(one, None), (two, PROVIDERS[2][0])]:
        for name, *_ in PROVIDERS:
            expected.append(("procurement.conflict_declared", evaluator))
            if name != conflicted_with:
                expected += [("procurement.score_recorded", evaluator)] * 2
        expected.append(("procurement.scores_submitted", evaluator))
    expected += [("procurement.score_moderated", lead)] * 6 + [("procurement.awarded", lead)]
    expected += [("procurement.award_concluded", lead), ("procurement.contract_signed", lead)]
    assert events == expected
