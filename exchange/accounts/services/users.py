from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from ..models import User
from ..models.users import email_normalised


@transaction.atomic
def user_create(
    *, email: str, full_name: str, password: str | None = None, job_title: str = "", is_staff: bool = False
) -> User:
    user = User(email=email_normalised(email), full_name=full_name.strip(), job_title=job_title)
    user.is_staff = is_staff
    if password:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user
