"""A corpus of XLSForms as survey teams write them, covering every type and column the importer takes, each kept as
sheets of rows and written as `.xlsx`, `.xlsx` without size records, `.xlsx` with its sheets in capitals, and `.xls`
(see `FORMATS`). The corpus tests import each, answer it in the browser, export it, have pyxform accept the export
and re-import it identically."""

from .services.test_xlsform_workbook import xls, xlsx

YES_NO = [["yn", "yes", "Yes"], ["yn", "no", "No"]]
AGREE = [
    ["agree", "sa", "Strongly agree", "yes", ""],
    ["agree", "a", "Agree", "yes", ""],
    ["agree", "d", "Disagree", "", ""],
    ["agree", "dk", "Don't know", "", "yes"],
]
SERVICES = [["service", code, label] for code, label in [("bi", "Business intelligence"), ("proc", "Procurement")]]
SERVICES += [["service", "mm", "Medicines management"]]

SUPPORT = {
    "survey": [
        [
            "type",
            "name",
            "label",
            "hint",
            "required",
            "relevant",
            "appearance",
            "constraint",
            "parameters",
            "choice_filter",
            "constraint_message",
            "required_message",
            "default",
            "read_only",
            "calculation",
        ],
        ["start", "started"],
        ["end", "ended"],
        ["note", "welcome", "These questions are about your commissioning support.", "About ten minutes."],
        ["begin_group", "choice", "Your choice of support"],
        ["select_one ccg", "ccg", "Which commissioner do you work for?", "", "yes"],
        ["select_one yn", "informed", "Were you given enough information to choose?", "Pick one", "yes"],
        ["select_one agree", "satisfied", "How satisfied are you?", "", "yes", "${informed} = 'no'", "likert"],
        ["select_multiple service", "bought", "Which services do you buy?", "", "yes", "", "", "", "randomize=true"],
        ["select_one yn or_other", "lead", "Do you lead the contract?", "", "yes"],
        ["begin_group", "contract", "Your contract", "", "", "selected(${bought}, 'bi')"],
        ["integer", "staff", "How many staff support you?", "", "yes", "", "", ". >= 0 and . <= 500"],
        ["decimal", "price", "Price per head (£)", "", "", "", "", ". >= 0", "", "", "", "", "0.45"],
        ["calculate", "price_for_100k", "", "", "", "", "", "", "", "", "", "", "", "", "${price} * 100000"],
        ["date", "signed", "When was it signed?", "", "yes"],
        ["time", "meets", "At what time do you meet your provider?", "24-hour clock", ""],
        ["end_group"],
        ["text", "provider", "Who provides it?", "", "yes", "", "", "string-length(.) <= 200", "", ""]
        + ["Answer in 200 characters or fewer", "Tell us who provides your support"],
        ["text", "unit", "Your support unit", "", "", "", "", "", "", "", "", "", "Blackpool CSU", "yes"],
        ["end_group"],
        ["begin_group", "practice_group", "Your practice"],
        ["select_one practice", "practice", "Which practice are you in?", "", "yes", "", "", "", "", "ccg=${ccg}"],
        ["end_group"],
        ["begin_group", "behaviours", "How NHS England behaves", "", "yes", "", "table-list"],
        ["select_one agree", "purpose", "Common purpose", "", "yes"],
        ["select_one agree", "honesty", "Honesty and transparency", "", "yes"],
        ["end_group"],
        ["text", "comments", "Anything else?", "", "${informed} = 'no'", "not(${informed} = 'yes')", "multiline"],
    ],
    "choices": [["list_name", "name", "label", "positive", "exclude_from_base", "ccg"], *YES_NO, *AGREE, *SERVICES]
    + [["ccg", "02M", "NHS Fylde and Wyre"], ["ccg", "00R", "NHS Blackpool"]]
    + [["practice", "P81001", "Promenade Medical Practice", "", "", "00R"]]
    + [["practice", "P81002", "Kirkham Health Centre", "", "", "02M"]]
    + [["practice", "P81003", "North Shore Surgery", "", "", "00R"]],
    "settings": [["form_title", "form_id"], ["Commissioning support 2014", "support_2014"]],
}

BILINGUAL = {
    "survey": [
        ["type", "name", "label::English", "label::Cymraeg", "hint::English", "hint::Cymraeg", "required"],
        ["select_one yn", "informed", "Were you informed?", "A gawsoch wybod?", "Pick one", "Dewiswch un", "yes"],
        ["text", "why", "Why?", "Pam?", "", "", ""],
    ],
    "choices": [
        ["list_name", "name", "label::English", "label::Cymraeg"],
        ["yn", "yes", "Yes", "Ie"],
        ["yn", "no", "No", "Na"],
    ],
    "settings": [["form_title", "default_language"], ["Welsh boards", "English"]],
}

PLAIN = {  # one language in a `label::` column, choices without labels (ODK shows their names)
    "survey": [["type", "name", "label::English (en)"], ["select_one colour", "colour", "Favourite colour?"]],
    "choices": [["list_name", "name", "label::English (en)"], ["colour", "red", ""], ["colour", "green", ""]],
}

CORPUS = {"support": SUPPORT, "bilingual": BILINGUAL, "plain": PLAIN}


def capitals(sheets: dict) -> dict:
    return {name.upper(): rows for name, rows in sheets.items()}


FORMATS = {
    "xlsx": lambda sheets: xlsx(sheets),
    "xlsx without size records": lambda sheets: xlsx(sheets, size_record=False),
    "sheets in capitals": lambda sheets: xlsx(capitals(sheets)),
    "xls": lambda sheets: xls(sheets),
}
