"""The marketplace's answers to changes made elsewhere that its search shows: a provider's name or sector (in its
offerings' search text and cards), a region's or a service line's name (in the facets and cards). Each gives the
catalogue a new token, so every process's search index and every cached page is rebuilt on its next request."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from exchange.marketplace.catalogue.models import Offering, ServiceLine
from exchange.marketplace.catalogue.services.search_index import catalogue_changed, offerings_search_refresh
from exchange.organisations.models import Organisation, Region


@receiver(post_save, sender=Organisation, dispatch_uid="marketplace.provider_changed")
def provider_changed(sender, *, instance, created, raw=False, **kwargs) -> None:
    if raw or created:
        return  # fixtures load as they are; a new organisation has no offerings yet
    offerings = Offering.objects.filter(provider_id=instance.pk)
    if offerings.exists():
        offerings_search_refresh(offerings=offerings)  # gives the catalogue a new token too


@receiver(post_save, sender=ServiceLine, dispatch_uid="marketplace.service_line_saved")
def service_line_changed(sender, *, instance, created, raw=False, **kwargs) -> None:
    """A line's name is in its offerings' search text: search must find them by the new name, not the old."""
    if raw:
        return
    offerings = Offering.objects.filter(service_lines=instance)
    if not created and offerings.exists():
        offerings_search_refresh(offerings=offerings)  # gives the catalogue a new token too
    else:
        catalogue_changed()


@receiver(post_delete, sender=ServiceLine, dispatch_uid="marketplace.service_line_deleted")
def service_line_deleted(sender, *, raw=False, **kwargs) -> None:
    if not raw:
        offerings_search_refresh(offerings=Offering.objects.all())  # rare: its offerings are no longer known


@receiver(post_save, sender=Region, dispatch_uid="marketplace.region_saved")
@receiver(post_delete, sender=Region, dispatch_uid="marketplace.region_deleted")
def names_changed(sender, *, raw=False, **kwargs) -> None:
    if not raw:
        catalogue_changed()
