"""Reading series and waves (`selectors.waves`): a person sees the series their organisation owns (staff every one),
a wave by its slugs, and the closed confidential waves."""

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.surveys.models import Confidentiality
from exchange.surveys.selectors import (
    closed_confidential_waves,
    series_managed_get,
    series_managed_list,
    wave_by_path,
    wave_get,
    wave_managed_get,
)
from exchange.surveys.services.authoring import wave_close, wave_open

from ..factories import full_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(db):
    return MembershipFactory(roles=[Role.ANALYST, Role.ORGANISATION_ADMIN]).user


def test_an_analyst_of_the_owner_manages_its_series_and_nobody_elses(wave, analyst):
    full_wave()  # another organisation's series
    assert list(series_managed_list(user=analyst)) == [wave.series]


def test_a_person_outside_the_owner_and_an_anonymous_visitor_manage_no_series(wave, outsider):
    assert not series_managed_list(user=outsider).exists()
    assert not series_managed_list(user=AnonymousUser()).exists()


def test_staff_manage_every_series(wave):
    other = full_wave()
    assert set(series_managed_list(user=UserFactory(is_staff=True))) == {wave.series, other.series}


def test_a_series_or_wave_someone_does_not_manage_is_not_found_for_them(wave, analyst, outsider):
    slugs = {"series_slug": wave.series.slug, "wave_slug": wave.slug}
    assert series_managed_get(user=analyst, slug=wave.series.slug) == wave.series
    assert wave_managed_get(user=analyst, **slugs) == wave
    assert series_managed_get(user=outsider, slug=wave.series.slug) is None
    assert wave_managed_get(user=outsider, **slugs) is None


def test_a_wave_is_found_by_its_slugs_or_its_path_whoever_asks(wave):
    assert wave_get(series_slug=wave.series.slug, wave_slug=wave.slug) == wave
    assert wave_by_path(f"{wave.series.slug}/{wave.slug}") == wave
    assert wave_by_path(f"{wave.series.slug}/no-such-wave") is None
    assert wave_by_path(wave.series.slug) is None


def test_only_closed_confidential_waves_are_listed_as_such(owner_and_analyst):
    owner = owner_and_analyst[0]
    closed = wave_close(wave=wave_open(wave=full_wave(owner=owner)))
    wave_close(wave=wave_open(wave=full_wave(owner=owner, confidentiality=Confidentiality.NAMED, label="named")))
    wave_open(wave=full_wave(owner=owner, label="still open"))
    assert list(closed_confidential_waves()) == [closed]
