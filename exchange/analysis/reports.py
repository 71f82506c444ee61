"""PDF reports with WeasyPrint: a wave's full report, and one organisation's report beside all respondents."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML

from exchange.organisations.models import Organisation
from exchange.surveys.models import Wave
from exchange.surveys.selectors import wave_tracking

from .charts import chart_for
from .comments import quotes
from .headlines import headline
from .models import HeadlineStatement
from .organisation_results import organisation_comparison
from .results import Options, wave_results


def _context(wave: Wave) -> dict:
    overall = wave_results(wave=wave)  # a confidential wave still open: Refused, which the view turns into a 409
    results = wave_results(wave=wave, options=Options(by="region"))
    by_code = {result.code: result for result in overall}
    return {
        "wave": wave,
        "tracking": wave_tracking(wave=wave) if wave.contacts.exists() else None,
        "responses": wave.responses.count(),
        "panels": [
            {"result": r, "chart": mark_safe(chart_for(r, f"chart-{i}") or ""), "id": f"q-{r.code}"}  # noqa: S308
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
