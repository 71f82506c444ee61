from django.contrib import admin
from django.urls import include, path

from exchange.accounts.views.auth import admin_sign_in
from exchange.core.api import API_PATH
from exchange.marketplace.api import api
from exchange.organisations.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("exchange.core.urls")),
    path("organisations/", include("exchange.organisations.urls")),
    path("accounts/", include("exchange.accounts.urls")),
    path("audit/", include("exchange.audit.urls")),
    path("surveys/", include("exchange.surveys.urls")),
    path("results/", include("exchange.analysis.urls")),
    path("marketplace/", include("exchange.marketplace.urls")),
    path("plans/", include("exchange.plans.urls")),
    path("ocds/", include("exchange.marketplace.procurement.urls_ocds")),
    path(API_PATH, api.urls),
    # Before the admin's own: its sign-in page would check passwords past the service's sign-in (limits, audit).
    path("admin/login/", admin_sign_in, name="admin-sign-in"),
    path("admin/", admin.site.urls),
]

handler400 = "exchange.core.views.pages.bad_request"
handler404 = "exchange.core.views.pages.not_found"
handler500 = "exchange.core.views.pages.server_error"
handler403 = "exchange.core.views.pages.forbidden"
