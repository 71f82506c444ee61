from datetime import timedelta

import factory

from exchange.accounts.models import Invitation, Membership, MembershipRole, Role, User
from exchange.core import clock
from exchange.core.tokens import token_hash
from exchange.organisations.tests.factories import OrganisationFactory

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.nhs.uk")
    full_name = factory.Faker("name", locale="en_GB")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, password=kwargs.pop("password", PASSWORD), **kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        for role in extracted or [Role.MANAGERIAL_LEAD]:
            MembershipRole.objects.create(membership=obj, role=role)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation open for a fortnight; `token` (not stored, only its hash) is the secret its link carries."""

    class Meta:
        model = Invitation

    class Params:
        token = factory.Sequence(lambda n: f"invitation-token-{n}")

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.nhs.uk")
    roles = factory.LazyFunction(lambda: [Role.ANALYST])
    token_hash = factory.LazyAttribute(lambda invitation: token_hash(invitation.token))
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: clock.now() + timedelta(days=14))
