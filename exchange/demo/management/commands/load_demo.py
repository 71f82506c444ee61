from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from exchange.demo.services import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load the organisation registry and illustrative demo organisations and users (never in production)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000", help="The port `make demo` serves on, for the printed links.")

    def handle(self, *args, **options):
        if not settings.DEMO:
            raise CommandError("Demo data is only loaded with the demo's settings (DEMO = True); never in production.")
        # The demo's procurements send their illustrative notifications as they are built: keep them off the
        # console, where they would bury the sign-ins below.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            people, survey_token = demo_load()
        # The closed confidential waves' disclosure decisions, worked out now rather than on the first visit.
        from exchange.analysis.tasks import protection_prepare
        from exchange.surveys.selectors import closed_confidential_waves

        for wave in closed_confidential_waves():
            protection_prepare.call(wave_id=wave.pk)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Demo sign-ins (password for all: {DEMO_PASSWORD}):"))
        for person in people:
            roles = ", ".join(role.label for role in person.roles) or "platform staff"
            self.stdout.write(f"  {person.email:32} {person.organisation} ({roles})")
        self.stdout.write(
            "\nProcurement: buyer@demo.example leads two joint requirements with buyer@fylde.example (NHS Fylde &"
            " Wyre);\n  provider@demo.example can bid for the open one; evaluator@demo.example and"
            " evaluator@fylde.example evaluate:\n"
            f"  http://127.0.0.1:{options['port']}/marketplace/requirements/"
        )
        self.stdout.write(
            "\nPlans: clinical.lead@demo.example (NHS Blackpool) has one review finished and one in progress;"
            " its reviewers\n  board.lead@, senate.lead@, area.team@ and practice1@ to practice5@demo.example:\n"
            f"  http://127.0.0.1:{options['port']}/plans/"
        )
        if survey_token:
            self.stdout.write(
                "\nThe open 'Appraisal of NHS England, 2014' survey, as Dr Amanda Hughes of NHS Blackpool:\n"
                f"  http://127.0.0.1:{options['port']}/surveys/respond/{survey_token}/"
            )
