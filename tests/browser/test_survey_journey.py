"""An analyst writes a questionnaire with every question type and routing in the pages, opens it and adds a
contact; the contact answers it in the browser, saves and comes back, checks the answers and submits."""

import pytest
from playwright.sync_api import expect

from exchange.accounts.models import Role
from exchange.accounts.services import membership_create, user_create
from exchange.organisations.models import Organisation
from exchange.surveys.models import Answer, Contact, Draft, PendingResponse, Response
from exchange.surveys.services.authoring import series_create, wave_close

from .conftest import axe_violations

PASSWORD = "browser-test-passphrase"


@pytest.fixture
def analyst(registry):
    owner = Organisation.objects.create(name="NHS Clinical Commissioners", slug="nhscc", kind="membership_body")
    user = user_create(email="analyst@example.nhs.uk", full_name="Owen Lloyd", password=PASSWORD)
    membership_create(actor=None, user=user, organisation=owner, roles=[Role.ANALYST])
    series_create(owner=owner, title="Appraisal of NHS England")
    return user


def sign_in(page):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill("analyst@example.nhs.uk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def add_question(page, section_link, code, kind, text, options="", grid="", routing="", low="", high="", required=True):
    page.get_by_role("link", name=section_link).click()
    page.get_by_label("Question code").fill(code)
    page.get_by_label("Type of question").select_option(kind)
    page.get_by_label("Question", exact=True).fill(text)
    if not required:
        page.get_by_label("An answer is required").uncheck()
    page.get_by_label("Options (choice, Likert and grid questions)").fill(options)
    page.get_by_label("Grid items (grid questions)").fill(grid)
    page.get_by_label("Ask only if (optional)").fill(routing)
    page.get_by_label("Smallest number allowed (optional)").fill(low)
    page.get_by_label("Largest number allowed (optional)").fill(high)
    page.get_by_role("button", name="Save question").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(f"Question {code} added")


AGREE = "sa | Strongly agree | positive\na | Agree | positive\nd | Disagree\ndk | Don't know | excluded"


def author_wave(page, live_server):
    from exchange.surveys.models import SurveySeries
    from exchange.surveys.services.authoring import wave_create

    wave = wave_create(series=SurveySeries.objects.get(), label="2014", confidentiality="confidential")
    page.goto(f"/surveys/{wave.series.slug}/{wave.slug}/questionnaire/")
    for title in ["Choices", "Relationship", "Anything else"]:
        page.get_by_role("button", name="Add a section").click()
        page.get_by_label("Section title").fill(title)
        page.get_by_role("button", name="Add section").click()
    add_question(
        page, "Add a question to Choices", "info", "single", "Were you given enough information?", "yes | Yes\nno | No"
    )
    add_question(
        page,
        "Add a question to Choices",
        "satisfied",
        "likert",
        "How satisfied are you?",
        AGREE,
        routing="info equals no",
    )
    add_question(
        page,
        "Add a question to Choices",
        "reasons",
        "multiple",
        "Why this support?",
        "busy | Too busy\nrel | Good relationships",
        required=False,
    )
    add_question(
        page,
        "Add a question to Relationship",
        "behaviours",
        "likert_grid",
        "How far do you agree?",
        AGREE,
        grid="purpose | Common purpose\nhonesty | Honesty and transparency",
    )
    add_question(
        page, "Add a question to Relationship", "staff", "number", "How many staff support you?", low="0", high="500"
    )
    add_question(
        page,
        "Add a question to Relationship",
        "why_busy",
        "short_text",
        "What kept you busy?",
        routing="reasons any_of busy",
        required=False,
    )
    add_question(
        page,
        "Add a question to Anything else",
        "comments",
        "long_text",
        "Any other comments?",
        routing="info not yes",
        required=False,
    )
    page.get_by_role("link", name="Preview as a respondent").click()
    expect(page.locator("main")).to_contain_text("Asked only if info equals no")
    return wave


def test_a_questionnaire_is_authored_in_the_pages_and_answered_end_to_end(page, analyst, live_server, tmp_path):
    sign_in(page)
    wave = author_wave(page, live_server)
    page.goto(f"/surveys/{wave.series.slug}/{wave.slug}/")
    # The sample frame is built while the wave is a draft: once it opens, nobody's group can change.
    page.get_by_role("link", name="Add contacts from a CSV file").click()
    csv = tmp_path / "contacts.csv"
    csv.write_text("name,email,role,organisation_code\nAmanda Hughes,amanda@example.nhs.uk,clinical_lead,00R\n")
    page.locator("input[type=file]").set_input_files(str(csv))
    page.get_by_role("button", name="Upload contacts").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("1 contacts added")
    page.get_by_role("button", name="Open the wave").click()
    expect(page.get_by_role("link", name="Add contacts from a CSV file")).to_have_count(0)
    page.get_by_role("button", name="Send invitations (1)").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Invitations queued for 1 people")
    page.get_by_role("button", name="Sign out").click()

    token = Contact.objects.get().token
    page.goto(f"/surveys/respond/{token}/")
    # The link's page only shows the survey: a browser (or an e-mail scanner) opening it marks nothing.
    expect(page.get_by_role("link", name="opt out of this survey")).to_be_visible()
    assert axe_violations(page) == []
    assert Contact.objects.get().opened_at is None and not Draft.objects.exists()
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", name="Choices")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select an answer: Were you given enough information?")
    assert axe_violations(page) == []

    page.get_by_role("group", name="Were you given enough information?").get_by_label("No").check()
    page.get_by_role("group", name="How satisfied are you?").get_by_label("Disagree").check()
    page.get_by_label("Too busy").check()
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", name="Your answers are saved")).to_be_visible()

    page.goto(f"/surveys/respond/{token}/")
    page.get_by_role("button", name="Continue where you left off").click()
    expect(page.get_by_role("heading", name="Relationship")).to_be_visible()
    page.get_by_role("group", name="Common purpose").get_by_label("Agree", exact=True).check()
    page.get_by_role("group", name="Honesty and transparency").get_by_label("Don't know").check()
    page.get_by_label("How many staff support you?").fill("12")
    page.get_by_label("What kept you busy?").fill("Winter pressures")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Any other comments?").fill("Thank you")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Check your answers before submitting")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Winter pressures")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", name="Answers submitted")).to_be_visible()
    # The back button returns to a page that now only says it is done: nothing can be sent twice.
    page.go_back()
    expect(page.get_by_role("heading", name="Answers submitted")).to_be_visible()
    # A confidential wave's answers wait for the threshold of others; closing the wave releases the last few.
    assert Response.objects.count() == 0 and PendingResponse.objects.count() == 1
    wave_close(wave=wave)
    assert Response.objects.count() == 1
    assert Answer.objects.filter(question__code="behaviours").count() == 2
    # The one 400 is the page that showed the validation errors; nothing else may fail (CSP, scripts).
    assert [error for error in page.console_errors if "status of 400" not in error] == []


def test_the_tracking_page_has_no_violations(page, analyst):
    from exchange.surveys.models import SurveySeries
    from exchange.surveys.tests.factories import full_wave

    wave = full_wave(owner=SurveySeries.objects.get().owner)
    sign_in(page)
    page.goto(f"/surveys/{wave.series.slug}/{wave.slug}/tracking/")
    expect(page.get_by_role("heading", name="Response rates")).to_be_visible()
    assert axe_violations(page) == []
