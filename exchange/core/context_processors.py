from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict:
    return {
        "service_name": settings.SERVICE_NAME,
        # nhsuk-frontend's template puts this nonce on its one inline script.
        "cspNonce": getattr(request, "csp_nonce", None),
    }
