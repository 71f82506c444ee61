"""Crosstabs by another question's answer (CrossTally), attacked: every figure of `wave_results(by="q:CODE")` — each
group's option counts, percentages, % positive, base, number answered, number asked, number summaries, and the
overall figure — against an independent computation in this file from the answers as the test drew them, on named
waves built through the real services.

The questionnaires: a fixed one with every question kind, an option excluded from the base in single, Likert,
multiple-choice and grid questions, and routing by EQUALS, ANY_OF on a multiple-choice source, NOT, two conditions at
once, and chains (a question routed on a routed question, by EQUALS and by NOT); and questionnaires drawn at random
(any kinds, excluded and positive options anywhere, any routing on earlier choice questions). Respondents skip
optional questions and answer questions routing says they were not asked. Responses arrive in bulk
(`responses_record`, in two calls), one by one (`response_submit` from contacts' drafts, section by section) and, in a
confidential wave, in batches (`responses_release`); all must give the same tallies, and `tallies_rebuild` must give
the very rows kept on the way in."""

import pytest
from django.db import transaction
from hypothesis import example, given, settings
from hypothesis import strategies as st

from exchange.analysis.tests.crosstab_model import (
    BY_KINDS,
    FIXED,
    ROLES,
    C,
    F,
    M,
    check_results,
)
from exchange.analysis.tests.crosstab_waves import (
    ATTACK,
    build_wave,
    organisations,
    questionnaires,
    record_in_bulk,
    respondents_for,
    rows_kept_equal_a_rebuild,
    submit_one_by_one,
)
from exchange.surveys.models import Confidentiality
from exchange.surveys.services.authoring import wave_close

pytestmark = pytest.mark.django_db


# --- The properties ---------------------------------------------------------------------------------------------------


@settings(ATTACK, max_examples=10)
@given(respondents=respondents_for(FIXED, max_size=25))
@example(respondents=[(C, {})])  # answered nothing: asked only what NOT routes to an unanswered source
@example(respondents=[(F, {"q1": "yes", "r_eq": "p", "r_chain": "so", "r_same": "hi"}), (C, {"q1": "no", "r_eq": "q"})])
def test_every_crosstab_figure_of_the_fixed_questionnaire_equals_the_tests_own_count_in_bulk_and_one_by_one(
    db, respondents
):
    with transaction.atomic():
        orgs = organisations()
        bulk = build_wave(FIXED, label="bulk")
        record_in_bulk(bulk, orgs, respondents)
        one_by_one = build_wave(FIXED, label="one by one")
        submit_one_by_one(one_by_one, FIXED, orgs, respondents)
        assert rows_kept_equal_a_rebuild(one_by_one) == rows_kept_equal_a_rebuild(bulk)
        for wave in (bulk, one_by_one):
            for by in ("q1", "lk", "r_eq", "r_chain_not"):
                check_results(wave, FIXED, respondents, by)
            check_results(wave, FIXED, respondents, "q1", roles=(C, M))
            check_results(wave, FIXED, respondents, "r_eq", roles=(F,))
        transaction.set_rollback(True)


@settings(ATTACK, max_examples=12)
@given(data=st.data())
def test_every_crosstab_figure_of_a_random_questionnaire_equals_the_tests_own_count(db, data):
    questions = data.draw(questionnaires(), label="questions")
    respondents = data.draw(respondents_for(questions, max_size=15), label="respondents")
    by_codes = [spec.code for spec in questions if spec.kind in BY_KINDS]
    roles = tuple(data.draw(st.sets(st.sampled_from(ROLES), min_size=1, max_size=2), label="roles"))
    with transaction.atomic():
        orgs = organisations()
        bulk = build_wave(questions, label="bulk")
        record_in_bulk(bulk, orgs, respondents)
        one_by_one = build_wave(questions, label="one by one")
        submit_one_by_one(one_by_one, questions, orgs, respondents)
        assert rows_kept_equal_a_rebuild(one_by_one) == rows_kept_equal_a_rebuild(bulk)
        for by in by_codes:
            check_results(bulk, questions, respondents, by)
            check_results(bulk, questions, respondents, by, roles=roles)
        check_results(one_by_one, questions, respondents, by_codes[-1], roles=roles)
        transaction.set_rollback(True)


@settings(ATTACK, max_examples=5)
@given(respondents=respondents_for(FIXED, max_size=12))
def test_a_confidential_wave_released_in_batches_keeps_the_same_tallies_as_a_named_wave_recorded_in_bulk(
    db, respondents
):
    with transaction.atomic():
        orgs = organisations()
        bulk = build_wave(FIXED, label="bulk")
        record_in_bulk(bulk, orgs, respondents)
        confidential = build_wave(FIXED, label="batches", confidentiality=Confidentiality.CONFIDENTIAL, threshold=3)
        submit_one_by_one(confidential, FIXED, orgs, respondents)  # released three at a time
        wave_close(wave=confidential)  # the rest
        assert confidential.responses.count() == len(respondents)
        kept = rows_kept_equal_a_rebuild(confidential)
        assert kept == rows_kept_equal_a_rebuild(bulk)
        transaction.set_rollback(True)
