"""The evaluation report: the whole procurement on paper (WeasyPrint), for the file and for auditors."""

from django.template.loader import render_to_string
from weasyprint import HTML

from .models import ModeratedScore, Requirement, Score
from .selectors.evaluation import requirement_audit_events, requirement_results
from .selectors.requirements import requirement_shares


def evaluation_report_context(requirement: Requirement) -> dict:
    bids = list(requirement.bids.select_related("provider").order_by("pk"))
    return {
        "requirement": requirement,
        "shares": requirement_shares(requirement),
        "criteria": list(requirement.criteria.all()),
        "bids": bids,
        "bid_names": {bid.pk: bid.provider.name for bid in bids},
        "events": requirement_audit_events(requirement),
        "results": requirement_results(requirement),
        "award": getattr(requirement, "award", None),
        "scores": Score.objects.filter(assignment__requirement=requirement)
        .select_related("assignment__evaluator", "bid__provider", "criterion")
        .order_by("bid_id", "criterion__position", "assignment_id"),
        "moderated": ModeratedScore.objects.filter(bid__requirement=requirement)
        .select_related("bid__provider", "criterion")
        .order_by("bid_id", "criterion__position"),
    }


def evaluation_report_pdf(*, requirement: Requirement) -> bytes:
    html = render_to_string("marketplace/evaluation_report_pdf.html", evaluation_report_context(requirement))
    return HTML(string=html).write_pdf()
