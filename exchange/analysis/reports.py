"""PDF reports with WeasyPrint: a wave's full report, and one organisation's report beside all respondents. What
they show is read by the selectors; this module lays it out."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML

from exchange.organisations.models import Organisation
from exchange.surveys.models import Wave

from .charts import chart_for
from .results import Options
from .selectors import method_tracking, organisation_comparison, wave_headlines, wave_quotes, wave_results


def _context(wave: Wave) -> dict:
    overall = wave_results(wave=wave)  # a confidential wave still open: Refused, which the view turns into a 409
    results = wave_results(wave=wave, options=Options(by="region"))
    return {
        "wave": wave,
        "tracking": method_tracking(wave=wave),
        "responses": wave.responses.count(),
        "bases": overall,
        "panels": [
            {"result": r, "chart": mark_safe(chart_for(r, f"chart-{i}", narrow=False) or ""), "id": f"q-{r.code}"}  # noqa: S308
            for i, r in enumerate(results)
        ],
        "headlines": wave_headlines(wave=wave, results=overall),
        "threshold": wave.series.suppression_threshold,
        "quotes": wave_quotes(wave=wave),
    }


def wave_report_pdf(*, wave: Wave) -> bytes:
    html = render_to_string("analysis/report.html", _context(wave))
    return HTML(string=html).write_pdf()


def organisation_report_pdf(*, wave: Wave, organisation: Organisation) -> bytes:
    context = _context(wave)
    context.update(organisation=organisation, comparisons=organisation_comparison(wave=wave, organisation=organisation))
    html = render_to_string("analysis/organisation_report.html", context)
    return HTML(string=html).write_pdf()
