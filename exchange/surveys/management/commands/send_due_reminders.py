from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from exchange.surveys.services.invitations import reminders_send_due


class Command(BaseCommand):
    help = "Queue the scheduled reminders of every open wave that has a reminder interval. Run it daily (cron)."

    def handle(self, *args, **options):
        base = settings.SITE_URL.rstrip("/")
        sent = reminders_send_due(
            link=lambda token: base + reverse("surveys:respond", kwargs={"token": token}),
            opt_out_link=lambda token: base + reverse("surveys:opt-out", kwargs={"token": token}),
        )
        self.stdout.write(f"{sent} reminders queued.")
