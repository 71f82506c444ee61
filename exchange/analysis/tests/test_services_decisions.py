"""Disclosure decisions kept in the database: one decision for one state of a wave, whatever happens to the page
cache, whichever machine asks first, and whichever process worked one out at the same time."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache

from exchange.accounts.models import Role
from exchange.analysis.models import DisclosureDecision
from exchange.analysis.protection import _digest, wave_protection
from exchange.analysis.services.decisions import disclosure_decision_keep
from exchange.analysis.tests.generated_waves import build_wave
from exchange.core import clock
from exchange.surveys.tests.factories import full_wave

pytestmark = pytest.mark.django_db

C, M, F = Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD, Role.FINANCE_LEAD


def _org(clinical=(0, 0), managerial=(0, 0), finance=(0, 0)):
    return ("commissioner", {C: clinical, M: managerial, F: finance})


@pytest.fixture
def wave():
    team = [_org((8, 6), (8, 6), (2, 1)), _org((8, 6), (8, 5))]
    return build_wave(([[team, [_org((4, 3))]]], [_org((20, 14), (20, 13))], 0, 9))


def test_a_decision_survives_the_cache_being_emptied_and_is_read_not_worked_out_again(
    wave, django_assert_max_num_queries
):
    first = wave_protection(wave)
    cache.clear()
    # Reading it back: the wave's digest (3 queries) and the decision; working it out takes hundreds.
    with django_assert_max_num_queries(5):
        again = wave_protection(wave)
    assert again.hidden == first.hidden and again.per_question == first.per_question
    assert first.hidden  # the wave has small groups to hide, so the comparison says something
    assert DisclosureDecision.objects.filter(wave=wave, digest=_digest(wave), per_question=True).count() == 1


def test_two_calls_give_the_same_decision(wave):
    one, two = wave_protection(wave), wave_protection(wave)
    assert (one.hidden, one.empty, one.per_question) == (two.hidden, two.empty, two.per_question)
    assert wave_protection(wave, per_question=False).hidden == one.hidden


def test_the_first_decision_kept_for_a_state_is_the_one_every_later_call_gets():
    wave = full_wave()
    assert disclosure_decision_keep(wave=wave, digest="a", per_question=True, work_out=lambda: "first") == "first"
    assert disclosure_decision_keep(wave=wave, digest="a", per_question=True, work_out=lambda: "second") == "first"


def test_a_decision_kept_elsewhere_while_this_one_was_worked_out_is_the_one_followed():
    wave = full_wave()

    def worked_out_while_another_machine_kept_its_own() -> str:
        disclosure_decision_keep(wave=wave, digest="a", per_question=True, work_out=lambda: "the other machine's")
        return "this machine's"

    kept = disclosure_decision_keep(
        wave=wave, digest="a", per_question=True, work_out=worked_out_while_another_machine_kept_its_own
    )
    assert kept == "the other machine's"
    assert disclosure_decision_keep(wave=wave, digest="a", per_question=True, work_out=lambda: "") == kept


def test_a_new_state_of_the_wave_drops_the_earlier_states_decision_of_the_same_kind_only_once_an_hour_old():
    wave, other = full_wave(), full_wave(label="2014")
    for digest, per_question in (("a", True), ("a", False)):
        disclosure_decision_keep(wave=wave, digest=digest, per_question=per_question, work_out=lambda: "x")
    with time_machine.travel(clock.now() + timedelta(hours=2)):
        disclosure_decision_keep(wave=wave, digest="b", per_question=True, work_out=lambda: "x")
    disclosure_decision_keep(wave=other, digest="a", per_question=True, work_out=lambda: "x")
    kept = set(DisclosureDecision.objects.values_list("wave", "digest", "per_question"))
    assert kept == {(wave.pk, "a", False), (wave.pk, "b", True), (other.pk, "a", True)}


def test_a_decision_that_can_no_longer_be_read_is_worked_out_again_and_replaced():
    wave = full_wave()
    DisclosureDecision.objects.create(wave=wave, digest="a", per_question=True, decision=b"kept by older code")
    assert disclosure_decision_keep(wave=wave, digest="a", per_question=True, work_out=lambda: "anew") == "anew"
    assert disclosure_decision_keep(wave=wave, digest="a", per_question=True, work_out=lambda: "") == "anew"


def test_a_wave_deleted_takes_its_decisions_with_it():
    wave = full_wave()
    disclosure_decision_keep(wave=wave, digest="a", per_question=True, work_out=lambda: "x")
    wave.delete()
    assert not DisclosureDecision.objects.exists()


def test_a_process_still_on_an_older_state_never_drops_the_current_states_decision():
    wave = full_wave()
    assert disclosure_decision_keep(wave=wave, digest="new", per_question=True, work_out=lambda: "served") == "served"
    assert disclosure_decision_keep(wave=wave, digest="old", per_question=True, work_out=lambda: "late") == "late"
    assert disclosure_decision_keep(wave=wave, digest="new", per_question=True, work_out=lambda: "again") == "served"
