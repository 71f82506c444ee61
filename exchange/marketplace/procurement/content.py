"""Procurement's content kept as data (`evaluation.json` in settings.MARKETPLACE_CONTENT_DIR): the scale evaluators
score on. Its names and descriptions are the operator's; its scores are the database's (0 to MAX_SCORE)."""

from pathlib import Path

from django.conf import settings

from exchange.core.content import content_load, content_refuse

MAX_SCORE = 4  # every score and moderated score is held to 0–4 by a database constraint


def evaluation_scale(path: Path | None = None) -> list[tuple[int, str, str]]:
    """(score, name, description) for each point of the scale, from 0 to MAX_SCORE."""
    path = path or Path(settings.MARKETPLACE_CONTENT_DIR) / "evaluation.json"
    rows = content_load(path).get("scale")
    try:
        scale = [(row["score"], str(row["name"]).strip(), str(row["description"]).strip()) for row in rows]
    except (KeyError, TypeError) as error:
        raise content_refuse(path, "scale is a list of points, each with score, name and description") from error
    if [score for score, _, _ in scale] != list(range(MAX_SCORE + 1)):
        raise content_refuse(path, f"the scale's scores must run 0 to {MAX_SCORE}, in order")
    if not all(name for _, name, _ in scale):
        raise content_refuse(path, "every point of the scale needs a name")
    return scale
