"""Reads of productions, always scoped to the person asking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import (
    Case,
    Count,
    Expression,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

if TYPE_CHECKING:
    from clapboard.accounts.models import User


def role_on_production(user: User) -> Expression:
    """The user's role on the production of each row, as an annotation.

    Superusers act as producers of productions they are not on. ``order_by()`` drops the
    member model's default ordering, whose joins would run once per row.
    """
    from .models import ProductionMember
    from .roles import Role

    role: Expression = Subquery(
        ProductionMember.objects.filter(production=OuterRef("pk"), user=user).order_by().values("role")[:1]
    )
    if user.is_superuser:
        role = Coalesce(role, Value(Role.PRODUCER.value))
    return role


class ProductionQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: User) -> ProductionQuerySet:
        """Productions the user is a member of (superusers see everything)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(members__user=user)

    def with_role(self, user: User) -> ProductionQuerySet:
        """Annotate ``member_role``: the user's role on each production."""
        return self.annotate(member_role=role_on_production(user))

    def visible_with_role(self, user: User) -> ProductionQuerySet:
        """``visible_to(user)`` annotated with ``member_role``.

        A member's role is read from the membership row that makes each production
        visible, in the same join, instead of a subquery per row.
        """
        if not user.is_authenticated or user.is_superuser:
            return self.visible_to(user).with_role(user)
        return self.filter(members__user=user).annotate(member_role=F("members__role"))

    def list_for(self, user: User) -> ProductionQuerySet:
        """What the production list shows: ``visible_with_role`` and ``team_size``.

        The team is counted on a second join of the members (``FilteredRelation`` keeps it
        apart from the one ``visible_with_role`` narrows to the user), grouped once,
        instead of a count per row.
        """
        return self.visible_with_role(user).annotate(
            team=FilteredRelation("members"), team_size=Count("team")
        )

    def matching(
        self, *, text: str = "", phase: str = "", company_id: int | None = None
    ) -> ProductionQuerySet:
        """Filter a list by words of its titles, by phase and by company; blank filters are ignored."""
        queryset = self
        for word in text.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(working_title__icontains=word)
                | Q(international_title__icontains=word)
            )
        if phase:
            queryset = queryset.filter(phase=phase)
        if company_id:
            queryset = queryset.filter(company_id=company_id)
        return queryset


class ProductionMemberQuerySet(models.QuerySet[Any]):
    def in_team_order(self) -> ProductionMemberQuerySet:
        """Producers first, then down the roles as a call sheet lists them, then by name."""
        from .roles import TEAM_ORDER

        rank = Case(
            *(When(role=role, then=Value(position)) for role, position in TEAM_ORDER.items()),
            default=Value(len(TEAM_ORDER)),
            output_field=IntegerField(),
        )
        return self.order_by(rank, "user__full_name", "user__username")
