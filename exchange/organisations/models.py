from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower, Replace
from django.urls import reverse

from exchange.core.models import BaseModel


def search_key(text: str) -> str:
    """Fold the spellings the source files mix (curly quotes, '&' for 'and', case) as `name_search` does."""
    folded = text.replace("\u2019", "'").replace("\u2018", "'").replace("&", "and")
    return " ".join(folded.lower().split())


def _search_key_expression() -> Lower:
    return Lower(
        Replace(
            Replace(Replace("name", Value("\u2019"), Value("'")), Value("\u2018"), Value("'")), Value("&"), Value("and")
        )
    )


class Region(BaseModel):
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AreaTeam(BaseModel):
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    ods_code = models.CharField("ODS code", max_length=5, unique=True, null=True, blank=True)
    name = models.CharField(max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="area_teams")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    COMMISSIONER = "commissioner", "Commissioner (CCG or ICB)"
    SUPPORT_PROVIDER = "support_provider", "Commissioning support provider"
    MEMBERSHIP_BODY = "membership_body", "Membership body"
    NATIONAL_BODY = "national_body", "National body"
    HEALTH_AND_WELLBEING_BOARD = "health_and_wellbeing_board", "Health and wellbeing board"


class Sector(models.TextChoices):
    NHS = "nhs", "NHS support unit or PCT cluster"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    THIRD_SECTOR = "third_sector", "Third sector"
    INDEPENDENT = "independent", "Independent sector"


class Organisation(BaseModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices, db_index=True)
    sector = models.CharField(max_length=32, choices=Sector.choices, blank=True, db_index=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True, null=True, blank=True)
    ods_code = models.CharField("ODS code", max_length=10, unique=True, null=True, blank=True)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="organisations")
    area_team = models.ForeignKey(
        AreaTeam, null=True, blank=True, on_delete=models.PROTECT, related_name="organisations"
    )
    registered_population = models.PositiveIntegerField(null=True, blank=True)
    website = models.URLField(blank=True)
    # Registered identifiers, where the organisation has them: open contracting data identifies it by the best.
    legal_name = models.CharField(max_length=200, blank=True, help_text="As registered, if not the name above.")
    companies_house_number = models.CharField(
        "Companies House number",
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        validators=[
            RegexValidator(
                r"^(\d{8}|[A-Z]{2}\d{6})$",
                "Enter a Companies House number: 8 digits, or 2 capital letters and 6 digits",
            )
        ],
    )
    charity_number = models.CharField(
        "Charity Commission number",
        max_length=7,
        unique=True,
        null=True,
        blank=True,
        validators=[RegexValidator(r"^\d{6,7}$", "Enter a charity number of England and Wales: 6 or 7 digits")],
    )
    ppon = models.CharField(
        "Public Procurement Organisation Number (PPON)",
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        validators=[RegexValidator(r"^P[A-Z]{3}-\d{4}-[A-Z]{4}$", "Enter a PPON like PABC-1234-DEFG")],
    )
    is_sme = models.BooleanField(
        "Small or medium-sized enterprise",
        null=True,
        blank=True,
        help_text="As the organisation declares it; empty when not known.",
    )
    description = models.TextField(blank=True)
    active_from = models.DateField(null=True, blank=True)
    active_to = models.DateField(null=True, blank=True)
    name_search = models.GeneratedField(
        expression=_search_key_expression(), output_field=models.CharField(max_length=200), db_persist=True
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sector="") | models.Q(kind="support_provider"),
                name="organisation_sector_only_for_providers",
            ),
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True)
                | models.Q(active_from__isnull=True)
                | models.Q(active_to__gte=models.F("active_from")),
                name="organisation_active_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:organisation-detail", kwargs={"slug": self.slug})

    @property
    def is_commissioner(self) -> bool:
        return self.kind == OrganisationKind.COMMISSIONER
