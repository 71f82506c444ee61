import pytest
from django.urls import reverse

from exchange.accounts.tests.factories import UserFactory

from .factories import BoardFactory, OrganisationFactory, PracticeFactory, SenateFactory

pytestmark = pytest.mark.django_db


def test_the_admin_shows_a_boards_commissioners_a_senates_area_teams_and_a_practices_commissioner(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    board, senate, practice = BoardFactory(), SenateFactory(), PracticeFactory()
    board.overlapping_commissioners.add(OrganisationFactory(name="NHS Overlapped"))
    for organisation, text in [(board, "NHS Overlapped"), (senate, "Area teams covered"), (practice, "Member of")]:
        response = client.get(reverse("admin:organisations_organisation_change", args=[organisation.pk]))
        assert response.status_code == 200
        assert text in response.content.decode()
