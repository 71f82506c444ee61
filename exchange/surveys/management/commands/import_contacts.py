from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.core.exceptions import ApplicationError
from exchange.surveys.selectors import wave_by_path
from exchange.surveys.services.contacts import ContactImportError, contacts_import_csv


class Command(BaseCommand):
    help = (
        "Add contacts to a draft wave from a CSV file (name, email, role, organisation_code). All or nothing; "
        "refused once the wave has opened."
    )

    def add_arguments(self, parser):
        parser.add_argument("wave", help="SERIES_SLUG/WAVE_SLUG")
        parser.add_argument("file", type=Path)

    def handle(self, *args, wave: str, file: Path, **options):
        target = wave_by_path(wave)
        if target is None:
            raise CommandError(f"No wave {wave!r}; give it as SERIES_SLUG/WAVE_SLUG.")
        try:
            result = contacts_import_csv(wave=target, data=file.read_bytes(), actor=None)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        except ContactImportError as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"Nothing was imported. {len(error.problems)} problem(s):\n{lines}") from error
        self.stdout.write(self.style.SUCCESS(f"{result.added} contacts added, {result.merged} merged."))
