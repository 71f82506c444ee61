"""The release feed as a data user meets it: open to any site (CORS), JSON problems, pages with next links, date
filters, a bounded number of queries per page, the export command, the publication policy."""

import datetime
import json

import pytest
from django.core.management import call_command

from exchange.marketplace.procurement.tests.ocds_schema import validate
from exchange.marketplace.procurement.tests.procurement_flow import DRAFTED

pytestmark = pytest.mark.django_db


def test_the_export_command_writes_every_release_the_feed_serves(tmp_path, client, world, concluded):
    output = tmp_path / "releases.json"
    call_command("export_ocds", "--output", str(output))
    package = json.loads(output.read_text())
    validate(package)
    assert [release["tag"] for release in package["releases"]] == [
        ["tender"],
        ["tenderUpdate"],
        ["award"],
        ["awardUpdate", "contract"],
    ]
    assert package["releases"] == client.get("/ocds/releases.json").json()["releases"]


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


def test_since_and_until_keep_the_releases_published_between_them(client, four_published):
    third = (DRAFTED + datetime.timedelta(days=2)).isoformat()
    since = client.get("/ocds/releases.json", {"since": third}).json()
    assert [release["tender"]["title"] for release in since["releases"]] == ["Requirement 2", "Requirement 3"]
    until = client.get("/ocds/releases.json", {"until": third}).json()
    assert [release["tender"]["title"] for release in until["releases"]] == ["Requirement 0", "Requirement 1"]
    validate(since)


@pytest.mark.parametrize(
    "query, says",
    [
        ({"since": "yesterday"}, "since must be a date and time"),
        ({"until": "2026-11-29T12:00:00"}, "until must be a date and time with its zone"),
        ({"page": "0"}, "page must be a whole number"),
        ({"limit": "501"}, "limit must be a whole number from 1 to 500"),
        ({"limit": "-1"}, "limit must be a whole number"),
        ({"page": "²"}, "page must be a whole number"),  # str.isdigit() says yes; int() says no
        ({"page": "9" * 5000}, "page must be a whole number"),
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


def test_the_policy_says_that_nothing_published_changes_and_where_the_records_are(client):
    text = client.get("/ocds/").content.decode()
    assert "byte for byte" in text and "/ocds/records.json" in text and "contractTermination" in text


def test_the_readme_documents_the_feed_for_a_data_user():
    from pathlib import Path

    from django.conf import settings

    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    for said in (
        "/ocds/releases.json",
        "/ocds/releases/<ocid>.json",
        "/ocds/records.json",
        "/ocds/records/<ocid>.json",
        "`limit`",
        "`page`",
        "`since`",
        "`until`",
        "links.next",
        "bid extension",
        "budget",
        "Open Government Licence",
        "publish_due_releases",
    ):
        assert said in readme, said
