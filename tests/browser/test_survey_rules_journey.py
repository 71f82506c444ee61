"""A respondent answers a part with XLSForm rules: a constraint with its message and one with the default message,
a required rule with its message that holds on this page's answers, a default filled in, a read-only question shown
as text, and calculated values worked out at submission and never shown; with JavaScript (axe-core on every page)
and without it."""

import pytest
from playwright.sync_api import expect

from exchange.surveys.models import Answer, Response
from exchange.surveys.tests.factories import GMC, rules_section

from .conftest import axe_violations, open_wave_contact


@pytest.fixture
def contact(transactional_db):
    return open_wave_contact(rules_section, title="Teams")


def _start(page, contact):
    page.goto(f"/surveys/respond/{contact.token}/")
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", name="Your team")).to_be_visible()


def _submitted() -> dict:
    assert Response.objects.count() == 1
    return {a.question.code: a.number if a.number is not None else a.text for a in Answer.objects.all()}


def _answer(page, *, nhs_number, gmc, team_size):
    page.get_by_label("GP", exact=True).check()
    page.get_by_label("NHS number?").fill(nhs_number)
    page.get_by_label("GMC number?").fill(gmc)
    page.get_by_label("Team size?").fill(team_size)
    page.get_by_role("button", name="Save and continue").click()


def test_rules_are_carried_out_with_javascript(page, contact):
    _start(page, contact)
    expect(page.get_by_label("Team size?")).to_have_value("5")
    expect(page.locator("#readonly-region_name")).to_contain_text("North East")
    expect(page.locator("main")).not_to_contain_text("Twice the team")
    assert axe_violations(page) == []

    _answer(page, nhs_number="123", gmc="", team_size="13")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter a 10-digit NHS number")
    expect(summary).to_contain_text(GMC)
    expect(summary).to_contain_text("Enter an answer that meets the question's rule")
    assert axe_violations(page) == []
    summary.get_by_role("link", name=GMC).click()
    expect(page.get_by_label("GMC number?")).to_be_focused()

    _answer(page, nhs_number="0123456789", gmc="7654321", team_size="6")
    expect(page.get_by_role("heading", name="Check your answers before submitting")).to_be_visible()
    expect(page.locator("main")).to_contain_text("North East")
    expect(page.locator("main")).not_to_contain_text("Twice the team")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", name="Answers submitted")).to_be_visible()
    submitted = _submitted()
    assert (submitted["doubled"], submitted["tag"], submitted["region_name"]) == (12, "gp-6", "North East")


def test_rules_are_carried_out_without_javascript(page_without_javascript, contact):
    page = page_without_javascript
    _start(page, contact)
    _answer(page, nhs_number="0123456789", gmc="", team_size="5")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(GMC)
    page.get_by_label("Nurse", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", name="Answers submitted")).to_be_visible()
    submitted = _submitted()
    assert (submitted["doubled"], submitted["tag"]) == (10, "nurse-5")
    assert "gmc" not in submitted
