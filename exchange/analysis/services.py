from django.db import transaction

from .tallies import tallies_add, tallies_rebuild, tally_increments

__all__ = ["tallies_rebuild", "tallies_record"]


@transaction.atomic
def tallies_record(*, responses: list[tuple]) -> None:
    """Count newly written responses into the tallies, in the caller's transaction.
    `responses`: (response, its answer rows with their options, organisation kind or "")."""
    tallies_add(tally_increments(responses))
