"""The REST API: one NinjaAPI assembled from each app's router, served under /api/.

Version 1 lives under /api/v1/; the OpenAPI document is at /api/openapi.json and the
interactive documentation at /api/docs (Swagger UI served from our own static files).
The committed copy of the document is docs/openapi.json (``manage.py export_openapi``).
"""

import json
from typing import Any

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Router
from ninja.responses import NinjaJSONEncoder

from clapboard.accounts.api import router as accounts_router
from clapboard.accounts.api_access import user_operation
from clapboard.budgets.api import router as budgets_router
from clapboard.companies.api import router as companies_router
from clapboard.core import api_errors
from clapboard.financing.api import router as financing_router
from clapboard.productions.api import router as productions_router
from clapboard.productions.api_activity import router as activity_router
from clapboard.schedules.api import router as schedules_router
from clapboard.scripts.api import router as scripts_router


class ClapboardAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        # View names are unique across the apps: list_productions, update_episode...
        return str(operation.view_func.__name__)

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return api_errors.describe_error_responses(super().get_openapi_schema(*args, **kwargs))


api = ClapboardAPI(
    title="Clapboard API",
    version="1",
    description=(
        "Production management for film and TV: companies, productions, teams, activity.\n\n"
        "Authenticate with `Authorization: Bearer <API token>` (or the site's session, with the "
        "CSRF token for changes). Every error has the shape "
        '`{"detail": "...", "errors": [{"field": "...", "message": "..."}]}`; edits carry the '
        "`version` they were based on and a stale one is refused with 409."
    ),
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
    auth=user_operation()["auth"],
)
api_errors.install(api)

api.add_router("/v1/", accounts_router)
api.add_router("/v1/", companies_router)
api.add_router("/v1/", productions_router)
api.add_router("/v1/", activity_router)
api.add_router("/v1/", scripts_router)
api.add_router("/v1/", schedules_router)
api.add_router("/v1/", budgets_router)
api.add_router("/v1/", financing_router)

# Anything else under /api/ answers with the API's JSON 404 rather than the site's HTML page.
fallback = Router()


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:unknown}", auth=None, include_in_schema=False
)
def unknown_endpoint(request: HttpRequest, unknown: str) -> Any:
    raise Http404


api.add_router("/", fallback)


def openapi_text() -> str:
    """The OpenAPI document as committed in docs/openapi.json: sorted keys, two-space indent."""
    schema = api.get_openapi_schema(path_prefix="/api/")
    return json.dumps(schema, cls=NinjaJSONEncoder, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
