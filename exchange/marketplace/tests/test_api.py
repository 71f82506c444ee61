import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate as validate_openapi

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(world):
    """The API served through Django's own WSGI handler. Like Django's test client, it must not close the
    database connection at the end of each request, or the test's transaction would go with it."""
    world.offering(title="Searchable BI")
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_the_openapi_document_is_valid(client):
    document = client.get("/api/openapi.json").json()
    validate_openapi(document)
    assert set(document["paths"]) == {
        "/api/offerings",
        "/api/offerings/{offering_id}",
        "/api/requirements",
        "/api/requirements/{requirement_id}",
        "/api/awards",
    }


def test_no_request_the_schema_allows_makes_a_server_error(api_schema):
    """Schemathesis draws requests from the OpenAPI document for every operation; none may fail with a 5xx or
    answer outside its documented responses."""
    checked = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call()
            assert response.status_code < 500, response.text
            case.validate_response(response)

        check()
        checked += 1
    assert checked == 5


def test_errors_are_json_problems(client):
    response = client.get("/api/offerings/0")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404
    invalid = client.get("/api/offerings", {"page": "zero"})
    assert invalid.status_code == 422 and invalid.json()["title"] == "The request is not valid"


def test_the_api_shows_published_offerings_and_a_concluded_award(client, world, concluded):
    offerings = client.get("/api/offerings", {"q": "business"}).json()
    assert offerings["count"] == 2 and {o["provider"]["name"] for o in offerings["results"]} == {
        "Community Voice Partnership",
        "Meridian Health Analytics Ltd",
    }
    (award,) = client.get("/api/awards").json()
    assert (award["supplier"], award["final"], award["ocid"]) == ("Community Voice Partnership", True, concluded.ocid)
