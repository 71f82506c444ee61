from pathlib import Path

from django.core.management.base import BaseCommand
from django.urls import reverse

from exchange.marketplace.procurement.ocds import package_envelope, package_text
from exchange.marketplace.procurement.selectors.releases import releases_published


class Command(BaseCommand):
    help = "Write every release ever published, as published, as one OCDS 1.1 release package (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="File to write, or - for standard output.")

    def handle(self, *args, output: str, **options):
        bodies = [release.body for release in releases_published().iterator()]
        text = package_text(package_envelope(uri_path=reverse("ocds:release-list")), "releases", bodies)
        if output == "-":
            self.stdout.write(text)
        else:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {len(bodies)} releases to {output}")
