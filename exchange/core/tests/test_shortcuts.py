import pytest
from django import forms
from django.http import Http404
from django.test import RequestFactory

from exchange.core.exceptions import ApplicationError
from exchange.core.shortcuts import attempt, form_applied, or_404, page_of, render_form


class NameForm(forms.Form):
    name = forms.CharField()


def refuse(data):
    raise ApplicationError("That name is taken.")


def test_or_404_passes_what_was_found_through():
    found = object()
    assert or_404(found) is found


def test_or_404_answers_nothing_found_with_a_404():
    with pytest.raises(Http404):
        or_404(None)


def test_a_valid_posted_form_is_applied_once():
    applied = []
    request = RequestFactory().post("/", {"name": "Nia"})
    assert form_applied(request, NameForm(request.POST), applied.append)
    assert applied == [{"name": "Nia"}]


def test_a_form_on_a_get_is_not_applied():
    applied = []
    request = RequestFactory().get("/", {"name": "Nia"})
    assert not form_applied(request, NameForm(request.GET), applied.append)
    assert applied == []


def test_an_invalid_form_is_not_applied():
    applied = []
    request = RequestFactory().post("/", {})
    assert not form_applied(request, NameForm(request.POST), applied.append)
    assert applied == []


def test_a_broken_rule_becomes_the_error_of_the_named_field():
    request = RequestFactory().post("/", {"name": "Nia"})
    form = NameForm(request.POST)
    assert not form_applied(request, form, refuse, error_field="name")
    assert form.errors == {"name": ["That name is taken."]}


def test_a_broken_rule_without_a_field_is_shown_above_the_form():
    request = RequestFactory().post("/", {"name": "Nia"})
    form = NameForm(request.POST)
    assert not form_applied(request, form, refuse)
    assert form.non_field_errors() == ["That name is taken."]


@pytest.fixture
def form_template(settings):
    """A one-line page, so that only the status is under test."""
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"form.html": "{{ form }}"})]},
        }
    ]
    return "form.html"


def test_a_form_page_with_errors_answers_400(form_template):
    request = RequestFactory().post("/", {})
    form = NameForm(request.POST)
    form.is_valid()
    assert render_form(request, form_template, {"form": form}).status_code == 400


@pytest.mark.parametrize("form", [None, NameForm()], ids=["no form", "unbound form"])
def test_a_form_page_without_errors_answers_200(form_template, form):
    assert render_form(RequestFactory().get("/"), form_template, {"form": form}).status_code == 200


def test_a_page_of_a_list_keeps_the_other_query_parameters_for_the_pager():
    page, query_string = page_of(RequestFactory().get("/", {"kind": "commissioner", "page": "2"}), list(range(60)), 25)
    assert list(page.object_list) == list(range(25, 50))
    assert query_string == "kind=commissioner"


def test_a_page_number_past_the_end_shows_the_last_page():
    page, _ = page_of(RequestFactory().get("/", {"page": "9"}), list(range(60)), 25)
    assert page.number == 3


def test_a_page_number_that_is_not_a_number_shows_the_first_page():
    page, query_string = page_of(RequestFactory().get("/", {"page": "x"}), list(range(60)), 25)
    assert page.number == 1
    assert query_string == ""


def _request_with_messages():
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_an_action_done_says_its_words_of_success():
    request = _request_with_messages()
    done = []
    assert attempt(request, lambda: done.append(1), success="Saved.") is True
    assert done == [1]
    assert [(m.level_tag, m.message) for m in request._messages] == [("success", "Saved.")]


def test_an_action_refused_says_why_and_nothing_of_success():
    request = _request_with_messages()
    assert attempt(request, lambda: refuse({}), success="Saved.") is False
    assert [(m.level_tag, m.message) for m in request._messages] == [("error", "That name is taken.")]


def test_an_action_without_words_of_success_says_nothing_when_done():
    request = _request_with_messages()
    assert attempt(request, lambda: None) is True
    assert list(request._messages) == []
