"""The analysis app's writes, by topic: the tallies (`tallies`), headline statements (`headlines`), and the coding
of free-text comments (`comments`)."""

from .comments import comment_code, theme_create
from .headlines import headline_add
from .tallies import tallies_add, tallies_rebuild, tallies_record

__all__ = ["comment_code", "headline_add", "tallies_add", "tallies_rebuild", "tallies_record", "theme_create"]
