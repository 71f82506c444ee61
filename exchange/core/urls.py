from django.urls import path

from .views import health, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
]
