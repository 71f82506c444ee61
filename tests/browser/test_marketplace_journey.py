import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from exchange.accounts.models import Role
from exchange.accounts.services import membership_create, user_create
from exchange.demo.services.catalogue import marketplace_demo_load
from exchange.marketplace.catalogue.models import Shortlist
from exchange.organisations.models import Organisation

from .conftest import axe_violations

PASSWORD = "browser-test-passphrase"


@pytest.fixture
def london_buyer(registry):
    user_create(email="admin@example.nhs.uk", full_name="Platform admin", password=PASSWORD, is_staff=True)
    marketplace_demo_load()
    user = user_create(email="buyer@example.nhs.uk", full_name="Kwame Mensah", password=PASSWORD)
    membership_create(
        actor=None, user=user, organisation=Organisation.objects.get(name="NHS Camden"), roles=[Role.BUYER]
    )
    return user


def sign_in(page):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill("buyer@example.nhs.uk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def pounds(text: str) -> Decimal:
    return Decimal(text.replace("£", "").replace(",", ""))


def test_a_commissioner_searches_filters_sorts_compares_and_freezes_a_shortlist(page, london_buyer):
    sign_in(page)
    page.get_by_role("link", name="Find support").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find commissioning support")
    expect(page.locator("main")).to_contain_text("NHS Camden's registered population")

    page.get_by_label("Search offerings").fill("business intelligence")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"q=business(\+|%20)intelligence"))
    page.get_by_label(re.compile(r"Third sector \(\d+\)")).check()
    expect(page).to_have_url(re.compile(r"sector=third_sector"))
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.get_by_role("group", name="Region served").get_by_label(re.compile(r"London \(\d+\)")).check()
    expect(page).to_have_url(re.compile(r"region=E40000003"))
    # htmx replaces the form with each answer: act on the form of the last answer, not one in flight.
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.get_by_label("Sort by").select_option(label="Lowest estimated annual cost")
    expect(page).to_have_url(re.compile(r"sort=cost"))
    expect(page.locator(".exchange-results-count")).to_contain_text("sorted by lowest estimated annual cost")

    cards = page.locator(".exchange-offerings > li")
    assert cards.count() >= 3
    for index in range(cards.count()):
        expect(cards.nth(index)).to_contain_text("Third sector")
        expect(cards.nth(index)).to_contain_text("London")
    costs = [pounds(text) for text in page.locator(".exchange-offerings dd strong").all_inner_texts()]
    assert costs == sorted(costs)
    assert axe_violations(page) == []

    titles = []
    for index in range(3):
        titles.append(cards.nth(index).locator("h3").inner_text())
        cards.nth(index).get_by_label(re.compile("^Compare")).check()
    page.get_by_role("button", name="Compare selected offerings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare offerings")
    headers = page.locator("table.exchange-compare thead th").all_inner_texts()
    assert headers == titles
    expect(page.locator("table.exchange-compare")).to_contain_text("Value for money (mean, 1 to 5)")
    assert axe_violations(page) == []

    page.get_by_label("Save these offerings as a shortlist named").fill("Third sector BI for Camden")
    page.get_by_role("button", name="Save as shortlist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Third sector BI for Camden")
    page.get_by_role("button", name="Freeze shortlist for audit").click()
    expect(page.locator("main")).to_contain_text("Frozen for audit")
    expect(page.locator("main")).to_contain_text("Kwame Mensah")
    shortlist = Shortlist.objects.get()
    assert shortlist.is_frozen and [entry.snapshot["title"] for entry in shortlist.entries.all()] == titles
    assert axe_violations(page) == []

    page.get_by_role("link", name=titles[0]).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(titles[0])
    page.get_by_text("How ratings are adjusted").click()
    expect(page.locator("main")).to_contain_text("Bayesian mean")
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_the_catalogue_filters_work_without_javascript(page_without_javascript, london_buyer):
    page = page_without_javascript
    page.goto("/marketplace/")
    page.get_by_label("Search offerings").fill("medicines")
    page.get_by_label(re.compile(r"Independent sector \(\d+\)")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".exchange-results-count")).to_contain_text("matching “medicines”")
    expect(page.locator(".exchange-offerings")).to_contain_text("Fenland Medicines Optimisation Ltd")


def test_the_recommendation_page_has_no_accessibility_violations(page, london_buyer):
    sign_in(page)
    page.goto("/marketplace/recommend/")
    page.get_by_label("Business intelligence and analytics").check()
    page.get_by_role("button", name="Recommend offerings").click()
    expect(page.locator("main")).to_contain_text("Why it is number 1")
    expect(page.locator("main")).to_contain_text("Serves London, your region.")
    assert axe_violations(page) == []
