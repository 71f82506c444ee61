"""The sample frame cannot single a respondent out: registry roles only, organisations the series surveys only, fixed
once the wave opens, and every change, accepted or refused, audited without a contact's name or address
(`services.contacts`; its pages and command are in test_sample_frame.py)."""

import json

import pytest
from django.db import IntegrityError, transaction

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.audit.actions import AuditAction
from exchange.core.exceptions import ApplicationError
from exchange.organisations.models import OrganisationKind
from exchange.surveys.models import Contact
from exchange.surveys.services.authoring import wave_close, wave_open
from exchange.surveys.services.contacts import (
    FRAME_LOCKED,
    OUTSIDE_POPULATION,
    ROLE_LABELS,
    ROLE_NOT_OFFERED,
    ROW_OUTSIDE_POPULATION,
    ROW_ROLE_EMPTY,
    ROW_ROLE_UNKNOWN,
    ContactImportError,
    contacts_add_from_memberships,
    contacts_import_csv,
)

from ..helpers import csv_bytes, events

pytestmark = pytest.mark.django_db

AMANDA = "Amanda Hughes,amanda@example.nhs.uk,clinical_lead,00R"
CAROL_TAGGED = "Carol Jones,carol@example.nhs.uk,tag_carol_7f3a,00R"
COMMISSIONERS_ONLY = OUTSIDE_POPULATION.format(kinds="commissioner (CCG or ICB)")


# Roles


def test_a_role_that_is_not_a_registry_role_is_refused_naming_the_line_and_nothing_is_imported(wave, orgs):
    with pytest.raises(ContactImportError) as error:
        contacts_import_csv(wave=wave, actor=None, data=csv_bytes(AMANDA, CAROL_TAGGED))
    unknown = ROW_ROLE_UNKNOWN.format(role="tag_carol_7f3a", roles=", ".join(ROLE_LABELS))
    assert [str(problem) for problem in error.value.problems] == [f"line 3: {unknown}"]
    assert not Contact.objects.exists()


def test_a_role_given_as_its_label_in_any_case_is_stored_as_its_code(wave, orgs):
    contacts_import_csv(
        wave=wave,
        actor=None,
        data=csv_bytes(
            "Amanda Hughes,amanda@example.nhs.uk,Clinical lead,00R",
            "Tom Whitaker,tom@example.nhs.uk,MANAGERIAL LEAD,07R",
            "Fay Okafor,fay@example.nhs.uk,Finance_Lead,00R",
        ),
    )
    assert dict(Contact.objects.values_list("email", "role")) == {
        "amanda@example.nhs.uk": Role.CLINICAL_LEAD,
        "tom@example.nhs.uk": Role.MANAGERIAL_LEAD,
        "fay@example.nhs.uk": Role.FINANCE_LEAD,
    }


def test_a_row_without_a_role_is_refused(wave, orgs):
    with pytest.raises(ContactImportError) as error:
        contacts_import_csv(wave=wave, actor=None, data=csv_bytes("Amanda Hughes,amanda@example.nhs.uk,,00R"))
    assert [str(problem) for problem in error.value.problems] == [f"line 2: {ROW_ROLE_EMPTY}"]


def test_a_row_from_an_organisation_the_survey_does_not_cover_is_refused(wave, orgs):
    with pytest.raises(ContactImportError) as error:
        contacts_import_csv(
            wave=wave, actor=None, data=csv_bytes(AMANDA, "Paul Reid,paul@csu.example.nhs.uk,managerial_lead,0cx")
        )
    outside = ROW_OUTSIDE_POPULATION.format(code="0cx", kind="commissioning support provider")
    assert [str(problem) for problem in error.value.problems] == [f"line 3: {outside}"]
    assert not Contact.objects.exists()


def test_the_database_refuses_a_contact_role_outside_the_registry(wave, orgs):
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(
            wave=wave,
            full_name="Carol Jones",
            email="carol@example.nhs.uk",
            role="tag_carol_7f3a",
            organisation=orgs.blackpool,
            **Contact.token_fields(),
        )


# The frame is fixed once the wave opens


def test_an_upload_after_the_wave_opens_is_refused_audited_and_changes_nobodys_group(wave, orgs, analyst):
    contacts_import_csv(wave=wave, actor=analyst, data=csv_bytes(AMANDA))
    wave_open(wave=wave)
    retag = csv_bytes(
        "Amanda Hughes,amanda@example.nhs.uk,finance_lead,07R", "Carol Jones,carol@example.nhs.uk,buyer,00R"
    )
    with pytest.raises(ApplicationError) as error:
        contacts_import_csv(wave=wave, actor=analyst, data=retag)
    assert error.value.message == FRAME_LOCKED
    assert list(Contact.objects.values_list("email", "role", "organisation")) == [
        ("amanda@example.nhs.uk", Role.CLINICAL_LEAD, orgs.blackpool.pk)
    ]
    [refused] = events(AuditAction.SURVEY_CONTACTS_IMPORT_REFUSED)
    assert (refused.actor, refused.object_id, refused.details) == (analyst, str(wave.pk), {"reason": "wave_locked"})


def test_an_upload_to_a_closed_wave_is_refused(wave, orgs):
    wave_close(wave=wave_open(wave=wave))
    with pytest.raises(ApplicationError, match=FRAME_LOCKED):
        contacts_import_csv(wave=wave, actor=None, data=csv_bytes(AMANDA))
    assert not Contact.objects.exists()


# Only the organisations the series surveys; nobody else's people listed


def test_the_service_refuses_organisations_the_series_does_not_survey(wave, orgs, provider_people):
    with pytest.raises(ApplicationError) as error:
        contacts_add_from_memberships(
            wave=wave, kind=OrganisationKind.SUPPORT_PROVIDER, roles=[Role.MANAGERIAL_LEAD], actor=None
        )
    assert error.value.message == COMMISSIONERS_ONLY
    assert not Contact.objects.exists()


def test_the_service_refuses_the_provider_representative_role_even_at_a_commissioner(wave, orgs):
    MembershipFactory(organisation=orgs.blackpool, roles=[Role.PROVIDER_REPRESENTATIVE])
    with pytest.raises(ApplicationError) as error:
        contacts_add_from_memberships(
            wave=wave, kind=OrganisationKind.COMMISSIONER, roles=[Role.PROVIDER_REPRESENTATIVE], actor=None
        )
    assert error.value.message == ROLE_NOT_OFFERED.format(role="Provider representative")
    assert not Contact.objects.exists()


def test_members_of_commissioners_only_are_added(wave, orgs, provider_people):
    lead = MembershipFactory(organisation=orgs.blackpool, roles=[Role.MANAGERIAL_LEAD]).user
    added = contacts_add_from_memberships(
        wave=wave, kind=OrganisationKind.COMMISSIONER, roles=[Role.MANAGERIAL_LEAD], actor=None
    )
    assert added == 1
    assert list(Contact.objects.values_list("email", flat=True)) == [lead.email]


# Audit


def test_every_upload_leaves_an_audit_event_with_counts_and_no_names_or_emails(wave, orgs, analyst):
    contacts_import_csv(
        wave=wave, actor=analyst, data=csv_bytes(AMANDA, "Tom Whitaker,tom@example.nhs.uk,Managerial lead,07R")
    )
    with pytest.raises(ContactImportError):
        contacts_import_csv(wave=wave, actor=analyst, data=csv_bytes(CAROL_TAGGED, "Dan Wu,not-an-email,buyer,00R"))
    wave_open(wave=wave)
    with pytest.raises(ApplicationError):
        contacts_import_csv(wave=wave, actor=analyst, data=csv_bytes(CAROL_TAGGED))
    [imported] = events(AuditAction.SURVEY_CONTACTS_IMPORTED)
    assert imported.details == {"added": 2, "merged": 0, "contacts_in_frame": 2}
    refused = events(AuditAction.SURVEY_CONTACTS_IMPORT_REFUSED)
    assert [event.details for event in refused] == [
        {"reason": "invalid_rows", "problems": 2, "lines": [2, 3]},
        {"reason": "wave_locked"},
    ]
    for event in [imported, *refused]:
        assert (event.actor, event.organisation, event.object_id) == (analyst, wave.series.owner, str(wave.pk))
        recorded = json.dumps(event.details) + event.object_label + event.actor_label
        for secret in ["Amanda", "amanda@", "Tom Whitaker", "tom@", "Carol", "carol@", "not-an-email", "tag_carol"]:
            assert secret not in recorded


def test_members_added_from_the_registry_are_audited_with_counts_only(wave, orgs, analyst):
    lead = MembershipFactory(organisation=orgs.blackpool, roles=[Role.CLINICAL_LEAD]).user
    contacts_add_from_memberships(wave=wave, kind="commissioner", roles=[Role.CLINICAL_LEAD], actor=analyst)
    contacts_add_from_memberships(wave=wave, kind="commissioner", roles=[Role.CLINICAL_LEAD], actor=analyst)
    added = events(AuditAction.SURVEY_CONTACTS_ADDED_FROM_MEMBERS)
    assert [event.details for event in added] == [
        {"kind": "commissioner", "roles": [Role.CLINICAL_LEAD], "added": 1, "already_in_frame": 0},
        {"kind": "commissioner", "roles": [Role.CLINICAL_LEAD], "added": 0, "already_in_frame": 1},
    ]
    for event in added:
        assert event.actor == analyst
        assert lead.email not in json.dumps(event.details) and lead.full_name not in json.dumps(event.details)


def test_contacts_import_with_duplicates_merged(wave, ccgs):
    result = contacts_import_csv(
        wave=wave,
        actor=None,
        data=csv_bytes(
            "Amanda Hughes,amanda@example.nhs.uk,clinical_lead,00R",
            "Tom Whitaker,tom@example.nhs.uk,managerial_lead,00r",
            "Amanda J Hughes,AMANDA@example.nhs.uk,clinical_lead,00R",
        ),
    )
    assert (result.added, result.merged) == (2, 1)
    assert Contact.objects.get(email="amanda@example.nhs.uk").full_name == "Amanda J Hughes"
    tokens = [contact.token for contact in Contact.objects.all()]
    assert all(len(token) >= 43 for token in tokens) and len(set(tokens)) == 2


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(wave, ccgs):
    data = csv_bytes(
        "Amanda Hughes,amanda@example.nhs.uk,clinical_lead,00R",
        "Bad Email,not-an-email,clinical_lead,00R",
        "Unknown Org,someone@example.nhs.uk,finance_lead,ZZZ",
        ",,,",
        ",nobody@example.nhs.uk,analyst,",
    )
    with pytest.raises(ContactImportError) as error:
        contacts_import_csv(wave=wave, actor=None, data=data)
    assert [str(p) for p in error.value.problems] == [
        "line 3: email 'not-an-email' is not a valid address",
        "line 4: organisation code 'ZZZ' is unknown",
        "line 6: name is empty; organisation_code is empty",
    ]
    assert not Contact.objects.exists()


def test_a_missing_column_is_refused(wave, ccgs):
    with pytest.raises(ContactImportError, match="line 1: missing column"):
        contacts_import_csv(wave=wave, actor=None, data=b"name,email\nA,a@example.nhs.uk\n")
