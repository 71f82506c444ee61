"""Reading surveys, by topic: `waves` (series and waves, those a person manages), `questions`, `contacts` (the
sample frame and where each contact has got to). Other apps import the names from here."""

from .contacts import (
    COMPLETED,
    OPENED,
    PROGRESS_FIELDS,
    STARTED,
    contact_progress_shown,
    contacts_with_progress_shown,
    wave_frame_includes,
)
from .questions import text_question_get
from .waves import (
    closed_confidential_waves,
    series_managed_get,
    series_managed_list,
    wave_by_path,
    wave_get,
    wave_managed_get,
)

__all__ = [
    "COMPLETED",
    "OPENED",
    "PROGRESS_FIELDS",
    "STARTED",
    "closed_confidential_waves",
    "contact_progress_shown",
    "contacts_with_progress_shown",
    "series_managed_get",
    "series_managed_list",
    "text_question_get",
    "wave_by_path",
    "wave_frame_includes",
    "wave_get",
    "wave_managed_get",
]
