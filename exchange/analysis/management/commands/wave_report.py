from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.analysis.management.commands.export_wave import wave_from
from exchange.analysis.permissions import organisation_report_refusal
from exchange.analysis.reports import organisation_report_pdf, wave_report_pdf
from exchange.core import clock
from exchange.organisations.selectors import organisation_by_ods_code


class Command(BaseCommand):
    help = (
        "Write a wave's PDF report, or one organisation's report beside all respondents (--organisation ODS): only "
        "for an organisation in the wave's sample frame, once the wave is closed."
    )

    def add_arguments(self, parser):
        parser.add_argument("wave", help="SERIES_SLUG/WAVE_SLUG")
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument("--organisation", help="ODS code of the organisation")

    def handle(self, *args, wave, output, organisation, **options):
        target = wave_from(wave)
        if organisation:
            found = organisation_by_ods_code(code=organisation)
            if found is None:
                raise CommandError(f"No organisation with the ODS code {organisation!r}.")
            # Operators are not asked who they are, but get no report the organisation's own people could not get.
            refusal = organisation_report_refusal(wave=target, organisation=found, now=clock.now())
            if refusal is not None:
                raise CommandError(refusal)
            output.write_bytes(organisation_report_pdf(wave=target, organisation=found))
        else:
            output.write_bytes(wave_report_pdf(wave=target))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
