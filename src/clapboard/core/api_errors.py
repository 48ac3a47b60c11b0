"""Every API error leaves in one JSON shape: ``{"detail": ..., "errors": [{"field", "message"}]}``.

:func:`install` registers the handlers on the NinjaAPI; :func:`error_responses` declares
the same responses in the OpenAPI document, so clients see every status an operation
can answer with. A 409 adds ``current_version`` so the client can reload and retry.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signals
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

from .concurrency import EditConflict
from .schemas import ConflictOut, ErrorOut

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger(__name__)

# Where ninja says a bad value came from; the client only needs the field's own path.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
# Every view takes its JSON body as ``payload``; ninja puts that name in the error path.
_BODY_PARAMS = {"payload"}


def error_body(detail: str, errors: Iterable[tuple[str | None, str]] = ()) -> dict[str, Any]:
    return {"detail": detail, "errors": [{"field": field, "message": message} for field, message in errors]}


def _summary(errors: Sequence[tuple[str | None, str]], *, name_field: bool = True) -> str:
    """One sentence for the whole error: the only problem, or how many there are.

    Pydantic's messages ("Field required") need the field's name to make sense; the
    domain's own messages are whole sentences and stand alone.
    """
    if len(errors) == 1:
        field, message = errors[0]
        return f"{field}: {message}" if field and name_field else message
    return _("%(count)d values are not valid; see errors.") % {"count": len(errors)}


def _field_path(location: Sequence[Any]) -> str | None:
    parts = list(location)
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        # ninja nests a JSON body under the name of the view's parameter; drop it.
        if source == "body" and parts and parts[0] in _BODY_PARAMS:
            parts.pop(0)
    return ".".join(str(part) for part in parts) or None


def install(api: NinjaAPI) -> None:
    """Register the handlers of every error the API can answer with."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def on_request_validation(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
        errors: list[tuple[str | None, str]] = []
        for error in exc.errors:
            field = _field_path(error.get("loc", ()))
            message = str(error.get("msg", ""))
            if error.get("type") == "missing" and field is None:
                message = _("A JSON body is required.")
            errors.append((field, message))
        return respond(request, 422, error_body(_summary(errors), errors))

    def on_invalid_data(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors: list[tuple[str | None, str]] = []
        if hasattr(exc, "error_dict"):
            for field, messages in exc.message_dict.items():
                name = None if field == NON_FIELD_ERRORS else field
                errors.extend((name, message) for message in messages)
        else:
            errors.extend((None, message) for message in exc.messages)
        return respond(request, 422, error_body(_summary(errors, name_field=False), errors))

    def on_conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
        stale = _("You sent version %(expected)s; the current version is %(current)s.") % {
            "expected": exc.expected,
            "current": exc.current,
        }
        body = error_body(str(exc), [("version", stale)])
        body["current_version"] = exc.current
        return respond(request, 409, body)

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, error_body(_("Not found.")))

    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or _("You do not have permission to do this.")
        return respond(request, 403, error_body(message))

    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = exc.message
        if message == "Unauthorized":  # ninja's own wording when no credentials came at all
            message = _("Authentication required: send “Authorization: Bearer <API token>” or log in.")
        response = respond(request, 401, error_body(message))
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = exc.message
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            message = _("The request body is not valid JSON.")
        return respond(request, exc.status_code, error_body(message))

    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        message = _("The request body is larger than the limit of %(limit)s bytes.") % {
            "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        }
        return respond(request, 413, error_body(message))

    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        # Reporters (and Django's test client, which re-raises) listen to this signal.
        signals.got_request_exception.send(sender=None, request=request)
        return respond(request, 500, error_body(_("Something went wrong on our side; nothing was changed.")))

    api.add_exception_handler(RequestValidationError, on_request_validation)
    api.add_exception_handler(ValidationError, on_invalid_data)
    api.add_exception_handler(EditConflict, on_conflict)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_forbidden)
    api.add_exception_handler(AuthenticationError, on_unauthenticated)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(Exception, on_unexpected)


_DESCRIPTIONS = {
    400: "The body is not valid JSON.",
    401: "No valid API token and no session.",
    403: "Authenticated, but the role does not allow this.",
    404: "Unknown, or not visible to this user.",
    409: "Edit conflict: someone saved first; the body carries current_version.",
    413: "The body is larger than the configured limit.",
    422: "Invalid input; each problem is listed in errors.",
}


def error_responses(*codes: int) -> dict[int, type[ErrorOut]]:
    """Response declarations for the error statuses an operation can answer with."""
    return {code: ConflictOut if code == 409 else ErrorOut for code in codes}


def describe_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Give each declared error response in the OpenAPI document a useful description."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for code, response in operation.get("responses", {}).items():
                if int(code) in _DESCRIPTIONS:
                    response["description"] = _DESCRIPTIONS[int(code)]
    return schema
