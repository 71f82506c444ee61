"""The sample frame of a wave: contacts from a CSV file or from registry memberships."""

import csv
import io
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from exchange.accounts.models import Membership
from exchange.organisations.models import Organisation

from ..models import Contact, Wave

REQUIRED_COLUMNS = ["name", "email", "role", "organisation_code"]


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class ContactImportError(Exception):
    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class ContactImportResult:
    added: int
    merged: int


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


@transaction.atomic
def contacts_import_csv(*, wave: Wave, data: bytes) -> ContactImportResult:
    """Columns name, email, role, organisation_code (ODS code). Every bad row is reported with its line and
    nothing is imported; rows repeating an email are merged into one contact (the later row wins)."""
    reader = csv.DictReader(io.StringIO(_decode(data), newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ContactImportError([RowProblem(1, f"missing column(s): {', '.join(missing)}")])
    reader.fieldnames = header
    organisations = {org.ods_code.upper(): org for org in Organisation.objects.exclude(ods_code=None)}
    rows: dict[str, dict] = {}
    problems: list[RowProblem] = []
    merged = 0
    for row in reader:
        line = reader.line_num
        values = {name: (row.get(name) or "").strip() for name in REQUIRED_COLUMNS}
        if not any(values.values()):
            continue
        reasons = []
        if not values["name"]:
            reasons.append("name is empty")
        try:
            validate_email(values["email"])
        except ValidationError:
            reasons.append(f"email {values['email']!r} is not a valid address" if values["email"] else "email is empty")
        organisation = organisations.get(values["organisation_code"].upper())
        if organisation is None:
            code = values["organisation_code"]
            reasons.append(f"organisation code {code!r} is unknown" if code else "organisation_code is empty")
        if reasons:
            problems.append(RowProblem(line, "; ".join(reasons)))
            continue
        email = values["email"].lower()
        if email in rows:
            merged += 1
        rows[email] = {"full_name": values["name"], "role": values["role"], "organisation": organisation}
    if problems:
        raise ContactImportError(problems)
    if not rows:
        raise ContactImportError([RowProblem(2, "the file has no contacts")])
    existing = {contact.email: contact for contact in wave.contacts.filter(email__in=rows)}
    added = 0
    for email, values in rows.items():
        contact = existing.get(email)
        if contact is None:
            Contact.objects.create(wave=wave, email=email, token=new_token(), **values)
            added += 1
        else:
            for name, value in values.items():
                setattr(contact, name, value)
            contact.save(update_fields=list(values))
            merged += 1
    return ContactImportResult(added=added, merged=merged)


@transaction.atomic
def contacts_add_from_memberships(*, wave: Wave, organisations, roles: list[str]) -> int:
    """Add every member holding one of `roles` in `organisations`; people already in the frame are left as they are."""
    memberships = (
        Membership.objects.filter(organisation__in=organisations, roles__role__in=roles)
        .select_related("user", "organisation")
        .prefetch_related("roles")
        .distinct()
    )
    known = set(wave.contacts.values_list("email", flat=True))
    added = 0
    for membership in memberships:
        email = membership.user.email.lower()
        if email in known:
            continue
        role = next((code for code in membership.role_codes if code in roles), "")
        Contact.objects.create(
            wave=wave,
            email=email,
            full_name=membership.user.full_name,
            role=role,
            organisation=membership.organisation,
            token=new_token(),
        )
        known.add(email)
        added += 1
    return added
