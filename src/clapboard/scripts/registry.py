"""What the scripts app adds to the shared registries: its navigation entry and its jobs."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clapboard.core.models import Job
from clapboard.core.views import register_result_link
from clapboard.productions.modules import Module, register_module

from .importing import IMPORT_KIND


def imported_version_url(job: Job) -> str | None:
    result = job.result or {}
    if job.production_id is None or "script_id" not in result:
        return None
    return reverse(
        "scripts:overview", kwargs={"production_id": job.production_id, "script_id": result["script_id"]}
    )


def register() -> None:
    register_module(Module(key="script", label=_("Script"), url_name="scripts:home", namespace="scripts"))
    register_result_link(IMPORT_KIND, imported_version_url, label=_("Open the script"))
