"""Lots and service lines: the kinds of commissioning support, data an admin edits."""

import re

from django.core.exceptions import ValidationError
from django.db import models


def cpv_codes_valid(codes) -> bool:
    """A list of {"id": 8 digits, "description": words} (CPV ids as Find a Tender writes them, without check digit)."""
    return isinstance(codes, list) and all(
        isinstance(code, dict)
        and set(code) == {"id", "description"}
        and isinstance(code["id"], str)
        and re.fullmatch(r"\d{8}", code["id"]) is not None
        and isinstance(code["description"], str)
        and bool(code["description"].strip())
        for code in codes
    )


class Lot(models.Model):
    """A group of service lines bought together, as in NHS England's Lead Provider Framework."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ServiceLine(models.Model):
    """A kind of commissioning support (business intelligence, procurement…). Data an admin edits, not code."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="service_lines")
    position = models.PositiveSmallIntegerField(default=0)
    cpv = models.JSONField(
        default=list,
        blank=True,
        help_text='Its Common Procurement Vocabulary codes, the main one first: [{"id": "72316000", '
        '"description": "Data analysis services"}]. Published open data classifies requirements by them.',
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not cpv_codes_valid(self.cpv):
            raise ValidationError(
                {"cpv": "Give a list of CPV codes, each an 8-digit id (no check digit) and its description."}
            )
