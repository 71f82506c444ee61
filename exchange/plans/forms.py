"""Forms of the plans pages. They only check the shape of what was typed; every rule of who may do what, and
when, is the services' (a refusal comes back as the form's error)."""

from django import forms

from .models import AdviceOutcome, AssuranceRating, Behaviour

YES_NO = [("yes", "Yes"), ("no", "No")]
SCORES = [(str(n), str(n)) for n in range(1, 6)]


def sections_parse(text: str) -> list[dict]:
    """Plain text with headings: a line starting with `## ` starts a section, the lines after it are its text."""
    sections: list[dict] = []
    for line in text.splitlines():
        if line.startswith("## "):
            sections.append({"heading": line[3:].strip(), "text": ""})
        elif sections:
            sections[-1]["text"] = (sections[-1]["text"] + "\n" + line).strip()
        elif line.strip():
            raise forms.ValidationError("Start the plan with a heading: a line beginning with ## and a space.")
    return sections


def sections_text(sections: list[dict]) -> str:
    return "\n\n".join(f"## {section['heading']}\n{section['text']}" for section in sections)


class SectionsField(forms.CharField):
    widget = forms.Textarea

    def clean(self, value):
        return sections_parse(super().clean(value))


SECTIONS_HELP = "Start each section with a line beginning with ## and a space, then its heading; its text follows."


class PlanForm(forms.Form):
    title = forms.CharField(max_length=200, label="Title", error_messages={"required": "Enter the plan's title."})
    period_start = forms.DateField(label="First day of the plan", error_messages={"required": "Enter the first day."})
    period_end = forms.DateField(label="Last day of the plan", error_messages={"required": "Enter the last day."})
    sections = SectionsField(label="The plan", help_text=SECTIONS_HELP, error_messages={"required": "Write the plan."})
    priorities = forms.MultipleChoiceField(label="Strategy priorities it serves", required=False)

    def __init__(self, *args, priorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].choices = [(str(p.pk), f"{p.board.name}: {p.code} {p.title}") for p in priorities]


class ReviseForm(forms.Form):
    sections = SectionsField(label="The plan", help_text=SECTIONS_HELP, error_messages={"required": "Write the plan."})
    priorities = forms.MultipleChoiceField(label="Strategy priorities it serves", required=False)
    note = forms.CharField(
        widget=forms.Textarea,
        label="What changed, and why",
        error_messages={"required": "Say what changed in this version, and why."},
    )

    def __init__(self, *args, priorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].choices = [(str(p.pk), f"{p.board.name}: {p.code} {p.title}") for p in priorities]


class ReviewOpenForm(forms.Form):
    closes_on = forms.DateField(label="The review closes at the end of", error_messages={"required": "Enter the day."})
    reviewers = forms.MultipleChoiceField(
        label="Reviewers", error_messages={"required": "Choose at least one reviewer."}
    )

    def __init__(self, *args, reviewers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].choices = [
            (str(org.pk), f"{org.name} ({org.get_kind_display()})") for org in reviewers
        ]


class AdviceForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea, label="Your advice", error_messages={"required": "Enter your advice."}
    )


class OpinionForm(forms.Form):
    takes_proper_account = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
        label="Does the plan take proper account of the joint health and wellbeing strategy?",
        error_messages={"required": "Say whether the plan takes proper account of the strategy."},
    )
    text = forms.CharField(
        widget=forms.Textarea, label="Your opinion", error_messages={"required": "Give your opinion."}
    )


class ReferralForm(forms.Form):
    priorities = forms.MultipleChoiceField(
        label="Priorities of your strategy the plan conflicts with",
        error_messages={"required": "Name the strategy priorities the plan conflicts with."},
    )
    reasons = forms.CharField(
        widget=forms.Textarea, label="Your reasons", error_messages={"required": "Give your reasons."}
    )

    def __init__(self, *args, priorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].choices = [(str(p.pk), f"{p.code} {p.title}") for p in priorities]


class EndorsementForm(forms.Form):
    endorses = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
        label="Does your practice endorse this version of the plan?",
        error_messages={"required": "Say whether your practice endorses the plan."},
    )
    comment = forms.CharField(widget=forms.Textarea, label="Comments (optional)", required=False)


class AssuranceForm(forms.Form):
    rating = forms.ChoiceField(
        choices=AssuranceRating.choices,
        widget=forms.RadioSelect,
        label="Your assurance of the commissioner",
        error_messages={"required": "Choose a rating."},
    )
    reasons = forms.CharField(
        widget=forms.Textarea, label="Your reasons", error_messages={"required": "Give your reasons."}
    )


class AdviceResponseForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=AdviceOutcome.choices,
        widget=forms.RadioSelect,
        label="Was the advice accepted?",
        error_messages={"required": "Choose whether the advice was accepted, partly accepted or not accepted."},
    )
    reasons = forms.CharField(
        widget=forms.Textarea, label="Your reasons", error_messages={"required": "Give your reasons."}
    )


class ReferralAnswerForm(forms.Form):
    how = forms.ChoiceField(
        choices=[("new_version", "With the plan's latest version"), ("confirmed", "By confirming the plan as it is")],
        widget=forms.RadioSelect,
        label="How do you answer the referral?",
        error_messages={"required": "Choose how you answer the referral."},
    )
    reasons = forms.CharField(
        widget=forms.Textarea, label="Your reasons", error_messages={"required": "Give your reasons."}
    )


class DecideForm(forms.Form):
    decision = forms.CharField(
        widget=forms.Textarea,
        label="Your decision, and why",
        error_messages={"required": "Say what you decided and why."},
    )


class ConductForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for behaviour in Behaviour:
            self.fields[behaviour.value] = forms.ChoiceField(
                choices=SCORES,
                widget=forms.RadioSelect,
                label=f"{behaviour.label} (1 poor, 5 excellent)",
                error_messages={"required": f"Rate {behaviour.label.lower()} from 1 to 5."},
            )
            self.fields[f"{behaviour.value}_comment"] = forms.CharField(
                widget=forms.Textarea, label=f"{behaviour.label}: comments (optional)", required=False
            )

    def ratings(self) -> dict[str, tuple[int, str]]:
        data = self.cleaned_data
        return {b.value: (int(data[b.value]), data[f"{b.value}_comment"]) for b in Behaviour}
