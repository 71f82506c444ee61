"""Writing a wave's questionnaire: sections, questions, order, preview, XLSForm in and out."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from exchange.core.exceptions import ApplicationError
from exchange.core.shortcuts import render_form

from ..forms.answering import SectionForm as AnswerSectionForm
from ..forms.authoring import QuestionForm, SectionForm, question_initial
from ..forms.manage import XLSFormUploadForm
from ..models import Confidentiality, Question
from ..questionnaire import Questionnaire
from ..services import authoring
from ..services.xlsform import XLSFormError, wave_export_xlsform, wave_import_xlsform
from .common import series_or_404, upload_refused, wave_or_404


def _to_questionnaire(wave) -> HttpResponse:
    return redirect("surveys:questionnaire", series_slug=wave.series.slug, wave_slug=wave.slug)


def _question_or_404(wave, code: str) -> Question:
    question = wave.questions.select_related("section").filter(code=code).first()
    if question is None:
        raise Http404
    return question


@login_required
def questionnaire_edit(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    return render(request, "surveys/questionnaire_edit.html", {"wave": wave, "questionnaire": Questionnaire.load(wave)})


@login_required
def questionnaire_preview(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    questionnaire = Questionnaire.load(wave)
    sections = [
        (section, AnswerSectionForm(questions=questionnaire.questions_by_section[section.id], answers={}))
        for section in questionnaire.sections
    ]
    return render(request, "surveys/questionnaire_preview.html", {"wave": wave, "sections": sections})


@login_required
@require_http_methods(["GET", "POST"])
def section_new(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    form = SectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            authoring.section_create(wave=wave, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            return _to_questionnaire(wave)
    return render_form(request, "surveys/section_form.html", {"wave": wave, "form": form})


RULE_TEXTS = ("constraint", "constraint_message", "required_message", "required_if", "default", "calculation")


def _question_arguments(data: dict) -> dict:
    return {
        "text": data["text"],
        "help_text": data["help_text"],
        "required": data["required"],
        "options": data["options"],
        "grid_items": data["grid_items"],
        "conditions": data["routing"],
        "min_value": data["min_value"],
        "max_value": data["max_value"],
        "whole_number": data["whole_number"],
        "rules": authoring.RulesSpec(readonly=data["readonly"], **{name: data[name] for name in RULE_TEXTS}),
    }


def _question_page(
    request: HttpRequest, wave, section, question, form: QuestionForm, *, save: Callable[[dict], Question], done: str
) -> HttpResponse:
    """The question form, new or edited: `save` writes the cleaned data through a service, whose refusal shows."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ApplicationError as error:
            field = error.extra.get("field") if error.extra else None
            form.add_error(field if field in form.fields else None, error.message)
        else:
            messages.success(request, f"Question {saved.code} {done}.")
            return _to_questionnaire(wave)
    return render_form(
        request, "surveys/question_form.html", {"wave": wave, "section": section, "form": form, "question": question}
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest, series_slug: str, wave_slug: str, section_code: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    section = wave.sections.filter(code=section_code).first()
    if section is None:
        raise Http404

    def save(data: dict) -> Question:
        return authoring.question_create(
            section=section, code=data["code"], kind=data["kind"], **_question_arguments(data)
        )

    form = QuestionForm(request.POST if request.method == "POST" else None)
    return _question_page(request, wave, section, None, form, save=save, done="added")


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, series_slug: str, wave_slug: str, code: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    question = _question_or_404(wave, code)

    def save(data: dict) -> Question:
        return authoring.question_update(question=question, **_question_arguments(data))

    form = QuestionForm(
        request.POST if request.method == "POST" else None, initial=question_initial(question), editing=True
    )
    return _question_page(request, wave, question.section, question, form, save=save, done="saved")


@login_required
@require_POST
def question_move_view(request: HttpRequest, series_slug: str, wave_slug: str, code: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    question = _question_or_404(wave, code)
    try:
        authoring.question_move(question=question, direction=-1 if request.POST.get("direction") == "up" else 1)
    except ApplicationError as error:
        messages.error(request, error.message)
    return _to_questionnaire(wave)


@login_required
@require_POST
def question_delete_view(request: HttpRequest, series_slug: str, wave_slug: str, code: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    question = _question_or_404(wave, code)
    try:
        authoring.question_delete(question=question)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Question {code} deleted.")
    return _to_questionnaire(wave)


@login_required
def xlsform_download(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    response = HttpResponse(
        wave_export_xlsform(wave=wave),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{series_slug}-{wave_slug}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def xlsform_upload(request: HttpRequest, series_slug: str) -> HttpResponse:
    series = series_or_404(request, series_slug)
    form = XLSFormUploadForm(request.POST if request.method == "POST" else None, request.FILES or None)
    problems: list = []
    ignored: list = []
    if request.method == "POST" and form.is_valid():
        try:
            wave = wave_import_xlsform(
                series=series,
                label=form.cleaned_data["label"],
                data=form.cleaned_data["file"].read(),
                confidentiality=Confidentiality.CONFIDENTIAL,
                language=form.cleaned_data["language"] or None,
                ignored=ignored,
            )
        except (XLSFormError, ApplicationError) as error:
            problems = upload_refused(form, error, noun="form")
        else:
            left_out = f" Left out: {'; '.join(str(line) for line in ignored)}." if ignored else ""
            messages.success(request, f"{wave.label} was created from the XLSForm.{left_out}")
            return redirect(wave.get_absolute_url())
    return render_form(request, "surveys/xlsform_upload.html", {"series": series, "form": form, "problems": problems})
