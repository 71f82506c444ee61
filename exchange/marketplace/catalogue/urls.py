"""The catalogue's pages: search, compare, offerings, providers, engagements and ratings, shortlists."""

from django.urls import path

from exchange.marketplace.catalogue.views import compare, offerings, ratings, search, shortlists

urlpatterns = [
    path("", search.offering_search, name="offering-search"),
    path("compare/", compare.compare, name="compare"),
    path("recommend/", compare.recommend, name="recommend"),
    path("offerings/<id:pk>/", offerings.offering_detail, name="offering-detail"),
    path("offerings/<id:pk>/edit/", offerings.offering_edit, name="offering-edit"),
    path("offerings/<id:pk>/engagement/", ratings.engagement_create, name="engagement-create"),
    path("offerings/<id:pk>/rate/", ratings.rating_create_view, name="rating-create"),
    path("ratings/<id:pk>/reply/", ratings.rating_reply, name="rating-reply"),
    path("providers/<slug:slug>/", offerings.provider_detail, name="provider-detail"),
    path("providers/<slug:slug>/edit/", offerings.provider_edit, name="provider-edit"),
    path("providers/<slug:slug>/engagements/", ratings.engagement_list, name="engagement-list"),
    path("engagements/<id:pk>/confirm/", ratings.engagement_confirm_view, name="engagement-confirm"),
    path("providers/<slug:slug>/offerings/new/", offerings.offering_create_view, name="offering-create"),
    path("shortlists/", shortlists.shortlist_list_view, name="shortlist-list"),
    path("shortlists/new/", shortlists.shortlist_create_view, name="shortlist-create"),
    path("shortlists/<id:pk>/", shortlists.shortlist_detail, name="shortlist-detail"),
    path("shortlists/<id:pk>/freeze/", shortlists.shortlist_freeze_view, name="shortlist-freeze"),
    path("shortlists/<id:pk>/remove/<id:offering_pk>/", shortlists.shortlist_remove, name="shortlist-remove"),
    path("offerings/<id:offering_pk>/add-to-shortlist/", shortlists.shortlist_add, name="shortlist-add"),
    path("shortlists/<id:pk>/export.csv", shortlists.shortlist_export, name="shortlist-export"),
    path("searches/save/", shortlists.saved_search_create_view, name="saved-search-create"),
]
