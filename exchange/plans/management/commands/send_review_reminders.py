from django.core.management.base import BaseCommand

from exchange.plans.services.notices import review_reminders_send


class Command(BaseCommand):
    help = (
        "Remind reviewers who have not yet given their view of a plan whose review closes within three days. Run daily."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {review_reminders_send()} reminders.")
