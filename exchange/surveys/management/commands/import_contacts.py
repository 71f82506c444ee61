from pathlib import Path

from django.core.management.base import CommandError

from exchange.core.exceptions import ApplicationError
from exchange.surveys.services.contacts import ContactImportError, contacts_import_csv

from ..common import WaveFileCommand, problems_refused


class Command(WaveFileCommand):
    help = (
        "Add contacts to a draft wave from a CSV file (name, email, role, organisation_code). All or nothing; "
        "refused once the wave has opened."
    )

    def handle(self, *args, wave: str, file: Path, **options):
        target = self.wave_from(wave)
        try:
            result = contacts_import_csv(wave=target, data=file.read_bytes(), actor=None)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        except ContactImportError as error:
            raise problems_refused(error.problems) from error
        self.stdout.write(self.style.SUCCESS(f"{result.added} contacts added, {result.merged} merged."))
