"""The audit log is append-only in the database itself (see `exchange.core.append_only`)."""

from exchange.core.append_only import AppendOnly

AUDIT_EVENTS = AppendOnly(table="audit_auditevent", name="audit_event", noun="audit events")


def triggers_install(connection) -> None:
    AUDIT_EVENTS.install(connection)


def triggers_remove(connection) -> None:
    AUDIT_EVENTS.remove(connection)
