"""OCDS releases, checked against the official 1.1.5 schemas (data/ocds/, offline, with format checking and the
declared extensions merged in) at every stage of a procurement, and for the demo."""

import copy
import datetime
import json

import pytest
from django.core.management import call_command

from exchange.marketplace.procurement.ocds import published_requirements, release_package
from exchange.marketplace.procurement.tests.ocds_schema import EXTENSIONS, package_errors
from exchange.marketplace.procurement.tests.procurement_flow import AFTER_BIDS_CLOSE, BEFORE_BIDS_CLOSE, DRAFTED

pytestmark = pytest.mark.django_db


def validate(package: dict) -> None:
    assert package_errors(package) == []
    parties = {party["id"] for release in package["releases"] for party in release.get("parties", [])}
    for release in package["releases"]:
        references = [release["buyer"], release["tender"]["procuringEntity"], *release["tender"].get("tenderers", [])]
        references += [supplier for award in release.get("awards", []) for supplier in award["suppliers"]]
        assert {reference["id"] for reference in references} <= parties, "every organisation reference is a party"


def _package(now: datetime.datetime) -> dict:
    # through JSON, as a reader gets it (dates and decimals as the feed writes them)
    package = release_package(published_requirements(), uri_path="/ocds/releases.json", now=now)
    return json.loads(json.dumps(package, default=str))


@pytest.mark.parametrize(
    "stage, moment",
    [
        ("joint", DRAFTED + datetime.timedelta(hours=1)),
        ("joint", BEFORE_BIDS_CLOSE),
        ("evaluated", BEFORE_BIDS_CLOSE),
        ("evaluated", AFTER_BIDS_CLOSE),
        ("concluded", AFTER_BIDS_CLOSE + datetime.timedelta(days=60)),
    ],
)
def test_every_stage_of_a_joint_procurement_publishes_a_package_that_meets_the_official_schema(
    request, world, stage, moment
):
    request.getfixturevalue(stage)
    package = _package(moment)
    assert len(package["releases"]) == 1
    validate(package)


def test_the_demo_publishes_a_package_that_meets_the_official_schema():
    from exchange.demo.services import demo_load

    demo_load()
    package = _package(datetime.datetime.now(tz=datetime.UTC))
    assert len(package["releases"]) == 2
    validate(package)


@pytest.mark.parametrize(
    "break_it, where",
    [
        (lambda package: package["releases"][0].update(tag=["bidding"]), "tag"),  # a closed codelist
        (lambda package: package["releases"][0].update(date="29 November"), "date"),  # date-time format
        (lambda package: package["releases"][0].pop("ocid"), "ocid"),
        (lambda package: package.update(publicationPolicy="not a uri"), "publicationPolicy"),  # uri format
        (lambda package: package["releases"][0]["tender"].update(status="open"), "tender/status"),
        (lambda package: package["releases"][0]["awards"][0].update(status="won"), "awards"),
    ],
)
def test_the_official_schema_refuses_a_package_broken_in_any_of_these_ways(world, concluded, break_it, where):
    package = _package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60))
    assert package_errors(package) == []
    broken = copy.deepcopy(package)
    break_it(broken)
    errors = package_errors(broken)
    assert errors and any(where.split("/")[0] in error for error in errors), errors


def test_a_declared_extension_is_merged_into_the_schema_and_an_unknown_one_is_refused(world, concluded):
    package = _package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60))
    bid_extension = next(url for url, folder in EXTENSIONS.items() if folder == "bid")
    package["extensions"] = [bid_extension]
    package["releases"][0]["bids"] = {"statistics": [{"id": "1", "measure": "bids", "value": 2}]}
    assert package_errors(package) == []
    package["releases"][0]["bids"]["statistics"][0]["measure"] = "not-a-measure"
    package["releases"][0]["bids"]["statistics"][0]["value"] = "two"
    assert package_errors(package)
    package["extensions"] = ["https://example.com/unknown/extension.json"]
    with pytest.raises(AssertionError, match="does not hold"):
        package_errors(package)


def test_a_concluded_joint_procurement_is_a_valid_release_with_tender_award_and_contract(client, world, concluded):
    package = client.get(f"/ocds/releases/{concluded.ocid}.json").json()
    validate(package)
    (release,) = package["releases"]
    assert release["tag"] == ["award", "contract"]
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


def test_the_feed_is_open_to_any_sites_scripts(client, world, concluded):
    for url in ("/ocds/releases.json", f"/ocds/releases/{concluded.ocid}.json"):
        response = client.get(url)
        assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
        assert response["Content-Type"] == "application/json"


def test_an_unknown_ocid_is_a_json_problem_not_a_page(client, world, concluded):
    response = client.get(f"/ocds/releases/{concluded.ocid}9.json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    problem = response.json()
    assert problem["status"] == 404 and problem["title"] == "No published release has that ocid"
    assert "/ocds/releases.json" in problem["detail"]


def test_bid_statistics_are_published_with_the_award_and_never_while_bids_are_sealed(world, evaluated):
    for moment in (BEFORE_BIDS_CLOSE, AFTER_BIDS_CLOSE):
        (release,) = _package(moment)["releases"]
        assert "bids" not in release


def test_bid_statistics_count_the_bids_and_give_the_lowest_and_highest_whole_term_value(world, concluded):
    package = _package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60))
    validate(package)
    (release,) = package["releases"]
    statistics = {statistic["measure"]: statistic for statistic in release["bids"]["statistics"]}
    assert statistics["bids"]["value"] == 2
    # £0.32 and £0.40 per head × (172,000 + 250,000) people × 12 months of 12.
    assert (statistics["lowestValidBidValue"]["value"], statistics["lowestValidBidValue"]["currency"]) == (
        135040.0,
        "GBP",
    )
    assert statistics["highestValidBidValue"]["value"] == 168800.0


def test_items_are_classified_by_the_service_lines_cpv_codes(world, concluded):
    (release,) = _package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60))["releases"]
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
    (release,) = _package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60))["releases"]
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
    (release,) = _package(BEFORE_BIDS_CLOSE)["releases"]
    breakdown = release["planning"]["budget"]["budgetBreakdown"]
    assert len(breakdown) == 2 and all("amount" not in entry for entry in breakdown)


@pytest.fixture
def four_published(world):
    """Four published requirements of NHS Blackpool's, a day apart in publication."""
    from exchange.marketplace.procurement.tests.factories import RequirementFactory

    return [
        RequirementFactory(
            lead=world.blackpool,
            owner=world.lead,
            title=f"Requirement {n}",
            published=DRAFTED + datetime.timedelta(days=n),
        )
        for n in range(4)
    ]


def test_the_feed_is_paged_with_a_next_link_until_the_last_page(client, four_published):
    first = client.get("/ocds/releases.json", {"limit": 3}).json()
    assert [release["tender"]["title"] for release in first["releases"]] == [f"Requirement {n}" for n in range(3)]
    assert first["links"]["next"].endswith("/ocds/releases.json?limit=3&page=2")
    validate(first)
    second = client.get("/ocds/releases.json", {"limit": 3, "page": 2}).json()
    assert [release["tender"]["title"] for release in second["releases"]] == ["Requirement 3"]
    assert "links" not in second


def test_since_and_until_keep_the_releases_dated_between_them(client, four_published):
    from exchange.marketplace.procurement.models import Requirement

    later = four_published[2]
    Requirement.objects.filter(pk=later.pk).update(updated_at=AFTER_BIDS_CLOSE)
    since = client.get("/ocds/releases.json", {"since": BEFORE_BIDS_CLOSE.isoformat()}).json()
    assert [release["ocid"] for release in since["releases"]] == [later.ocid]
    until = client.get("/ocds/releases.json", {"until": BEFORE_BIDS_CLOSE.isoformat()}).json()
    assert later.ocid not in [release["ocid"] for release in until["releases"]]
    assert len(until["releases"]) == 3


@pytest.mark.parametrize(
    "query, says",
    [
        ({"since": "yesterday"}, "since must be a date and time"),
        ({"until": "2026-11-29T12:00:00"}, "until must be a date and time with its zone"),
        ({"page": "0"}, "page must be a whole number"),
        ({"limit": "501"}, "limit must be a whole number from 1 to 500"),
        ({"limit": "-1"}, "limit must be a whole number"),
    ],
)
def test_a_wrong_query_is_a_json_problem(client, query, says):
    response = client.get("/ocds/releases.json", query)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert says in response.json()["detail"] and response["Access-Control-Allow-Origin"] == "*"


def test_a_page_of_releases_costs_the_same_queries_whatever_its_size(client, world, concluded, four_published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for limit in (1, 5):
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get("/ocds/releases.json", {"limit": limit}).json()["releases"]) == limit
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_package_points_at_a_publication_policy_that_says_what_is_published_and_when(client, world, concluded):
    package = client.get("/ocds/releases.json").json()
    assert package["publicationPolicy"].endswith("/ocds/")
    page = client.get("/ocds/")
    text = page.content.decode()
    assert page.status_code == 200 and "Open contracting data: publication policy" in text
    assert "sealed until then" in text and "Open Government Licence" in text
    assert "ocds_bid_extension" in text and "ocds_budget_breakdown_extension" in text


def test_parties_are_identified_by_their_best_registered_identifier(world, concluded):
    from exchange.organisations.models import Organisation

    Organisation.objects.filter(pk=world.ours.pk).update(
        companies_house_number="01234567", charity_number="1123456", legal_name="Community Voice Partnership CIC"
    )
    Organisation.objects.filter(pk=world.theirs.pk).update(ppon="PABC-1234-DEFG", companies_house_number="SC123456")
    package = _package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60))
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
    package = _package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60))
    (release,) = package["releases"]
    ours = next(party for party in release["parties"] if party["name"] == "Community Voice Partnership")
    assert ours["id"] == f"{settings.OCDS_PREFIX}-org-{world.ours.pk}" and "identifier" not in ours
    world.ours.name, world.ours.slug = "Community Voice", "community-voice"
    world.ours.save()
    (again,) = _package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60))["releases"]
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
