"""Forms of the script pages. They parse and show errors; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clapboard.core.forms import VersionedModelForm
from clapboard.engines.screenplay import FORMATS, MAX_SCRIPT_BYTES

from .actions import ELEMENT_FIELDS, LOCATION_FIELDS, SCRIPT_FIELDS
from .categories import category_choices
from .models import Element, RevisionColour, Script, ShootingLocation

ACCEPTED_FILES = ".fountain,.spmd,.txt,.text,.fdx,.pdf"
PAPER_CHOICES = (("letter", _("US Letter")), ("a4", _("A4")))
FORMAT_LABELS = {
    "auto": _("Recognise from the file"),
    "fountain": "Fountain",
    "fdx": "Final Draft (FDX)",
    "pdf": "PDF",
    "txt": _("Plain text"),
}


class ScriptForm(VersionedModelForm):
    class Meta:
        model = Script
        fields = SCRIPT_FIELDS

    def __init__(self, *args: Any, production: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        production = production or getattr(self.instance, "production", None)
        if production is not None and production.is_series:
            self.fields["episode"].queryset = production.episodes.all()
        else:
            del self.fields["episode"]
        self.fields["minutes_per_page"].widget.attrs.update({"class": "input--number", "step": "0.05"})
        self.fields["minutes_per_page"].help_text = _(
            "About one minute of screen time a page; adjust it to the director's pace."
        )


class ScriptCreateForm(ScriptForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["version"]


class DraftImportForm(forms.Form):
    """A draft to import: the file and what to call the new version."""

    file = forms.FileField(
        label=_("script file"),
        # An empty file reaches clean_file, whose message names the file.
        allow_empty_file=True,
        help_text=_("Fountain, Final Draft (FDX), PDF with a text layer or plain text; 20 MB at most."),
    )
    label = forms.CharField(
        label=_("label"),
        max_length=120,
        required=False,
        help_text=_("For example “Draft 3” or “Blue revision”."),
    )
    colour = forms.ChoiceField(
        label=_("revision colour"), choices=RevisionColour.choices, initial=RevisionColour.WHITE
    )
    revision_date = forms.DateField(
        label=_("revision date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    paper = forms.ChoiceField(
        label=_("paper"),
        choices=PAPER_CHOICES,
        initial="a4",
        help_text=_("Used to count pages of Fountain and plain-text files; PDF keeps its own pages."),
    )
    source_format = forms.ChoiceField(
        label=_("format"), choices=[(code, FORMAT_LABELS[code]) for code in FORMATS], initial="auto"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ACCEPTED_FILES

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SCRIPT_BYTES:
            raise forms.ValidationError(
                _("%(file)s is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {
                    "file": upload.name,
                    "size": upload.size // (1024 * 1024),
                    "limit": MAX_SCRIPT_BYTES // (1024 * 1024),
                }
            )
        if upload.size == 0:
            raise forms.ValidationError(_("%(file)s is empty.") % {"file": upload.name})
        return upload


class ElementForm(VersionedModelForm):
    class Meta:
        model = Element
        fields = ELEMENT_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Element.objects.none(), label=_("keep"))
    others = forms.ModelMultipleChoiceField(queryset=Element.objects.none(), label=_("merge into it"))

    def __init__(self, *args: Any, elements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = elements
        self.fields["others"].queryset = elements


class TagForm(forms.Form):
    """An element tagged by hand, or a suggestion edited: category, name, optional span."""

    category = forms.ChoiceField(label=_("category"), choices=category_choices)
    name = forms.CharField(label=_("element"), max_length=200)
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class ShootingLocationForm(VersionedModelForm):
    class Meta:
        model = ShootingLocation
        fields = LOCATION_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 2}), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cost_per_day"].widget.attrs.update({"class": "input--number", "step": "0.01"})


class ShootingLocationCreateForm(ShootingLocationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["version"]
