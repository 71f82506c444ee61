"""The commissioner's side: a response to each piece of advice with reasons, once; the decision; and, after it, its
rating of each reviewer's conduct on the three behaviours — whole or not at all, once."""

import datetime

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.plans import services
from exchange.plans.models import AdviceResponse, ConductRating
from exchange.plans.services import deciding
from exchange.plans.tests.conftest import NOW, reviewer_of

AT = NOW + datetime.timedelta(hours=1)
GOOD = {"common_purpose": (4, ""), "local_leadership": (3, "Slow to reply."), "honesty": (5, "")}


@pytest.fixture
def decided(system, review):
    services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=review.closes_at)
    review.refresh_from_db()
    return review


def test_advice_gets_one_response_with_reasons(system, review):
    advice = services.advice_give(
        actor=system.senate_lead, reviewer=reviewer_of(review, system.senate), text="Add stroke.", now=AT
    )
    for outcome, reasons, message in [
        ("maybe", "Because.", deciding.UNKNOWN_OUTCOME),
        ("accepted", " ", "Give your reasons."),
    ]:
        with pytest.raises(ApplicationError) as refused:
            services.advice_respond(actor=system.lead, advice=advice, outcome=outcome, reasons=reasons, now=AT)
        assert refused.value.message == message
    services.advice_respond(actor=system.lead, advice=advice, outcome="accepted", reasons="Added.", now=AT)
    with pytest.raises(ApplicationError) as refused:
        services.advice_respond(actor=system.lead, advice=advice, outcome="not_accepted", reasons="No.", now=AT)
    assert refused.value.message == deciding.ALREADY_RESPONDED
    assert AdviceResponse.objects.get().outcome == "accepted"


def test_the_decision_needs_its_reasons(system, review):
    with pytest.raises(ApplicationError) as refused:
        services.review_decide(actor=system.lead, review=review, decision=" ", now=review.closes_at)
    assert refused.value.message == deciding.NO_DECISION
    review.refresh_from_db()
    assert review.decided_at is None and review.plan.status == "in_review"


@pytest.mark.parametrize(
    "ratings",
    [
        {"common_purpose": (4, ""), "honesty": (5, "")},
        GOOD | {"honesty": (6, "")},
        GOOD | {"honesty": (0, "")},
        GOOD | {"kindness": (3, "")},
    ],
)
def test_conduct_is_rated_on_all_three_behaviours_from_1_to_5_or_not_at_all(system, decided, ratings):
    with pytest.raises(ApplicationError) as refused:
        services.conduct_rate(
            actor=system.lead, reviewer=reviewer_of(decided, system.board), ratings=ratings, now=decided.decided_at
        )
    assert refused.value.message == deciding.RATE_EVERY_BEHAVIOUR and not ConductRating.objects.exists()


def test_each_reviewers_conduct_is_rated_once(system, decided):
    board = reviewer_of(decided, system.board)
    services.conduct_rate(actor=system.lead, reviewer=board, ratings=GOOD, now=decided.decided_at)
    with pytest.raises(ApplicationError) as refused:
        services.conduct_rate(actor=system.lead, reviewer=board, ratings=GOOD, now=decided.decided_at)
    assert refused.value.message == deciding.ALREADY_RATED
    assert {r.behaviour: r.score for r in ConductRating.objects.all()} == {
        "common_purpose": 4,
        "local_leadership": 3,
        "honesty": 5,
    }


def test_the_audit_event_of_a_rating_names_the_reviewer_but_never_the_scores(system, decided):
    from exchange.audit.models import AuditEvent

    services.conduct_rate(
        actor=system.lead, reviewer=reviewer_of(decided, system.board), ratings=GOOD, now=decided.decided_at
    )
    (event,) = AuditEvent.objects.filter(action="plans.conduct_rated")
    assert event.details == {"reviewer": system.board.name}
