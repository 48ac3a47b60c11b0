"""The phase timeline of the dashboard: the seven lifecycle phases and the milestones of each.

``timeline_html`` writes it in Python rather than in a template: it is on the page
opened most after the list, and its nested loops were a good part of that page's time
(the reason of ``schedules/rows.py``). Every value is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import NamedTuple

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from clapboard.core.choices import translated_choices
from clapboard.core.templatetags.clapboard import short_date

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


class Milestone(NamedTuple):
    """A key date as pages show it."""

    label: str  # its own label, else its kind, translated
    iso: str
    date: str  # in the language's short format


def milestones(key_dates: Iterable[KeyDate]) -> list[Milestone]:
    kinds = translated_choices(KeyDate.Kind)
    return [
        Milestone(
            key_date.label or kinds.get(key_date.kind, key_date.kind),
            key_date.date.isoformat(),
            short_date(key_date.date),
        )
        for key_date in key_dates
    ]


def timeline_html(timeline: Timeline) -> SafeString:
    """The timeline as an ordered list of phases, each with its milestones, then the other dates."""
    steps = [_step_html(step, milestones(step.dates)) for step in timeline.steps]
    archived = " timeline--archived" if timeline.archived else ""
    label = escape(_("Phases of the production"))
    html = f'<ol class="timeline{archived}" aria-label="{label}">{"".join(steps)}</ol>'
    if timeline.archived:
        note = escape(_("This production is archived; the timeline shows the phase it left."))
        html += f'<p class="small muted">{note}</p>'
    if timeline.other_dates:
        heading = escape(_("Other dates:"))
        others = " · ".join(
            f"{escape(mark.label)} {_time(mark)}" for mark in milestones(timeline.other_dates)
        )
        html += f'<p class="timeline__others small"><span class="muted">{heading}</span> {others}</p>'
    return mark_safe(html)


def _time(mark: Milestone) -> str:
    return f'<time datetime="{mark.iso}">{mark.date}</time>'


def _step_html(step: TimelineStep, marks: list[Milestone]) -> str:
    current = step.state == "current"
    label = escape(step.label)
    if current:
        current_phase = escape(_("current phase"))
        label += f'<span class="visually-hidden"> ({current_phase})</span>'
    dates = "".join(f"<li><span>{escape(mark.label)}</span> {_time(mark)}</li>" for mark in marks)
    return (
        f'<li class="timeline__step timeline__step--{step.state} timeline__step--{step.phase.value}"'
        + (' aria-current="step">' if current else ">")
        + f'<span class="timeline__marker" aria-hidden="true">{"✓" if step.state == "done" else step.number}</span>'
        + f'<span class="timeline__label">{label}</span>'
        + (f'<ul class="timeline__dates">{dates}</ul>' if dates else "")
        + "</li>"
    )
