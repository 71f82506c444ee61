"""The crosstab attack's waves: built through the real services, filled by each way responses arrive, and their
tallies read by codes (see `test_crosstab_attack`)."""

from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from exchange.analysis.models import AnswerTally, CrossTally
from exchange.analysis.services import tallies_rebuild
from exchange.analysis.tests.crosstab_model import (
    ANY,
    BY_KINDS,
    EQ,
    GRID,
    LIKERT,
    LONG,
    MULTIPLE,
    NOT,
    NUMBER,
    ROLES,
    SHORT,
    SINGLE,
    Spec,
)
from exchange.organisations.tests.factories import AreaTeamFactory, OrganisationFactory, RegionFactory
from exchange.surveys.models import Confidentiality, Contact, Wave
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.authoring import (
    ConditionSpec,
    OptionSpec,
    question_create,
    section_create,
    series_create,
    wave_create,
    wave_open,
)
from exchange.surveys.services.recording import RecordedResponse, responses_record
from exchange.surveys.services.responding import draft_for_contact, draft_save_answers, response_submit


def build_wave(questions, *, label="w", confidentiality=Confidentiality.NAMED, threshold=0) -> Wave:
    owner = OrganisationFactory(kind="membership_body")
    series = series_create(owner=owner, title=f"Crosstab attack {label}", suppression_threshold=threshold)
    wave = wave_create(series=series, label=label, confidentiality=confidentiality)
    sections = {n: section_create(wave=wave, title=f"Section {n}") for n in sorted({s.section for s in questions})}
    for spec in questions:
        question_create(
            section=sections[spec.section],
            code=spec.code,
            kind=spec.kind,
            text=f"Question {spec.code}?",
            required=False,
            options=[OptionSpec(code, code.title(), positive, excluded) for code, positive, excluded in spec.options],
            grid_items=[(item, item.upper()) for item in spec.items],
            conditions=[ConditionSpec(source, op, values) for source, op, values in spec.conditions],
        )
    return wave


# --- Tallies by codes, comparable across waves (ids differ) -----------------------------------------------------------


def tally_rows(wave: Wave) -> tuple[list, list]:
    """AnswerTally and CrossTally rows as (codes…, count), sorted. BASE_ROW, COUNTED_ROW and ASKED_ROW stay numbers."""
    questions = {q.pk: q.code for q in wave.questions.all()} | {0: "RESPONSES"}
    options = {o.pk: o.code for q in wave.questions.all() for o in q.options.all()}
    items = {i.pk: i.code for q in wave.questions.all() for i in q.grid_items.all()} | {0: ""}
    answer_fields = [
        "question_id",
        "grid_item_id",
        "option_id",
        "region_id",
        "area_team_id",
        "role",
        "organisation_kind",
    ]
    answer = sorted(
        (questions[q], items[i], str(options.get(o, o)), *rest, n)
        for q, i, o, *rest, n in AnswerTally.objects.filter(wave_id=wave.pk).values_list(*answer_fields, "count")
    )
    cross_fields = ["by_question_id", "by_option_id", "question_id", "grid_item_id", "option_id", "role", "count"]
    cross = sorted(
        (questions[bq], options[bo], questions[q], items[i], str(options.get(o, o)), role, n)
        for bq, bo, q, i, o, role, n in CrossTally.objects.filter(wave_id=wave.pk).values_list(*cross_fields)
    )
    return answer, cross


def rows_kept_equal_a_rebuild(wave: Wave) -> tuple[list, list]:
    kept = tally_rows(wave)
    tallies_rebuild(wave_id=wave.pk)
    rebuilt = tally_rows(wave)
    assert rebuilt[0] == kept[0], "AnswerTally kept on the way in differs from a rebuild"
    assert rebuilt[1] == kept[1], "CrossTally kept on the way in differs from a rebuild"
    return kept


# --- The ways responses arrive ----------------------------------------------------------------------------------------


def organisations():
    teams = [AreaTeamFactory(region=RegionFactory()), AreaTeamFactory(region=RegionFactory())]
    return [OrganisationFactory(area_team=team, region=team.region) for team in teams] + [
        OrganisationFactory(kind="provider")
    ]


def record_in_bulk(wave: Wave, orgs, respondents) -> None:
    """In two calls, so the second adds to rows the first wrote."""
    recorded = [RecordedResponse(orgs[i % len(orgs)], role, raw) for i, (role, raw) in enumerate(respondents)]
    half = len(recorded) // 2
    for part in (recorded[:half], recorded[half:]):
        if part:
            responses_record(wave=wave, responses=part)


def submit_one_by_one(wave: Wave, questions, orgs, respondents) -> None:
    """Each respondent a contact of the wave, answering section by section in a draft, then submitting."""
    wave_open(wave=wave)
    questionnaire = Questionnaire.for_wave(wave)
    for i, (role, raw) in enumerate(respondents):
        contact = Contact.objects.create(
            wave=wave,
            full_name=f"Respondent {i}",
            email=f"r{i}@example.nhs.uk",
            role=role,
            organisation=orgs[i % len(orgs)],
            **Contact.token_fields(),
            invited_at=timezone.now(),
        )
        draft = draft_for_contact(contact=contact)
        for section in sorted({spec.section for spec in questions}):
            page = {s.code: raw[s.code] for s in questions if s.section == section and s.code in raw}
            draft = draft_save_answers(draft=draft, answers=page)
        assert response_submit(draft_id=draft.pk, questionnaire=questionnaire) is not None


# --- Drawing questionnaires and respondents ---------------------------------------------------------------------------


def _answer(spec: Spec):
    codes = [code for code, _, _ in spec.options]
    if spec.kind in BY_KINDS:
        return st.one_of(st.none(), st.sampled_from(codes))
    if spec.kind == MULTIPLE:
        return st.one_of(st.none(), st.lists(st.sampled_from(codes), min_size=1, max_size=len(codes), unique=True))
    if spec.kind == GRID:
        item = st.one_of(st.none(), st.sampled_from(codes))
        return st.fixed_dictionaries(dict.fromkeys(spec.items, item)).map(
            lambda g: {i: c for i, c in g.items() if c} or None
        )
    if spec.kind == NUMBER:
        return st.one_of(st.none(), st.integers(0, 40).map(lambda n: str(n / 2)))
    return st.one_of(st.none(), st.sampled_from(["ok", "Too slow", "n/a"]))


def respondents_for(questions, max_size=20):
    answers = st.fixed_dictionaries({spec.code: _answer(spec) for spec in questions}).map(
        lambda raw: {code: value for code, value in raw.items() if value is not None}
    )
    return st.lists(st.tuples(st.sampled_from(ROLES), answers), min_size=1, max_size=max_size)


@st.composite
def questionnaires(draw):
    """3 to 7 questions over up to three sections; the first single choice (so there is a breakdown); choice
    questions with 2 to 4 options, any of them positive or else out of the base; up to two conditions per question on
    earlier single, Likert or multiple-choice questions, by any operator on any non-empty set of their options."""
    kinds = [SINGLE] + draw(
        st.lists(st.sampled_from([SINGLE, LIKERT, MULTIPLE, GRID, NUMBER, SHORT, LONG]), min_size=2, max_size=6)
    )
    sections = sorted(draw(st.lists(st.integers(1, 3), min_size=len(kinds), max_size=len(kinds))))
    questions = []
    for n, (kind, section) in enumerate(zip(kinds, sections, strict=True)):
        options, items = (), ()
        if kind in (SINGLE, LIKERT, MULTIPLE, GRID):
            size = draw(st.integers(2, 4))
            # An option both positive and out of the base breaks "% positive" (see the expected failure below).
            flag = st.sampled_from([(False, False), (True, False), (False, True)])
            flags = draw(st.lists(flag, min_size=size, max_size=size))
            options = tuple((f"o{k}", pos, out) for k, (pos, out) in enumerate(flags))
        if kind == GRID:
            items = tuple(f"i{k}" for k in range(draw(st.integers(1, 2))))
        sources = [q for q in questions if q.kind in (SINGLE, LIKERT, MULTIPLE)]
        conditions = ()
        if sources:
            chosen = draw(st.lists(st.sampled_from(sources), max_size=2))
            conditions = tuple(
                (
                    source.code,
                    draw(st.sampled_from([EQ, ANY, NOT])),
                    tuple(draw(st.sets(st.sampled_from([code for code, _, _ in source.options]), min_size=1))),
                )
                for source in chosen
            )
        questions.append(Spec(f"q{n}", kind, section, options, items, conditions))
    return tuple(questions)


ATTACK = settings(
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
