from django_tasks import task


@task()
def requirement_published_notify(*, requirement_id: int, provider_ids: list[int]) -> int:
    """Tell each eligible provider's representatives that a requirement they can bid for is published. Returns the
    number of e-mails queued."""
    from django.conf import settings
    from django.urls import reverse

    from exchange.accounts.selectors import member_emails
    from exchange.core.moments import moment_text
    from exchange.core.tasks import email_queue
    from exchange.marketplace.catalogue.permissions import PROVIDER_ROLES
    from exchange.marketplace.procurement.models import Requirement

    requirement = Requirement.objects.select_related("lead").get(pk=requirement_id)
    emails = member_emails(organisation_ids=provider_ids, roles=PROVIDER_ROLES)
    link = settings.SITE_URL + reverse("marketplace:requirement-detail", args=[requirement.pk])
    subject = f"New requirement: {requirement.title}"
    body = (
        f"{requirement.lead.name} has published a requirement you can bid for: {requirement.title}.\n\n"
        f"{requirement.summary}\n\nQuestions close: {moment_text(requirement.clarification_deadline)}. "
        f"Bids close: {moment_text(requirement.bid_deadline)}.\n\n{link}\n"
    )
    for email in emails:
        email_queue(to=[email], subject=subject, body=body)
    return len(emails)


@task()
def award_notify(*, requirement_id: int) -> int:
    """Tell every bidder the outcome, with a link to its own scores beside the winner's. Returns the number of
    e-mails queued."""
    from django.conf import settings
    from django.urls import reverse

    from exchange.accounts.selectors import member_emails
    from exchange.core.moments import moment_text
    from exchange.core.tasks import email_queue
    from exchange.marketplace.catalogue.permissions import PROVIDER_ROLES
    from exchange.marketplace.procurement.models import BidStatus, Requirement

    requirement = Requirement.objects.select_related("award__bid__provider").get(pk=requirement_id)
    winner = requirement.award.bid.provider
    link = settings.SITE_URL + reverse("marketplace:bid-feedback", args=[requirement.pk])
    queued = 0
    for bid in requirement.bids.filter(status=BidStatus.SUBMITTED).select_related("provider"):
        outcome = "Your bid won." if bid.provider_id == winner.pk else f"The requirement was awarded to {winner.name}."
        body = (
            f"{requirement.title}\n\n{outcome} The standstill period runs until "
            f"{moment_text(requirement.award.standstill_ends_at)}.\n\n"
            f"Your assessment summary (your scores and the reasons for them, beside the winning bid's): {link}\n"
        )
        for email in member_emails(organisation_ids=[bid.provider_id], roles=PROVIDER_ROLES):
            email_queue(to=[email], subject=f"Outcome: {requirement.title}", body=body)
            queued += 1
    return queued
