from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def email_send(*, to: list[str], subject: str, body: str) -> int:
    """Every email the service sends goes through here, so it is queued and retried by the worker, not the request."""
    return send_mail(subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=to)
