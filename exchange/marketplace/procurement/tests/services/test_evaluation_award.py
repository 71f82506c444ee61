"""Moderation, the award, the standstill, and the engagements and notices the award gives."""

from decimal import Decimal

import pytest
from django.core import mail

from exchange.audit.models import AuditEvent
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.models import Engagement
from exchange.marketplace.procurement.models import RequirementStatus
from exchange.marketplace.procurement.selectors.evaluation import requirement_results
from exchange.marketplace.procurement.services import evaluation
from exchange.marketplace.procurement.tests.procurement_flow import (
    AFTER_BIDS_CLOSE,
    score_both,
)

pytestmark = pytest.mark.django_db


def test_moderation_award_standstill_and_engagements(world, evaluated):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    scores = score_both(evaluated)
    for bid_, marks in scores.items():
        for criterion_pk, score in marks.items():
            evaluation.moderation_record(
                actor=world.lead,
                bid=ours if bid_ == ours.pk else theirs,
                criterion=quality if criterion_pk == quality.pk else social,
                score=score,
                rationale="Consensus",
                now=AFTER_BIDS_CLOSE,
            )
    results = requirement_results(requirement)
    # Ours: 50 + 15 = 65 quality, 0.32 / 0.40 × 30 = 24 price, 89. Theirs: 25 + 10 = 35, 30 price, 65.
    assert [(r.bid_id, r.total, r.rank) for r in results] == [
        (ours.pk, Decimal("89.00"), 1),
        (theirs.pk, Decimal("65.00"), 2),
    ]
    award = evaluation.award_make(
        actor=world.lead, requirement=requirement, bid=ours, rationale="Highest score", now=AFTER_BIDS_CLOSE
    )
    with pytest.raises(ApplicationError, match=evaluation.STANDSTILL):
        evaluation.award_conclude(actor=world.lead, requirement=requirement, now=AFTER_BIDS_CLOSE)
    evaluation.award_conclude(actor=world.lead, requirement=requirement, now=award.standstill_ends_at)
    requirement.refresh_from_db()
    assert requirement.status == RequirementStatus.CONCLUDED
    assert {e.commissioner for e in Engagement.objects.filter(source="award")} == {world.blackpool, world.camden}
    actions = list(
        AuditEvent.objects.filter(action__startswith="procurement.").order_by("id").values_list("action", flat=True)
    )
    assert actions[:4] == [
        "procurement.requirement_created",
        "procurement.partner_invited",
        "procurement.partner_joined",
        "procurement.requirement_published",
    ]
    assert actions[-2:] == ["procurement.awarded", "procurement.award_concluded"]


def test_the_final_award_gives_each_partner_a_confirmed_engagement_through_the_service_with_its_audit_event(
    world, concluded
):
    from exchange.core import clock
    from exchange.marketplace.catalogue.services.ratings import rating_create

    engagements = list(Engagement.objects.filter(source="award").select_related("commissioner"))
    assert {e.commissioner for e in engagements} == {world.blackpool, world.camden}
    assert all(e.is_confirmed for e in engagements)
    recorded = AuditEvent.objects.filter(action="marketplace.engagement_recorded", details__source="award")
    assert sorted(int(event.object_id) for event in recorded) == sorted(e.pk for e in engagements)
    assert all(event.actor_id == world.lead.pk for event in recorded)
    ours = next(e for e in engagements if e.commissioner == world.blackpool)
    started = ours.started_on
    rating = rating_create(
        actor=world.lead,
        engagement=ours,
        quality=4,
        responsiveness=4,
        value_for_money=4,
        relationship=4,
        comment="Good",
        today=max(started, clock.today()),
    )
    assert rating.commissioner == world.blackpool


def test_every_bidder_is_told_the_outcome_with_a_link_to_its_feedback(
    world, evaluated, django_capture_on_commit_callbacks
):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    score_both(evaluated)
    for bid_ in (ours, theirs):
        for criterion in (quality, social):
            evaluation.moderation_record(
                actor=world.lead, bid=bid_, criterion=criterion, score=2, rationale="Agreed", now=AFTER_BIDS_CLOSE
            )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation.award_make(
            actor=world.lead, requirement=requirement, bid=ours, rationale="Best", now=AFTER_BIDS_CLOSE
        )
    by_recipient = {message.to[0]: message.body for message in mail.outbox}
    assert "Your bid won." in by_recipient[world.us.email]
    assert "awarded to Community Voice Partnership" in by_recipient[world.them.email]
    assert f"/marketplace/requirements/{requirement.pk}/feedback/" in by_recipient[world.them.email]
