from exchange.marketplace.catalogue.models import Offering
from exchange.marketplace.catalogue.selectors.search import CatalogueQuery, catalogue_search


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
