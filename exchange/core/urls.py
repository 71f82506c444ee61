from django.urls import path

from .views import health

app_name = "core"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("status/", health.status, name="status"),
]
