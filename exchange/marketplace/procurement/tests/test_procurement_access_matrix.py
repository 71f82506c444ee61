"""The permission matrix of a joint procurement, attacked from every side.

For each stage (the clock moved there, as time would), every person — the lead's buyer and its finance, managerial
and analyst staff, the partner's buyer and analyst, a commissioner invited but not joined, an unrelated buyer,
two evaluators (one conflicted with a bidder), two bidders, a provider with an unsubmitted draft bid, an ineligible
provider, platform staff and an anonymous visitor — requests every page and download (HTML and PDF reports, the
audit log, OCDS, the API) and posts every action. The rules are written out again here, independently of
`access.py`, and the test checks:

- a page answers 200 exactly where the rule allows it, and a list shows a requirement exactly where its page opens;
- no response, allowed or refused, contains a secret the person may not know at that stage: a bidder's name or
  e-mail while bids are sealed, a price, an answer, an attachment's name or another evaluator's justification;
- a refused action changes nothing in the database, and an allowed one changes something.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.core import clock
from exchange.marketplace.catalogue.models import Engagement, ServiceLine
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
from exchange.marketplace.procurement.services import bidding, evaluation, requirements
from exchange.organisations.models import OrganisationKind, Sector
from exchange.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STAGES = [
    "draft",
    "questions",
    "bidding",
    "opened",
    "first_submitted",
    "all_submitted",
    "standstill",
    "standstill_over",
    "final",
]
OPENED = set(STAGES[STAGES.index("opened") :])
AWARDED = {"standstill", "standstill_over", "final"}
OPEN_FOR_BIDS = {"questions", "bidding"}
BIDDERS = ("ours", "theirs", "drafter")


@dataclass
class Procurement:
    requirement: Requirement
    people: dict  # persona -> user, None for the anonymous visitor
    bids: dict  # "ours" | "theirs" | "drafter" -> Bid
    attachments: dict  # bidder -> BidAttachment
    unanswered: ClarificationQuestion
    criteria: list
    others: dict  # named organisations
    secrets: dict = field(default_factory=dict)  # secret text -> label


def _secrets(bidder: str) -> dict[str, str]:
    return {
        "price": {"ours": "1234.56", "theirs": "987.65", "drafter": "555.44"}[bidder],
        "answer": f"Answer-{bidder}-7Q2",
        "attachment": f"plan-{bidder}-9Z4.pdf",
    }


def build(world, time_machine, stage: str) -> Procurement:
    """The joint procurement brought to `stage`, the clock moved as time would have passed."""
    start = clock.now()
    questions_close, bids_close = start + datetime.timedelta(days=3), start + datetime.timedelta(days=7)
    elsewhere = OrganisationFactory(name="NHS Elsewhere", region=world.north)
    unrelated = OrganisationFactory(name="NHS Unrelated", region=world.north)
    drafter_org = OrganisationFactory(
        name="Draft Bidder Co", kind=OrganisationKind.SUPPORT_PROVIDER, sector=Sector.INDEPENDENT, region=world.north
    )
    ineligible_org = OrganisationFactory(
        name="Elsewhere Analytics", kind=OrganisationKind.SUPPORT_PROVIDER, sector=Sector.INDEPENDENT
    )

    def member(organisation, role, name):
        user = MembershipFactory(organisation=organisation, roles=[role]).user
        user.full_name = name
        user.save(update_fields=["full_name"])
        return user

    people = {
        "lead_buyer": world.lead,
        "lead_finance": member(world.blackpool, Role.FINANCE_LEAD, "Lead Finance"),
        "lead_managerial": member(world.blackpool, Role.MANAGERIAL_LEAD, "Lead Managerial"),
        "lead_analyst": member(world.blackpool, Role.ANALYST, "Lead Analyst"),
        "partner_buyer": world.london_lead,
        "partner_analyst": member(world.camden, Role.ANALYST, "Partner Analyst"),
        "invited_buyer": member(elsewhere, Role.BUYER, "Invited Buyer"),
        "other_buyer": member(unrelated, Role.BUYER, "Other Buyer"),
        "evaluator_first": member(world.blackpool, Role.EVALUATOR, "First Evaluator"),
        "evaluator_second": member(world.camden, Role.EVALUATOR, "Second Evaluator"),
        "bidder_ours": world.us,
        "bidder_theirs": world.them,
        "drafter": member(drafter_org, Role.PROVIDER_REPRESENTATIVE, "Draft Bidder"),
        "ineligible_provider": member(ineligible_org, Role.PROVIDER_REPRESENTATIVE, "Ineligible Provider"),
        "staff": world.staff,
        "anonymous": None,
    }
    world.offering(regions=[world.north, world.london])
    world.offering(world.theirs, regions=[world.north, world.london])
    world.offering(drafter_org, regions=[world.north])
    world.offering(ineligible_org, lines=("finance",), regions=[world.north])
    lead = world.lead
    requirement = requirements.requirement_create(
        actor=lead,
        lead=world.blackpool,
        title="Matrix requirement",
        summary="Business intelligence",
        service_lines=ServiceLine.objects.filter(code="business-intelligence"),
        pricing_model="per_head",
        clarification_deadline=questions_close,
        bid_deadline=bids_close,
        price_weight=30,
    )
    requirements.requirement_partner_invite(actor=lead, requirement=requirement, commissioner=world.camden)
    requirements.requirement_partner_join(actor=world.london_lead, requirement=requirement, commissioner=world.camden)
    requirements.requirement_partner_invite(actor=lead, requirement=requirement, commissioner=elsewhere)
    criteria = [
        requirements.criterion_add(actor=lead, requirement=requirement, title="Approach", weight=50),
        requirements.criterion_add(
            actor=lead, requirement=requirement, title="Social value", weight=20, kind="social_value"
        ),
    ]
    procurement = Procurement(
        requirement=requirement,
        people=people,
        bids={},
        attachments={},
        unanswered=None,
        criteria=criteria,
        others={"elsewhere": elsewhere, "unrelated": unrelated},
    )
    providers = {"ours": (world.ours, world.us), "theirs": (world.theirs, world.them)}
    providers["drafter"] = (drafter_org, people["drafter"])
    for bidder, (organisation, person) in providers.items():
        procurement.secrets |= {
            organisation.name: f"name of {bidder}",
            person.email: f"e-mail of {bidder}",
        } | {text: f"{kind} of {bidder}" for kind, text in _secrets(bidder).items()}
    procurement.secrets |= {"Justification-first-3K8": "first's reason", "Justification-second-5M1": "second's reason"}
    if stage == "draft":
        return procurement

    requirements.requirement_publish(actor=lead, requirement=requirement)
    requirement.refresh_from_db()
    first, second = people["evaluator_first"], people["evaluator_second"]
    assignments = {
        "first": evaluation.evaluator_assign(actor=lead, requirement=requirement, evaluator=first),
        "second": evaluation.evaluator_assign(actor=lead, requirement=requirement, evaluator=second),
    }
    answered = bidding.question_ask(actor=world.us, requirement=requirement, provider=world.ours, question="Data?")
    bidding.question_answer(actor=lead, question=answered, answer="Published answer for everybody")
    procurement.unanswered = bidding.question_ask(
        actor=world.them, requirement=requirement, provider=world.theirs, question="Term?"
    )
    for bidder, (organisation, person) in providers.items():
        secret = _secrets(bidder)
        bid = bidding.bid_save(
            actor=person,
            requirement=requirement,
            provider=organisation,
            price=Decimal(secret["price"]),
            answers={criterion.pk: secret["answer"] for criterion in criteria},
            submit=bidder != "drafter",
        )
        procurement.attachments[bidder] = bidding.bid_attachment_add(
            actor=person, bid=bid, uploaded=SimpleUploadedFile(secret["attachment"], PDF)
        )
        procurement.bids[bidder] = bid
    if stage == "questions":
        return procurement

    time_machine.move_to(questions_close + datetime.timedelta(hours=1), tick=True)
    if stage == "bidding":
        return procurement

    time_machine.move_to(bids_close + datetime.timedelta(hours=1), tick=True)
    ours, theirs = procurement.bids["ours"], procurement.bids["theirs"]
    for bid in (ours, theirs):
        evaluation.conflict_declare(actor=first, assignment=assignments["first"], bid=bid, conflicted=False)
        evaluation.scores_record(
            actor=first,
            assignment=assignments["first"],
            bid=bid,
            scores={criterion.pk: (3, "Justification-first-3K8") for criterion in criteria},
        )
    evaluation.conflict_declare(actor=second, assignment=assignments["second"], bid=theirs, conflicted=True)
    evaluation.conflict_declare(actor=second, assignment=assignments["second"], bid=ours, conflicted=False)
    evaluation.scores_record(
        actor=second,
        assignment=assignments["second"],
        bid=ours,
        scores={criterion.pk: (4, "Justification-second-5M1") for criterion in criteria},
    )
    if stage == "opened":
        return procurement

    evaluation.scores_submit(actor=first, assignment=assignments["first"])
    if stage == "first_submitted":
        return procurement

    evaluation.scores_submit(actor=second, assignment=assignments["second"])
    evaluation.moderation_record_all(
        actor=lead,
        requirement=requirement,
        entries=[
            evaluation.Consensus(bid, criterion, 4 if bid == ours else 2, "Moderated")
            for bid in (ours, theirs)
            for criterion in criteria
        ],
    )
    if stage == "all_submitted":
        return procurement

    award = evaluation.award_make(actor=lead, requirement=requirement, bid=ours, rationale="Best value")
    requirement.refresh_from_db()
    if stage == "standstill":
        return procurement

    time_machine.move_to(award.standstill_ends_at + datetime.timedelta(hours=1), tick=True)
    if stage == "standstill_over":
        return procurement

    evaluation.award_conclude(actor=lead, requirement=requirement)
    return procurement


# The rules, written out again.
LEAD_PROCUREMENT = {"lead_buyer"}
PARTNER_PROCUREMENT = {"lead_buyer", "partner_buyer"}
PARTNER_MEMBERS = {
    "lead_buyer",
    "lead_finance",
    "lead_managerial",
    "lead_analyst",
    "partner_buyer",
    "partner_analyst",
    "evaluator_first",
    "evaluator_second",
}
PROVIDERS = {"bidder_ours", "bidder_theirs", "drafter", "ineligible_provider"}
ELIGIBLE = {"bidder_ours": "ours", "bidder_theirs": "theirs", "drafter": "drafter"}
EVALUATORS = {"evaluator_first": "first", "evaluator_second": "second"}


def may_view(persona: str, stage: str) -> bool:
    if persona == "anonymous":
        return False
    if persona == "staff" or persona in PARTNER_MEMBERS:
        return True
    return persona == "invited_buyer" if stage == "draft" else persona in PROVIDERS


def evaluator_submitted(persona: str, stage: str) -> bool:
    order = STAGES.index(stage)
    if persona == "evaluator_first":
        return order >= STAGES.index("first_submitted")
    return persona == "evaluator_second" and order >= STAGES.index("all_submitted")


def reads_bid(persona: str, stage: str, bidder: str) -> bool:
    """Price, answers and attachments of a bid."""
    if ELIGIBLE.get(persona) == bidder:
        return stage != "draft"
    if stage not in OPENED or bidder == "drafter":
        return False
    if persona in LEAD_PROCUREMENT:
        return True
    if persona == "evaluator_first":
        return True  # declared no conflict with either bidder
    return persona == "evaluator_second" and bidder == "ours"


def may_know(persona: str, stage: str, procurement: Procurement) -> set[str]:
    """Every secret text the person may find in any response at this stage."""
    known = set()
    for bidder in BIDDERS:
        organisation = {"ours": "Community Voice Partnership", "theirs": "Meridian Health Analytics Ltd"}.get(
            bidder, "Draft Bidder Co"
        )
        email = procurement.people[{"ours": "bidder_ours", "theirs": "bidder_theirs"}.get(bidder, "drafter")].email
        secret = _secrets(bidder)
        if ELIGIBLE.get(persona) == bidder:
            known |= {organisation, email, *secret.values()}
            continue
        submitted = bidder != "drafter"
        if stage in OPENED and submitted:
            known.add(organisation)  # tenderers are published in OCDS once bids open
        if stage in OPENED and (persona in PARTNER_PROCUREMENT or persona == "staff") and submitted:
            known |= {email, secret["price"]}  # the report's steps and its bid table
        if stage in OPENED and persona == "staff":
            known |= {organisation, email, secret["attachment"]}  # the audit log, every event once unsealed
        if reads_bid(persona, stage, bidder):
            known |= set(secret.values())
        if stage in AWARDED and bidder == "ours":
            known.add(secret["price"])  # the award is public (API)
    own = EVALUATORS.get(persona)
    for evaluator, text in (("first", "Justification-first-3K8"), ("second", "Justification-second-5M1")):
        if stage not in OPENED:
            continue
        all_submitted = stage not in ("opened", "first_submitted")
        own_or_after_own = own == evaluator or (own and evaluator_submitted(persona, stage))
        buying_side = not own and (persona in PARTNER_PROCUREMENT or persona == "staff") and all_submitted
        if own_or_after_own or buying_side:
            known.add(text)
    if persona == "staff" and stage in OPENED:
        known.add("Draft Bidder Co")  # staff read the whole unsealed log, draft bids' events included
        known.add(procurement.people["drafter"].email)
    return known


def _gets(procurement: Procurement) -> dict:
    pk = procurement.requirement.pk
    bids = procurement.bids
    gets = {
        "list": "/marketplace/requirements/",
        "detail": f"/marketplace/requirements/{pk}/",
        "bid_edit": f"/marketplace/requirements/{pk}/bid/",
        "feedback": f"/marketplace/requirements/{pk}/feedback/",
        "evaluation": f"/marketplace/requirements/{pk}/evaluation/",
        "moderation": f"/marketplace/requirements/{pk}/moderation/",
        "report": f"/marketplace/requirements/{pk}/report/",
        "report_pdf": f"/marketplace/requirements/{pk}/report.pdf",
        "audit": "/audit/",
        "api_requirements": "/api/requirements",
        "api_awards": "/api/awards",
    }
    if procurement.requirement.ocid:
        gets["ocds"] = f"/ocds/releases/{procurement.requirement.ocid}.json"
        gets["ocds_package"] = "/ocds/releases.json"
    for bidder, bid in bids.items():
        gets[f"score_{bidder}"] = f"/marketplace/requirements/{pk}/evaluation/{bid.pk}/"
        gets[f"attachment_{bidder}"] = f"/marketplace/attachments/{procurement.attachments[bidder].pk}/"
    return gets


def expected_get(name: str, persona: str, stage: str) -> bool:
    """Does the page answer 200?"""
    if name in ("api_requirements", "api_awards", "ocds_package"):
        return True  # public
    if name == "ocds":
        return stage != "draft"
    if persona == "anonymous":
        return False
    view = may_view(persona, stage)
    if name == "list":
        return True
    if name == "detail":
        return view
    if name == "bid_edit":
        return persona in ELIGIBLE and stage != "draft"
    if name == "feedback":
        return persona in ("bidder_ours", "bidder_theirs") and stage in AWARDED
    if name == "evaluation":
        return persona in EVALUATORS and stage != "draft"
    if name.startswith("score_"):
        return persona in EVALUATORS and stage in OPENED and name != "score_drafter"
    if name == "moderation":
        return persona in LEAD_PROCUREMENT and stage != "draft"
    if name in ("report", "report_pdf"):
        return (persona in PARTNER_PROCUREMENT or persona == "staff") and stage != "draft"
    if name == "audit":
        return persona == "staff"
    if name.startswith("attachment_"):
        return reads_bid(persona, stage, name.removeprefix("attachment_"))
    raise AssertionError(name)


def _text(response) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        document = pypdfium2.PdfDocument(response.content)
        return " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode()


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("stage", STAGES)
def test_every_page_answers_only_whom_the_rule_allows_and_leaks_nothing(world, time_machine, stage):
    procurement = build(world, time_machine, stage)
    problems = []
    for persona, user in procurement.people.items():
        client = _client(user)
        known = may_know(persona, stage, procurement)
        for name, url in _gets(procurement).items():
            response = client.get(url)
            allowed = response.status_code == 200
            if allowed != expected_get(name, persona, stage):
                problems.append(f"{persona} GET {name}: {response.status_code}")
            if name.startswith("attachment_") and allowed:
                continue  # the file itself is what was asked for
            text = _text(response) if response.status_code == 200 else response.content.decode(errors="replace")
            secrets = procurement.secrets
            if name == "audit":
                # The log names providers for their catalogue work; what it must not say is who is bidding.
                secrets = {
                    (f"Bid by {secret}" if label.startswith("name of") else secret): label
                    for secret, label in secrets.items()
                }
            leaked = {
                label
                for secret, label in secrets.items()
                if secret in text and secret.removeprefix("Bid by ") not in known
            }
            if leaked:
                problems.append(f"{persona} GET {name} ({response.status_code}) shows {sorted(leaked)}")
            if name == "list":
                listed = procurement.requirement.title in text
                if listed != (persona != "anonymous" and may_view(persona, stage)):
                    problems.append(f"{persona}: the list {'shows' if listed else 'hides'} the requirement")
    assert problems == []


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


def expected_post(name: str, persona: str, stage: str) -> bool:
    """Does the action change anything?"""
    if name in ("criterion_add", "invite", "publish"):
        return persona in LEAD_PROCUREMENT and stage == "draft"
    if name == "join":
        return persona == "invited_buyer" and stage == "draft"
    if name == "evaluator_assign":
        return persona in LEAD_PROCUREMENT and stage in ("draft", "questions", "bidding")
    if name == "question_ask":
        return persona in ELIGIBLE and stage == "questions"
    if name == "question_answer":
        return persona in LEAD_PROCUREMENT and stage in OPEN_FOR_BIDS
    if name in ("bid_save", "bid_withdraw", "attachment_add"):
        return persona in ELIGIBLE and stage in OPEN_FOR_BIDS
    if name in ("declare", "scores_submit"):
        return (
            persona in EVALUATORS
            and stage in OPENED
            and stage in ("opened", "first_submitted", "all_submitted")
            and not evaluator_submitted(persona, stage)
        )
    if name in ("moderation", "award"):
        return persona in LEAD_PROCUREMENT and stage == "all_submitted"
    if name == "conclude":
        return persona in LEAD_PROCUREMENT and stage == "standstill_over"
    raise AssertionError(name)


@pytest.mark.parametrize("stage", STAGES)
def test_every_action_changes_something_only_for_whom_the_rule_allows(world, time_machine, stage):
    procurement = build(world, time_machine, stage)
    problems = []
    for persona, user in procurement.people.items():
        client = _client(user)
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
