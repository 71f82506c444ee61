"""Six XLSForms of our own, kept as rows so a reader sees every construct; `workbook()` writes them as .xlsx."""

import io

import openpyxl

SURVEY_HEADER = ["type", "name", "label", "hint", "required", "relevant", "appearance", "constraint"]
CHOICES_HEADER = ["list_name", "name", "label", "positive", "exclude_from_base"]

AGREE = [
    ["agree", "sa", "Strongly agree", "yes", ""],
    ["agree", "a", "Agree", "yes", ""],
    ["agree", "n", "Neither", "", ""],
    ["agree", "d", "Disagree", "", ""],
    ["agree", "dk", "Don't know", "", "yes"],
]
YES_NO = [["yn", "yes", "Yes", "", ""], ["yn", "no", "No", "", ""]]


def workbook(survey: list[list], choices: list[list], title: str = "Test form") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(SURVEY_HEADER)
    for row in survey:
        sheet.append(row + [""] * (len(SURVEY_HEADER) - len(row)))
    choice_sheet = book.create_sheet("choices")
    choice_sheet.append(CHOICES_HEADER)
    for row in choices:
        choice_sheet.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id"])
    settings.append([title, "test_form"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FORMS = {
    # Every type we support, in groups, with every routing form.
    "every_type": (
        [
            ["begin_group", "choices", "Your choices"],
            ["select_one yn", "info", "Given enough information?", "Pick one", "yes"],
            ["select_one agree", "satisfied", "Satisfied with the offer?", "", "yes", "${info} = 'no'", "likert"],
            [
                "select_multiple why",
                "why",
                "Why this support?",
                "",
                "",
                "selected(${info}, 'yes') or selected(${info}, 'no')",
            ],
            ["integer", "staff", "How many staff?", "", "yes", "", "", ". >= 0 and . <= 500"],
            ["decimal", "budget", "Budget per head (£)", "", "", "", "", ". >= 0"],
            ["text", "name_of_csu", "Name of your support unit"],
            ["text", "comments", "Comments", "", "", "not(${info} = 'yes')", "multiline"],
            ["end_group"],
            ["begin_group", "behaviours", "Behaviours", "", "yes", "", "table-list"],
            ["select_one agree", "common_purpose", "Common purpose", "", "yes"],
            ["select_one agree", "honesty", "Honesty and transparency", "", "yes"],
            ["end_group"],
        ],
        YES_NO + AGREE + [["why", "busy", "Too busy", "", ""], ["why", "rel", "Good relationships", "", ""]],
    ),
    # Questions outside any group, and an 'and' of two conditions.
    "loose_questions": (
        [
            ["select_one yn", "member", "Are you a CCG member?", "", "yes"],
            ["select_one yn", "lead", "Are you a clinical lead?", "", "yes"],
            ["text", "specialty", "Your specialty", "", "", "${member} = 'yes' and ${lead} = 'yes'"],
        ],
        YES_NO,
    ),
    # A Likert grid at the top level and '!=' routing.
    "grid_only": (
        [
            ["begin_group", "grid", "How far do you agree?", "", "", "", "table-list"],
            ["select_one agree", "g1", "NHS England listens"],
            ["select_one agree", "g2", "NHS England explains its decisions"],
            ["end_group"],
            ["begin_group", "after", "After the grid"],
            ["select_one yn", "again", "Would you take part again?", "", "yes"],
            ["text", "why_not", "Why not?", "", "", "${again} != 'yes'"],
            ["end_group"],
        ],
        YES_NO + AGREE,
    ),
    # Several sections, multiple choice routing with not(selected()).
    "sections_and_multiple": (
        [
            ["begin_group", "s1", "Services you buy"],
            ["select_multiple services", "services", "Which services do you buy?", "Select all that apply", "yes"],
            ["end_group"],
            ["begin_group", "s2", "Business intelligence"],
            ["select_one agree", "bi_value", "BI is good value", "", "yes", "selected(${services}, 'bi')", "likert"],
            ["end_group"],
            ["begin_group", "s3", "Other services"],
            ["text", "other", "What else would you buy?", "", "", "not(selected(${services}, 'bi'))", "multiline"],
            ["end_group"],
        ],
        AGREE
        + [
            ["services", "bi", "Business intelligence", "", ""],
            ["services", "proc", "Procurement", "", ""],
            ["services", "hr", "HR", "", ""],
        ],
    ),
    # A note (required in the form, which a note ignores), dates and times, one routed, one with no-calendar.
    "notes_dates_times": (
        [
            ["begin_group", "when", "When things happen"],
            ["note", "intro", "These questions are about dates.", "Give your best guess.", "yes"],
            ["select_one yn", "merged", "Has your organisation merged?", "", "yes"],
            ["date", "merged_on", "When did it merge?", "", "yes", "${merged} = 'yes'", "no-calendar"],
            ["time", "meets_at", "When does your board meet?", "24-hour clock"],
            ["note", "thanks", "Thank you.", "", "", "${merged} = 'no'"],
            ["end_group"],
        ],
        YES_NO,
    ),
    # Numbers only, whole and decimal, with one and two bounds.
    "numbers": (
        [
            ["begin_group", "size", "Size"],
            ["integer", "population", "Registered population", "", "yes", "", "", ". >= 1000"],
            ["decimal", "share", "Share of budget (%)", "", "yes", "", "", ". >= 0 and . <= 100"],
            ["integer", "practices", "Number of practices", "", "", "", "", ". <= 200"],
            ["end_group"],
        ],
        [],
    ),
}
