"""A read-only REST API for the catalogue, published requirements and awards, with its OpenAPI document at
/api/openapi.json. Errors are JSON problems (RFC 9457)."""

from exchange.core.api import ProblemAwareAPI
from exchange.marketplace.catalogue.api import router as catalogue_router
from exchange.marketplace.procurement.api import router as procurement_router

api = ProblemAwareAPI(
    title="Commissioning Exchange API",
    version="1",
    description="Read-only: the catalogue of commissioning support, published requirements and awards.",
    docs_url=None,
    urls_namespace="api",
)
api.add_router("", catalogue_router)
api.add_router("", procurement_router)
