from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from exchange.surveys.questionnaire import Questionnaire

from ..charts import chart_for
from ..forms import DashboardForm, HeadlineForm
from ..protection import Refused
from ..results import Options
from ..selectors import wave_changes, wave_headlines, wave_results
from ..services import headline_add
from .common import managed_wave_or_404


def _options(form: DashboardForm) -> Options:
    if not form.is_valid():
        return Options()
    data = form.cleaned_data
    return Options(by=data["by"] or "", roles=tuple(data["roles"]), weighted=data["weighted"])


def _results_or_refusal(wave, form: DashboardForm, options: Options, codes: set[str] | None = None) -> list:
    """The results for these options or, where the disclosure layer refuses them, none and the reason on the form
    (against the field that asked for it), so the page says why."""
    try:
        return wave_results(wave=wave, options=options, codes=codes)
    except Refused as refusal:
        field = "roles" if options.roles else ("by" if options.by else "weighted")
        form.add_error(field, str(refusal))
        return []


def _panels(results):
    return [
        {"result": result, "chart": mark_safe(chart_for(result, f"chart-{index}") or ""), "id": f"q-{result.code}"}  # noqa: S308 - our SVG, escaped
        for index, result in enumerate(results)
    ]


@login_required
def wave_dashboard(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    return _dashboard(request, managed_wave_or_404(request, series_slug, wave_slug))


def _dashboard(request: HttpRequest, wave, headline_form: HeadlineForm | None = None, status: int = 200):
    form = DashboardForm(request.GET or None, questionnaire=Questionnaire.for_wave(wave))
    options = _options(form)
    try:
        overall_results = wave_results(wave=wave)
    except Refused as refusal:
        return render(request, "analysis/dashboard_closed.html", {"wave": wave, "reason": str(refusal)})
    results = _results_or_refusal(wave, form, options) if options != Options() else overall_results
    return render(
        request,
        "analysis/dashboard.html",
        {
            "wave": wave,
            "form": form,
            "panels": _panels(results),
            "options": options,
            "headlines": wave_headlines(wave=wave, results=overall_results),
            "changes": wave_changes(wave=wave, current=overall_results),
            "headline_form": headline_form
            or HeadlineForm(results=overall_results, question=request.GET.get("result_code", "")),
            "threshold": wave.series.suppression_threshold,
        },
        status=status,
    )


@login_required
def question_dashboard(request: HttpRequest, series_slug: str, wave_slug: str, code: str) -> HttpResponse:
    wave = managed_wave_or_404(request, series_slug, wave_slug)
    questionnaire = Questionnaire.for_wave(wave)
    form = DashboardForm(request.GET or None, questionnaire=questionnaire)
    question = questionnaire.by_code.get(code)
    if question is None:
        raise Http404
    try:
        wave_results(wave=wave, codes={code})
    except Refused as refusal:
        return render(request, "analysis/dashboard_closed.html", {"wave": wave, "reason": str(refusal)})
    results = [r for r in _results_or_refusal(wave, form, _options(form), codes={code}) if r.question.code == code]
    return render(
        request,
        "analysis/question.html",
        {
            "wave": wave,
            "form": form,
            "panels": _panels(results),
            "threshold": wave.series.suppression_threshold,
            "question": question,
        },
    )


@login_required
@require_POST
def headline_create(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = managed_wave_or_404(request, series_slug, wave_slug)
    try:
        results = wave_results(wave=wave)
    except Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("analysis:dashboard", series_slug=series_slug, wave_slug=wave_slug)
    form = HeadlineForm(request.POST, results=results)
    if form.is_valid():
        headline_add(wave=wave, **form.cleaned_data)
        messages.success(request, "Headline statement added.")
        return redirect("analysis:dashboard", series_slug=series_slug, wave_slug=wave_slug)
    # The page again, with an error summary linking to each field and what was typed still in the boxes.
    return _dashboard(request, wave, headline_form=form, status=400)
