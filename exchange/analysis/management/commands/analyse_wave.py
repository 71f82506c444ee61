from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.analysis.exports import analysis_csv
from exchange.analysis.management.commands.export_wave import wave_from


class Command(BaseCommand):
    help = (
        "Write question x option x group results: question_code, option_code, group, count, base, percent, "
        "ci_low, ci_high, suppressed."
    )

    def add_arguments(self, parser):
        parser.add_argument("wave", help="SERIES_SLUG/WAVE_SLUG")
        parser.add_argument("--by", default="", help="region, role, area_team, organisation_kind, or a question code")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, wave, by, output, **options):
        target = wave_from(wave)
        if by and by not in ("region", "role", "area_team", "organisation_kind"):
            by = f"q:{by}"
        try:
            output.write_bytes(analysis_csv(target, by=by))
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
