from django import forms

from exchange.core import clock
from exchange.marketplace.catalogue.forms import pricing_model_field, service_lines_field
from exchange.marketplace.procurement.models import CriterionKind, PricingModel, RequirementRoute
from exchange.marketplace.procurement.scoring import SCALE

from .deadlines import DeadlineField

DEADLINE_HINT = "For example, 15 3 {year}. The time is London time."


class RequirementForm(forms.Form):
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title"})
    summary = forms.CharField(max_length=300, error_messages={"required": "Enter a summary"})
    description = forms.CharField(required=False, widget=forms.Textarea)
    outcomes = forms.CharField(required=False, widget=forms.Textarea, label="Outcomes wanted")
    essential_criteria = forms.CharField(required=False, widget=forms.Textarea)
    desirable_criteria = forms.CharField(required=False, widget=forms.Textarea)
    service_lines = service_lines_field()
    pricing_model = pricing_model_field("Choose how bidders price")
    estimated_days = forms.IntegerField(
        required=False, min_value=1, max_value=366, label="Estimated days a year (day rate only)"
    )
    term_months = forms.IntegerField(min_value=1, max_value=120, initial=12, label="Term in months")
    price_weight = forms.IntegerField(
        min_value=0,
        max_value=100,
        initial=30,
        label="Price weight (%)",
        help_text="Criteria weights and this total 100.",
    )
    clarification_deadline = DeadlineField(label="Clarification deadline")
    bid_deadline = DeadlineField(label="Bid deadline")
    standstill_days = forms.IntegerField(
        min_value=8,
        max_value=60,
        initial=8,
        label="Standstill in working days",
        help_text="At least 8, as the Procurement Act 2023 requires. Weekends and bank holidays do not count.",
        error_messages={"min_value": "The standstill must be at least 8 working days"},
    )
    route = forms.ChoiceField(choices=RequirementRoute.choices, initial=RequirementRoute.OPEN)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("clarification_deadline", "bid_deadline"):
            self.fields[name].help_text = DEADLINE_HINT.format(year=clock.today().year + 1)

    def clean(self):
        data = super().clean()
        opens, closes = data.get("clarification_deadline"), data.get("bid_deadline")
        if opens and closes and closes <= opens:
            self.add_error("bid_deadline", "The bid deadline must be after the clarification deadline")
        if data.get("pricing_model") == PricingModel.DAY_RATE and not data.get("estimated_days"):
            self.add_error("estimated_days", "Enter the estimated days a year for a day-rate requirement")
        return data


class CriterionForm(forms.Form):
    title = forms.CharField(max_length=200, label="Criterion", error_messages={"required": "Enter the criterion"})
    weight = forms.IntegerField(
        min_value=1, max_value=100, label="Weight (%)", error_messages={"required": "Enter the weight"}
    )
    kind = forms.ChoiceField(choices=CriterionKind.choices, initial=CriterionKind.QUALITY, label="Kind")
    guidance = forms.CharField(required=False, widget=forms.Textarea)


class QuestionForm(forms.Form):
    question = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        label="Your question",
        error_messages={"required": "Enter your question"},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        widget=forms.Textarea, max_length=4000, label="Answer", error_messages={"required": "Enter the answer"}
    )


class BidForm(forms.Form):
    price = forms.DecimalField(
        min_value=0.01,
        max_digits=14,
        decimal_places=2,
        label="Your price in pounds",
        error_messages={"required": "Enter your price", "invalid": "Enter the price as a number, like 0.35 or 45000"},
    )

    def __init__(self, *args, criteria=(), require_complete: bool = False, **kwargs):
        """`require_complete`: the bid is being submitted, or is submitted already, so every answer is needed."""
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.require_complete = require_complete
        for criterion in self.criteria:
            self.fields[f"answer_{criterion.pk}"] = forms.CharField(
                label=f"{criterion.title} ({criterion.weight}%)",
                help_text=criterion.guidance,
                required=False,
                widget=forms.Textarea,
                max_length=10_000,
            )

    def clean(self):
        data = super().clean()
        if self.require_complete:
            for criterion in self.criteria:
                if not (data.get(f"answer_{criterion.pk}") or "").strip():
                    self.add_error(
                        f"answer_{criterion.pk}", f"Answer {criterion.title}: a submitted bid answers every criterion"
                    )
        return data

    @property
    def error_field(self) -> str | None:
        """Where the error summary sends the bidder for a refusal of the whole bid (incomplete): the first box left
        empty (see `exchange.core.forms.error_start`)."""
        return next((name for name in self.fields if not str(self.data.get(name) or "").strip()), None)

    def answers(self) -> dict[int, str]:
        return {criterion.pk: self.cleaned_data.get(f"answer_{criterion.pk}", "") for criterion in self.criteria}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Attach a file",
        help_text="PDF, Word, OpenDocument, Excel or CSV, up to 10 MB.",
        error_messages={"required": "Choose a file"},
    )


SCORE_CHOICES = [(str(value), f"{value} {name}") for value, name, _ in SCALE]


class ConflictForm(forms.Form):
    """An evaluator declares, before reading a bid, whether they have a conflict of interest with the bidder."""

    conflicted = forms.TypedChoiceField(
        coerce=lambda value: value == "yes",
        choices=[
            ("no", "No, I have no conflict of interest with this bidder"),
            ("yes", "Yes, I have a conflict of interest"),
        ],
        label="Do you have a conflict of interest with this bidder?",
        error_messages={"required": "Say whether you have a conflict of interest"},
    )
    conflict_note = forms.CharField(required=False, widget=forms.Textarea, label="If yes, what is it?")


class ScoreForm(forms.Form):
    """A score and its reason for each criterion of one bid: all of them, or the form is refused whole."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                choices=[("", "Choose a score"), *SCORE_CHOICES],
                label=f"Score for {criterion.title}",
                error_messages={"required": f"Choose a score for {criterion.title}"},
            )
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                widget=forms.Textarea,
                label=f"Why this score for {criterion.title}",
                error_messages={"required": f"Give the reason for the score for {criterion.title}"},
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            criterion.pk: (
                int(self.cleaned_data[f"score_{criterion.pk}"]),
                self.cleaned_data[f"justification_{criterion.pk}"],
            )
            for criterion in self.criteria
        }


class ModerationForm(forms.Form):
    """The consensus score and rationale of every criterion of every bid. A cell may be left empty for later; a
    cell with only one of its two parts is an error, and any error refuses the whole form."""

    def __init__(self, *args, bids=(), criteria=(), initial_cells=None, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.cells = [(bid, criterion) for bid in bids for criterion in criteria]
        for bid, criterion in self.cells:
            key = f"{bid.pk}_{criterion.pk}"
            agreed = (initial_cells or {}).get((bid.pk, criterion.pk))
            self.fields[f"score_{key}"] = forms.ChoiceField(
                choices=[("", "Choose a score"), *SCORE_CHOICES],
                required=False,
                label=f"Consensus score for {criterion.title}",
                initial=str(agreed.score) if agreed else "",
            )
            self.fields[f"rationale_{key}"] = forms.CharField(
                required=False,
                widget=forms.Textarea,
                label=f"Rationale for {criterion.title}",
                initial=agreed.rationale if agreed else "",
            )

    def clean(self):
        data = super().clean()
        for bid, criterion in self.cells:
            key = f"{bid.pk}_{criterion.pk}"
            score, rationale = data.get(f"score_{key}"), (data.get(f"rationale_{key}") or "").strip()
            if score and not rationale:
                self.add_error(
                    f"rationale_{key}", f"Record the rationale for {bid.provider.name}'s score for {criterion.title}"
                )
            if rationale and not score:
                self.add_error(f"score_{key}", f"Choose the consensus score for {bid.provider.name}, {criterion.title}")
        return data

    def entries(self) -> list[tuple]:
        """(bid, criterion, score, rationale) for every cell filled in."""
        filled = []
        for bid, criterion in self.cells:
            key = f"{bid.pk}_{criterion.pk}"
            if self.cleaned_data.get(f"score_{key}"):
                filled.append(
                    (bid, criterion, int(self.cleaned_data[f"score_{key}"]), self.cleaned_data[f"rationale_{key}"])
                )
        return filled


class AwardForm(forms.Form):
    bid = forms.TypedChoiceField(
        coerce=int, choices=[], label="Award to", error_messages={"required": "Choose the winning bid"}
    )
    rationale = forms.CharField(
        widget=forms.Textarea, label="Why", error_messages={"required": "Give the reason for the award"}
    )

    def __init__(self, *args, bids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].choices = [(bid.pk, bid.provider.name) for bid in bids]


def _day(label: str, example: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=f"For example, {example}",
        error_messages={"required": f"Enter the {label.lower()}", "invalid": f"Enter a real date, like {example}"},
    )


class ContractForm(forms.Form):
    signed_on = _day("Date the contract was signed", "2027-01-15")
    starts_on = _day("First day of the contract", "2027-02-01")
    ends_on = _day("Last day of the contract", "2028-01-31")

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The last day must be on or after the first day")
        return data
