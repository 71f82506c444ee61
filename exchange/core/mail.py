"""The one way the service sends e-mail: `email_deliver`, called only inside tasks, in the worker.

Two ways in. `core.tasks.email_queue` queues an e-mail whose body holds no secret (a notice with a plain link). An
e-mail carrying a secret link (a password reset, an invitation, a survey link) is queued as its app's own task, which
carries only identifiers and builds the body, link included, when it runs: so no task row, queued or finished, keeps
the link.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail

logger = logging.getLogger(__name__)


class EmailNotSent(Exception):
    """Sending failed. It names only the cause's class: a mail server's error can quote the message, and a failed
    task row keeps the traceback (shown in the admin)."""


def email_deliver(*, to: list[str], subject: str, body: str) -> int:
    """Send now; called only inside tasks, in the worker. Returns how many were sent."""
    try:
        return send_mail(subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=to)
    except Exception as error:
        cause = f"{type(error).__module__}.{type(error).__qualname__}"
        code = getattr(error, "smtp_code", None)
        logger.warning("E-mail not sent: %s%s", cause, f" (SMTP {code})" if code else "")
        raise EmailNotSent(cause) from None  # `from None`: the traceback keeps no chained message
