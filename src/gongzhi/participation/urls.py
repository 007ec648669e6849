from django.urls import path

from gongzhi.participation.views import (
    board_desk,
    council_desk,
    demand_desk,
    public,
    resident,
    staff,
    task_desk,
)

app_name = "participation"

urlpatterns = [
    # Public
    path("", public.demands, name="demands"),
    path("demands/<int:pk>/", public.demand_detail, name="demand_public"),
    path("demands/photos/<int:pk>/<str:size>/", public.demand_photo, name="demand_photo"),
    path("tasks/", public.tasks, name="tasks"),
    path("tasks/<int:pk>/", public.task_detail, name="task_public"),
    path("tasks/photos/<int:pk>/<str:size>/", public.task_photo, name="task_photo"),
    path("services/", public.services, name="services"),
    path("services/<int:pk>/", public.service_detail, name="service_detail"),
    path("boards/", public.boards, name="boards"),
    path("boards/posts/<int:pk>/", public.post_detail, name="post_public"),
    path("boards/posts/<int:pk>/image/", public.post_image, name="post_image"),
    path("councils/", public.councils, name="councils"),
    # Residents
    path("demands/new/", resident.demand_new, name="demand_new"),
    path("demands/<int:pk>/support/", resident.demand_support, name="demand_support"),
    path("me/demands/", resident.my_demands, name="my_demands"),
    path("services/<int:pk>/request/", resident.service_request, name="service_request"),
    path("boards/new/", resident.post_new, name="post_new"),
    path("attend/", resident.attend_code, name="attend_code"),
    path("attend/<str:token>/", resident.attend, name="attend"),
    # Staff
    path("staff/", staff.staff_home, name="staff_home"),
    path("staff/phone/", staff.worker_home, name="worker_home"),
    path("staff/councils/new/", council_desk.council_new, name="council_new"),
    path("staff/councils/<int:pk>/", council_desk.council_detail, name="council_detail"),
    path("staff/councils/<int:pk>/<str:action>/", council_desk.council_act, name="council_act"),
    path("staff/compliance/", council_desk.compliance, name="compliance"),
    path("staff/demands/", demand_desk.staff_demands, name="staff_demands"),
    path("staff/demands/<int:pk>/", demand_desk.demand_manage, name="demand_manage"),
    path("staff/demands/<int:pk>/<str:action>/", demand_desk.demand_act, name="demand_act"),
    path(
        "staff/demand-photos/<int:pk>/<str:size>/",
        demand_desk.demand_staff_photo,
        name="demand_staff_photo",
    ),
    path("staff/tasks/", task_desk.staff_tasks, name="staff_tasks"),
    path("staff/tasks/new/", task_desk.task_new, name="task_new"),
    path("staff/tasks/<int:pk>/", task_desk.task_manage, name="task_manage"),
    path("staff/tasks/<int:pk>/<str:action>/", task_desk.task_act, name="task_act"),
    path("staff/requests/", task_desk.service_requests, name="service_requests"),
    path(
        "staff/requests/<int:pk>/<str:action>/",
        task_desk.service_request_act,
        name="service_request_act",
    ),
    path("staff/moderation/", board_desk.moderation, name="moderation"),
    path("staff/posts/<int:pk>/", board_desk.post_moderate, name="post_moderate"),
    path("staff/posts/<int:pk>/original/", board_desk.post_original, name="post_original"),
    path("staff/posts/<int:pk>/<str:action>/", board_desk.post_act, name="post_act"),
]
