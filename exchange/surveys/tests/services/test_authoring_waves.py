"""Series and waves (`services.authoring.waves`): free slugs, the open-link key, opening only with questions,
closing, and copies that keep every code."""

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import WaveAccess, WaveStatus
from exchange.surveys.services.authoring import (
    EMPTY_WAVE,
    series_create,
    wave_close,
    wave_copy,
    wave_create,
    wave_open,
)
from exchange.surveys.signals import wave_closed

from ..helpers import structure

pytestmark = pytest.mark.django_db


def test_series_with_the_same_title_get_numbered_slugs(owner_and_analyst):
    owner = owner_and_analyst[0]
    slugs = [series_create(owner=owner, title="Member survey").slug for _ in range(3)]
    assert slugs == ["member-survey", "member-survey-2", "member-survey-3"]


def test_waves_with_the_same_label_get_numbered_slugs_within_their_series_only(series, owner_and_analyst):
    other = series_create(owner=owner_and_analyst[0], title="Other")
    first, second = (wave_create(series=series, label="Spring 2014", confidentiality="named") for _ in range(2))
    elsewhere = wave_create(series=other, label="Spring 2014", confidentiality="named")
    assert (first.slug, second.slug, elsewhere.slug) == ("spring-2014", "spring-2014-2", "spring-2014")


def test_only_an_open_link_wave_gets_a_link_key(series):
    open_link = wave_create(series=series, label="a", confidentiality="named", access=WaveAccess.OPEN_LINK)
    invited = wave_create(series=series, label="b", confidentiality="named")
    assert len(open_link.open_link_key) >= 32 and invited.open_link_key == ""


def test_a_wave_without_questions_cannot_open(series):
    wave = wave_create(series=series, label="empty", confidentiality="named")
    with pytest.raises(ApplicationError) as error:
        wave_open(wave=wave)
    assert error.value.message == EMPTY_WAVE
    wave.refresh_from_db()
    assert wave.status == WaveStatus.DRAFT


def test_closing_a_wave_announces_it(wave):
    heard = []

    def receiver(sender, wave, **kwargs):
        heard.append(wave)

    wave_closed.connect(receiver)
    try:
        wave_close(wave=wave_open(wave=wave))
    finally:
        wave_closed.disconnect(receiver)
    wave.refresh_from_db()
    assert wave.status == WaveStatus.CLOSED and heard == [wave]


def test_a_copy_is_a_draft_with_the_same_questionnaire_and_codes(wave):
    wave_close(wave=wave_open(wave=wave))
    copy = wave_copy(wave=wave, label="2014")
    assert copy.status == WaveStatus.DRAFT and copy.series == wave.series and copy.slug == "2014"
    assert (copy.confidentiality, copy.access, copy.introduction) == (
        wave.confidentiality,
        wave.access,
        wave.introduction,
    )
    assert structure(copy) == structure(wave)
