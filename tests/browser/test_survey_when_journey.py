"""A respondent answers a part with a note, a date and a time: the note is read in its place, a date that cannot be
is refused in NHS.UK's words with the summary taking them to the box at fault, a time off the 24-hour clock is
refused, the answers are saved, come back in their boxes and are submitted as ISO text; with JavaScript (axe-core on
every page) and without it."""

import pytest
from playwright.sync_api import expect

from exchange.surveys.models import Answer, Draft, Response
from exchange.surveys.tests.factories import when_section

from .conftest import axe_violations, open_wave_contact


@pytest.fixture
def contact(transactional_db):
    return open_wave_contact(when_section, title="Boards")


def _start(page, contact):
    page.goto(f"/surveys/respond/{contact.token}/")
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", name="When you started")).to_be_visible()


def _fill(page, day, month, year, time):
    date = page.get_by_role("group", name="When did your organisation start?")
    date.get_by_label("Day").fill(day)
    date.get_by_label("Month").fill(month)
    date.get_by_label("Year").fill(year)
    page.get_by_label("At what time does your board usually meet?").fill(time)


def _submitted() -> dict:
    assert Response.objects.count() == 1
    return dict(Answer.objects.values_list("question__code", "text"))


def test_a_note_a_date_and_a_time_are_answered_with_javascript(page, contact):
    _start(page, contact)
    expect(page.locator(".nhsuk-inset-text")).to_contain_text("These questions are about when your organisation")
    assert axe_violations(page) == []

    _fill(page, "31", "2", "2013", "25:00")
    page.get_by_role("button", name="Save and continue").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter a real date")
    expect(summary).to_contain_text("Enter a time like 14:30")
    assert axe_violations(page) == []
    summary.get_by_role("link", name="Enter a real date").click()
    expect(page.get_by_label("Day")).to_be_focused()

    _fill(page, "1", "4", "2013", "9:30")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", name="Your answers are saved")).to_be_visible()
    page.goto(f"/surveys/respond/{contact.token}/")
    page.get_by_role("button", name="Continue where you left off").click()
    expect(page.get_by_role("heading", name="Check your answers before submitting")).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("1 April 2013")
    expect(main).to_contain_text("09:30")
    expect(main).not_to_contain_text("These questions are about when")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Change When did your organisation start?").click()
    expect(page.get_by_label("Day")).to_have_value("1")
    expect(page.get_by_label("Month")).to_have_value("4")
    expect(page.get_by_label("Year")).to_have_value("2013")
    expect(page.get_by_label("At what time does your board usually meet?")).to_have_value("09:30")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", name="Answers submitted")).to_be_visible()
    assert _submitted() == {"started_on": "2013-04-01", "meets_at": "09:30"}
    assert [error for error in page.console_errors if "status of 400" not in error] == []


def test_a_note_a_date_and_a_time_are_answered_without_javascript(page_without_javascript, contact):
    page = page_without_javascript
    _start(page, contact)
    expect(page.locator(".nhsuk-inset-text")).to_contain_text("Give your best guess.")
    _fill(page, "1", "", "2013", "14:30")
    page.get_by_role("button", name="Save and continue").click()
    link = page.locator(".nhsuk-error-summary").get_by_role("link", name="Date must include a month")
    expect(link).to_have_attribute("href", "#id_started_on-month")
    link.click()
    assert page.url.endswith("#id_started_on-month")
    # Nothing of the page was saved: the valid time is only in its box, to be sent again.
    expect(page.get_by_label("At what time does your board usually meet?")).to_have_value("14:30")
    assert "meets_at" not in Draft.objects.get().answers
    _fill(page, "1", "April", "2013", "14:30")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("main")).to_contain_text("1 April 2013")
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", name="Answers submitted")).to_be_visible()
    assert _submitted() == {"started_on": "2013-04-01", "meets_at": "14:30"}
