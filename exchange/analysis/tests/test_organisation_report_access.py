"""An organisation's report exists only for an organisation in the wave's frame once the wave is closed, and goes only
to its own members, the series owner's analysts and platform staff. Everyone else gets 404."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.analysis.permissions import (
    REPORT_NOT_IN_FRAME,
    REPORT_WAVE_NOT_CLOSED,
    can_read_organisation_report,
    organisation_report_refusal,
)
from exchange.analysis.selectors import organisation_comparison
from exchange.core import clock
from exchange.organisations.models import OrganisationKind
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.services.authoring import wave_close, wave_copy, wave_open
from exchange.surveys.services.contacts import contacts_import_csv
from exchange.surveys.services.recording import RecordedResponse, responses_record
from exchange.surveys.tests.factories import full_wave, owner_with_analyst

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    owner, analyst = owner_with_analyst()
    blackpool = OrganisationFactory(name="NHS Blackpool", ods_code="00R")
    camden = OrganisationFactory(name="NHS Camden", ods_code="07R")
    provider = OrganisationFactory(name="North West CSU", ods_code="0CX", kind=OrganisationKind.SUPPORT_PROVIDER)
    wave = full_wave(owner=owner)
    contacts_import_csv(
        wave=wave,
        actor=analyst,
        data=b"name,email,role,organisation_code\nAmanda Hughes,amanda@example.nhs.uk,clinical_lead,00R\n",
    )
    wave_open(wave=wave)
    return SimpleNamespace(
        wave=wave,
        blackpool=blackpool,
        camden=camden,
        provider=provider,
        analyst=analyst,
        staff=UserFactory(is_staff=True),
        blackpool_member=MembershipFactory(organisation=blackpool, roles=[Role.CLINICAL_LEAD]).user,
        camden_member=MembershipFactory(organisation=camden, roles=[Role.CLINICAL_LEAD]).user,
        provider_member=MembershipFactory(organisation=provider, roles=[Role.PROVIDER_REPRESENTATIVE]).user,
    )


@pytest.fixture
def closed(world):
    wave_close(wave=world.wave)
    return world


def report_url(wave, organisation) -> str:
    return reverse(
        "analysis:organisation-report",
        kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug, "organisation_slug": organisation.slug},
    )


@pytest.mark.parametrize("reader", ["blackpool_member", "analyst", "staff"])
def test_the_organisations_members_the_owners_analysts_and_staff_read_its_report_once_the_wave_is_closed(
    client, closed, reader
):
    client.force_login(getattr(closed, reader))
    response = client.get(report_url(closed.wave, closed.blackpool))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("organisation", ["blackpool", "provider"])
def test_a_provider_member_gets_404(client, closed, organisation):
    client.force_login(closed.provider_member)
    assert client.get(report_url(closed.wave, getattr(closed, organisation))).status_code == 404


def test_a_member_of_an_organisation_outside_the_frame_gets_404_for_its_own_report_and_for_others(client, closed):
    client.force_login(closed.camden_member)
    assert client.get(report_url(closed.wave, closed.camden)).status_code == 404
    assert client.get(report_url(closed.wave, closed.blackpool)).status_code == 404


@pytest.mark.parametrize("reader", ["analyst", "staff"])
def test_an_organisation_outside_the_frame_has_no_report_even_for_the_owner_or_staff(client, closed, reader):
    client.force_login(getattr(closed, reader))
    assert client.get(report_url(closed.wave, closed.camden)).status_code == 404
    assert client.get(report_url(closed.wave, closed.provider)).status_code == 404


@pytest.mark.parametrize("reader", ["blackpool_member", "analyst", "staff"])
def test_nobody_reads_a_report_while_the_wave_is_open(client, world, reader):
    client.force_login(getattr(world, reader))
    assert client.get(report_url(world.wave, world.blackpool)).status_code == 404


def test_nobody_reads_a_report_of_a_draft_wave(client, world):
    draft = wave_copy(wave=world.wave, label="2014")
    client.force_login(world.staff)
    assert client.get(report_url(draft, world.blackpool)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, closed):
    response = client.get(report_url(closed.wave, closed.blackpool))
    assert response.status_code == 302
    assert "report.pdf" not in response.get("Content-Disposition", "")


def test_the_rule_says_why_an_organisation_has_no_report_whoever_asks(world):
    now = clock.now()
    assert organisation_report_refusal(
        wave=world.wave, organisation=world.blackpool, now=now
    ) == REPORT_WAVE_NOT_CLOSED.format(wave=world.wave)
    wave_close(wave=world.wave)
    assert organisation_report_refusal(wave=world.wave, organisation=world.blackpool, now=now) is None
    assert organisation_report_refusal(
        wave=world.wave, organisation=world.provider, now=now
    ) == REPORT_NOT_IN_FRAME.format(organisation=world.provider, wave=world.wave)
    assert can_read_organisation_report(
        user=world.blackpool_member, wave=world.wave, organisation=world.blackpool, now=now
    )
    assert not can_read_organisation_report(
        user=world.camden_member, wave=world.wave, organisation=world.blackpool, now=now
    )


def test_the_report_command_refuses_an_open_wave_and_an_organisation_outside_the_frame(world, tmp_path):
    path = f"{world.wave.series.slug}/{world.wave.slug}"
    output = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match="is not closed"):
        call_command("wave_report", path, "--organisation", "00R", "--output", str(output))
    wave_close(wave=world.wave)
    with pytest.raises(CommandError, match="has nobody in the sample frame"):
        call_command("wave_report", path, "--organisation", "0CX", "--output", str(output))
    assert not output.exists()
    call_command("wave_report", path, "--organisation", "00r", "--output", str(output))
    assert output.read_bytes().startswith(b"%PDF")


def test_a_report_leaves_out_an_earlier_wave_that_is_still_open(closed):
    earlier = wave_copy(wave=closed.wave, label="2012")
    earlier.fieldwork_start = closed.wave.fieldwork_start - timedelta(days=365)
    earlier.save(update_fields=["fieldwork_start"])
    wave_open(wave=earlier)
    for wave in (earlier, closed.wave):
        responses_record(
            wave=wave,
            responses=[
                RecordedResponse(organisation=closed.blackpool, role=Role.CLINICAL_LEAD, answers={"info": "yes"})
            ],
        )
    comparisons = organisation_comparison(wave=closed.wave, organisation=closed.blackpool)
    assert comparisons
    assert {each.pk for comparison in comparisons for each, _, _ in comparison.waves} == {closed.wave.pk}
