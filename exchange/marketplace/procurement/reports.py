"""The evaluation report: the whole procurement on paper (WeasyPrint), for the file and for auditors. The page and
the PDF are built from the same context, read through the procurement's visibility selectors."""

from django.template.loader import render_to_string
from weasyprint import HTML

from exchange.marketplace.procurement.access import ProcurementAccess
from exchange.marketplace.procurement.selectors.evaluation import (
    moderated_visible,
    report_bids,
    requirement_audit_events,
    results_visible,
    scores_visible,
    submitted_bids,
)
from exchange.marketplace.procurement.selectors.requirements import requirement_shares


def evaluation_report_context(*, access: ProcurementAccess) -> dict:
    """What the report shows the person `access` describes; empty where they may not see (sealed bids, scores of
    other evaluators before their own are submitted)."""
    requirement, user = access.requirement, None
    bids = report_bids(access=access)
    results = results_visible(user=user, requirement=requirement, access=access)
    named = submitted_bids(requirement) if results else bids
    return {
        "requirement": requirement,
        "access": access,
        "shares": requirement_shares(requirement),
        "criteria": list(requirement.criteria.all()),
        "bids": bids,
        "bid_names": {bid.pk: bid.provider.name for bid in named},
        "events": requirement_audit_events(user=user, requirement=requirement, access=access),
        "results": results,
        "award": getattr(requirement, "award", None) if not access.sealed else None,
        "scores": scores_visible(user=user, requirement=requirement, access=access),
        "moderated": moderated_visible(user=user, requirement=requirement, access=access),
        "now": access.now,
    }


def evaluation_report_pdf(*, access: ProcurementAccess) -> bytes:
    html = render_to_string("marketplace/evaluation_report_pdf.html", evaluation_report_context(access=access))
    return HTML(string=html).write_pdf()
