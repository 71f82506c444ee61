from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower, Replace
from django.urls import reverse

from exchange.core.models import BaseModel

from .. import codes


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
    CLINICAL_SENATE = "clinical_senate", "Clinical senate"
    GP_PRACTICE = "gp_practice", "GP practice"
    AREA_TEAM = "area_team", "NHS England area team"


MEMBER_OF_NOT_A_PRACTICE = "Only a GP practice is a member of a commissioner."
PRACTICE_WITHOUT_COMMISSIONER = "A GP practice must be a member of a commissioner."
MEMBER_OF_NOT_A_COMMISSIONER = "A GP practice can only be a member of a commissioner (a CCG)."
PRACTICE_CODE_INVALID = "Enter the practice's ODS code: a capital letter and 5 digits, like P81001."
BOARD_CODE_INVALID = (
    "Enter the ONS code of the board's upper-tier local authority: E06, E08, E09 or E10 and 6 digits, like E06000009."
)
AREA_TEAM_FACE_WITHOUT_AREA_TEAM = "An NHS England area team organisation must name its area team."
KIND_KEEPS_BOARD_LINKS = "Only a health and wellbeing board overlaps commissioners: remove its commissioners first."
KIND_KEEPS_SENATE_LINKS = "Only a clinical senate covers area teams: remove its area teams first."
KIND_KEEPS_COMMISSIONER_LINKS = (
    "This commissioner has member practices or health and wellbeing boards: it must stay a commissioner."
)


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
    # A GP practice's commissioner; empty for every other kind (a database constraint, and `clean`).
    member_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="member_practices"
    )
    # A health and wellbeing board's commissioners: those whose area overlaps its local authority's.
    overlapping_commissioners = models.ManyToManyField(
        "self",
        through="BoardCommissioner",
        through_fields=("board", "commissioner"),
        symmetrical=False,
        related_name="overlapping_boards",
        blank=True,
    )
    # A clinical senate's area teams (an area team is in one senate at most).
    senate_area_teams = models.ManyToManyField(AreaTeam, through="SenateAreaTeam", related_name="senates", blank=True)
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
            models.CheckConstraint(
                condition=models.Q(member_of__isnull=True) | models.Q(kind="gp_practice"),
                name="organisation_member_of_only_for_gp_practices",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="gp_practice") | models.Q(member_of__isnull=False),
                name="organisation_gp_practice_is_a_member",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="area_team") | models.Q(area_team__isnull=False),
                name="organisation_area_team_face_names_its_area_team",
            ),
            models.UniqueConstraint(
                fields=["area_team"],
                condition=models.Q(kind="area_team"),
                name="organisation_one_face_per_area_team",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:organisation-detail", kwargs={"slug": self.slug})

    @property
    def is_commissioner(self) -> bool:
        return self.kind == OrganisationKind.COMMISSIONER

    def clean(self) -> None:
        """The relations of the oversight bodies link only the right kinds (what a database row cannot check)."""
        errors: dict[str, str] = {}
        member_of = self.member_of
        if self.kind == OrganisationKind.GP_PRACTICE:
            if member_of is None:
                errors["member_of"] = PRACTICE_WITHOUT_COMMISSIONER
            elif member_of.kind != OrganisationKind.COMMISSIONER:
                errors["member_of"] = MEMBER_OF_NOT_A_COMMISSIONER
            if self.ods_code and not codes.GP_PRACTICE.match(self.ods_code):
                errors["ods_code"] = PRACTICE_CODE_INVALID
        elif member_of is not None:
            errors["member_of"] = MEMBER_OF_NOT_A_PRACTICE
        board_code = self.ons_code if self.kind == OrganisationKind.HEALTH_AND_WELLBEING_BOARD else None
        if board_code and not codes.UPPER_TIER_LOCAL_AUTHORITY.match(board_code):
            errors["ons_code"] = BOARD_CODE_INVALID
        if self.kind == OrganisationKind.AREA_TEAM and not self.area_team_id:
            errors["area_team"] = AREA_TEAM_FACE_WITHOUT_AREA_TEAM
        errors.update(self._kind_change_errors())
        if errors:
            raise ValidationError(errors)

    def _kind_change_errors(self) -> dict[str, str]:
        """A saved organisation may not change kind from under its links."""
        if self.pk is None:
            return {}
        errors = {}
        if self.kind != OrganisationKind.HEALTH_AND_WELLBEING_BOARD and self.overlapping_commissioners.exists():
            errors["kind"] = KIND_KEEPS_BOARD_LINKS
        elif self.kind != OrganisationKind.CLINICAL_SENATE and self.senate_area_teams.exists():
            errors["kind"] = KIND_KEEPS_SENATE_LINKS
        elif self.kind != OrganisationKind.COMMISSIONER and (
            self.member_practices.exists() or self.overlapping_boards.exists()
        ):
            errors["kind"] = KIND_KEEPS_COMMISSIONER_LINKS
        return errors
