from typing import Any

from django.db import transaction
from django_tasks import task
from django_tasks.base import Task

from .mail import email_deliver


def enqueue_on_commit(job: Task, **kwargs: Any) -> None:
    """Queue the task `job` once the caller's transaction commits, so a change that rolls back queues nothing. Outside a
    transaction it is queued at once. Pass identifiers, never secrets: the task row keeps its arguments."""
    transaction.on_commit(lambda: job.enqueue(**kwargs))


def email_queue(*, to: list[str], subject: str, body: str) -> None:
    """Queue an e-mail whose body holds no secret once the caller's transaction commits, so a change that rolls back
    sends nothing; the worker then sends it through `email_send`. A body with a secret link in it goes by its app's own
    task instead (see `core.mail`)."""
    enqueue_on_commit(email_send, to=to, subject=subject, body=body)


@task()
def email_send(*, to: list[str], subject: str, body: str) -> int:
    """An e-mail with no secret in it (queued by `email_queue`), sent by the worker, not the request."""
    return email_deliver(to=to, subject=subject, body=body)
