from django_tasks import task


@task()
def requirement_published_notify(*, requirement_id: int, provider_ids: list[int]) -> int:
    """Tell each eligible provider's representatives that a requirement they can bid for is published."""
    from django.conf import settings
    from django.core.mail import send_mass_mail
    from django.urls import reverse

    from exchange.accounts.models import Membership

    from .models import Requirement
    from .permissions import PROVIDER_ROLES

    requirement = Requirement.objects.select_related("lead").get(pk=requirement_id)
    emails = sorted(
        set(
            Membership.objects.filter(organisation_id__in=provider_ids, roles__role__in=PROVIDER_ROLES).values_list(
                "user__email", flat=True
            )
        )
    )
    link = settings.SITE_URL + reverse("marketplace:requirement-detail", args=[requirement.pk])
    subject = f"New requirement: {requirement.title}"
    body = (
        f"{requirement.lead.name} has published a requirement you can bid for: {requirement.title}.\n\n"
        f"{requirement.summary}\n\nQuestions close {requirement.clarification_deadline:%-d %B %Y %H:%M}; "
        f"bids close {requirement.bid_deadline:%-d %B %Y %H:%M}.\n\n{link}\n"
    )
    return send_mass_mail([(subject, body, None, [email]) for email in emails])


@task()
def award_notify(*, requirement_id: int) -> int:
    """Tell every bidder the outcome, with a link to its own scores beside the winner's."""
    from django.conf import settings
    from django.core.mail import send_mass_mail
    from django.urls import reverse

    from exchange.accounts.models import Membership

    from .models import BidStatus, Requirement
    from .permissions import PROVIDER_ROLES

    requirement = Requirement.objects.select_related("award__bid__provider").get(pk=requirement_id)
    winner = requirement.award.bid.provider
    link = settings.SITE_URL + reverse("marketplace:bid-feedback", args=[requirement.pk])
    messages = []
    for bid in requirement.bids.filter(status=BidStatus.SUBMITTED).select_related("provider"):
        outcome = "Your bid won." if bid.provider_id == winner.pk else f"The requirement was awarded to {winner.name}."
        body = (
            f"{requirement.title}\n\n{outcome} The standstill period ends "
            f"{requirement.award.standstill_ends_at:%-d %B %Y %H:%M}.\n\n"
            f"Your scores and the reasons for them, beside the winning bid's scores: {link}\n"
        )
        emails = Membership.objects.filter(organisation=bid.provider, roles__role__in=PROVIDER_ROLES).values_list(
            "user__email", flat=True
        )
        messages += [(f"Outcome: {requirement.title}", body, None, [email]) for email in sorted(set(emails))]
    return send_mass_mail(messages)
