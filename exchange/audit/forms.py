from django import forms

from . import actions


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label="Action",
        required=False,
        choices=[("", "All actions"), *sorted(actions.LABELS.items(), key=lambda choice: choice[1])],
    )
    actor = forms.CharField(label="Actor's email contains", required=False, max_length=254)
