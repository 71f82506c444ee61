"""The e-mails that carry a secret link, built in the worker: each task carries only an identifier, so no task row,
queued or finished, holds the link, and each returns only how many e-mails it sent."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from exchange.core.exceptions import ApplicationError
from exchange.core.mail import email_deliver
from exchange.core.tokens import token_rebuilt

from .models import Invitation, User
from .selectors.invitations import invitation_open_by_id

LINK_LOST = "The invitation's link cannot be rebuilt (the secret key changed); send a new invitation."


def _absolute(path: str) -> str:
    """Links start with the configured SITE_URL, never with a request's Host header."""
    return settings.SITE_URL.rstrip("/") + path


@task()
def password_reset_email(*, user_id: int | None) -> int:
    """E-mail a reset link to an active account with a password (None: a request for an address without one, queued
    all the same so that both kinds of request cost the same). The token is made now, so it is valid for
    PASSWORD_RESET_TIMEOUT from the sending; a second run sends a second link, and both stop working once either
    is used (the token is tied to the password)."""
    if user_id is None:
        return 0
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return 0
    link = _absolute(
        reverse(
            "accounts:password-reset-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    )
    return email_deliver(
        to=[user.email],
        subject="Reset your Commissioning Exchange password",
        body=(
            f"Someone asked to reset the password for {user.email}.\n\n"
            f"Set a new password within 3 hours:\n{link}\n\n"
            "If this was not you, ignore this email: your password has not changed."
        ),
    )


@task()
def invitation_email(*, invitation_id: int) -> int:
    """E-mail the invitation's link if it is still open (neither accepted nor expired). The token is rebuilt from the
    invitation's salt, so running it again sends the same link, and the earlier e-mail stays valid."""
    invitation = invitation_open_by_id(invitation_id=invitation_id)
    if invitation is None:
        return 0
    token = token_rebuilt(
        purpose=Invitation.TOKEN_PURPOSE, salt=invitation.token_salt, stored_hash=invitation.token_hash
    )
    if token is None:
        raise ApplicationError(LINK_LOST)
    organisation = invitation.organisation
    inviter = invitation.invited_by.full_name if invitation.invited_by else "A colleague"
    link = _absolute(reverse("accounts:invitation-accept", kwargs={"token": token}))
    return email_deliver(
        to=[invitation.email],
        subject=f"You are invited to join {organisation.name} on Commissioning Exchange",
        body=(
            f"{inviter} has invited you to join {organisation.name} on Commissioning Exchange.\n\n"
            f"Accept the invitation within 14 days:\n{link}\n\n"
            "If you were not expecting this email, you can ignore it."
        ),
    )
