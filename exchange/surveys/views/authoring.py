"""Writing a wave's questionnaire: sections, questions, order, preview, XLSForm in and out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from exchange.core.exceptions import ApplicationError

from .. import selectors
from ..forms.answering import SectionForm as AnswerSectionForm
from ..forms.authoring import QuestionForm, SectionForm, question_initial
from ..forms.manage import XLSFormUploadForm
from ..models import Confidentiality, Question
from ..questionnaire import Questionnaire
from ..services import authoring
from ..services.xlsform import XLSFormError, wave_export_xlsform, wave_import_xlsform
from .manage import _wave_or_404


def _question_or_404(wave, code: str) -> Question:
    question = wave.questions.select_related("section").filter(code=code).first()
    if question is None:
        raise Http404
    return question


@login_required
def questionnaire_edit(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = _wave_or_404(request, series_slug, wave_slug)
    return render(request, "surveys/questionnaire_edit.html", {"wave": wave, "questionnaire": Questionnaire.load(wave)})


@login_required
def questionnaire_preview(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = _wave_or_404(request, series_slug, wave_slug)
    questionnaire = Questionnaire.load(wave)
    sections = [
        (section, AnswerSectionForm(questions=questionnaire.questions_by_section[section.id], answers={}))
        for section in questionnaire.sections
    ]
    return render(request, "surveys/questionnaire_preview.html", {"wave": wave, "sections": sections})


@login_required
@require_http_methods(["GET", "POST"])
def section_new(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = _wave_or_404(request, series_slug, wave_slug)
    form = SectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            authoring.section_create(wave=wave, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            return redirect("surveys:questionnaire", series_slug=series_slug, wave_slug=wave_slug)
    return render(
        request, "surveys/section_form.html", {"wave": wave, "form": form}, status=400 if form.errors else 200
    )


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
    }


@login_required
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest, series_slug: str, wave_slug: str, section_code: str) -> HttpResponse:
    wave = _wave_or_404(request, series_slug, wave_slug)
    section = wave.sections.filter(code=section_code).first()
    if section is None:
        raise Http404
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            authoring.question_create(
                section=section, code=data["code"], kind=data["kind"], **_question_arguments(data)
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Question {data['code']} added.")
            return redirect("surveys:questionnaire", series_slug=series_slug, wave_slug=wave_slug)
    return render(
        request,
        "surveys/question_form.html",
        {"wave": wave, "section": section, "form": form, "question": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, series_slug: str, wave_slug: str, code: str) -> HttpResponse:
    wave = _wave_or_404(request, series_slug, wave_slug)
    question = _question_or_404(wave, code)
    form = QuestionForm(
        request.POST if request.method == "POST" else None, initial=question_initial(question), editing=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            authoring.question_update(question=question, **_question_arguments(form.cleaned_data))
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Question {question.code} saved.")
            return redirect("surveys:questionnaire", series_slug=series_slug, wave_slug=wave_slug)
    return render(
        request,
        "surveys/question_form.html",
        {"wave": wave, "section": question.section, "form": form, "question": question},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def question_move_view(request: HttpRequest, series_slug: str, wave_slug: str, code: str) -> HttpResponse:
    wave = _wave_or_404(request, series_slug, wave_slug)
    question = _question_or_404(wave, code)
    try:
        authoring.question_move(question=question, direction=-1 if request.POST.get("direction") == "up" else 1)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("surveys:questionnaire", series_slug=series_slug, wave_slug=wave_slug)


@login_required
@require_POST
def question_delete_view(request: HttpRequest, series_slug: str, wave_slug: str, code: str) -> HttpResponse:
    wave = _wave_or_404(request, series_slug, wave_slug)
    question = _question_or_404(wave, code)
    try:
        authoring.question_delete(question=question)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Question {code} deleted.")
    return redirect("surveys:questionnaire", series_slug=series_slug, wave_slug=wave_slug)


@login_required
def xlsform_download(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = _wave_or_404(request, series_slug, wave_slug)
    response = HttpResponse(
        wave_export_xlsform(wave=wave),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{series_slug}-{wave_slug}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def xlsform_upload(request: HttpRequest, series_slug: str) -> HttpResponse:
    series = selectors.series_managed_get(user=request.user, slug=series_slug)
    if series is None:
        raise Http404
    form = XLSFormUploadForm(request.POST if request.method == "POST" else None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            wave = wave_import_xlsform(
                series=series,
                label=form.cleaned_data["label"],
                data=form.cleaned_data["file"].read(),
                confidentiality=Confidentiality.CONFIDENTIAL,
            )
        except XLSFormError as error:
            problems = error.problems
            form.add_error("file", f"The form has {len(problems)} problem(s). Nothing was imported.")
        except ApplicationError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, f"{wave.label} was created from the XLSForm.")
            return redirect(wave.get_absolute_url())
    return render(
        request,
        "surveys/xlsform_upload.html",
        {"series": series, "form": form, "problems": problems},
        status=400 if form.errors else 200,
    )
