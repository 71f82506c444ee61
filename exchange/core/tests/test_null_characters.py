"""A NUL character in a page's path or posted form is refused once, before any view: PostgreSQL cannot take one
in text (the page fuzzer found /ocds/records/%00.json answering 500 there, while SQLite found nothing), and no text of
the service holds one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/ocds/records/%00.json", "/surveys/respond/%00/", "/accounts/invitations/a%00b/", "/%00/"],
)
def test_a_nul_in_the_path_is_a_400_page(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "The request could not be read" in response.content.decode()


def test_a_query_string_is_left_to_the_views_and_the_api_to_its_schema(client):
    assert client.get("/marketplace/", {"q": "a\x00b"}).status_code == 200  # the search drops control characters
    assert client.get("/api/offerings", {"q": "\x00"}).status_code == 200


def test_a_client_that_does_not_take_html_is_given_a_json_problem(client):
    response = client.get("/ocds/records/%00.json", headers={"Accept": "application/json"})
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 400


def test_a_nul_in_a_posted_form_field_is_a_400_before_anything_is_read(client):
    response = client.post(
        "/accounts/sign-in/", "email=a%00b&password=x", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_a_file_may_hold_nul_bytes_the_middleware_leaves_uploads_to_their_views(client):
    upload = SimpleUploadedFile("data.csv", b"a,b\n\x00\x00,1\n")
    response = client.post("/accounts/sign-in/", {"email": "someone@example.nhs.uk", "password": "x", "file": upload})
    assert response.status_code != 400 or "could not be read" not in response.content.decode()
