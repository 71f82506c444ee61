"""Headline statements an analyst adds to a wave."""

from django.db import transaction

from exchange.surveys.models import Wave

from ..models import HeadlineStatement


@transaction.atomic
def headline_add(*, wave: Wave, result_code: str, option_codes: list[str], predicate: str) -> HeadlineStatement:
    statement = HeadlineStatement(
        wave=wave, result_code=result_code, option_codes=option_codes, predicate=predicate.strip()
    )
    statement.full_clean()
    statement.save()
    return statement
