from django.contrib import admin
from django.urls import include, path

from clapboard.accounts import urls as accounts_urls
from clapboard.productions.views_team import invitation_accept

from .api import api

# The invitation link belongs to the account pages (it is where a newcomer signs up), but
# its view lives in productions, above accounts; the assembly adds it to their namespace.
accounts_patterns = [
    *accounts_urls.urlpatterns,
    path("invitations/<str:token>/", invitation_accept, name="invitation_accept"),
]

urlpatterns = [
    path("", include("clapboard.productions.urls")),
    path("", include("clapboard.scripts.urls")),
    path("", include("clapboard.schedules.urls")),
    path("", include("clapboard.budgets.urls")),
    path("", include("clapboard.financing.urls")),
    path("", include((accounts_patterns, accounts_urls.app_name))),
    path("companies/", include("clapboard.companies.urls")),
    path("", include("clapboard.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
