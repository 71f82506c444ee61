"""Platform staff use the admin (issue 18, acceptance 4): a staff member who is not a superuser opens and searches
offerings, requirements, waves and organisations; nobody else gets in; and no changelist filters by anything its
sidebar does not offer."""

import pytest
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.test import RequestFactory

from exchange.accounts.tests.factories import UserFactory
from exchange.marketplace.catalogue.models import OfferingStatus, ServiceLine
from exchange.marketplace.catalogue.tests.factories import OfferingFactory, ProviderFactory
from exchange.marketplace.procurement.tests.factories import RequirementFactory
from exchange.organisations.models import OrganisationKind
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.services.authoring import series_create, wave_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


@pytest.fixture
def rows():
    """Two of everything staff search for: the row the search finds and one it must leave out."""
    owner = OrganisationFactory(name="NHS Clinical Commissioners", kind=OrganisationKind.MEMBERSHIP_BODY)
    series = series_create(owner=owner, title="Appraisal of NHS England")
    return {
        "offering": (
            OfferingFactory(provider=ProviderFactory(name="Harbour Analytics"), title="Population health dashboards"),
            OfferingFactory(title="Procurement support", status=OfferingStatus.DRAFT),
        ),
        "requirement": (
            RequirementFactory(title="Urgent care dashboards", published=True),
            RequirementFactory(title="Estates review"),
        ),
        "wave": (
            wave_create(series=series, label="Autumn 2013", confidentiality="confidential"),
            wave_create(
                series=series_create(owner=owner, title="Member survey"), label="Spring", confidentiality="named"
            ),
        ),
        "organisation": (
            OrganisationFactory(name="NHS Blackpool CCG", ods_code="00Q"),
            OrganisationFactory(name="NHS Camden CCG", ods_code="07R", kind=OrganisationKind.SUPPORT_PROVIDER),
        ),
    }


SEARCHES = {
    "offering": ("/admin/marketplace/offering/", "q=dashboards&status__exact=published"),
    "requirement": ("/admin/marketplace/requirement/", "q=dashboards&status__exact=published"),
    "wave": ("/admin/surveys/wave/", "q=Appraisal&confidentiality__exact=confidential"),
    "organisation": ("/admin/organisations/organisation/", "q=00Q&kind__exact=commissioner"),
}


@pytest.mark.parametrize("model", SEARCHES)
def test_a_staff_member_searches_and_filters_each_list_and_finds_only_the_row_asked_for(staff_client, rows, model):
    path, query = SEARCHES[model]
    found, other = rows[model]
    for url in (path, f"{path}?{query}"):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert str(found) in response.content.decode()
    html = response.content.decode()
    assert "1 result" in html
    assert str(other) not in html


@pytest.mark.parametrize("model", SEARCHES)
def test_a_staff_member_opens_each_row(staff_client, rows, model):
    found, _ = rows[model]
    response = staff_client.get(f"{SEARCHES[model][0]}{found.pk}/change/")
    assert response.status_code == 200
    assert str(found) in response.content.decode()


def test_the_admin_index_offers_staff_every_app_they_use(staff_client):
    html = staff_client.get("/admin/").content.decode()
    assert "have permission to view or edit anything" not in html
    for name in ("Offerings", "Requirements", "Bids", "Awards", "Waves", "Contacts", "Organisations", "Audit events"):
        assert f">{name}</a>" in html


@pytest.mark.parametrize("who", ["member", "anonymous", "former staff"])
def test_anyone_but_staff_is_sent_to_the_admin_sign_in(client, rows, who):
    if who != "anonymous":
        client.force_login(UserFactory(is_staff=who == "former staff", is_active=who != "former staff"))
    for path, query in SEARCHES.values():
        response = client.get(f"{path}?{query}")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_staff_read_requirements_and_offerings_but_change_neither(staff_client, rows):
    requirement = rows["requirement"][0]
    url = f"/admin/marketplace/requirement/{requirement.pk}/change/"
    assert 'name="_save"' not in staff_client.get(url).content.decode()
    assert staff_client.post(url, {"title": "Renamed"}).status_code == 403
    assert staff_client.get("/admin/marketplace/offering/add/").status_code == 403
    requirement.refresh_from_db()
    assert requirement.title == "Urgent care dashboards"


def test_staff_correct_an_organisation_and_a_service_line_but_delete_no_organisation_and_make_nobody_staff(
    staff_client, rows
):
    organisation = rows["organisation"][0]
    assert (
        'name="_save"'
        in staff_client.get(f"/admin/organisations/organisation/{organisation.pk}/change/").content.decode()
    )
    assert (
        'name="_save"'
        in staff_client.get(f"/admin/marketplace/serviceline/{ServiceLine.objects.first().pk}/change/").content.decode()
    )
    assert staff_client.get(f"/admin/organisations/organisation/{organisation.pk}/delete/").status_code == 403
    assert staff_client.get("/admin/accounts/user/add/").status_code == 403


def test_a_superuser_still_changes_what_staff_may_only_read(client, rows):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/accounts/user/add/").status_code == 200
    assert client.get("/admin/auth/group/").status_code == 200


def _exchange_admins():
    return [
        model_admin for model, model_admin in admin.site._registry.items() if model.__module__.startswith("exchange.")
    ]


def test_no_changelist_filters_by_a_column_its_sidebar_does_not_offer():
    request = RequestFactory().get("/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True)
    accepted = []
    for model_admin in _exchange_admins():
        offered = {
            item[0] if isinstance(item, tuple) else getattr(item, "parameter_name", item)
            for item in model_admin.list_filter
        }
        for field in model_admin.model._meta.get_fields():
            if field.name in offered:
                continue
            for lookup in (field.name, f"{field.name}__startswith", f"{field.name}__isnull"):
                try:
                    if model_admin.lookup_allowed(lookup, "x", request):
                        accepted.append(f"{model_admin.model.__name__}: {lookup}")
                except FieldDoesNotExist:
                    pass
    assert accepted == []


@pytest.mark.parametrize(
    "url",
    [
        "/admin/accounts/user/?password__startswith=md5",
        "/admin/organisations/organisation/?bids__isnull=False",
        "/admin/marketplace/requirement/?bids__price__gt=0",
        "/admin/accounts/invitation/?token_hash__startswith=a",
    ],
)
def test_a_secret_column_cannot_be_read_a_character_at_a_time_through_the_url(staff_client, url):
    assert staff_client.get(url).status_code == 400
