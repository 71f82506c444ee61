from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.core.services.rate_limits import rate_limit_enforce
from exchange.core.tasks import enqueue_on_commit
from exchange.core.tokens import token_derived, token_hash, token_salt_new

from ..models import Invitation, Membership, User
from ..selectors.invitations import invitations_open
from ..selectors.users import user_by_email
from ..tasks import invitation_email
from .memberships import _clean_roles, membership_create
from .users import user_create

INVITATION_LIFETIME = timedelta(days=14)
ALREADY_MEMBER = "This person is already a member of the organisation."
NO_ROLES = "Choose at least one role."
INVITATION_INVALID = "This invitation link is not valid. It may have expired or been used already."
WRONG_ACCOUNT = "This invitation was sent to a different email address. Sign out and open the link again."
TOO_MANY_BY_YOU = "You have sent too many invitations in the last hour."
TOO_MANY_FOR_ORGANISATION = "Too many invitations have been sent for this organisation in the last hour."


@transaction.atomic
def invitation_send(*, actor, organisation, email: str, roles: Iterable[str]) -> Invitation:
    """Only the token's hash and salt are stored; the worker rebuilds the token from the salt and e-mails the link
    (`accounts.tasks.invitation_email`), so the task table never holds it. Past the rate limits (per inviter, per
    organisation; an invitation refused or failed is not counted) `TooManyRequests` is raised."""
    rate_limit_enforce(scope="invitation.inviter", key=str(actor.pk), message=TOO_MANY_BY_YOU)
    rate_limit_enforce(scope="invitation.organisation", key=str(organisation.pk), message=TOO_MANY_FOR_ORGANISATION)
    chosen = _clean_roles(roles)
    if not chosen:
        raise ApplicationError(NO_ROLES)
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email=email).exists():
        raise ApplicationError(ALREADY_MEMBER)
    salt = token_salt_new()
    invitation = Invitation(
        organisation=organisation,
        email=email,
        roles=chosen,
        token_hash=token_hash(token_derived(purpose=Invitation.TOKEN_PURPOSE, salt=salt)),
        token_salt=salt,
        invited_by=actor,
        expires_at=clock.now() + INVITATION_LIFETIME,
    )
    invitation.full_clean()
    invitation.save()
    enqueue_on_commit(invitation_email, invitation_id=invitation.pk)
    audit_event_record(
        action=AuditAction.INVITATION_SENT,
        actor=actor,
        target=invitation,
        organisation=organisation,
        details={"email": email, "roles": chosen},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User | None = None, full_name: str = "", password: str = "") -> Membership:
    """A signed-in user accepts for themself; otherwise an account is made for the invited address."""
    invitation = invitations_open(token=token).select_for_update().first()
    if invitation is None:
        raise ApplicationError(INVITATION_INVALID)
    if user is None:
        user = user_by_email(email=invitation.email) or user_create(
            email=invitation.email, full_name=full_name, password=password
        )
    elif user.email.lower() != invitation.email:
        raise ApplicationError(WRONG_ACCOUNT)
    membership = membership_create(
        actor=invitation.invited_by, user=user, organisation=invitation.organisation, roles=invitation.roles
    )
    invitation.accepted_at = clock.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    audit_event_record(
        action=AuditAction.INVITATION_ACCEPTED,
        actor=user,
        target=invitation,
        organisation=invitation.organisation,
        details={"roles": invitation.roles},
    )
    return membership
