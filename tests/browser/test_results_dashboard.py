from playwright.sync_api import expect

from exchange.core.demo import DEMO_PASSWORD, demo_load

from .conftest import axe_violations


def test_the_results_dashboard_has_no_violations_and_its_controls_work(page, transactional_db):
    demo_load()
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill("analyst@demo.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/results/appraisal-of-nhs-england/2013/")
    expect(page.get_by_role("heading", name="Results", exact=True)).to_be_visible()
    expect(page.locator("main")).to_contain_text("33.3% of respondents (88 of 264) agreed")
    assert axe_violations(page) == []
    page.get_by_label("Break down by").select_option("region")
    page.get_by_role("button", name="Update results").click()
    expect(page.locator("#q-support_development table")).to_contain_text("North of England")
    assert axe_violations(page) == []
    assert page.console_errors == []
