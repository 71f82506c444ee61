from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.analysis.exports import export_csv, export_sav, export_xlsx
from exchange.surveys.models import Wave
from exchange.surveys.selectors import wave_by_path

WRITERS = {"csv": export_csv, "xlsx": export_xlsx, "sav": export_sav}


def wave_from(argument: str) -> Wave:
    wave = wave_by_path(argument)
    if wave is None:
        raise CommandError(f"No wave {argument!r}; give it as SERIES_SLUG/WAVE_SLUG.")
    return wave


class Command(BaseCommand):
    help = "Export a wave's responses, one row per response (confidential waves carry no identifying column)."

    def add_arguments(self, parser):
        parser.add_argument("wave", help="SERIES_SLUG/WAVE_SLUG")
        parser.add_argument("--format", choices=sorted(WRITERS), default="csv")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, wave, format, output, **options):
        output.write_bytes(WRITERS[format](wave_from(wave)))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
