from django.urls import path

from exchange.marketplace.procurement.views import ocds

app_name = "ocds"

urlpatterns = [
    path("", ocds.publication_policy, name="publication-policy"),
    path("releases.json", ocds.release_list, name="release-list"),
    path("releases/<str:ocid>.json", ocds.release_detail, name="release-detail"),
    path("records.json", ocds.record_list, name="record-list"),
    path("records/<str:ocid>.json", ocds.record_detail, name="record-detail"),
]
