"""Shapes of the budgets API. Amounts are strings with two decimals, as in the budget
JSON format: a JSON number would be read as a binary float by most clients."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

Status = Literal["estimate", "submitted", "approved", "revised"]


class VersionOut(Schema):
    id: int
    budget_id: int
    budget_name: str
    number: int
    label: str
    status: Status
    currency: str
    schedule_id: int | None = Field(description="The schedule whose days feed the linked lines.")
    subtotal: str
    grand_total: str
    version: int = Field(description="For optimistic concurrency on the version's settings and status.")
    updated_at: dt.datetime


class BudgetImportIn(Schema):
    name: str = Field("", max_length=120, description="By default the budget's title.")
    budget: dict[str, Any] = Field(description="A budget in the JSON format of docs/budget-format.md.")


class LineOut(Schema):
    id: int
    key: str = Field(description="The line's id in the budget format.")
    account: str
    description: str
    quantity: str
    unit: str
    rate: str
    multiplier: str
    total: str
    version: int


class LineEditIn(Schema):
    version: int = Field(description="The line version the change is based on; a stale one gets 409.")
    description: str | None = Field(None, max_length=300)
    quantity: str | None = Field(None, max_length=200, description="A number or an expression of globals.")
    unit: Literal["days", "weeks", "hours", "flat", "allowance", "percentage"] | None = None
    rate: str | None = Field(None, max_length=200)
    multiplier: str | None = Field(None, max_length=200)


class LineEditOut(Schema):
    line: LineOut
    totals: dict[str, Any] = Field(
        description="The version's totals after the edit, as `clapboard budget calc --json`."
    )


class StatusIn(Schema):
    status: Literal["estimate", "submitted", "approved"]
    version: int
