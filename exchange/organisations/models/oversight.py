"""Who oversees a commissioner's plans: health and wellbeing boards overlap commissioners, clinical senates cover
area teams. The kinds at either end are checked in `clean` (a row cannot see another row's kind); the pairs are
database constraints."""

from django.core.exceptions import ValidationError
from django.db import models

from exchange.core.models import BaseModel

from .registry import AreaTeam, Organisation, OrganisationKind

BOARD_NOT_A_BOARD = "Only a health and wellbeing board overlaps commissioners."
COMMISSIONER_NOT_A_COMMISSIONER = "A health and wellbeing board overlaps commissioners (CCGs) only."
SENATE_NOT_A_SENATE = "Only a clinical senate covers area teams."


class BoardCommissioner(BaseModel):
    """A health and wellbeing board and a commissioner whose area overlaps its upper-tier local authority's."""

    board = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    commissioner = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["board", "commissioner"]
        constraints = [
            models.UniqueConstraint(fields=["board", "commissioner"], name="board_commissioner_once"),
            models.CheckConstraint(
                condition=~models.Q(board=models.F("commissioner")), name="board_commissioner_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board} overlaps {self.commissioner}"

    def clean(self) -> None:
        errors = {}
        board = getattr(self, "board", None)
        if board is not None and board.kind != OrganisationKind.HEALTH_AND_WELLBEING_BOARD:
            errors["board"] = BOARD_NOT_A_BOARD
        commissioner = getattr(self, "commissioner", None)
        if commissioner is not None and commissioner.kind != OrganisationKind.COMMISSIONER:
            errors["commissioner"] = COMMISSIONER_NOT_A_COMMISSIONER
        if errors:
            raise ValidationError(errors)


class SenateAreaTeam(BaseModel):
    """A clinical senate and one of the area teams it covers; an area team is in one senate at most."""

    senate = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    area_team = models.ForeignKey(AreaTeam, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["senate", "area_team"]
        constraints = [models.UniqueConstraint(fields=["area_team"], name="senate_area_team_in_one_senate")]

    def __str__(self) -> str:
        return f"{self.senate} covers {self.area_team}"

    def clean(self) -> None:
        senate = getattr(self, "senate", None)
        if senate is not None and senate.kind != OrganisationKind.CLINICAL_SENATE:
            raise ValidationError({"senate": SENATE_NOT_A_SENATE})
