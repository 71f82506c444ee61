import pytest
from django.urls import reverse

from exchange.accounts.models import User
from exchange.analysis.models import CommentCoding, Theme
from exchange.analysis.selectors import comment_reference, quotes, theme_counts
from exchange.demo.services import demo_load
from exchange.surveys.models import Answer, Wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave_2012(db):
    demo_load(marketplace=False)
    wave = Wave.objects.get(label="January 2012")
    wave.series.suppression_threshold = 3
    wave.series.save()
    return wave


def url(wave, name, **extra):
    return reverse(
        f"analysis:{name}",
        kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug, "code": "comments", **extra},
    )


def test_comments_are_searched_tagged_counted_and_quoted(client, wave_2012):
    client.force_login(User.objects.get(email="analyst@demo.example"))
    html = client.get(url(wave_2012, "comments"), {"q": "affordable"}).content.decode()
    assert "1 comment containing" in html
    client.post(url(wave_2012, "theme-add"), {"name": "Choice of provider"})
    theme = Theme.objects.get()
    answer = Answer.objects.filter(question__code="comments", text__icontains="choice").first()
    tagged = client.post(
        url(wave_2012, "comment-tag", reference=comment_reference(answer.pk)),
        # What cannot be a theme's id is dropped: "²" passes str.isdigit() but not int(); 20 nines overflow SQLite.
        {"themes": [theme.pk, "²", "99999999999999999999"], "quote": "on"},
    )
    assert tagged.status_code == 302
    coding = CommentCoding.objects.get()
    assert list(coding.themes.all()) == [theme] and coding.quote
    question = answer.question
    (count,) = theme_counts(wave=wave_2012, question=question)
    assert (count.count, count.base) == (1, 3)
    assert quotes(wave=wave_2012, question=question) == [answer.text]
    assert "Choice of provider" in client.get(url(wave_2012, "comments"), {"theme": theme.pk}).content.decode()
    for nonsense in ("²", "99999999999999999999", "-1"):
        assert client.get(url(wave_2012, "comments"), {"theme": nonsense}).status_code == 200


def test_comments_are_hidden_below_the_threshold(client, wave_2012):
    wave_2012.series.suppression_threshold = 10
    wave_2012.series.save()
    client.force_login(User.objects.get(email="analyst@demo.example"))
    html = client.get(url(wave_2012, "comments")).content.decode()
    assert "Fewer than 10 people answered this question" in html
    assert "affordable" not in html


def test_comments_never_show_the_organisation(client, wave_2012):
    client.force_login(User.objects.get(email="analyst@demo.example"))
    html = client.get(url(wave_2012, "comments")).content.decode()
    organisations = Answer.objects.filter(question__code="comments").values_list(
        "response__organisation__name", flat=True
    )
    main = html.split('id="maincontent"')[1]
    for name in organisations:
        assert name not in main


def test_a_theme_without_a_name_or_with_a_long_one_is_refused_in_an_error_summary_keeping_what_was_typed(
    client, wave_2012
):
    client.force_login(User.objects.get(email="analyst@demo.example"))
    response = client.post(url(wave_2012, "theme-add"), {"name": "   "})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and 'href="#id_name"' in html and 'id="id_name"' in html
    assert "Enter a name for the theme" in html
    long = "Access to services across the whole of the area " * 3
    response = client.post(url(wave_2012, "theme-add"), {"name": long})
    html = response.content.decode()
    assert response.status_code == 400 and "100 characters or fewer" in html
    assert f'value="{long.strip()}"' in html or f'value="{long}"' in html
    assert not Theme.objects.exists()
