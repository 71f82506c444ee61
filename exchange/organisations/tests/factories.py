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
