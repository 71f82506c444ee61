from exchange.organisations.models import Organisation

from .. import permissions


def organisation_private_get(*, user, slug: str) -> Organisation | None:
    """The organisation if `user` may see its private pages (members and platform staff), else None."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not permissions.is_member(user, organisation):
        return None
    return organisation


def organisation_managed_get(*, user, slug: str) -> Organisation | None:
    """The organisation if `user` may manage its members (its organisation admins and platform staff), else None."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not permissions.can_manage_members(user, organisation):
        return None
    return organisation
