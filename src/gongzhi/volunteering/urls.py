from django.urls import path

from gongzhi.volunteering.views import leader, public, resident, staff

app_name = "volunteering"

urlpatterns = [
    # Public
    path("", public.calendar, name="calendar"),
    path("activities/<int:pk>/", public.activity_detail, name="activity_detail"),
    path("teams/", public.team_list, name="team_list"),
    path("teams/<int:pk>/", public.team_detail, name="team_detail"),
    # Residents
    path("activities/<int:pk>/sign-up/", resident.sign_up, name="sign_up"),
    path("activities/<int:pk>/cancel/", resident.cancel, name="cancel"),
    path("me/", resident.my_activities, name="my_activities"),
    path("me/record/", resident.my_record, name="my_record"),
    path("scan/<str:code>/", resident.scan_activity_code, name="scan"),
    path("certificates/<int:pk>/", resident.certificate_pdf, name="certificate_pdf"),
    # Leaders
    path("lead/", staff.my_console, name="lead_list"),
    path("lead/new/", staff.activity_new, name="activity_new"),
    path("lead/<int:pk>/", leader.console, name="console"),
    path("lead/<int:pk>/edit/", staff.activity_edit, name="activity_edit"),
    path("lead/<int:pk>/publish/", staff.publish, name="publish"),
    path("lead/<int:pk>/cancel/", staff.cancel_activity, name="cancel_activity"),
    path("lead/<int:pk>/code/<str:purpose>/", leader.rotating_code, name="rotating_code"),
    path("lead/<int:pk>/enter-code/", leader.enter_code, name="enter_code"),
    path(
        "lead/<int:pk>/people/<int:person_pk>/<str:action>/",
        leader.manual_check,
        name="manual_check",
    ),
    path(
        "lead/<int:pk>/attendance/<int:attendance_pk>/hours/",
        leader.adjust_hours,
        name="adjust_hours",
    ),
    path("lead/<int:pk>/report/", leader.file_report, name="file_report"),
    path("lead/<int:pk>/photos/<int:photo_pk>/", leader.report_photo, name="report_photo"),
    path("checkin/<str:token>/", leader.personal_scan, name="personal_scan"),
    # Staff
    path("people/<int:pk>/record/", staff.person_record, name="person_record"),
]
