from django.core.management.base import BaseCommand

from exchange.surveys.services.invitations import reminders_send_due


class Command(BaseCommand):
    help = "Queue the scheduled reminders of every open wave that has a reminder interval. Run it daily (cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"{reminders_send_due()} reminders queued.")
