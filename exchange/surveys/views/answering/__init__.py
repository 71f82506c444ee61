"""The respondent's journey: the survey link's start page and opting out (`start`), then the pages of answers, the
check and the end (`journey`), sharing the session entry and the draft (`respondent`).

The personal token appears only in the first URL: pressing Start there swaps it for a session entry, so later
requests (and any access log of them) carry no token, and submission cannot be tied to a person. Looking at any of
these pages (GET or HEAD, as an e-mail link scanner does) writes nothing: no contact marked opened, no draft, no
session, no cookie of ours. Only a POST does."""

from .journey import answer_check, answer_done, answer_section, answer_start
from .start import opt_out, respond

__all__ = ["answer_check", "answer_done", "answer_section", "answer_start", "opt_out", "respond"]
