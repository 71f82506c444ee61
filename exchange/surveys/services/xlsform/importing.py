"""Creating a wave from an XLSForm: the form read whole (`reading`), then written through the authoring services in
one transaction, a rule of our questionnaires the form breaks refused at the question's row."""

from django.core.exceptions import ValidationError
from django.db import transaction

from exchange.core.exceptions import ApplicationError

from ...models import SurveySeries, Wave
from ..authoring import sections_create, wave_create
from ..authoring.questions import CODE_TAKEN
from .reading import read_xlsform
from .spec import Problem, XLSFormError


@transaction.atomic
def wave_import_xlsform(
    *,
    series: SurveySeries,
    label: str,
    data: bytes,
    confidentiality: str,
    language: str | None = None,
    ignored: list[Problem] | None = None,
) -> Wave:
    """A new wave from an XLSForm. Refusals are XLSFormError (the form) or ApplicationError (the wave, or
    `UploadRefused`: the file beyond the upload bounds), nothing else, and nothing is saved. Rows left
    out on purpose (device metadata) are added to `ignored`."""
    spec = read_xlsform(data, language=language)
    if ignored is not None:  # the rows left out on purpose, for the caller to say so
        ignored.extend(spec.ignored)
    try:
        wave = wave_create(series=series, label=label, confidentiality=confidentiality)
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages)) from error
    try:
        sections_create(wave=wave, sections=spec.sections)
    except ApplicationError as error:  # a rule of our questionnaires the form breaks: at the question's row
        code = str(error.extra.get("code", ""))
        rows = spec.later_rows if error.message == CODE_TAKEN.format(code=code) else spec.rows  # the second is at fault
        raise XLSFormError([Problem("survey", rows.get(code), f"{code}: {error.message}")]) from error
    return wave
