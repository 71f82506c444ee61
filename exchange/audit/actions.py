"""Every action the audit log knows: one vocabulary, which services record and the log's pages filter by.
`audit_event_record` refuses an action that is not here."""

from django.db import models


class AuditAction(models.TextChoices):
    SIGN_IN = "auth.sign_in", "Signed in"
    SIGN_IN_FAILED = "auth.sign_in_failed", "Failed sign-in"
    SIGN_OUT = "auth.sign_out", "Signed out"
    LOCKED_OUT = "auth.locked_out", "Locked out"
    PASSWORD_RESET_REQUESTED = "auth.password_reset_requested", "Password reset requested"
    PASSWORD_RESET_DONE = "auth.password_reset_done", "Password reset"
    MEMBERSHIP_CREATED = "membership.created", "Membership created"
    MEMBERSHIP_ROLES_CHANGED = "membership.roles_changed", "Roles changed"
    MEMBERSHIP_REMOVED = "membership.removed", "Membership removed"
    INVITATION_SENT = "invitation.sent", "Invitation sent"
    INVITATION_ACCEPTED = "invitation.accepted", "Invitation accepted"
    ORGANISATIONS_IMPORTED = "organisations.imported", "Organisations imported"
    SURVEY_CONTACTS_IMPORTED = "surveys.contacts_imported", "Survey contacts imported"
    SURVEY_CONTACTS_IMPORT_REFUSED = "surveys.contacts_import_refused", "Survey contacts import refused"
    SURVEY_CONTACTS_ADDED_FROM_MEMBERS = "surveys.contacts_added_from_members", "Survey contacts added from members"
    SURVEY_CONTACTS_FROM_MEMBERS_REFUSED = (
        "surveys.contacts_from_members_refused",
        "Survey contacts from members refused",
    )
    PLAN_CREATED = "plans.plan_created", "Plan created"
    PLAN_REVISED = "plans.plan_revised", "Plan version added"
    PLAN_REVIEW_OPENED = "plans.review_opened", "Plan review opened"
    PLAN_ADVICE_GIVEN = "plans.advice_given", "Advice given on a plan"
    PLAN_OPINION_GIVEN = "plans.opinion_given", "Opinion given on a plan"
    PLAN_REFERRED_BACK = "plans.referred_back", "Plan referred back"
    PLAN_ENDORSEMENT_GIVEN = "plans.endorsement_given", "Plan endorsed or not"
    PLAN_ASSURED = "plans.assured", "Commissioner assured"
    PLAN_ADVICE_RESPONDED = "plans.advice_responded", "Response to advice recorded"
    PLAN_REFERRAL_ANSWERED = "plans.referral_answered", "Referral answered"
    PLAN_DECIDED = "plans.decided", "Plan decided"
    PLAN_CONDUCT_RATED = "plans.conduct_rated", "Reviewer's conduct rated"
    ENGAGEMENT_CONFIRMED = "marketplace.engagement_confirmed", "Engagement confirmed"
    ENGAGEMENT_RECORDED = "marketplace.engagement_recorded", "Engagement recorded"
    OFFERING_CREATED = "marketplace.offering_created", "Offering created"
    OFFERING_PRICE_CHANGED = "marketplace.offering_price_changed", "Offering price changed"
    OFFERING_STATUS_SET = "marketplace.offering_status_set", "Offering status set"
    OFFERING_UPDATED = "marketplace.offering_updated", "Offering updated"
    PROFILE_SAVED = "marketplace.profile_saved", "Profile saved"
    RATING_GIVEN = "marketplace.rating_given", "Rating given"
    RATING_REPLIED = "marketplace.rating_replied", "Rating replied"
    SHORTLIST_CREATED = "marketplace.shortlist_created", "Shortlist created"
    SHORTLIST_FROZEN = "marketplace.shortlist_frozen", "Shortlist frozen"
    AWARD_CONCLUDED = "procurement.award_concluded", "Award concluded"
    CONTRACT_SIGNED = "procurement.contract_signed", "Contract signed"
    AWARDED = "procurement.awarded", "Awarded"
    BID_ATTACHMENT_ADDED = "procurement.bid_attachment_added", "Bid attachment added"
    BID_SAVED = "procurement.bid_saved", "Bid saved"
    BID_SUBMITTED = "procurement.bid_submitted", "Bid submitted"
    BID_WITHDRAWN = "procurement.bid_withdrawn", "Bid withdrawn"
    CONFLICT_DECLARED = "procurement.conflict_declared", "Conflict declared"
    EVALUATOR_ASSIGNED = "procurement.evaluator_assigned", "Evaluator assigned"
    PARTNER_INVITED = "procurement.partner_invited", "Partner invited"
    PARTNER_JOINED = "procurement.partner_joined", "Partner joined"
    QUESTION_ANSWERED = "procurement.question_answered", "Question answered"
    QUESTION_ASKED = "procurement.question_asked", "Question asked"
    REQUIREMENT_CREATED = "procurement.requirement_created", "Requirement created"
    REQUIREMENT_PUBLISHED = "procurement.requirement_published", "Requirement published"
    SCORE_MODERATED = "procurement.score_moderated", "Score moderated"
    SCORE_RECORDED = "procurement.score_recorded", "Score recorded"
    SCORES_SUBMITTED = "procurement.scores_submitted", "Scores submitted"


LABELS = dict(AuditAction.choices)


def action_label(action: str) -> str:
    """How the log names an action: its label; an action no longer in the vocabulary (an old row) is still named
    in words ("procurement.bid_peeked" reads "Bid peeked"), never by its code."""
    if action in LABELS:
        return LABELS[action]
    return action.rpartition(".")[2].replace("_", " ").capitalize()
