from django import forms

from .results import BREAKDOWNS


class DashboardForm(forms.Form):
    by = forms.ChoiceField(label="Break down by", required=False)
    roles = forms.MultipleChoiceField(label="Only these roles", required=False, widget=forms.CheckboxSelectMultiple)
    weighted = forms.BooleanField(label="Weight to the sample frame by region and role", required=False)

    def __init__(self, *args, questionnaire, **kwargs):
        from exchange.accounts.models import Role

        super().__init__(*args, **kwargs)
        choices = [("", "No breakdown")] + [(key, label) for key, (_, label) in BREAKDOWNS.items()]
        choices += [
            (f"q:{q.code}", f"Answer to {q.code}: {q.text[:60]}")
            for q in questionnaire.questions
            if q.kind in ("single", "likert")
        ]
        self.fields["by"].choices = choices
        self.fields["roles"].choices = [
            (r, label) for r, label in Role.choices if r in {"clinical_lead", "managerial_lead", "finance_lead"}
        ]


class HeadlineForm(forms.Form):
    result_code = forms.ChoiceField(label="Question", error_messages={"required": "Choose a question"})
    option_codes = forms.CharField(
        label="Option codes",
        help_text="Separated by commas, for example: dissatisfied, very_dissatisfied",
        error_messages={"required": "Enter at least one option code"},
    )
    predicate = forms.CharField(
        label="The rest of the sentence",
        max_length=300,
        help_text="Completes “84.2% of respondents (80 of 95) …”, "
        "for example: had not been given sufficient information.",
        error_messages={"required": "Enter the rest of the sentence"},
    )

    def __init__(self, *args, results, **kwargs):
        super().__init__(*args, **kwargs)
        self.results = {result.code: result for result in results if result.overall.cells}
        self.fields["result_code"].choices = [
            (code, f"{code}: {r.question.text[:70]}") for code, r in self.results.items()
        ]

    def clean(self):
        data = super().clean()
        result = self.results.get(data.get("result_code"))
        codes = [code.strip() for code in (data.get("option_codes") or "").split(",") if code.strip()]
        if result and codes:
            known = {cell.code for cell in result.overall.cells}
            unknown = [code for code in codes if code not in known]
            if unknown:
                self.add_error(
                    "option_codes",
                    f"Not options of this question: {', '.join(unknown)}. Use: {', '.join(sorted(known))}",
                )
        data["option_codes"] = codes
        return data
