"""Writing questionnaires.

- `waves`: series and waves — create, open, close, copy.
- `questions`: a wave's sections and questions with their options, grid items and routing; `sections_create`
  writes a whole questionnaire from specs (a copied wave, an imported XLSForm).
- `rules`: a question's XLSForm rules (constraint, required expression, calculation, default, read-only).
- `specs`: what a questionnaire is written from (`SectionSpec`, `QuestionSpec`, `OptionSpec`, `ConditionSpec`,
  `RulesSpec`).
"""

from .questions import (
    CODE_TAKEN,
    GRID_ITEMS_NEEDED,
    OPTIONS_NEEDED,
    POSITIVE_OUT_OF_BASE,
    SOURCE_LATER,
    UNKNOWN_OPTION,
    WAVE_HAS_RESPONSES,
    WAVE_LOCKED,
    question_create,
    question_delete,
    question_move,
    question_update,
    section_create,
    sections_create,
)
from .specs import ConditionSpec, OptionSpec, QuestionSpec, RulesSpec, SectionSpec
from .waves import EMPTY_WAVE, series_create, wave_close, wave_copy, wave_create, wave_open

__all__ = [
    "CODE_TAKEN",
    "EMPTY_WAVE",
    "GRID_ITEMS_NEEDED",
    "OPTIONS_NEEDED",
    "POSITIVE_OUT_OF_BASE",
    "SOURCE_LATER",
    "UNKNOWN_OPTION",
    "WAVE_HAS_RESPONSES",
    "WAVE_LOCKED",
    "ConditionSpec",
    "OptionSpec",
    "QuestionSpec",
    "RulesSpec",
    "SectionSpec",
    "question_create",
    "question_delete",
    "question_move",
    "question_update",
    "section_create",
    "sections_create",
    "series_create",
    "wave_close",
    "wave_copy",
    "wave_create",
    "wave_open",
]
