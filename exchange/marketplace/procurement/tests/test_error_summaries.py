"""Every form page of procurement, posted empty or refused: each message of the error summary links to a box of the
form on the page (exchange/core/tests/error_summaries.py), never to the summary itself or to a form not shown."""

import pytest

from exchange.core import clock
from exchange.core.forms import error_list
from exchange.core.tests.error_summaries import assert_error_summary_links_to_fields
from exchange.marketplace.procurement.forms import BidForm
from exchange.marketplace.procurement.services.bidding import INCOMPLETE
from exchange.marketplace.procurement.tests.factories import RequirementFactory
from exchange.marketplace.procurement.tests.procurement_flow import score_both

pytestmark = pytest.mark.django_db


def _targets(response) -> list[str]:
    return [target for _, target in assert_error_summary_links_to_fields(response.content.decode())]


def test_drafting_a_requirement_with_nothing_links_each_message_to_its_box(client, world):
    client.force_login(world.lead)
    targets = _targets(client.post("/marketplace/requirements/new/", {}))
    assert targets[:2] == ["id_title", "id_summary"]
    assert "id_service_lines" in targets and "id_bid_deadline-day" in targets


def test_a_bid_deadline_before_the_clarification_deadline_links_to_the_bid_deadlines_first_box(client, world):
    client.force_login(world.lead)
    year = str(clock.today().year + 1)
    fields = {
        "title": "BI",
        "summary": "Dashboards",
        "service_lines": ["business-intelligence"],
        "pricing_model": "per_head",
        "term_months": "12",
        "price_weight": "30",
        "standstill_days": "8",
        "route": "open",
    }
    for name, day in (("clarification_deadline", "14"), ("bid_deadline", "13")):
        fields |= {f"{name}-day": day, f"{name}-month": "12", f"{name}-year": year, f"{name}-hour": "12"}
    assert _targets(client.post("/marketplace/requirements/new/", fields)) == ["id_bid_deadline-day"]


def test_a_criterion_with_nothing_links_to_its_boxes(client, world):
    draft = RequirementFactory(lead=world.blackpool, owner=world.lead, criteria=[])
    client.force_login(world.lead)
    targets = _targets(client.post(f"/marketplace/requirements/{draft.pk}/criteria/", {}))
    assert targets == ["id_title", "id_weight", "id_kind"]


def test_a_criterion_for_a_published_requirement_is_refused_by_a_message_as_the_page_shows_no_criterion_form(
    client, world, joint
):
    requirement, *_ = joint
    client.force_login(world.lead)
    posted = {"title": "Late criterion", "weight": "10", "kind": "quality"}
    response = client.post(f"/marketplace/requirements/{requirement.pk}/criteria/", posted, follow=True)
    page = response.content.decode()
    assert "can no longer change" in page
    assert "nhsuk-error-summary" not in page
    assert requirement.criteria.count() == 2


def test_a_question_after_the_deadline_is_refused_by_a_message_as_the_page_shows_no_question_form(
    client, world, joint, time_machine
):
    requirement, *_ = joint
    time_machine.move_to(requirement.clarification_deadline, tick=True)
    client.force_login(world.us)
    response = client.post(f"/marketplace/requirements/{requirement.pk}/questions/", {"question": "Late?"}, follow=True)
    page = response.content.decode()
    assert "deadline for clarification questions has passed" in page
    assert "nhsuk-error-summary" not in page


def test_an_empty_clarification_question_links_to_the_question_box(client, world, joint):
    requirement, *_ = joint
    client.force_login(world.us)
    assert _targets(client.post(f"/marketplace/requirements/{requirement.pk}/questions/", {})) == ["id_question"]


def test_submitting_an_empty_bid_links_to_the_price_and_each_answer(client, world, joint):
    requirement, quality, social = joint
    client.force_login(world.us)
    targets = _targets(client.post(f"/marketplace/requirements/{requirement.pk}/bid/", {"submit": "1"}))
    assert targets == ["id_price", f"id_answer_{quality.pk}", f"id_answer_{social.pk}"]


def test_a_bid_refused_as_incomplete_links_to_its_first_box_left_empty(joint):
    requirement, quality, social = joint
    form = BidForm(
        {"price": "0.40", f"answer_{quality.pk}": "Ours", f"answer_{social.pk}": " "}, criteria=[quality, social]
    )
    assert form.is_valid()
    form.add_error(None, INCOMPLETE)
    assert error_list(form) == [{"text": INCOMPLETE, "href": f"#id_answer_{social.pk}"}]


def test_an_empty_declaration_and_empty_scores_link_to_their_boxes(client, world, evaluated, close_bids):
    requirement, quality, social, ours, theirs, (first, one), _ = evaluated
    close_bids(requirement)
    client.force_login(first)
    page = f"/marketplace/requirements/{requirement.pk}/evaluation/{ours.pk}/"
    assert _targets(client.post(page, {"declare": "1"})) == ["id_conflicted"]
    client.post(page, {"declare": "1", "conflicted": "no"})
    targets = _targets(client.post(page, {}))
    assert targets[0] == f"id_score_{quality.pk}" and f"id_score_{social.pk}" in targets


def test_a_moderated_score_without_its_rationale_links_to_the_rationale_box(client, world, evaluated, close_bids):
    requirement, quality, social, ours, theirs, *_ = evaluated
    score_both(evaluated)
    close_bids(requirement)
    client.force_login(world.lead)
    posted = {f"score_{ours.pk}_{quality.pk}": "4", f"rationale_{theirs.pk}_{social.pk}": "Agreed"}
    targets = _targets(client.post(f"/marketplace/requirements/{requirement.pk}/moderation/", posted))
    assert targets == [f"rationale_{ours.pk}_{quality.pk}", f"score_{theirs.pk}_{social.pk}"]


def test_an_empty_contract_links_to_its_dates(client, world, concluded):
    client.force_login(world.lead)
    targets = _targets(client.post(f"/marketplace/requirements/{concluded.pk}/contract/", {}))
    assert targets == ["id_signed_on", "id_starts_on", "id_ends_on"]
