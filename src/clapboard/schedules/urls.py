from django.urls import path

from . import views, views_call_sheets, views_documents, views_interchange, views_planning, views_reports

app_name = "schedules"

P = "productions/<int:production_id>/schedule/"
S = P + "<int:schedule_id>/"

urlpatterns = [
    path("feeds/<str:token>.ics", views_reports.feed, name="feed"),
    path(P, views.home, name="home"),
    path(P + "new/", views.schedule_create, name="schedule_create"),
    path(P + "import/", views_interchange.uss_import, name="uss_import"),
    path(S, views.board, name="board"),
    path(S + "settings/", views.schedule_edit, name="schedule_edit"),
    path(S + "reorder/", views.reorder, name="reorder"),
    path(S + "undo/", views.undo, name="undo"),
    path(S + "strips/", views.strip_add, name="strip_add"),
    path(S + "episodes/", views.episodes_add, name="episodes_add"),
    path(S + "strips/<int:strip_id>/remove/", views.strip_remove, name="strip_remove"),
    path(S + "optimise/", views_planning.optimise, name="optimise"),
    path(S + "optimise/start/", views_planning.plan_start, name="plan_start"),
    path(S + "optimise/<uuid:job_id>/", views_planning.plan_job, name="plan_job"),
    path(S + "optimise/<uuid:job_id>/stop/", views_planning.plan_stop, name="plan_stop"),
    path(S + "optimise/<uuid:job_id>/apply/", views_planning.plan_apply, name="plan_apply"),
    path(S + "calendar/", views_reports.calendar, name="calendar"),
    path(S + "day-out-of-days/", views_reports.day_out_of_days, name="day_out_of_days"),
    path(S + "call-sheets/", views_call_sheets.call_sheets, name="call_sheets"),
    path(S + "call-sheets/<int:day_number>/", views_call_sheets.call_sheet, name="call_sheet"),
    path(S + "call-sheets/<int:day_number>/edit/", views_call_sheets.call_sheet_edit, name="call_sheet_edit"),
    path(S + "call-sheets/<int:day_number>.pdf", views_documents.call_sheet_pdf, name="call_sheet_pdf"),
    path(S + "print/", views_documents.printing, name="print"),
    *[
        path(
            S + f"print/{document.replace('_', '-')}.{file_format}",
            views_documents.schedule_print,
            {"document": document, "file_format": file_format},
            name=f"{document}_{file_format}",
        )
        for document, file_format in (
            ("one_line", "pdf"),
            ("one_line", "xlsx"),
            ("shooting_schedule", "pdf"),
            ("shooting_schedule", "xlsx"),
            ("stripboard", "pdf"),
        )
    ],
    path(S + "day-out-of-days.xlsx", views_reports.day_out_of_days_xlsx, name="day_out_of_days_xlsx"),
    path(S + "export.uss", views_interchange.uss_export, name="uss_export"),
]
