from django import forms

from .models import OrganisationKind, Sector
from .selectors import region_list


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Search by name or code", required=False, max_length=100)
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "All kinds"), *OrganisationKind.choices])
    region = forms.ChoiceField(label="Region", required=False)
    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "All sectors"), *Sector.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All regions")] + [
            (region.ons_code, region.name) for region in region_list()
        ]
