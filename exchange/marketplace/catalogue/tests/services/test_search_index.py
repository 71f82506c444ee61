"""The search text follows what the offering says; every change gives the catalogue a new token."""

from exchange.marketplace.catalogue.models import CatalogueState, Offering
from exchange.marketplace.catalogue.selectors.search import CatalogueQuery, catalogue_search
from exchange.marketplace.catalogue.services.search_index import catalogue_changed


def test_search_text_is_refreshed_when_an_offering_changes(world):
    from exchange.marketplace.catalogue.services.offerings import offering_update

    offering = world.offering(title="Old words")
    offering_update(
        actor=world.us,
        offering=offering,
        title="Medicines optimisation",
        summary="New",
        service_lines=offering.service_lines.all(),
        regions=[world.north],
    )
    assert catalogue_search(query=CatalogueQuery(text="optimisation")).offerings.count() == 1
    assert catalogue_search(query=CatalogueQuery(text="old words")).offerings.count() == 0
    assert Offering.objects.get(pk=offering.pk).search_text.startswith("Medicines optimisation")


def test_every_change_gives_the_catalogue_a_new_token(db):
    first = catalogue_changed()
    second = catalogue_changed()
    assert first != second
    assert CatalogueState.objects.get().token == second
