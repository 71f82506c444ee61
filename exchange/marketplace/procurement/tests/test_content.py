"""The evaluation scale is data an operator edits (names and descriptions); its scores are the database's, 0–4."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from exchange.marketplace.procurement import forms, scoring
from exchange.marketplace.procurement.content import MAX_SCORE, evaluation_scale


def _shipped(settings) -> dict:
    return json.loads((settings.MARKETPLACE_CONTENT_DIR / "evaluation.json").read_text())


def _written(tmp_path, data):
    path = tmp_path / "evaluation.json"
    path.write_text(json.dumps(data))
    return path


def test_scoring_and_the_score_form_use_the_shipped_scale(settings):
    scale = _shipped(settings)["scale"]
    assert [(row["score"], row["name"], row["description"]) for row in scale] == scoring.SCALE
    assert [(str(row["score"]), f"{row['score']} {row['name']}") for row in scale] == forms.SCORE_CHOICES


def test_an_operator_can_rename_the_points_of_the_scale(settings, tmp_path):
    data = _shipped(settings)
    data["scale"][4]["name"] = "Outstanding"
    assert evaluation_scale(_written(tmp_path, data))[4][:2] == (4, "Outstanding")


@pytest.mark.parametrize(
    "change, rule",
    [
        (lambda data: data["scale"].append({"score": 5, "name": "Superb", "description": ""}), f"0 to {MAX_SCORE}"),
        (lambda data: data["scale"].reverse(), "in order"),
        (lambda data: data["scale"][0].update(name=" "), "needs a name"),
        (lambda data: data["scale"][0].pop("description"), "score, name and description"),
        (lambda data: data.pop("scale"), "score, name and description"),
    ],
)
def test_a_scale_that_breaks_a_rule_is_refused_naming_the_file_and_the_rule(settings, tmp_path, change, rule):
    data = _shipped(settings)
    change(data)
    path = _written(tmp_path, data)
    with pytest.raises(ImproperlyConfigured) as refused:
        evaluation_scale(path)
    assert str(path) in str(refused.value) and rule in str(refused.value)
