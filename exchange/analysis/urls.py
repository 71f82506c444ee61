from django.urls import path

from .views import comments, dashboard, reports

app_name = "analysis"

wave = "<slug:series_slug>/<slug:wave_slug>"

urlpatterns = [
    path(f"{wave}/", dashboard.wave_dashboard, name="dashboard"),
    path(f"{wave}/questions/<str:code>/", dashboard.question_dashboard, name="question"),
    path(f"{wave}/headlines/", dashboard.headline_create, name="headline-create"),
    path(f"{wave}/report.pdf", reports.wave_report, name="wave-report"),
    path(f"{wave}/comments/<str:code>/", comments.comment_browse, name="comments"),
    path(f"{wave}/comments/<str:code>/themes/", comments.theme_add, name="theme-add"),
    path(f"{wave}/comments/<str:code>/<str:reference>/", comments.comment_tag, name="comment-tag"),
    path(f"{wave}/responses.<str:fmt>", reports.export, name="export"),
    path(f"{wave}/results.csv", reports.results_csv, name="results-csv"),
    path(
        f"{wave}/organisations/<slug:organisation_slug>/report.pdf",
        reports.organisation_report,
        name="organisation-report",
    ),
]
