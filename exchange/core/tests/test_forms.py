"""The NHS.UK error summary's links (`error_list`): each message sends the person to a box of the form."""

import pytest
from django import forms

from exchange.core.forms import error_list

from .error_summaries import assert_error_summary_links_to_fields


class Bid(forms.Form):
    next = forms.CharField(required=False, widget=forms.HiddenInput)
    price = forms.DecimalField(required=False)
    approach = forms.CharField(required=False, widget=forms.Textarea)
    social_value = forms.CharField(required=False, widget=forms.Textarea)

    @property
    def error_field(self):
        return next((name for name in ("price", "approach", "social_value") if not self.data.get(name)), None)


class SignIn(forms.Form):
    email = forms.EmailField()
    password = forms.CharField(widget=forms.PasswordInput)


def _refused(form: forms.Form, message: str) -> forms.Form:
    assert form.is_valid()
    form.add_error(None, message)
    return form


def test_a_message_about_the_whole_form_links_to_the_field_the_form_names_here_its_first_left_empty():
    form = _refused(Bid({"price": "45000", "approach": "", "social_value": ""}), "Answer every criterion")
    assert error_list(form) == [{"text": "Answer every criterion", "href": "#id_approach"}]


def test_a_wrong_password_links_to_the_first_box_of_the_sign_in_form_not_to_the_summary():
    form = _refused(SignIn({"email": "lead@example.nhs.uk", "password": "wrong"}), "Enter a correct password")
    assert error_list(form) == [{"text": "Enter a correct password", "href": "#id_email"}]


def test_when_the_form_names_no_field_its_whole_form_messages_link_to_its_first_box():
    form = _refused(Bid({"price": "45000", "approach": "Ours", "social_value": "Jobs"}), "Bids have closed")
    assert error_list(form) == [{"text": "Bids have closed", "href": "#id_price"}]


def test_with_a_field_in_error_the_whole_form_message_links_to_that_field_first():
    form = SignIn({"email": "lead@example.nhs.uk", "password": ""})
    form.is_valid()
    form.add_error(None, "Too many attempts")
    assert [item["href"] for item in error_list(form)] == ["#id_password", "#id_password"]


def test_field_messages_come_in_the_order_of_the_fields_on_the_page_whatever_order_they_were_raised_in():
    form = Bid({"price": "x"})
    form.is_valid()
    form.add_error("social_value", "Answer social value")
    form.add_error("approach", "Answer the approach")
    assert [item["href"] for item in error_list(form)] == ["#id_price", "#id_approach", "#id_social_value"]


def test_a_hidden_field_is_never_where_a_message_links():
    class Confirm(forms.Form):
        token = forms.CharField(widget=forms.HiddenInput)

    form = Confirm({"token": ""})
    form.is_valid()
    form.add_error(None, "This link has expired")
    assert error_list(form)[0] == {"text": "This link has expired"}


SUMMARY = """<div class="nhsuk-error-summary"><div role="alert"><h2>There is a problem</h2>
<ul class="nhsuk-list nhsuk-error-summary__list"><li><a href="#{target}">Enter your price</a></li></ul></div></div>
<div id="box"><label for="id_price">Price</label><input id="id_price" name="price"></div>"""


def test_the_page_check_accepts_a_link_to_a_box_of_the_form():
    assert assert_error_summary_links_to_fields(SUMMARY.format(target="id_price")) == [("Enter your price", "id_price")]


@pytest.mark.parametrize("target", ["box", "id_missing"])
def test_the_page_check_refuses_a_link_to_anything_but_a_box_of_the_form(target):
    with pytest.raises(AssertionError):
        assert_error_summary_links_to_fields(SUMMARY.format(target=target))


def test_the_page_check_refuses_a_page_without_an_error_summary():
    with pytest.raises(AssertionError, match="no error summary"):
        assert_error_summary_links_to_fields("<p>No problem</p>")
