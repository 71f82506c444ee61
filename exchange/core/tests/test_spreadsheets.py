"""No CSV or XLSX the platform writes holds a live formula (OWASP CSV injection).

`safe_cell` is tested on its own (test_spreadsheets_cells.py); here every writer is driven through its real page or
command with hostile text in each field a person can type, and its file is parsed back. A module that starts writing
spreadsheets fails `test_every_module_that_writes_a_spreadsheet_has_its_outputs_in_writers` until its outputs are
added to WRITERS."""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.analysis.services import comment_code
from exchange.marketplace.catalogue.models import ServiceLine
from exchange.marketplace.catalogue.services.offerings import offering_create, offering_status_set
from exchange.marketplace.catalogue.services.service_lines import service_lines_ensure
from exchange.marketplace.catalogue.services.shortlists import shortlist_create
from exchange.organisations.models import OrganisationKind, Sector
from exchange.organisations.tests.factories import AreaTeamFactory, OrganisationFactory, RegionFactory
from exchange.surveys.models import Answer, Confidentiality, Contact, QuestionKind
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.authoring import OptionSpec, question_create, section_create, wave_close, wave_open
from exchange.surveys.services.recording import RecordedResponse, responses_record
from exchange.surveys.services.responding import draft_for_contact, draft_save_answers, response_submit
from exchange.surveys.tests.factories import full_wave, owner_with_analyst

FORMULA = '=HYPERLINK("http://evil.example","x")'
ROLE = "=1+1"
PERSON = "@SUM(1)"
ORGANISATION = "+Org"
REGION = "-North"
AREA_TEAM = "\t=1+1"
OPTION_LABEL = "- None of these -"
REASON = "\r=1+1"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


# Every writer, through its real page or command


@dataclass(frozen=True)
class Cell:
    where: str
    value: object
    is_formula: bool = False


def csv_cells(data: bytes, where: str) -> list[Cell]:
    text = data.decode("utf-8-sig")
    return [Cell(f"{where} row {n}", value) for n, row in enumerate(csv.reader(io.StringIO(text)), 1) for value in row]


def xlsx_cells(data: bytes, where: str) -> list[Cell]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        Cell(f"{where} {sheet.title}!{cell.coordinate}", cell.value, cell.data_type == "f")
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]


@dataclass(frozen=True)
class Writer:
    produce: Callable  # (client, request, tmp_path) -> list[Cell]
    carries: tuple[str, ...]  # hostile texts the output must hold (escaped), so that a dropped cell cannot pass


WRITERS: dict[str, Writer] = {}


def writer(name: str, *, carries: tuple[str, ...]):
    def register(produce):
        WRITERS[name] = Writer(produce, carries)
        return produce

    return register


ANSWERS = {
    "info": "no",
    "satisfied": "satisfied",
    "reasons": ["price"],
    "behaviours": {"common_purpose": "agree", "local_leadership": "agree", "honesty": "agree"},
    "staff": "12",
    "why_not": PERSON,
    "comments": FORMULA,
    "pick": "-9",
}


@pytest.fixture
def surveys(db):
    """A named and a confidential wave with hostile text in every field a person can type.

    Each has a threshold's worth of responses from one organisation and role (so that disclosure control keeps
    them all at the finest level) through the historic-import path, whose role is free text; the named wave has
    one more, submitted by a contact whose name is hostile. The free text is cleared for release."""
    owner, analyst = owner_with_analyst()
    area_team = AreaTeamFactory(name=AREA_TEAM, region=RegionFactory(name=REGION))
    organisation = OrganisationFactory(name=ORGANISATION, region=area_team.region, area_team=area_team)
    waves = {}
    for confidentiality in (Confidentiality.NAMED, Confidentiality.CONFIDENTIAL):
        wave = full_wave(owner=owner, confidentiality=confidentiality, label=confidentiality)
        risky = section_create(wave=wave, title=FORMULA, code="risky")
        question_create(
            section=risky,
            code="pick",
            kind=QuestionKind.SINGLE,
            text=FORMULA,
            options=[OptionSpec("-9", OPTION_LABEL), OptionSpec("a", "A")],
        )
        wave_open(wave=wave)
        threshold = wave.series.suppression_threshold
        responses_record(wave=wave, responses=[RecordedResponse(organisation, ROLE, ANSWERS)] * threshold)
        if confidentiality == Confidentiality.NAMED:
            contact = Contact.objects.create(
                wave=wave,
                full_name=PERSON,
                email="respondent@example.nhs.uk",
                organisation=organisation,
                **Contact.token_fields(),
                invited_at=timezone.now(),
            )
            draft = draft_save_answers(draft=draft_for_contact(contact=contact), answers=ANSWERS)
            assert response_submit(draft_id=draft.pk, questionnaire=Questionnaire.load(wave)) is not None
        for answer in Answer.objects.filter(response__wave=wave).exclude(text=""):
            comment_code(answer=answer, theme_ids=[], quote=False, cleared_for_export=True)
        if confidentiality == Confidentiality.CONFIDENTIAL:
            wave = wave_close(wave=wave)  # a confidential wave's results are published once it closes
        waves[confidentiality] = wave
    return analyst, waves


def _wave_get(client, request, confidentiality, name, query=None, **kwargs):
    """The page `name` of the wave, as its analyst sees it."""
    analyst, waves = request.getfixturevalue("surveys")
    wave = waves[confidentiality]
    client.force_login(analyst)
    response = client.get(
        reverse(name, kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug, **kwargs}), query or {}
    )
    assert response.status_code == 200
    return response.content


RESPONSE_FIELDS = (FORMULA, PERSON, ROLE, ORGANISATION, REGION, AREA_TEAM, OPTION_LABEL)

for _confidentiality in (Confidentiality.NAMED, Confidentiality.CONFIDENTIAL):
    for _fmt, _cells in (("csv", csv_cells), ("xlsx", xlsx_cells)):

        @writer(f"responses.{_fmt} of a {_confidentiality} wave", carries=RESPONSE_FIELDS)
        def _responses(client, request, tmp_path, fmt=_fmt, cells=_cells, confidentiality=_confidentiality):
            return cells(_wave_get(client, request, confidentiality, "analysis:export", fmt=fmt), "responses")

        @writer(f"manage.py export_wave --format {_fmt} of a {_confidentiality} wave", carries=RESPONSE_FIELDS)
        def _export_wave(client, request, tmp_path, fmt=_fmt, cells=_cells, confidentiality=_confidentiality):
            wave = request.getfixturevalue("surveys")[1][confidentiality]
            output = tmp_path / f"wave.{fmt}"
            call_command("export_wave", f"{wave.series.slug}/{wave.slug}", "--format", fmt, "--output", str(output))
            return cells(output.read_bytes(), str(output))


for _by, _label in (("role", ROLE), ("region", REGION), ("area_team", AREA_TEAM)):

    @writer(f"results.csv?by={_by}", carries=(_label,))
    def _results(client, request, tmp_path, by=_by):
        return csv_cells(
            _wave_get(client, request, Confidentiality.CONFIDENTIAL, "analysis:results-csv", {"by": by}), ""
        )


@writer("manage.py analyse_wave --by role", carries=(ROLE,))
def _analyse_wave(client, request, tmp_path):
    wave = request.getfixturevalue("surveys")[1][Confidentiality.NAMED]
    output = tmp_path / "results.csv"
    call_command("analyse_wave", f"{wave.series.slug}/{wave.slug}", "--by", "role", "--output", str(output))
    return csv_cells(output.read_bytes(), str(output))


@writer("the XLSForm of a wave", carries=(FORMULA, OPTION_LABEL))
def _xlsform(client, request, tmp_path):
    return xlsx_cells(_wave_get(client, request, Confidentiality.NAMED, "surveys:xlsform-download"), "xlsform")


@writer("a shortlist's export.csv", carries=(FORMULA, ORGANISATION, REASON))
def _shortlist(client, request, tmp_path):
    service_lines_ensure()
    north = RegionFactory(name="North of England")
    buyer = OrganisationFactory(name="NHS Blackpool", region=north, registered_population=172_000)
    provider = OrganisationFactory(
        name=ORGANISATION, kind=OrganisationKind.SUPPORT_PROVIDER, sector=Sector.THIRD_SECTOR, region=north
    )
    lead = MembershipFactory(organisation=buyer, roles=[Role.CLINICAL_LEAD]).user
    staff = UserFactory(is_staff=True)
    offering = offering_create(
        actor=staff,
        provider=provider,
        title=FORMULA,
        summary=PERSON,
        service_lines=ServiceLine.objects.filter(code="business-intelligence"),
        regions=[north],
        pricing_model="per_head",
        price=Decimal("0.40"),
    )
    offering_status_set(actor=staff, offering=offering, status="published")
    shortlist = shortlist_create(
        actor=lead, name=ROLE, offerings=[offering], organisation=buyer, entry_reasons=[REASON]
    )
    client.force_login(lead)
    response = client.get(reverse("marketplace:shortlist-export", kwargs={"pk": shortlist.pk}))
    assert response.status_code == 200
    return csv_cells(response.content, "shortlist")


@writer("the burden of oversight's burden.csv", carries=(FORMULA, ORGANISATION))
def _burden(client, request, tmp_path):
    import datetime

    from exchange.plans.models import Plan

    staff = UserFactory(is_staff=True)
    today = datetime.datetime.now(tz=datetime.UTC).date()
    Plan.objects.create(
        commissioner=OrganisationFactory(name=ORGANISATION),
        title=FORMULA,
        status="decided",
        period_start=today,
        period_end=today + datetime.timedelta(days=365),
        created_by=staff,
    )
    client.force_login(staff)
    response = client.get(reverse("plans:burden-csv"))
    assert response.status_code == 200
    return csv_cells(response.content, "burden")


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_csv_and_xlsx_the_platform_writes_neutralises_formula_cells(client, request, tmp_path, name):
    cells = WRITERS[name].produce(client, request, tmp_path)
    formulas = [cell for cell in cells if cell.is_formula]
    assert not formulas, f"{name} writes formulas: {formulas}"
    live = [
        cell
        for cell in cells
        if isinstance(cell.value, str) and cell.value.startswith(DANGEROUS) and not PLAIN_NUMBER.fullmatch(cell.value)
    ]
    assert not live, f"{name} writes cells a spreadsheet would run: {live}"
    values = {cell.value for cell in cells}
    missing = [text for text in WRITERS[name].carries if "'" + text not in values]
    assert not missing, f"{name} does not carry these (escaped) texts: {missing}"


SPREADSHEET_CALLS = re.compile(r"csv\.(writer|DictWriter)\(|openpyxl\.Workbook\(|\.to_csv\(|\.to_excel\(|xlsxwriter")
WRITER_MODULES = {
    "exchange/analysis/exports.py",  # responses.csv/.xlsx, results.csv, export_wave and analyse_wave
    "exchange/marketplace/catalogue/views/shortlists.py",  # a shortlist's export.csv
    "exchange/plans/views/public.py",  # the burden of oversight's burden.csv
    "exchange/surveys/services/xlsform/writing.py",  # the XLSForm of a wave
}


def test_every_module_that_writes_a_spreadsheet_has_its_outputs_in_writers():
    root = Path(settings.BASE_DIR)
    found = {
        str(path.relative_to(root))
        for folder in ("exchange", "bench")
        for path in (root / folder).rglob("*.py")
        if "tests" not in path.parts and SPREADSHEET_CALLS.search(path.read_text(encoding="utf-8"))
    }
    assert found == WRITER_MODULES, "add each new writer's outputs to WRITERS, and pass its rows through safe_row"
