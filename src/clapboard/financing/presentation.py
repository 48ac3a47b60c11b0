"""What the plan page shows, worked out from the engine's result: key figures, the
sources grouped by status with their toggles, the charts' geometry (SVG attributes,
since the content security policy allows no inline style), the scenarios side by side.

Nothing here computes money: every amount comes from ``check_plan``; this module only
arranges it and scales it to pixels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from clapboard.engines.financing import CashFlow, PlanCheck, ScenarioResult, SourceLine, TaxCreditResult

from .calculation import ALL, Checked
from .models import Scenario, Source, SourceStatus, SourceType

HUNDRED = Decimal(100)
ZERO = Decimal(0)


def _svg(value: Decimal | float) -> str:
    """A coordinate for an SVG attribute, always with a dot, whatever the language."""
    return f"{float(value):.1f}"


def _width(part: Decimal, whole: Decimal) -> str:
    if whole <= 0 or part <= 0:
        return "0"
    return _svg(min(HUNDRED, part * HUNDRED / whole))


def query(without: tuple[str, ...], scenario: str = "") -> str:
    params: list[tuple[str, str]] = [("without", item) for item in without]
    if scenario and scenario != ALL:
        params.append(("scenario", scenario))
    return "?" + urlencode(params) if params else "?"


@dataclass
class Row:
    """A source row of the table: the stored row, as the scenario counts it."""

    source: Source | None
    line: SourceLine | None
    declined: bool
    toggle_query: str = ""

    @property
    def partner(self) -> str:
        return self.source.partner if self.source is not None else (self.line.partner if self.line else "")


@dataclass
class StatusGroup:
    status: str
    label: str
    rows: list[Row]
    total: Decimal
    secured: bool


@dataclass
class Bar:
    label: str
    amount: Decimal
    width: str
    css: str = ""


@dataclass
class Segment:
    css: str
    x: str
    width: str
    label: str
    amount: Decimal


@dataclass
class CashBar:
    label: str
    x: str
    y: str
    width: str
    height: str
    negative: bool
    position: Decimal
    tick: bool


@dataclass
class CashChart:
    width: int
    height: int
    zero_y: str
    bars: list[CashBar]
    top_label: Decimal
    bottom_label: Decimal
    label_y: str
    ticks: list[tuple[str, str]] = field(default_factory=list)


def status_groups(checked: Checked, scenario: ScenarioResult, scenario_param: str) -> list[StatusGroup]:
    lines = {line.id: line for line in scenario.sources}
    declined = set(checked.without)
    by_status: dict[str, list[Row]] = {status: [] for status in SourceStatus.values}
    for source in checked.rows.sources:
        engine_id = source.engine_id
        toggled = tuple(item for item in checked.without if item != engine_id)
        if engine_id not in declined:
            toggled = (*checked.without, engine_id)
        row = Row(source, lines.get(engine_id), engine_id in declined, query(toggled, scenario_param))
        by_status[source.status].append(row)
    for line in scenario.sources:
        if line.added:
            by_status[line.status].append(Row(None, line, False))
    labels = dict(SourceStatus.choices)
    groups = []
    for status in reversed(SourceStatus.values):
        rows = by_status[status]
        if rows:
            total = sum((row.line.amount for row in rows if row.line is not None), ZERO)
            groups.append(
                StatusGroup(
                    status,
                    str(labels[status]),
                    rows,
                    total,
                    status in ("committed", "contracted", "received"),
                )
            )
    return groups


def coverage_bar(scenario: ScenarioResult) -> list[Segment]:
    """Secured, hoped and the gap, as three segments of one bar (out of 100)."""
    coverage = scenario.coverage
    whole = max(coverage.budget, coverage.total)
    segments = []
    x = ZERO
    for css, label, amount in (
        ("secured", _("Secured"), coverage.secured),
        ("hoped", _("Hoped"), coverage.hoped),
        ("gap", pgettext("financing", "Gap"), coverage.gap),
    ):
        width = amount * HUNDRED / whole if whole > 0 and amount > 0 else ZERO
        segments.append(Segment(css, _svg(x), _svg(width), str(label), amount))
        x += width
    return segments


def bars_by_status(scenario: ScenarioResult) -> list[Bar]:
    labels = dict(SourceStatus.choices)
    budget = scenario.coverage.budget
    return [
        Bar(str(labels[status]), amount, _width(amount, budget), status)
        for status, amount in scenario.coverage.by_status.items()
        if amount
    ]


def bars_by_type(scenario: ScenarioResult) -> list[Bar]:
    labels = dict(SourceType.choices)
    budget = scenario.coverage.budget
    items = sorted(scenario.coverage.by_type.items(), key=lambda item: -item[1])
    return [
        Bar(str(labels.get(kind, kind)), amount, _width(amount, budget), kind)
        for kind, amount in items
        if amount
    ]


def public_amount(scenario: ScenarioResult) -> Decimal:
    return sum((line.amount for line in scenario.sources if line.public), ZERO)


def tax_credit_amount(scenario: ScenarioResult) -> Decimal:
    return sum((credit.amount for credit in scenario.tax_credits), ZERO)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    if whole <= 0:
        return ZERO
    return (part * HUNDRED / whole).quantize(Decimal("0.1"))


@dataclass
class ScenarioColumn:
    result: ScenarioResult
    without: list[str]
    public: Decimal
    public_share: Decimal
    credit: Decimal
    problems: int
    unverified: int
    peak_bridge: Decimal | None
    interest: Decimal | None
    query: str
    model: Scenario | None


def scenario_columns(checked: Checked, result: PlanCheck) -> list[ScenarioColumn]:
    models = {scenario.engine_id: scenario for scenario in checked.rows.scenarios}
    columns = []
    for scenario in result.scenarios:
        model = models.get(scenario.id)
        public = public_amount(scenario)
        flow = scenario.cash_flow
        columns.append(
            ScenarioColumn(
                result=scenario,
                without=[source.partner for source in model.without.all()] if model is not None else [],
                public=public,
                public_share=percent(public, scenario.coverage.budget),
                credit=tax_credit_amount(scenario),
                problems=sum(1 for rule in scenario.rules if rule.status in ("over", "fail")),
                unverified=sum(1 for rule in scenario.rules if rule.warnings),
                peak_bridge=flow.peak_bridge if flow else None,
                interest=flow.total_interest if flow else None,
                query=query(checked.without, scenario.id),
                model=model,
            )
        )
    return columns


def cash_chart(flow: CashFlow, *, width: int = 760, height: int = 220) -> CashChart | None:
    """The cumulative position per period, as bars above and below the zero line."""
    periods = flow.periods
    if not periods:
        return None
    top = max([ZERO, *(period.position for period in periods)])
    bottom = min([ZERO, *(period.position for period in periods)])
    span = top - bottom or Decimal(1)
    plot = Decimal(height - 24)
    scale = plot / span
    zero_y = top * scale + 4
    slot = Decimal(width) / len(periods)
    gap = min(slot * Decimal("0.2"), Decimal(6))
    every = max(1, len(periods) // 12 + (1 if len(periods) % 12 else 0)) if len(periods) > 12 else 1
    bars = []
    ticks = []
    for index, period in enumerate(periods):
        x = slot * index + gap / 2
        size = abs(period.position) * scale
        y = zero_y - size if period.position >= 0 else zero_y
        tick = index % every == 0
        bars.append(
            CashBar(
                label=period.label,
                x=_svg(x),
                y=_svg(y),
                width=_svg(slot - gap),
                height=_svg(max(size, Decimal("0.5"))),
                negative=period.position < 0,
                position=period.position,
                tick=tick,
            )
        )
        if tick:
            ticks.append((_svg(x + (slot - gap) / 2), period.label))
    return CashChart(
        width=width,
        height=height,
        zero_y=_svg(zero_y),
        bars=bars,
        top_label=top,
        bottom_label=bottom,
        label_y=_svg(height - 4),
        ticks=ticks,
    )


def category_labels() -> dict[str, str]:
    return {
        "authors": _("Authors"),
        "performers": _("Performers"),
        "crew": _("Crew"),
        "technical_industries": _("Technical industries"),
        "transport_catering_lodging": _("Transport, catering, lodging"),
        "depreciation": _("Depreciation"),
        "not_eligible": _("Not eligible"),
    }


@dataclass
class CreditView:
    result: TaxCreditResult
    categories: list[tuple[str, Decimal]]


def credit_views(scenario: ScenarioResult) -> list[CreditView]:
    labels = category_labels()
    return [
        CreditView(result, [(labels.get(name, name), amount) for name, amount in result.categories.items()])
        for result in scenario.tax_credits
    ]
