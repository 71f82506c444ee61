from collections.abc import Callable

from axes.utils import reset as axes_reset
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core.client_ip import client_ip
from exchange.core.exceptions import ApplicationError
from exchange.core.mail import email_queue

from ..models import User

SIGN_IN_FAILED = "Enter a correct email address and password."


def sign_in(*, request: HttpRequest, email: str, password: str) -> User:
    """Authenticate and start a session. django-axes counts failures and locks the address out after five.

    Not atomic as a whole: the failure count axes writes, and our audit event of the failure, must
    survive the error we raise.
    """
    email = email.strip().lower()
    user = authenticate(request, username=email, password=password)
    if user is None:
        audit_event_record(
            action=AuditAction.SIGN_IN_FAILED,
            actor_label=email,
            ip_address=client_ip(request),
            details={"account_exists": User.objects.filter(email__iexact=email).exists()},
        )
        raise ApplicationError(SIGN_IN_FAILED)
    with transaction.atomic():
        login(request, user)
        audit_event_record(action=AuditAction.SIGN_IN, actor=user, ip_address=client_ip(request))
    return user


def locked_out_record(*, request: HttpRequest, email: str) -> None:
    audit_event_record(action=AuditAction.LOCKED_OUT, actor_label=email.strip().lower(), ip_address=client_ip(request))


def sign_out(*, request: HttpRequest) -> None:
    if request.user.is_authenticated:
        audit_event_record(action=AuditAction.SIGN_OUT, actor=request.user, ip_address=client_ip(request))
    logout(request)


@transaction.atomic
def password_reset_request(*, email: str, reset_link: Callable[[str, str], str], ip_address: str | None = None) -> None:
    """Send a reset link if the address has an active account. The caller always says the same thing either way."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    audit_event_record(
        action=AuditAction.PASSWORD_RESET_REQUESTED,
        actor_label=email.strip().lower(),
        ip_address=ip_address,
        details={"account_exists": user is not None},
    )
    if user is None or not user.has_usable_password():
        return
    link = reset_link(urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user))
    email_queue(
        to=[user.email],
        subject="Reset your Commissioning Exchange password",
        body=(
            f"Someone asked to reset the password for {user.email}.\n\n"
            f"Set a new password within 3 hours:\n{link}\n\n"
            "If this was not you, ignore this email: your password has not changed."
        ),
    )


def password_reset_completed(*, user: User, ip_address: str | None = None) -> None:
    """The person proved they read the account's email: the account's lock-out (django-axes) is lifted with it."""
    axes_reset(username=user.email.strip().lower())
    audit_event_record(action=AuditAction.PASSWORD_RESET_DONE, actor=user, ip_address=ip_address)
