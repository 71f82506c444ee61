"""Small helpers the surveys tests share: a contacts CSV, a wave's page address, the audit events of one action."""

from django.urls import reverse

from exchange.audit.models import AuditEvent


def csv_bytes(*lines: str) -> bytes:
    """A contacts upload with the given rows under the usual header."""
    return ("\n".join(["name,email,role,organisation_code", *lines]) + "\n").encode()


def wave_url(wave, name: str, **extra) -> str:
    return reverse(f"surveys:{name}", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug, **extra})


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))
