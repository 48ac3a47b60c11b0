from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("clapboard.productions.urls")),
    path("", include("clapboard.accounts.urls")),
    path("companies/", include("clapboard.companies.urls")),
    path("", include("clapboard.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
