"""Reads of productions, always scoped to the person asking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from clapboard.accounts.models import User


class ProductionQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: User) -> ProductionQuerySet:
        """Productions the user is a member of (superusers see everything)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(members__user=user)
