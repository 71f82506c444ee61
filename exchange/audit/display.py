"""The audit log's details as people read them: one line "Key: value" per entry of an event's details."""

from typing import Any

LONGEST_LIST = 10
KEY_LABELS = {"ocid": "OCID"}


def details_lines(details: dict | None) -> list[str]:
    """Each entry of `details` as a line of text; none for empty details."""
    return [f"{_key(key)}: {_value(value)}" for key, value in (details or {}).items()]


def _key(key: str) -> str:
    return KEY_LABELS.get(key, key.replace("_", " ").capitalize())


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "" or value == [] or value == {}:
        return "none"
    if isinstance(value, dict):
        return "; ".join(f"{_key(str(key))}: {_value(part)}" for key, part in value.items())
    if isinstance(value, list | tuple):
        shown = ", ".join(_value(part) for part in value[:LONGEST_LIST])
        more = len(value) - LONGEST_LIST
        return f"{shown} and {more} more" if more > 0 else shown
    return str(value)
