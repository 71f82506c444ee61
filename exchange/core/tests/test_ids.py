"""Numbers a visitor sends (ids, page numbers) are read one way everywhere: out of range or not plain digits is no
number, so it never reaches the database (SQLite cannot hold an integer past 2**63 - 1)."""

import pytest
from django.urls import resolve
from django.urls.exceptions import Resolver404

from exchange.core.ids import MAX_ID, IdListField, parse_id, parse_ids, whole_number

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value",
    ["", "0", "-1", "+1", " 1", "1 ", "1.0", "1e3", "²", "٣", "１", "\x00", str(MAX_ID + 1), "9" * 20, "0" * 25 + "1"],
)
def test_what_is_not_plain_digits_within_range_is_no_id(value):
    assert parse_id(value) is None


def test_a_list_or_nothing_is_no_id():
    assert parse_id(None) is None and parse_id(["1"]) is None and parse_id(1) is None


def test_the_largest_id_a_bigint_holds_is_an_id():
    assert parse_id(str(MAX_ID)) == MAX_ID and parse_id("007") == 7


def test_ids_keep_what_can_be_an_id_in_order():
    assert parse_ids(["3", "99999999999999999999", "x", "²", "1"]) == [3, 1]


def test_a_whole_number_keeps_to_its_bounds():
    assert whole_number("50", low=1, high=50) == 50
    assert whole_number("51", low=1, high=50) is None
    assert whole_number("0", low=1, high=50) is None


def test_an_id_list_field_refuses_the_whole_list_when_one_cannot_be_an_id():
    field = IdListField(required=False)
    assert field.clean(["1", "2"]) == [1, 2]
    assert field.clean([]) == []
    for bad in (["1", "99999999999999999999"], ["²"], ["-4"]):
        with pytest.raises(Exception, match="Choose from the list shown"):
            field.clean(bad)


def test_a_path_id_out_of_range_matches_no_page():
    assert resolve("/marketplace/requirements/12/").kwargs == {"pk": 12}
    for path in ("/marketplace/requirements/99999999999999999999/", "/plans/0/", "/marketplace/offerings/²/"):
        with pytest.raises(Resolver404):
            resolve(path)


def test_a_page_with_an_id_out_of_range_is_a_friendly_404(client):
    response = client.get("/marketplace/requirements/99999999999999999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
