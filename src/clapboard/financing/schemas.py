"""Shapes of the financing API. Amounts are strings with two decimals, as in the plan's
JSON format: a JSON number would be read as a binary float by most clients."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

SourceTypeName = Literal[
    "producer_equity",
    "deferment",
    "cnc_automatic",
    "avance_sur_recettes",
    "cnc_selective",
    "regional_fund",
    "sofica",
    "tv_presale",
    "coproduction",
    "distributor_mg",
    "sales_mg",
    "eurimages",
    "supranational_fund",
    "crowdfunding",
    "sponsorship",
    "product_placement",
    "tax_credit",
    "bank_loan",
    "gap_financing",
    "other",
]
StatusName = Literal["idea", "approached", "applied", "committed", "contracted", "received"]
AMOUNT = r"^-?\d{1,14}(\.\d{1,2})?$"


class PlanOut(Schema):
    id: int
    name: str
    budget_version_id: int
    currency: str
    country: str
    kind: str
    start: dt.date
    sources: int = Field(description="How many sources the plan has.")
    version: int = Field(description="For optimistic concurrency on the plan's settings.")
    updated_at: dt.datetime


class SourceOut(Schema):
    id: int
    engine_id: str = Field(description="The source's id in the plan's JSON and in `without` (`s12`).")
    type: SourceTypeName
    partner: str
    amount: str | None = Field(description="Empty for a tax credit the engine computes from the budget.")
    currency: str
    status: StatusName
    secured: bool
    expected_date: dt.date | None
    country: str
    version: int


class SourceIn(Schema):
    type: SourceTypeName
    partner: str = Field(max_length=200)
    amount: str | None = Field(None, pattern=AMOUNT, description="Leave out for a computed tax credit.")
    currency: str = Field("", max_length=3, description="By default the plan's currency.")
    status: StatusName = "idea"
    expected_date: dt.date | None = None
    is_public: bool | None = Field(None, description="Leave out: as its type says.")
    country: str = Field("", max_length=2, description="The partner's country, for a foreign partner.")
    rights_share: str | None = Field(None, pattern=r"^\d{1,3}(\.\d{1,2})?$", description="A co-producer's %.")
    credit: Literal["", "cic", "cia", "c2i"] = ""
    conditions: str = ""
    notes: str = ""


class SourceEditIn(Schema):
    version: int = Field(description="The source version the change is based on; a stale one gets 409.")
    status: StatusName | None = None
    amount: str | None = Field(
        None, pattern=AMOUNT, description="null: a tax credit computed from the budget."
    )
    expected_date: dt.date | None = None


class CheckFilters(Schema):
    without: list[str] = Field(
        default_factory=list, description="Engine ids of the sources said no (`s12`); repeat the parameter."
    )
