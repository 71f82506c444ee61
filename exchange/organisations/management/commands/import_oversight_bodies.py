import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.core.exceptions import ApplicationError
from exchange.organisations.services import OversightImportRefused, oversight_bodies_import

NOTHING_TO_IMPORT = "Give at least one of --boards, --senates, --practices or --area-teams."


class Command(BaseCommand):
    help = """Load the bodies that oversee commissioners' plans: every file given in one transaction, all or nothing.
Any problem on any line refuses every file; each problem is printed as 'FILE line N: reason' and the exit status is 1.

Files are CSV with a header line; a list of codes is separated by ';'.
  boards:    ons_code,name,commissioner_ons_codes
             the ONS code of the board's upper-tier local authority (E06, E08, E09 or E10 and 6 digits), its name,
             and the CCG codes (E38 and 6 digits) of the commissioners in the registry whose area overlaps it
  senates:   name,area_team_ons_codes
             the clinical senate's name and the codes (E39 and 6 digits) of the area teams in the registry it
             covers; an area team is in one senate at most
  practices: ods_code,name,commissioner_ons_code
             the GP practice's ODS code (a capital letter and 5 digits), its name, and the CCG code of the
             commissioner in the registry it is a member of
--area-teams gives every area team of the registry its NHS England area team organisation (no file).
"""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter  # keep the formats' layout
        return parser

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
