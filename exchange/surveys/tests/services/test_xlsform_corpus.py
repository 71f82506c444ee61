"""The corpus (`tests/xlsform_corpus.py`) in every format: each form imports, and its export is accepted by pyxform
and imports back to the same questionnaire."""

import tempfile
from pathlib import Path

import pytest
from pyxform.xls2json import parse_file_to_json

from exchange.surveys.models import QuestionKind
from exchange.surveys.services.xlsform import wave_export_xlsform, wave_import_xlsform

from ..helpers import structure
from ..xlsform_corpus import CORPUS, FORMATS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("form", sorted(CORPUS))
@pytest.mark.parametrize("written_as", sorted(FORMATS))
def test_every_corpus_form_imports_in_every_format_and_round_trips_through_pyxform(series, form, written_as):
    ignored: list = []
    wave = wave_import_xlsform(
        series=series,
        label=f"{form} {written_as}",
        data=FORMATS[written_as](CORPUS[form]),
        confidentiality="named",
        ignored=ignored,
    )
    exported = wave_export_xlsform(wave=wave)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xlsx"
        path.write_bytes(exported)
        assert parse_file_to_json(str(path))["children"], "pyxform accepts the export"
    again = wave_import_xlsform(
        series=series, label=f"{form} {written_as} again", data=exported, confidentiality="named"
    )
    assert structure(again) == structure(wave)
    if form == "support":
        assert [str(line).split(": ", 1)[1] for line in ignored] == [
            "'start' (started) is device metadata: not recorded",
            "'end' (ended) is device metadata: not recorded",
        ]


def test_the_support_form_has_every_kind_it_was_written_with(series):
    wave = wave_import_xlsform(
        series=series, label="s", data=FORMATS["xls"](CORPUS["support"]), confidentiality="named"
    )
    kinds = dict(wave.questions.values_list("code", "kind"))
    assert kinds == {
        "welcome": QuestionKind.NOTE,
        "ccg": QuestionKind.SINGLE,
        "practice": QuestionKind.SINGLE,
        "informed": QuestionKind.SINGLE,
        "satisfied": QuestionKind.LIKERT,
        "bought": QuestionKind.MULTIPLE,
        "lead": QuestionKind.SINGLE,
        "lead_other": QuestionKind.SHORT_TEXT,
        "staff": QuestionKind.NUMBER,
        "price": QuestionKind.NUMBER,
        "signed": QuestionKind.DATE,
        "meets": QuestionKind.TIME,
        "price_for_100k": QuestionKind.CALCULATE,
        "provider": QuestionKind.SHORT_TEXT,
        "unit": QuestionKind.SHORT_TEXT,
        "behaviours": QuestionKind.LIKERT_GRID,
        "comments": QuestionKind.LONG_TEXT,
    }
    rules = {
        q.code: (q.constraint, q.constraint_message, q.required_message, q.required_if, q.default, q.readonly)
        for q in wave.questions.all()
    }
    assert rules["provider"] == (
        "string-length(.) <= 200",
        "Answer in 200 characters or fewer",
        "Tell us who provides your support",
        "",
        "",
        False,
    )
    assert rules["comments"][3] == "${informed} = 'no'"
    assert rules["price"][4] == "0.45" and rules["unit"][4:] == ("Blackpool CSU", True)
    assert wave.questions.get(code="price_for_100k").calculation == "${price} * 100000"
    practice = wave.questions.get(code="practice")
    assert practice.choice_filter == [["ccg", "ccg"]]
    assert dict(practice.options.values_list("code", "filters")) == {
        "P81001": {"ccg": "00R"},
        "P81002": {"ccg": "02M"},
        "P81003": {"ccg": "00R"},
    }
    staff = wave.questions.get(code="staff")
    assert [(c.source.code, c.values) for c in staff.conditions.all()] == [("bought", ["bi"])]
    assert list(wave.sections.values_list("title", flat=True)) == [
        "Questions",
        "Your choice of support",
        "Your choice of support: Your contract",
        "Your choice of support",
        "Your practice",
        "How NHS England behaves",
        "Questions",
    ]


def test_the_bilingual_form_takes_either_language(series):
    data = FORMATS["sheets in capitals"](CORPUS["bilingual"])
    english = wave_import_xlsform(series=series, label="en", data=data, confidentiality="named")
    welsh = wave_import_xlsform(series=series, label="cy", data=data, confidentiality="named", language="Cymraeg")
    assert english.questions.get(code="informed").text == "Were you informed?"
    welsh_question = welsh.questions.get(code="informed")
    assert (welsh_question.text, welsh_question.help_text) == ("A gawsoch wybod?", "Dewiswch un")
    assert list(welsh_question.options.values_list("label", flat=True)) == ["Ie", "Na"]
