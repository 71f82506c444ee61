"""The JSON API's conventions, shared by every app's API: errors are JSON problems (RFC 9457), documented with the
type they are sent with."""

from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError

# Where the JSON API is mounted (config/urls.py); its errors, an outage's included, are JSON problems.
API_PATH = "api/"


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str


class ProblemAwareAPI(NinjaAPI):
    """Sends every error as application/problem+json and documents error responses with that type."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_exception_handler(ValidationError, self._invalid)
        self.add_exception_handler(HttpError, self._http_error)

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    if str(status).startswith(("4", "5")) and "application/json" in response.get("content", {}):
                        response["content"] = {"application/problem+json": response["content"]["application/json"]}
        return schema

    def problem(self, request, status: int, title: str, detail: str = ""):
        response = self.create_response(
            request, {"type": "about:blank", "title": title, "status": status, "detail": detail}, status=status
        )
        response["Content-Type"] = "application/problem+json"
        return response

    def _invalid(self, request, exc):
        detail = "; ".join(str(error.get("msg")) for error in exc.errors)
        return self.problem(request, 422, "The request is not valid", detail)

    def _http_error(self, request, exc):
        return self.problem(request, exc.status_code, str(exc.message))
