"""Load the bodies that oversee commissioners' plans: health and wellbeing boards, clinical senates, member GP
practices (from files, see `oversight_files` for the formats) and NHS England's area teams (from the registry).
All or nothing; running it again changes nothing."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.db import models, transaction

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError

from ..models import AreaTeam, BoardCommissioner, Organisation, OrganisationKind, SenateAreaTeam
from ..oversight_files import (
    BoardRow,
    PracticeRow,
    Problem,
    Registry,
    SenateRow,
    read_boards,
    read_practices,
    read_senates,
)
from .imports import ImportResult, Upserter, by_code
from .organisations import unique_slug

NOTHING_IMPORTED = "Nothing was imported: {count} problem(s) in the files."
AREA_TEAM_CODE_TAKEN = "Area team {area_team}: the code {code} belongs to {owner!r} already."
AREA_TEAM_ORGANISATION_NAME = "NHS England {name} Area Team"
COMMAND_LABEL = "import_oversight_bodies command"


class OversightImportRefused(ApplicationError):
    """The files were refused whole; `problems` lists every one, with its file and line."""

    def __init__(self, problems: list[Problem]):
        super().__init__(NOTHING_IMPORTED.format(count=len(problems)), extra={"problems": problems})
        self.problems = problems


@dataclass(frozen=True)
class OversightImportResult:
    """What changed, for each kind of body that was asked for (None for those that were not)."""

    boards: ImportResult | None = None
    senates: ImportResult | None = None
    practices: ImportResult | None = None
    area_teams: ImportResult | None = None

    def counts(self) -> dict[str, dict[str, int]]:
        return {name: part for name, part in asdict(self).items() if part is not None}


@transaction.atomic
def oversight_bodies_import(
    *,
    boards: Path | None = None,
    senates: Path | None = None,
    practices: Path | None = None,
    area_teams: bool = False,
    actor: Any = None,
) -> OversightImportResult:
    """Check every given file against the registry and, if no line of any has a problem, upsert them all in one
    transaction (and, with `area_teams`, the organisation of each area team). Otherwise `OversightImportRefused`
    lists every problem and nothing is written."""
    registry = _registry()
    problems: list[Problem] = []
    board_rows = senate_rows = practice_rows = None
    if boards is not None:
        board_rows, found = read_boards(boards, registry)
        problems += found
    if senates is not None:
        senate_rows, found = read_senates(senates, registry)
        problems += found
    if practices is not None:
        practice_rows, found = read_practices(practices, registry)
        problems += found
    if problems:
        raise OversightImportRefused(problems)
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    result = OversightImportResult(
        area_teams=_area_team_organisations_upsert(taken_slugs) if area_teams else None,
        boards=_boards_upsert(board_rows, taken_slugs) if board_rows is not None else None,
        senates=_senates_upsert(senate_rows, taken_slugs) if senate_rows is not None else None,
        practices=_practices_upsert(practice_rows, taken_slugs) if practice_rows is not None else None,
    )
    files = {"boards": boards, "senates": senates, "practices": practices}
    _audit(actor, {"files": {name: str(path) for name, path in files.items() if path is not None}, **result.counts()})
    return result


@transaction.atomic
def area_team_organisations_ensure(*, actor: Any = None) -> ImportResult:
    """Give every area team of the registry its organisation (kind AREA_TEAM), named and coded after it."""
    result = _area_team_organisations_upsert(set(Organisation.objects.values_list("slug", flat=True)))
    _audit(actor, {"area_teams": asdict(result)})
    return result


def _audit(actor: Any, details: dict) -> None:
    audit_event_record(
        action=AuditAction.ORGANISATIONS_IMPORTED,
        actor=actor,
        actor_label="" if actor else COMMAND_LABEL,
        details={"source": "oversight bodies", **details},
    )


def _registry() -> Registry:
    ons_owners, ods_owners = {}, {}
    for name, kind, ons_code, ods_code in Organisation.objects.values_list("name", "kind", "ons_code", "ods_code"):
        if ons_code:
            ons_owners[ons_code] = (name, kind)
        if ods_code:
            ods_owners[ods_code] = (name, kind)
    commissioners = Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER)
    return Registry(
        commissioner_codes=frozenset(code for code in commissioners.values_list("ons_code", flat=True) if code),
        area_team_codes=frozenset(AreaTeam.objects.values_list("ons_code", flat=True)),
        ons_owners=ons_owners,
        ods_owners=ods_owners,
        area_team_senates=dict(SenateAreaTeam.objects.values_list("area_team__ons_code", "senate__name")),
    )


def _common(ids: Iterable[int | None]) -> int | None:
    """The one value all share, or None."""
    distinct = set(ids)
    return distinct.pop() if len(distinct) == 1 else None


def _links_sync(through: type[models.Model], owner: str, target: str, wanted: dict[int, set[int]]) -> set[int]:
    """Make each owner's links exactly those wanted (all removals before any addition, so that a target may move
    between owners); the owners whose links changed."""
    current: dict[int, set[int]] = defaultdict(set)
    pairs = through._default_manager.filter(**{f"{owner}_id__in": list(wanted)})
    for owner_id, target_id in pairs.values_list(f"{owner}_id", f"{target}_id"):
        current[owner_id].add(target_id)
    for owner_id, targets in current.items():
        stale = targets - wanted[owner_id]
        if stale:
            through._default_manager.filter(**{f"{owner}_id": owner_id, f"{target}_id__in": stale}).delete()
    through._default_manager.bulk_create(
        through(**{f"{owner}_id": owner_id, f"{target}_id": target_id})
        for owner_id, targets in wanted.items()
        for target_id in sorted(targets - current[owner_id])
    )
    return {owner_id for owner_id, targets in wanted.items() if targets != current[owner_id]}


def _boards_upsert(rows: list[BoardRow], taken_slugs: set[str]) -> ImportResult:
    upserter = Upserter(check_relations=True)
    existing = by_code(Organisation, kind=OrganisationKind.HEALTH_AND_WELLBEING_BOARD)
    # A board entered by hand before its code was known is adopted by name rather than duplicated.
    nameless = {
        board.name: board
        for board in Organisation.objects.filter(kind=OrganisationKind.HEALTH_AND_WELLBEING_BOARD, ons_code=None)
    }
    commissioners = by_code(Organisation, kind=OrganisationKind.COMMISSIONER)
    links: dict[int, set[int]] = {}
    unchanged: list[int] = []
    for row in rows:
        if row.ons_code not in existing and row.name in nameless:
            existing[row.ons_code] = nameless.pop(row.name)
        members = [commissioners[code] for code in row.commissioner_codes]
        values = {"name": row.name, "ons_code": row.ons_code, "region_id": _common(c.region_id for c in members)}
        on_create = None
        if row.ons_code not in existing:
            on_create = {
                "kind": OrganisationKind.HEALTH_AND_WELLBEING_BOARD,
                "slug": unique_slug(row.name, fallback=row.ons_code, taken=taken_slugs),
            }
        board = upserter.upsert(Organisation, existing, row.ons_code, values, on_create)
        links[board.pk] = {commissioner.pk for commissioner in members}
        if upserter.outcome == "unchanged":
            unchanged.append(board.pk)
    return _relabel(upserter, unchanged, _links_sync(BoardCommissioner, "board", "commissioner", links))


def _senates_upsert(rows: list[SenateRow], taken_slugs: set[str]) -> ImportResult:
    upserter = Upserter(check_relations=True)
    existing = {senate.name: senate for senate in Organisation.objects.filter(kind=OrganisationKind.CLINICAL_SENATE)}
    area_teams = {area_team.ons_code: area_team for area_team in AreaTeam.objects.all()}
    links: dict[int, set[int]] = {}
    unchanged: list[int] = []
    for row in rows:
        covered = [area_teams[code] for code in row.area_team_codes]
        values = {"region_id": _common(area_team.region_id for area_team in covered)}
        on_create = None
        if row.name not in existing:
            on_create = {
                "kind": OrganisationKind.CLINICAL_SENATE,
                "slug": unique_slug(row.name, fallback="clinical-senate", taken=taken_slugs),
            }
        senate = upserter.upsert(Organisation, existing, row.name, values, on_create, key="name")
        links[senate.pk] = {area_team.pk for area_team in covered}
        if upserter.outcome == "unchanged":
            unchanged.append(senate.pk)
    return _relabel(upserter, unchanged, _links_sync(SenateAreaTeam, "senate", "area_team", links))


def _relabel(upserter: Upserter, unchanged: list[int], links_changed: set[int]) -> ImportResult:
    """An organisation whose own fields did not change but whose links did is counted as updated."""
    moved = sum(1 for pk in unchanged if pk in links_changed)
    upserter.tally["unchanged"] -= moved
    upserter.tally["updated"] += moved
    return upserter.result()


def _practices_upsert(rows: list[PracticeRow], taken_slugs: set[str]) -> ImportResult:
    upserter = Upserter(check_relations=True)
    existing = {
        practice.ods_code: practice
        for practice in Organisation.objects.filter(kind=OrganisationKind.GP_PRACTICE).select_related("member_of")
    }
    commissioners = by_code(Organisation, kind=OrganisationKind.COMMISSIONER)
    for row in rows:
        commissioner = commissioners[row.commissioner_code]
        values = {
            "name": row.name,
            "member_of": commissioner,
            "region_id": commissioner.region_id,
            "area_team_id": commissioner.area_team_id,
        }
        on_create = None
        if row.ods_code not in existing:
            on_create = {
                "kind": OrganisationKind.GP_PRACTICE,
                "slug": unique_slug(row.name, fallback=row.ods_code, taken=taken_slugs),
            }
        upserter.upsert(Organisation, existing, row.ods_code, values, on_create, key="ods_code")
    return upserter.result()


def _area_team_organisations_upsert(taken_slugs: set[str]) -> ImportResult:
    upserter = Upserter(check_relations=True)
    existing = {face.area_team_id: face for face in Organisation.objects.filter(kind=OrganisationKind.AREA_TEAM)}
    owners = {
        code: organisation
        for organisation in Organisation.objects.exclude(kind=OrganisationKind.AREA_TEAM)
        for code in (organisation.ons_code, organisation.ods_code)
        if code
    }
    for area_team in AreaTeam.objects.order_by("ons_code"):
        for code in (area_team.ons_code, area_team.ods_code):
            if code in owners:
                raise ApplicationError(
                    AREA_TEAM_CODE_TAKEN.format(area_team=area_team.name, code=code, owner=owners[code].name)
                )
        name = AREA_TEAM_ORGANISATION_NAME.format(name=area_team.name)
        values = {
            "name": name,
            "ons_code": area_team.ons_code,
            "ods_code": area_team.ods_code,
            "region_id": area_team.region_id,
        }
        on_create = None
        if area_team.pk not in existing:
            on_create = {
                "kind": OrganisationKind.AREA_TEAM,
                "slug": unique_slug(name, fallback=area_team.ons_code, taken=taken_slugs),
            }
        upserter.upsert(Organisation, existing, area_team.pk, values, on_create, key="area_team_id")
    return upserter.result()
