from django.db.models import QuerySet

from ..models import User
from ..models.users import email_normalised


def user_by_pk(*, pk: int | None) -> User | None:
    return User.objects.filter(pk=pk).first() if pk is not None else None


def members_of(*, organisations) -> QuerySet[User]:
    """Everyone with a membership of any of `organisations` (organisations, ids or a subquery of ids), by name."""
    return User.objects.filter(memberships__organisation__in=organisations).distinct().order_by("full_name")


def user_by_email(*, email: str) -> User | None:
    """The account with this address, in any case (an exact match on the normalised address, never `iexact`)."""
    return User.objects.filter(email=email_normalised(email)).first()
