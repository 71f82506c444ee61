from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import Confidentiality, SurveySeries
from exchange.surveys.services.xlsform import XLSFormError, wave_import_xlsform

from ..common import problems_refused


class Command(BaseCommand):
    help = "Create a wave from an XLSForm; anything we cannot represent is listed and nothing is imported."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--series", required=True, help="The series' slug.")
        parser.add_argument("--wave", required=True, help="The new wave's label, e.g. 2014.")
        parser.add_argument(
            "--named", action="store_true", help="Keep responses linked to people (default: confidential)."
        )
        parser.add_argument(
            "--language", help="The language of the labels to take when the form has several (default: its default)."
        )

    def handle(self, *args, file: Path, series: str, wave: str, named: bool, language: str | None, **options):
        owner_series = SurveySeries.objects.filter(slug=series).first()
        if owner_series is None:
            raise CommandError(f"No survey series with the slug {series!r}.")
        ignored: list = []
        try:
            created = wave_import_xlsform(
                series=owner_series,
                label=wave,
                data=file.read_bytes(),
                confidentiality=Confidentiality.NAMED if named else Confidentiality.CONFIDENTIAL,
                language=language,
                ignored=ignored,
            )
        except XLSFormError as error:
            raise problems_refused(error.problems) from error
        except (ApplicationError, OSError) as error:
            raise CommandError(f"Nothing was imported. {getattr(error, 'message', error)}") from error
        for line in ignored:
            self.stdout.write(f"Left out: {line}")
        self.stdout.write(self.style.SUCCESS(f"Created {created} with {created.questions.count()} questions."))
