import json
from pathlib import Path

from django.core.management.base import BaseCommand

from exchange.marketplace.procurement.ocds import published_requirements, release_package


class Command(BaseCommand):
    help = "Write every published requirement as one OCDS 1.1 release package (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="File to write, or - for standard output.")

    def handle(self, *args, output: str, **options):
        package = release_package(published_requirements(), uri_path="/ocds/releases.json")
        text = json.dumps(package, ensure_ascii=False, indent=2)
        if output == "-":
            self.stdout.write(text)
        else:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {len(package['releases'])} releases to {output}")
