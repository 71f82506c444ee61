from decimal import Decimal

import pytest
from django.core import mail

from exchange.audit.models import AuditEvent
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.models import Engagement
from exchange.marketplace.procurement.models import RequirementStatus
from exchange.marketplace.procurement.selectors.evaluation import bids_for_buyer, requirement_results, scores_visible
from exchange.marketplace.procurement.services import bidding, evaluation, requirements
from exchange.marketplace.procurement.tests.factories import RequirementFactory
from exchange.marketplace.procurement.tests.procurement_flow import (
    AFTER_BIDS_CLOSE,
    BEFORE_BIDS_CLOSE,
    BEFORE_QUESTIONS_CLOSE,
    BIDS_CLOSE,
    DRAFTED,
    QUESTIONS_CLOSE,
    bid,
    score_all,
    score_both,
)

pytestmark = pytest.mark.django_db


def test_publication_needs_weights_totalling_100(world):
    requirement = RequirementFactory(
        lead=world.blackpool, owner=world.lead, title="Short of weight", pricing_model="fixed_annual", criteria=[]
    )
    requirements.criterion_add(actor=world.lead, requirement=requirement, title="Approach", weight=60)
    with pytest.raises(ApplicationError, match="The weights total 90; they must total 100."):
        requirements.requirement_publish(actor=world.lead, requirement=requirement, now=DRAFTED)


def test_a_commissioner_joins_only_when_invited_and_only_through_its_own_buyers(world):
    requirement = RequirementFactory(lead=world.blackpool, owner=world.lead, title="BI")
    with pytest.raises(ApplicationError, match=requirements.NOT_INVITED):
        requirements.requirement_partner_join(
            actor=world.london_lead, requirement=requirement, commissioner=world.camden
        )
    requirements.requirement_partner_invite(actor=world.lead, requirement=requirement, commissioner=world.camden)
    with pytest.raises(ApplicationError, match=requirements.NOT_ITS_BUYER):
        requirements.requirement_partner_join(actor=world.lead, requirement=requirement, commissioner=world.camden)
    requirements.requirement_partner_join(actor=world.london_lead, requirement=requirement, commissioner=world.camden)
    assert requirement.partners.count() == 2


def test_partners_join_only_before_publication_and_only_by_their_own_buyers(world, joint):
    requirement, *_ = joint
    assert [p.commissioner for p in requirement.partners.all()] == [world.blackpool, world.camden]
    assert set(requirement.regions.all()) == {world.north, world.london}
    with pytest.raises(ApplicationError, match="published"):
        requirements.requirement_partner_join(
            actor=world.london_lead, requirement=requirement, commissioner=world.camden
        )


def test_publication_emails_every_eligible_providers_representatives(world, django_capture_on_commit_callbacks):
    world.offering(regions=[world.north])
    requirement = RequirementFactory(lead=world.blackpool, owner=world.lead, title="BI", criteria=[("Approach", 70)])
    with django_capture_on_commit_callbacks(execute=True):
        requirements.requirement_publish(actor=world.lead, requirement=requirement, now=DRAFTED)
    assert [message.to for message in mail.outbox] == [[world.us.email]]
    assert "Business intelligence" not in mail.outbox[0].subject and "BI" in mail.outbox[0].subject


def test_questions_close_at_their_deadline_and_late_bids_are_refused(world, joint):
    requirement, *_ = joint
    bidding.question_ask(
        actor=world.us, requirement=requirement, provider=world.ours, question="Which data?", now=BEFORE_QUESTIONS_CLOSE
    )
    with pytest.raises(ApplicationError, match=bidding.QUESTIONS_CLOSED):
        bidding.question_ask(
            actor=world.us, requirement=requirement, provider=world.ours, question="Late?", now=QUESTIONS_CLOSE
        )
    with pytest.raises(ApplicationError, match="Late bids cannot be accepted"):
        bid(world, requirement, world.ours, world.us, "0.40", now=BIDS_CLOSE)


def test_a_provider_cannot_bid_for_another_provider(world, joint):
    requirement, *_ = joint
    with pytest.raises(ApplicationError, match=bidding.NOT_YOUR_PROVIDER):
        bid(world, requirement, world.ours, world.them, "0.40")


def test_an_incomplete_bid_cannot_be_submitted(world, joint):
    requirement, quality, _ = joint
    saved = bidding.bid_save(
        actor=world.us,
        requirement=requirement,
        provider=world.ours,
        price=Decimal("0.40"),
        answers={quality.pk: "Only one answer"},
        now=BEFORE_BIDS_CLOSE,
    )
    with pytest.raises(ApplicationError, match=bidding.INCOMPLETE):
        bidding.bid_submit(actor=world.us, bid=saved, now=BEFORE_BIDS_CLOSE)


def test_bids_are_sealed_from_the_buying_side_until_the_deadline(world, joint):
    requirement, *_ = joint
    bid(world, requirement, world.ours, world.us, "0.40")
    assert list(bids_for_buyer(user=world.lead, requirement=requirement, now=BEFORE_BIDS_CLOSE)) == []
    assert [b.provider for b in bids_for_buyer(user=world.lead, requirement=requirement, now=AFTER_BIDS_CLOSE)] == [
        world.ours
    ]
    assert list(bids_for_buyer(user=world.them, requirement=requirement, now=AFTER_BIDS_CLOSE)) == []


def test_nobody_scores_before_the_deadline_and_a_conflicted_evaluator_cannot_score_that_bidder(world, evaluated):
    requirement, quality, _, ours, theirs, (first, one), (second, two) = evaluated
    with pytest.raises(ApplicationError, match="sealed"):
        evaluation.conflict_declare(actor=first, assignment=one, bid=ours, conflicted=False, now=BEFORE_BIDS_CLOSE)
    seconds_score_of_theirs = {
        "actor": second,
        "assignment": two,
        "bid": theirs,
        "criterion": quality,
        "score": 3,
        "justification": "x",
        "now": AFTER_BIDS_CLOSE,
    }
    with pytest.raises(ApplicationError, match=evaluation.DECLARE_FIRST):
        evaluation.score_record(**seconds_score_of_theirs)
    evaluation.conflict_declare(
        actor=second, assignment=two, bid=theirs, conflicted=True, note="Former employer", now=AFTER_BIDS_CLOSE
    )
    with pytest.raises(ApplicationError, match=evaluation.CONFLICTED):
        evaluation.score_record(**seconds_score_of_theirs)
    with pytest.raises(ApplicationError, match=evaluation.NOT_YOURS):
        evaluation.conflict_declare(actor=first, assignment=two, bid=ours, conflicted=False, now=AFTER_BIDS_CLOSE)


def test_scoring_is_independent_until_each_evaluator_submits(world, evaluated):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    scores = {ours.pk: {quality.pk: 4, social.pk: 3}, theirs.pk: {quality.pk: 2, social.pk: 2}}
    score_all(first, one, [ours, theirs], [quality, social], scores)
    seen = {"requirement": requirement, "now": AFTER_BIDS_CLOSE}
    assert {s.assignment.evaluator for s in scores_visible(user=first, **seen)} == {first}
    assert list(scores_visible(user=second, **seen)) == []
    assert list(scores_visible(user=world.lead, **seen)) == []  # the buyer waits for all
    with pytest.raises(ApplicationError, match=evaluation.EVALUATORS_PENDING):
        evaluation.moderation_record(
            actor=world.lead, bid=ours, criterion=quality, score=4, rationale="Agreed", now=AFTER_BIDS_CLOSE
        )
    score_all(second, two, [ours, theirs], [quality, social], {ours.pk: {quality.pk: 3, social.pk: 3}}, [theirs])
    assert {s.assignment.evaluator for s in scores_visible(user=second, **seen)} == {first, second}
    assert len(scores_visible(user=world.lead, **seen)) == 6


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


def test_an_attachment_over_the_size_limit_is_refused(world, joint, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    requirement, quality, social = joint
    settings.BID_ATTACHMENT_MAX_BYTES = 1024 * 1024
    saved = bidding.bid_save(
        actor=world.us, requirement=requirement, provider=world.ours, price=Decimal("0.4"), answers={}, now=DRAFTED
    )
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024))
    with pytest.raises(ApplicationError, match="smaller than 1 MB"):
        bidding.bid_attachment_add(actor=world.us, bid=saved, uploaded=big, now=DRAFTED)


def test_a_score_outside_zero_to_four_is_refused(world, evaluated):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    evaluation.conflict_declare(actor=first, assignment=one, bid=ours, conflicted=False, now=AFTER_BIDS_CLOSE)
    with pytest.raises(ApplicationError, match="from 0 to 4"):
        evaluation.score_record(
            actor=first, assignment=one, bid=ours, criterion=quality, score=5, justification="x", now=AFTER_BIDS_CLOSE
        )
