"""Who may read which results, and when: the one place the rules live. Views and commands ask these."""

import datetime

from exchange.accounts.permissions import is_member
from exchange.organisations.models import Organisation
from exchange.surveys.models import Wave, WaveStatus
from exchange.surveys.permissions import can_manage_series
from exchange.surveys.selectors import wave_frame_includes

REPORT_WAVE_NOT_CLOSED = "{wave} is not closed: an organisation's report waits until the wave closes."
REPORT_NOT_IN_FRAME = "{organisation} has nobody in the sample frame of {wave}, so it has no report for it."


def organisation_report_refusal(*, wave: Wave, organisation: Organisation, now: datetime.datetime) -> str | None:
    """Why `organisation` has no report for `wave` at `now`, whoever asks; None when it has one.

    A report sets the organisation's figures beside all respondents', the response rate and the frame size: it
    exists only for an organisation in the wave's frame, once the wave is closed. Closing is the only end of
    fieldwork the model records (`fieldwork_end` is a plan: answers are taken until the status changes), so the
    moment `now` decides nothing yet; it is asked for so that every caller states when it asks."""
    if wave.status != WaveStatus.CLOSED:
        return REPORT_WAVE_NOT_CLOSED.format(wave=wave)
    if not wave_frame_includes(wave=wave, organisation=organisation):
        return REPORT_NOT_IN_FRAME.format(organisation=organisation, wave=wave)
    return None


def can_read_organisation_report(*, user, wave: Wave, organisation: Organisation, now: datetime.datetime) -> bool:
    """An organisation's report for a wave: to the organisation's own members, the series owner's analysts and
    platform staff, when the report exists (see `organisation_report_refusal`)."""
    if not user.is_authenticated:
        return False
    if organisation_report_refusal(wave=wave, organisation=organisation, now=now) is not None:
        return False
    return user.is_staff or can_manage_series(user, wave.series) or is_member(user, organisation)
