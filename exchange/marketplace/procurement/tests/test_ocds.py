"""What the releases say: tender, award and contract of a joint procurement, hidden tenderers while bids are open,
bid statistics, each buyer's share, CPV items, parties by their registered identifiers."""

import datetime

import pytest

from exchange.marketplace.procurement.tests.ocds_schema import feed_package, latest, snapshot_package, validate
from exchange.marketplace.procurement.tests.procurement_flow import AFTER_BIDS_CLOSE, BEFORE_BIDS_CLOSE

pytestmark = pytest.mark.django_db


def test_a_concluded_joint_procurement_is_a_valid_release_with_tender_award_and_contract(client, world, concluded):
    package = client.get(f"/ocds/releases/{concluded.ocid}.json").json()
    validate(package)
    release = package["releases"][-1]
    assert release["tag"] == ["awardUpdate", "contract"]
    roles = {party["name"]: party["roles"] for party in release["parties"]}
    assert roles["NHS Blackpool"] == ["buyer", "procuringEntity", "sourceParty"]
    assert roles["NHS Camden"] == ["buyer", "sourceParty"]
    assert roles["Community Voice Partnership"] == ["tenderer", "supplier"]
    (award,) = release["awards"]
    # £0.40 per head × (172,000 + 250,000) people × 12 months of 12.
    assert award["value"] == {"amount": 168800.0, "currency": "GBP"} and award["status"] == "active"
    assert release["contracts"][0]["awardID"] == award["id"]
    assert release["tender"]["numberOfTenderers"] == 2


def test_tenderers_stay_hidden_while_bids_are_open(client, world, joint, settings):
    requirement, *_ = joint
    package = feed_package(BEFORE_BIDS_CLOSE)
    validate(package)
    (release,) = package["releases"]
    assert release["tag"] == ["tender"] and "tenderers" not in release["tender"]


def test_bid_statistics_are_published_with_the_award_and_never_while_bids_are_sealed(world, evaluated):
    for moment in (BEFORE_BIDS_CLOSE, AFTER_BIDS_CLOSE):
        assert all("bids" not in release for release in feed_package(moment)["releases"])


def test_bid_statistics_count_the_bids_and_give_the_lowest_and_highest_whole_term_value(world, concluded):
    package = feed_package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60))
    validate(package)
    release = latest(package, concluded.ocid)
    statistics = {statistic["measure"]: statistic for statistic in release["bids"]["statistics"]}
    assert statistics["bids"]["value"] == 2
    # £0.32 and £0.40 per head × (172,000 + 250,000) people × 12 months of 12.
    assert (statistics["lowestValidBidValue"]["value"], statistics["lowestValidBidValue"]["currency"]) == (
        135040.0,
        "GBP",
    )
    assert statistics["highestValidBidValue"]["value"] == 168800.0


def test_items_are_classified_by_the_service_lines_cpv_codes(world, concluded):
    release = latest(feed_package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60)), concluded.ocid)
    (item,) = release["tender"]["items"]
    assert item["classification"] == {"scheme": "CPV", "id": "72316000", "description": "Data analysis services"}
    assert item["additionalClassifications"] == [
        {"scheme": "XI-CX-SL", "id": "business-intelligence", "description": "Business intelligence and analytics"}
    ]


def test_a_service_line_refuses_cpv_codes_that_are_not_eight_digits_with_a_description(db):
    from django.core.exceptions import ValidationError

    from exchange.marketplace.catalogue.models import ServiceLine

    line = ServiceLine.objects.get(code="finance")
    for wrong in (
        [{"id": "79412000-5", "description": "Financial"}],
        [{"id": "79412000"}],
        "79412000",
        [{"id": "7941200", "description": "x"}],
    ):
        line.cpv = wrong
        with pytest.raises(ValidationError, match="8-digit id"):
            line.full_clean()
    line.cpv = [{"id": "79412000", "description": "Financial management consultancy services"}]
    line.full_clean()


def test_each_buyers_share_of_the_cost_is_published_and_the_amounts_total_the_award(world, concluded):
    release = latest(feed_package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60)), concluded.ocid)
    breakdown = release["planning"]["budget"]["budgetBreakdown"]
    shares = {entry["sourceParty"]["name"]: entry for entry in breakdown}
    # 172,000 and 250,000 people: 40.76% and 59.24% of the £168,800 award.
    assert shares["NHS Blackpool"]["amount"] == {"amount": 68802.88, "currency": "GBP"}
    assert shares["NHS Camden"]["amount"] == {"amount": 99997.12, "currency": "GBP"}
    assert "40.76% of the cost" in shares["NHS Blackpool"]["description"]
    assert sum(entry["amount"]["amount"] for entry in breakdown) == release["awards"][0]["value"]["amount"]
    parties = {party["id"] for party in release["parties"] if "sourceParty" in party["roles"]}
    assert {entry["sourceParty"]["id"] for entry in breakdown} == parties


def test_shares_are_published_without_amounts_before_there_is_a_value_to_share(world, joint):
    requirement, *_ = joint
    assert requirement.estimated_value is None
    (release,) = feed_package(BEFORE_BIDS_CLOSE)["releases"]
    breakdown = release["planning"]["budget"]["budgetBreakdown"]
    assert len(breakdown) == 2 and all("amount" not in entry for entry in breakdown)


def test_parties_are_identified_by_their_best_registered_identifier(world, concluded):
    from exchange.organisations.models import Organisation

    Organisation.objects.filter(pk=world.ours.pk).update(
        companies_house_number="01234567", charity_number="1123456", legal_name="Community Voice Partnership CIC"
    )
    Organisation.objects.filter(pk=world.theirs.pk).update(ppon="PABC-1234-DEFG", companies_house_number="SC123456")
    package = snapshot_package(concluded, AFTER_BIDS_CLOSE + datetime.timedelta(days=60))
    validate(package)
    (release,) = package["releases"]
    parties = {party["name"]: party for party in release["parties"]}
    ours, theirs = parties["Community Voice Partnership"], parties["Meridian Health Analytics Ltd"]
    assert ours["id"] == "GB-COH-01234567"
    assert ours["identifier"] == {
        "scheme": "GB-COH",
        "id": "01234567",
        "legalName": "Community Voice Partnership CIC",
    }
    assert ours["additionalIdentifiers"] == [
        {"scheme": "GB-CHC", "id": "1123456", "legalName": "Community Voice Partnership CIC"}
    ]
    assert theirs["id"] == "GB-PPON-PABC-1234-DEFG"
    assert [identifier["scheme"] for identifier in theirs["additionalIdentifiers"]] == ["GB-COH"]
    assert release["awards"][0]["suppliers"] == [{"id": "GB-COH-01234567", "name": "Community Voice Partnership"}]


def test_an_organisation_with_no_registered_identifier_keeps_one_stable_id_under_the_publishers_prefix(
    world, concluded, settings
):
    package = snapshot_package(concluded, AFTER_BIDS_CLOSE + datetime.timedelta(days=60))
    (release,) = package["releases"]
    ours = next(party for party in release["parties"] if party["name"] == "Community Voice Partnership")
    assert ours["id"] == f"{settings.OCDS_PREFIX}-org-{world.ours.pk}" and "identifier" not in ours
    world.ours.name, world.ours.slug = "Community Voice", "community-voice"
    world.ours.save()
    (again,) = snapshot_package(concluded, AFTER_BIDS_CLOSE + datetime.timedelta(days=60))["releases"]
    assert ours["id"] in {party["id"] for party in again["parties"]}


def test_registered_identifiers_are_refused_in_the_wrong_form(world):
    from django.core.exceptions import ValidationError

    for field, wrong in [
        ("companies_house_number", "1234567"),
        ("companies_house_number", "sc123456"),
        ("charity_number", "12345"),
        ("ppon", "PABC-1234-DEF1"),
        ("ppon", "ABCD-1234-EFGH"),
    ]:
        setattr(world.ours, field, wrong)
        with pytest.raises(ValidationError) as refused:
            world.ours.full_clean()
        assert field in refused.value.message_dict
        setattr(world.ours, field, None)


def test_bids_from_smes_are_counted_only_when_every_bidder_has_said_whether_it_is_one(world, concluded):
    from exchange.organisations.models import Organisation

    def sme_bids():
        (release,) = snapshot_package(concluded, AFTER_BIDS_CLOSE + datetime.timedelta(days=60))["releases"]
        return {s["measure"]: s["value"] for s in release["bids"]["statistics"]}.get("smeBids")

    assert sme_bids() is None
    Organisation.objects.filter(pk=world.ours.pk).update(is_sme=True)
    assert sme_bids() is None  # Meridian has not said
    Organisation.objects.filter(pk=world.theirs.pk).update(is_sme=False)
    assert sme_bids() == 1
    validate(snapshot_package(concluded, AFTER_BIDS_CLOSE + datetime.timedelta(days=60)))


def test_parties_give_their_region_and_the_procuring_entity_a_contact_point_for_questions(world, concluded):
    package = snapshot_package(concluded, AFTER_BIDS_CLOSE + datetime.timedelta(days=60))
    validate(package)
    parties = {party["name"]: party for party in package["releases"][0]["parties"]}
    blackpool, camden = parties["NHS Blackpool"], parties["NHS Camden"]
    assert blackpool["address"] == {"region": "North of England", "countryName": "United Kingdom"}
    assert camden["address"]["region"] == "London"
    assert blackpool["contactPoint"]["url"].endswith(f"/marketplace/requirements/{concluded.pk}/")
    assert "contactPoint" not in camden or camden["contactPoint"]["url"] == world.camden.website
