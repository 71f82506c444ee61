"""Platform staff's admin pages in Chromium, at a phone's width and a desktop's: axe-core finds no violation and no
page is wider than the window."""

from playwright.sync_api import expect

from exchange.accounts.services import user_create
from exchange.marketplace.catalogue.services.service_lines import service_lines_ensure
from exchange.marketplace.catalogue.tests.factories import OfferingFactory
from exchange.marketplace.procurement.tests.factories import RequirementFactory
from exchange.surveys.tests.factories import ContactFactory, full_wave

from .conftest import axe_violations

PASSWORD = "browser-test-passphrase"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_staff_admin_pages_have_no_violations_and_fit_a_phone_and_a_desktop(page, transactional_db):
    service_lines_ensure()  # a browser test's flush may have emptied the migration's rows
    user_create(email="staff@example.nhs.uk", full_name="Priya Patel", password=PASSWORD, is_staff=True)
    offering = OfferingFactory(title="Population health dashboards")
    requirement = RequirementFactory(title="Urgent care dashboards", published=True)
    wave = full_wave(confidentiality="confidential")
    contact = ContactFactory(wave=wave, full_name="Amanda Hughes")
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill("staff@example.nhs.uk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    paths = [
        "/admin/",
        "/admin/marketplace/offering/?q=dashboards&status__exact=published",
        f"/admin/marketplace/offering/{offering.pk}/change/",
        "/admin/marketplace/requirement/?q=dashboards",
        f"/admin/marketplace/requirement/{requirement.pk}/change/",
        "/admin/marketplace/bid/",
        "/admin/surveys/wave/?q=Appraisal",
        "/admin/surveys/contact/?q=Amanda",
        f"/admin/surveys/contact/{contact.pk}/change/",
        "/admin/organisations/organisation/?q=NHS",
    ]
    for width, height in [(390, 844), (1280, 800)]:
        page.set_viewport_size({"width": width, "height": height})
        for path in paths:
            page.goto(path)
            expect(page.locator("#content")).to_be_visible()
            assert "have permission" not in page.content(), path
            assert page.evaluate(OVERFLOW) == 0, (width, path)
            # The admin's own scripts break no rule of our Content Security Policy (axe's probes, run next, do).
            assert [error for error in page.console_errors if "Content Security Policy" in error] == [], path
            assert axe_violations(page) == [], (width, path)
            page.console_errors.clear()
