"""The analysis app's reads, by topic, for its pages, exports and reports and for other apps: response rates
(`tracking`), a wave's tables of results (`results`, from the counts of `counts`), one organisation's beside all
respondents' (`organisation_results`), year-on-year changes (`changes`), headline statements (`headlines`),
free-text comments (`comments`) and the response-level rows of the exports (`responses`). Every figure about groups
of people of a confidential wave goes through the disclosure layer (`analysis.protection`)."""

from .changes import Change, previous_wave, wave_changes
from .comments import (
    CommentEntry,
    ThemeCount,
    comment_entries,
    comment_find,
    comment_list,
    comment_reference,
    comments_hidden,
    quotes,
    theme_counts,
    wave_quotes,
)
from .counts import group_labels, respondents_choosing_any
from .headlines import Headline, headline, wave_headlines
from .organisation_results import Comparison, organisation_comparison
from .responses import export_plan, response_rows
from .results import wave_results
from .tracking import RateRow, Tracking, method_tracking, wave_tracking

__all__ = [
    "Change",
    "CommentEntry",
    "Comparison",
    "Headline",
    "RateRow",
    "ThemeCount",
    "Tracking",
    "comment_entries",
    "comment_find",
    "comment_list",
    "comment_reference",
    "comments_hidden",
    "export_plan",
    "group_labels",
    "headline",
    "method_tracking",
    "organisation_comparison",
    "previous_wave",
    "quotes",
    "respondents_choosing_any",
    "response_rows",
    "theme_counts",
    "wave_changes",
    "wave_headlines",
    "wave_quotes",
    "wave_results",
    "wave_tracking",
]
