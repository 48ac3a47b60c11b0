from django.urls import path

from . import views_exports

app_name = "productions"
urlpatterns: list = [
    path(
        "productions/<int:production_id>/exports/<uuid:job_id>/download",
        views_exports.export_download,
        name="export_download",
    ),
]
