from .imports import ImportResult, organisations_import
from .organisations import organisation_create
from .oversight import (
    OversightImportRefused,
    OversightImportResult,
    area_team_organisations_ensure,
    oversight_bodies_import,
)

__all__ = [
    "ImportResult",
    "OversightImportRefused",
    "OversightImportResult",
    "area_team_organisations_ensure",
    "organisation_create",
    "organisations_import",
    "oversight_bodies_import",
]
