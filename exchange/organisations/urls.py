from django.urls import path

from .views import directory

app_name = "organisations"

urlpatterns = [
    path("", directory.organisation_list, name="organisation-list"),
    path("<slug:slug>/", directory.organisation_detail, name="organisation-detail"),
]
