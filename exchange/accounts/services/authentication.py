from django.contrib.auth import authenticate, login, logout
from django.db import transaction
from django.http import HttpRequest

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError
from exchange.core.tasks import enqueue_on_commit

from ..models import User
from ..tasks import password_reset_email

SIGN_IN_FAILED = "Enter a correct email address and password."


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


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
            ip_address=_client_ip(request),
            details={"account_exists": User.objects.filter(email__iexact=email).exists()},
        )
        raise ApplicationError(SIGN_IN_FAILED)
    with transaction.atomic():
        login(request, user)
        audit_event_record(action=AuditAction.SIGN_IN, actor=user, ip_address=_client_ip(request))
    return user


def locked_out_record(*, request: HttpRequest, email: str) -> None:
    audit_event_record(action=AuditAction.LOCKED_OUT, actor_label=email.strip().lower(), ip_address=_client_ip(request))


def sign_out(*, request: HttpRequest) -> None:
    if request.user.is_authenticated:
        audit_event_record(action=AuditAction.SIGN_OUT, actor=request.user, ip_address=_client_ip(request))
    logout(request)


@transaction.atomic
def password_reset_request(*, email: str, ip_address: str | None = None) -> None:
    """Send a reset link if the address has an active account. The caller always says the same thing either way.
    The task carries only the account's id: the worker makes the link, so the task table never holds it."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    audit_event_record(
        action=AuditAction.PASSWORD_RESET_REQUESTED,
        actor_label=email.strip().lower(),
        ip_address=ip_address,
        details={"account_exists": user is not None},
    )
    if user is None or not user.has_usable_password():
        return
    enqueue_on_commit(password_reset_email, user_id=user.pk)


def password_reset_completed(*, user: User, ip_address: str | None = None) -> None:
    audit_event_record(action=AuditAction.PASSWORD_RESET_DONE, actor=user, ip_address=ip_address)
