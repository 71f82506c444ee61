"""The demo catalogue loaded from `exchange/demo/data/catalogue.yaml`: the facts the rest of the suite and the demo's
pages rely on, and every entry of the file showing in what is loaded."""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction
from django.db.models import Count

from exchange.accounts.tests.factories import UserFactory
from exchange.demo.services.catalogue import RatingComments, marketplace_demo_load
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

from .vocabulary import closest_lines, terms_of

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


def test_the_first_offering_is_the_first_of_the_file_drawn_with_its_seed_as_it_always_is(loaded):
    offering = Offering.objects.order_by("pk").first()
    assert offering.provider.name == CATALOGUE["providers"][0]["name"] == "Tyne and Tees Commissioning Support Unit"
    assert offering.title == "Risk stratification and population health dashboards"
    assert (offering.pricing_model, offering.price, offering.minimum_term_months) == ("per_head", Decimal("0.20"), 36)
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


def test_every_provider_of_the_file_offers_its_offerings_under_their_lines_in_the_regions_it_serves(loaded):
    for provider in CATALOGUE["providers"]:
        offerings = Offering.objects.filter(provider__name=provider["name"], status=OfferingStatus.PUBLISHED)
        listed = {offering.title: sorted(line.code for line in offering.service_lines.all()) for offering in offerings}
        assert listed == {
            entry["title"]: sorted([entry["line"], *entry.get("also", [])]) for entry in provider["offerings"]
        }
        profile = ProviderProfile.objects.get(organisation__name=provider["name"])
        assert {region.name for region in profile.regions_served.all()} == set(provider["serves"])
        for offering in offerings:
            assert {region.name for region in offering.regions.all()} == set(provider["serves"]), offering.title


def test_every_offering_says_what_the_file_writes_and_ends_with_the_illustrative_note(loaded):
    entries = {entry["title"]: entry for provider in CATALOGUE["providers"] for entry in provider["offerings"]}
    published = Offering.objects.filter(status=OfferingStatus.PUBLISHED)
    assert set(published.values_list("title", flat=True)) == set(entries)
    for offering in published:
        entry = entries[offering.title]
        assert (offering.summary, offering.outcomes) == (entry["summary"], entry["outcomes"])
        assert offering.description == f"{entry['description']}\n\n{CATALOGUE['offerings']['note']}"
        assert offering.description.split("\n\n")[-1].startswith("Illustrative demo offering")


def test_every_offering_is_priced_in_its_own_range_or_its_line_s(loaded):
    entries = {entry["title"]: entry for provider in CATALOGUE["providers"] for entry in provider["offerings"]}
    for offering in Offering.objects.filter(status=OfferingStatus.PUBLISHED):
        entry = entries[offering.title]
        pricing = {**CATALOGUE["offerings"]["lines"][entry["line"]], **entry}
        low, high = (Decimal(str(bound)) for bound in pricing["price"])
        rounding = Decimal(10) ** -CATALOGUE["offerings"]["price_decimals"][pricing["pricing_model"]] / 2
        assert offering.pricing_model == pricing["pricing_model"], offering.title
        assert low - rounding <= offering.price <= high + rounding, offering.title
        assert (offering.estimated_days is not None) == (offering.pricing_model == "day_rate"), offering.title


def test_every_minimum_term_of_the_file_is_drawn(loaded):
    terms = set(Offering.objects.filter(status=OfferingStatus.PUBLISHED).values_list("minimum_term_months", flat=True))
    assert terms == set(CATALOGUE["offerings"]["minimum_term_months"])


def test_every_accreditation_and_reply_of_the_file_is_used(loaded):
    accreditations = set(ProviderProfile.objects.values_list("accreditations", flat=True))
    assert accreditations == set(CATALOGUE["profiles"]["accreditations"])
    replies = RatingReply.objects.values_list("rating__offering__provider__name", "text")
    assert set(replies) == {(reply["provider"], reply["text"]) for reply in CATALOGUE["replies"]}


def written_comments() -> dict[str, tuple[str | None, str]]:
    """Each rating comment of the file, with its service line (None for the general ones) and its tone."""
    comments = CATALOGUE["ratings"]["comments"]
    written = {text: (None, tone) for tone, pool in comments["general"].items() for text in pool}
    for line, tones in comments["by_line"].items():
        written |= {text: (line, tone) for tone, pool in tones.items() for text in pool}
    return written


def test_every_rating_comment_is_the_file_s_and_suits_its_scores_and_the_offering_s_line(loaded):
    written, given = written_comments(), 0
    for rating in Rating.objects.prefetch_related("offering__service_lines"):
        if not rating.comment:
            continue
        given += 1
        line, tone = written[rating.comment]
        scores = {field: getattr(rating, field) for field in CATALOGUE["ratings"]["shift"]}
        assert tone == RatingComments.tone(scores), rating.comment
        assert line is None or line in {line.code for line in rating.offering.service_lines.all()}, rating.comment
    assert 0.6 < given / Rating.objects.count() < 0.85  # about one rating in four has no comment
    times = Counter(Rating.objects.exclude(comment="").values_list("comment", flat=True))
    assert len(times) >= len(written) * 2 / 3  # most of the file's comments are given
    assert max(times.values()) <= given / 20  # and none is everywhere


def test_a_reply_answers_a_rating_whose_comment_has_the_tone_it_answers(loaded):
    for reply in CATALOGUE["replies"]:
        rating = RatingReply.objects.get(text=reply["text"]).rating
        assert rating.offering.provider.name == reply["provider"]
        assert written_comments()[rating.comment][1] == reply["tone"]


def test_no_offering_shows_the_same_rating_comment_twice(loaded):
    repeated = (
        Rating.objects.exclude(comment="").values("offering", "comment").annotate(times=Count("id")).filter(times__gt=1)
    )
    assert list(repeated) == []


def test_loading_the_catalogue_again_adds_nothing(loaded):
    counts = (Offering.objects.count(), Engagement.objects.count(), Rating.objects.count())
    assert marketplace_demo_load() == 80
    assert (Offering.objects.count(), Engagement.objects.count(), Rating.objects.count()) == counts


def test_no_two_demo_offerings_share_a_title_or_a_summary(loaded):
    for field in ("title", "summary", "description", "outcomes"):
        texts = Counter(Offering.objects.values_list(field, flat=True))
        assert [text for text, times in texts.items() if times > 1] == [], field


def test_every_demo_offering_talks_about_its_own_service_lines(loaded):
    """Three or more of its main line's terms, one in its title or summary, two of each other line it is listed
    under, and no line's terms more than its own: a risk stratification offering talks about analysis, not tenders."""
    main = {entry["title"]: entry["line"] for provider in CATALOGUE["providers"] for entry in provider["offerings"]}
    for offering in Offering.objects.filter(status=OfferingStatus.PUBLISHED).prefetch_related("service_lines"):
        words = "\n".join((offering.title, offering.summary, offering.description, offering.outcomes))
        line, others = main[offering.title], {line.code for line in offering.service_lines.all()}
        assert len(terms_of(line, words)) >= 3, (offering.title, terms_of(line, words))
        assert terms_of(line, f"{offering.title}\n{offering.summary}"), offering.title
        assert all(len(terms_of(other, words)) >= 2 for other in others), offering.title
        assert line in closest_lines(words), (offering.title, closest_lines(words))


def test_the_service_line_check_refuses_an_offering_about_another_line():
    analytics = "Monthly dashboards within ten working days; risk stratification refreshed quarterly."
    assert closest_lines(analytics) == {"business-intelligence"}
    assert terms_of("communications", analytics) == set()
    assert terms_of("imt", "It is what it is.") == set()  # IT as written, not the word "it"


def test_prices_mostly_differ_within_every_line_and_some_lines_are_priced_in_more_than_one_way(loaded):
    published = Offering.objects.filter(status=OfferingStatus.PUBLISHED)
    models_by_line: dict[str, set[str]] = {}
    for line in ServiceLine.objects.all():
        prices = list(published.filter(service_lines=line).values_list("pricing_model", "price"))
        assert len(set(prices)) >= len(prices) * 3 / 4, (line.code, prices)  # a few per-head prices may meet
        models_by_line[line.code] = {model for model, _ in prices}
    assert sum(len(models) > 1 for models in models_by_line.values()) >= 6
    assert set(published.values_list("pricing_model", flat=True)) == {"per_head", "fixed_annual", "day_rate"}


def test_providers_have_names_of_their_own_and_each_sector_eight(loaded):
    providers = Organisation.objects.filter(kind=OrganisationKind.SUPPORT_PROVIDER)
    names = list(providers.values_list("name", flat=True))
    assert len(set(names)) == len(names) == 32
    assert Counter(providers.values_list("sector", flat=True)) == {
        "nhs": 8,
        "local_authority": 8,
        "third_sector": 8,
        "independent": 8,
    }
    assert all(
        description == CATALOGUE["illustrative"] for description in providers.values_list("description", flat=True)
    )
