"""Staff and handler pages of the case loop, under /cases/."""

from django.urls import path

from gongzhi.cases.views import (
    actions,
    case,
    casemap,
    disclosure,
    hotline,
    intake,
    notifications,
    photos,
    queues,
    revisits,
)

app_name = "cases"

urlpatterns = [
    path("", queues.queue, name="queue"),
    path("bulk-dispatch/", queues.bulk_dispatch, name="bulk_dispatch"),
    path("new/", intake.staff_new, name="staff_new"),
    path("finding/", intake.finding_new, name="finding_new"),
    path("import/", hotline.import_hotline, name="import_hotline"),
    path("map/", casemap.case_map, name="map"),
    path("map/data.json", casemap.case_map_data, name="map_data"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/open/", notifications.notification_open, name="notification_open"),
    path("photos/<int:pk>/<str:size>/", photos.photo, name="photo"),
    path("revisits/", revisits.revisit_page, name="revisits"),
    path("revisits/<int:pk>/done/", revisits.revisit_done, name="revisit_done"),
    path("<str:reference>/", case.case_detail, name="case_detail"),
    path("<str:reference>/panel/", case.case_panel, name="case_panel"),
    path("<str:reference>/act/<str:action>/", actions.case_act, name="case_act"),
    path("<str:reference>/note/", actions.case_note, name="case_note"),
    path("<str:reference>/followup/", actions.case_followup, name="case_followup"),
    path("<str:reference>/original/", disclosure.case_original, name="case_original"),
    path("<str:reference>/publication/", disclosure.case_publication, name="case_publication"),
]
