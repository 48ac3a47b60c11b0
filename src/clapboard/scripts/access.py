"""Reading a script's rows for a production the user may see: everything else is a 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from clapboard.productions.access import ProductionAccess

from .models import Element, Scene, Script, ScriptLocation, ScriptVersion, ShootingLocation, Tag


def script_of(access: ProductionAccess, script_id: int) -> Script:
    return get_object_or_404(
        Script.objects.select_related("current_version", "production"),
        pk=script_id,
        production=access.production,
    )


def version_of(access: ProductionAccess, script_id: int, number: int) -> ScriptVersion:
    return get_object_or_404(
        ScriptVersion.objects.select_related("script__production", "previous"),
        script_id=script_id,
        script__production=access.production,
        number=number,
    )


def scene_of(access: ProductionAccess, scene_id: int) -> Scene:
    return get_object_or_404(
        Scene.objects.select_related("version__script__production", "script_location", "previous__version"),
        pk=scene_id,
        version__script__production=access.production,
    )


def tag_of(access: ProductionAccess, tag_id: int) -> Tag:
    return get_object_or_404(
        Tag.objects.select_related("element", "scene__version__script"),
        pk=tag_id,
        scene__version__script__production=access.production,
    )


def element_of(access: ProductionAccess, element_id: int) -> Element:
    return get_object_or_404(
        Element.objects.select_related("script"), pk=element_id, script__production=access.production
    )


def script_location_of(access: ProductionAccess, location_id: int) -> ScriptLocation:
    return get_object_or_404(
        ScriptLocation.objects.select_related("script"), pk=location_id, script__production=access.production
    )


def shooting_location_of(access: ProductionAccess, location_id: int) -> ShootingLocation:
    return get_object_or_404(ShootingLocation, pk=location_id, production=access.production)
