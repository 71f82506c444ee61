"""The rules of who may see and do what at each stage, written out again, independently of `access.py`."""

from exchange.marketplace.procurement.tests.access_matrix.stages import (
    AWARDED,
    BIDDERS,
    OPEN_FOR_BIDS,
    OPENED,
    STAGES,
    Procurement,
    secrets_of,
)

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
        secret = secrets_of(bidder)
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


def expected_get(name: str, persona: str, stage: str) -> bool:
    """Does the page answer 200?"""
    if name in ("api_requirements", "api_awards", "ocds_package"):
        return True  # public
    if name == "ocds":
        return stage != "draft"
    if persona == "anonymous":
        return False
    if name.startswith("admin_bid_"):
        # The admin opens a bid's report line to staff once bids are open; a draft bid never.
        return persona == "staff" and stage in OPENED and name != "admin_bid_drafter"
    if name.startswith("admin_"):
        return persona == "staff"
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
