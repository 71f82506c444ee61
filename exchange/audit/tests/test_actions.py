"""Every action the code can record has a label people read, in one vocabulary (exchange/audit/actions.py)."""

import re
from pathlib import Path

import pytest

from exchange.audit.actions import LABELS, AuditAction, action_label

EXCHANGE = Path(__file__).resolve().parents[2]


def _recorded_in_code() -> set[str]:
    """The members of AuditAction that the code (tests and migrations aside) names, and any action written as a
    literal where an event is recorded."""
    named, literals = set(), set()
    for path in EXCHANGE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        named |= set(re.findall(r"\bAuditAction\.([A-Z][A-Z_]+)\b", text))
        literals |= set(re.findall(r"\baction=[\"']([a-z_]+\.[a-z_]+)[\"']", text))
    return {AuditAction[name].value for name in named} | literals


def test_the_code_records_actions_and_every_one_is_in_the_vocabulary():
    recorded = _recorded_in_code()
    assert len(recorded) >= 40
    assert recorded <= set(LABELS), recorded - set(LABELS)


@pytest.mark.parametrize("action", sorted(LABELS))
def test_every_action_has_a_label_in_words_not_its_code(action):
    label = action_label(action)
    assert label == LABELS[action]
    assert label[0].isupper() and "." not in label and "_" not in label
    assert label.lower() != action.lower()


def test_an_action_no_longer_in_the_vocabulary_is_still_named_in_words():
    assert action_label("procurement.bid_peeked") == "Bid peeked"
    assert action_label("legacy") == "Legacy"
