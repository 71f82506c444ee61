"""Creating a wave from an XLSForm (`services.xlsform.importing`): a rule of our questionnaires the form breaks is
refused at the row at fault, a wave name taken a moment before is a clear refusal, and nothing is half-saved."""

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import Wave
from exchange.surveys.services.xlsform import XLSFormError, wave_import_xlsform

from ..xlsforms import FORMS, YES_NO, workbook

pytestmark = pytest.mark.django_db


def test_a_grid_item_our_questionnaire_cannot_hold_is_refused_at_the_grids_row(series):
    rows = [
        ["begin_group", "grid", "Grid", "", "", "", "table-list"],
        ["select_one yn", "a" * 70, "A"],
        ["select_one yn", "b", "B"],
        ["end_group"],
    ]
    with pytest.raises(XLSFormError) as error:
        wave_import_xlsform(series=series, label="bad", data=workbook(rows, YES_NO), confidentiality="named")
    (problem,) = error.value.problems
    assert problem.row == 2 and "64 characters" in problem.reason
    assert not Wave.objects.filter(label="bad").exists()


def test_a_name_used_twice_is_refused_at_its_second_row(series):
    rows = [["begin_group", "g1", "One"], ["text", "q", "Q?"], ["end_group"], ["begin_group", "g2", "Two"]]
    rows += [["text", "q", "Q again?"], ["end_group"]]
    with pytest.raises(XLSFormError) as error:
        wave_import_xlsform(series=series, label="bad", data=workbook(rows, []), confidentiality="named")
    assert [(p.row, p.reason) for p in error.value.problems] == [
        (6, "q: Another question in this wave already has the code q.")
    ]


def test_a_wave_named_a_moment_before_by_another_upload_is_a_clear_refusal(series):
    from django.db.models.signals import pre_save

    def the_other_upload(sender, instance, **kwargs):  # commits a wave of the same name between check and save
        if not Wave.objects.filter(series=instance.series, slug=instance.slug).exists():
            Wave.objects.bulk_create([Wave(series=instance.series, label=instance.label, slug=instance.slug)])

    pre_save.connect(the_other_upload, sender=Wave)
    try:
        with pytest.raises(ApplicationError, match="was just given this name"):
            wave_import_xlsform(series=series, label="2030", data=workbook(*FORMS["numbers"]), confidentiality="named")
    finally:
        pre_save.disconnect(the_other_upload, sender=Wave)
