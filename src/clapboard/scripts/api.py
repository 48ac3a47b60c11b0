"""API operations on scripts: scripts and versions, importing a draft, scenes, the breakdown
(elements and tags, decisions, merges) and the read-outs (statistics and viability).

Each operation names the capability it needs (``production_operation``); every row is
read through the production resolved for the caller, so another production's ids are 404.
"""

import datetime as dt
from pathlib import PurePath
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from clapboard.core.api_errors import error_body, error_responses
from clapboard.core.pagination import LimitOffsetPage
from clapboard.core.schemas import JobOut
from clapboard.engines.breakdown import CATEGORY_CODES
from clapboard.engines.screenplay import MAX_SCRIPT_BYTES, ScreenplayParseError
from clapboard.productions.api_access import production_of, production_operation
from clapboard.productions.roles import Capability

from . import actions, analysis
from .access import scene_of, script_of, tag_of, version_of
from .importing import start_import
from .models import RevisionColour, Scene, Script, ScriptVersion, Tag
from .schemas import (
    ElementMerge,
    ElementOut,
    ReadoutOut,
    SceneOut,
    SceneUpdate,
    ScriptCreate,
    ScriptOut,
    TagCreate,
    TagDecision,
    TagOut,
    VersionOut,
)

router = Router()

BODY_ERRORS = (400, 413, 422)
SCOPED_ERRORS = (401, 403, 404, 422)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


# The rows of the production resolved for the caller; another production's ids are 404.
def _script(request: HttpRequest, script_id: int) -> Script:
    return script_of(production_of(request), script_id)


def _version(request: HttpRequest, script_id: int, number: int) -> ScriptVersion:
    return version_of(production_of(request), script_id, number)


def _scene(request: HttpRequest, scene_id: int) -> Scene:
    return scene_of(production_of(request), scene_id)


def _tag(request: HttpRequest, tag_id: int) -> Tag:
    return tag_of(production_of(request), tag_id)


@router.get(
    "/productions/{production_id}/scripts",
    response={200: list[ScriptOut], **error_responses(*SCOPED_ERRORS)},
    tags=["scripts"],
    summary="The production's scripts, each with its current version",
    **production_operation(Capability.VIEW),
)
def list_scripts(request: HttpRequest, production_id: int) -> Any:
    return production_of(request).production.scripts.select_related("current_version")


@router.post(
    "/productions/{production_id}/scripts",
    response={201: ScriptOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["scripts"],
    summary="Create a script (then import its first draft)",
    **production_operation(Capability.EDIT),
)
def create_script(request: HttpRequest, production_id: int, payload: ScriptCreate) -> Any:
    production = production_of(request).production
    fields = payload.dict()
    episode_id = fields.pop("episode_id")
    if episode_id is not None:
        fields["episode"] = production.episodes.filter(pk=episode_id).first()
        if fields["episode"] is None:
            raise ValidationError({"episode_id": "No such episode in this production."})
    return Status(201, actions.create_script(production, acting_user=_user(request), **fields))


@router.get(
    "/productions/{production_id}/scripts/{script_id}",
    response={200: ScriptOut, **error_responses(*SCOPED_ERRORS)},
    tags=["scripts"],
    summary="One script",
    **production_operation(Capability.VIEW),
)
def get_script(request: HttpRequest, production_id: int, script_id: int) -> Any:
    return _script(request, script_id)


@router.get(
    "/productions/{production_id}/scripts/{script_id}/versions",
    response={200: list[VersionOut], **error_responses(*SCOPED_ERRORS)},
    tags=["scripts"],
    summary="Every imported version of the script, newest first",
    **production_operation(Capability.VIEW),
)
def list_versions(request: HttpRequest, production_id: int, script_id: int) -> Any:
    return list(_script(request, script_id).versions.order_by("-number"))


@router.post(
    "/productions/{production_id}/scripts/{script_id}/versions",
    response={202: JobOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["scripts"],
    summary="Import a draft as the next version; answers with the import job to poll",
    description=(
        "Send the file as multipart/form-data (field `file`), with optional `label`, `colour`, "
        "`revision_date` (YYYY-MM-DD), `paper` (letter or a4) and `format` (auto, fountain, fdx, "
        "pdf, txt). The import runs in the background: poll `GET /api/v1/jobs/{id}`; when it "
        "succeeds its result holds `version_id`. A file that cannot be read fails the job with "
        "a message naming the file and the line, and nothing is saved. An empty file is refused "
        "at once (422), and so is a file over 20 MB (413)."
    ),
    **production_operation(Capability.EDIT),
)
def import_version(
    request: HttpRequest,
    production_id: int,
    script_id: int,
    file: File[UploadedFile],
    label: Form[str] = "",
    colour: Form[Literal[tuple(RevisionColour.values)]] = "white",  # type: ignore[valid-type]
    revision_date: Form[dt.date | None] = None,
    paper: Form[Literal["letter", "a4"]] = "letter",
    format: Form[Literal["auto", "fountain", "fdx", "pdf", "txt"]] = "auto",
) -> Any:
    script = _script(request, script_id)
    name = PurePath(file.name or "").name
    if (file.size or 0) > MAX_SCRIPT_BYTES:
        message = _("%(file)s is too large (%(size)s MB); the limit is %(limit)s MB.") % {
            "file": name,
            "size": file.size // (1024 * 1024),
            "limit": MAX_SCRIPT_BYTES // (1024 * 1024),
        }
        return Status(413, error_body(message, [("file", message)]))
    if not file.size:
        raise ValidationError({"file": _("%(file)s is empty.") % {"file": name}})
    try:
        job = start_import(
            script,
            file,
            acting_user=_user(request),
            label=label,
            colour=colour,
            revision_date=revision_date,
            paper=paper,
            source_format=format,
        )
    except ScreenplayParseError as error:
        raise ValidationError({"file": str(error)}) from None
    return Status(202, job)


# --- Scenes and breakdown -------------------------------------------------------------------


@router.get(
    "/productions/{production_id}/scripts/{script_id}/versions/{number}/scenes",
    response={200: list[SceneOut], **error_responses(*SCOPED_ERRORS)},
    tags=["scripts"],
    summary="The scenes of a version in reading order",
    **production_operation(Capability.VIEW),
)
@paginate(LimitOffsetPage)
def list_scenes(request: HttpRequest, production_id: int, script_id: int, number: int) -> Any:
    return _version(request, script_id, number).scenes.order_by("position")


class ElementFilters(Schema):
    category: Literal[tuple(CATEGORY_CODES)] | None = None  # type: ignore[valid-type]


@router.get(
    "/productions/{production_id}/scripts/{script_id}/elements",
    response={200: list[ElementOut], **error_responses(*SCOPED_ERRORS)},
    tags=["breakdown"],
    summary="The script's breakdown elements (characters, props, vehicles...)",
    **production_operation(Capability.VIEW),
)
@paginate(LimitOffsetPage)
def list_elements(
    request: HttpRequest, production_id: int, script_id: int, filters: Query[ElementFilters]
) -> Any:
    elements = _script(request, script_id).elements.all()
    if filters.category:
        elements = elements.filter(category=filters.category)
    return elements.order_by("category", "name", "id")


@router.post(
    "/productions/{production_id}/scripts/{script_id}/elements/merge",
    response={200: ElementOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["breakdown"],
    summary="Merge elements into one; the other names become its aliases",
    **production_operation(Capability.EDIT),
)
def merge_elements(request: HttpRequest, production_id: int, script_id: int, payload: ElementMerge) -> Any:
    script = _script(request, script_id)
    target = script.elements.filter(pk=payload.target_id).first()
    others = list(script.elements.filter(pk__in=payload.other_ids))
    if target is None:
        raise ValidationError({"target_id": "Every element must belong to this script."})
    if len(others) != len(set(payload.other_ids)):
        raise ValidationError({"other_ids": "Every element must belong to this script."})
    return actions.merge_elements(target, others, acting_user=_user(request))


class TagFilters(Schema):
    status: Literal["suggested", "accepted", "rejected"] | None = None
    scene_id: int | None = None


@router.get(
    "/productions/{production_id}/scripts/{script_id}/versions/{number}/tags",
    response={200: list[TagOut], **error_responses(*SCOPED_ERRORS)},
    tags=["breakdown"],
    summary="The breakdown tags of a version: suggestions and decisions",
    **production_operation(Capability.VIEW),
)
@paginate(LimitOffsetPage)
def list_tags(
    request: HttpRequest, production_id: int, script_id: int, number: int, filters: Query[TagFilters]
) -> Any:
    version = _version(request, script_id, number)
    tags = Tag.objects.filter(scene__version=version).select_related("element")
    if filters.status:
        tags = tags.filter(status=filters.status)
    if filters.scene_id is not None:
        tags = tags.filter(scene_id=filters.scene_id)
    return tags.order_by("scene__position", "start", "id")


@router.post(
    "/productions/{production_id}/tags/{tag_id}/decision",
    response={200: TagOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["breakdown"],
    summary="Accept or reject a tag",
    **production_operation(Capability.EDIT),
)
def decide_tag(request: HttpRequest, production_id: int, tag_id: int, payload: TagDecision) -> Any:
    return actions.decide_tag(_tag(request, tag_id), payload.status, acting_user=_user(request))


@router.patch(
    "/productions/{production_id}/scenes/{scene_id}",
    response={200: SceneOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["scripts"],
    summary="Set a scene's one-line synopsis",
    **production_operation(Capability.EDIT),
)
def update_scene(request: HttpRequest, production_id: int, scene_id: int, payload: SceneUpdate) -> Any:
    return actions.update_synopsis(
        _scene(request, scene_id),
        payload.synopsis,
        acting_user=_user(request),
        read_synopsis=payload.read_synopsis,
    )


@router.post(
    "/productions/{production_id}/scenes/{scene_id}/tags",
    response={201: TagOut, **error_responses(*SCOPED_ERRORS, *BODY_ERRORS)},
    tags=["breakdown"],
    summary="Tag an element in a scene by hand (accepted); the element is created if new",
    **production_operation(Capability.EDIT),
)
def add_tag(request: HttpRequest, production_id: int, scene_id: int, payload: TagCreate) -> Any:
    tag = actions.add_tag(_scene(request, scene_id), acting_user=_user(request), **payload.dict())
    return Status(201, tag)


@router.get(
    "/productions/{production_id}/scripts/{script_id}/versions/{number}/readout",
    response={200: ReadoutOut, **error_responses(*SCOPED_ERRORS)},
    tags=["scripts"],
    summary="Statistics and viability read-out of a version (scene numbers are positions)",
    **production_operation(Capability.VIEW),
)
def get_readout(request: HttpRequest, production_id: int, script_id: int, number: int) -> Any:
    version = _version(request, script_id, number)
    return analysis.readout(version)
