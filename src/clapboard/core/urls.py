from django.urls import path

from . import views, views_health

app_name = "core"
urlpatterns = [
    path("healthz", views_health.healthz, name="healthz"),
    path("jobs/<uuid:job_id>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:job_id>/cancel/", views.job_cancel, name="job_cancel"),
]
