"""The one way the service sends e-mail."""

from django.db import transaction

from .tasks import email_send


def email_queue(*, to: list[str], subject: str, body: str) -> None:
    """Queue an e-mail once the caller's transaction commits, so a change that rolls back sends nothing; the worker
    then sends it, with retries, through `core.tasks.email_send`. Outside a transaction it is queued at once."""
    transaction.on_commit(lambda: email_send.enqueue(to=to, subject=subject, body=body))
