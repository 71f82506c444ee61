"""OCDS releases. The official OCDS 1.1 JSON schema is not available to this project's machines (no PyPI package
ships it and they cannot reach standard.open-contracting.org), so these tests check the release against the
parts of the standard written out below from its documentation: required fields and the closed codelists."""

import json

import jsonschema
import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

CODELISTS = {
    "releaseTag": [
        "planning",
        "planningUpdate",
        "tender",
        "tenderAmendment",
        "tenderUpdate",
        "tenderCancellation",
        "award",
        "awardUpdate",
        "awardCancellation",
        "contract",
        "contractUpdate",
        "contractAmendment",
        "implementation",
        "implementationUpdate",
        "contractTermination",
        "compiled",
    ],
    "tenderStatus": ["planning", "planned", "active", "cancelled", "unsuccessful", "complete", "withdrawn"],
    "awardStatus": ["pending", "active", "cancelled", "unsuccessful"],
    "contractStatus": ["pending", "active", "cancelled", "terminated"],
    "method": ["open", "selective", "limited", "direct"],
    "procurementCategory": ["goods", "works", "services"],
    "partyRole": [
        "buyer",
        "procuringEntity",
        "supplier",
        "tenderer",
        "funder",
        "enquirer",
        "payer",
        "payee",
        "reviewBody",
        "interestedParty",
    ],
}
REFERENCE = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
}
VALUE = {
    "type": "object",
    "required": ["amount", "currency"],
    "properties": {"amount": {"type": "number"}, "currency": {"enum": ["GBP"]}},
}
PERIOD = {
    "type": "object",
    "properties": {
        "startDate": {"type": "string", "format": "date-time"},
        "endDate": {"type": "string", "format": "date-time"},
    },
}
RELEASE = {
    "type": "object",
    "required": ["ocid", "id", "date", "tag", "initiationType"],
    "properties": {
        "ocid": {"type": "string", "pattern": "^ocds-[a-z0-9]{6}-"},
        "id": {"type": "string", "minLength": 1},
        "date": {"type": "string", "format": "date-time"},
        "tag": {"type": "array", "minItems": 1, "items": {"enum": CODELISTS["releaseTag"]}},
        "initiationType": {"enum": ["tender"]},
        "parties": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name", "roles"],
                "properties": {"roles": {"type": "array", "items": {"enum": CODELISTS["partyRole"]}}},
            },
        },
        "buyer": REFERENCE,
        "tender": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "status": {"enum": CODELISTS["tenderStatus"]},
                "procurementMethod": {"enum": CODELISTS["method"]},
                "mainProcurementCategory": {"enum": CODELISTS["procurementCategory"]},
                "awardCriteria": {"enum": ["priceOnly", "costOnly", "qualityOnly", "ratedCriteria"]},
                "submissionMethod": {
                    "type": "array",
                    "items": {"enum": ["electronicAuction", "electronicSubmission", "written", "inPerson"]},
                },
                "tenderPeriod": PERIOD,
                "enquiryPeriod": PERIOD,
                "procuringEntity": REFERENCE,
                "tenderers": {"type": "array", "items": REFERENCE},
                "value": VALUE,
            },
        },
        "awards": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "status": {"enum": CODELISTS["awardStatus"]},
                    "value": VALUE,
                    "suppliers": {"type": "array", "items": REFERENCE},
                },
            },
        },
        "contracts": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "awardID"],
                "properties": {"status": {"enum": CODELISTS["contractStatus"]}, "value": VALUE},
            },
        },
    },
}
PACKAGE = {
    "type": "object",
    "required": ["uri", "publishedDate", "releases", "publisher", "version"],
    "properties": {"version": {"enum": ["1.1"]}, "releases": {"type": "array", "items": RELEASE}},
}


def validate(package: dict) -> None:
    jsonschema.validate(package, PACKAGE, format_checker=jsonschema.FormatChecker())
    parties = {party["id"] for release in package["releases"] for party in release.get("parties", [])}
    for release in package["releases"]:
        references = [release["buyer"], release["tender"]["procuringEntity"], *release["tender"].get("tenderers", [])]
        references += [supplier for award in release.get("awards", []) for supplier in award["suppliers"]]
        assert {reference["id"] for reference in references} <= parties, "every organisation reference is a party"


def test_a_concluded_joint_procurement_is_a_valid_release_with_tender_award_and_contract(client, world, concluded):
    package = client.get(f"/ocds/releases/{concluded.ocid}.json").json()
    validate(package)
    (release,) = package["releases"]
    assert release["tag"] == ["award", "contract"]
    roles = {party["name"]: party["roles"] for party in release["parties"]}
    assert roles["NHS Blackpool"] == ["buyer", "procuringEntity"] and roles["NHS Camden"] == ["buyer"]
    assert roles["Community Voice Partnership"] == ["tenderer", "supplier"]
    (award,) = release["awards"]
    # £0.40 per head × (172,000 + 250,000) people × 12 months of 12.
    assert award["value"] == {"amount": 168800.0, "currency": "GBP"} and award["status"] == "active"
    assert release["contracts"][0]["awardID"] == award["id"]
    assert release["tender"]["numberOfTenderers"] == 2


def test_tenderers_stay_hidden_while_bids_are_open(client, world, joint, settings):
    requirement, *_ = joint
    package = client.get("/ocds/releases.json").json()
    validate(package)
    (release,) = package["releases"]
    assert release["tag"] == ["tender"] and "tenderers" not in release["tender"]


def test_the_export_command_writes_the_same_package(tmp_path, world, concluded):
    output = tmp_path / "releases.json"
    call_command("export_ocds", "--output", str(output))
    package = json.loads(output.read_text())
    validate(package)
    assert [release["ocid"] for release in package["releases"]] == [concluded.ocid]


def test_drafts_have_no_release(client, world):
    from exchange.marketplace.procurement.tests.factories import RequirementFactory

    draft = RequirementFactory(
        lead=world.blackpool, owner=world.lead, title="Draft", service_lines=["finance"], pricing_model="fixed_annual"
    )
    assert client.get("/ocds/releases.json").json()["releases"] == []
    assert client.get(f"/ocds/releases/ocds-cx0000-{draft.pk:06d}.json").status_code == 404
