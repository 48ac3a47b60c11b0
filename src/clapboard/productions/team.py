"""The dashboard's team card: who is on the production, in team order, and how many per role.

Read as plain values and ordered here rather than in SQL: the dashboard shows a handful of
names but counts everyone, and the ordering expression over every role cost more to
build than the rows themselves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from clapboard.accounts.models import DISPLAY_NAME_FIELDS, name_to_display
from clapboard.core.choices import translated_choices

from .models import Production
from .roles import TEAM_ORDER, Role


class TeamEntry(NamedTuple):
    name: str
    role: str  # translated label
    department: str

    @property
    def initial(self) -> str:
        return self.name[:1].upper()


@dataclass(frozen=True)
class TeamCard:
    members: list[TeamEntry]  # the first ones, in team order
    size: int
    role_counts: list[tuple[str, int]]  # (role label, members), by label

    @property
    def more(self) -> int:
        """Members not shown."""
        return self.size - len(self.members)


def team_card(production: Production, *, shown: int = 8) -> TeamCard:
    """The first ``shown`` members in the order of ``in_team_order``, and counts of everyone."""
    labels = translated_choices(Role)
    people = production.members.order_by().values_list(
        "role", "department", *(f"user__{name}" for name in DISPLAY_NAME_FIELDS)
    )
    ranked = sorted(
        (
            (TEAM_ORDER.get(role, len(TEAM_ORDER)), full_name, username),
            TeamEntry(name_to_display(full_name, first, last, username), labels.get(role, role), department),
        )
        for role, department, full_name, first, last, username in people
    )
    members = [entry for _key, entry in ranked]
    return TeamCard(
        members=members[:shown],
        size=len(members),
        role_counts=sorted(Counter(entry.role for entry in members).items()),
    )
