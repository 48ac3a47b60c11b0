"""Scripts, their versions (drafts and revisions), scenes, breakdown elements and tags, locations.

A production has one script per film (or per episode for a series). Each import of a
draft makes a new ``ScriptVersion`` with its own ``Scene`` rows; breakdown ``Element``
rows belong to the script, so that an element (a character, a car, a dog) keeps its
identity, its merged aliases and its actor across drafts. A ``Tag`` puts an element in a
scene of one version, with the span of scene text that names it when there is one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clapboard.core.models import TimeStampedModel, VersionedModel

from .categories import category_choices


class Script(VersionedModel):
    """The screenplay of a film, or of one episode of a series."""

    production = models.ForeignKey(
        "productions.Production",
        on_delete=models.CASCADE,
        related_name="scripts",
        verbose_name=_("production"),
    )
    episode = models.ForeignKey(
        "productions.Episode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scripts",
        verbose_name=_("episode"),
    )
    title = models.CharField(_("title"), max_length=200)
    numbers_locked = models.BooleanField(_("scene numbers locked"), default=False)
    minutes_per_page = models.DecimalField(
        _("screen minutes per page"), max_digits=4, decimal_places=2, default=1
    )
    current_version = models.ForeignKey(
        "ScriptVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("script")

    def __str__(self) -> str:
        return self.title


class RevisionColour(models.TextChoices):
    """The usual sequence of revision page colours."""

    WHITE = "white", _("White")
    BLUE = "blue", _("Blue")
    PINK = "pink", _("Pink")
    YELLOW = "yellow", _("Yellow")
    GREEN = "green", _("Green")
    GOLDENROD = "goldenrod", _("Goldenrod")
    BUFF = "buff", _("Buff")
    SALMON = "salmon", _("Salmon")
    CHERRY = "cherry", _("Cherry")
    TAN = "tan", _("Tan")


class ScriptVersion(TimeStampedModel):
    """One imported draft of a script: its source file and its scenes."""

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    label = models.CharField(_("label"), max_length=120, blank=True)
    colour = models.CharField(
        _("revision colour"), max_length=12, choices=RevisionColour.choices, default=RevisionColour.WHITE
    )
    revision_date = models.DateField(_("revision date"))
    source_name = models.CharField(_("file"), max_length=255)
    source_format = models.CharField(_("format"), max_length=10)
    source_path = models.CharField(max_length=500, blank=True, editable=False)
    paper = models.CharField(_("paper"), max_length=10, default="letter")
    title = models.CharField(_("title on the title page"), max_length=300, blank=True)
    page_count = models.PositiveIntegerField(_("pages"))
    scene_count = models.PositiveIntegerField(_("scenes"))
    total_eighths = models.PositiveIntegerField(_("length in eighths"))
    # The engine's speaking characters: [{"name", "scenes", "lines", "words"}], for statistics.
    character_stats = models.JSONField(default=list, blank=True, editable=False)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    numbered_from_locked = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["script", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["script", "number"], name="scripts_version_number_unique")
        ]
        verbose_name = _("script version")

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        return self.label or _("Version %(number)s") % {"number": self.number}


class ShootingLocation(VersionedModel):
    """A real place where the production shoots, with who to call and what it costs."""

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="shooting_locations"
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    cost_per_day = models.DecimalField(
        _("cost per day"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("shooting location")

    def __str__(self) -> str:
        return self.name


class ScriptLocation(models.Model):
    """A place as the script names it in its scene headings, linked to where it is shot."""

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("location in the script"), max_length=300)
    shooting_location = models.ForeignKey(
        ShootingLocation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="script_locations",
        verbose_name=_("shooting location"),
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["script", "name"], name="scripts_location_name_unique")
        ]
        verbose_name = _("script location")

    def __str__(self) -> str:
        return self.name


class Scene(models.Model):
    """A scene of one version, in reading order; an omitted placeholder keeps its number."""

    class Change(models.TextChoices):
        FIRST = "", _("First version")
        UNCHANGED = "unchanged", _("Unchanged")
        CHANGED = "changed", _("Changed")
        ADDED = "added", _("Added")
        OMITTED = "omitted", _("Omitted")

    version = models.ForeignKey(ScriptVersion, on_delete=models.CASCADE, related_name="scenes")
    position = models.PositiveIntegerField()
    number = models.CharField(_("scene number"), max_length=20, blank=True)
    heading = models.CharField(_("heading"), max_length=500)
    int_ext = models.CharField(_("INT/EXT"), max_length=8, blank=True)
    location_name = models.CharField(_("location"), max_length=300, blank=True)
    time_of_day = models.CharField(_("time of day"), max_length=100, blank=True)
    page_start = models.PositiveIntegerField(_("page"), default=1)
    eighths = models.PositiveIntegerField(_("eighths"), default=0)
    text = models.TextField(_("text"), blank=True)
    speaking = models.JSONField(default=list, blank=True)
    characters = models.JSONField(default=list, blank=True)
    synopsis = models.CharField(_("synopsis"), max_length=300, blank=True)
    omitted = models.BooleanField(_("omitted"), default=False)
    change = models.CharField(_("change"), max_length=10, choices=Change.choices, blank=True)
    moved = models.BooleanField(_("moved"), default=False)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    script_location = models.ForeignKey(
        ScriptLocation, null=True, blank=True, on_delete=models.SET_NULL, related_name="scenes"
    )

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="scripts_scene_position_unique")
        ]
        verbose_name = _("scene")

    def __str__(self) -> str:
        return f"{self.number or self.position}. {self.heading}"

    @property
    def label(self) -> str:
        return self.number or str(self.position)


class Element(VersionedModel):
    """Something a scene needs: a character, an extra, a car, a prop, a dog, an effect."""

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="elements")
    category = models.CharField(_("category"), max_length=24, choices=category_choices)
    name = models.CharField(_("name"), max_length=200)
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    minor = models.BooleanField(_("minor (under 16)"), default=False)
    actor = models.CharField(_("played by"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["script", "category", "name"], name="scripts_element_unique")
        ]
        verbose_name = _("breakdown element")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """An element in a scene: suggested by the import, then accepted or rejected by a person."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    class Source(models.TextChoices):
        DIALOGUE = "dialogue", _("speaks in the scene")
        CAPITALS = "capitals", _("named in capitals")
        MENTION = "mention", _("named in the action")
        LEXICON = "lexicon", _("word from the lexicon")
        MANUAL = "manual", _("added by hand")
        CARRIED = "carried", _("kept from the previous version")

    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="tags")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="tags")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scene", "start", "id"]
        indexes = [models.Index(fields=["element", "status"])]
        verbose_name = _("breakdown tag")

    def __str__(self) -> str:
        return f"{self.element} @ {self.scene}"
