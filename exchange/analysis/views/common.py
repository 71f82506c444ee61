from django.http import Http404, HttpRequest

from exchange.surveys.selectors import wave_managed_get


def managed_wave_or_404(request: HttpRequest, series_slug: str, wave_slug: str):
    """The wave, if the person asking manages its series (its results, exports and comments are theirs); 404
    otherwise, whether or not the wave exists."""
    wave = wave_managed_get(user=request.user, series_slug=series_slug, wave_slug=wave_slug)
    if wave is None:
        raise Http404
    return wave
