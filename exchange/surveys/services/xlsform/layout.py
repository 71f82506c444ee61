"""How an XLSForm's groups become our sections, and what in a question's cells we refuse rather than drop: small
rules the reader applies, kept apart so that each has its own tests."""

import re

from django.utils.text import slugify

from exchange.core.spreadsheets import unescape_cell

from ...choice_filters import parse_choice_filter
from .spec import UNSUPPORTED_BIND

# Choice columns with a meaning of their own; any other column of a choice is something a choice filter can match
CHOICE_COLUMNS = {"name", "label", "media", "image", "audio", "video", "positive", "exclude_from_base"}

SECTION_TITLE_MAX = 200  # Section.title
SECTION_CODE_MAX = 64  # Section.code
MAX_GROUP_DEPTH = 10
REFERENCE = re.compile(r"\$\{[^}]*\}")
# Question columns that change what a respondent sees or how the form behaves, which we do not carry out
UNSUPPORTED_COLUMNS = {
    "media": "images, audio and video in questions and choices are not supported",
    "guidance_hint": "guidance hints are not supported",
    "trigger": "triggers are not supported",
}


def section_code(group: str | None, taken: set[str]) -> str:
    """A slug for a section that no other section of the form has: the group's name where it can be, else the
    name (or "part") with a number."""
    stem = slugify(group or "")[: SECTION_CODE_MAX - 6].strip("-") or "part"
    if group and stem not in taken:
        return stem
    number = len(taken) + 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def section_title(outer: str | None, label: str) -> str:
    """A group inside a group is titled after both while that fits; else after itself."""
    both = f"{outer}: {label}" if outer else label
    return both if len(both) <= SECTION_TITLE_MAX else label


def unsupported_content(node: dict, bind: dict, label: str, hint: str) -> list[str]:
    """Reasons to refuse a question for what its cells ask that this importer would otherwise drop, one each."""
    reasons = [reason for attribute, reason in UNSUPPORTED_BIND.items() if bind.get(attribute)]
    reasons += [reason for column, reason in UNSUPPORTED_COLUMNS.items() if node.get(column)]
    if REFERENCE.search(label) or REFERENCE.search(hint):
        reasons.append("answers shown inside a label or hint (${…}) are not supported")
    return reasons


def choice_filter_of(expression: str, earlier: set[str] | None) -> tuple[list[tuple[str, str]], list[str]]:
    """A question's `choice_filter` as (column, question) pairs on `earlier` questions, and the reasons to refuse
    it (`earlier` None: where a filter cannot be carried out at all, such as a grid)."""
    if earlier is None:
        return [], ["choice filters are not supported on grids"]
    try:
        pairs = parse_choice_filter(expression)
    except ValueError as error:
        return [], [str(error)]
    later = [source for _, source in pairs if source not in earlier]
    if later:
        return [], [f"choice filter refers to {later[0]!r}, which is not an earlier question"]
    return pairs, []


def option_filters(choice: dict) -> tuple[tuple[str, str], ...]:
    """The columns of a choice a cascading question's filter can match (its extra columns on the choices sheet)."""
    return tuple(
        sorted(
            (str(key), unescape_cell(str(value)))
            for key, value in choice.items()
            if key not in CHOICE_COLUMNS and value != ""
        )
    )
