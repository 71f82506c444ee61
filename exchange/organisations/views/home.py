from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..selectors import registry_summary


def home(request: HttpRequest) -> HttpResponse:
    """The home page: what the platform is for, with the registry's figures (so it lives with the registry, and core
    imports no domain app)."""
    return render(request, "core/home.html", {"summary": registry_summary()})
