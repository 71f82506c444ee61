from django import forms

from exchange.core import clock
from exchange.core.ids import IdListField
from exchange.marketplace.catalogue.dates import engagement_dates_problem
from exchange.marketplace.catalogue.models import OfferingStatus, PricingModel
from exchange.marketplace.catalogue.selectors.service_lines import service_line_list
from exchange.organisations.selectors import area_team_list, region_list

RATING_CHOICES = [(str(n), str(n)) for n in range(1, 6)]
SCALE_HINT = "1 is very poor, 5 is excellent."


def service_lines_field(**options) -> forms.ModelMultipleChoiceField:
    """Service lines chosen by their codes (offerings, requirements, recommendations)."""
    options.setdefault("error_messages", {"required": "Choose at least one service line"})
    return forms.ModelMultipleChoiceField(queryset=service_line_list(), to_field_name="code", **options)


def pricing_model_field(required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(choices=PricingModel.choices, error_messages={"required": required_message})


class OfferingForm(forms.Form):
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title"})
    summary = forms.CharField(
        max_length=300,
        help_text="One or two sentences shown in search results.",
        error_messages={"required": "Enter a summary"},
    )
    description = forms.CharField(required=False, widget=forms.Textarea)
    outcomes = forms.CharField(required=False, widget=forms.Textarea, label="Outcomes you promise")
    service_lines = service_lines_field()
    regions = forms.ModelMultipleChoiceField(
        queryset=region_list(),
        to_field_name="ons_code",
        label="Regions served",
        error_messages={"required": "Choose at least one region you serve"},
    )
    pricing_model = pricing_model_field("Choose a pricing model")
    price = forms.DecimalField(
        min_value=0,
        max_digits=12,
        decimal_places=2,
        label="Price in pounds",
        help_text="Per head per year, per year, or per day, by the pricing model.",
        error_messages={"required": "Enter a price", "invalid": "Enter the price as a number, like 0.35 or 45000"},
    )
    estimated_days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=366,  # days a year; without a bound 20 digits passed the form and failed the model: a 500
        label="Estimated days a year",
        help_text="Only for day-rate offerings.",
    )
    minimum_term_months = forms.IntegerField(min_value=1, max_value=120, initial=12, label="Minimum term in months")
    status = forms.ChoiceField(choices=OfferingStatus.choices, initial=OfferingStatus.DRAFT)

    def clean(self):
        data = super().clean()
        if data.get("pricing_model") == PricingModel.DAY_RATE and not data.get("estimated_days"):
            self.add_error("estimated_days", "Enter the estimated days a year for a day-rate offering")
        if data.get("pricing_model") != PricingModel.DAY_RATE:
            data["estimated_days"] = None
        return data


class ProviderProfileForm(forms.Form):
    regions_served = forms.ModelMultipleChoiceField(queryset=region_list(), to_field_name="ons_code", required=False)
    area_teams_served = forms.ModelMultipleChoiceField(
        queryset=area_team_list(), to_field_name="ons_code", required=False
    )
    accreditations = forms.CharField(required=False, widget=forms.Textarea, help_text="One per line.")
    case_studies = forms.CharField(required=False, widget=forms.Textarea)


class EngagementForm(forms.Form):
    """The dates are checked by the rule the service applies, so the form shows its errors against each field."""

    started_on = forms.DateField(
        label="Date the service started",
        help_text="For example, 2026-04-01",
        error_messages={
            "required": "Enter the date the service started",
            "invalid": "Enter a real date, like 2026-04-01",
        },
    )
    ended_on = forms.DateField(
        required=False,
        label="Date the service ended (if it has)",
        error_messages={"invalid": "Enter a real date, like 2027-03-31"},
    )

    def clean(self):
        data = super().clean()
        if data.get("started_on"):
            problem = engagement_dates_problem(
                started_on=data["started_on"], ended_on=data.get("ended_on"), today=clock.today()
            )
            if problem is not None:
                self.add_error(*problem)
        return data


def _rating_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=RATING_CHOICES, label=label, help_text=SCALE_HINT, error_messages={"required": f"Rate {label.lower()}"}
    )


class RatingForm(forms.Form):
    engagement = forms.TypedChoiceField(coerce=int, label="Which engagement", choices=[])
    quality = _rating_field("Quality")
    responsiveness = _rating_field("Responsiveness")
    value_for_money = _rating_field("Value for money")
    relationship = _rating_field("Relationship")
    comment = forms.CharField(required=False, widget=forms.Textarea, max_length=2000)

    def __init__(self, *args, engagements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].choices = [
            (engagement.pk, f"{engagement.commissioner.name}, from {engagement.started_on:%-d %B %Y}")
            for engagement in engagements
        ]
        self.fields["engagement"].error_messages["required"] = "Choose the engagement you are rating"


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Your reply", widget=forms.Textarea, max_length=2000, error_messages={"required": "Enter a reply"}
    )


class ShortlistForm(forms.Form):
    name = forms.CharField(max_length=120, label="Name of the shortlist", error_messages={"required": "Enter a name"})
    offering = IdListField(required=False, error_messages={"invalid": "Choose offerings from the catalogue"})
    reason = forms.CharField(required=False, widget=forms.HiddenInput)


class SavedSearchForm(forms.Form):
    name = forms.CharField(max_length=120, label="Name this search", error_messages={"required": "Enter a name"})
    query_string = forms.CharField(required=False, widget=forms.HiddenInput, max_length=1000)


class RecommendForm(forms.Form):
    service_lines = service_lines_field(
        label="Which kinds of support do you need?",
        error_messages={"required": "Choose at least one kind of support"},
    )
