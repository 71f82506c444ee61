from django import forms

from exchange.accounts.selectors import role_choices

from .results import BREAKDOWNS

WEIGHTED_BY_ANSWER = (
    "Weighting is to the sample frame by region and role: choose no breakdown, or one by region, role, area team or"
    " kind of organisation, to weight"
)


class DashboardForm(forms.Form):
    by = forms.ChoiceField(label="Break down by", required=False)
    roles = forms.MultipleChoiceField(label="Only these roles", required=False, widget=forms.CheckboxSelectMultiple)
    weighted = forms.BooleanField(label="Weight to the sample frame by region and role", required=False)

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "No breakdown")] + [(key, label) for key, (_, label) in BREAKDOWNS.items()]
        choices += [
            (f"q:{q.code}", f"Answer to “{q.text[:70]}{'…' if len(q.text) > 70 else ''}”")
            for q in questionnaire.questions
            if q.kind in ("single", "likert")
        ]
        self.fields["by"].choices = choices
        self.fields["roles"].choices = role_choices(roles=["clinical_lead", "managerial_lead", "finance_lead"])

    def clean(self):
        data = super().clean()
        if data.get("weighted") and (data.get("by") or "").startswith("q:"):
            self.add_error("weighted", WEIGHTED_BY_ANSWER)
        return data


class HeadlineForm(forms.Form):
    """A headline statement: a question, the answers whose share it reports (offered by their labels once the
    question is chosen), and the rest of the sentence."""

    result_code = forms.ChoiceField(label="Question", error_messages={"required": "Choose a question"})
    option_codes = forms.MultipleChoiceField(
        label="Answers to count",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one answer to count",
            "invalid_choice": "Choose answers of the question chosen",
        },
    )
    predicate = forms.CharField(
        label="The rest of the sentence",
        max_length=300,
        help_text="Completes “84.2% of respondents (80 of 95) …”, "
        "for example: had not been given sufficient information.",
        error_messages={"required": "Enter the rest of the sentence"},
    )

    def __init__(self, *args, results, question: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.results = {result.code: result for result in results if result.overall.cells}
        self.fields["result_code"].choices = [("", "Choose a question")] + [
            (code, r.question.text + (f": {r.item_text}" if r.item_text else "")) for code, r in self.results.items()
        ]
        chosen = self.data.get("result_code", "") if self.is_bound else question
        self.chosen = self.results.get(chosen)
        if self.chosen is not None:
            self.initial["result_code"] = chosen
            self.fields["option_codes"].choices = [(cell.code, cell.label) for cell in self.chosen.overall.cells]

    def clean_option_codes(self):
        if self.chosen is None:
            return []  # the question's own error says what to do first
        return self.cleaned_data["option_codes"]


class ThemeForm(forms.Form):
    name = forms.CharField(
        label="New theme",
        max_length=100,
        error_messages={
            "required": "Enter a name for the theme",
            "max_length": "Enter a name of 100 characters or fewer",
        },
    )
