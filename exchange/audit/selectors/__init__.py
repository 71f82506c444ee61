from .events import audit_event_list, audit_events_about, visible_events

__all__ = ["audit_event_list", "audit_events_about", "visible_events"]
