"""The powers of each kind of reviewer, as data: the services check every act against these tables and nothing
else. A clinical senate only advises; a Health and Wellbeing Board gives its opinion and may refer a version back
(no veto: the commissioner answers and decides); member practices endorse or not; the NHS England area team
assures. Only the commissioner changes, answers for and decides its plan."""

from django.db import models

from exchange.accounts.models import Role
from exchange.organisations.models import OrganisationKind

from .models import Power, Stage


class Act(models.TextChoices):
    ADVISE = "advise", "Give advice"
    OPINE = "opine", "Give an opinion"
    REFER_BACK = "refer_back", "Refer the plan back"
    ENDORSE = "endorse", "Endorse or not"
    ASSURE = "assure", "Assure"
    # the commissioner's own
    REVISE = "revise", "Add a version"
    OPEN_REVIEW = "open_review", "Open a review"
    RESPOND_TO_ADVICE = "respond_to_advice", "Respond to advice"
    ANSWER_REFERRAL = "answer_referral", "Answer a referral"
    DECIDE = "decide", "Decide"
    RATE_CONDUCT = "rate_conduct", "Rate reviewers' conduct"


# The power each kind of organisation reviews with
KIND_POWER = {
    OrganisationKind.CLINICAL_SENATE: Power.ADVISE,
    OrganisationKind.HEALTH_AND_WELLBEING_BOARD: Power.OPINE,
    OrganisationKind.GP_PRACTICE: Power.ENDORSE,
    OrganisationKind.AREA_TEAM: Power.ASSURE,
}

# What each power allows, and nothing more
POWER_ACTS = {
    Power.ADVISE: frozenset({Act.ADVISE}),
    Power.OPINE: frozenset({Act.OPINE, Act.REFER_BACK}),
    Power.ENDORSE: frozenset({Act.ENDORSE}),
    Power.ASSURE: frozenset({Act.ASSURE}),
}

COMMISSIONER_ACTS = frozenset(
    {Act.REVISE, Act.OPEN_REVIEW, Act.RESPOND_TO_ADVICE, Act.ANSWER_REFERRAL, Act.DECIDE, Act.RATE_CONDUCT}
)

# When in a review each act may be done. Reviewers act while the window is open; the area team assures at any
# time once the review has opened (its assurance usually follows the decision); the commissioner answers until it
# decides, and rates conduct once it has.
ACT_STAGES = {
    Act.ADVISE: frozenset({Stage.OPEN}),
    Act.OPINE: frozenset({Stage.OPEN}),
    Act.REFER_BACK: frozenset({Stage.OPEN}),
    Act.ENDORSE: frozenset({Stage.OPEN}),
    Act.ASSURE: frozenset({Stage.OPEN, Stage.CLOSED, Stage.DECIDED}),
    Act.REVISE: frozenset({Stage.OPEN, Stage.CLOSED}),
    Act.RESPOND_TO_ADVICE: frozenset({Stage.OPEN, Stage.CLOSED}),
    Act.ANSWER_REFERRAL: frozenset({Stage.OPEN, Stage.CLOSED}),
    Act.DECIDE: frozenset({Stage.OPEN, Stage.CLOSED}),
    Act.RATE_CONDUCT: frozenset({Stage.DECIDED}),
}

# Who acts for an organisation, on either side
PLAN_ROLES = frozenset({Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD, Role.ORGANISATION_ADMIN})
