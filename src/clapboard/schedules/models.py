"""Shooting schedules: versions of a stripboard, their strips and the changes that undo.

A production keeps several schedules (versions, and one per unit). A ``Schedule`` is a
stripboard built from a script version, with its calendar settings; its ``Strip`` rows
are in shooting order (``position``): scenes, day breaks, banners, and the days on which
nothing is shot (day off, travel, rehearsal). Every change of the board bumps the
schedule's ``version`` and keeps the order it replaced as a ``ScheduleChange``, which
is what "undo" restores.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clapboard.core.models import VersionedModel


def monday_to_friday() -> list[int]:
    return [0, 1, 2, 3, 4]


class Schedule(VersionedModel):
    """One version of a production's shooting schedule, for one unit."""

    class Unit(models.TextChoices):
        MAIN = "main", _("Main unit")
        SECOND = "second", _("Second unit")

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="schedules"
    )
    name = models.CharField(_("name"), max_length=120)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.MAIN)
    script_version = models.ForeignKey(
        "scripts.ScriptVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("built from"),
    )
    start_date = models.DateField(_("first shooting day"), null=True, blank=True)
    weekdays = models.JSONField(_("working weekdays"), default=monday_to_friday)
    country = models.CharField(_("public holidays of"), max_length=24, default="FR")
    days_off = models.JSONField(_("days off"), default=list, blank=True)
    pages_per_day = models.DecimalField(_("pages per day"), max_digits=4, decimal_places=2)
    hours_per_day = models.DecimalField(_("hours per day"), max_digits=4, decimal_places=2, default=10)
    drop_and_pick_up = models.BooleanField(
        _("drop and pick up performers"),
        default=False,
        help_text=_(
            "Release a performer during a long gap between two work days instead of holding them, "
            "under the SAG-AFTRA drop-and-pick-up rule. French engagements have no such rule."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("schedule")

    def __str__(self) -> str:
        return self.name


class Strip(models.Model):
    """A strip of the board, in shooting order."""

    class Kind(models.TextChoices):
        SCENE = "scene", _("Scene")
        DAY_BREAK = "day_break", _("Day break")
        BANNER = "banner", _("Banner")
        DAY_OFF = "day_off", _("Day off")
        TRAVEL = "travel", _("Travel day")
        REHEARSAL = "rehearsal", _("Rehearsal day")

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="strips")
    position = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    scene = models.ForeignKey(
        "scripts.Scene", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(_("text"), max_length=200, blank=True)

    class Meta:
        # No unique (schedule, position): a reorder rewrites positions in one bulk update.
        ordering = ["schedule", "position", "id"]
        indexes = [models.Index(fields=["schedule", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="scene", scene__isnull=False) | ~models.Q(kind="scene"),
                name="schedules_scene_strip_has_scene",
            )
        ]
        verbose_name = _("strip")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position}"


class ScheduleChange(models.Model):
    """A change of a board that can be undone: the order before it, the strips it added
    (undo deletes them) and the strips it removed (undo puts them back)."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=40)
    previous_order = models.JSONField(default=list)
    added = models.JSONField(default=list)
    removed = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["schedule", "-id"]

    def __str__(self) -> str:
        return f"{self.action} ({self.schedule_id})"


class CallSheet(VersionedModel):
    """What the production tells everyone about one shooting day: when to come, where,
    and what to bring. Kept per shooting day number: the scenes and cast of the day come
    live from the board, the times and notes are stored here."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="call_sheets")
    day_number = models.PositiveIntegerField(_("shooting day"))
    general_call = models.TimeField(_("general call"), null=True, blank=True)
    shooting_call = models.TimeField(
        _("shooting call"), null=True, blank=True, help_text=_("Ready to shoot the first set-up.")
    )
    estimated_wrap = models.TimeField(_("estimated wrap"), null=True, blank=True)
    sunrise = models.TimeField(_("sunrise"), null=True, blank=True)
    sunset = models.TimeField(_("sunset"), null=True, blank=True)
    weather = models.CharField(_("weather"), max_length=200, blank=True)
    base_notes = models.TextField(
        _("base and parking"), blank=True, help_text=_("Unit base, parking, catering, where to meet.")
    )
    hospital_name = models.CharField(_("nearest hospital"), max_length=200, blank=True)
    hospital_address = models.CharField(_("hospital address"), max_length=300, blank=True)
    hospital_phone = models.CharField(_("hospital phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["schedule", "day_number"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "day_number"], name="schedules_one_call_sheet_a_day")
        ]
        verbose_name = _("call sheet")

    def __str__(self) -> str:
        return f"{self.schedule} · {self.day_number}"


class CastCall(models.Model):
    """A performer's times on a call sheet. The pick-up place is personal data."""

    call_sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="cast_calls")
    element = models.ForeignKey("scripts.Element", on_delete=models.CASCADE, related_name="+")
    pick_up = models.TimeField(_("pick-up"), null=True, blank=True)
    pick_up_place = models.CharField(_("pick-up place"), max_length=300, blank=True)
    make_up = models.TimeField(_("hair and make-up"), null=True, blank=True)
    on_set = models.TimeField(_("on set"), null=True, blank=True)
    remarks = models.CharField(_("remarks"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["call_sheet", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call_sheet", "element"], name="schedules_one_call_per_performer")
        ]

    def __str__(self) -> str:
        return f"{self.call_sheet} · {self.element_id}"


class CrewCall(models.Model):
    """A crew member's (or a department's) call on a call sheet. The phone is personal data."""

    call_sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="crew_calls")
    position = models.PositiveIntegerField(default=0)
    department = models.CharField(_("department"), max_length=80)
    role = models.CharField(_("role"), max_length=120, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    call = models.TimeField(_("call"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["call_sheet", "position", "id"]

    def __str__(self) -> str:
        return f"{self.call_sheet} · {self.department} {self.role}"


class PlanningSettings(models.Model):
    """A schedule's limits and weights for the planner (the Optimise page).

    ``weights`` holds only the weights a person changed, in cents by the engine's term name
    (``shooting_day``, ``company_move``...); the others come from the shipped
    ``engines/schedule/data/planning_weights.json``. The hours of a day are the schedule's
    own ``hours_per_day``; the rest rule is the engine's default.
    """

    schedule = models.OneToOneField(Schedule, on_delete=models.CASCADE, related_name="planning_settings")
    max_shooting_days = models.PositiveIntegerField(_("most shooting days"), null=True, blank=True)
    weights = models.JSONField(_("weights"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["schedule"]

    def __str__(self) -> str:
        return f"{self.schedule} · planning"


class PlanningTerm(models.Model):
    """One planning term a line producer sets on a schedule, for one thing of its board:

    * ``cast``: a cast element's daily rate and the dates they are available;
    * ``location``: the dates a shooting location can be used;
    * ``scene``: the date a scene must be shot on.

    Exactly one of ``element``, ``shooting_location`` and ``scene`` is set, as ``kind`` says.
    Dates outside the schedule's working days are kept: the planner says which scene they
    leave without a day.
    """

    class Kind(models.TextChoices):
        CAST = "cast", _("Cast")
        LOCATION = "location", _("Location")
        SCENE = "scene", _("Scene")

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="planning_terms")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    element = models.ForeignKey(
        "scripts.Element", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    shooting_location = models.ForeignKey(
        "scripts.ShootingLocation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    scene = models.ForeignKey(
        "scripts.Scene", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    daily_rate = models.DecimalField(_("daily rate"), max_digits=10, decimal_places=2, null=True, blank=True)
    first_date = models.DateField(_("available from"), null=True, blank=True)
    last_date = models.DateField(_("available until"), null=True, blank=True)
    fixed_date = models.DateField(_("shot on"), null=True, blank=True)

    class Meta:
        ordering = ["schedule", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind="cast", element__isnull=False, shooting_location__isnull=True, scene__isnull=True
                    )
                    | models.Q(
                        kind="location",
                        element__isnull=True,
                        shooting_location__isnull=False,
                        scene__isnull=True,
                    )
                    | models.Q(
                        kind="scene",
                        element__isnull=True,
                        shooting_location__isnull=True,
                        scene__isnull=False,
                    )
                ),
                name="schedules_planning_term_names_one_thing",
            ),
            models.UniqueConstraint(
                fields=["schedule", "element"],
                condition=models.Q(kind="cast"),
                name="schedules_one_term_per_cast",
            ),
            models.UniqueConstraint(
                fields=["schedule", "shooting_location"],
                condition=models.Q(kind="location"),
                name="schedules_one_term_per_location",
            ),
            models.UniqueConstraint(
                fields=["schedule", "scene"],
                condition=models.Q(kind="scene"),
                name="schedules_one_term_per_scene",
            ),
        ]
        verbose_name = _("planning term")

    def __str__(self) -> str:
        return f"{self.schedule} · {self.get_kind_display()}"
