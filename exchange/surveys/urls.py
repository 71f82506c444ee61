from django.urls import path

from .views import answering, authoring, manage

app_name = "surveys"

wave = "<slug:series_slug>/<slug:wave_slug>"

urlpatterns = [
    path("respond/<str:token>/", answering.respond, name="respond"),
    path("respond/<str:token>/opt-out/", answering.opt_out, name="opt-out"),
    path(f"answer/{wave}/", answering.answer_start, name="answer-start"),
    path(f"answer/{wave}/section/<slug:section_code>/", answering.answer_section, name="answer-section"),
    path(f"answer/{wave}/check/", answering.answer_check, name="answer-check"),
    path(f"answer/{wave}/done/", answering.answer_done, name="answer-done"),
    path("", manage.series_list, name="series-list"),
    path("<slug:series_slug>/", manage.series_detail, name="series-detail"),
    path("<slug:series_slug>/import-xlsform/", authoring.xlsform_upload, name="xlsform-upload"),
    path(f"{wave}/", manage.wave_detail, name="wave-detail"),
    path(f"{wave}/tracking/", manage.wave_tracking, name="wave-tracking"),
    path(f"{wave}/status/", manage.wave_status_change, name="wave-status"),
    path(f"{wave}/send/", manage.wave_send, name="wave-send"),
    path(f"{wave}/contacts/", manage.contact_list, name="contact-list"),
    path(f"{wave}/contacts/upload/", manage.contacts_upload, name="contacts-upload"),
    path(f"{wave}/contacts/from-members/", manage.contacts_from_members, name="contacts-from-members"),
    path(f"{wave}/copy/", manage.wave_copy_view, name="wave-copy"),
    path(f"{wave}/questionnaire/", authoring.questionnaire_edit, name="questionnaire"),
    path(f"{wave}/questionnaire/preview/", authoring.questionnaire_preview, name="questionnaire-preview"),
    path(f"{wave}/questionnaire/xlsform/", authoring.xlsform_download, name="xlsform-download"),
    path(f"{wave}/questionnaire/sections/new/", authoring.section_new, name="section-new"),
    path(
        f"{wave}/questionnaire/sections/<slug:section_code>/questions/new/", authoring.question_new, name="question-new"
    ),
    path(f"{wave}/questionnaire/questions/<str:code>/", authoring.question_edit, name="question-edit"),
    path(f"{wave}/questionnaire/questions/<str:code>/move/", authoring.question_move_view, name="question-move"),
    path(f"{wave}/questionnaire/questions/<str:code>/delete/", authoring.question_delete_view, name="question-delete"),
]
