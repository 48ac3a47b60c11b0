from django.urls import path

from . import views

app_name = "companies"
urlpatterns = [
    path("new/", views.company_create, name="company_create"),
    path("<int:company_id>/", views.company_detail, name="company_detail"),
    path("<int:company_id>/edit/", views.company_edit, name="company_edit"),
    path("<int:company_id>/members/add/", views.company_member_add, name="company_member_add"),
]
