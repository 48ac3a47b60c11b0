"""The life of a production: its phases and which moves between them are allowed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    DEVELOPMENT = "development", _("Development")
    FINANCING = "financing", _("Financing")
    PRE_PRODUCTION = "pre_production", _("Pre-production")
    SHOOTING = "shooting", _("Shooting")
    POST_PRODUCTION = "post_production", _("Post-production")
    DISTRIBUTION = "distribution", _("Distribution")
    EXPLOITATION = "exploitation", _("Exploitation")
    ARCHIVED = "archived", _("Archived")


LIFECYCLE: tuple[Phase, ...] = (
    Phase.DEVELOPMENT,
    Phase.FINANCING,
    Phase.PRE_PRODUCTION,
    Phase.SHOOTING,
    Phase.POST_PRODUCTION,
    Phase.DISTRIBUTION,
    Phase.EXPLOITATION,
)


def allowed_transitions(current: Phase, phase_before_archive: Phase | None = None) -> list[Phase]:
    """Phases reachable from ``current``.

    A production moves one step forward, or one step back (a financier pulls out, a
    shoot is postponed); it can be archived from any phase and comes back from the
    archive to the phase it left.
    """
    if current == Phase.ARCHIVED:
        return [phase_before_archive or Phase.DEVELOPMENT]
    index = LIFECYCLE.index(current)
    moves = []
    if index + 1 < len(LIFECYCLE):
        moves.append(LIFECYCLE[index + 1])
    if index > 0:
        moves.append(LIFECYCLE[index - 1])
    moves.append(Phase.ARCHIVED)
    return moves


def refusal_reason(current: Phase, target: Phase, phase_before_archive: Phase | None = None) -> str | None:
    """Why moving from ``current`` to ``target`` is refused, or None when it is allowed."""
    if target == current:
        return str(_("The production is already in this phase."))
    allowed = allowed_transitions(current, phase_before_archive)
    if target in allowed:
        return None
    names = ", ".join(str(phase.label) for phase in allowed)
    return str(
        _("A production in %(current)s can move only to: %(allowed)s (one step at a time).")
        % {"current": current.label, "allowed": names}
    )
