import factory

from exchange.organisations.models import AreaTeam, Organisation, OrganisationKind, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["ons_code"]

    ons_code = factory.Sequence(lambda n: f"E4{n:07d}")
    name = factory.Sequence(lambda n: f"Region {n}")


class AreaTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaTeam

    ons_code = factory.Sequence(lambda n: f"E3{n:07d}")
    ods_code = factory.Sequence(lambda n: f"Z{n:02d}")
    name = factory.Sequence(lambda n: f"Area team {n}")
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"NHS Test Commissioner {n}")
    slug = factory.Sequence(lambda n: f"test-organisation-{n}")
    kind = OrganisationKind.COMMISSIONER
    region = factory.SubFactory(RegionFactory)


class BoardFactory(OrganisationFactory):
    """A health and wellbeing board, coded by its (invented) unitary authority."""

    name = factory.Sequence(lambda n: f"Test Health and Wellbeing Board {n}")
    kind = OrganisationKind.HEALTH_AND_WELLBEING_BOARD
    ons_code = factory.Sequence(lambda n: f"E06{900000 + n:06d}")


class SenateFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Test Clinical Senate {n}")
    kind = OrganisationKind.CLINICAL_SENATE


class PracticeFactory(OrganisationFactory):
    """A GP practice, a member of a commissioner (a new one unless given)."""

    name = factory.Sequence(lambda n: f"Test Surgery {n}")
    kind = OrganisationKind.GP_PRACTICE
    ods_code = factory.Sequence(lambda n: f"Y{90000 + n:05d}")
    member_of = factory.SubFactory(OrganisationFactory)


class AreaTeamOrganisationFactory(OrganisationFactory):
    """The NHS England organisation of an area team (a new one unless given)."""

    name = factory.Sequence(lambda n: f"NHS England Test Area Team {n}")
    kind = OrganisationKind.AREA_TEAM
    area_team = factory.SubFactory(AreaTeamFactory)
