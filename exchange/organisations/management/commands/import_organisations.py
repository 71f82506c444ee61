from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.organisations.reference_files import ReferenceFileError
from exchange.organisations.services import organisations_import


class Command(BaseCommand):
    help = "Load regions, area teams and CCGs from the ONS 2013 files in DIR (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        try:
            result = organisations_import(directory=directory)
        except ReferenceFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Organisations imported: {result}."))
