from pathlib import Path

from exchange.surveys.services.historic import ResponseImportError, responses_import_csv

from ..common import WaveFileCommand, problems_refused


class Command(WaveFileCommand):
    help = "Load responses collected elsewhere into a wave, one CSV row per respondent. All or nothing."

    def handle(self, *args, wave: str, file: Path, **options):
        target = self.wave_from(wave)
        try:
            loaded = responses_import_csv(wave=target, data=file.read_bytes())
        except ResponseImportError as error:
            raise problems_refused(error.problems, done="loaded") from error
        self.stdout.write(self.style.SUCCESS(f"{loaded} responses loaded."))
