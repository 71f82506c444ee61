import pytest
from django.core.exceptions import ValidationError

from exchange.analysis.models import HeadlineStatement
from exchange.analysis.services import headline_add
from exchange.surveys.models import Confidentiality
from exchange.surveys.tests.factories import full_wave

pytestmark = pytest.mark.django_db


def test_a_headline_statement_is_kept_with_its_predicate_trimmed():
    wave = full_wave(confidentiality=Confidentiality.NAMED)
    statement = headline_add(wave=wave, result_code="info", option_codes=["no"], predicate="  had too little.  ")
    assert HeadlineStatement.objects.get(wave=wave) == statement
    assert (statement.result_code, statement.option_codes, statement.predicate) == ("info", ["no"], "had too little.")


def test_a_headline_statement_without_a_predicate_is_refused_and_not_kept():
    wave = full_wave(confidentiality=Confidentiality.NAMED)
    with pytest.raises(ValidationError):
        headline_add(wave=wave, result_code="info", option_codes=["no"], predicate="   ")
    assert not HeadlineStatement.objects.filter(wave=wave).exists()
