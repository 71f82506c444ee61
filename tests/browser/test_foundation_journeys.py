import re

import pytest
from playwright.sync_api import expect

from exchange.accounts.models import Role
from exchange.accounts.services import membership_create, user_create
from exchange.organisations.models import Organisation

from .conftest import axe_violations

PASSWORD = "browser-test-passphrase"


@pytest.fixture
def commissioner(registry):
    user = user_create(email="lead@example.nhs.uk", full_name="Amanda Hughes", password=PASSWORD)
    membership_create(
        actor=None, user=user, organisation=Organisation.objects.get(ods_code="00R"), roles=[Role.CLINICAL_LEAD]
    )
    return user


def sign_in(page, email=("lead@example.nhs.uk"), password=PASSWORD):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_browse_the_directory_filter_by_region_and_open_an_organisation(page, commissioner):
    sign_in(page)
    expect(page.get_by_role("link", name="Amanda Hughes")).to_be_visible()

    page.get_by_role("link", name="Organisations", exact=True).first.click()
    expect(page.get_by_role("heading", name="Organisation directory")).to_be_visible()
    expect(page.locator(".exchange-results-count")).to_contain_text("211 organisations")

    page.get_by_label("Region").select_option(label="London")
    expect(page.locator(".exchange-results-count")).to_contain_text("32 organisations")
    expect(page).to_have_url(re.compile(r"region=E40000003"))

    page.get_by_label("Search by name or code").fill("Camden")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".exchange-results-count")).to_contain_text("1 organisation")
    page.get_by_role("link", name="NHS Camden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("NHS Camden")
    expect(page.locator("main")).to_contain_text("London")
    assert page.console_errors == []


def test_the_directory_filters_work_without_javascript(page_without_javascript, registry):
    page = page_without_javascript
    page.goto("/organisations/")
    page.get_by_label("Search by name or code").fill("Blackpool")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("link", name="NHS Blackpool")).to_be_visible()
    expect(page.locator("#results")).to_contain_text("North of England")


def test_a_member_sees_colleagues_on_the_members_page(page, commissioner):
    sign_in(page)
    page.goto("/organisations/nhs-blackpool/")
    page.get_by_role("link", name="See and manage the members of NHS Blackpool").click()
    expect(page.locator("main")).to_contain_text("lead@example.nhs.uk")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/sign-in/",
        "/organisations/",
        "/organisations/?region=E40000003",
        "/organisations/nhs-blackpool/",
        "/ocds/",
        "/status/",
    ],
)
def test_pages_have_no_wcag_22_aa_violations(page, registry, path):
    page.goto(path)
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_the_sign_in_error_state_has_no_violations_and_focuses_the_summary(page, commissioner):
    sign_in(page, password="wrong")
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    assert axe_violations(page) == []


def test_signed_in_pages_have_no_violations(page, commissioner):
    sign_in(page)
    for path in [
        "/accounts/account/",
        "/organisations/nhs-blackpool/",
        "/accounts/organisations/nhs-blackpool/members/",
    ]:
        page.goto(path)
        assert axe_violations(page) == [], path
