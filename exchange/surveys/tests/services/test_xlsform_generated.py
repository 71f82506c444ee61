"""Generated XLSForms (hypothesis): question types, groups (nested and unbalanced), routing, number bounds, one or
two languages, and malformed rows. Whatever the form, importing it either gives exactly what pyxform itself reads
(names, types, choices, required, in order; and the routing and bounds the form was written with) or refuses it
with clear lines, each once — never another exception, never a half-imported wave."""

import itertools
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from pyxform.xls2json import parse_file_to_json

from exchange.surveys.models import QuestionKind, Wave
from exchange.surveys.services.xlsform import XLSFormError, read_xlsform, wave_import_xlsform

from .test_xlsform_workbook import xlsx

LISTS = {"yn": ["yes", "no"], "agree": ["sa", "a", "n", "d", "sd"], "one": ["only"]}
LANGUAGES = [None, ["English"], ["English", "Cymraeg"]]
SUPPORTED = ["select_one yn", "select_one agree", "select_multiple agree", "integer", "decimal", "text", "note"]
SUPPORTED += ["date", "time"]
UNSUPPORTED = ["geopoint", "image", "barcode", "begin_repeat", "acknowledge", "range"]
MALFORMED = ["no name", "no label", "duplicate name", "unknown list", "unknown type", "routed on nothing", "bad bound"]
PYXFORM_KIND = {
    "select one": {QuestionKind.SINGLE, QuestionKind.LIKERT},
    "select all that apply": {QuestionKind.MULTIPLE},
    "integer": {QuestionKind.NUMBER},
    "decimal": {QuestionKind.NUMBER},
    "text": {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT},
    "note": {QuestionKind.NOTE},
    "date": {QuestionKind.DATE},
    "time": {QuestionKind.TIME},
}


@dataclass
class Form:
    languages: list[str] | None
    rows: list[dict] = field(default_factory=list)
    # what the form was written to mean: question name -> (routing, bounds)
    meant: dict[str, tuple[list[tuple[str, str, tuple[str, ...]]], tuple]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Form({self.languages!r}, {self.rows!r})"

    def label_columns(self) -> list[str]:
        return [f"label::{language}" for language in self.languages] if self.languages else ["label"]

    def sheets(self) -> dict[str, list[list]]:
        columns = ["type", "name", *self.label_columns(), "required", "relevant", "constraint"]
        survey = [columns] + [[row.get(column, "") for column in columns] for row in self.rows]
        labels = self.label_columns()
        choices = [["list_name", "name", *labels]] + [
            [name, code, *[f"{code} ({column})" for column in labels]]
            for name, codes in LISTS.items()
            for code in codes
        ]
        settings_sheet = [
            ["form_title", "default_language"],
            ["Generated", self.languages[0] if self.languages else ""],
        ]
        return {"survey": survey, "choices": choices, "settings": settings_sheet}


def _labels(form: Form, text: str) -> dict:
    return {column: f"{text} ({column})" for column in form.label_columns()}


@st.composite
def forms(draw) -> Form:
    form = Form(languages=draw(st.sampled_from(LANGUAGES)))
    choice_questions: dict[str, str] = {}  # name -> list
    depth, counter = 0, itertools.count(1)
    groups: list[list] = []  # the routing of each open group
    for _ in range(draw(st.integers(1, 9))):
        step = draw(st.sampled_from(["question"] * 5 + ["begin", "end", "unsupported", "malformed"]))
        name = f"q{next(counter)}"
        if step == "begin":
            group = {"type": "begin_group", "name": f"g{name}", **_labels(form, "Group")}
            routing = []
            if choice_questions and draw(st.booleans()):  # a routed group: its questions are asked only if
                source = draw(st.sampled_from(sorted(choice_questions)))
                value = draw(st.sampled_from(LISTS[choice_questions[source]]))
                group["relevant"] = f"${{{source}}} = '{value}'"
                routing = [(source, "equals", (value,))]
            form.rows.append(group)
            groups.append(routing)
            depth += 1
        elif step == "end" and (depth or draw(st.booleans())):  # sometimes one too many: malformed
            form.rows.append({"type": "end_group"})
            depth = max(depth - 1, 0)
            if groups:
                groups.pop()
        elif step == "unsupported":
            form.rows.append({"type": draw(st.sampled_from(UNSUPPORTED)), "name": name, **_labels(form, "U")})
        elif step == "malformed":
            form.rows.append(_malformed(draw, form, name, choice_questions))
        elif step == "question":
            kind = draw(st.sampled_from(SUPPORTED))
            row = {"type": kind, "name": name, **_labels(form, f"Question {name}")}
            row["required"] = draw(st.sampled_from(["", "yes", "no"]))
            routing, bounds = [], (None, None)
            if choice_questions and draw(st.booleans()):
                source = draw(st.sampled_from(sorted(choice_questions)))
                value = draw(st.sampled_from(LISTS[choice_questions[source]]))
                if choice_questions[source] and kind != "text" or draw(st.booleans()):
                    row["relevant"] = f"${{{source}}} = '{value}'"
                    routing = [(source, "equals", (value,))]
            if kind in ("integer", "decimal") and draw(st.booleans()):
                low, high = sorted(draw(st.lists(st.integers(-5, 500), min_size=2, max_size=2)))
                row["constraint"] = f". >= {low} and . <= {high}"
                bounds = (low, high)
            form.rows.append(row)
            form.meant[name] = ([condition for group in groups for condition in group] + routing, bounds)
            if kind.startswith("select_one") and "select_multiple" not in kind:
                choice_questions[name] = kind.split()[1]
    while depth and draw(st.booleans()):  # sometimes a group is left open: malformed
        form.rows.append({"type": "end_group"})
        depth -= 1
    return form


def _malformed(draw, form: Form, name: str, choice_questions: dict) -> dict:
    what = draw(st.sampled_from(MALFORMED))
    row = {"type": "text", "name": name, **_labels(form, "M")}
    if what == "no name":
        row["name"] = ""
    elif what == "no label":
        row.update(dict.fromkeys(form.label_columns(), ""))
    elif what == "duplicate name":
        earlier = [row["name"] for row in form.rows if row.get("name")]
        row["name"] = draw(st.sampled_from(earlier)) if earlier else ""
    elif what == "unknown list":
        row["type"] = "select_one nolist"
    elif what == "unknown type":
        row["type"] = "favourite_colour"
    elif what == "routed on nothing":
        row["relevant"] = "${nowhere} = 'x'"
    else:
        row.update(type="integer", constraint="regex(., '([0-9]+)+')")  # a pattern that can take forever
    return row


def _pyxform_questions(data: bytes) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.xlsx"
        path.write_bytes(data)
        parsed = parse_file_to_json(str(path))
    found: list[dict] = []

    def walk(children):
        for child in children:
            if child.get("type") == "group":
                if child.get("name") != "meta":
                    walk(child.get("children", []))
            else:
                found.append(child)

    walk(parsed.get("children", []))
    return [
        dict(node, choices=node.get("choices") or parsed.get("choices", {}).get(node.get("itemset"), []))
        for node in found
    ]


def _check_refusal(error: XLSFormError) -> None:
    lines = [str(problem) for problem in error.problems]
    assert lines and all(problem.reason.strip() for problem in error.problems)
    assert len(lines) == len(set(lines)), "each problem once"


@settings(max_examples=80, deadline=None, derandomize=True)
@given(form=forms())
def test_a_generated_form_imports_as_pyxform_reads_it_or_is_refused_in_clear_lines(form):
    note(f"languages {form.languages}, rows {form.rows}")
    data = xlsx(form.sheets())
    try:
        spec = read_xlsform(data)
    except XLSFormError as error:
        _check_refusal(error)
        return
    ours = [question for section in spec.sections for question in section.questions]
    theirs = _pyxform_questions(data)
    assert [q.code for q in ours] == [node["name"] for node in theirs]
    for question, node in zip(ours, theirs, strict=True):
        assert question.kind in PYXFORM_KIND[node["type"]]
        assert [o.code for o in question.options] == [c["name"] for c in node["choices"]]
        required = str(node.get("bind", {}).get("required", "")).lower() in ("yes", "true()")
        assert question.required == (required and node["type"] != "note")  # a note is never required (ODK)
        routing, (low, high) = form.meant[question.code]
        assert [(c.source_code, c.operator, c.values) for c in question.conditions] == routing
        assert (question.min_value, question.max_value) == (low, high)
        assert node.get("bind", {}).get("relevant", "") == next(
            (row.get("relevant", "") for row in form.rows if row.get("name") == question.code), ""
        )
        language = form.languages[0] if form.languages else None
        column = f"label::{language}" if language else "label"
        assert question.text == f"Question {question.code} ({column})"


WAVES = itertools.count(1)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=forms())
def test_importing_a_generated_form_creates_a_whole_wave_or_nothing(series, form):
    before = Wave.objects.count()
    try:
        wave = wave_import_xlsform(
            series=series, label=f"generated {next(WAVES)}", data=xlsx(form.sheets()), confidentiality="named"
        )
    except XLSFormError as error:
        _check_refusal(error)
        assert Wave.objects.count() == before
    else:
        assert wave.questions.count() == len(form.meant)


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=forms())
def test_the_upload_page_answers_a_generated_form_with_a_new_wave_or_its_problems(client, analyst, series, form):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(analyst)
    label = f"uploaded {next(WAVES)}"
    response = client.post(
        reverse("surveys:xlsform-upload", kwargs={"series_slug": series.slug}),
        {"file": SimpleUploadedFile("form.xlsx", xlsx(form.sheets())), "label": label},
    )
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "What we cannot import" in response.content.decode()
        assert not series.waves.filter(label=label).exists()
