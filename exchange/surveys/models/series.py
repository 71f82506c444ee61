from django.db import models
from django.urls import reverse

from exchange.core.models import BaseModel


class SurveySeries(BaseModel):
    """A survey repeated over the years, e.g. "Commissioning support survey", owned by one organisation."""

    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="survey_series")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    suppression_threshold = models.PositiveSmallIntegerField(
        default=10, help_text="Figures with a base below this are not shown."
    )

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "survey series"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:series-detail", kwargs={"series_slug": self.slug})


class WaveStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Confidentiality(models.TextChoices):
    NAMED = "named", "Named: responses stay linked to the person"
    CONFIDENTIAL = "confidential", "Confidential: the link to the person is removed on submission"


class WaveAccess(models.TextChoices):
    INVITED = "invited", "Invited contacts, each with a personal link"
    OPEN_LINK = "open_link", "Open link: anyone with the link, anonymously"


class Wave(BaseModel):
    """One edition of a series, with its own questionnaire and fieldwork dates."""

    series = models.ForeignKey(SurveySeries, on_delete=models.CASCADE, related_name="waves")
    label = models.CharField(max_length=100)
    slug = models.SlugField(max_length=80)
    status = models.CharField(max_length=16, choices=WaveStatus.choices, default=WaveStatus.DRAFT)
    confidentiality = models.CharField(
        max_length=16, choices=Confidentiality.choices, default=Confidentiality.CONFIDENTIAL
    )
    access = models.CharField(max_length=16, choices=WaveAccess.choices, default=WaveAccess.INVITED)
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    introduction = models.TextField(blank=True)
    open_link_key = models.CharField(max_length=64, blank=True, help_text="Secret part of the open link.")
    reminder_interval_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Send scheduled reminders this many days apart (empty: only on demand)."
    )
    max_reminders = models.PositiveSmallIntegerField(default=2)
    reconstructed_note = models.TextField(
        blank=True, help_text="Set when the responses were reconstructed from published figures, saying so."
    )

    class Meta:
        ordering = ["series", "fieldwork_start", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["series", "slug"], name="wave_slug_unique_in_series"),
            models.CheckConstraint(
                condition=models.Q(fieldwork_end__isnull=True)
                | models.Q(fieldwork_start__isnull=True)
                | models.Q(fieldwork_end__gte=models.F("fieldwork_start")),
                name="wave_fieldwork_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series.title}, {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:wave-detail", kwargs={"series_slug": self.series.slug, "wave_slug": self.slug})

    @property
    def is_confidential(self) -> bool:
        return self.confidentiality == Confidentiality.CONFIDENTIAL

    @property
    def is_locked(self) -> bool:
        return self.status != WaveStatus.DRAFT
