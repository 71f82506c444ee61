from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict:
    return {
        "service_name": settings.SERVICE_NAME,
        # nhsuk-frontend's template puts this nonce on its one inline script. django-csp's lazy nonce is
        # falsy until read, and the template tests it with `if`, so it is read here.
        "cspNonce": str(request.csp_nonce) if hasattr(request, "csp_nonce") else None,
    }
