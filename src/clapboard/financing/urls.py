from django.urls import path

from . import views, views_exports, views_sources

app_name = "financing"

P = "productions/<int:production_id>/financing/"
F = P + "<int:plan_id>/"

urlpatterns = [
    path(P, views.home, name="home"),
    path(P + "new/", views.plan_create, name="plan_create"),
    path(F, views.plan, name="plan"),
    path(F + "settings/", views.plan_settings, name="plan_settings"),
    path(F + "recheck/", views.plan_recheck, name="plan_recheck"),
    path(F + "delete/", views.plan_delete, name="plan_delete"),
    path(F + "sources.csv", views.export_csv, name="export_csv"),
    path(F + "plan.json", views.export_json, name="export_json"),
    path(F + "plan.pdf", views_exports.plan_pdf, name="plan_pdf"),
    path(F + "plan.xlsx", views_exports.plan_xlsx, name="plan_xlsx"),
    path(F + "investors.pdf", views_exports.investor_pdf, name="investor_pdf"),
    path(F + "sources/", views_sources.source_add, name="source_add"),
    path(F + "sources/<int:source_id>/", views_sources.source_edit, name="source_edit"),
    path(F + "sources/<int:source_id>/status/", views_sources.source_status, name="source_status"),
    path(F + "sources/<int:source_id>/delete/", views_sources.source_delete, name="source_delete"),
    path(F + "scenarios/", views_sources.scenario_add, name="scenario_add"),
    path(F + "scenarios/<int:scenario_id>/", views_sources.scenario_edit, name="scenario_edit"),
    path(F + "scenarios/<int:scenario_id>/delete/", views_sources.scenario_delete, name="scenario_delete"),
]
