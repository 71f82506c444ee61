import csv
import io

import pandas
import pyreadstat
import pytest
from django.core.management import CommandError, call_command

from exchange.analysis.exports import analysis_csv, export_csv, export_sav, export_xlsx
from exchange.demo.services import demo_load
from exchange.surveys.models import Contact, Response, Wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave_2013(db):
    demo_load(marketplace=False)
    return Wave.objects.get(series__title="Appraisal of NHS England", label="2013")


def test_the_sav_export_reads_back_with_the_same_values_and_labels(wave_2013, tmp_path):
    path = tmp_path / "wave.sav"
    path.write_bytes(export_sav(wave_2013))
    frame, meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 273
    assert meta.column_names_to_labels["support_development"].startswith("NHS England offers the support")
    labels = meta.variable_value_labels["support_development"]
    assert labels[1.0] == "Strongly agree" and labels[6.0] == "Don't know"
    assert frame["support_development"].isin([1.0, 2.0]).sum() == 88
    assert frame["behaviours_common_purpose"].notna().sum() == 273
    csv_frame = pandas.read_csv(io.BytesIO(export_csv(wave_2013)), encoding="utf-8-sig")
    assert (csv_frame["support_development"].isin(["strongly_agree", "agree"])).sum() == 88
    assert sorted(frame["region"].unique()) == sorted(csv_frame["region"].unique())


def test_confidential_exports_carry_no_name_email_token_or_key(wave_2013, tmp_path):
    contacts = [(c.email, c.full_name, c.token) for c in Contact.objects.filter(wave=wave_2013)]
    response_ids = [str(pk) for pk in Response.objects.filter(wave=wave_2013).values_list("id", flat=True)]
    path = tmp_path / "wave.sav"
    path.write_bytes(export_sav(wave_2013))
    frame, _ = pyreadstat.read_sav(str(path))
    assert not {"name", "email", "token", "contact", "id"} & set(frame.columns)
    blobs = [export_csv(wave_2013).decode("utf-8-sig"), frame.to_csv()]
    workbook = export_xlsx(wave_2013)
    for blob in blobs:
        for email, _name, token in contacts[:50]:
            assert email not in blob and token not in blob
        for response_id in response_ids[:50]:
            assert response_id not in blob
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True)["responses"]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert "email" not in header and "name" not in header


def test_analyse_wave_writes_one_row_per_question_option_group(wave_2013, tmp_path):
    rows = list(csv.DictReader(io.StringIO(analysis_csv(wave_2013, by="region").decode())))
    assert list(rows[0]) == [
        "question_code",
        "option_code",
        "group",
        "count",
        "base",
        "percent",
        "ci_low",
        "ci_high",
        "suppressed",
        "value",
        "answered",
        "asked",
    ]
    positive = next(
        r
        for r in rows
        if r["question_code"] == "support_development"
        and r["option_code"] == "positive"
        and r["group"] == "All respondents"
    )
    assert (positive["count"], positive["base"], positive["percent"]) == ("88", "264", "0.3333")
    output = tmp_path / "results.csv"
    call_command("analyse_wave", f"{wave_2013.series.slug}/{wave_2013.slug}", "--by", "role", "--output", str(output))
    assert "Clinical lead" in output.read_text()


def test_suppressed_groups_are_blank_in_the_aggregate_export(wave_2013):
    wave_2013.series.suppression_threshold = 80
    wave_2013.series.save()
    rows = list(csv.DictReader(io.StringIO(analysis_csv(wave_2013, by="region").decode())))
    hidden = [r for r in rows if r["suppressed"] == "1"]
    assert hidden
    assert all(r["count"] == r["base"] == r["percent"] == "" for r in hidden)


def test_export_command_writes_each_format(wave_2013, tmp_path):
    for fmt in ["csv", "xlsx", "sav"]:
        output = tmp_path / f"wave.{fmt}"
        call_command(
            "export_wave", f"{wave_2013.series.slug}/{wave_2013.slug}", "--format", fmt, "--output", str(output)
        )
        assert output.stat().st_size > 1000
    with pytest.raises(CommandError, match="No wave"):
        call_command("export_wave", "nope/nope", "--output", str(tmp_path / "x.csv"))
