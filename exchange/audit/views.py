from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from . import actions
from .forms import AuditFilterForm
from .selectors import audit_event_list


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise Http404
    form = AuditFilterForm(request.GET or None)
    action, actor = "", ""
    if form.is_valid():
        action, actor = form.cleaned_data["action"], form.cleaned_data["actor"]
    events = audit_event_list(user=request.user, action=action, actor=actor)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "labels": actions.LABELS, "query_string": query_without_page.urlencode()},
    )
