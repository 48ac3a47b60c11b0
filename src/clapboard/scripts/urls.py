from django.urls import path

from . import views, views_assets, views_breakdown, views_elements, views_locations

app_name = "scripts"

P = "productions/<int:production_id>/script/"
S = P + "<int:script_id>/"
V = S + "v<int:number>/"

urlpatterns = [
    path("script/categories.css", views_assets.category_styles, name="category_styles"),
    path(P, views.home, name="home"),
    path(P + "new/", views.script_create, name="script_create"),
    path(S, views.overview, name="overview"),
    path(S + "import/", views.draft_import, name="import"),
    path(S + "settings/", views.script_edit, name="script_edit"),
    path(S + "lock-numbers/", views.lock_numbers, name="lock_numbers"),
    path(V + "scenes/", views_breakdown.scenes, name="scenes"),
    path(V + "statistics/", views.statistics, name="statistics"),
    path(V + "changes/", views.changes, name="changes"),
    path(V + "breakdown-sheets.pdf", views_breakdown.version_sheets_pdf, name="version_sheets_pdf"),
    path(P + "scenes/<int:scene_id>/", views_breakdown.scene, name="scene"),
    path(
        P + "scenes/<int:scene_id>/breakdown-sheet.pdf",
        views_breakdown.scene_sheet_pdf,
        name="scene_sheet_pdf",
    ),
    path(P + "scenes/<int:scene_id>/tags/", views_breakdown.tag_add, name="tag_add"),
    path(P + "scenes/<int:scene_id>/decide/", views_breakdown.scene_decide, name="scene_decide"),
    path(P + "scenes/<int:scene_id>/synopsis/", views_breakdown.scene_synopsis, name="scene_synopsis"),
    path(P + "tags/<int:tag_id>/decide/", views_breakdown.tag_decide, name="tag_decide"),
    path(P + "tags/<int:tag_id>/edit/", views_breakdown.tag_edit, name="tag_edit"),
    path(S + "elements/", views_elements.elements, name="elements"),
    path(S + "elements/merge/", views_elements.elements_merge, name="elements_merge"),
    path(P + "elements/<int:element_id>/", views_elements.element, name="element"),
    path(P + "elements/<int:element_id>/decide/", views_elements.element_decide, name="element_decide"),
    path(S + "locations/", views_locations.locations, name="locations"),
    path(S + "locations/new/", views_locations.shooting_location_create, name="shooting_location_create"),
    path(
        S + "locations/<int:location_id>/",
        views_locations.shooting_location_edit,
        name="shooting_location_edit",
    ),
    path(
        S + "locations/<int:location_id>/delete/",
        views_locations.shooting_location_delete,
        name="shooting_location_delete",
    ),
    path(P + "places/<int:place_id>/link/", views_locations.location_link, name="location_link"),
]
