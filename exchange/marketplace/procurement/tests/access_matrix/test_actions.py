"""Every action, posted by every person at every stage: it changes something exactly where the rule allows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from exchange.marketplace.catalogue.models import Engagement
from exchange.marketplace.procurement.models import (
    Award,
    Bid,
    BidAnswer,
    BidAttachment,
    ClarificationQuestion,
    ConflictDeclaration,
    Criterion,
    EvaluatorAssignment,
    ModeratedScore,
    Requirement,
    Score,
)
from exchange.marketplace.procurement.tests.access_matrix.rules import expected_post
from exchange.marketplace.procurement.tests.access_matrix.stages import PDF, STAGES, Procurement, build, client_for

pytestmark = pytest.mark.django_db


def fingerprint(requirement: Requirement) -> tuple:
    requirement.refresh_from_db()
    return (
        requirement.status,
        sorted(Criterion.objects.filter(requirement=requirement).values_list("title", "weight")),
        sorted(requirement.partners.values_list("commissioner_id", flat=True)),
        sorted(requirement.invited_partners.values_list("pk", flat=True)),
        sorted(
            EvaluatorAssignment.objects.filter(requirement=requirement).values_list(
                "evaluator_id", "scores_submitted_at"
            )
        ),
        sorted(ClarificationQuestion.objects.filter(requirement=requirement).values_list("question", "answer")),
        sorted(Bid.objects.filter(requirement=requirement).values_list("provider_id", "status", "price")),
        sorted(BidAnswer.objects.filter(bid__requirement=requirement).values_list("bid_id", "criterion_id", "text")),
        BidAttachment.objects.filter(bid__requirement=requirement).count(),
        sorted(
            ConflictDeclaration.objects.filter(assignment__requirement=requirement).values_list(
                "assignment_id", "bid_id", "conflicted"
            )
        ),
        sorted(
            Score.objects.filter(assignment__requirement=requirement).values_list("bid_id", "criterion_id", "score")
        ),
        sorted(
            ModeratedScore.objects.filter(bid__requirement=requirement).values_list("bid_id", "criterion_id", "score")
        ),
        list(Award.objects.filter(requirement=requirement).values_list("bid_id", "concluded_at")),
        Engagement.objects.count(),
    )


def _posts(procurement: Procurement) -> dict:
    pk = procurement.requirement.pk
    base = f"/marketplace/requirements/{pk}"
    ours = procurement.bids.get("ours")
    answers = {f"answer_{criterion.pk}": "A changed answer" for criterion in procurement.criteria}
    moderated = {}
    for bid in (procurement.bids.get("ours"), procurement.bids.get("theirs")):
        for criterion in procurement.criteria:
            if bid is not None:
                moderated |= {f"score_{bid.pk}_{criterion.pk}": "3", f"rationale_{bid.pk}_{criterion.pk}": "Changed"}
    posts = {
        "criterion_add": (f"{base}/criteria/", {"title": "Extra", "weight": "5", "kind": "quality"}),
        "invite": (f"{base}/invite/", {"commissioner": procurement.others["unrelated"].pk}),
        "join": (f"{base}/join/", {"commissioner": procurement.others["elsewhere"].pk}),
        "publish": (f"{base}/publish/", {}),
        "evaluator_assign": (f"{base}/evaluators/", {"evaluator": procurement.people["lead_analyst"].pk}),
        "question_ask": (f"{base}/questions/", {"question": "Another question?"}),
        "bid_save": (f"{base}/bid/", {"price": "1.11", "save": "1"} | answers),
        "bid_withdraw": (f"{base}/bid/withdraw/", {}),
        "attachment_add": (f"{base}/bid/attachments/", {"file": SimpleUploadedFile("more.pdf", PDF)}),
        "scores_submit": (f"{base}/evaluation/submit/", {}),
        "moderation": (f"{base}/moderation/", moderated),
        "award": (f"{base}/award/", {"bid": ours.pk if ours else 0, "rationale": "Changed our minds"}),
        "conclude": (f"{base}/award/conclude/", {}),
    }
    if procurement.unanswered is not None:
        posts["question_answer"] = (f"{base}/questions/{procurement.unanswered.pk}/answer/", {"answer": "Answered"})
    if ours is not None:
        posts["declare"] = (
            f"{base}/evaluation/{ours.pk}/",
            {"declare": "1", "conflicted": "yes", "conflict_note": "X"},
        )
    return posts


@pytest.mark.parametrize("stage", STAGES)
def test_every_action_changes_something_only_for_whom_the_rule_allows(world, time_machine, stage):
    procurement = build(world, time_machine, stage)
    problems = []
    for persona, user in procurement.people.items():
        client = client_for(user)
        for name, (url, data) in _posts(procurement).items():
            if hasattr(data.get("file"), "seek"):
                data["file"].seek(0)
            with transaction.atomic():
                before = fingerprint(procurement.requirement)
                response = client.post(url, data)
                changed = fingerprint(procurement.requirement) != before
                transaction.set_rollback(True)
            if response.status_code >= 500:
                problems.append(f"{persona} POST {name}: {response.status_code}")
            if changed != expected_post(name, persona, stage):
                problems.append(f"{persona} POST {name}: {'changed' if changed else 'changed nothing'}")
    assert problems == []
