"""Crosstabs by another question's answer, worked examples: each case of counting and routing on a small wave whose
figures are written out by hand (the general attack is `test_crosstab_attack`)."""

import pytest

from exchange.analysis.results import Options
from exchange.analysis.selectors import wave_results
from exchange.analysis.tests.crosstab_model import (
    FIXED,
    SINGLE,
    C,
    F,
    M,
    Spec,
)
from exchange.analysis.tests.crosstab_waves import (
    build_wave,
    organisations,
    record_in_bulk,
)
from exchange.core.exceptions import ApplicationError
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Confidentiality
from exchange.surveys.services.authoring import (
    OptionSpec,
    question_update,
    wave_close,
    wave_open,
)
from exchange.surveys.services.historic import responses_import_csv

pytestmark = pytest.mark.django_db


def _results(wave, by, roles=()):
    return {
        r.code: r for r in wave_results(wave=wave, options=Options(by=f"q:{by}", roles=roles, finite_population=False))
    }


def _groups(result):
    return {g.label: (g.asked, g.answered, g.base, {c.code: c.count for c in g.cells}) for g in result.groups}


def _recorded(questions, respondents):
    wave = build_wave(questions)
    record_in_bulk(wave, organisations(), respondents)
    return wave


def test_a_respondent_choosing_only_the_option_out_of_the_base_is_answered_but_not_counted_in_their_group():
    wave = _recorded(
        FIXED,
        [(C, {"q1": "no", "mc": ["none"]}), (C, {"q1": "no", "mc": ["none", "x"]}), (M, {"q1": "yes", "mc": ["y"]})],
    )
    mc = _results(wave, "q1")["mc"]
    counts = {"x": 1, "y": 0, "z": 0, "none": 2}
    assert _groups(mc) == {"No": (2, 2, 1, counts), "Yes": (1, 1, 1, {"x": 0, "y": 1, "z": 0, "none": 0})}
    assert (mc.overall.asked, mc.overall.answered, mc.overall.base) == (3, 3, 2)
    no = next(g for g in mc.groups if g.label == "No")
    assert {c.code: c.percent for c in no.cells} == {"x": 1.0, "y": 0.0, "z": 0.0, "none": 1.0}  # "none": of answered


def test_a_chain_by_not_asks_those_whose_source_was_not_asked_and_drops_answers_to_questions_not_asked():
    """r_eq is asked when q1 = no; r_chain_not when r_eq is not q, which holds when r_eq was not asked; r_chain when
    r_eq = p. Answers to questions not asked are dropped."""
    respondents = [
        (C, {"q1": "yes", "r_eq": "q", "r_chain_not": "hi", "r_chain": "dropped"}),  # r_eq not asked: q dropped
        (C, {"q1": "no", "r_eq": "q", "r_chain_not": "lo", "r_chain": "dropped"}),  # r_eq = q: r_chain_not not asked
        (C, {"q1": "no", "r_eq": "p", "r_chain_not": "lo", "r_chain": "kept"}),
        (C, {"q1": "maybe"}),  # skipped everything after q1
    ]
    wave = _recorded(FIXED, respondents)
    by_q1 = _results(wave, "q1")
    assert _groups(by_q1["r_chain_not"]) == {
        "Yes": (1, 1, 1, {"hi": 1, "lo": 0, "dk": 0}),
        "No": (1, 1, 1, {"hi": 0, "lo": 1, "dk": 0}),
    }  # "Maybe" was asked (1) but answered nothing, so is no group of the table
    assert (by_q1["r_chain_not"].overall.asked, by_q1["r_chain_not"].overall.answered) == (3, 2)
    assert _groups(by_q1["r_chain"]) == {"No": (1, 1, 1, {})}
    assert _groups(by_q1["r_eq"]) == {"No": (2, 2, 2, {"p": 1, "q": 1})}
    by_r_eq = _results(wave, "r_eq")
    assert _groups(by_r_eq["r_chain_not"]) == {"P": (1, 1, 1, {"hi": 0, "lo": 1, "dk": 0})}
    assert _groups(by_r_eq["q1"]) == {
        "P": (1, 1, 1, {"yes": 0, "no": 1, "maybe": 0}),
        "Q": (1, 1, 1, {"yes": 0, "no": 1, "maybe": 0}),
    }
    assert [(g.label, g.asked) for g in by_r_eq["r_not"].groups] == []  # asked of 3, answered by nobody


def test_a_likert_grid_is_counted_item_by_item_with_dont_know_out_of_the_base_and_routing_on_two_conditions():
    respondents = [
        (C, {"lk": "agree", "grid": {"i1": "good", "i2": "dk"}, "r_grid": {"j1": "bad"}}),
        (C, {"lk": "agree", "mc": ["none"], "grid": {"i1": "dk"}, "r_grid": {"j1": "good"}}),  # r_grid not asked
        (M, {"lk": "neutral", "mc": ["x"], "grid": {"i2": "bad"}, "r_grid": {"j1": "dk", "j2": "good"}}),
        (F, {"lk": "dk", "grid": {"i1": "good", "i2": "good"}, "r_grid": {"j1": "good"}}),  # r_grid not asked
    ]
    wave = _recorded(FIXED, respondents)
    by_lk = _results(wave, "lk")
    assert _groups(by_lk["grid_i1"]) == {
        "Agree": (2, 2, 1, {"good": 1, "bad": 0, "dk": 1}),
        "Dk": (1, 1, 1, {"good": 1, "bad": 0, "dk": 0}),
    }
    assert _groups(by_lk["grid_i2"]) == {
        "Agree": (2, 1, 0, {"good": 0, "bad": 0, "dk": 1}),
        "Neutral": (1, 1, 1, {"good": 0, "bad": 1, "dk": 0}),
        "Dk": (1, 1, 1, {"good": 1, "bad": 0, "dk": 0}),
    }
    assert _groups(by_lk["r_grid_j1"]) == {
        "Agree": (1, 1, 1, {"good": 0, "bad": 1, "dk": 0}),
        "Neutral": (1, 1, 0, {"good": 0, "bad": 0, "dk": 1}),
    }
    assert _groups(by_lk["r_grid_j2"]) == {"Neutral": (1, 1, 1, {"good": 1, "bad": 0, "dk": 0})}
    assert (by_lk["r_grid_j2"].overall.asked, by_lk["r_grid_j2"].overall.answered) == (2, 1)
    agree = next(g for g in by_lk["grid_i2"].groups if g.label == "Agree")
    assert agree.positive.count == 0 and agree.positive.percent is None  # a base of 0: no percentage
    assert [c.percent for c in agree.cells] == [None, None, 1.0]


def test_numbers_and_text_by_an_answer_leave_out_those_who_skipped_the_breakdown_question():
    respondents = [
        (C, {"q1": "no", "num": "4", "txt": "a", "mc": ["z"], "r_any": "10"}),
        (C, {"q1": "no", "num": "8", "mc": ["y"], "r_any": "99"}),  # r_any not asked: 99 dropped
        (M, {"q1": "yes", "num": "1", "txt": "b", "mc": ["x", "y"]}),
        (F, {"num": "100", "txt": "c", "mc": ["x"], "r_any": "3"}),  # no answer to q1: in no group
    ]
    wave = _recorded(FIXED, respondents)
    by_q1 = _results(wave, "q1")
    num = by_q1["num"]
    assert num.overall.summary["n"] == 4 and num.overall.summary["mean"] == pytest.approx(113 / 4)
    assert {g.label: (g.asked, g.answered, g.summary["n"], g.summary["mean"]) for g in num.groups} == {
        "No": (2, 2, 2, 6.0),
        "Yes": (1, 1, 1, 1.0),
    }
    assert _groups(by_q1["txt"]) == {"No": (2, 1, 1, {}), "Yes": (1, 1, 1, {})}
    r_any = by_q1["r_any"]
    assert (r_any.overall.asked, r_any.overall.answered, r_any.overall.summary["mean"]) == (3, 2, 6.5)
    assert {g.label: (g.asked, g.answered, g.summary["mean"]) for g in r_any.groups} == {"No": (1, 1, 10.0)}


def test_a_role_filter_restricts_every_group_and_the_overall_figure_to_those_roles():
    respondents = [
        (C, {"q1": "no", "lk": "agree", "r_eq": "p"}),
        (M, {"q1": "no", "lk": "disagree", "r_eq": "q"}),
        (F, {"q1": "no", "lk": "agree"}),
        (F, {"q1": "yes", "lk": "dk"}),
    ]
    wave = _recorded(FIXED, respondents)
    by_q1 = _results(wave, "q1", roles=(F,))
    assert _groups(by_q1["lk"]) == {
        "No": (1, 1, 1, {"agree": 1, "neutral": 0, "disagree": 0, "dk": 0}),
        "Yes": (1, 1, 0, {"agree": 0, "neutral": 0, "disagree": 0, "dk": 1}),
    }
    assert (by_q1["r_eq"].overall.asked, by_q1["r_eq"].overall.answered) == (1, 0)
    assert by_q1["r_eq"].groups == []
    by_q1 = _results(wave, "q1", roles=(C, M))
    assert _groups(by_q1["r_eq"]) == {"No": (2, 2, 2, {"p": 1, "q": 1})}
    assert (by_q1["lk"].overall.asked, by_q1["lk"].overall.answered, by_q1["lk"].overall.base) == (2, 2, 2)


def test_a_confidential_crosstab_gives_the_number_asked_for_everyone_only():
    respondents = [(C, {"q1": "no", "r_eq": "p"}), (C, {"q1": "no"}), (M, {"q1": "yes", "r_eq": "q"})]
    wave = build_wave(FIXED, confidentiality=Confidentiality.CONFIDENTIAL)
    record_in_bulk(wave, organisations(), respondents)
    wave_open(wave=wave)
    wave_close(wave=wave)
    by_q1 = _results(wave, "q1")
    assert (by_q1["r_eq"].overall.asked, by_q1["r_eq"].overall.answered) == (2, 1)
    assert all(group.asked is None for result in by_q1.values() for group in result.groups)


# --- What the attack found, fixed: each case once, as it was found ------------------------------------------------


def test_an_option_repeated_in_an_imported_multiple_choice_answer_is_counted_once():
    """`responses_import_csv` reads "x;x" as ["x", "x"] (and a hand-made POST can send an option twice): a respondent
    chooses an option or does not, so it is recorded once — it was counted twice, and the crosstab's interval failed
    on a proportion of 2."""
    wave = build_wave(FIXED)
    OrganisationFactory(ods_code="ABC")
    responses_import_csv(
        wave=wave, data=b"organisation_code,role,q1,mc\nABC,clinical_lead,no,x;x\nABC,clinical_lead,yes,y\n"
    )
    plain = {r.code: r for r in wave_results(wave=wave, options=Options(finite_population=False))}["mc"]
    assert {c.code: c.count for c in plain.overall.cells}["x"] == 1
    assert _groups(_results(wave, "q1")["mc"])["No"] == (1, 1, 1, {"x": 1, "y": 0, "z": 0, "none": 0})


def test_a_question_of_a_draft_wave_with_responses_cannot_be_edited_so_no_answer_or_tally_goes_stale():
    """Editing rewrites a question's options, and its answers hang on them: it deleted the answers and left their
    tallies (groups labelled with the old option ids). A wave with responses now refuses any change."""
    wave = _recorded(FIXED, [(C, {"q1": "no", "lk": "agree"}), (C, {"q1": "yes", "lk": "dk"})])
    with pytest.raises(ApplicationError, match="already has responses"):
        question_update(
            question=wave.questions.get(code="q1"),
            text="Edited?",
            required=False,
            options=[OptionSpec("yes", "Yes"), OptionSpec("no", "No"), OptionSpec("maybe", "Maybe")],
        )
    assert wave.questions.get(code="q1").answers.count() == 2
    assert sorted(g.label for g in _results(wave, "q1")["lk"].groups) == ["No", "Yes"]


def test_an_answer_cannot_be_both_positive_and_out_of_the_base_and_older_data_so_made_stays_within_one():
    """Authoring accepted an option positive and kept out of the base: "% positive" counted it over a base without
    it (2 of 1), and the interval took the root of a negative number. Authoring now refuses it, and the results count
    as positive only answers in the base, for any such option already stored."""
    with pytest.raises(ApplicationError, match="cannot also count as positive"):
        _recorded((Spec("q", SINGLE, 1, (("yes", True, False), ("no", False, False), ("dk", True, True))),), [])
    questions = (Spec("q", SINGLE, 1, (("yes", True, False), ("no", False, False), ("dk", False, True))),)
    wave = _recorded(questions, [(C, {"q": "dk"}), (C, {"q": "dk"}), (M, {"q": "no"})])
    wave.questions.get(code="q").options.filter(code="dk").update(is_positive=True)  # as older data may have it
    result = {r.code: r for r in wave_results(wave=wave, options=Options(finite_population=False))}["q"]
    assert (result.overall.positive.count, result.overall.base) == (0, 1)
