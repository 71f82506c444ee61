from django_tasks import task


@task()
def service_line_ratings_refresh(*, service_line_ids: list[int]) -> int:
    """Move every offering in these service lines to the new prior after a rating."""
    from .services.ratings import offering_ratings_refresh

    return offering_ratings_refresh(service_line_ids=service_line_ids)


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
