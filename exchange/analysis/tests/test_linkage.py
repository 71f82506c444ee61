"""Linkage attack on the confidential 2013 appraisal (273 responses, 569 contacts): the owner's analyst joins the
contacts page (name, organisation, role, region) with every response-level export on every field they share, and
can narrow no response down to fewer than the threshold of named people. Before disclosure control, joining on
organisation and role pinned 259 of the 273 responses to one person."""

import csv
import io
import re
from collections import Counter

import openpyxl
import pytest
from django.urls import reverse

from exchange.accounts.models import User
from exchange.analysis.disclosure import QUASI_IDENTIFIERS, MicrodataRefused
from exchange.analysis.exports import export_csv, export_xlsx
from exchange.analysis.selectors import export_plan
from exchange.analysis.services import comment_code
from exchange.demo.services import demo_load
from exchange.surveys.models import Answer, Contact, QuestionKind, Wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def appraisal(db):
    demo_load(marketplace=False)
    wave = Wave.objects.select_related("series").get(series__title="Appraisal of NHS England", label="2013")
    assert wave.is_confidential
    return wave


def _export_rows(client, wave, fmt: str) -> list[dict]:
    client.force_login(User.objects.get(email="analyst@demo.example"))
    url = reverse("analysis:export", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug, "fmt": fmt})
    response = client.get(url)
    assert response.status_code == 200
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)["responses"]
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(header, row, strict=True)) for row in rows]


def _contact_fields(contact: Contact) -> dict:
    """What the contacts page (and the registry) say about a person, under the export's column names."""
    organisation = contact.organisation
    return {
        "organisation_code": organisation.ods_code,
        "organisation": organisation.name,
        "area_team": organisation.area_team.name if organisation.area_team else "",
        "region": organisation.region.name if organisation.region else "",
        "role": contact.role,
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_joining_the_contacts_with_a_confidential_export_narrows_no_response_below_the_threshold(
    client, appraisal, fmt
):
    k = appraisal.series.suppression_threshold
    rows = _export_rows(client, appraisal, fmt)
    assert len(rows) == 273
    shared = [name for name in QUASI_IDENTIFIERS if name in rows[0]]
    combinations = Counter(tuple(str(row[name] or "") for name in shared) for row in rows)
    assert min(combinations.values()) >= k
    people = [
        _contact_fields(contact)
        for contact in Contact.objects.filter(wave=appraisal).select_related(
            "organisation__region", "organisation__area_team"
        )
    ]
    for row in rows:
        candidates = [p for p in people if all(str(p[name] or "") == str(row[name] or "") for name in shared)]
        assert len(candidates) >= k


def test_free_text_leaves_a_confidential_export_only_once_an_analyst_clears_it(client, appraisal):
    comment = (
        Answer.objects.filter(response__wave=appraisal, question__kind=QuestionKind.LONG_TEXT).exclude(text="").first()
    )
    assert comment is not None
    exported = export_csv(appraisal).decode("utf-8-sig")
    assert comment.text not in exported
    comment_code(answer=comment, theme_ids=[], quote=False, cleared_for_export=True)
    assert comment.text in export_csv(appraisal).decode("utf-8-sig")
    assert comment.text in str(
        [
            cell
            for row in openpyxl.load_workbook(io.BytesIO(export_xlsx(appraisal)))["responses"].iter_rows(
                values_only=True
            )
            for cell in row
        ]
    )


def test_a_confidential_wave_with_fewer_responses_than_the_threshold_has_no_response_level_export(client, appraisal):
    from exchange.surveys.models import Response

    keep = list(
        Response.objects.filter(wave=appraisal).values_list("pk", flat=True)[
            : appraisal.series.suppression_threshold - 1
        ]
    )
    Response.objects.filter(wave=appraisal).exclude(pk__in=keep).delete()
    with pytest.raises(MicrodataRefused, match="fewer than its threshold"):
        export_plan(appraisal)
    client.force_login(User.objects.get(email="analyst@demo.example"))
    url = reverse(
        "analysis:export", kwargs={"series_slug": appraisal.series.slug, "wave_slug": appraisal.slug, "fmt": "csv"}
    )
    response = client.get(url, follow=True)
    assert "fewer than its threshold" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_comments_are_named_by_references_that_reveal_no_order_and_show_only_what_the_export_keeps(client, appraisal):
    client.force_login(User.objects.get(email="analyst@demo.example"))
    question = appraisal.questions.get(kind=QuestionKind.LONG_TEXT)
    kwargs = {"series_slug": appraisal.series.slug, "wave_slug": appraisal.slug, "code": question.code}
    page = client.get(reverse("analysis:comments", kwargs=kwargs)).content.decode()
    references = re.findall(rf"/comments/{question.code}/([0-9a-f]{{20}})/", page)
    assert len(references) == 25  # a full first page
    assert references == sorted(references)  # listed by reference, not in the order answers were stored
    ids = (
        Answer.objects.filter(question=question, response__wave=appraisal).exclude(text="").values_list("pk", flat=True)
    )
    assert not any(f"/{pk}/" in page or f'id="a{pk}-' in page for pk in ids)
    kept = export_plan(appraisal).kept
    assert ("region" in kept) == ("North of England" in page or "London" in page or "South of England" in page)
