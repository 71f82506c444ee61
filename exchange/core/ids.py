"""Numbers taken from a visitor (an id in a path, a query string or a form; a page number): read in one way
everywhere, so that a number out of range is refused as bad input (a 404 or a form error) and never reaches the
database, where SQLite cannot even hold it ("Python int too large to convert to SQLite INTEGER")."""

import re

from django import forms
from django.core.exceptions import ValidationError

# The largest primary key either database holds (a signed 64-bit integer: BigAutoField on PostgreSQL and SQLite).
MAX_ID = 2**63 - 1

_DIGITS = re.compile(r"[0-9]{1,19}")  # ASCII digits only: "²" and "٣" pass str.isdigit() and break int() or mislead


def whole_number(value: object, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """The whole number `value` spells in plain digits, when it lies from `low` to `high`; None for anything else
    (empty, a sign, spaces, other scripts' digits, a fraction, a number out of range, not a string at all)."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if low <= number <= high else None


def parse_id(value: object) -> int | None:
    """An id as a visitor sent it, or None when it cannot be one."""
    return whole_number(value)


def parse_ids(values: list[str]) -> list[int]:
    """The ids among `values`, in their order; what cannot be an id is dropped."""
    return [number for number in map(parse_id, values) if number is not None]


class IdListField(forms.Field):
    """Several ids posted under one name (hidden inputs): a list of ints, refused whole when one cannot be an id."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": "Choose from the list shown"}

    def to_python(self, value):
        if value in self.empty_values:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        ids = [parse_id(item) for item in values]
        if None in ids:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return ids


class IdConverter:
    """`<id:pk>` in a URL: a whole number that can be an id, so a longer one is a 404 before any view runs."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # Django's resolver takes a ValueError as "this pattern does not match"
        return number

    def to_url(self, value) -> str:
        return str(value)
