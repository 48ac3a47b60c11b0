"""The CP-SAT model of a shooting plan: which scene goes on which day.

Variables (d a day of the calendar, s a scene, c a cast member, l a location):

* ``x[s, d]``: scene s is shot on day d; exactly one day per scene. In the solving model a
  scene only has variables for the days its cast, location, fixed or earliest/latest day
  and the maximum number of days allow; in the explaining model it has one for every day
  and those rules become constraints that can be switched off (see ``Rules``).
* ``used[d]``: day d is part of the shoot. The shoot is the first days of the calendar, so
  ``used[d] >= used[d + 1]``; this is the model (a shoot is continuous) and breaks the
  symmetry of empty days at the same time. ``x[s, d] <= used[d]``.
* Day totals: minutes and eighths per day under the limits; a child's minutes per day
  under their own limit.
* ``before[c, d]`` and ``after[c, d]``: day d is before c's first day, after c's last day.
  Both are monotone, and ``on[c, d] = 1 - before - after`` is c's contract (work and hold
  days); ``on[c, d] >= x[s, d]`` for c's scenes. The cast term is ``rate * sum(on)``. This
  linear form keeps the relaxation tight (an actor's span is at least their work days).
* ``night[d]``, ``day_side[d]``, ``at[l, d]``: the day holds a night scene, a day-side
  scene, a scene at l; each is exactly the "or" of its scenes (at least each, at most
  their sum), because the rest rule and the switch count read them both ways.
* Company moves on day d: ``moves[d] >= sum_l at[l, d] - 1``. Location change between d and
  d + 1: ``change[d] >= used[d + 1] - sum_l stay[l, d]`` with ``stay <= at[l, d]``,
  ``stay <= at[l, d + 1]``: a change unless some location is on both days.
* Split day: ``split[d] >= night[d] + day_side[d] - 1``. Switch between d and d + 1:
  ``switch[d] >= night[d + 1] - night[d]`` and ``>= night[d] - night[d + 1] - (1 - used[d + 1])``.
* Rest: for consecutive days, every combination of "d wraps late / early" and "d + 1 calls
  early / late" that leaves less than the minimum rest (``RestRules``) is forbidden by a
  clause.
* Same-day groups: ``x[first, d] == x[s, d]`` for the group's other scenes. Consecutive-day
  groups: the group's days (an "or" of its scenes) are exactly the days between two
  monotone before/after indicators, i.e. an unbroken run.

All terms are whole cents; each count is at least what ``evaluate.py`` counts and equals it
at the optimum, so the solver's bound is a bound on the evaluated cost. Redundant bounds
(the fewest days the minutes need, in all and per cast member and location) help the
search prove it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from clapboard.engines.schedule.planning.bounds import cast_minimum_days, days_needed, minimum_days
from clapboard.engines.schedule.planning.model import GroupKind
from clapboard.engines.schedule.planning.validate import IndexedProblem, format_eighths, hours

Literal = cp_model.IntVar
_HINT_SECONDS = 2.0  # to complete a hint: the scenes' days fixed, the rest follows


@dataclass(slots=True)
class Rules:
    """The switchable hard rules of an explaining model: one literal per rule instance.

    When ``explaining`` is off, every rule is simply enforced and nothing is recorded.
    """

    model: cp_model.CpModel
    explaining: bool
    literals: list[Literal] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)

    def switch(self, description: str) -> list[Literal]:
        """The enforcement literals for a rule: one new literal when explaining, none otherwise."""
        if not self.explaining:
            return []
        literal = self.model.new_bool_var(f"rule_{len(self.literals)}")
        self.literals.append(literal)
        self.descriptions.append(description)
        return [literal]


@dataclass(slots=True)
class PlanningModel:
    indexed: IndexedProblem
    model: cp_model.CpModel
    horizon: int
    x: dict[tuple[int, int], Literal]
    used: list[Literal]
    rules: Rules

    def days_of(self, scene: int) -> list[int]:
        return [d for d in range(self.horizon) if (scene, d) in self.x]

    def hint(self, days: Sequence[Sequence[int]], model: cp_model.CpModel | None = None) -> None:
        """Suggest an assignment (scene positions per day), such as the greedy plan, to ``model``
        (this model, or a copy of it with another objective).

        The hint is completed: with the scenes' days fixed, a short solve sets every other
        variable (spans, locations per day, moves…), because CP-SAT often loses a hint that
        gives only the days. When that fails (the plan breaks a rule), only the days are hinted.
        """
        target = self.model if model is None else model
        values = self._completed(days)
        if values is not None:
            for index, value in enumerate(values):
                target.add_hint(target.get_int_var_from_proto_index(index), value)
            return
        for var, value in self._decisions(days):
            target.add_hint(target.get_bool_var_from_proto_index(var.index), value)

    def _decisions(self, days: Sequence[Sequence[int]]) -> list[tuple[Literal, bool]]:
        day_of = {s: d for d, day in enumerate(days) for s in day}
        decisions = [(var, day_of.get(s) == d) for (s, d), var in self.x.items()]
        decisions += [(var, d < len(days)) for d, var in enumerate(self.used)]
        return decisions

    def _completed(self, days: Sequence[Sequence[int]]) -> list[int] | None:
        fixed = self.model.clone()
        for var, value in self._decisions(days):
            fixed.add(fixed.get_bool_var_from_proto_index(var.index) == int(value))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = _HINT_SECONDS
        solver.parameters.num_workers = 1
        solver.parameters.cp_model_presolve = False  # every decision is fixed: propagation is enough
        if solver.solve(fixed) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        count = len(fixed.proto.variables)
        return [solver.value(fixed.get_int_var_from_proto_index(index)) for index in range(count)]

    def assignment(self, value: cp_model.CpSolverSolutionCallback | cp_model.CpSolver) -> list[list[int]]:
        """The scenes of each shooting day (positions, by scene order) in a solution."""
        length = sum(1 for var in self.used if value.boolean_value(var))
        days: list[list[int]] = [[] for _ in range(length)]
        for (s, d), var in self.x.items():
            if d < length and value.boolean_value(var):
                days[d].append(s)
        return days


def build_model(indexed: IndexedProblem, *, explaining: bool = False) -> PlanningModel:
    """The solving model (with its objective), or the explaining model (rules as literals, no objective)."""
    model = cp_model.CpModel()
    rules = Rules(model, explaining)
    horizon = indexed.day_count if explaining else indexed.shoot_length
    x = {
        (s, d): model.new_bool_var(f"x_{s}_{d}")
        for s in range(indexed.scene_count)
        for d in (range(horizon) if explaining else sorted(indexed.allowed_days(s)))
    }
    used = [model.new_bool_var(f"used_{d}") for d in range(horizon)]
    built = PlanningModel(indexed, model, horizon, x, used, rules)
    _add_days(built)
    if explaining:
        _add_day_rules(built)
    _add_day_limits(built)
    _add_groups(built)
    night, day_side = _add_day_parts(built)
    _add_rest(built, night, day_side)
    if not explaining:
        _add_objective(built, night, day_side)
        _add_redundant_bounds(built)
    return built


def _scenes_on(built: PlanningModel, scenes: Sequence[int], day: int) -> list[Literal]:
    return [built.x[s, day] for s in scenes if (s, day) in built.x]


def _any_of(built: PlanningModel, literals: Sequence[Literal], name: str) -> Literal:
    """A literal that is exactly the "or" of ``literals`` (false when there are none)."""
    indicator = built.model.new_bool_var(name)
    if not literals:
        built.model.add(indicator == 0)
        return indicator
    for literal in literals:
        built.model.add_implication(literal, indicator)
    built.model.add(indicator <= sum(literals))
    return indicator


def _add_days(built: PlanningModel) -> None:
    model = built.model
    for s in range(built.indexed.scene_count):
        model.add_exactly_one(built.x[s, d] for d in built.days_of(s))
    for (_, d), var in built.x.items():
        model.add_implication(var, built.used[d])
    if built.used:
        model.add(built.used[0] == 1)
    for earlier, later in itertools.pairwise(built.used):
        model.add_implication(later, earlier)


def _add_day_rules(built: PlanningModel) -> None:
    """Explaining only: the rules the solving model builds in by leaving variables out."""
    indexed, model = built.indexed, built.model
    problem = indexed.problem
    limit = problem.limits.max_shooting_days
    if limit is not None and limit < built.horizon:
        model.add(built.used[limit] == 0).only_enforce_if(
            built.rules.switch(f"the shoot lasts at most {limit} shooting days")
        )
    for c, days in enumerate(indexed.cast_days):
        if days is not None:
            _forbid_days(
                built,
                indexed.cast_scenes[c],
                days,
                f"{problem.cast[c].name} is available only on {indexed.days_label(days)}",
            )
    for place, days in enumerate(indexed.location_days):
        if days is not None:
            name = problem.locations[place].name
            _forbid_days(
                built,
                indexed.location_scenes[place],
                days,
                f"{name} is available only on {indexed.days_label(days)}",
            )
    for s in range(indexed.scene_count):
        scene_id = indexed.scene_id(s)
        if (fixed := indexed.fixed_day[s]) is not None:
            _forbid_days(
                built, [s], frozenset({fixed}), f"scene {scene_id} is fixed on {indexed.day_label(fixed)}"
            )
        first, last = indexed.earliest[s], indexed.latest[s]
        if first is not None or last is not None:
            allowed = frozenset(
                d
                for d in range(built.horizon)
                if (first is None or d >= first) and (last is None or d <= last)
            )
            _forbid_days(built, [s], allowed, f"scene {scene_id} {_window_words(indexed, first, last)}")


def _window_words(indexed: IndexedProblem, first: int | None, last: int | None) -> str:
    if first is not None and last is not None:
        return f"is shot between {indexed.day_label(first)} and {indexed.day_label(last)}"
    if first is not None:
        return f"is shot on {indexed.day_label(first)} or later"
    assert last is not None
    return f"is shot on {indexed.day_label(last)} or earlier"


def _forbid_days(
    built: PlanningModel, scenes: Sequence[int], allowed: frozenset[int], description: str
) -> None:
    enforce = built.rules.switch(description)
    for s in scenes:
        for d in range(built.horizon):
            if d not in allowed and (s, d) in built.x:
                built.model.add(built.x[s, d] == 0).only_enforce_if(enforce)


def _add_day_limits(built: PlanningModel) -> None:
    indexed, model = built.indexed, built.model
    limits = indexed.problem.limits
    every_scene = range(indexed.scene_count)
    if limits.max_minutes_per_day is not None:
        enforce = built.rules.switch(f"a shooting day lasts at most {hours(limits.max_minutes_per_day)}")
        for d in range(built.horizon):
            model.add(
                sum(indexed.minutes[s] * built.x[s, d] for s in every_scene if (s, d) in built.x)
                <= limits.max_minutes_per_day
            ).only_enforce_if(enforce)
    if limits.max_eighths_per_day is not None:
        enforce = built.rules.switch(
            f"a shooting day holds at most {format_eighths(limits.max_eighths_per_day)}"
        )
        for d in range(built.horizon):
            model.add(
                sum(indexed.eighths[s] * built.x[s, d] for s in every_scene if (s, d) in built.x)
                <= limits.max_eighths_per_day
            ).only_enforce_if(enforce)
    for c, member in enumerate(indexed.problem.cast):
        if member.max_minutes_per_day is None:
            continue
        who = f"{member.name} (a child)" if member.is_child else member.name
        enforce = built.rules.switch(f"{who} works at most {hours(member.max_minutes_per_day)} a day")
        for d in range(built.horizon):
            scenes = [s for s in indexed.cast_scenes[c] if (s, d) in built.x]
            if scenes:
                model.add(
                    sum(indexed.minutes[s] * built.x[s, d] for s in scenes) <= member.max_minutes_per_day
                ).only_enforce_if(enforce)


def _add_groups(built: PlanningModel) -> None:
    indexed, model = built.indexed, built.model
    for number, (kind, scenes) in enumerate(indexed.groups):
        names = _list_words([indexed.scene_id(s) for s in scenes])
        if kind is GroupKind.SAME_DAY:
            enforce = built.rules.switch(f"scenes {names} are shot on the same day")
            first, others = scenes[0], scenes[1:]
            for d in range(built.horizon):
                for s in others:
                    _add_equal(built, (first, d), (s, d), enforce)
        else:
            enforce = built.rules.switch(f"scenes {names} are shot on consecutive days")
            on_day = [
                _any_of(built, _scenes_on(built, scenes, d), f"group_{number}_{d}")
                for d in range(built.horizon)
            ]
            before, after = _run_bounds(built, f"group_{number}")
            for d, var in enumerate(on_day):
                model.add(var + before[d] + after[d] == 1).only_enforce_if(enforce)


def _add_equal(
    built: PlanningModel, one: tuple[int, int], other: tuple[int, int], enforce: list[Literal]
) -> None:
    """``x[one] == x[other]``, where a missing variable (a day the scene cannot take) is 0."""
    first, second = built.x.get(one), built.x.get(other)
    if first is not None and second is not None:
        built.model.add(first == second).only_enforce_if(enforce)
    elif first is not None or second is not None:
        present = first if first is not None else second
        assert present is not None
        built.model.add(present == 0).only_enforce_if(enforce)


def _run_bounds(built: PlanningModel, name: str) -> tuple[list[Literal], list[Literal]]:
    """Monotone "before the run" and "after the run" indicators over the days; the days
    that are neither form one unbroken run."""
    model = built.model
    before = [model.new_bool_var(f"{name}_before_{d}") for d in range(built.horizon)]
    after = [model.new_bool_var(f"{name}_after_{d}") for d in range(built.horizon)]
    for d in range(built.horizon - 1):
        model.add_implication(before[d + 1], before[d])
        model.add_implication(after[d], after[d + 1])
    for d in range(built.horizon):
        model.add_bool_or([before[d].Not(), after[d].Not()])
    return before, after


def _list_words(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _add_day_parts(built: PlanningModel) -> tuple[list[Literal], list[Literal]]:
    indexed = built.indexed
    nights = [s for s in range(indexed.scene_count) if indexed.is_night[s]]
    days = [s for s in range(indexed.scene_count) if not indexed.is_night[s]]
    night = [_any_of(built, _scenes_on(built, nights, d), f"night_{d}") for d in range(built.horizon)]
    day_side = [_any_of(built, _scenes_on(built, days, d), f"day_side_{d}") for d in range(built.horizon)]
    return night, day_side


def _add_rest(built: PlanningModel, night: list[Literal], day_side: list[Literal]) -> None:
    indexed, model = built.indexed, built.model
    rest = indexed.problem.rest
    for d in range(built.horizon - 1):
        gap = indexed.problem.calendar.gap_after(d)
        forbidden = [
            (late, early)
            for late, early in itertools.product((True, False), repeat=2)
            if not rest.is_allowed(gap=gap, wraps_late=late, calls_early=early)
        ]
        if not forbidden:
            continue
        enforce = built.rules.switch(_rest_words(indexed, d, forbidden))
        for late, early in forbidden:
            # The day wraps late (a night scene) or early (used, no night scene); the next
            # day calls early (a day-side scene) or late (a night scene and no day-side one).
            wrap = [night[d]] if late else [built.used[d], night[d].Not()]
            call = [day_side[d + 1]] if early else [night[d + 1], day_side[d + 1].Not()]
            model.add_bool_or([literal.Not() for literal in wrap + call]).only_enforce_if(enforce)


def _rest_words(indexed: IndexedProblem, day: int, forbidden: Sequence[tuple[bool, bool]]) -> str:
    rest = indexed.problem.rest
    first, second = indexed.day_label(day), indexed.day_label(day + 1)
    if list(forbidden) == [(True, True)]:
        return (
            f"{hours(rest.min_rest_minutes)} of rest after a night: a night scene on {first} "
            f"rules out a day call on {second}"
        )
    return f"{hours(rest.min_rest_minutes)} of rest between {first} and {second}"


def _add_objective(built: PlanningModel, night: list[Literal], day_side: list[Literal]) -> None:
    indexed, model = built.indexed, built.model
    problem = indexed.problem
    weights = problem.weights
    horizon = built.horizon
    terms: list[cp_model.LinearExprT] = []
    for c, member in enumerate(problem.cast):
        if not indexed.cast_scenes[c]:
            continue
        before, after = _run_bounds(built, f"cast_{c}")
        for d in range(horizon):
            for s in indexed.cast_scenes[c]:
                if (s, d) in built.x:
                    model.add_bool_or([built.x[s, d].Not(), before[d].Not()])
                    model.add_bool_or([built.x[s, d].Not(), after[d].Not()])
        on_days = horizon - sum(before) - sum(after)
        model.add(on_days >= cast_minimum_days(indexed, c))
        terms.append(member.daily_rate * on_days)
    at = [
        [
            _any_of(built, _scenes_on(built, indexed.location_scenes[place], d), f"at_{place}_{d}")
            for d in range(horizon)
        ]
        for place in range(len(problem.locations))
    ]
    for place, days in enumerate(at):
        minutes = sum(indexed.minutes[s] for s in indexed.location_scenes[place])
        model.add(sum(days) >= days_needed(minutes, problem.limits.max_minutes_per_day))
    terms.append(weights.shooting_day * sum(built.used))
    terms.append(weights.company_move * _company_moves(built, at))
    terms.append(weights.location_change * _location_changes(built, at))
    terms.append(weights.split_day * _split_days(built, night, day_side))
    terms.append(weights.day_night_switch * _switches(built, night))
    model.minimize(sum(terms))


def _company_moves(built: PlanningModel, at: list[list[Literal]]) -> cp_model.LinearExprT:
    moves = []
    for d in range(built.horizon):
        places = [days[d] for days in at]
        count = built.model.new_int_var(0, max(len(places) - 1, 0), f"moves_{d}")
        built.model.add(count >= sum(places) - 1)
        moves.append(count)
    return sum(moves)


def _location_changes(built: PlanningModel, at: list[list[Literal]]) -> cp_model.LinearExprT:
    model = built.model
    changes = []
    for d in range(built.horizon - 1):
        stays = []
        for place, days in enumerate(at):
            stay = model.new_bool_var(f"stay_{place}_{d}")
            model.add_implication(stay, days[d])
            model.add_implication(stay, days[d + 1])
            stays.append(stay)
        change = model.new_bool_var(f"change_{d}")
        model.add(change >= built.used[d + 1] - sum(stays))
        changes.append(change)
    return sum(changes)


def _split_days(built: PlanningModel, night: list[Literal], day_side: list[Literal]) -> cp_model.LinearExprT:
    splits = []
    for d in range(built.horizon):
        split = built.model.new_bool_var(f"split_{d}")
        built.model.add_bool_or([night[d].Not(), day_side[d].Not(), split])
        splits.append(split)
    return sum(splits)


def _switches(built: PlanningModel, night: list[Literal]) -> cp_model.LinearExprT:
    model = built.model
    switches = []
    for d in range(built.horizon - 1):
        switch = model.new_bool_var(f"switch_{d}")
        model.add(switch >= night[d + 1] - night[d])
        model.add(switch >= night[d] - night[d + 1] - (1 - built.used[d + 1]))
        switches.append(switch)
    return sum(switches)


def _add_redundant_bounds(built: PlanningModel) -> None:
    built.model.add(sum(built.used) >= minimum_days(built.indexed))
