from django.urls import path

from . import views, views_files, views_versions

app_name = "budgets"

P = "productions/<int:production_id>/budget/"
V = P + "<int:version_id>/"

urlpatterns = [
    path(P, views.home, name="home"),
    path(P + "new/", views.budget_create, name="budget_create"),
    path(P + "import/", views_files.budget_import, name="budget_import"),
    path(P + "import/<str:token>/", views_files.table_mapping, name="table_mapping"),
    path(V, views.version, name="version"),
    path(V + "lines/<int:line_id>/", views.line_update, name="line_update"),
    path(V + "lines/<int:line_id>/delete/", views.line_delete, name="line_delete"),
    path(V + "accounts/<int:account_id>/lines/", views.line_add, name="line_add"),
    path(V + "budget.json", views.export_json, name="export_json"),
    path(V + "budget.xlsx", views_files.export_xlsx, name="export_xlsx"),
    path(V + "budget.pdf", views_files.export_pdf, name="export_pdf"),
    path(V + "settings/", views_versions.version_settings, name="version_settings"),
    path(V + "status/", views_versions.version_status, name="version_status"),
    path(V + "revise/", views_versions.version_revise, name="version_revise"),
    path(V + "compare/", views_versions.version_compare, name="version_compare"),
    path(V + "top-sheet/", views_versions.version_top_sheet, name="version_top_sheet"),
]
