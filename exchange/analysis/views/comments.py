from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from exchange.core.exceptions import ApplicationError
from exchange.core.ids import parse_id, parse_ids
from exchange.surveys.selectors import text_question_get

from ..forms import ThemeForm
from ..selectors import comment_entries, comment_find, comments_hidden, theme_counts
from ..services import comment_code, theme_create
from .common import managed_wave_or_404


def _context(request, series_slug, wave_slug, code):
    wave = managed_wave_or_404(request, series_slug, wave_slug)
    question = text_question_get(wave=wave, code=code)
    if not question:
        raise Http404
    return wave, question


@login_required
def comment_browse(request: HttpRequest, series_slug: str, wave_slug: str, code: str) -> HttpResponse:
    wave, question = _context(request, series_slug, wave_slug, code)
    return _browse(request, wave, question)


def _browse(request: HttpRequest, wave, question, theme_form: ThemeForm | None = None, status: int = 200):
    hidden = comments_hidden(wave=wave, question=question)
    search = request.GET.get("q", "").strip()[:100]
    theme = request.GET.get("theme", "")
    page = None
    if not hidden:
        listing = comment_entries(wave=wave, question=question, search=search, theme_id=parse_id(theme))
        page = Paginator(listing, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "analysis/comments.html",
        {
            "wave": wave,
            "question": question,
            "hidden": hidden,
            "page": page,
            "search": search,
            "theme": theme,
            "themes": wave.themes.all(),
            "counts": theme_counts(wave=wave, question=question),
            "threshold": wave.series.suppression_threshold,
            "query_string": query.urlencode(),
            "theme_form": theme_form or ThemeForm(),
        },
        status=status,
    )


@login_required
@require_POST
def theme_add(request: HttpRequest, series_slug: str, wave_slug: str, code: str) -> HttpResponse:
    wave, question = _context(request, series_slug, wave_slug, code)
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            theme = theme_create(wave=wave, name=form.cleaned_data["name"])
        except ApplicationError as error:
            form.add_error("name", error.message)
    if form.errors:
        # The page again, with an error summary linking to the box and what was typed still in it.
        return _browse(request, wave, question, theme_form=form, status=400)
    messages.success(request, f"Theme “{theme.name}” added.")
    return redirect("analysis:comments", series_slug=wave.series.slug, wave_slug=wave.slug, code=code)


@login_required
@require_POST
def comment_tag(request: HttpRequest, series_slug: str, wave_slug: str, code: str, reference: str) -> HttpResponse:
    wave, question = _context(request, series_slug, wave_slug, code)
    answer = comment_find(wave=wave, question=question, reference=reference)
    if answer is None or comments_hidden(wave=wave, question=question):
        raise Http404
    theme_ids = parse_ids(request.POST.getlist("themes"))
    comment_code(
        answer=answer,
        theme_ids=theme_ids,
        quote=request.POST.get("quote") == "on",
        cleared_for_export=request.POST.get("cleared_for_export") == "on",
    )
    messages.success(request, "Comment tagged.")
    # Back to the same page of the listing: only a query string is taken from the form, never a location.
    query = request.POST.get("query", "").lstrip("?")
    listing = reverse("analysis:comments", kwargs={"series_slug": series_slug, "wave_slug": wave_slug, "code": code})
    return redirect(f"{listing}?{query}" if query else listing)
