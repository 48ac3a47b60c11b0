"""Shapes shared by every part of the REST API: errors, people, audit events, jobs."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ninja import Field, Schema


class ErrorItem(Schema):
    field: str | None = Field(
        description="The input the message is about (a dotted path for nested fields), or null."
    )
    message: str


class ErrorOut(Schema):
    """The one shape of every error response."""

    detail: str = Field(description="A sentence for a person.")
    errors: list[ErrorItem] = Field(description="One entry per problem; empty when there is nothing to add.")


class ConflictOut(ErrorOut):
    """An edit based on a stale version: reload, then apply the change again."""

    current_version: int


class UserRef(Schema):
    id: int
    username: str
    display_name: str


class AuditEventOut(Schema):
    id: int
    action: str = Field(description="A namespaced name such as productions.phase.changed.")
    actor: UserRef | None
    target_type: str
    target_id: str
    target_label: str
    changes: dict[str, list[Any]] = Field(description="Each changed field mapped to [old, new].")
    data: dict[str, Any]
    created_at: dt.datetime


class JobOut(Schema):
    id: uuid.UUID
    production_id: int | None
    kind: str
    label: str
    status: str
    percent: int
    message: str
    result: dict[str, Any]
    error: str
    is_finished: bool
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
