"""Forms for managing a wave: uploading contacts or an XLSForm, copying a wave, adding contacts from members."""

from django import forms

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _checked_upload(upload, *, extension: str | tuple[str, ...], kind: str):
    if upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError("The file must be smaller than 5 MB")
    if not upload.name.lower().endswith(extension):
        raise forms.ValidationError(f"The file must be {kind}")
    return upload


class ContactsUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text="Columns: name, email, role, organisation_code (the ODS code, for example 00R).",
        error_messages={"required": "Choose a CSV file to upload"},
    )

    def clean_file(self):
        return _checked_upload(self.cleaned_data["file"], extension=".csv", kind="a CSV file")


class WaveCopyForm(forms.Form):
    label = forms.CharField(
        label="Name of the new wave",
        max_length=100,
        help_text="For example, 2014",
        error_messages={"required": "Enter a name for the new wave"},
    )


class XLSFormUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload an XLSForm (.xlsx, .xls or .xlsm)",
        help_text="Sheets survey, choices and settings, as made for ODK or KoboToolbox.",
        error_messages={"required": "Choose an XLSForm file to upload"},
    )
    label = forms.CharField(
        label="Name of the new wave", max_length=100, error_messages={"required": "Enter a name for the new wave"}
    )
    language = forms.CharField(
        label="Language of the labels (optional)",
        help_text="For a form in several languages, the language column to take, for example English. "
        "Otherwise the form's default language.",
        max_length=60,
        required=False,
    )

    def clean_file(self):
        return _checked_upload(
            self.cleaned_data["file"],
            extension=(".xlsx", ".xls", ".xlsm"),
            kind="an Excel workbook (.xlsx, .xls or .xlsm)",
        )


class ContactsFromMembersForm(forms.Form):
    """Offers only the kinds of organisation the series surveys and the roles a frame is drawn from: never a
    support provider's representatives. The service refuses anything else however the form is bypassed."""

    roles = forms.MultipleChoiceField(
        label="Roles",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one role"},
    )
    kind = forms.ChoiceField(label="Organisations")

    def __init__(self, *args, series, **kwargs):
        from exchange.organisations.selectors import organisation_kind_label

        from ..permissions import FRAME_ROLES_FROM_MEMBERS, population_kinds

        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(role.value, role.label) for role in FRAME_ROLES_FROM_MEMBERS]
        self.fields["kind"].choices = [
            (kind, f"Every {organisation_kind_label(kind).lower()}") for kind in population_kinds(series=series)
        ]
