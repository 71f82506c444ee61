"""The catalogue's bands and recommendation weights are data an operator edits; a file that breaks a rule is refused
when the process starts, naming the file and the rule."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from exchange.marketplace.catalogue.content import catalogue_content
from exchange.marketplace.catalogue.selectors import recommend, search


def _shipped(settings) -> dict:
    return json.loads((settings.MARKETPLACE_CONTENT_DIR / "catalogue.json").read_text())


def _written(tmp_path, data) -> object:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data))
    return path


def test_search_and_recommendations_use_the_shipped_file(settings):
    data = _shipped(settings)
    assert [band.label for band in search.PRICE_BANDS] == [row["label"] for row in data["price_bands"]]
    assert [band.code for band in search.RATING_BANDS] == [row["code"] for row in data["rating_bands"]]
    assert data["recommendation_weights"] == recommend.WEIGHTS


def test_an_operator_can_rename_a_band_and_change_the_weights(settings, tmp_path):
    data = _shipped(settings)
    data["price_bands"][0]["label"] = "Less than £50k"
    data["recommendation_weights"] = {"coverage": 50, "rating": 25, "cost": 25}
    content = catalogue_content(_written(tmp_path, data))
    assert content.price_bands[0].label == "Less than £50k"
    assert content.recommendation_weights == {"coverage": 50, "rating": 25, "cost": 25}


@pytest.mark.parametrize(
    "change, rule",
    [
        (lambda data: data["recommendation_weights"].update(cost=31), "total 100"),
        (lambda data: data["recommendation_weights"].pop("cost"), "coverage, rating and cost"),
        (lambda data: data["recommendation_weights"].update(cost=True), "whole numbers"),
        (lambda data: data["price_bands"][1].update(code="under-50k"), "codes of price_bands must be different"),
        (lambda data: data["price_bands"][1].update(low=200_000), "low must be under high"),
        (lambda data: data["rating_bands"][0].update(low="four"), "numbers or null"),
        (lambda data: data["rating_bands"][0].pop("label"), "code, label, low and high"),
        (lambda data: data.update(price_bands=[]), "list of bands"),
    ],
)
def test_a_file_that_breaks_a_rule_is_refused_naming_the_file_and_the_rule(settings, tmp_path, change, rule):
    data = _shipped(settings)
    change(data)
    path = _written(tmp_path, data)
    with pytest.raises(ImproperlyConfigured) as refused:
        catalogue_content(path)
    assert str(path) in str(refused.value) and rule in str(refused.value)


def test_a_file_that_is_not_json_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "catalogue.json"
    path.write_text("{not json")
    with pytest.raises(ImproperlyConfigured, match=str(path)):
        catalogue_content(path)
