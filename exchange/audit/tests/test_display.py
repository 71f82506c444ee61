"""An event's details as people read them: "Key: value" lines, nothing for no details, never JSON."""

from exchange.audit.display import details_lines


def test_empty_details_show_nothing():
    assert details_lines({}) == []
    assert details_lines(None) == []


def test_each_entry_is_a_line_with_its_key_in_words():
    details = {"ocid": "ocds-cx0000-000002", "providers_told": 2, "commissioner": "NHS Fylde & Wyre"}
    assert details_lines(details) == ["OCID: ocds-cx0000-000002", "Providers told: 2", "Commissioner: NHS Fylde & Wyre"]


def test_yes_no_lists_and_nested_entries_read_as_words():
    details = {"account_exists": False, "roles": ["buyer", "evaluator"], "counts": {"added": 3}, "note": None}
    assert details_lines(details) == ["Account exists: no", "Roles: buyer, evaluator", "Counts: Added: 3", "Note: none"]


def test_a_long_list_shows_its_first_ten_and_how_many_more():
    assert details_lines({"offerings": list(range(1, 14))}) == ["Offerings: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 3 more"]
