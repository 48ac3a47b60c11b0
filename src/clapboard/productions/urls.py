from django.urls import path

from . import views, views_details, views_exports, views_team

app_name = "productions"

P = "productions/<int:production_id>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("productions/new/", views.production_create, name="production_create"),
    path("productions/switcher/", views.switcher, name="switcher"),
    path(P, views.dashboard, name="dashboard"),
    path(P + "edit/", views.production_edit, name="edit"),
    path(P + "phase/", views.phase_change, name="phase"),
    path(P + "activity/", views.activity, name="activity"),
    path(P + "export/", views.export_start, name="export"),
    path(P + "exports/<uuid:job_id>/download", views_exports.export_download, name="export_download"),
    path(P + "team/", views_team.team, name="team"),
    path(P + "team/invite/", views_team.member_invite, name="member_invite"),
    path(P + "team/<int:member_id>/", views_team.member_edit, name="member_edit"),
    path(P + "team/<int:member_id>/remove/", views_team.member_remove, name="member_remove"),
    path(P + "episodes/", views_details.episodes, name="episodes"),
    path(P + "episodes/new/", views_details.episode_create, name="episode_create"),
    path(P + "episodes/<int:episode_id>/", views_details.episode_edit, name="episode_edit"),
    path(P + "episodes/<int:episode_id>/delete/", views_details.episode_delete, name="episode_delete"),
    path(P + "dates/", views_details.key_dates, name="key_dates"),
    path(P + "dates/set/", views_details.key_date_set, name="key_date_set"),
    path(P + "dates/<int:key_date_id>/delete/", views_details.key_date_delete, name="key_date_delete"),
]
