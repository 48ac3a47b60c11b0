"""Schedules in and out in the Universal Schedule Standard (USS): the download of a
schedule as a ``.uss`` file, and the page that imports one as a new script and schedule."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clapboard.core.downloads import download
from clapboard.engines.schedule.interchange import MAX_USS_BYTES
from clapboard.productions.access import ProductionAccess
from clapboard.productions.decorators import production_view
from clapboard.productions.roles import Capability

from .access import schedule_of
from .interchange import export_uss, import_uss

USS_TYPE = "application/json"


class UssImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("USS file"),
        allow_empty_file=True,  # an empty file reaches clean_file, whose message names it
        help_text=gettext_lazy("A .uss file from another scheduling tool or from Clapboard; 20 MB at most."),
    )
    name = forms.CharField(
        label=gettext_lazy("Schedule name"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("By default the stripboard's name in the file."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".uss,.json,application/json"

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_USS_BYTES:
            raise forms.ValidationError(
                _("%(file)s is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {
                    "file": upload.name,
                    "size": upload.size // (1024 * 1024),
                    "limit": MAX_USS_BYTES // (1024 * 1024),
                }
            )
        if upload.size == 0:
            raise forms.ValidationError(_("%(file)s is empty.") % {"file": upload.name})
        return upload


@production_view(Capability.VIEW)
def uss_export(request: HttpRequest, access: ProductionAccess, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(access, schedule_id)
    content = json.dumps(export_uss(schedule), ensure_ascii=False, indent=2)
    return download(
        content, f"{USS_TYPE}; charset=utf-8", f"{access.production.title} {schedule.name}", "uss"
    )


@production_view(Capability.EDIT)
def uss_import(request: HttpRequest, access: ProductionAccess) -> HttpResponse:
    form = UssImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            schedule = import_uss(
                access.production,
                upload.read(),
                acting_user=request.user,
                name=form.cleaned_data["name"],
                source_name=upload.name or "",
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(
                request,
                _("“%(name)s” is imported, with its script and breakdown.") % {"name": schedule.name},
            )
            return redirect("schedules:board", production_id=access.production.pk, schedule_id=schedule.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "schedules/import.html", {"production": access.production, "form": form}, status=status
    )
