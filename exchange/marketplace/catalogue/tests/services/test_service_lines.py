"""The shipped service lines are put back when missing and never changed when present."""

import pytest

from exchange.marketplace.catalogue.models import ServiceLine
from exchange.marketplace.catalogue.services.service_lines import service_lines_ensure

pytestmark = pytest.mark.django_db


def test_nothing_is_created_when_every_shipped_service_line_is_there():
    assert service_lines_ensure() == 0
    assert ServiceLine.objects.count() == 12


def test_a_deleted_service_line_is_put_back_and_an_edited_one_is_left_as_the_admin_wrote_it():
    ServiceLine.objects.filter(code="communications").delete()
    ServiceLine.objects.filter(code="finance").update(name="Finance (renamed)")
    assert service_lines_ensure() == 1
    assert ServiceLine.objects.filter(code="communications").exists()
    assert ServiceLine.objects.get(code="finance").name == "Finance (renamed)"
