import factory

from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent


class AuditEventFactory(factory.django.DjangoModelFactory):
    """An event as `audit_event_record` writes it; give `actor` a user to have it signed by someone."""

    class Meta:
        model = AuditEvent

    action = AuditAction.SIGN_IN
    actor_label = factory.Sequence(lambda n: f"person{n}@example.nhs.uk")
