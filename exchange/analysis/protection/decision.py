"""What a confidential wave may show (`Protection`, which every output asks), and why some options are refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .structure import _Structure

FILTER_WITH_BREAKDOWN = (
    "This is a confidential wave: a role filter cannot be combined with a breakdown, because the filtered table and "
    "the unfiltered one together would show small groups of people by subtraction. Choose one or the other."
)
FILTER_SPLITS_HIDDEN = (
    "This is a confidential wave: the roles chosen would show, by subtraction from the role table, the answers of "
    "roles with fewer than {k} respondents. Choose all of {hidden} or none of them."
)
RESULTS_AFTER_CLOSE = (
    "This is a confidential wave that is still open: its results are published when it closes. Until then its "
    "answers wait in batches and only the response rates show, because results seen before and after a batch — or "
    "before and after the last few answers that closing releases — would show those few people's answers."
)
WEIGHTING_REFUSED = (
    "This is a confidential wave: weighted figures are offered for all respondents, by region or by role only, and "
    "only where its response-level export already shows region by role, since weights by region and role would "
    "otherwise publish combinations of small groups of people."
)


class Refused(ValueError):
    """This combination of options would disclose small groups; the message says why, for the analyst."""


@dataclass
class Protection:
    """What a confidential wave may show. `hidden` holds (partition, key) pairs of the wave-level decision."""

    wave_id: int
    k: int
    structure: _Structure
    hidden: frozenset
    empty: frozenset  # groups with no respondent: known to be empty
    triples: list  # (parent mask, [child group indices]) where the parent is exactly the union of the children
    outside_frame: int = 0  # responses from outside the contact list (loaded from elsewhere, or an open link)
    per_question: dict = field(default_factory=dict)  # (question id, grid item id) -> frozenset

    def hidden_in(self, partition: str, *, question_id: int | None = None, item_id: int = 0) -> set:
        hidden = self.hidden if question_id is None else self.per_question.get((question_id, item_id), self.hidden)
        return {key for part, key in hidden if part == partition}

    def is_hidden(self, partition: str, key, *, question_id: int | None = None, item_id: int = 0) -> bool:
        hidden = self.hidden if question_id is None else self.per_question.get((question_id, item_id), self.hidden)
        return (partition, key) in hidden

    @property
    def microdata(self) -> tuple[str, ...] | None:
        return self.structure.microdata

    def refusal(self, *, by: str, roles: tuple[str, ...], weighted: bool, closed: bool) -> str | None:
        """Why these dashboard options cannot be shown for this wave; None when they can."""
        if not closed:
            return RESULTS_AFTER_CLOSE
        if weighted and (by not in ("", "region", "role") or not {"region", "role"} <= set(self.microdata or ())):
            return WEIGHTING_REFUSED
        if roles and by:
            return FILTER_WITH_BREAKDOWN
        if roles:
            return self.filter_refusal(roles)
        return None

    def filter_refusal(self, roles: tuple[str, ...], *, question_id: int | None = None, item_id: int = 0) -> str | None:
        hidden = self.hidden_in("role", question_id=question_id, item_id=item_id)
        chosen = set(roles) & hidden
        if chosen and chosen != hidden:
            from exchange.accounts.models import Role

            labels = dict(Role.choices)
            names = " and ".join(sorted(labels.get(role, role or "no role") for role in hidden))
            return FILTER_SPLITS_HIDDEN.format(k=self.k, hidden=names)
        return None
