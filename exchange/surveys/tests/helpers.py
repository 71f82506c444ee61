"""Small helpers the surveys tests share: a contacts CSV, a wave's page address, the audit events of one action, a
questionnaire's structure."""

from django.urls import reverse

from exchange.audit.models import AuditEvent
from exchange.surveys.questionnaire import Questionnaire


def csv_bytes(*lines: str) -> bytes:
    """A contacts upload with the given rows under the usual header."""
    return ("\n".join(["name,email,role,organisation_code", *lines]) + "\n").encode()


def wave_url(wave, name: str, **extra) -> str:
    return reverse(f"surveys:{name}", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug, **extra})


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def structure(wave) -> list:
    """Everything that defines a questionnaire, without database ids."""
    questionnaire = Questionnaire.load(wave)
    return [
        (
            section.code,
            section.title,
            [
                (
                    q.code,
                    q.kind,
                    q.text,
                    q.help_text,
                    q.required,
                    q.min_value,
                    q.max_value,
                    q.whole_number,
                    [(o.code, o.label, o.is_positive, o.excluded_from_base) for o in q.options.all()],
                    [(i.code, i.text) for i in q.grid_items.all()],
                    sorted((c.source.code, c.operator, tuple(sorted(c.values))) for c in q.conditions.all()),
                    (q.constraint, q.constraint_message, q.required_message, q.required_if, q.default, q.readonly),
                    q.calculation,
                )
                for q in questionnaire.questions_by_section[section.id]
            ],
        )
        for section in questionnaire.sections
    ]


# The pages of `factories.full_wave` before its last, answered so a test can reach a section added after them
EARLIER_SECTIONS = {
    "your-support": {"info": "yes", "action": "continue"},
    "about-your-relationship": {
        "behaviours__common_purpose": "agree",
        "behaviours__local_leadership": "agree",
        "behaviours__honesty": "agree",
        "staff": "3",
        "action": "continue",
    },
}
