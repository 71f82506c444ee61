"""The catalogue's content kept as data (`catalogue.json` in settings.MARKETPLACE_CONTENT_DIR): the bands search
offers for estimated annual cost and adjusted rating, and the weights of recommendations."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from exchange.core.content import content_load, content_refuse

WEIGHT_NAMES = ("coverage", "rating", "cost")


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    low: float | None
    high: float | None


@dataclass(frozen=True)
class CatalogueContent:
    price_bands: list[Band]
    rating_bands: list[Band]
    recommendation_weights: dict[str, int]


def _bands(path: Path, data: dict, key: str) -> list[Band]:
    rows = data.get(key)
    if not isinstance(rows, list) or not rows:
        raise content_refuse(path, f"{key} must be a list of bands")
    try:
        bands = [Band(str(row["code"]), str(row["label"]), row["low"], row["high"]) for row in rows]
    except (KeyError, TypeError) as error:
        raise content_refuse(path, f"each of {key} needs code, label, low and high") from error
    if len({band.code for band in bands}) != len(bands):
        raise content_refuse(path, f"the codes of {key} must be different")
    for band in bands:
        bounds = [bound for bound in (band.low, band.high) if bound is not None]
        if any(isinstance(bound, bool) or not isinstance(bound, int | float) for bound in bounds):
            raise content_refuse(path, f"{key} {band.code}: low and high are numbers or null")
        if band.low is not None and band.high is not None and band.low >= band.high:
            raise content_refuse(path, f"{key} {band.code}: low must be under high")
    return bands


def catalogue_content(path: Path | None = None) -> CatalogueContent:
    path = path or Path(settings.MARKETPLACE_CONTENT_DIR) / "catalogue.json"
    data = content_load(path)
    weights = data.get("recommendation_weights")
    if (
        not isinstance(weights, dict)
        or set(weights) != set(WEIGHT_NAMES)
        or not all(isinstance(value, int) and not isinstance(value, bool) and value >= 0 for value in weights.values())
        or sum(weights.values()) != 100
    ):
        raise content_refuse(path, "recommendation_weights are whole numbers for coverage, rating and cost, total 100")
    return CatalogueContent(
        price_bands=_bands(path, data, "price_bands"),
        rating_bands=_bands(path, data, "rating_bands"),
        recommendation_weights={name: weights[name] for name in WEIGHT_NAMES},
    )
