from .oversight import BoardCommissioner, SenateAreaTeam
from .registry import AreaTeam, Organisation, OrganisationKind, Region, Sector, search_key

__all__ = [
    "AreaTeam",
    "BoardCommissioner",
    "Organisation",
    "OrganisationKind",
    "Region",
    "Sector",
    "SenateAreaTeam",
    "search_key",
]
