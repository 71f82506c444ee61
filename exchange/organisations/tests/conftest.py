import shutil
from pathlib import Path

import pytest
from django.conf import settings

from exchange.organisations.services import organisations_import


@pytest.fixture
def reference_dir(tmp_path) -> Path:
    """A private copy of the ONS files that a test may corrupt."""
    target = tmp_path / "reference"
    shutil.copytree(settings.ORGANISATION_REFERENCE_DIR, target)
    return target


@pytest.fixture
def registry(db):
    return organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR)
