from django.urls import path

from .views import dashboard

app_name = "analysis"

wave = "<slug:series_slug>/<slug:wave_slug>"

urlpatterns = [
    path(f"{wave}/", dashboard.wave_dashboard, name="dashboard"),
    path(f"{wave}/questions/<str:code>/", dashboard.question_dashboard, name="question"),
    path(f"{wave}/headlines/", dashboard.headline_create, name="headline-create"),
]
