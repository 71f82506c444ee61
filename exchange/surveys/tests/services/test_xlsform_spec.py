"""The problems an XLSForm import reports (`services.xlsform.spec`) name the sheet, and the row where there is one."""

from exchange.surveys.services.xlsform import Problem, XLSFormError


def test_a_problem_names_its_sheet_and_row():
    assert str(Problem("survey", 4, "no label")) == "survey sheet, row 4: no label"


def test_a_problem_of_the_whole_sheet_names_no_row():
    assert str(Problem("survey", None, "no questions")) == "survey sheet: no questions"


def test_a_problem_of_the_whole_file_names_no_sheet():
    assert str(Problem("workbook", None, "not a workbook")) == "The file: not a workbook"


def test_the_error_carries_every_problem():
    problems = [Problem("survey", 2, "a"), Problem("choices", None, "b")]
    error = XLSFormError(problems)
    assert error.problems == problems and str(error) == "survey sheet, row 2: a; choices sheet: b"
