"""Dates and times in the exports: ISO text in a named wave's CSV, XLSX and SPSS files, with no column for a note; in
a confidential wave's, never (blank, the codebook says why), even where an analyst has cleared the answer as text;
in the aggregate CSV, a row per month or hour."""

import csv
import io

import openpyxl
import pyreadstat
import pytest

from exchange.analysis.exports import WITHHELD_IN_EXPORT, analysis_csv, export_csv, export_sav, export_xlsx
from exchange.analysis.models import CommentCoding
from exchange.surveys.models import Answer

from .when_waves import when_wave

pytestmark = pytest.mark.django_db

GIVEN = [("2013-04-01", "09:30"), ("2014-02-28", "")] * 6


def _csv_rows(wave) -> list[dict]:
    return list(csv.DictReader(io.StringIO(export_csv(wave).decode("utf-8-sig"))))


def test_a_named_waves_csv_carries_iso_dates_and_times_and_no_note_column():
    rows = _csv_rows(when_wave(GIVEN, threshold=0))
    # Rows follow the responses' random keys: compared as a multiset.
    assert sorted((row["started_on"], row["meets_at"]) for row in rows) == sorted(GIVEN)
    assert "about_dates" not in rows[0]


def test_a_named_waves_workbook_and_sav_carry_the_same_iso_text(tmp_path):
    wave = when_wave(GIVEN, threshold=0)
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(wave)), read_only=True)
    sheet = list(book["responses"].iter_rows(values_only=True))
    header = list(sheet[0])
    given = sorted((row[header.index("started_on")], row[header.index("meets_at")] or "") for row in sheet[1:])
    assert given == sorted(GIVEN)
    assert "about_dates" not in header
    codebook = {row[0]: row[2] for row in book["codebook"].iter_rows(values_only=True)}
    assert codebook["started_on"] == "ISO date, YYYY-MM-DD"
    assert codebook["meets_at"] == "ISO time, HH:MM, 24-hour clock"
    path = tmp_path / "wave.sav"
    path.write_bytes(export_sav(wave))
    frame, meta = pyreadstat.read_sav(str(path))
    assert sorted(frame["started_on"]) == sorted(day for day, _ in GIVEN)
    assert meta.column_names_to_labels["meets_at"] == "At what time does your board usually meet?"
    assert "about_dates" not in frame.columns


def test_a_confidential_waves_files_carry_no_date_or_time_even_one_cleared_as_text(tmp_path):
    wave = when_wave(GIVEN, confidential=True)
    for answer in Answer.objects.filter(question__code__in=["started_on", "meets_at"]):
        CommentCoding.objects.create(answer=answer, cleared_for_export=True)
    rows = _csv_rows(wave)
    assert {row["started_on"] for row in rows} == {""} and {row["meets_at"] for row in rows} == {""}
    path = tmp_path / "wave.sav"
    path.write_bytes(export_sav(wave))
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(wave)), read_only=True)
    codebook = {row[0]: row[2] for row in book["codebook"].iter_rows(values_only=True)}
    assert codebook["started_on"] == WITHHELD_IN_EXPORT
    files = [export_csv(wave), path.read_bytes(), export_xlsx(wave)]
    for blob in files[:2]:
        assert b"2013-04-01" not in blob and b"09:30" not in blob
    cells = {value for sheet in book for row in sheet.iter_rows(values_only=True) for value in row}
    assert not {"2013-04-01", "2014-02-28", "09:30"} & cells


def test_the_aggregate_csv_has_a_row_per_month_and_hour():
    rows = list(csv.DictReader(io.StringIO(analysis_csv(when_wave(GIVEN, threshold=0)).decode())))
    months = {(r["option_code"], r["count"], r["base"]) for r in rows if r["question_code"] == "started_on"}
    assert months == {("2013-04", "6", "12"), ("2014-02", "6", "12")}
    hours = {(r["option_code"], r["count"], r["base"]) for r in rows if r["question_code"] == "meets_at"}
    assert hours == {("09:00", "6", "6")}
