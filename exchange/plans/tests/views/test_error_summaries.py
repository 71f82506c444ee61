"""Every form page of plans, posted empty or refused: each message of the error summary links to a box of the form on
the page (exchange/core/tests/error_summaries.py), never to the summary itself. An empty form used to be read as
no form at all (`request.POST or None`) and came back without a word."""

import pytest
from django.test import Client

from exchange.core.tests.error_summaries import assert_error_summary_links_to_fields
from exchange.plans import services
from exchange.plans.tests.conftest import reviewer_of

pytestmark = pytest.mark.django_db


def _targets(person, path, data=None) -> list[str]:
    client = Client()
    client.force_login(person)
    response = client.post(path, data or {})
    assert response.status_code == 400
    return [target for _, target in assert_error_summary_links_to_fields(response.content.decode())]


def test_an_empty_plan_links_each_message_to_its_box(system):
    targets = _targets(system.lead, "/plans/new/")
    assert targets == ["id_title", "id_period_start", "id_period_end", "id_sections"]


def test_an_empty_version_links_to_the_sections_box(system, plan):
    assert _targets(system.lead, f"/plans/{plan.pk}/revise/")[0] == "id_sections"


def test_opening_a_review_with_nothing_links_to_the_closing_day_and_the_reviewers(system, plan):
    assert _targets(system.lead, f"/plans/{plan.pk}/review/") == ["id_closes_on", "id_reviewers"]


@pytest.mark.parametrize(
    ("who", "act", "first"),
    [
        ("senate_lead", "advise", "id_text"),
        ("board_lead", "opine", "id_takes_proper_account"),
        ("board_lead", "refer_back", "id_priorities"),
        ("area_team_lead", "assure", "id_rating"),
    ],
)
def test_a_reviewers_empty_act_links_to_its_first_box(system, review, who, act, first):
    assert _targets(getattr(system, who), f"/plans/reviews/{review.pk}/{act}/")[0] == first


def test_a_practices_empty_endorsement_links_to_the_choice(system, review):
    assert _targets(system.practice_leads[0], f"/plans/reviews/{review.pk}/endorse/") == ["id_endorses"]


def test_deciding_while_reviewers_may_still_speak_links_the_refusal_to_the_decision_box(system, review):
    targets = _targets(system.lead, f"/plans/reviews/{review.pk}/decide/", {"decision": "Agreed."})
    assert targets == ["id_decision"]


def test_an_empty_response_to_advice_and_an_empty_answer_to_a_referral_link_to_their_boxes(system, review):
    advice = services.advice_give(
        actor=system.senate_lead, reviewer=reviewer_of(review, system.senate), text="Add a stroke pathway."
    )
    referral = services.referral_make(
        actor=system.board_lead,
        reviewer=reviewer_of(review, system.board),
        priorities=system.priorities[1:],
        reasons="Alcohol harm.",
    )
    base = f"/plans/reviews/{review.pk}"
    assert _targets(system.lead, f"{base}/advice/{advice.pk}/respond/") == ["id_outcome", "id_reasons"]
    assert _targets(system.lead, f"{base}/referrals/{referral.pk}/answer/") == ["id_how", "id_reasons"]


def test_an_empty_rating_of_a_reviewers_conduct_links_to_each_behaviour(system, review):
    services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=review.closes_at)
    area_team = reviewer_of(review, system.area_team)
    targets = _targets(system.lead, f"/plans/reviews/{review.pk}/reviewers/{area_team.pk}/rate/")
    assert targets == ["id_common_purpose", "id_local_leadership", "id_honesty"]
