"""The phase timeline of the dashboard: the seven lifecycle phases and the milestones of each."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import KeyDate, Production
from .phases import LIFECYCLE, Phase

#: The phase a standard milestone belongs to.
MILESTONE_PHASE: dict[str, Phase] = {
    KeyDate.Kind.DEVELOPMENT_START: Phase.DEVELOPMENT,
    KeyDate.Kind.FINANCING_CLOSE: Phase.FINANCING,
    KeyDate.Kind.PREP_START: Phase.PRE_PRODUCTION,
    KeyDate.Kind.SHOOT_START: Phase.SHOOTING,
    KeyDate.Kind.SHOOT_END: Phase.SHOOTING,
    KeyDate.Kind.PICTURE_LOCK: Phase.POST_PRODUCTION,
    KeyDate.Kind.DELIVERY: Phase.POST_PRODUCTION,
    KeyDate.Kind.RELEASE: Phase.DISTRIBUTION,
}


@dataclass
class TimelineStep:
    phase: Phase
    number: int
    state: str  # "done", "current" or "upcoming"
    dates: list[KeyDate] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.phase.label)


@dataclass
class Timeline:
    steps: list[TimelineStep]
    other_dates: list[KeyDate]
    archived: bool


def phase_timeline(production: Production, key_dates: Iterable[KeyDate]) -> Timeline:
    """Where the production stands in its life; an archived one shows the phase it left."""
    archived = production.phase == Phase.ARCHIVED
    reference = production.phase_before_archive if archived else production.phase
    current = (
        LIFECYCLE.index(Phase(reference)) if reference in Phase.values and reference != Phase.ARCHIVED else 0
    )
    steps = []
    for index, phase in enumerate(LIFECYCLE):
        if index < current:
            state = "done"
        elif index == current:
            state = "current"
        else:
            state = "upcoming"
        steps.append(TimelineStep(phase=phase, number=index + 1, state=state))
    by_phase = {step.phase: step for step in steps}
    others = []
    for key_date in key_dates:
        phase = MILESTONE_PHASE.get(key_date.kind)
        if phase is None:
            others.append(key_date)
        else:
            by_phase[phase].dates.append(key_date)
    return Timeline(steps=steps, other_dates=others, archived=archived)
