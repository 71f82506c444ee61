"""Who may see or do what in a procurement, and when: one function of (person, requirement, now).

`procurement_access` gathers, in a handful of queries, what the person is to the requirement (the lead's or a
partner's procurement people, another member of a partner, an invited commissioner's buyer, an eligible or bidding
provider, an evaluator and their conflict declarations, platform staff) and the requirement's stage at `now`
(`Requirement.stage`, the one clock). Every page, download, report, API answer and service asks it; nothing else
compares a deadline or a role for procurement.

The rules, stage by stage:
- Drafts are seen by the lead's and partners' people and by the procurement people of invited commissioners; the
  lead's procurement people change them, invite partners and publish; invited procurement people join.
- Published requirements are also seen by every provider's representatives and by platform staff.
- Until the bid deadline, bids are sealed: nobody but the bidder's own people sees anything of a bid, or that it
  exists (pages, attachments, reports, the audit log, OCDS).
- From the deadline the lead's procurement people read every submitted bid; an evaluator reads a bid only after
  declaring no conflict of interest with that bidder.
- An evaluator sees other evaluators' scores only after submitting their own; the buying side sees every score only
  once every evaluator has submitted.
- Actions are offered and accepted only at their stage: questions while questions are open, bids until the
  deadline, scoring in evaluation, moderation once every evaluator has submitted, award with every score moderated,
  making the award final once the standstill has ended. After that nothing changes.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from exchange.accounts.selectors import roles_by_organisation
from exchange.core import clock
from exchange.marketplace.catalogue.permissions import PROVIDER_ROLES
from exchange.marketplace.procurement.models import (
    AWARDED_STAGES,
    OPEN_FOR_BIDS_STAGES,
    SEALED_STAGES,
    BidStatus,
    EvaluatorAssignment,
    Requirement,
    RequirementStatus,
    Stage,
)
from exchange.marketplace.procurement.permissions import PROCUREMENT_ROLES
from exchange.marketplace.procurement.selectors.eligibility import eligible_provider_ids
from exchange.organisations.models import Organisation, OrganisationKind


@dataclass(frozen=True)
class ProcurementAccess:
    requirement: Requirement
    now: datetime.datetime
    stage: Stage
    authenticated: bool = False
    staff: bool = False
    lead_procurement: bool = False  # runs the procurement
    partner_procurement: bool = False  # the lead's or a partner's procurement people
    partner_member: bool = False  # anyone in the lead or a partner organisation
    invited_procurement: bool = False  # procurement people of a commissioner invited, not yet joined
    provider_ids: frozenset[int] = frozenset()  # organisations the person represents as a provider
    bidding_as_id: int | None = None  # the eligible provider the person may bid for
    own_bid_ids: frozenset[int] = frozenset()  # bids of the person's own providers (any status)
    assignment: EvaluatorAssignment | None = None
    declarations: dict[int, bool] = field(default_factory=dict)  # bid id -> conflicted, for this evaluator
    evaluators_all_submitted: bool = False

    # What the person may see.
    @property
    def sealed(self) -> bool:
        return self.stage in SEALED_STAGES

    @property
    def can_view(self) -> bool:
        if not self.authenticated:
            return False
        if self.staff or self.partner_member:
            return True
        if self.stage == Stage.DRAFT:
            return self.invited_procurement
        return bool(self.provider_ids)

    @property
    def is_evaluator(self) -> bool:
        return self.assignment is not None

    @property
    def evaluator_submitted(self) -> bool:
        return bool(self.assignment and self.assignment.scores_submitted_at)

    @property
    def can_read_bids(self) -> bool:
        """The buying side reads bids at all: the lead's procurement people and evaluators, once bids open."""
        return not self.sealed and (self.lead_procurement or self.is_evaluator)

    def can_read_bid(self, bid) -> bool:
        """A bid's price, answers and attachments: its own provider's people at any time; the lead's procurement
        people once bids open; an evaluator once bids open and after declaring no conflict with the bidder."""
        if bid.pk in self.own_bid_ids:
            return True
        if self.sealed or bid.requirement_id != self.requirement.pk or bid.status != BidStatus.SUBMITTED:
            return False
        if self.lead_procurement:
            return True
        return self.is_evaluator and self.declarations.get(bid.pk) is False

    def can_see_in_report(self, bid) -> bool:
        """A bid's line in the evaluation report (bidder, status, price, when submitted): report readers once bids
        open, except that an evaluator sees only the bids they may read (no conflict declared)."""
        if not self.can_view_report or self.sealed or bid.status != BidStatus.SUBMITTED:
            return False
        return self.can_read_bid(bid) if self.is_evaluator else True

    @property
    def can_see_evaluation(self) -> bool:
        """The evaluation page: the person's own evaluator assignment."""
        return self.can_view and self.is_evaluator

    @property
    def can_see_all_scores(self) -> bool:
        if self.sealed:
            return False
        if self.is_evaluator:
            return self.evaluator_submitted
        return (self.lead_procurement or self.partner_procurement or self.staff) and self.evaluators_all_submitted

    @property
    def can_view_report(self) -> bool:
        """The evaluation report (page and PDF): the buying side's procurement people and platform staff."""
        return self.stage != Stage.DRAFT and self.can_view and (self.partner_procurement or self.staff)

    @property
    def can_view_moderation(self) -> bool:
        """The moderation page: the lead's procurement people once published (it says when bids are sealed)."""
        return self.lead_procurement and self.stage != Stage.DRAFT

    @property
    def can_see_feedback(self) -> bool:
        return self.stage in AWARDED_STAGES and bool(self.own_submitted_bid_ids)

    @cached_property
    def own_submitted_bid_ids(self) -> frozenset[int]:
        return frozenset(
            self.requirement.bids.filter(pk__in=self.own_bid_ids, status=BidStatus.SUBMITTED).values_list(
                "pk", flat=True
            )
        )

    # What the person may do now.
    @property
    def can_edit_draft(self) -> bool:
        return self.lead_procurement and self.stage == Stage.DRAFT

    @property
    def can_join(self) -> bool:
        return self.invited_procurement and self.stage == Stage.DRAFT

    @property
    def can_assign_evaluators(self) -> bool:
        return self.lead_procurement and self.stage in {Stage.DRAFT, Stage.QUESTIONS, Stage.BIDDING}

    @property
    def can_ask_question(self) -> bool:
        return self.bidding_as_id is not None and self.stage == Stage.QUESTIONS

    @property
    def can_answer_questions(self) -> bool:
        return self.lead_procurement and self.stage in OPEN_FOR_BIDS_STAGES

    @property
    def can_bid(self) -> bool:
        return self.bidding_as_id is not None and self.stage in OPEN_FOR_BIDS_STAGES

    @property
    def can_score(self) -> bool:
        return self.is_evaluator and self.stage == Stage.EVALUATION and not self.evaluator_submitted

    @property
    def can_moderate(self) -> bool:
        return (
            self.lead_procurement
            and self.stage == Stage.EVALUATION
            and self.evaluators_all_submitted
            and self.requirement.status == RequirementStatus.PUBLISHED
        )

    @property
    def can_award(self) -> bool:
        return self.can_moderate

    @property
    def can_conclude(self) -> bool:
        return self.lead_procurement and self.stage == Stage.STANDSTILL_OVER

    @property
    def can_record_contract(self) -> bool:
        """The lead's procurement people record the signed contract once the award is final, once."""
        award = getattr(self.requirement, "award", None)
        return (
            self.lead_procurement
            and self.stage == Stage.FINAL
            and award is not None
            and award.contract_signed_on is None
        )


def procurement_access(*, user, requirement: Requirement, now: datetime.datetime | None = None) -> ProcurementAccess:
    now = clock.or_now(now)
    stage = requirement.stage(now)
    if user is None or not user.is_authenticated:
        return ProcurementAccess(requirement=requirement, now=now, stage=stage)
    roles_by_org = roles_by_organisation(user=user)
    partner_ids = set(requirement.partners.values_list("commissioner_id", flat=True))
    procurement_orgs = {pk for pk, roles in roles_by_org.items() if roles & set(PROCUREMENT_ROLES)}
    provider_orgs = {pk for pk, roles in roles_by_org.items() if roles & set(PROVIDER_ROLES)}
    provider_ids: frozenset[int] = frozenset()
    if provider_orgs:
        provider_ids = frozenset(
            Organisation.objects.filter(pk__in=provider_orgs, kind=OrganisationKind.SUPPORT_PROVIDER).values_list(
                "pk", flat=True
            )
        )
    invited = set()
    if stage == Stage.DRAFT and procurement_orgs:
        invited = set(requirement.invited_partners.values_list("pk", flat=True)) - partner_ids
    bidding_as_id = None
    own_bid_ids: frozenset[int] = frozenset()
    if provider_ids and stage != Stage.DRAFT:
        eligible = sorted(eligible_provider_ids(requirement) & provider_ids)
        bidding_as_id = eligible[0] if eligible else None
        own_bid_ids = frozenset(requirement.bids.filter(provider_id__in=provider_ids).values_list("pk", flat=True))
    assignment = (
        EvaluatorAssignment.objects.filter(requirement=requirement, evaluator=user).first() if partner_ids else None
    )
    declarations = dict(assignment.declarations.values_list("bid_id", "conflicted")) if assignment else {}
    evaluators = requirement.evaluators.all()
    all_submitted = evaluators.exists() and not evaluators.filter(scores_submitted_at=None).exists()
    return ProcurementAccess(
        requirement=requirement,
        now=now,
        stage=stage,
        authenticated=True,
        staff=user.is_staff,
        lead_procurement=requirement.lead_id in procurement_orgs,
        partner_procurement=bool(procurement_orgs & partner_ids),
        partner_member=bool(set(roles_by_org) & partner_ids),
        invited_procurement=bool(invited & procurement_orgs),
        provider_ids=provider_ids,
        bidding_as_id=bidding_as_id,
        own_bid_ids=own_bid_ids,
        assignment=assignment,
        declarations=declarations,
        evaluators_all_submitted=all_submitted,
    )
