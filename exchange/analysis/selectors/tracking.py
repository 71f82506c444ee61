"""The response rates of a wave (the tracking page, the wave's page and the report's method section), which go
through the disclosure layer like every other figure about groups of people."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, Q

from exchange.surveys.models import Contact, ContactStatus, Response, Wave
from exchange.surveys.selectors import COMPLETED, OPENED, STARTED

from ..protection import wave_protection
from ..suppression import suppress


@dataclass(frozen=True)
class RateRow:
    label: str
    invited: int
    opened: int
    started: int
    completed: int
    opted_out: int
    bounced: int
    organisations_invited: int
    organisations_completed: int
    # A confidential wave's small groups: everything but the number invited (which the contacts page shows) is
    # hidden, with enough other groups that nothing hidden can be worked out from the overall row.
    suppressed: bool = False
    # Organisations responding, hidden where it would pin how many answered in each organisation (see wave_tracking).
    coverage_hidden: bool = False

    @property
    def response_rate(self) -> float | None:
        return self.completed / self.invited if self.invited else None

    @property
    def coverage(self) -> float | None:
        return self.organisations_completed / self.organisations_invited if self.organisations_invited else None


@dataclass(frozen=True)
class Tracking:
    overall: RateRow
    by_region: list[RateRow]
    by_role: list[RateRow]


_COUNTS = {
    "invited": Count("id"),
    "opened": Count("id", filter=OPENED),
    "started": Count("id", filter=STARTED),
    "completed": Count("id", filter=COMPLETED),
    "opted_out": Count("id", filter=Q(status=ContactStatus.OPTED_OUT)),
    "bounced": Count("id", filter=Q(status=ContactStatus.BOUNCED)),
    "organisations_invited": Count("organisation", distinct=True),
    "organisations_completed": Count("organisation", distinct=True, filter=COMPLETED),
}


def _rate_row(label: str, row: Mapping[str, Any]) -> RateRow:
    return RateRow(label=label, **{name: row[name] for name in _COUNTS})


def wave_tracking(*, wave: Wave) -> Tracking:
    """Response rate by person (completed ÷ invited) and coverage by organisation, overall, by region and by role.
    Counted from contact statuses, which stay even in confidential waves. Three GROUP BY queries.

    A confidential wave's completions are figures about groups of people like any table of its results, so they go
    through the same disclosure layer (`analysis.protection`): a region or role it hides is hidden here too, and if
    any response came from outside the contact list (loaded from elsewhere), no completion count is shown at all,
    since completions minus responses would count that small group."""
    from exchange.accounts.models import Role

    invited = Contact.objects.filter(wave=wave, invited_at__isnull=False)
    overall = _rate_row("All", invited.aggregate(**_COUNTS))
    region_rows = list(
        invited.values("organisation__region_id", "organisation__region__name")
        .annotate(**_COUNTS)
        .order_by("organisation__region__name")
    )
    region_keys = [row["organisation__region_id"] or 0 for row in region_rows]
    by_region = [_rate_row(row["organisation__region__name"] or "No region", row) for row in region_rows]
    role_labels = dict(Role.choices)
    role_rows = list(invited.values("role").annotate(**_COUNTS).order_by("role"))
    role_keys = [row["role"] or "" for row in role_rows]
    by_role = [_rate_row(role_labels.get(row["role"], row["role"] or "No role"), row) for row in role_rows]
    if wave.is_confidential:
        threshold = wave.series.suppression_threshold
        protection = wave_protection(wave, per_question=False)
        assert protection is not None  # a confidential wave always has one
        if protection.outside_frame:
            overall = replace(overall, suppressed=True)
            by_region = [replace(row, suppressed=True) for row in by_region]
            by_role = [replace(row, suppressed=True) for row in by_role]
        else:
            by_region = _suppressed(by_region, threshold, protection.hidden_in("region"), region_keys)
            by_role = _suppressed(by_role, threshold, protection.hidden_in("role"), role_keys)
        # Organisations responding is not a sum: "12 completed, 12 of 12 organisations" says each had exactly one.
        # Only the overall figure is shown, and only where it pins no organisation's count.
        by_region = [replace(row, coverage_hidden=True) for row in by_region]
        by_role = [replace(row, coverage_hidden=True) for row in by_role]
        pins = overall.organisations_completed in (overall.organisations_invited,) or (
            overall.completed == overall.organisations_completed and overall.completed > 0
        )
        overall = replace(overall, coverage_hidden=overall.suppressed or pins)
    return Tracking(overall=overall, by_region=by_region, by_role=by_role)


def _suppressed(rows: list[RateRow], threshold: int, hidden: set, keys: list) -> list[RateRow]:
    """Hide the figures of groups the disclosure layer hides, of groups of fewer than `threshold` completions, and of
    enough others that neither a hidden group's size nor its share who completed follows from the overall row minus
    the groups shown."""
    # The small groups are those of few *completions* (the people whose answers are in the results), counted here
    # with answers still waiting in a batch, which the results do not have yet.
    bases = {row.label: row.completed for row in rows}
    outcomes = {row.label: {"completed": row.completed, "not completed": row.invited - row.completed} for row in rows}
    hidden_labels = set(suppress(bases, threshold=threshold, cells=[outcomes]).hidden)
    hidden_labels |= {row.label for row, key in zip(rows, keys, strict=True) if key in hidden}
    return [replace(row, suppressed=True) if row.label in hidden_labels else row for row in rows]


def method_tracking(*, wave: Wave) -> Tracking | None:
    """The frame and response rate for the method section. For a wave whose responses were loaded from elsewhere
    (`import_responses`), no contact has a status, so completions are counted from the responses of the frame's
    organisations instead of printing "0 of 8,018"; with no frame, None (the section says so)."""
    if not wave.contacts.exists():
        return None
    tracking = wave_tracking(wave=wave)
    responses = Response.objects.filter(wave=wave)
    if tracking.overall.completed or tracking.overall.suppressed or not responses.exists():
        return tracking
    frame = wave.contacts.values("organisation_id")
    in_frame = responses.filter(organisation_id__in=frame)
    covered = in_frame.values("organisation_id").distinct().count()
    overall = replace(tracking.overall, completed=in_frame.count(), organisations_completed=covered)
    pins = covered == overall.organisations_invited or overall.completed == covered
    overall = replace(overall, coverage_hidden=wave.is_confidential and pins)
    return replace(tracking, overall=overall)
