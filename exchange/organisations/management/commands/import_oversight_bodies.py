from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.core.exceptions import ApplicationError
from exchange.organisations.services import OversightImportRefused, oversight_bodies_import

NOTHING_TO_IMPORT = "Give at least one of --boards, --senates, --practices or --area-teams."


class Command(BaseCommand):
    help = (
        "Load the bodies that oversee commissioners' plans, all files in one transaction, all or nothing: any "
        "problem on any line refuses every file, and each problem is printed as 'FILE line N: reason'. "
        "Formats (CSV with a header line; lists of codes separated by ';'): "
        "boards: ons_code,name,commissioner_ons_codes (an upper-tier local authority code, E06/E08/E09/E10 and 6 "
        "digits, and CCG codes E38... of commissioners in the registry); "
        "senates: name,area_team_ons_codes (area team codes E39... in the registry, each in one senate at most); "
        "practices: ods_code,name,commissioner_ons_code (a capital letter and 5 digits, and a CCG code). "
        "--area-teams gives every area team of the registry its NHS England area team organisation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--boards", type=Path, metavar="FILE", help="health and wellbeing boards (CSV)")
        parser.add_argument("--senates", type=Path, metavar="FILE", help="clinical senates (CSV)")
        parser.add_argument("--practices", type=Path, metavar="FILE", help="member GP practices (CSV)")
        parser.add_argument(
            "--area-teams", action="store_true", help="create or update the organisation of every area team"
        )

    def handle(self, *args, boards: Path | None, senates: Path | None, practices: Path | None, **options):
        area_teams = options["area_teams"]
        if boards is None and senates is None and practices is None and not area_teams:
            raise CommandError(NOTHING_TO_IMPORT)
        try:
            result = oversight_bodies_import(boards=boards, senates=senates, practices=practices, area_teams=area_teams)
        except OversightImportRefused as refusal:
            for problem in refusal.problems:
                self.stderr.write(str(problem))
            raise CommandError(refusal.message) from refusal
        except ApplicationError as error:
            raise CommandError(f"Nothing was imported. {error.message}") from error
        for name, counts in result.counts().items():
            label = name.replace("_", " ").capitalize()
            self.stdout.write(
                self.style.SUCCESS(
                    f"{label}: {counts['created']} created, {counts['updated']} updated, "
                    f"{counts['unchanged']} unchanged."
                )
            )
