"""The demo catalogue loaded from `exchange/demo/data/catalogue.yaml`: the facts the rest of the suite and the demo's
pages rely on, and every entry of the file showing in what is loaded."""

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction

from exchange.accounts.tests.factories import UserFactory
from exchange.demo.services.catalogue import marketplace_demo_load
from exchange.demo.services.data import demo_data
from exchange.marketplace.models import (
    Engagement,
    Offering,
    OfferingStatus,
    ProviderProfile,
    Rating,
    RatingReply,
    ServiceLine,
)
from exchange.organisations.models import Organisation, OrganisationKind
from exchange.organisations.services import organisations_import

pytestmark = pytest.mark.django_db
CATALOGUE = demo_data("catalogue.yaml")


@contextmanager
def loaded_for_the_module(django_db_blocker) -> Iterator[None]:
    """What the block loads stays for every test of the module (each runs in a savepoint of it) and is rolled back
    after the last: the demo is loaded once a module rather than once a test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def registry_and_catalogue() -> int:
    organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR)
    UserFactory(is_staff=True, email="admin@example.nhs.uk")
    return marketplace_demo_load()


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with loaded_for_the_module(django_db_blocker):
        yield registry_and_catalogue()


def test_the_catalogue_has_32_providers_with_profiles_and_80_offerings_one_of_them_a_draft(loaded):
    assert loaded == Offering.objects.count() == 80
    assert Organisation.objects.filter(kind=OrganisationKind.SUPPORT_PROVIDER).count() == 32
    assert ProviderProfile.objects.count() == 32
    assert Offering.objects.filter(status=OfferingStatus.PUBLISHED).count() == 79
    assert list(Offering.objects.filter(status=OfferingStatus.DRAFT).values_list("title", flat=True)) == [
        "Digital inclusion engagement (draft)"
    ]


def test_every_service_line_has_published_offerings(loaded):
    published = ServiceLine.objects.filter(offerings__status=OfferingStatus.PUBLISHED).distinct()
    assert published.count() == ServiceLine.objects.count() == 12


def test_the_first_offering_is_drawn_as_it_always_was(loaded):
    offering = Offering.objects.order_by("pk").first()
    assert offering.provider.name == "North of England Commissioning Support"
    assert offering.title == "Business intelligence and population health analytics"
    assert (offering.pricing_model, offering.price, offering.minimum_term_months) == ("per_head", Decimal("0.20"), 24)
    assert [line.code for line in offering.service_lines.all()] == ["business-intelligence"]
    assert [region.name for region in offering.regions.all()] == ["North of England"]
    assert offering.status == OfferingStatus.PUBLISHED


def test_blackpool_has_its_population_and_engages_community_voice_on_every_published_offering(loaded):
    blackpool = Organisation.objects.get(name="NHS Blackpool")
    assert blackpool.registered_population == 172_000
    published = Offering.objects.filter(provider__name="Community Voice Partnership", status=OfferingStatus.PUBLISHED)
    engaged = Engagement.objects.filter(commissioner=blackpool, offering__in=published)
    assert engaged.values("offering").distinct().count() == published.count() == 3


def test_every_commissioner_has_a_registered_population(loaded):
    commissioners = Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER)
    assert commissioners.exists()
    assert not commissioners.filter(registered_population=None).exists()


def test_every_provider_of_the_file_offers_one_published_offering_in_each_of_its_lines(loaded):
    for provider in CATALOGUE["providers"]:
        offerings = Offering.objects.filter(provider__name=provider["name"], status=OfferingStatus.PUBLISHED)
        summaries = sorted(CATALOGUE["offerings"]["lines"][code]["summary"] for code in provider["lines"])
        assert sorted(offerings.values_list("summary", flat=True)) == summaries, provider["name"]
        profile = ProviderProfile.objects.get(organisation__name=provider["name"])
        assert {region.name for region in profile.regions_served.all()} == set(provider["serves"])


def test_every_line_text_and_title_form_of_the_file_is_drawn(loaded):
    lines = {line["summary"]: line for line in CATALOGUE["offerings"]["lines"].values()}
    titles, drawn = CATALOGUE["offerings"]["titles"], set()
    for offering in Offering.objects.filter(status=OfferingStatus.PUBLISHED).select_related("provider"):
        line = lines[offering.summary]
        assert (offering.description, offering.outcomes) == (line["description"], line["outcomes"])
        short = offering.provider.name.split(" (")[0]
        forms = {form for form in titles if form.format(title=line["title"], provider=short) == offering.title}
        assert len(forms) == 1, offering.title
        drawn |= forms
    assert drawn == set(titles)
    assert set(Offering.objects.values_list("summary", flat=True)) >= set(lines)


def test_every_minimum_term_of_the_file_is_drawn(loaded):
    terms = set(Offering.objects.filter(status=OfferingStatus.PUBLISHED).values_list("minimum_term_months", flat=True))
    assert terms == set(CATALOGUE["offerings"]["minimum_term_months"])


def test_every_accreditation_comment_and_reply_of_the_file_is_used(loaded):
    accreditations = set(ProviderProfile.objects.values_list("accreditations", flat=True))
    assert accreditations == set(CATALOGUE["profiles"]["accreditations"])
    assert set(Rating.objects.values_list("comment", flat=True)) == set(CATALOGUE["ratings"]["comments"])
    replies = RatingReply.objects.values_list("rating__offering__provider__name", "text")
    assert set(replies) == {(reply["provider"], reply["text"]) for reply in CATALOGUE["replies"]}


def test_loading_the_catalogue_again_adds_nothing(loaded):
    counts = (Offering.objects.count(), Engagement.objects.count(), Rating.objects.count())
    assert marketplace_demo_load() == 80
    assert (Offering.objects.count(), Engagement.objects.count(), Rating.objects.count()) == counts
