"""Recording responses collected elsewhere (`services.recording`): written in bulk with their answers, each with its
organisation's place in the registry."""

import pytest

from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Answer, Response
from exchange.surveys.services.recording import RecordedResponse, responses_record

pytestmark = pytest.mark.django_db

ANSWERS = {"info": "no", "satisfied": "satisfied", "reasons": ["price"], "staff": "12", "comments": "Fine"}


def test_recorded_responses_are_written_with_their_answers_and_counted(wave, north):
    ccg = OrganisationFactory(region=north)
    recorded = [RecordedResponse(ccg, "clinical_lead", ANSWERS), RecordedResponse(None, "", {"info": "yes"})]
    assert responses_record(wave=wave, responses=recorded) == 2
    named, anonymous = Response.objects.get(role="clinical_lead"), Response.objects.get(role="")
    assert (named.organisation, named.region_id, named.role) == (ccg, north.pk, "clinical_lead")
    assert (anonymous.organisation, anonymous.region_id) == (None, None)
    assert sorted(Answer.objects.filter(response=named).values_list("question__code", flat=True)) == [
        "comments",
        "info",
        "reasons",
        "satisfied",
        "staff",
    ]
    assert Answer.objects.filter(response=anonymous).count() == 1
