"""How an XLSForm's groups become our sections, and what in a question's cells we refuse rather than drop: small
rules the reader applies, kept apart so that each has its own tests."""

import re

from django.utils.text import slugify

from .spec import UNSUPPORTED_BIND

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
