from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.surveys.selectors import wave_by_path
from exchange.surveys.services.historic import ResponseImportError, responses_import_csv


class Command(BaseCommand):
    help = "Load responses collected elsewhere into a wave, one CSV row per respondent. All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("wave", help="SERIES_SLUG/WAVE_SLUG")
        parser.add_argument("file", type=Path)

    def handle(self, *args, wave: str, file: Path, **options):
        target = wave_by_path(wave)
        if target is None:
            raise CommandError(f"No wave {wave!r}; give it as SERIES_SLUG/WAVE_SLUG.")
        try:
            loaded = responses_import_csv(wave=target, data=file.read_bytes())
        except ResponseImportError as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"Nothing was loaded. {len(error.problems)} problem(s):\n{lines}") from error
        self.stdout.write(self.style.SUCCESS(f"{loaded} responses loaded."))
