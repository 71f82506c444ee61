from django import forms
from django.contrib.auth.password_validation import validate_password

from .models import Role

EMAIL_INVALID = "Enter an email address in the correct format, like name@example.nhs.uk"
EMAIL_NOT_ASCII = "Enter an email address using only the letters a to z, numbers and symbols such as . - _ +"


class _EmailField(forms.EmailField):
    """An address of letters a to z, numbers and symbols only. Django's own accepts any letter, and other alphabets
    hold look-alikes of ours (the long s 'ſ', the dotless i 'ı') that a database may take for the letters they
    resemble."""

    def validate(self, value) -> None:
        super().validate(value)
        if value and not value.isascii():
            raise forms.ValidationError(EMAIL_NOT_ASCII, code="not_ascii")


def _email_field(*, required: str = "Enter your email address") -> forms.EmailField:
    return _EmailField(label="Email address", error_messages={"required": required, "invalid": EMAIL_INVALID})


class SignInForm(forms.Form):
    email = _email_field()
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput, error_messages={"required": "Enter your password"}
    )


class PasswordResetRequestForm(forms.Form):
    email = _email_field()


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles",
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one role", "invalid_choice": "Select roles from the list"},
    )


class InvitationForm(RolesForm):
    email = _email_field(required="Enter the email address of the person to invite")
    field_order = ["email", "roles"]


class InvitationAcceptForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150, error_messages={"required": "Enter your full name"})
    password = forms.CharField(
        label="Create a password",
        strip=False,
        widget=forms.PasswordInput,
        help_text="At least 12 characters. Avoid common words and passwords you use elsewhere.",
        error_messages={"required": "Create a password"},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            try:
                validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned
