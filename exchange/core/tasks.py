from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def email_send(*, to: list[str], subject: str, body: str) -> int:
    """Every e-mail the service sends goes through here (queued by `core.mail.email_queue`), so it is sent and retried
    by the worker, not the request."""
    return send_mail(subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=to)
