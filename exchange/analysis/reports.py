"""PDF reports with WeasyPrint: a wave's full report, and one organisation's report beside all respondents."""

from dataclasses import replace

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML

from exchange.organisations.models import Organisation
from exchange.surveys.models import Response, Wave

from .charts import chart_for
from .comments import quotes
from .headlines import headline
from .models import HeadlineStatement
from .organisation_results import organisation_comparison
from .results import Options, wave_results
from .selectors import wave_tracking


def _method_tracking(wave: Wave):
    """The frame and response rate for the method section. For a wave whose responses were loaded from elsewhere
    (`import_responses`), no contact has a status, so completions are counted from the responses of the frame's
    organisations instead of printing "0 of 8,018"; with no frame, None (the section says so)."""
    if not wave.contacts.exists():
        return None
    tracking = wave_tracking(wave=wave)
    responses = Response.objects.filter(wave=wave)
    if tracking.overall.completed or tracking.overall.suppressed or not responses.exists():
        return tracking
    frame = wave.contacts.values("organisation_id")
    in_frame = responses.filter(organisation_id__in=frame)
    covered = in_frame.values("organisation_id").distinct().count()
    overall = replace(tracking.overall, completed=in_frame.count(), organisations_completed=covered)
    pins = covered == overall.organisations_invited or overall.completed == covered
    overall = replace(overall, coverage_hidden=wave.is_confidential and pins)
    return replace(tracking, overall=overall)


def _context(wave: Wave) -> dict:
    overall = wave_results(wave=wave)  # a confidential wave still open: Refused, which the view turns into a 409
    results = wave_results(wave=wave, options=Options(by="region"))
    by_code = {result.code: result for result in overall}
    return {
        "wave": wave,
        "tracking": _method_tracking(wave),
        "responses": wave.responses.count(),
        "bases": overall,
        "panels": [
            {"result": r, "chart": mark_safe(chart_for(r, f"chart-{i}", narrow=False) or ""), "id": f"q-{r.code}"}  # noqa: S308
            for i, r in enumerate(results)
        ],
        "headlines": [
            headline(by_code[h.result_code], h.option_codes, h.predicate)
            for h in HeadlineStatement.objects.filter(wave=wave)
            if h.result_code in by_code
        ],
        "threshold": wave.series.suppression_threshold,
        "quotes": {
            question.code: quotes(wave=wave, question=question)
            for question in wave.questions.filter(kind__in=["short_text", "long_text"])
        },
    }


def wave_report_pdf(*, wave: Wave) -> bytes:
    html = render_to_string("analysis/report.html", _context(wave))
    return HTML(string=html).write_pdf()


def organisation_report_pdf(*, wave: Wave, organisation: Organisation) -> bytes:
    context = _context(wave)
    context.update(organisation=organisation, comparisons=organisation_comparison(wave=wave, organisation=organisation))
    html = render_to_string("analysis/organisation_report.html", context)
    return HTML(string=html).write_pdf()
