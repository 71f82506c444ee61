"""The requirement pages as a commissioner reads them: each criterion named once, deadlines on the hour written one
way ("25 December 2026 at 3pm"), chosen as a date and an hour, and a breadcrumb that leads back through the
requirements."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from exchange.core import clock
from exchange.core.moments import moment_text
from exchange.marketplace.procurement.models import Requirement
from exchange.marketplace.procurement.services import requirements
from exchange.marketplace.procurement.tests.factories import RequirementFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _at(days: int, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(clock.today() + datetime.timedelta(days=days), datetime.time(hour), tzinfo=LONDON)


def _text(response) -> str:
    """The page's words, tags taken out and spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def drafted(world):
    return RequirementFactory(
        lead=world.blackpool,
        owner=world.lead,
        title="Population health analytics",
        criteria=[("Approach", 40), ("Social value", 20, "social_value"), ("Local jobs", 10, "social_value")],
        clarification_deadline=_at(10, 15),
        bid_deadline=_at(20, 9),
    )


def test_each_criterion_is_named_once_with_its_kind_only_where_the_title_does_not_say_it(client, world, drafted):
    client.force_login(world.lead)
    page = _text(client.get(f"/marketplace/requirements/{drafted.pk}/"))
    assert "Social value (social value)" not in page
    assert "Approach (quality)" not in page
    assert "Local jobs (social value)" in page
    assert re.search(r"Social value 20%", page)


def test_the_deadlines_read_as_a_day_and_an_hour_in_london_time_on_the_requirement_and_its_list(client, world, drafted):
    client.force_login(world.lead)
    detail = _text(client.get(f"/marketplace/requirements/{drafted.pk}/"))
    listing = _text(client.get("/marketplace/requirements/"))
    questions, bids = moment_text(_at(10, 15)), moment_text(_at(20, 9))
    assert questions.endswith(" at 3pm") and bids.endswith(" at 9am")
    assert f"Questions close {questions}" in detail and f"Bids close {bids}" in detail
    assert bids in listing
    assert not re.search(r"\d\d:\d\d", detail + listing)


def test_the_requirement_pages_lead_back_home_through_the_requirements(client, world, drafted):
    client.force_login(world.lead)
    detail = client.get(f"/marketplace/requirements/{drafted.pk}/").content.decode()
    crumbs = re.search(r'<nav class="nhsuk-breadcrumb".*?</nav>', detail, re.S).group(0)
    assert "Find commissioning support" not in crumbs
    assert re.findall(r'class="nhsuk-breadcrumb__link" href="([^"]+)"', crumbs) == ["/", "/marketplace/requirements/"]
    new = client.get("/marketplace/requirements/new/").content.decode()
    assert 'href="/marketplace/requirements/"' in re.search(r'<nav class="nhsuk-breadcrumb".*?</nav>', new, re.S)[0]


def _posted(**deadlines) -> dict:
    data = {
        "title": "Risk stratification",
        "summary": "Monthly risk scores",
        "service_lines": ["business-intelligence"],
        "pricing_model": "per_head",
        "term_months": "12",
        "price_weight": "30",
        "standstill_days": "8",
        "route": "open",
    }
    for name, (day, hour) in deadlines.items():
        data |= {
            f"{name}-day": str(day.day),
            f"{name}-month": str(day.month),
            f"{name}-year": str(day.year),
            f"{name}-hour": str(hour),
        }
    return data


def test_the_buyer_sets_each_deadline_as_a_date_and_an_hour_in_london_time(client, world):
    client.force_login(world.lead)
    questions, bids = clock.today() + datetime.timedelta(days=12), clock.today() + datetime.timedelta(days=26)
    response = client.post(
        "/marketplace/requirements/new/",
        _posted(clarification_deadline=(questions, 17), bid_deadline=(bids, 12)),
    )
    requirement = Requirement.objects.get()
    assert response.status_code == 302
    assert requirement.clarification_deadline == datetime.datetime.combine(questions, datetime.time(17), tzinfo=LONDON)
    assert requirement.bid_deadline.astimezone(LONDON).time() == datetime.time(12)


def test_the_form_offers_only_whole_hours_and_shows_the_date_in_three_boxes(client, world):
    client.force_login(world.lead)
    page = client.get("/marketplace/requirements/new/").content.decode()
    hours = re.search(r'<select[^>]*name="bid_deadline-hour".*?</select>', page, re.S).group(0)
    options = re.findall(r"<option[^>]*>([^<]+)</option>", hours)
    assert options[0] == "1am" and "midday" in options and options[-1] == "11pm" and len(options) == 23
    assert all(re.fullmatch(r"\d{1,2}(am|pm)|midday", option) for option in options)
    assert '<option value="12" selected>midday</option>' in hours  # unless the buyer chooses another
    for part in ("day", "month", "year"):
        assert f'name="bid_deadline-{part}"' in page


@pytest.mark.parametrize(
    ("change", "message", "box"),
    [
        ({"bid_deadline-month": ""}, "Bid deadline must include a month", "month"),
        ({"bid_deadline-day": "31", "bid_deadline-month": "2"}, "Bid deadline must be a real date", "day"),
        ({"bid_deadline-month": "13"}, "Bid deadline must be a real date", "month"),
        ({"bid_deadline-day": "9" * 20}, "Bid deadline must be a real date", "day"),
        ({"bid_deadline-month": "9" * 5000}, "Bid deadline must be a real date", "month"),
        ({"bid_deadline-year": "27"}, "Year must include 4 numbers", "year"),
        ({"bid_deadline-hour": "14.5"}, "Choose the time of the bid deadline from the list", "hour"),
        ({"bid_deadline-hour": "0"}, "Choose the time of the bid deadline from the list", "hour"),
        (
            {"bid_deadline-day": "", "bid_deadline-month": "", "bid_deadline-year": ""},
            "Enter the bid deadline",
            "day",
        ),
    ],
    ids=[
        "no month",
        "no 31 February",
        "month 13",
        "a day too large for a machine integer",
        "a month of 5000 digits",
        "two-figure year",
        "half past",
        "midnight",
        "nothing",
    ],
)
def test_a_deadline_the_form_cannot_take_is_refused_with_an_error_linked_to_its_box(
    client, world, change, message, box
):
    client.force_login(world.lead)
    questions, bids = clock.today() + datetime.timedelta(days=12), clock.today() + datetime.timedelta(days=26)
    data = _posted(clarification_deadline=(questions, 17), bid_deadline=(bids, 12)) | change
    page = client.post("/marketplace/requirements/new/", data).content.decode()
    assert not Requirement.objects.exists()
    assert "There is a problem" in page
    summary = re.search(r'<div class="nhsuk-error-summary.*?</div>\s*</div>', page, re.S).group(0)
    assert f'href="#id_bid_deadline-{box}"' in summary and message in summary
    assert f'id="id_bid_deadline-{box}"' in page


def test_an_hour_the_clocks_skip_is_refused(client, world):
    """On the last Sunday of March the clocks go from 1am to 2am: no deadline can fall at 1am that day."""
    client.force_login(world.lead)
    today = clock.today()
    year = today.year + 1
    march_end = datetime.date(year, 3, 31)
    skipped = march_end - datetime.timedelta(days=(march_end.weekday() + 1) % 7)
    data = _posted(clarification_deadline=(skipped - datetime.timedelta(days=7), 12), bid_deadline=(skipped, 1))
    page = client.post("/marketplace/requirements/new/", data).content.decode()
    assert not Requirement.objects.exists()
    assert "the clocks go forward" in page
    assert 'href="#id_bid_deadline-hour"' in page


def test_what_was_typed_is_kept_when_the_form_is_refused(client, world):
    client.force_login(world.lead)
    bids = clock.today() + datetime.timedelta(days=26)
    data = _posted(bid_deadline=(bids, 15)) | {"title": ""}
    page = client.post("/marketplace/requirements/new/", data).content.decode()
    assert f'name="bid_deadline-day" type="text" value="{bids.day}"' in page
    assert '<option value="15" selected>3pm</option>' in page
    assert "Enter the clarification deadline" in page


def test_the_publication_email_gives_the_deadlines_as_the_pages_do_in_london_time(
    world, drafted, django_capture_on_commit_callbacks
):
    world.offering(regions=[world.north])
    with django_capture_on_commit_callbacks(execute=True):
        requirements.requirement_publish(actor=world.lead, requirement=drafted)
    body = mail.outbox[0].body
    assert f"Questions close: {moment_text(_at(10, 15))}." in body
    assert f"Bids close: {moment_text(_at(20, 9))}." in body


def test_estimated_days_past_a_year_are_refused_on_the_requirement_form(client, world):
    client.force_login(world.lead)
    questions, bids = clock.today() + datetime.timedelta(days=12), clock.today() + datetime.timedelta(days=26)
    data = _posted(clarification_deadline=(questions, 17), bid_deadline=(bids, 12))
    data |= {"pricing_model": "day_rate", "estimated_days": "9" * 20}
    page = client.post("/marketplace/requirements/new/", data).content.decode()
    assert "less than or equal to 366" in page
    assert not Requirement.objects.exists()
