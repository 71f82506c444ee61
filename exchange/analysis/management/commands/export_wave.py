from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.analysis.disclosure import MicrodataRefused
from exchange.analysis.exports import export_csv, export_sav, export_xlsx
from exchange.analysis.selectors import export_plan
from exchange.surveys.selectors import wave_by_path

WRITERS = {"csv": export_csv, "xlsx": export_xlsx, "sav": export_sav}


def wave_from(argument: str):
    """The wave named SERIES_SLUG/WAVE_SLUG, or a CommandError."""
    wave = wave_by_path(argument)
    if wave is None:
        raise CommandError(f"No wave {argument!r}; give it as SERIES_SLUG/WAVE_SLUG.")
    return wave


class Command(BaseCommand):
    help = (
        "Export a wave's responses, one row per response. A confidential wave's export carries no identifying "
        "column, keeps only quasi-identifiers shared by at least the threshold of rows, and only cleared free text."
    )

    def add_arguments(self, parser):
        parser.add_argument("wave", help="SERIES_SLUG/WAVE_SLUG")
        parser.add_argument("--format", choices=sorted(WRITERS), default="csv")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, wave, format, output, **options):
        chosen = wave_from(wave)
        try:
            plan = export_plan(chosen)
            output.write_bytes(WRITERS[format](chosen))
        except MicrodataRefused as refused:
            raise CommandError(str(refused)) from refused
        kept = f"; quasi-identifiers kept: {plan.level}" if plan.confidential else ""
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}{kept}."))
