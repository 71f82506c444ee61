from .geography import area_team_list, region_list
from .organisations import (
    DirectoryFilters,
    commissioner_list,
    organisation_by_ods_code,
    organisation_by_pk,
    organisation_directory,
    organisation_get,
    organisation_kind_label,
    registry_summary,
)
from .oversight import (
    area_team_organisation,
    board_commissioners,
    boards_overlapping,
    member_practices,
    senate_for,
)

__all__ = [
    "DirectoryFilters",
    "area_team_list",
    "area_team_organisation",
    "board_commissioners",
    "boards_overlapping",
    "commissioner_list",
    "member_practices",
    "organisation_by_ods_code",
    "organisation_by_pk",
    "organisation_directory",
    "organisation_get",
    "organisation_kind_label",
    "region_list",
    "registry_summary",
    "senate_for",
]
