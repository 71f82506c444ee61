"""Disclosure control of response-level data (microdata): what a confidential wave's export may carry.

The property: in a confidential wave's export, every combination of the quasi-identifiers it keeps (organisation,
ODS code, area team, region, role) is shared by at least the series' threshold of rows (k-anonymity, k = the
suppression threshold, default 10), so no row can be joined to fewer than k people through the contacts pages or
the registry; free text, which can name its writer, is exported only where an analyst has reviewed it and cleared
it for release; and a wave with fewer responses than the threshold has no response-level export at all.

The quasi-identifiers are coarsened by global recoding, from the finest level down, until every combination holds
k rows: organisation → area team → region and role → role → region → none. A named wave's export is not coarsened:
its respondents agreed to be named.
"""

from collections import Counter
from dataclasses import dataclass

from exchange.surveys.models import Wave

QUASI_IDENTIFIERS = ("organisation_code", "organisation", "area_team", "region", "role")
LEVELS: list[tuple[str, tuple[str, ...]]] = [
    ("organisation, area team, region and role", QUASI_IDENTIFIERS),
    ("area team, region and role", ("area_team", "region", "role")),
    ("region and role", ("region", "role")),
    ("role", ("role",)),
    ("region", ("region",)),
    ("none", ()),
]
TOO_FEW = (
    "This wave has {count} responses, fewer than its threshold of {k}: response-level data could identify people, "
    "so there is no response-level export. The results pages show what can be published."
)


class MicrodataRefused(Exception):
    """The export would identify people; the message says why, in words for the analyst."""


@dataclass(frozen=True)
class MicrodataPlan:
    """What the export keeps: the quasi-identifiers at the chosen level, and whether text needs clearing."""

    k: int
    kept: tuple[str, ...]
    level: str
    confidential: bool

    def keeps(self, attribute: str) -> bool:
        return not self.confidential or attribute in self.kept


def coarsest_needed(records: list[dict], *, k: int) -> tuple[str, tuple[str, ...]]:
    """The finest level at which every combination of the kept attributes occurs in at least k records."""
    for label, attributes in LEVELS:
        counts = Counter(tuple(record.get(name) or "" for name in attributes) for record in records)
        if all(count >= k for count in counts.values()):
            return label, attributes
    return LEVELS[-1]


def microdata_plan(*, wave: Wave, records: list[dict]) -> MicrodataPlan:
    """`records`: one dict of quasi-identifiers per response. Raises MicrodataRefused below the threshold."""
    k = wave.series.suppression_threshold
    if not wave.is_confidential:
        return MicrodataPlan(k=k, kept=QUASI_IDENTIFIERS, level="all (a named wave)", confidential=False)
    if len(records) < k:
        raise MicrodataRefused(TOO_FEW.format(count=len(records), k=k))
    label, kept = coarsest_needed(records, k=k)
    return MicrodataPlan(k=k, kept=kept, level=label, confidential=True)
