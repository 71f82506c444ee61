from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .. import permissions
from ..scoring import SCALE
from ..selectors.requirements import published_answers, requirement_get, requirement_shares


@login_required
def requirement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = requirement_get(user=request.user, pk=pk)
    if requirement is None:
        raise Http404
    context = {
        "requirement": requirement,
        "shares": requirement_shares(requirement),
        "criteria": list(requirement.criteria.all()),
        "answers": published_answers(requirement),
        "scale": SCALE,
        "can_manage": permissions.can_manage_requirement(request.user, requirement),
    }
    return render(request, "marketplace/requirement_detail.html", context)
