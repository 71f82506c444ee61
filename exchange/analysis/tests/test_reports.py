import pypdfium2
import pytest
from django.urls import reverse

from exchange.accounts.models import Role, User
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.analysis.reports import organisation_report_pdf, wave_report_pdf
from exchange.demo.services import demo_load
from exchange.organisations.models import Organisation
from exchange.surveys.models import Wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave_2013(db):
    demo_load(marketplace=False)
    return Wave.objects.get(series__title="Appraisal of NHS England", label="2013")


def first_page(pdf: bytes):
    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    text = " ".join(page.get_textpage().get_text_range().split())
    return len(document), text, page.render(scale=1).to_pil()


def test_the_wave_report_renders_with_its_method_and_headlines(wave_2013):
    pages, text, image = first_page(wave_report_pdf(wave=wave_2013))
    assert pages >= 3
    for phrase in ["Appraisal of NHS England, 2013", "Method", "273 of 569 (48%)", "177 of 211", "Wilson", "below 10"]:
        assert phrase in text
    assert "33.3% of respondents (88 of 264) agreed" in text
    width, height = image.size
    assert abs(width - 595) <= 1 and abs(height - 842) <= 1  # A4 at 72 dpi
    assert len(image.convert("L").getcolors(maxcolors=256) or []) > 10  # not a blank page


def test_the_organisation_report_compares_with_all_respondents(wave_2013):
    blackpool = Organisation.objects.get(ods_code="00R")
    pages, text, _ = first_page(organisation_report_pdf(wave=wave_2013, organisation=blackpool))
    assert "NHS Blackpool compared with all respondents" in text


def test_an_organisations_report_is_only_for_its_members_and_the_owners_analysts(client, wave_2013):
    blackpool = Organisation.objects.get(ods_code="00R")
    url = reverse(
        "analysis:organisation-report",
        kwargs={"series_slug": wave_2013.series.slug, "wave_slug": wave_2013.slug, "organisation_slug": blackpool.slug},
    )
    client.force_login(User.objects.get(email="clinical.lead@demo.example"))  # a member of NHS Blackpool
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(User.objects.get(email="london.lead@demo.example"))  # NHS Camden
    assert client.get(url).status_code == 404
    client.force_login(User.objects.get(email="analyst@demo.example"))
    assert client.get(url).status_code == 200
    client.force_login(MembershipFactory(roles=[Role.ANALYST]).user)
    assert client.get(url).status_code == 404


def test_downloads_are_for_the_owners_analysts_only(client, wave_2013):
    kwargs = {"series_slug": wave_2013.series.slug, "wave_slug": wave_2013.slug}
    client.force_login(User.objects.get(email="analyst@demo.example"))
    for fmt in ["csv", "xlsx", "sav"]:
        assert client.get(reverse("analysis:export", kwargs={**kwargs, "fmt": fmt})).status_code == 200
    assert b"question_code" in client.get(reverse("analysis:results-csv", kwargs=kwargs), {"by": "region"}).content
    client.force_login(UserFactory())
    assert client.get(reverse("analysis:export", kwargs={**kwargs, "fmt": "csv"})).status_code == 404
    assert client.get(reverse("analysis:wave-report", kwargs=kwargs)).status_code == 404


def test_the_method_section_of_an_imported_wave_counts_completions_from_its_responses():
    # A named wave whose contacts were recorded but whose answers were loaded from elsewhere: no contact has a
    # status, and the method section once printed "Responses 5, Response rate 0 of 8 (0%)".
    from django.utils import timezone

    from exchange.organisations.tests.factories import OrganisationFactory
    from exchange.surveys.models import Confidentiality, Contact
    from exchange.surveys.services.authoring import wave_close
    from exchange.surveys.services.recording import RecordedResponse, responses_record
    from exchange.surveys.tests.factories import full_wave

    wave = full_wave(confidentiality=Confidentiality.NAMED)
    organisations = [OrganisationFactory() for _ in range(4)]
    Contact.objects.bulk_create(
        Contact(
            wave=wave,
            full_name=f"P{i}",
            email=f"p{i}@example.nhs.uk",
            organisation=organisations[i % 4],
            **Contact.token_fields(),
            invited_at=timezone.now(),
        )
        for i in range(8)
    )
    behaviours = {"common_purpose": "agree", "local_leadership": "agree", "honesty": "agree"}
    responses_record(
        wave=wave,
        responses=[
            RecordedResponse(organisations[i % 2], "", {"info": "yes", "behaviours": behaviours}) for i in range(5)
        ],
    )
    _, text, _ = first_page(wave_report_pdf(wave=wave_close(wave=wave)))
    assert "5 of 8 (62%)" in text and "0 of 8" not in text
    assert "2 of 4 organisations" in text
