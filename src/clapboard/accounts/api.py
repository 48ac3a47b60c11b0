"""API operations about the caller."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from clapboard.core.api_errors import error_responses

from .api_access import user_operation
from .schemas import MeOut

router = Router(tags=["me"])


@router.get(
    "/me",
    response={200: MeOut, **error_responses(401)},
    summary="Who the API sees: the caller, and the token used (null with a session)",
    **user_operation(),
)
def get_me(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]
