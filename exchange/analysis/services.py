from django.db import transaction

from .tallies import tallies_add, tallies_rebuild, tally_increments

__all__ = ["headline_add", "tallies_rebuild", "tallies_record"]


@transaction.atomic
def tallies_record(*, responses: list[tuple], questionnaire) -> None:
    """Count newly written responses into the tallies, in the caller's transaction.
    `responses`: (response, its answer rows with their questions and options, organisation kind or "");
    `questionnaire`: the wave's, whose routing says which questions each respondent was asked."""
    tallies_add(*tally_increments(responses, questionnaire))


@transaction.atomic
def headline_add(*, wave, result_code: str, option_codes: list[str], predicate: str):
    from .models import HeadlineStatement

    statement = HeadlineStatement(
        wave=wave, result_code=result_code, option_codes=option_codes, predicate=predicate.strip()
    )
    statement.full_clean()
    statement.save()
    return statement
