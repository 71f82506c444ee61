"""Who may do what in a plan and its review, at a moment: the one place the powers are applied. Every service asks
`review_access` (or `plan_access` before a review exists); pages ask the same to offer only what may be done."""

import datetime
from dataclasses import dataclass

from exchange.accounts.models import Role
from exchange.accounts.permissions import has_role, organisations_with_role
from exchange.core import clock
from exchange.organisations.models import OrganisationKind

from .models import Assurance, Plan, Power, Review, Reviewer, Stage
from .powers import ACT_STAGES, COMMISSIONER_ACTS, PLAN_ROLES, POWER_ACTS, Act

NOT_COMMISSIONER = "Only the commissioner's clinical leads, managerial leads and admins can change or decide its plan."
NOT_THE_REVIEWER = "Only the reviewing organisation's own leads can act for it in this review."
POWER_LIMIT = {
    "advise": "A clinical senate advises only: its advice never changes or blocks the plan.",
    "opine": "A Health and Wellbeing Board gives its opinion and may refer the plan back; it cannot {act}.",
    "endorse": "A member practice endorses the plan or not; it cannot {act}.",
    "assure": "The area team assures the commissioner; it cannot {act}.",
}
ALREADY_GIVEN = "Your organisation has already done this for this version of the plan."
ALREADY_ASSURED = "The area team has already given its assurance in this review."
# Acts a reviewer does once per version of the plan: the related name of what the act leaves
ONCE_PER_VERSION = {Act.OPINE: "opinions", Act.REFER_BACK: "referrals", Act.ENDORSE: "endorsements"}
NOT_NOW = {
    Stage.OPEN: "This cannot be done while the review is open.",
    Stage.CLOSED: "The review window has closed: reviewers can no longer give their views.",
    Stage.DECIDED: "The commissioner has decided: the review is over.",
}


def can_read_burden(user) -> bool:
    """The burden of oversight and the conduct ratings are for membership bodies' analysts and platform staff."""
    if not user.is_authenticated:
        return False
    return user.is_staff or bool(organisations_with_role(user, [Role.ANALYST], kind=OrganisationKind.MEMBERSHIP_BODY))


def plan_access(*, user, plan: Plan) -> bool:
    """Whether `user` acts for the commissioner whose plan it is (platform staff do not)."""
    return has_role(user, plan.commissioner_id, PLAN_ROLES)


@dataclass(frozen=True)
class ReviewAccess:
    review: Review
    now: datetime.datetime
    stage: Stage
    commissioner: bool
    acting_for: frozenset[int]  # ids of the reviewing organisations the person acts for
    version_id: int | None  # the plan's current version, the one a reviewer's act is about

    def refusal(self, act: Act, reviewer: Reviewer | None = None) -> str | None:
        """Why the person may not do `act` (as `reviewer`, for a reviewer's act) now, or None if they may."""
        if act in COMMISSIONER_ACTS:
            if not self.commissioner:
                return NOT_COMMISSIONER
        else:
            if reviewer is None or reviewer.review_id != self.review.pk:
                return NOT_THE_REVIEWER
            if act not in POWER_ACTS[Power(reviewer.power)]:
                return POWER_LIMIT[reviewer.power].format(act=Act(act).label.lower())
            if reviewer.organisation_id not in self.acting_for:
                return NOT_THE_REVIEWER
        if self.stage not in ACT_STAGES[act]:
            return NOT_NOW[self.stage]
        return self._done_already(act, reviewer)

    def _done_already(self, act: Act, reviewer: Reviewer | None) -> str | None:
        """An opinion, a referral and an endorsement are given once per version; assurance once per review."""
        if act in ONCE_PER_VERSION:
            given = getattr(reviewer, ONCE_PER_VERSION[act])
            if given.filter(version_id=self.version_id).exists():
                return ALREADY_GIVEN
        if act == Act.ASSURE and Assurance.objects.filter(reviewer=reviewer).exists():
            return ALREADY_ASSURED
        return None

    def may(self, act: Act, reviewer: Reviewer | None = None) -> bool:
        return self.refusal(act, reviewer) is None

    def reviewers_acting(self) -> list[Reviewer]:
        return [reviewer for reviewer in self.review.reviewers.all() if reviewer.organisation_id in self.acting_for]


def review_access(*, user, review: Review, now: datetime.datetime | None = None) -> ReviewAccess:
    now = clock.or_now(now)
    reviewing = {reviewer.organisation_id for reviewer in review.reviewers.all()}
    acting_for = frozenset(set(organisations_with_role(user, PLAN_ROLES)) & reviewing)
    return ReviewAccess(
        review=review,
        now=now,
        stage=review.stage(now),
        commissioner=plan_access(user=user, plan=review.plan),
        acting_for=acting_for,
        version_id=review.plan.versions.order_by("-number").values_list("pk", flat=True).first(),
    )
