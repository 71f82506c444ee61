"""Reading the published releases: by date for the feed, by process for records, a page at a time at a cost that
does not grow with the page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exchange.marketplace.procurement.selectors import releases
from exchange.marketplace.procurement.tests.factories import RequirementFactory
from exchange.marketplace.procurement.tests.ocds_schema import record_package_errors
from exchange.marketplace.procurement.tests.procurement_flow import DRAFTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_published(world):
    return [
        RequirementFactory(
            lead=world.blackpool,
            owner=world.lead,
            title=f"Requirement {n}",
            published=DRAFTED + datetime.timedelta(days=n),
        )
        for n in range(5)
    ]


def test_processes_are_listed_first_published_first_once_each_whatever_their_number_of_releases(five_published):
    from exchange.marketplace.procurement.models import ReleaseEvent
    from exchange.marketplace.procurement.services.releases import release_record

    first = five_published[0]
    release_record(requirement=first, event=ReleaseEvent.ANSWERED, now=DRAFTED + datetime.timedelta(days=6))
    assert list(releases.processes_changed()) == [requirement.ocid for requirement in five_published]
    since = DRAFTED + datetime.timedelta(days=3)
    assert list(releases.processes_changed(since=since)) == [first.ocid, five_published[3].ocid, five_published[4].ocid]
    assert [len(rows) for rows in releases.releases_of([first.ocid]).values()] == [2]


def test_a_page_of_records_costs_the_same_queries_whatever_its_size(client, five_published):
    counts = []
    for limit in (1, 4):
        with CaptureQueriesContext(connection) as queries:
            package = client.get("/ocds/records.json", {"limit": limit}).json()
        assert len(package["records"]) == limit and package["links"]["next"].endswith(f"limit={limit}&page=2")
        assert record_package_errors(package) == []
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_last_page_of_records_has_no_next_link(client, five_published):
    package = client.get("/ocds/records.json", {"limit": 2, "page": 3}).json()
    assert [record["compiledRelease"]["tender"]["title"] for record in package["records"]] == ["Requirement 4"]
    assert "links" not in package


def test_an_unknown_process_has_no_record_but_a_json_problem(client, five_published):
    response = client.get(f"/ocds/records/{five_published[0].ocid}9.json")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
