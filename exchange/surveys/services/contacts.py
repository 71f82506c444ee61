"""The sample frame of a wave: contacts from a CSV file or from registry memberships.

A submitted response copies its contact's organisation and role, and results are broken down by them; so a frame
that could take free-text roles, or change once answers arrive, could put one person in a group of their own. The
frame therefore takes registry roles only, people of the organisations the series surveys only
(`permissions.in_population`), and is fixed once the wave opens. Every change, accepted or refused, is audited with
counts only: never a contact's name or address."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from exchange.accounts.models import Role, User
from exchange.accounts.selectors import memberships_with_role
from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError
from exchange.core.uploads import csv_bounds_checked
from exchange.organisations.models import Organisation, OrganisationKind

from .. import permissions
from ..models import Contact, Wave

REQUIRED_COLUMNS = ["name", "email", "role", "organisation_code"]
# Bounds counted before any row is read for its meaning: a sample frame is a few hundred to a few thousand people
MAX_ROWS = 10_000
MAX_COLUMNS = 20

FRAME_LOCKED = (
    "This wave is open or closed, so its sample frame can no longer change: add contacts before opening a wave. "
    "Copy it to a new wave to survey other people."
)
OUTSIDE_POPULATION = "This survey covers {kinds} only: people of other organisations cannot join its sample frame."
ROLE_NOT_OFFERED = "People cannot be added from the registry by the role {role}."
NO_ROLES = "Select at least one role."
ROW_ROLE_EMPTY = "role is empty"
ROW_ROLE_UNKNOWN = "role {role!r} is not a registry role (give one of: {roles})"
ROW_OUTSIDE_POPULATION = "organisation code {code!r} is a {kind}, which this survey does not cover"

ROLE_LABELS = [str(role.label) for role in Role]
_ROLES_BY_NAME = {name.lower(): role.value for role in Role for name in (role.value, role.label)}


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


def role_from_text(text: str) -> str | None:
    """The registry role named by its code or its label, in any case; None for anything else."""
    return _ROLES_BY_NAME.get(text.strip().lower())


def _kind_name(kind: str) -> str:
    label = str(OrganisationKind(kind).label)
    return label[:1].lower() + label[1:]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _ensure_frame_open(wave: Wave) -> None:
    """Refuse once the wave has left draft. The row lock makes a concurrent `wave_open` wait for this change."""
    if Wave.objects.select_for_update().only("status").get(pk=wave.pk).is_locked:
        raise ApplicationError(FRAME_LOCKED, extra={"reason": "wave_locked"})


def _audit(*, action: str, wave: Wave, actor: User | None, details: dict) -> None:
    audit_event_record(action=action, actor=actor, target=wave, organisation=wave.series.owner, details=details)


def contacts_import_csv(*, wave: Wave, data: bytes, actor: User | None) -> ContactImportResult:
    """Columns name, email, role, organisation_code (ODS code). The role is a registry role, by code or label in any
    case; the organisation is one the series surveys. Every bad row is reported with its line and nothing is
    imported; rows repeating an email are merged into one contact (the later row wins). Refused with FRAME_LOCKED
    once the wave has opened.

    Not atomic as a whole: the audit event of a refusal must survive the error raised."""
    try:
        result = _import_csv(wave=wave, data=data, actor=actor)
    except ContactImportError as error:
        lines = [problem.line for problem in error.problems]
        details = {"reason": "invalid_rows", "problems": len(lines), "lines": lines[:50]}
        _audit(action=AuditAction.SURVEY_CONTACTS_IMPORT_REFUSED, wave=wave, actor=actor, details=details)
        raise
    except ApplicationError as error:
        details = {"reason": error.extra.get("reason", "refused")}
        _audit(action=AuditAction.SURVEY_CONTACTS_IMPORT_REFUSED, wave=wave, actor=actor, details=details)
        raise
    return result


@transaction.atomic
def _import_csv(*, wave: Wave, data: bytes, actor: User | None) -> ContactImportResult:
    _ensure_frame_open(wave)
    text = _decode(data)
    csv_bounds_checked(text, max_rows=MAX_ROWS + 1, max_columns=MAX_COLUMNS)  # the header is a row
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ContactImportError([RowProblem(1, f"missing column(s): {', '.join(missing)}")])
    reader.fieldnames = header
    organisations = {(org.ods_code or "").upper(): org for org in Organisation.objects.exclude(ods_code=None)}
    role_names = ", ".join(ROLE_LABELS)
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
        role = role_from_text(values["role"])
        if role is None:
            given = values["role"]
            reasons.append(ROW_ROLE_UNKNOWN.format(role=given, roles=role_names) if given else ROW_ROLE_EMPTY)
        code = values["organisation_code"]
        organisation = organisations.get(code.upper())
        if organisation is None:
            reasons.append(f"organisation code {code!r} is unknown" if code else "organisation_code is empty")
        elif not permissions.in_population(series=wave.series, organisation=organisation):
            reasons.append(ROW_OUTSIDE_POPULATION.format(code=code, kind=_kind_name(organisation.kind)))
        if reasons:
            problems.append(RowProblem(line, "; ".join(reasons)))
            continue
        email = values["email"].lower()
        if email in rows:
            merged += 1
        rows[email] = {"full_name": values["name"], "role": role, "organisation": organisation}
    if problems:
        raise ContactImportError(problems)
    if not rows:
        raise ContactImportError([RowProblem(2, "the file has no contacts")])
    existing = {contact.email: contact for contact in wave.contacts.filter(email__in=rows)}
    added = 0
    for email, values in rows.items():
        contact = existing.get(email)
        if contact is None:
            Contact.objects.create(wave=wave, email=email, **values, **Contact.token_fields())
            added += 1
        else:
            for name, value in values.items():
                setattr(contact, name, value)
            contact.save(update_fields=list(values))
            merged += 1
    _audit(
        action=AuditAction.SURVEY_CONTACTS_IMPORTED,
        wave=wave,
        actor=actor,
        details={"added": added, "merged": merged, "contacts_in_frame": wave.contacts.count()},
    )
    return ContactImportResult(added=added, merged=merged)


def contacts_add_from_memberships(*, wave: Wave, kind: str, roles: list[str], actor: User | None) -> int:
    """Add every member holding one of `roles` in the organisations of `kind`, which must be a kind the series
    surveys; people already in the frame are left as they are. Refused with FRAME_LOCKED once the wave has opened.
    Returns how many were added.

    Not atomic as a whole: the audit event of a refusal must survive the error raised."""
    try:
        return _add_from_memberships(wave=wave, kind=kind, roles=roles, actor=actor)
    except ApplicationError as error:
        details = {"reason": error.extra.get("reason", "refused"), "kind": kind, "roles": sorted(roles)}
        _audit(action=AuditAction.SURVEY_CONTACTS_FROM_MEMBERS_REFUSED, wave=wave, actor=actor, details=details)
        raise


@transaction.atomic
def _add_from_memberships(*, wave: Wave, kind: str, roles: list[str], actor: User | None) -> int:
    _ensure_frame_open(wave)
    kinds = permissions.population_kinds(series=wave.series)
    if kind not in kinds:
        names = " and ".join(_kind_name(each) for each in kinds)
        raise ApplicationError(OUTSIDE_POPULATION.format(kinds=names), extra={"reason": "outside_population"})
    if not roles:
        raise ApplicationError(NO_ROLES, extra={"reason": "no_roles"})
    for role in roles:
        if role not in permissions.FRAME_ROLES_FROM_MEMBERS:
            label = Role(role).label if role in Role.values else repr(role)
            raise ApplicationError(ROLE_NOT_OFFERED.format(role=label), extra={"reason": "role_not_offered"})
    memberships = memberships_with_role(kind=kind, roles=roles)
    known = set(wave.contacts.values_list("email", flat=True))
    added = already = 0
    for membership in memberships:
        email = membership.user.email.lower()
        if email in known:
            already += 1
            continue
        role = next(code for code in membership.role_codes if code in roles)
        Contact.objects.create(
            wave=wave,
            email=email,
            full_name=membership.user.full_name,
            role=role,
            organisation=membership.organisation,
            **Contact.token_fields(),
        )
        known.add(email)
        added += 1
    _audit(
        action=AuditAction.SURVEY_CONTACTS_ADDED_FROM_MEMBERS,
        wave=wave,
        actor=actor,
        details={"kind": kind, "roles": sorted(roles), "added": added, "already_in_frame": already},
    )
    return added
