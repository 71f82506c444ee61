from axes.utils import reset as axes_reset
from django.contrib.auth import authenticate, login, logout
from django.db import transaction
from django.http import HttpRequest

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core import clock
from exchange.core.client_ip import client_ip, client_network, network_of
from exchange.core.exceptions import ApplicationError, TooManyRequests
from exchange.core.services.rate_limits import (
    rate_limit_clear,
    rate_limit_enforce,
    rate_limit_give_back,
    rate_limit_hit,
)
from exchange.core.tasks import enqueue_on_commit

from ..models import User
from ..models.users import email_normalised
from ..tasks import password_reset_email

SIGN_IN_FAILED = "Enter a correct email address and password."
SIGN_IN_ACCOUNT_LOCKED = (
    "This email address cannot sign in for one hour after 5 attempts with a wrong password. "
    "Reset your password to sign in again at once."
)
SIGN_IN_TOO_MANY = (
    "There have been too many failed attempts to sign in from your network, to any account. "
    "Resetting your password does not lift this limit: wait until it ends."
)
RESET_TOO_MANY_FROM_ADDRESS = "There have been too many requests to reset a password from your network."
RESET_TOO_MANY_FOR_EMAIL = (
    "A password reset has been asked for this email address too many times. "
    "If it has an account, use the newest link we sent to it."
)
UNKNOWN_ADDRESS = "unknown"  # the rate limits' key for a request without a client address (none in practice)


class AccountLocked(TooManyRequests):
    """Too many failed attempts at one account: the sign-in page answers with the lock-out page, which offers the
    password reset that lifts it."""


def sign_in(*, request: HttpRequest, email: str, password: str) -> User:
    """Authenticate and start a session.

    Each attempt is counted, against the client's address (or IPv6 /64) and against the account's address, before
    the password is checked, by one upsert each (`rate_limit_hit`): concurrent guesses cannot all pass a check made
    before any of them is counted, so at most five passwords an hour are checked for one account and twenty in ten
    minutes from one address. A success gives both its attempts back, so that signing in uses up nothing of either
    allowance; django-axes then forgives only this person's own recorded failures. An attempt refused by the
    account's limit gives back its count of the address: a locked account's owner retrying behind a shared address
    does not use up their colleagues' allowance.

    Not atomic as a whole: the counts, axes' records and our audit event of the failure must survive the error we
    raise, and must be seen by concurrent requests at once.
    """
    email = email_normalised(email)
    address = client_network(request) or UNKNOWN_ADDRESS  # an IPv6 address's /64
    counted_at = clock.now()
    by_address = rate_limit_hit(scope="sign-in.address", key=address, now=counted_at)
    if not by_address.allowed:
        raise TooManyRequests(SIGN_IN_TOO_MANY, retry_after=by_address.retry_after)
    by_account = rate_limit_hit(scope="sign-in.account", key=email, now=counted_at)
    if not by_account.allowed:
        rate_limit_give_back(scope="sign-in.address", key=address, counted_at=counted_at)
        locked_out_record(request=request, email=email)
        raise AccountLocked(SIGN_IN_ACCOUNT_LOCKED, retry_after=by_account.retry_after)
    user = authenticate(request, username=email, password=password)
    if user is None:
        audit_event_record(
            action=AuditAction.SIGN_IN_FAILED,
            actor_label=email,
            ip_address=client_ip(request),
            details={"account_exists": User.objects.filter(email=email).exists()},
        )
        raise ApplicationError(SIGN_IN_FAILED)
    rate_limit_give_back(scope="sign-in.address", key=address, counted_at=counted_at)
    rate_limit_give_back(scope="sign-in.account", key=email, counted_at=counted_at)
    # Only the person's own failures are forgiven: never those recorded from the same address at other accounts.
    axes_reset(username=email)
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
def password_reset_request(*, email: str, ip_address: str | None = None) -> None:
    """Send a reset link if the address has an active account. The caller always says the same thing either way.
    The task carries only the account's id: the worker makes the link, so the task table never holds it.

    Past the limits (per client address, then per email address, counted alike whether the account exists or not)
    `TooManyRequests` is raised, before the account is looked up: a 429 that says nothing about the account."""
    network = network_of(ip_address) or UNKNOWN_ADDRESS  # an IPv6 address's /64
    rate_limit_enforce(scope="password-reset.address", key=network, message=RESET_TOO_MANY_FROM_ADDRESS)
    email = email_normalised(email)
    rate_limit_enforce(scope="password-reset.email", key=email, message=RESET_TOO_MANY_FOR_EMAIL)
    user = User.objects.filter(email=email, is_active=True).first()
    audit_event_record(
        action=AuditAction.PASSWORD_RESET_REQUESTED,
        actor_label=email,
        ip_address=ip_address,
        details={"account_exists": user is not None},
    )
    # A task is queued either way (it sends nothing without an account that has a password), so a request for an
    # unknown address does the same work as one for a known address, and takes as long.
    known = user is not None and user.has_usable_password()
    enqueue_on_commit(password_reset_email, user_id=user.pk if known and user else None)


def password_reset_completed(*, user: User, ip_address: str | None = None) -> None:
    """The person proved they read the account's email: the account's lock-out (django-axes) is lifted with it."""
    axes_reset(username=email_normalised(user.email))
    rate_limit_clear(scope="sign-in.account", key=email_normalised(user.email))
    audit_event_record(action=AuditAction.PASSWORD_RESET_DONE, actor=user, ip_address=ip_address)
