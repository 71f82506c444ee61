"""Pages for the owner's analysts: series, waves, the sample frame, invitations and the tracking page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from exchange.analysis import selectors as analysis_selectors
from exchange.core.exceptions import ApplicationError
from exchange.core.shortcuts import render_form

from .. import selectors
from ..forms.manage import ContactsFromMembersForm, ContactsUploadForm, WaveCopyForm
from ..services import authoring, contacts, invitations
from .common import series_or_404, upload_refused, wave_or_404


@login_required
def series_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "surveys/series_list.html", {"series_list": selectors.series_managed_list(user=request.user)}
    )


@login_required
def series_detail(request: HttpRequest, series_slug: str) -> HttpResponse:
    series = series_or_404(request, series_slug)
    return render(
        request,
        "surveys/series_detail.html",
        {"series": series, "waves": series.waves.order_by("fieldwork_start", "created_at")},
    )


@login_required
def wave_detail(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    open_link = (
        request.build_absolute_uri(reverse("surveys:respond", kwargs={"token": wave.open_link_key}))
        if wave.open_link_key
        else ""
    )
    return render(
        request,
        "surveys/wave_detail.html",
        {
            "wave": wave,
            "tracking": analysis_selectors.wave_tracking(wave=wave),
            "contact_count": wave.contacts.count(),
            "uninvited": wave.contacts.filter(invited_at__isnull=True).count(),
            "upload_form": ContactsUploadForm(),
            "copy_form": WaveCopyForm(),
            "open_link": open_link,
        },
    )


@login_required
def wave_tracking(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    return render(
        request, "surveys/wave_tracking.html", {"wave": wave, "tracking": analysis_selectors.wave_tracking(wave=wave)}
    )


@login_required
@require_POST
def wave_status_change(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    action = request.POST.get("action")
    try:
        if action == "open":
            authoring.wave_open(wave=wave)
            messages.success(request, "The wave is open. Its questionnaire is now locked.")
        elif action == "close":
            authoring.wave_close(wave=wave)
            messages.success(request, "The wave is closed.")
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect(wave.get_absolute_url())


@login_required
@require_POST
def wave_send(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    try:
        if request.POST.get("action") == "reminders":
            count = invitations.reminders_send(wave=wave)
            messages.success(request, f"Reminders queued for {count} people who have not completed or opted out.")
        else:
            count = invitations.invitations_send(wave=wave)
            messages.success(request, f"Invitations queued for {count} people.")
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect(wave.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def contacts_upload(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    form = ContactsUploadForm(request.POST if request.method == "POST" else None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = contacts.contacts_import_csv(wave=wave, data=form.cleaned_data["file"].read(), actor=request.user)
        except (contacts.ContactImportError, ApplicationError) as error:
            problems = upload_refused(form, error, noun="file")
        else:
            messages.success(request, f"{result.added} contacts added, {result.merged} merged with existing ones.")
            return redirect(wave.get_absolute_url())
    return render_form(
        request,
        "surveys/contacts_upload.html",
        {
            "wave": wave,
            "form": form,
            "problems": problems,
            "frame_locked": contacts.FRAME_LOCKED,
            "roles": contacts.ROLE_LABELS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def wave_copy_view(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    form = WaveCopyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        copy = authoring.wave_copy(wave=wave, label=form.cleaned_data["label"])
        messages.success(request, f"{copy.label} was created with the same questions and codes.")
        return redirect(copy.get_absolute_url())
    return render_form(request, "surveys/wave_copy.html", {"wave": wave, "form": form})


@login_required
def contact_list(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    contacts_page = Paginator(
        wave.contacts.select_related("organisation").order_by("organisation__name", "full_name"), 50
    ).get_page(request.GET.get("page"))
    context = {"wave": wave, "page": contacts_page, "progress_shown": selectors.contact_progress_shown(wave)}
    return render(request, "surveys/contact_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contacts_from_members(request: HttpRequest, series_slug: str, wave_slug: str) -> HttpResponse:
    wave = wave_or_404(request, series_slug, wave_slug)
    form = ContactsFromMembersForm(request.POST if request.method == "POST" else None, series=wave.series)
    if request.method == "POST":
        try:
            # An invalid form (a kind or role not offered) still goes to the service, which refuses and audits it.
            added = contacts.contacts_add_from_memberships(
                wave=wave,
                kind=request.POST.get("kind", ""),
                roles=request.POST.getlist("roles"),
                actor=request.user,
            )
        except ApplicationError as error:
            if not form.errors:
                form.add_error(None, error.message)
        else:
            messages.success(request, f"{added} members added to the sample frame.")
            return redirect(wave.get_absolute_url())
    return render_form(
        request,
        "surveys/contacts_from_members.html",
        {"wave": wave, "form": form, "frame_locked": contacts.FRAME_LOCKED},
    )
