"""Two budget versions side by side, account by account, with the variance.

Reads the figures stored at each version's last calculation (two queries), so that a
comparison of large budgets costs no calculation. Accounts are matched by number; an
account only in one version shows zero in the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .models import Account, BudgetVersion

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ComparedAccount:
    number: str
    title: str
    chapter: str
    before: Decimal
    after: Decimal

    @property
    def variance(self) -> Decimal:
        return self.after - self.before

    @property
    def variance_percent(self) -> Decimal | None:
        if not self.before:
            return None
        return (self.variance * 100 / self.before).quantize(Decimal("0.1"))


@dataclass
class ComparedChapter:
    number: str
    title: str
    accounts: list[ComparedAccount] = field(default_factory=list)

    @property
    def before(self) -> Decimal:
        return sum((item.before for item in self.accounts), ZERO)

    @property
    def after(self) -> Decimal:
        return sum((item.after for item in self.accounts), ZERO)

    @property
    def variance(self) -> Decimal:
        return self.after - self.before


@dataclass(frozen=True)
class Comparison:
    before: BudgetVersion
    after: BudgetVersion
    chapters: list[ComparedChapter]

    @property
    def variance(self) -> Decimal:
        return self.after.grand_total - self.before.grand_total

    @property
    def changed_accounts(self) -> int:
        return sum(1 for chapter in self.chapters for item in chapter.accounts if item.variance)


def compare_versions(before: BudgetVersion, after: BudgetVersion) -> Comparison:
    rows = Account.objects.filter(budget_version__in=[before, after]).order_by(
        "budget_version_id", "position"
    )
    old = {row.number: row for row in rows if row.budget_version_id == before.pk}
    new = {row.number: row for row in rows if row.budget_version_id == after.pk}
    titles = {str(item["number"]): str(item["title"]) for item in after.settings.get("chapters", [])}
    titles.update(
        {
            k: v
            for k, v in ((str(i["number"]), str(i["title"])) for i in before.settings.get("chapters", []))
            if k not in titles
        }
    )
    chapters: dict[str, ComparedChapter] = {
        number: ComparedChapter(number, title) for number, title in titles.items()
    }
    for number in [*new, *(key for key in old if key not in new)]:
        row = new.get(number) or old[number]
        chapter = chapters.setdefault(row.chapter, ComparedChapter(row.chapter, row.chapter))
        chapter.accounts.append(
            ComparedAccount(
                number=number,
                title=row.title,
                chapter=row.chapter,
                before=old[number].total if number in old else ZERO,
                after=new[number].total if number in new else ZERO,
            )
        )
    return Comparison(before, after, [chapter for chapter in chapters.values() if chapter.accounts])
