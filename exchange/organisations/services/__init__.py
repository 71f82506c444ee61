from .imports import ImportResult, organisations_import
from .organisations import organisation_create

__all__ = ["ImportResult", "organisation_create", "organisations_import"]
