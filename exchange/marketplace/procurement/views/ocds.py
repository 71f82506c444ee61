"""Open data: every published requirement as an OCDS 1.1 release, and a package of them all."""

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse

from exchange.marketplace.procurement.ocds import published_requirements, release_package


def release_detail(request: HttpRequest, ocid: str) -> JsonResponse:
    requirement = published_requirements().filter(ocid=ocid).first()
    if requirement is None:
        raise Http404
    package = release_package([requirement], uri_path=reverse("ocds:release-detail", args=[ocid]))
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})


def release_list(request: HttpRequest) -> JsonResponse:
    package = release_package(published_requirements(), uri_path=reverse("ocds:release-list"))
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})
