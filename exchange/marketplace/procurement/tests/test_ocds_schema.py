"""The open data meets the official OCDS 1.1.5 schemas (data/ocds/, offline, with format checking and the
declared extensions merged in) at every stage of a procurement and for the demo, and the check is not vacuous."""

import copy
import datetime

import pytest
from django.test import Client

from exchange.marketplace.procurement.ocds_schema import VENDORED_EXTENSIONS
from exchange.marketplace.procurement.tests.ocds_schema import (
    feed_package,
    package_errors,
    record_package_errors,
    validate,
)
from exchange.marketplace.procurement.tests.procurement_flow import AFTER_BIDS_CLOSE, BEFORE_BIDS_CLOSE, DRAFTED

pytestmark = pytest.mark.django_db


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
def test_every_stage_of_a_joint_procurement_publishes_releases_and_records_that_meet_the_official_schema(
    request, client, world, stage, moment
):
    requirement = request.getfixturevalue(stage)
    requirement = requirement[0] if isinstance(requirement, tuple) else requirement
    package = feed_package(moment)
    assert {release["ocid"] for release in package["releases"]} == {requirement.ocid}
    validate(package)
    records = client.get("/ocds/records.json").json()
    assert len(records["records"]) == 1 and record_package_errors(records) == []


def test_the_demo_publishes_a_package_that_meets_the_official_schema():
    from exchange.demo.services import demo_load

    demo_load()
    package = feed_package(datetime.datetime.now(tz=datetime.UTC))
    assert len({release["ocid"] for release in package["releases"]}) == 2
    validate(package)
    records = Client().get("/ocds/records.json").json()
    assert len(records["records"]) == 2 and record_package_errors(records) == []


@pytest.mark.parametrize(
    "break_it, where",
    [
        (lambda package: package["releases"][0].update(tag=["bidding"]), "tag"),  # a closed codelist
        (lambda package: package["releases"][0].update(date="29 November"), "date"),  # date-time format
        (lambda package: package["releases"][0].pop("ocid"), "ocid"),
        (lambda package: package.update(publicationPolicy="not a uri"), "publicationPolicy"),  # uri format
        (lambda package: package["releases"][0]["tender"].update(status="open"), "tender/status"),
        (lambda package: package["releases"][-1]["awards"][0].update(status="won"), "awards"),
    ],
)
def test_the_official_schema_refuses_a_package_broken_in_any_of_these_ways(world, concluded, break_it, where):
    package = feed_package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60))
    assert package_errors(package) == []
    broken = copy.deepcopy(package)
    break_it(broken)
    errors = package_errors(broken)
    assert errors and any(where.split("/")[0] in error for error in errors), errors


def test_a_declared_extension_is_merged_into_the_schema_and_an_unknown_one_is_refused(world, concluded):
    package = feed_package(AFTER_BIDS_CLOSE + datetime.timedelta(days=60))
    bid_extension = next(url for url, folder in VENDORED_EXTENSIONS.items() if folder == "bid")
    package["extensions"] = [bid_extension]
    package["releases"][0]["bids"] = {"statistics": [{"id": "1", "measure": "bids", "value": 2}]}
    assert package_errors(package) == []
    package["releases"][0]["bids"]["statistics"][0]["measure"] = "not-a-measure"
    package["releases"][0]["bids"]["statistics"][0]["value"] = "two"
    assert package_errors(package)
    package["extensions"] = ["https://example.com/unknown/extension.json"]
    with pytest.raises(ValueError, match="does not hold"):
        package_errors(package)
