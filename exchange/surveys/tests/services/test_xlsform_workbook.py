"""The one reader of XLSForm workbooks (`services.xlsform.workbook`), attacked with workbooks as people really have
them: `.xls` from Excel 97–2003, sheets without a size record, `SURVEY` in capitals, `label::English` columns, forms
in two languages, randomised lists, choices without labels, and what we would otherwise drop silently."""

import io
import re
import zipfile

import openpyxl
import pytest
import xlwt
from django.core.management import call_command
from django.core.management.base import CommandError

from exchange.core.uploads import UNPACKS_TOO_BIG, UploadRefused
from exchange.surveys.models import Question, QuestionKind
from exchange.surveys.services.xlsform import XLSFormError, read_xlsform, wave_import_xlsform

pytestmark = pytest.mark.django_db

SURVEY = [
    ["type", "name", "label"],
    ["select_one yn", "informed", "Given enough information?"],
    ["text", "why", "Why?"],
]
CHOICES = [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]


def xlsx(sheets: dict[str, list[list]], *, size_record: bool = True) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if size_record:
        return buffer.getvalue()
    # pyxform's own writer leaves out each sheet's <dimension>, so openpyxl reads its rows short
    source, target = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
            out.writestr(item, data)
    return target.getvalue()


def xls(sheets: dict[str, list[list]]) -> bytes:
    book = xlwt.Workbook()
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems(data: bytes, **kwargs) -> list[str]:
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(data, **kwargs)
    return [str(problem) for problem in refused.value.problems]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(xls({"survey": SURVEY, "choices": CHOICES}), id="xls"),
        pytest.param(xlsx({"survey": SURVEY, "choices": CHOICES}, size_record=False), id="xlsx without size record"),
        pytest.param(xlsx({"SURVEY": SURVEY, "Choices": CHOICES}), id="sheets named in capitals"),
    ],
)
def test_a_workbook_as_people_have_it_imports(series, data):
    wave = wave_import_xlsform(series=series, label="w", data=data, confidentiality="named")
    assert dict(wave.questions.values_list("code", "kind")) == {
        "informed": QuestionKind.SINGLE,
        "why": QuestionKind.SHORT_TEXT,
    }


def test_problems_point_at_the_row_in_an_xls_and_in_a_short_rowed_xlsx():
    survey = [*SURVEY, ["geopoint", "where", "Where?"]]
    for data in (
        xls({"survey": survey, "choices": CHOICES}),
        xlsx({"SURVEY": survey, "choices": CHOICES}, size_record=False),
    ):
        assert problems(data) == ["survey sheet, row 4: question type 'geopoint' is not supported"]


def test_a_single_language_label_column_is_the_label():
    survey = [["type", "name", "label::English (en)", "hint::English (en)"], ["text", "why", "Why?", "In a line"]]
    (section,) = read_xlsform(xlsx({"survey": survey})).sections
    assert (section.questions[0].text, section.questions[0].help_text) == ("Why?", "In a line")


def test_a_form_in_two_languages_takes_the_default_or_the_chosen_one():
    survey = [
        ["type", "name", "label::English", "label::Cymraeg"],
        ["select_one yn", "informed", "Informed?", "Gwybod?"],
    ]
    choices = [
        ["list_name", "name", "label::English", "label::Cymraeg"],
        ["yn", "y", "Yes", "Ie"],
        ["yn", "n", "No", "Na"],
    ]
    settings = [["form_title", "default_language"], ["Survey", "Cymraeg"]]
    data = xlsx({"survey": survey, "choices": choices, "settings": settings})
    spec = read_xlsform(data)
    question = spec.sections[0].questions[0]
    assert (spec.language, question.text, [o.label for o in question.options]) == ("Cymraeg", "Gwybod?", ["Ie", "Na"])
    assert read_xlsform(data, language="English").sections[0].questions[0].text == "Informed?"
    assert problems(data, language="Français") == ["settings sheet: the form has no labels in 'Français'"]


def test_a_randomised_list_of_two_and_choices_without_labels_import():
    survey = [["type", "name", "label", "parameters"], ["select_one yn", "informed", "Informed?", "randomize=true"]]
    choices = [["list_name", "name", "label"], ["yn", "yes", ""], ["yn", "no", ""]]
    question = read_xlsform(xlsx({"survey": survey, "choices": choices})).sections[0].questions[0]
    assert [(o.code, o.label) for o in question.options] == [("yes", "yes"), ("no", "no")]


def test_rules_once_refused_are_read_and_an_expression_outside_the_subset_is_refused_one_line_each():
    survey = [
        ["type", "name", "label", "required", "readonly", "default", "constraint_message", "calculation"],
        ["select_one yn", "informed", "Informed?"],
        ["text", "a", "A?", "${informed} = 'yes'"],
        ["text", "b", "B?", "", "yes", "fixed"],
        ["calculate", "c", "", "", "", "", "", "once(${informed})"],
        ["integer", "d", "D?", "${a} >"],
    ]
    assert problems(xlsx({"survey": survey, "choices": CHOICES})) == [
        "survey sheet, row 5: calculation 'once(${informed})': once() is not supported",
        "survey sheet, row 6: required '${a} >': the expression ends too soon",
    ]
    survey = survey[:4]
    rules = [q.rules for q in read_xlsform(xlsx({"survey": survey, "choices": CHOICES})).sections[0].questions]
    assert (rules[1].required_if, rules[2].readonly, rules[2].default) == ("${informed} = 'yes'", True, "fixed")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"name,label\n", "not an Excel workbook"),
        (b"PK\x03\x04 not really a zip", "could not be read as an XLSForm"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really an xls", "could not be read as an XLSForm"),
    ],
)
def test_a_file_that_is_not_a_readable_workbook_is_refused_in_one_line(data, reason):
    (line,) = problems(data)
    assert reason in line


def test_a_rule_of_our_questionnaires_is_refused_at_the_questions_row(series):
    survey = [*SURVEY, ["select_one one", "lonely", "Only one option?"]]
    choices = [*CHOICES, ["one", "only", "Only"]]
    with pytest.raises(XLSFormError) as refused:
        wave_import_xlsform(
            series=series, label="w", data=xlsx({"survey": survey, "choices": choices}), confidentiality="named"
        )
    (problem,) = refused.value.problems
    assert problem.row == 4 and "lonely" in problem.reason
    assert not Question.objects.exists()


def test_the_command_takes_an_xls_and_a_language(series, tmp_path, capsys):
    path = tmp_path / "form.xls"
    path.write_bytes(xls({"survey": SURVEY, "choices": CHOICES}))
    call_command("import_xlsform", str(path), series=series.slug, wave="2026", language=None)
    assert "with 2 questions" in capsys.readouterr().out
    path.write_bytes(b"garbage")
    with pytest.raises(CommandError, match="not an Excel workbook"):
        call_command("import_xlsform", str(path), series=series.slug, wave="2027")


def test_or_other_imports_the_other_option_and_its_text_question_routed_on_it():
    survey = [["type", "name", "label"], ["select_one yn or_other", "informed", "Informed?"]]
    (section,) = read_xlsform(xlsx({"survey": survey, "choices": CHOICES})).sections
    informed, other = section.questions
    assert [o.code for o in informed.options] == ["yes", "no", "other"]
    assert other.code == "informed_other" and other.kind == QuestionKind.SHORT_TEXT
    assert [(c.source_code, c.values) for c in other.conditions] == [("informed", ("other",))]


def test_device_metadata_is_left_out_and_said_so_through_the_command(series, tmp_path, capsys):
    survey = [SURVEY[0], ["start", "started"], ["deviceid", "phone"], *SURVEY[1:], ["end", "ended"]]
    path = tmp_path / "kobo.xlsx"
    path.write_bytes(xlsx({"survey": survey, "choices": CHOICES}))
    call_command("import_xlsform", str(path), series=series.slug, wave="2026")
    out = capsys.readouterr().out
    assert "with 2 questions" in out
    assert "Left out: survey sheet, row 2: 'start' (started) is device metadata: not recorded" in out
    assert out.count("Left out:") == 3


def test_a_small_upload_that_unpacks_to_a_huge_workbook_is_refused_before_it_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 4_000_000)  # 24 MB of XML in a few kB
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(UploadRefused) as refused:
        read_xlsform(buffer.getvalue())
    assert refused.value.message == UNPACKS_TOO_BIG.format(limit=20)


def test_pyxforms_refusal_of_a_choices_header_names_the_choices_sheet():
    lines = problems(xlsx({"survey": SURVEY, "choices": [["list_name", "nom", "label"], ["yn", "yes", "Yes"]]}))
    assert lines and all(line.startswith("choices sheet") for line in lines), lines
