"""The two axe rules the crawl of issue 18 found: the file upload's drop button (label-content-name-mismatch, WCAG
2.5.3) and the admin's password-change breadcrumb (link-in-text-block, WCAG 1.4.1)."""

import pytest
from playwright.sync_api import expect

from exchange.accounts.tests.factories import PASSWORD, UserFactory
from exchange.surveys.services.authoring import series_create
from exchange.surveys.tests.factories import owner_with_analyst

from .conftest import axe_violations


def _sign_in(page, email):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_a_file_upload_page_has_no_violations_and_its_button_is_named_by_what_it_shows(
    page, transactional_db, width, height
):
    owner, analyst = owner_with_analyst()
    series = series_create(owner=owner, title="Appraisal of NHS England")
    page.set_viewport_size({"width": width, "height": height})
    _sign_in(page, analyst.email)
    page.goto(f"/surveys/{series.slug}/import-xlsform/")
    button = page.locator(".nhsuk-file-upload__drop-button")
    expect(button).to_be_visible()  # the component has drawn its button
    assert axe_violations(page) == []
    expect(page.get_by_role("button", name="No file chosen")).to_be_visible()
    assert "Choose file or drop file" in button.inner_text().replace("\n", " ")
    assert page.console_errors == []


def test_the_admin_password_change_page_has_no_violations_and_its_breadcrumb_link_is_underlined(page, transactional_db):
    staff = UserFactory(is_staff=True, email="staff@example.nhs.uk")
    _sign_in(page, staff.email)
    page.goto("/admin/password_change/")
    expect(page.get_by_role("heading", name="Password change")).to_be_visible()
    home = page.locator("div.breadcrumbs a").first
    assert home.evaluate("link => getComputedStyle(link).textDecorationLine") == "underline"
    assert axe_violations(page) == []
