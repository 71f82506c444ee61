"""Waves with a note, a date and a time (the surveys factories' `when_section`), answered by respondents in two
regions and three roles, for the tests of dates and times in results and exports."""

from exchange.accounts.models import Role
from exchange.organisations.tests.factories import OrganisationFactory, RegionFactory
from exchange.surveys.models import Confidentiality
from exchange.surveys.services.authoring import wave_close, wave_open
from exchange.surveys.services.recording import RecordedResponse, responses_record
from exchange.surveys.tests.factories import full_wave, when_section

from .small_waves import answers

ROLES = [Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD, Role.FINANCE_LEAD]


def when_wave(given: list[tuple[str, str]], *, confidential: bool = False, threshold: int = 10):
    """A closed wave whose respondents gave these (date, time) answers ("" for none), alternately in the North and
    the South, and in turn a clinical, managerial and finance lead."""
    confidentiality = Confidentiality.CONFIDENTIAL if confidential else Confidentiality.NAMED
    wave = full_wave(confidentiality=confidentiality)
    when_section(wave, date_required=False)
    wave.series.suppression_threshold = threshold
    wave.series.save()
    north = OrganisationFactory(name="NHS North", region=RegionFactory(name="North"))
    south = OrganisationFactory(name="NHS South", region=RegionFactory(name="South"))
    records = []
    for index, (started_on, meets_at) in enumerate(given):
        extra = {code: value for code, value in (("started_on", started_on), ("meets_at", meets_at)) if value}
        records.append(RecordedResponse((north, south)[index % 2], ROLES[index % 3], answers(**extra)))
    wave_open(wave=wave)
    responses_record(wave=wave, responses=records)
    return wave_close(wave=wave)
