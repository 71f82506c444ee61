"""Open data: every published requirement as an OCDS 1.1 release, and a package of them all. Open to any site's
scripts (CORS `*`: the data is public and no cookie is read), and answered in JSON even when nothing is found."""

from django.http import HttpRequest, JsonResponse
from django.urls import reverse

from exchange.marketplace.procurement.ocds import published_requirements, release_package


def _json(data: dict, *, status: int = 200, content_type: str = "application/json") -> JsonResponse:
    response = JsonResponse(
        data, status=status, content_type=content_type, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def release_detail(request: HttpRequest, ocid: str) -> JsonResponse:
    requirement = published_requirements().filter(ocid=ocid).first()
    if requirement is None:
        problem = {
            "type": "about:blank",
            "title": "No published release has that ocid",
            "status": 404,
            "detail": f"Published releases are listed at {reverse('ocds:release-list')}.",
        }
        return _json(problem, status=404, content_type="application/problem+json")
    return _json(release_package([requirement], uri_path=reverse("ocds:release-detail", args=[ocid])))


def release_list(request: HttpRequest) -> JsonResponse:
    return _json(release_package(published_requirements(), uri_path=reverse("ocds:release-list")))
