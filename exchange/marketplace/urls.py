"""The marketplace's pages under one namespace ("marketplace:…"): the catalogue's and procurement's own routes."""

from exchange.marketplace.catalogue.urls import urlpatterns as catalogue_urlpatterns
from exchange.marketplace.procurement.urls import urlpatterns as procurement_urlpatterns

app_name = "marketplace"

urlpatterns = catalogue_urlpatterns + procurement_urlpatterns
