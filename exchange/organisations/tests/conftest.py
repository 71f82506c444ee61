import shutil
from pathlib import Path

import pytest
from django.conf import settings

from exchange.organisations.services import organisations_import

from .factories import AreaTeamFactory, OrganisationFactory, RegionFactory


@pytest.fixture
def reference_dir(tmp_path) -> Path:
    """A private copy of the ONS files that a test may corrupt."""
    target = tmp_path / "reference"
    shutil.copytree(settings.ORGANISATION_REFERENCE_DIR, target)
    return target


@pytest.fixture
def registry(db):
    return organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR)


@pytest.fixture
def little_registry(db) -> dict:
    """A few real 2013 codes: two area teams of the North (Lancashire, Greater Manchester) and London's, with one
    or two CCGs each. Keyed by short names."""
    north, london = RegionFactory(ons_code="E40000001"), RegionFactory(ons_code="E40000003")
    lancashire = AreaTeamFactory(ons_code="E39000004", ods_code="Q47", name="Lancashire", region=north)
    manchester = AreaTeamFactory(ons_code="E39000003", ods_code="Q46", name="Greater Manchester", region=north)
    london_team = AreaTeamFactory(ons_code="E39000018", ods_code="Q71", name="London", region=london)
    places = {
        "blackpool": ("NHS Blackpool", "E38000015", "00R", lancashire),
        "fylde": ("NHS Fylde & Wyre", "E38000060", "02M", lancashire),
        "bolton": ("NHS Bolton", "E38000016", "00T", manchester),
        "camden": ("NHS Camden", "E38000027", "07R", london_team),
    }
    registry = {
        key: OrganisationFactory(
            name=name, slug=key, ons_code=ons, ods_code=ods, area_team=area_team, region=area_team.region
        )
        for key, (name, ons, ods, area_team) in places.items()
    }
    return {**registry, "lancashire": lancashire, "manchester": manchester, "london": london_team}
