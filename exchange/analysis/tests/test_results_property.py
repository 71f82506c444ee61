"""Every figure of the results, against an independent pandas computation from the answers as the test drew them
(issue 12): counts, bases (answered and counted), percentages, multiple choice, numbers (n, mean, median, quartiles)
and headline statements, overall and by region, area team, role and another question's answer, on generated named
waves with routing, skipped questions, "don't know", tiny groups and respondents with no organisation."""

import csv
import io
import random

import pandas as pd
import pypdfium2 as pdfium
import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from scipy.stats import t as t_distribution
from statsmodels.stats.proportion import proportion_confint

from exchange.accounts.models import Role
from exchange.analysis.exports import analysis_csv
from exchange.analysis.reports import wave_report_pdf
from exchange.analysis.results import ALL, Options
from exchange.analysis.selectors import headline, wave_results
from exchange.organisations.tests.factories import AreaTeamFactory, OrganisationFactory, RegionFactory
from exchange.surveys.models import Confidentiality
from exchange.surveys.services.recording import RecordedResponse, responses_record
from exchange.surveys.tests.factories import full_wave

pytestmark = pytest.mark.django_db

ROLES = [Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD, Role.FINANCE_LEAD]
SATISFIED = ["very_satisfied", "satisfied", "dissatisfied", "very_dissatisfied"]
AGREE = ["strongly_agree", "agree", "disagree", "strongly_disagree", "dont_know"]
ITEMS = ["common_purpose", "local_leadership", "honesty"]
REASONS = ["too_busy", "relationships", "price"]


def _respondent(rng: random.Random, organisations) -> dict:
    organisation = rng.choice(organisations + [None])
    info = rng.choice(["yes", "no"])
    row = {"organisation": organisation, "role": rng.choice(ROLES), "info": info, "staff": rng.randint(0, 40)}
    if info == "no":
        row["satisfied"] = rng.choice(SATISFIED)
    if rng.random() < 0.7:
        row["reasons"] = rng.sample(REASONS, rng.randint(1, 3))
    for item in ITEMS:
        row[f"behaviours_{item}"] = rng.choice(AGREE)
    return row


def _recorded(row: dict) -> RecordedResponse:
    answers = {"info": row["info"], "staff": str(row["staff"])}
    answers["behaviours"] = {item: row[f"behaviours_{item}"] for item in ITEMS}
    for code in ("satisfied", "reasons"):
        if code in row:
            answers[code] = row[code]
    return RecordedResponse(row["organisation"], row["role"], answers)


def _asked(frame: pd.DataFrame, code: str) -> int:
    """The routing as the test wrote it: "satisfied" is asked of those who said "no" to "info", the rest of all."""
    return int((frame["info"] == "no").sum()) if code == "satisfied" else len(frame)


def _expected(frame: pd.DataFrame, code: str, options: list[str], excluded: set[str], multiple: bool) -> dict:
    """{option: (count, denominator)} plus "asked", "answered" and "counted", for the rows of `frame`."""
    asked = _asked(frame, code.split("_")[0])
    if multiple:
        chosen = frame[code].dropna()
        answered = len(chosen)
        counts = {option: int(chosen.apply(lambda choices, o=option: o in choices).sum()) for option in options}
        return {"asked": asked, "answered": answered, "counted": answered} | {o: (counts[o], answered) for o in options}
    given = frame[code].dropna()
    answered = len(given)
    counted = int((~given.isin(excluded)).sum())
    counts = given.value_counts()
    return {"asked": asked, "answered": answered, "counted": counted} | {
        o: (int(counts.get(o, 0)), answered if o in excluded else counted) for o in options
    }


def _check_group(group, expected: dict) -> None:
    assert group.asked == expected["asked"]
    assert group.answered == expected["answered"]
    assert group.base == expected["counted"]
    for cell in group.cells:
        count, denominator = expected[cell.code]
        assert cell.count == count, cell.code
        if denominator:
            assert cell.percent == pytest.approx(count / denominator)
        else:
            assert cell.percent is None


def _wilson(count: int, base: int) -> tuple[float, float]:
    return proportion_confint(count, base, alpha=0.05, method="wilson")


def _expected_rows(frame: pd.DataFrame, wave) -> dict:
    """{(question, option, group label): the CSV's figures}, overall and by region, computed from the drawn rows."""
    from exchange.organisations.models import Region

    labels = dict(Region.objects.values_list("pk", "name")) | {0: "Not known"}
    positive = {
        code: {o.code for o in wave.questions.get(code=code.split("_")[0]).options.all() if o.is_positive}
        for code in QUESTIONS
    }
    rows = {}
    parts = [(ALL, frame)] + [(labels[value], part) for value, part in frame.groupby("region")]
    for label, part in parts:
        for code, (options, excluded, multiple) in QUESTIONS.items():
            expected = _expected(part, code, options, excluded, multiple)
            if label != ALL and expected["answered"] == 0:
                continue
            bases = {"answered": str(expected["answered"]), "asked": str(expected["asked"])}
            for option in options:
                count, base = expected[option]
                rows[(code, option, label)] = _choice_row(count, base) | bases
            if positive[code] and not multiple:
                given = part[code].dropna()
                count = int(given.isin(positive[code]).sum())
                rows[(code, "positive", label)] = _choice_row(count, expected["counted"]) | bases
        staff = part["staff"]
        mean_low, mean_high = t_distribution.interval(0.95, len(staff) - 1, loc=staff.mean(), scale=staff.sem())
        if len(staff) < 2:
            mean_low = mean_high = None
        elif staff.std() == 0:
            mean_low = mean_high = staff.mean()
        statistics = {
            "mean": staff.mean(),
            "median": staff.median(),
            "lower_quartile": staff.quantile(0.25),
            "upper_quartile": staff.quantile(0.75),
        }
        for statistic, value in statistics.items():
            row = {"base": str(len(staff)), "value": float(value), "count": "", "percent": "", "suppressed": "0"}
            row |= {"answered": str(len(staff)), "asked": str(len(part))}
            if statistic == "mean" and mean_low is not None:
                row |= {"ci_low": float(mean_low), "ci_high": float(mean_high)}
            rows[("staff", statistic, label)] = row
    return rows


def _choice_row(count: int, base: int) -> dict:
    if not base:
        return {"count": str(count), "base": str(base), "percent": "", "ci_low": "", "ci_high": "", "suppressed": "0"}
    low, high = _wilson(count, base)
    figures = {"percent": count / base, "ci_low": low, "ci_high": high, "suppressed": "0"}
    return {"count": str(count), "base": str(base)} | figures


def _check_pdf(wave, frame: pd.DataFrame, expected_rows: dict) -> None:
    """The PDF report's tables (by region, as it prints them), read back from the PDF's text: every percentage with
    its interval and every base, in order, as pandas computes them to one decimal place."""
    pdf = pdfium.PdfDocument(wave_report_pdf(wave=wave))
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).replace("\r", " ")
    text = " ".join(text.split())
    position = 0
    for code, (options, _, _) in QUESTIONS.items():
        labels = [ALL] + [label for (c, o, label) in expected_rows if c == code and o == options[0] and label != ALL]
        tokens = []
        for option in options:
            for label in labels:
                row = expected_rows[(code, option, label)]
                if row["percent"] == "":
                    tokens.append("–")
                    continue
                tokens.append(f"{row['percent'] * 100:.1f}%")
                tokens.append(f"{row['ci_low'] * 100:.1f}–{row['ci_high'] * 100:.1f}")
        for label in labels:
            if (code, "positive", label) in expected_rows and expected_rows[(code, "positive", label)]["percent"]:
                tokens.append(f"{expected_rows[(code, 'positive', label)]['percent'] * 100:.1f}%")
        tokens += [expected_rows[(code, options[0], label)]["base"] for label in labels]
        tokens += ["Number answered"] + [expected_rows[(code, options[0], label)]["answered"] for label in labels]
        tokens += ["Number asked"] + [expected_rows[(code, options[0], label)]["asked"] for label in labels]
        position = _find_in_order(text, tokens, position, code)
    # The method's list: asked, answered and base of every question, for all respondents, in questionnaire order.
    position = text.find("Method: number asked")
    assert position >= 0
    for result in wave_results(wave=wave):
        code = result.code
        if code in QUESTIONS:
            row = expected_rows[(code, QUESTIONS[code][0][0], ALL)]
            base = _expected(frame, code, *QUESTIONS[code])["counted"]
            tokens = [result.question.text, row["asked"], row["answered"], str(base)]
        elif code == "staff":
            tokens = [result.question.text, str(len(frame)), str(len(frame)), str(len(frame))]
        else:
            continue
        position = _find_in_order(text, tokens, position, code)


def _find_in_order(text: str, tokens: list[str], position: int, code: str) -> int:
    for token in tokens:
        found = text.find(token, position)
        assert found >= 0, (code, token, text[position : position + 400])
        position = found + len(token)
    return position


QUESTIONS = {
    "info": (["yes", "no"], set(), False),
    "satisfied": (SATISFIED, set(), False),
    "reasons": (REASONS, set(), True),
} | {f"behaviours_{item}": (AGREE, {"dont_know"}, False) for item in ITEMS}


@settings(
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 2**32 - 1), size=st.integers(1, 60), organisations=st.integers(1, 6))
def test_every_figure_equals_an_independent_pandas_computation(db, seed, size, organisations):
    cache.clear()
    rng = random.Random(seed)
    with transaction.atomic():
        wave = full_wave(confidentiality=Confidentiality.NAMED)
        wave.series.suppression_threshold = 0  # every figure shown, to be checked
        wave.series.save()
        regions = [RegionFactory(), RegionFactory()]
        teams = [
            AreaTeamFactory(region=regions[0]),
            AreaTeamFactory(region=regions[0]),
            AreaTeamFactory(region=regions[1]),
        ]
        orgs = [OrganisationFactory(area_team=team, region=team.region) for team in rng.choices(teams, k=organisations)]
        rows = [_respondent(rng, orgs) for _ in range(size)]
        responses_record(wave=wave, responses=[_recorded(row) for row in rows])
        frame = pd.DataFrame(rows)
        for column in ["satisfied", "reasons"]:
            if column not in frame:
                frame[column] = None
        frame["region"] = frame["organisation"].map(lambda o: o.region_id if o else 0)
        frame["area_team"] = frame["organisation"].map(lambda o: o.area_team_id if o else 0)
        answered_info = frame.copy()
        for by in ["", "region", "area_team", "role", "q:info", "q:satisfied"]:
            results = {r.code: r for r in wave_results(wave=wave, options=Options(by=by, finite_population=False))}
            column = {"q:info": "info", "q:satisfied": "satisfied"}.get(by, by)
            for code, (options, excluded, multiple) in QUESTIONS.items():
                result = results[code]
                _check_group(result.overall, _expected(frame, code, options, excluded, multiple))
                assert result.overall.label == ALL
                if not by:
                    continue
                keys = {group.key: group for group in result.groups}
                for value, part in answered_info.groupby(column):
                    expected = _expected(part, code, options, excluded, multiple)
                    if expected["answered"] == 0:
                        continue
                    key = value
                    if by.startswith("q:"):
                        key = result.question.wave.questions.get(code=column).options.get(code=value).pk
                    _check_group(keys[key], expected)
            staff = results["staff"]
            summary = staff.overall.summary
            assert summary["n"] == len(frame)
            assert summary["mean"] == pytest.approx(frame["staff"].mean())
            assert summary["median"] == pytest.approx(frame["staff"].median())
            assert summary["lower_quartile"] == pytest.approx(frame["staff"].quantile(0.25))
            assert summary["upper_quartile"] == pytest.approx(frame["staff"].quantile(0.75))
            if by in ("region", "area_team", "role"):
                groups = {group.key: group.summary for group in staff.groups}
                for value, part in frame.groupby(column):
                    assert groups[value]["n"] == len(part)
                    assert groups[value]["mean"] == pytest.approx(part["staff"].mean())
                    assert groups[value]["median"] == pytest.approx(part["staff"].median())
        # Every row of the CSV, overall and by region, and every figure of the PDF's tables, against pandas.
        expected_rows = _expected_rows(frame, wave)
        for by in ("", "region"):
            csv_rows = list(csv.DictReader(io.StringIO(analysis_csv(wave, by=by).decode())))
            wanted = {key: row for key, row in expected_rows.items() if by or key[2] == ALL}
            assert {(r["question_code"], r["option_code"], r["group"]): r for r in csv_rows}.keys() == wanted.keys()
            for row in csv_rows:
                expected = wanted[(row["question_code"], row["option_code"], row["group"])]
                for column, value in expected.items():
                    if isinstance(value, float):
                        assert float(row[column]) == pytest.approx(value, rel=1e-5, abs=6e-5), (row, column)
                    else:
                        assert row[column] == value, f"{dict(row)} {column}"
        _check_pdf(wave, frame, expected_rows)
        # A multiple-choice headline: respondents choosing either, once each, of those who answered.
        reasons = next(r for r in wave_results(wave=wave) if r.code == "reasons")
        answered = frame["reasons"].dropna()
        if len(answered):
            statement = headline(reasons, ["too_busy", "price"], "said so.")
            either = int(answered.apply(lambda c: "too_busy" in c or "price" in c).sum())
            assert (statement.count, statement.base) == (either, len(answered))
        transaction.set_rollback(True)
