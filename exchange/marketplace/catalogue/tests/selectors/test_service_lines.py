"""The service lines, as the catalogue lists them."""

import pytest

from exchange.marketplace.catalogue.models import ServiceLine
from exchange.marketplace.catalogue.selectors.service_lines import service_line_list

pytestmark = pytest.mark.django_db


def test_every_shipped_service_line_is_listed_in_the_catalogues_order():
    listed = list(service_line_list())
    assert len(listed) == 12
    assert [line.position for line in listed] == sorted(line.position for line in listed)
    assert set(listed) == set(ServiceLine.objects.all())
