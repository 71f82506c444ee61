from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from exchange.core.shortcuts import page_of

from .actions import action_label
from .display import details_lines
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
    page, query_string = page_of(request, audit_event_list(user=request.user, action=action, actor=actor), 50)
    return render(
        request,
        "audit/event_list.html",
        {
            "form": form,
            "page": page,
            "query_string": query_string,
            "action_label": action_label,
            "details_lines": details_lines,
        },
    )
