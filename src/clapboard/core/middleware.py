"""Per-request context: a request id that ties audit events to the request that made them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

_request_id: ContextVar[str] = ContextVar("clapboard_request_id", default="")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = str(uuid.uuid4())
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-Id"] = request_id
        return response


class ApiMethodNotAllowedMiddleware:
    """Give the API's 405 answers the API's one error shape.

    ninja answers a known path called with another method with Django's plain 405; API
    clients parse every error as ``{"detail", "errors"}``, so it is rewritten here,
    keeping the ``Allow`` header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith("/api/"):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        allowed = response.get("Allow", "")
        detail = _("%(method)s is not allowed here; use %(allowed)s.") % {
            "method": request.method,
            "allowed": allowed,
        }
        json_response = JsonResponse({"detail": detail, "errors": []}, status=405)
        json_response["Allow"] = allowed
        return json_response
