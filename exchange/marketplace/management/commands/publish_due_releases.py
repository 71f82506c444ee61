from django.core.management.base import BaseCommand

from exchange.marketplace.procurement.services.releases import releases_publish_due


class Command(BaseCommand):
    help = (
        "Publish the open contracting releases the clock has caused (bid deadlines passed, contracts ended). "
        "Run it every few minutes (cron): the feed shows such an event only once this has run."
    )

    def handle(self, *args, **options):
        appended = releases_publish_due()
        self.stdout.write(f"Published {appended} release{'s' if appended != 1 else ''}.")
