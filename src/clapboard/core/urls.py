from django.urls import path

from . import views_health

app_name = "core"
urlpatterns: list = [
    path("healthz", views_health.healthz, name="healthz"),
]
