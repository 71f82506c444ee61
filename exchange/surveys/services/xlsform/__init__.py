"""XLSForm in and out, built on pyxform (reading) and openpyxl (writing).

- `workbook`: the one reader of `.xls`, `.xlsx` and `.xlsm` (pyxform's own), with each row's number for messages.
- `reading`: `read_xlsform` maps a workbook to a `FormSpec` or raises `XLSFormError` listing every `Problem`;
  `layout` (groups to sections, what is refused in a question's cells) and `kinds` (note, date, time) help it.
- `importing`: `wave_import_xlsform` creates a wave from it (nothing is imported if there is any problem).
- `writing`: `wave_export_xlsform`, a workbook that reads back to the same questionnaire.
- `routing`: XLSForm `relevant` expressions to and from our routing conditions.
- `spec`: what a form reads into, and the problems.
"""

from ..authoring import QuestionSpec, SectionSpec
from .importing import wave_import_xlsform
from .reading import read_xlsform
from .spec import FormSpec, Problem, XLSFormError
from .writing import wave_export_xlsform

__all__ = [
    "FormSpec",
    "Problem",
    "QuestionSpec",
    "SectionSpec",
    "XLSFormError",
    "read_xlsform",
    "wave_export_xlsform",
    "wave_import_xlsform",
]
